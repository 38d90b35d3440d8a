// Specification: CSV/TSV lists in whatever encoding Excel, WPS or a police system wrote them read
// as UTF-8 rows, numbered as Excel would show them.
#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ingest/encoding.h"
#include "ingest/row_reader.h"
#include "reader_test_util.h"

namespace baoxue::ingest {
namespace {

using testing::cells;
using testing::Rows;

// Opens bytes as a CSV with the given options and tuning, failing the test on error.
std::unique_ptr<RowReader> open_bytes(const std::string& bytes,
                                      const std::string& name = "名单.csv",
                                      const ReadOptions& options = {},
                                      const CsvTuning& tuning = {}) {
  auto r = open_csv(memory_source(bytes), name, options, tuning);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : nullptr;
}

using testing::read_ok;

TEST(CsvReader, AGbkExportFromExcelReadsAsUtf8) {
  auto r = open_table(testing::data_file("hukou_gbk.csv"), {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  RowReader& reader = **r;
  EXPECT_EQ(reader.encoding(), "gb18030");
  EXPECT_EQ(reader.description(), "csv，GB18030 编码，逗号分隔");
  const Rows rows = read_ok(reader);
  ASSERT_EQ(rows.size(), 7u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, cells({"序号", "姓名", "性别", "民族", "出生日期", "公民身份号码",
                                  "户籍地址", "与户主关系", "户号"}));
  EXPECT_EQ(rows[1].cells, cells({"1", "王建国", "男", "汉族", "1985-03-12", "410308198503120013",
                                  "孟津区会盟镇台荫村一组15号", "户主", "4103081001"}));
  // A quoted address keeps its comma, a doubled quote is one quote, U+3000 survives GBK.
  EXPECT_EQ(rows[4].cells[6], "孟津区会盟镇扣马村三组,28号");
  EXPECT_EQ(rows[5].cells[1], "张 伟");
  EXPECT_EQ(rows[5].cells[6], "孟津区会盟镇雷河村\u30002组");
  EXPECT_EQ(rows[6].cells[6], "孟津区会盟镇\"新庄\"村");
  EXPECT_EQ(rows[6].number, 7);
}

TEST(CsvReader, Utf8WithBomLosesTheBom) {
  auto reader = open_bytes("\xEF\xBB\xBF姓名,性别\n王子涵,男\n");
  EXPECT_EQ(reader->encoding(), "utf-8");
  EXPECT_EQ(reader->description(), "csv，UTF-8 编码，逗号分隔");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, cells({"姓名", "性别"}));
  EXPECT_EQ(rows[1].cells, cells({"王子涵", "男"}));
}

TEST(CsvReader, Utf8WithoutBomIsRecognised) {
  auto reader = open_bytes("姓名,身份证件号\r\n李欣怡,410308201907150229\r\n");
  EXPECT_EQ(reader->encoding(), "utf-8");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells, cells({"李欣怡", "410308201907150229"}));
}

TEST(CsvReader, ExcelUnicodeTextIsUtf16LeWithTabs) {
  const std::string bytes =
      "\xFF\xFE" + testing::to_utf16le("姓名\t班级\t备注\r\n王子涵\t1班\t\"住校, 周末回家\"\r\n");
  auto r = open_table_bytes(bytes, "名单.txt", {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)->encoding(), "utf-16le");
  EXPECT_EQ((*r)->description(), "txt，UTF-16LE 编码，制表符分隔");
  const Rows rows = read_ok(**r);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells, cells({"姓名", "班级", "备注"}));
  EXPECT_EQ(rows[1].cells, cells({"王子涵", "1班", "住校, 周末回家"}));
}

TEST(CsvReader, Utf16WithoutBomIsStillRecognised) {
  auto reader = open_bytes(testing::to_utf16le("xm\tbj\r\n王子涵\t1\r\n"));
  EXPECT_EQ(reader->encoding(), "utf-16le");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells, cells({"王子涵", "1"}));
}

