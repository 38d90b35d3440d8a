// Specification: TableWriter — lists leave the system as xlsx or CSV that Excel and WPS open
// correctly, with ID numbers intact and nothing silently lost.
#include "ingest/table_writer.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

// Test names read as "TableWriter.IdNumbersStayTextInXlsx", so the fixture takes the class's
// name and the class itself is reached as Writer.
namespace baoxue {
namespace {

namespace fs = std::filesystem;
using ingest::table_format_for;
using ingest::TableFormat;
using ingest::write_table;
using Writer = ingest::TableWriter;

const std::string kId = "410308201501010012";
const std::string kTitle = "孟津区2026年秋季学期在校学生名单";
const std::vector<std::string> kHeader = {"姓名", "身份证号", "学校"};

class TableWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("baoxue_ingest_") + info->name() + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  static std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // One member of the xlsx zip, via the unzip tool; empty if the member does not exist.
  static std::string unzip_member(const std::string& xlsx, const std::string& member) {
    const std::string cmd = "unzip -p '" + xlsx + "' '" + member + "' 2>/dev/null";
    std::FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return {};
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
    return out;
  }

  // The <c …>…</c> element for a cell reference such as "B3", or empty.
  static std::string cell_xml(const std::string& sheet, const std::string& ref) {
    std::smatch m;
    const std::regex re("<c r=\"" + ref + "\"[^>]*(/>|>.*?</c>)");
    return std::regex_search(sheet, m, re) ? m.str(0) : std::string();
  }

  static std::string gb18030_to_utf8(const std::string& in) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    std::string out(in.size() * 4 + 4, '\0');
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1)) return "<iconv failed>";
    out.resize(out.size() - dst_left);
    return out;
  }

  fs::path dir_;
};

// --- xlsx -----------------------------------------------------------------------------------

TEST_F(TableWriter, IdNumbersStayTextInXlsx) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(write_table(path, TableFormat::kXlsx, "名单", kTitle, kHeader,
                          {{"张三", kId, "城关小学"}, {"李四", "41030820150101002X", ""}})
                  .ok());
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  const std::string b3 = cell_xml(sheet, "B3");
  ASSERT_FALSE(b3.empty()) << sheet;
  // A number cell has no t attribute (or t="n") and a <v>; a string cell is either inline
  // (constant_memory mode) or an index into the shared-strings table.
  if (b3.find("t=\"s\"") != std::string::npos) {
    EXPECT_NE(unzip_member(path, "xl/sharedStrings.xml").find(kId), std::string::npos);
  } else {
    EXPECT_NE(b3.find("t=\"inlineStr\""), std::string::npos) << b3;
    EXPECT_NE(b3.find("<t>" + kId + "</t>"), std::string::npos) << b3;
  }
  EXPECT_EQ(sheet.find("<v>" + kId + "</v>"), std::string::npos);
  EXPECT_NE(cell_xml(sheet, "B4").find("41030820150101002X"), std::string::npos);
}

TEST_F(TableWriter, TitleIsMergedAcrossTheHeaderInXlsx) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(write_table(path, TableFormat::kXlsx, "名单", kTitle, kHeader, {{"张三", kId}}).ok());
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<mergeCell ref=\"A1:C1\"/>"), std::string::npos) << sheet;
  EXPECT_NE(cell_xml(sheet, "A1").find(kTitle), std::string::npos);
  EXPECT_NE(cell_xml(sheet, "A2").find("姓名"), std::string::npos);  // header right below
}

TEST_F(TableWriter, WithoutTitleTheHeaderIsTheFirstRowInXlsx) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(write_table(path, TableFormat::kXlsx, "名单", "", kHeader, {{"张三", kId}}).ok());
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(sheet.find("<mergeCell"), std::string::npos);
  EXPECT_NE(cell_xml(sheet, "A1").find("姓名"), std::string::npos);
  EXPECT_NE(cell_xml(sheet, "B2").find(kId), std::string::npos);
}

TEST_F(TableWriter, HeaderRowIsBoldAndDataRowsAreNotInXlsx) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(write_table(path, TableFormat::kXlsx, "名单", "", kHeader, {{"张三", kId}}).ok());
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  const std::string styles = unzip_member(path, "xl/styles.xml");
  EXPECT_NE(styles.find("<b/>"), std::string::npos) << styles;
  EXPECT_NE(cell_xml(sheet, "A1").find(" s=\""), std::string::npos);  // styled
  EXPECT_EQ(cell_xml(sheet, "A2").find(" s=\""), std::string::npos);  // default style
}

TEST_F(TableWriter, ColumnsAreWideEnoughForAnIdNumberInXlsx) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(write_table(path, TableFormat::kXlsx, "名单", "", kHeader, {{"张三", kId}}).ok());
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(sheet, m, std::regex("<col min=\"2\" max=\"2\" width=\"([0-9.]+)\"")))
      << sheet;
  EXPECT_GE(std::stod(m.str(1)), 18.0);
  ASSERT_TRUE(
      std::regex_search(sheet, m, std::regex("<col min=\"1\" max=\"1\" width=\"([0-9.]+)\"")));
  EXPECT_GE(std::stod(m.str(1)), 10.0);
}

TEST_F(TableWriter, SheetNameLosesCharactersExcelForbidsAndIsCutTo31) {
  const std::string path = file("list.xlsx");
  ASSERT_TRUE(
      write_table(path, TableFormat::kXlsx, "[城关]:小学*名单?/2026\\", "", kHeader, {}).ok());
  EXPECT_NE(unzip_member(path, "xl/workbook.xml").find("name=\"城关小学名单2026\""),
            std::string::npos);

  const std::string long_path = file("long.xlsx");
  const std::string forty(40, 'a');
  ASSERT_TRUE(write_table(long_path, TableFormat::kXlsx, forty, "", kHeader, {}).ok());
  EXPECT_NE(
      unzip_member(long_path, "xl/workbook.xml").find("name=\"" + std::string(31, 'a') + "\""),
      std::string::npos);
}

TEST_F(TableWriter, ClosingTwiceIsHarmlessAndAddingAfterCloseIsAnError) {
  auto w = Writer::open(file("list.xlsx"), TableFormat::kXlsx, "名单", "", kHeader);
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_TRUE((*w)->add_row({"张三", kId}).ok());
  EXPECT_EQ((*w)->rows_written(), 1);
  EXPECT_TRUE((*w)->close().ok());
  EXPECT_TRUE((*w)->close().ok());
  const Status s = (*w)->add_row({"李四"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "table_closed");
}

TEST_F(TableWriter, TheDestructorFinishesTheFile) {
  const std::string path = file("list.xlsx");
  {
    auto w = Writer::open(path, TableFormat::kXlsx, "名单", "", kHeader);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add_row({"张三", kId}).ok());
  }
  EXPECT_NE(unzip_member(path, "xl/worksheets/sheet1.xml").find(kId), std::string::npos);
}