TEST(CsvReader, ForcedEncodingWins) {
  const std::string gbk = testing::to_gbk("姓名,学校\n王子涵,会盟镇中心小学\n");
  for (const char* name : {"gbk", "GB2312", "cp936", "gb18030"}) {
    ReadOptions options;
    options.encoding = name;
    auto reader = open_bytes(gbk, "名单.csv", options);
    EXPECT_EQ(reader->encoding(), "gb18030") << name;
    EXPECT_EQ(read_ok(*reader).at(1).cells, cells({"王子涵", "会盟镇中心小学"})) << name;
  }
  // Forcing UTF-8 on GBK bytes is an error naming the first bad record, not mojibake.
  ReadOptions utf8;
  utf8.encoding = "UTF8";
  auto reader = open_bytes(gbk, "名单.csv", utf8);
  EXPECT_EQ(reader->encoding(), "utf-8");
  SheetRow row;
  EXPECT_FALSE(reader->next(row));
  ASSERT_FALSE(reader->status().ok());
  EXPECT_EQ(reader->status().error().code, "encoding_unknown");
  EXPECT_NE(reader->status().error().message.find("第 1 条记录"), std::string::npos);
}

TEST(CsvReader, AnUnknownForcedEncodingIsRefused) {
  ReadOptions options;
  options.encoding = "big5";
  auto r = open_csv(memory_source("a,b\n"), "名单.csv", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "encoding_unknown");
  EXPECT_NE(r.error().message.find("big5"), std::string::npos);
}

TEST(CsvReader, QuotedCellsKeepDelimitersQuotesAndLineBreaks) {
  auto reader = open_bytes(
      "姓名,住址,备注\n"
      "王子涵,\"会盟镇台荫村,一组\",\"他说\"\"在家\"\"\"\n"
      "李欣怡,\"第一行\r\n第二行\",\n"
      "\"\",\"\"\"\",x\"y\n");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].cells, cells({"王子涵", "会盟镇台荫村,一组", "他说\"在家\""}));
  EXPECT_EQ(rows[2].cells, cells({"李欣怡", "第一行\r\n第二行", ""}));
  EXPECT_EQ(rows[3].cells, cells({"", "\"", "x\"y"}));
}

TEST(CsvReader, RowNumbersCountRecordsNotLines) {
  // Line ends of every kind; a cell with two line breaks is still one record.
  auto reader = open_bytes("h1,h2\r\n\"a\nb\nc\",1\rsecond,2\n\nlast,3");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1].number, 2);
  EXPECT_EQ(rows[1].cells, cells({"a\nb\nc", "1"}));
  EXPECT_EQ(rows[2].number, 3);
  EXPECT_EQ(rows[2].cells, cells({"second", "2"}));
  // A blank line is a record (Excel shows an empty row) without cells.
  EXPECT_EQ(rows[3].number, 4);
  EXPECT_TRUE(rows[3].cells.empty());
  EXPECT_EQ(rows[4].number, 5);
  EXPECT_EQ(rows[4].cells, cells({"last", "3"}));
}

TEST(CsvReader, ChunkBoundariesNeverSplitACharacterOrARecord) {
  // '|' stands for the delimiter: a comma, or a tab for UTF-16 (Excel's Unicode text).
  const std::string pattern =
      "序号|姓名|户籍地址\r\n1|王建国|\"孟津区会盟镇台荫村一组,15号\"\r\n2|李秀英|"
      "\"雷河村\r\n二组\"\r\n3|𠀀字|扣马村\r";
  const Rows expected = {
      {1, cells({"序号", "姓名", "户籍地址"})},
      {2, cells({"1", "王建国", "孟津区会盟镇台荫村一组,15号"})},
      {3, cells({"2", "李秀英", "雷河村\r\n二组"})},
      {4, cells({"3", "𠀀字", "扣马村"})},
  };
  for (const std::string encoding : {"gb18030", "utf-8", "utf-16le"}) {
    std::string text = pattern;
    std::replace(text.begin(), text.end(), '|', encoding == "utf-16le" ? '\t' : ',');
    const std::string bytes = encoding == "gb18030" ? testing::convert(text, "GB18030")
                              : encoding == "utf-8" ? text
                                                    : testing::to_utf16le(text);
    for (std::size_t chunk = 1; chunk <= 9; ++chunk) {
      CsvTuning tuning;
      tuning.chunk_size = chunk;
      tuning.detect_size = chunk;
      ReadOptions options;
      options.encoding = encoding;
      auto reader = open_bytes(bytes, "户籍.csv", options, tuning);
      const Rows rows = read_ok(*reader);
      ASSERT_EQ(rows.size(), expected.size()) << encoding << " chunk " << chunk;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].number, expected[i].number);
        EXPECT_EQ(rows[i].cells, expected[i].cells) << encoding << " chunk " << chunk;
      }
    }
  }
}