TEST_F(TableWriter, ManyRowsStreamThroughInXlsx) {
  const std::string path = file("big.xlsx");
  auto w = Writer::open(path, TableFormat::kXlsx, "名单", kTitle, kHeader);
  ASSERT_TRUE(w.ok());
  for (int i = 0; i < 20000; ++i)
    ASSERT_TRUE((*w)->add_row({"学生" + std::to_string(i), kId, "城关小学"}).ok());
  ASSERT_TRUE((*w)->close().ok());
  EXPECT_EQ((*w)->rows_written(), 20000);
  const std::string sheet = unzip_member(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(cell_xml(sheet, "A20002").find("学生19999"), std::string::npos);
}

// --- CSV ------------------------------------------------------------------------------------

TEST_F(TableWriter, CsvQuotesOnlyWhatRfc4180RequiresAndEndsLinesWithCrLf) {
  const std::string path = file("list.csv");
  ASSERT_TRUE(write_table(path, TableFormat::kCsvUtf8, "", "", {"a", "b", "c", "d", "e", "f"},
                          {{"plain", "x,y", "say \"hi\"", "two\nlines", " lead", "trail "},
                           {kId, "", "cr\r", "孟津区", "", "tab\tinside"}})
                  .ok());
  EXPECT_EQ(read_bytes(path),
            "a,b,c,d,e,f\r\n"
            "plain,\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\" lead\",\"trail \"\r\n" +
                kId + ",,\"cr\r\",孟津区,,tab\tinside\r\n");
}

TEST_F(TableWriter, RowsFormattedByTheCallerAreTheRowsAddRowWrites) {
  const std::vector<std::vector<std::string>> rows = {
      {"plain", "x,y", "say \"hi\"", "two\nlines", " lead", "trail "},
      {kId, "", "cr\r", "孟津区", "", "tab\tinside"}};
  const std::vector<std::string> header = {"a", "b", "c", "d", "e", "f"};
  ASSERT_TRUE(write_table(file("by_row.csv"), TableFormat::kCsvUtf8, "", "", header, rows).ok());
  auto w = Writer::open(file("by_text.csv"), TableFormat::kCsvUtf8, "", "", header);
  ASSERT_TRUE(w.ok());
  std::string text;
  for (const auto& r : rows) ingest::append_csv_row(text, {r[0], r[1], r[2], r[3], r[4], r[5]});
  ASSERT_TRUE((*w)->add_csv_rows(text, 2).ok());
  EXPECT_EQ((*w)->rows_written(), 2);
  ASSERT_TRUE((*w)->close().ok());
  EXPECT_EQ(read_bytes(file("by_text.csv")), read_bytes(file("by_row.csv")));
}

TEST_F(TableWriter, RowsFormattedAsCsvGoOnlyIntoUtf8Csv) {
  for (const auto& [name, format] :
       {std::pair{"list.xlsx", TableFormat::kXlsx}, std::pair{"gbk.csv", TableFormat::kCsvGb18030},
        std::pair{"list.tsv", TableFormat::kCsvUtf8}}) {
    auto w = Writer::open(file(name), format, "名单", "", {"姓名"});
    ASSERT_TRUE(w.ok()) << name;
    const Status s = (*w)->add_csv_rows("张三\r\n", 1);
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.error().code, "table_format_unsupported") << name;
  }
}

TEST_F(TableWriter, TsvSeparatesWithTabsAndQuotesCellsContainingTabs) {
  const std::string path = file("list.tsv");
  ASSERT_TRUE(
      write_table(path, TableFormat::kCsvUtf8, "", "", {"姓名", "备注"}, {{"张三", "a\tb, c"}})
          .ok());
  EXPECT_EQ(read_bytes(path), "姓名\t备注\r\n张三\t\"a\tb, c\"\r\n");
}

TEST_F(TableWriter, CsvTitleIsASingleCellLineAboveTheHeader) {
  const std::string path = file("list.csv");
  ASSERT_TRUE(write_table(path, TableFormat::kCsvUtf8, "", "名单, 2026", {"姓名", "身份证号"},
                          {{"张三", kId}})
                  .ok());
  EXPECT_EQ(read_bytes(path), "\"名单, 2026\"\r\n姓名,身份证号\r\n张三," + kId + "\r\n");
}

TEST_F(TableWriter, Utf8BomCsvStartsWithTheBomAndPlainUtf8DoesNot) {
  ASSERT_TRUE(write_table(file("bom.csv"), TableFormat::kCsvUtf8Bom, "", "", {"姓名"}, {}).ok());
  ASSERT_TRUE(write_table(file("plain.csv"), TableFormat::kCsvUtf8, "", "", {"姓名"}, {}).ok());
  EXPECT_EQ(read_bytes(file("bom.csv")), "\xEF\xBB\xBF姓名\r\n");
  EXPECT_EQ(read_bytes(file("plain.csv")), "姓名\r\n");
}

TEST_F(TableWriter, Gb18030CsvHoldsGbkBytesAndRoundTripsToTheSameText) {
  const std::string path = file("list.csv");
  const std::vector<std::vector<std::string>> rows = {
      {"张三", kId, "孟津区城关镇第一小学"},
      {"李\"四\"", "41030820150101002X", "会盟镇, 𠀀 希望小学 😀"},  // 4-byte GB18030 too
  };
  ASSERT_TRUE(write_table(path, TableFormat::kCsvGb18030, "", kTitle, kHeader, rows).ok());
  const std::string bytes = read_bytes(path);
  EXPECT_NE(bytes.find("\xC3\xCF\xBD\xF2\xC7\xF8"), std::string::npos);  // 孟津区 in GBK
  EXPECT_EQ(bytes.find("孟津区"), std::string::npos);                    // no UTF-8 left over
  EXPECT_EQ(gb18030_to_utf8(bytes), kTitle + "\r\n姓名,身份证号,学校\r\n张三," + kId +
                                        ",孟津区城关镇第一小学\r\n\"李\"\"四\"\"\","
                                        "41030820150101002X,\"会盟镇, 𠀀 希望小学 😀\"\r\n");
}

// --- errors ---------------------------------------------------------------------------------

TEST_F(TableWriter, InvalidUtf8IsAnErrorNamingRowAndColumnAndTheRowIsNotWritten) {
  const std::string path = file("list.csv");
  auto w = Writer::open(path, TableFormat::kCsvGb18030, "", kTitle, kHeader);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->add_row({"张三", kId, "城关小学"}).ok());
  // "孟" cut after its first byte, as happens when GBK text is mistaken for UTF-8 upstream.
  const Status s = (*w)->add_row({"李四", kId, "\xE5\xAD 津"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "table_invalid_utf8");
  EXPECT_NE(s.error().message.find("第 4 行第 3 列"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("学校"), std::string::npos);
  EXPECT_NE(s.error().message.find(path), std::string::npos);
  ASSERT_TRUE((*w)->add_row({"王五", kId, "会盟小学"}).ok());  // the writer goes on
  ASSERT_TRUE((*w)->close().ok());
  EXPECT_EQ((*w)->rows_written(), 2);
  const std::string text = gb18030_to_utf8(read_bytes(path));
  EXPECT_EQ(text.find("李四"), std::string::npos);
  EXPECT_NE(text.find("王五"), std::string::npos);
}

TEST_F(TableWriter, InvalidUtf8IsRejectedInXlsxAndUtf8CsvAlike) {
  for (const auto& [name, format] :
       {std::pair{"a.xlsx", TableFormat::kXlsx}, std::pair{"a.csv", TableFormat::kCsvUtf8}}) {
    auto w = Writer::open(file(name), format, "名单", "", kHeader);
    ASSERT_TRUE(w.ok());
    const Status s = (*w)->add_row({"\xFF"});
    ASSERT_FALSE(s.ok()) << name;
    EXPECT_EQ(s.error().code, "table_invalid_utf8");
    EXPECT_NE(s.error().message.find("第 2 行第 1 列（A 列“姓名”）"), std::string::npos)
        << s.error().message;
  }
}

TEST_F(TableWriter, OverlongAndSurrogateEncodingsAreNotUtf8) {
  auto w = Writer::open(file("a.csv"), TableFormat::kCsvUtf8, "", "", {});
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE((*w)->add_row({"\xC0\xAF"}).ok());          // overlong '/'
  EXPECT_FALSE((*w)->add_row({"\xED\xA0\x80"}).ok());      // U+D800
  EXPECT_FALSE((*w)->add_row({"\xF4\x90\x80\x80"}).ok());  // above U+10FFFF
  EXPECT_TRUE((*w)->add_row({"\xF0\x9F\x98\x80"}).ok());   // 😀
}

TEST_F(TableWriter, AnInvalidHeaderFailsTheOpenAndLeavesNoFile) {
  const std::string path = file("a.xlsx");
  auto w = Writer::open(path, TableFormat::kXlsx, "名单", "", {"姓名", "\xB9\xFA"});
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().code, "table_invalid_utf8");
  EXPECT_NE(w.error().message.find("第 1 行第 2 列"), std::string::npos) << w.error().message;
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(TableWriter, ANulByteIsAnErrorNotASilentlyCutCell) {
  auto w = Writer::open(file("a.xlsx"), TableFormat::kXlsx, "名单", "", kHeader);
  ASSERT_TRUE(w.ok());
  const Status s = (*w)->add_row({"张三", std::string("4103\0"
                                                      "08",
                                                      7)});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "table_nul_char");
  EXPECT_NE(s.error().message.find("身份证号"), std::string::npos);
}