TEST(CsvReader, GbkIsDetectedEvenWhenThePrefixEndsInsideACharacter) {
  // 姓 is two bytes in GBK; a 5-byte prefix ends in the middle of the third character.
  const std::string bytes = testing::to_gbk("姓名性别\n王子涵\n");
  CsvTuning tuning;
  tuning.detect_size = 5;
  tuning.chunk_size = 3;
  auto reader = open_bytes(bytes, "x.csv", {}, tuning);
  EXPECT_EQ(reader->encoding(), "gb18030");
  EXPECT_EQ(read_ok(*reader).at(1).cells, cells({"王子涵"}));
}

TEST(CsvReader, GbkBytesAfterAUtf8PrefixNameTheRecord) {
  // The first 64 bytes decide UTF-8; record 5 was pasted in from a GBK file.
  std::string bytes = "姓名,学校\n王子涵,中心小学\n李欣怡,中心小学\n张浩然,中心小学\n";
  ASSERT_GT(bytes.size(), 64u);
  bytes += testing::to_gbk("刘雨萱,扣马小学\n") + "end,x\n";
  CsvTuning tuning;
  tuning.detect_size = 64;
  tuning.chunk_size = 16;
  auto reader = open_bytes(bytes, "学生.csv", {}, tuning);
  EXPECT_EQ(reader->encoding(), "utf-8");
  const Rows rows = testing::read_all(*reader);
  ASSERT_EQ(rows.size(), 4u);  // the good records before it are still delivered
  EXPECT_EQ(rows[3].cells, cells({"张浩然", "中心小学"}));
  ASSERT_FALSE(reader->status().ok());
  EXPECT_EQ(reader->status().error().code, "encoding_unknown");
  EXPECT_NE(reader->status().error().message.find("“学生.csv”第 5 条记录"), std::string::npos)
      << reader->status().error().message;
}

TEST(CsvReader, AnInvalidByteAtTheVeryEndIsReported) {
  // A UTF-8 character cut off by the end of the file, after a prefix that decided UTF-8.
  CsvTuning tuning;
  tuning.detect_size = 4;
  auto reader = open_bytes("a,b\nc,d\xE4\xB8", "x.csv", {}, tuning);
  EXPECT_EQ(reader->encoding(), "utf-8");
  const Rows rows = testing::read_all(*reader);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_FALSE(reader->status().ok());
  EXPECT_NE(reader->status().error().message.find("第 2 条记录"), std::string::npos);
}

TEST(CsvReader, ANulByteMeansACorruptFile) {
  std::string bytes = "姓名,学校\n王子涵,中心\n李欣怡,";
  bytes += std::string(3, '\0') + "\n";
  auto reader = open_bytes(bytes);
  const Rows rows = testing::read_all(*reader);
  EXPECT_EQ(rows.size(), 2u);
  ASSERT_FALSE(reader->status().ok());
  EXPECT_EQ(reader->status().error().code, "file_corrupt");
  EXPECT_NE(reader->status().error().message.find("第 3 条记录"), std::string::npos);
  EXPECT_NE(reader->status().error().message.find("NUL"), std::string::npos);
}