TEST_F(TableWriter, ACellLongerThanExcelAllowsIsAnErrorInXlsx) {
  auto w = Writer::open(file("a.xlsx"), TableFormat::kXlsx, "名单", "", kHeader);
  ASSERT_TRUE(w.ok());
  const Status s = (*w)->add_row({"张三", std::string(32768, '1')});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "table_cell_too_long");
}

TEST_F(TableWriter, WritingIntoAMissingDirectoryIsAnErrorNotACrash) {
  for (const auto& [name, format] : {std::pair{"no/such/dir/a.xlsx", TableFormat::kXlsx},
                                     std::pair{"no/such/dir/a.csv", TableFormat::kCsvUtf8},
                                     std::pair{"no/such/dir/a.csv", TableFormat::kCsvGb18030}}) {
    const std::string path = file(name);
    auto w = Writer::open(path, format, "名单", kTitle, kHeader);
    ASSERT_FALSE(w.ok()) << name;
    EXPECT_EQ(w.error().code, "table_create_failed");
    EXPECT_NE(w.error().message.find(path), std::string::npos) << w.error().message;
    const Status s = write_table(path, format, "名单", "", kHeader, {{"张三"}});
    EXPECT_FALSE(s.ok());
  }
}

TEST_F(TableWriter, WriteTableRemovesThePartialFileOnError) {
  const std::string path = file("a.csv");
  const Status s =
      write_table(path, TableFormat::kCsvUtf8, "", "", kHeader, {{"张三", kId}, {"\xFF"}});
  ASSERT_FALSE(s.ok());
  EXPECT_FALSE(fs::exists(path));
}

// --- format from the file name --------------------------------------------------------------

TEST(TableFormat, ComesFromTheExtensionAndTheEncoding) {
  EXPECT_EQ(table_format_for("a/名单.xlsx").value(), TableFormat::kXlsx);
  EXPECT_EQ(table_format_for("名单.XLSX", "gbk").value(), TableFormat::kXlsx);
  EXPECT_EQ(table_format_for("名单.csv").value(), TableFormat::kCsvUtf8);
  EXPECT_EQ(table_format_for("名单.tsv", "UTF-8").value(), TableFormat::kCsvUtf8);
  EXPECT_EQ(table_format_for("名单.csv", "utf-8-bom").value(), TableFormat::kCsvUtf8Bom);
  EXPECT_EQ(table_format_for("名单.csv", "GB18030").value(), TableFormat::kCsvGb18030);
  EXPECT_EQ(table_format_for("名单.csv", "gbk").value(), TableFormat::kCsvGb18030);
  EXPECT_EQ(table_format_for("名单.xls").error().code, "table_format_unknown");
  EXPECT_EQ(table_format_for("名单").error().code, "table_format_unknown");
  EXPECT_EQ(table_format_for("名单.csv", "big5").error().code, "table_encoding_unknown");
}

}  // namespace
}  // namespace baoxue