TEST(CsvReader, DelimiterIsDetectedOutsideQuotesAndPastATitleRow) {
  {
    auto reader = open_bytes("孟津区学生名单\n姓名;学校;备注\n王子涵;中心小学;\"a,b,c,d\"\n");
    EXPECT_EQ(reader->description(), "csv，UTF-8 编码，分号分隔");
    EXPECT_EQ(read_ok(*reader).at(2).cells, cells({"王子涵", "中心小学", "a,b,c,d"}));
  }
  {
    auto reader = open_bytes("姓名\t学校\n王子涵\t中心小学,一年级\n");
    EXPECT_EQ(reader->description(), "csv，UTF-8 编码，制表符分隔");
    EXPECT_EQ(read_ok(*reader).at(1).cells, cells({"王子涵", "中心小学,一年级"}));
  }
  {
    // .tsv means tab even where commas are more frequent.
    auto reader = open_bytes("a,b,c\td\n", "名单.tsv");
    EXPECT_EQ(reader->description(), "tsv，UTF-8 编码，制表符分隔");
    EXPECT_EQ(read_ok(*reader).at(0).cells, cells({"a,b,c", "d"}));
  }
}

TEST(CsvReader, AnUnclosedQuoteIsAnErrorNotASwallowedFile) {
  auto reader = open_bytes("姓名,备注\n王子涵,\"没有闭合\n李欣怡,x\n");
  const Rows rows = testing::read_all(*reader);
  EXPECT_EQ(rows.size(), 1u);
  ASSERT_FALSE(reader->status().ok());
  EXPECT_EQ(reader->status().error().code, "file_corrupt");
  EXPECT_NE(reader->status().error().message.find("第 2 条记录"), std::string::npos);
}

TEST(CsvReader, RecordsReadAsViewsHoldTheSameCellsAsRecordsReadAsStrings) {
  // Quotes undone, delimiters, line breaks and text after a closing quote inside cells, a blank
  // line, a line of empty cells, a quoted empty cell alone, CR and CRLF endings.
  const std::string text =
      "姓名,备注,地址\r\n王子涵,\"说\"\"好\"\"的\",\"台荫村,\n3组\"\n\n,,\n\"\"\n"
      "李欣怡,\"a\"b,c\"d\rx,\"\"\"\"\"\"\n末行,,";
  const CsvRecordParser parser(',');
  std::size_t as_strings = 0, as_views = 0;
  SheetRow row;
  CsvCells views;
  std::vector<std::vector<std::string>> expected;
  while (parser.parse(text, as_strings, true, row) == CsvRecordParser::Parse::kRecord)
    expected.push_back(row.cells);
  for (const auto& want : expected) {
    ASSERT_EQ(parser.parse(text, as_views, true, views), CsvRecordParser::Parse::kRecord);
    EXPECT_EQ(std::vector<std::string>(views.cells().begin(), views.cells().end()), want);
  }
  EXPECT_EQ(parser.parse(text, as_views, true, views), CsvRecordParser::Parse::kEnd);
  ASSERT_EQ(expected.size(), 8u);
  using testing::cells;
  EXPECT_EQ(expected[1], cells({"王子涵", "说\"好\"的", "台荫村,\n3组"}));
  EXPECT_TRUE(expected[2].empty());  // a blank line has no cells
  EXPECT_EQ(expected[4], cells({""}));
  EXPECT_EQ(expected[5], cells({"李欣怡", "ab", "c\"d"}));
  EXPECT_EQ(expected[6], cells({"x", "\"\""}));
}

TEST(Encoding, NamesAndUtf8Validation) {
  EXPECT_EQ(normalize_encoding_name("GBK"), "gb18030");
  EXPECT_EQ(normalize_encoding_name("utf8"), "utf-8");
  EXPECT_EQ(normalize_encoding_name("UTF-16"), "utf-16");
  EXPECT_EQ(normalize_encoding_name("latin1"), "");
  EXPECT_TRUE(is_valid_utf8("王子涵"));
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));            // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));        // surrogate
  EXPECT_EQ(utf8_incomplete_tail("ab\xE7\x8E"), 2u);  // 王 cut short
  EXPECT_EQ(utf8_incomplete_tail("ab\xE7\x8E\x8B"), 0u);
  EXPECT_EQ(sanitize_utf8("a\xFF"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
}

}  // namespace
}  // namespace baoxue::ingest
