// Specification: a list file cannot make a reader hold more than its limits (read_limits.h). A
// file past a limit is refused with the limit's code and a message naming the file, the limit,
// its value, where it was hit and what to do — while it is being read, before the memory is
// taken: a megabyte xlsx that inflates to a gigabyte fails in moments, in a few megabytes.
#include "ingest/read_limits.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "bomb_util.h"
#include "ingest/csv_reader.h"
#include "ingest/row_reader.h"
#include "reader_test_util.h"

namespace baoxue::ingest {
namespace {

using testing::BombPart;
using testing::cells;
using testing::ChildRead;
using testing::Rows;

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
constexpr std::size_t kMiB = std::size_t{1} << 20;
// What a refused bomb may cost: "well under" the server's 300 MB. The figure includes the test
// process the reading child is a copy of (some 10 MB).
constexpr long kBombPeakKiB = 100 * 1024;
const std::string kAdvice = "请检查文件是否损坏，或拆分后分批导入";

const char* kOneSheet = R"(<sheet name="名单" sheetId="1" r:id="rId1"/>)";

std::string inline_cell(const std::string& ref, const std::string& text) {
  return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
}

std::string shared_xml(const std::vector<std::string>& strings) {
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const auto& s : strings) x += "<si><t>" + s + "</t></si>";
  return x + "</sst>";
}

// An xlsx of one sheet "名单" (and shared strings if given), written with libzip.
std::string small_xlsx(const testing::TempDir& dir, const std::string& sheet_rows,
                       const std::string& merges = "", const std::string& shared = "") {
  const std::string path = dir.file("名单.xlsx");
  testing::make_zip(path,
                    testing::xlsx_parts(testing::sheet_xml(sheet_rows, merges), shared, kOneSheet));
  return path;
}

ReadOptions with(const ReadLimits& limits) {
  ReadOptions o;
  o.limits = limits;
  return o;
}

// Opens and reads everything in this process: the rows, and the error at open or at the end.
struct Outcome {
  Rows rows;
  Error error;
  bool ok = false;
};
Outcome read_file(const std::string& path, const ReadLimits& limits) {
  Outcome out;
  auto r = open_table(path, with(limits));
  if (!r.ok()) {
    out.error = r.error();
    return out;
  }
  out.rows = testing::read_all(**r);
  out.ok = r.value()->status().ok();
  if (!out.ok) out.error = r.value()->status().error();
  return out;
}

void expect_message(const Error& e, std::initializer_list<std::string> parts) {
  for (const std::string& part : parts)
    EXPECT_NE(e.message.find(part), std::string::npos)
        << "missing “" << part << "” in " << e.message;
  EXPECT_NE(e.message.find(kAdvice), std::string::npos) << e.message;
}

// ---- xlsx ------------------------------------------------------------------------------------

TEST(XlsxLimits, AnInlineCellLongerThanTheLimitIsRefusedWhereItIs) {
  testing::TempDir dir;
  const std::string path = small_xlsx(dir, "<row r=\"1\">" + inline_cell("A1", "姓名") +
                                               "</row><row r=\"2\">" + inline_cell("A2", "张三") +
                                               inline_cell("B2", std::string(11, 'x')) + "</row>");
  ReadLimits limits;
  limits.max_cell_bytes = 10;
  const Outcome out = read_file(path, limits);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "cell_too_long");
  expect_message(out.error, {"“名单.xlsx”", "工作表“名单”第 2 行 B 列", "10 字节"});
  ASSERT_EQ(out.rows.size(), 1u);  // the rows before it are handed out, then the error

  limits.max_cell_bytes = 11;  // at the limit is within it
  EXPECT_TRUE(read_file(path, limits).ok);
}

TEST(XlsxLimits, SharedStringsAreHeldToTheirCountTheirTotalAndTheCellLimit) {
  testing::TempDir dir;
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>)";
  const std::string path = small_xlsx(dir, rows, "", shared_xml({"姓名", "身份证号", "张三"}));
  EXPECT_TRUE(read_file(path, {}).ok);

  ReadLimits limits;
  limits.max_shared_strings = 2;
  Outcome out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_shared_strings");
  expect_message(out.error, {"“名单.xlsx”", "2 个"});

  limits = {};
  limits.max_shared_string_bytes = 20;  // the three are 6 + 12 + 6 bytes
  out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "shared_strings_too_large");
  expect_message(out.error, {"20 字节"});

  limits = {};
  limits.max_cell_bytes = 11;
  out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "cell_too_long");
  expect_message(out.error, {"共享字符串表第 2 项", "11 字节"});
}

TEST(XlsxLimits, CellsColumnsAndRowsAreCountedAsTheSheetIsRead) {
  testing::TempDir dir;
  // Six cells, four columns wide, three rows; empty cells count.
  const std::string path =
      small_xlsx(dir, R"(<row r="1"><c r="A1"><v>1</v></c><c r="B1"/></row>)"
                      R"(<row r="2"><c r="A2"><v>2</v></c><c r="D2"><v>4</v></c></row>)"
                      R"(<row r="3"><c r="A3"/><c r="B3"><v>3</v></c></row>)");
  EXPECT_TRUE(read_file(path, {}).ok);

  ReadLimits limits;
  limits.max_cells = 5;
  Outcome out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_cells");
  expect_message(out.error, {"工作表“名单”第 3 行", "5 个"});
  EXPECT_EQ(out.rows.size(), 2u);

  limits = {};
  limits.max_columns = 3;
  out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_columns");
  expect_message(out.error, {"第 2 行 D 列", "3 列"});

  limits = {};
  limits.max_rows = 2;
  out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_rows");
  expect_message(out.error, {"第 3 行", "2 行"});
}

TEST(XlsxLimits, ARowCountsTheValuesMergedIntoIt) {
  testing::TempDir dir;
  // Ten bytes merged across ten columns: a row of 100 bytes from a file that spells out 10.
  const std::string path =
      small_xlsx(dir, "<row r=\"1\">" + inline_cell("A1", "0123456789") + "</row>",
                 R"(<mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells>)");
  ReadLimits limits;
  limits.max_row_bytes = 100;
  Outcome out = read_file(path, limits);
  ASSERT_TRUE(out.ok) << out.error.message;
  EXPECT_EQ(out.rows.at(0).cells, std::vector<std::string>(10, "0123456789"));
  limits.max_row_bytes = 99;
  out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "row_too_long");
  expect_message(out.error, {"工作表“名单”第 1 行", "99 字节", "合并单元格"});
}

TEST(XlsxLimits, MergedRangesAreCounted) {
  testing::TempDir dir;
  const std::string path = small_xlsx(
      dir, "<row r=\"1\">" + inline_cell("A1", "学校") + inline_cell("C1", "班级") + "</row>",
      R"(<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C1:D1"/></mergeCells>)");
  ReadLimits limits;
  limits.max_merged_ranges = 2;
  EXPECT_TRUE(read_file(path, limits).ok);
  limits.max_merged_ranges = 1;
  const Outcome out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_merged_ranges");
  expect_message(out.error, {"工作表“名单”", "1 处"});
}

TEST(XlsxLimits, TheBytesInflatedFromAllPartsTogetherAreCounted) {
  testing::TempDir dir;
  const std::string path =
      small_xlsx(dir, "<row r=\"1\">" + inline_cell("A1", std::string(3000, 'x')) + "</row>");
  ReadLimits limits;
  limits.max_decompressed_bytes = 4000;  // the small parts pass, the sheet does not
  const Outcome out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "file_too_large_decompressed");
  expect_message(out.error, {"“名单.xlsx”", "4,000 字节", "xl/worksheets/sheet1.xml"});
  limits.max_decompressed_bytes = 100000;
  EXPECT_TRUE(read_file(path, limits).ok);
}

TEST(XlsxLimits, AZipOfTooManyEntriesIsRefusedBeforeItsDirectoryIsRead) {
  testing::TempDir dir;
  const std::string path = small_xlsx(dir, R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  ReadLimits limits;
  limits.max_zip_entries = 6;  // the workbook has six parts
  EXPECT_TRUE(read_file(path, limits).ok);
  limits.max_zip_entries = 5;
  const Outcome out = read_file(path, limits);
  EXPECT_EQ(out.error.code, "too_many_zip_entries");
  expect_message(out.error, {"6 个", "5 个"});
  auto bytes = open_table_bytes(testing::read_bytes(path), "上传.xlsx", with(limits));
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, "too_many_zip_entries");
}

TEST(XlsxLimits, MarkupExpatWouldHaveToHoldWholeAndDtdsAreDamage) {
  testing::TempDir dir;
  // A two-megabyte attribute: expat buffers a tag until it ends.
  std::string path = small_xlsx(
      dir, R"(<row r="1" x=")" + std::string(2 * kMiB, 'x') + R"("><c r="A1"><v>1</v></c></row>)");
  Outcome out = read_file(path, {});
  EXPECT_EQ(out.error.code, "file_corrupt");
  EXPECT_NE(out.error.message.find("超过 1 MB"), std::string::npos) << out.error.message;

  // Entities declared in a DTD are how XML bombs multiply text; OOXML parts have none.
  const std::string parts_dir = dir.file("dtd.xlsx");
  auto parts = testing::xlsx_parts(testing::sheet_xml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)"),
                                   shared_xml({"a"}), kOneSheet);
  parts["xl/sharedStrings.xml"] =
      R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">]><sst><si><t>&a;</t></si></sst>)";
  testing::make_zip(parts_dir, parts);
  out = read_file(parts_dir, {});
  EXPECT_EQ(out.error.code, "file_corrupt");
  EXPECT_NE(out.error.message.find("共享字符串表"), std::string::npos) << out.error.message;
}

TEST(XlsxLimits, AMergeOverAbsentRowsIsHandedOutAsTheRowsAreTaken) {
  // A 1 KB value merged down 300,000 rows that the XML does not have, then an empty <row/>:
  // 300 MB of rows if they were made at once; they are made as they are taken.
  testing::TempDir dir;
  const std::string path = small_xlsx(
      dir,
      "<row r=\"1\">" + inline_cell("A1", std::string(1024, 'x')) + "</row><row r=\"300001\"/>",
      R"(<mergeCells count="1"><mergeCell ref="A1:A300001"/></mergeCells>)");
  const ChildRead child = testing::read_in_child([&] { return open_table(path, {}); });
  EXPECT_TRUE(child.ok) << child.message;
  EXPECT_EQ(child.rows, 300001);
  EXPECT_LT(child.peak_kib, kBombPeakKiB);

  // In order, each with the value, the empty row last.
  auto r = open_table(path, {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  SheetRow row;
  long expected = 0;
  while (r.value()->next(row)) {
    ASSERT_EQ(row.number, ++expected);
    ASSERT_EQ(row.cells, std::vector<std::string>{std::string(1024, 'x')});
  }
  EXPECT_TRUE(r.value()->status().ok());
  EXPECT_EQ(expected, 300001);
}

TEST(XlsxLimits, RowsNamingABigSharedStringAreNotParsedFarAhead) {
  // 20,000 rows each naming one 100 KB shared string: 2 GB of text in 800 KB of XML; the parser
  // pauses while the rows it made wait.
  testing::TempDir dir;
  std::string rows;
  for (int r = 1; r <= 20000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c t=\"s\"><v>0</v></c></row>";
  const std::string path = small_xlsx(dir, rows, "", shared_xml({std::string(100000, 'x')}));
  const ChildRead child = testing::read_in_child([&] { return open_table(path, {}); });
  EXPECT_TRUE(child.ok) << child.message;
  EXPECT_EQ(child.rows, 20000);
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
  std::cout << "[ peak RSS ] 20,000 rows of a 100 KB shared string: " << child.peak_kib << " KiB\n";
}

// ---- xlsx bombs: a megabyte that inflates to a gigabyte ---------------------------------------

const std::string kSheetStart =
    R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
const std::string kHeaderRow =
    "<row r=\"1\">" + inline_cell("A1", "姓名") + inline_cell("B1", "身份证件号") + "</row>";

// The workbook's small parts, and `sheet` (and `shared`) as bomb parts.
std::vector<BombPart> workbook(BombPart sheet, const BombPart* shared = nullptr) {
  auto parts = testing::xlsx_parts("x", shared ? "x" : "", kOneSheet);
  std::vector<BombPart> out;
  for (const auto& [name, content] : parts)
    if (name != "xl/worksheets/sheet1.xml" && name != "xl/sharedStrings.xml")
      out.push_back({name, content, "", 0, ""});
  sheet.name = "xl/worksheets/sheet1.xml";
  out.push_back(sheet);
  if (shared) out.push_back(*shared);
  return out;
}

ChildRead read_bomb(const std::string& path, const std::string& what) {
  const ChildRead child = testing::read_in_child([&] { return open_table(path, {}); });
  std::cout << "[ peak RSS ] " << what << " (" << std::filesystem::file_size(path) / 1024
            << " KiB file): " << child.peak_kib << " KiB, " << child.code << "\n";
  return child;
}

TEST(XlsxBombs, AGigabyteSharedStringFailsAtTheCellLimit) {
  testing::TempDir dir;
  const std::string path = dir.file("一个字符串.xlsx");
  const BombPart shared{
      "xl/sharedStrings.xml",
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)",
      std::string(kMiB, 'A'), 1024, "</t></si></sst>"};
  const std::uint64_t size = testing::write_bomb_zip(
      path,
      workbook({"",
                kSheetStart + kHeaderRow +
                    R"(<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData></worksheet>)",
                "", 0, ""},
               &shared));
  EXPECT_LT(size, 2 * kMiB);
  const ChildRead child = read_bomb(path, "1 GiB shared string");
  EXPECT_EQ(child.code, "cell_too_long") << child.message;
  EXPECT_NE(child.message.find("共享字符串表第 1 项"), std::string::npos) << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
}

TEST(XlsxBombs, AGigabyteInlineStringFailsAtTheCellLimit) {
  testing::TempDir dir;
  const std::string path = dir.file("一个单元格.xlsx");
  testing::write_bomb_zip(
      path,
      workbook({"", kSheetStart + kHeaderRow + R"(<row r="2"><c r="A2" t="inlineStr"><is><t>)",
                std::string(kMiB, 'A'), 1024, "</t></is></c></row></sheetData></worksheet>"}));
  const ChildRead child = read_bomb(path, "1 GiB inline string");
  EXPECT_EQ(child.code, "cell_too_long") << child.message;
  EXPECT_NE(child.message.find("第 2 行 A 列"), std::string::npos) << child.message;
  EXPECT_EQ(child.rows, 1);  // the header row is handed out; the error follows it
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
}

TEST(XlsxBombs, FiftyTwoMillionEmptySharedStringsFailAtTheirCount) {
  testing::TempDir dir;
  const std::string path = dir.file("空字符串.xlsx");
  const std::string unit = "<si><t/></si>";
  const std::string piece = testing::repeat_to(unit, kMiB);
  const std::uint64_t per = piece.size() / unit.size();
  const BombPart shared{
      "xl/sharedStrings.xml",
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)",
      piece, 52'000'000 / per + 1, "</sst>"};
  testing::write_bomb_zip(
      path,
      workbook({"", kSheetStart + kHeaderRow + "</sheetData></worksheet>", "", 0, ""}, &shared));
  const ChildRead child = read_bomb(path, "52 million empty shared strings");
  EXPECT_EQ(child.code, "too_many_shared_strings") << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
}

TEST(XlsxBombs, FortyMillionEmptyCellsFailAtTheCellCount) {
  testing::TempDir dir;
  const std::string path = dir.file("空单元格.xlsx");
  std::string row = "<row>";
  for (int i = 0; i < 40; ++i) row += "<c/>";
  row += "</row>";
  const std::string piece = testing::repeat_to(row, kMiB);
  const std::uint64_t per = piece.size() / row.size();
  testing::write_bomb_zip(path, workbook({"", kSheetStart + kHeaderRow, piece, 1'000'000 / per,
                                          "</sheetData></worksheet>"}));
  const ChildRead child = read_bomb(path, "40 million empty cells");
  EXPECT_EQ(child.code, "too_many_cells") << child.message;
  EXPECT_NE(child.message.find("30,000,000"), std::string::npos) << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
}

// ---- CSV -------------------------------------------------------------------------------------

Outcome read_csv(const std::string& bytes, const ReadLimits& limits, const CsvTuning& tuning = {}) {
  Outcome out;
  auto r = open_csv(memory_source(bytes), "户籍.csv", with(limits), tuning);
  if (!r.ok()) {
    out.error = r.error();
    return out;
  }
  out.rows = testing::read_all(**r);
  out.ok = r.value()->status().ok();
  if (!out.ok) out.error = r.value()->status().error();
  return out;
}

TEST(CsvLimits, ALineLongerThanTheLimitIsRefusedWhateverTheChunks) {
  const std::string bytes = "姓名,身份证号\n张三," + std::string(100, '1') + "\n李四,1\n";
  ReadLimits limits;
  limits.max_line_bytes = 100;
  for (const std::size_t chunk : {std::size_t{7}, std::size_t{64}, std::size_t{1 << 16}}) {
    CsvTuning tuning;
    tuning.chunk_size = chunk;
    const Outcome out = read_csv(bytes, limits, tuning);
    ASSERT_FALSE(out.ok) << chunk;
    EXPECT_EQ(out.error.code, "line_too_long");
    expect_message(out.error, {"“户籍.csv”第 2 条记录", "100 字节"});
    EXPECT_EQ(out.rows.size(), 1u);
  }
  limits.max_line_bytes = 108;  // 张三 (6 bytes), the comma, 100 digits and the line end
  EXPECT_TRUE(read_csv(bytes, limits).ok);
}

TEST(CsvLimits, AQuoteLeftOpenRunsIntoTheLineLimitAndSaysSo) {
  std::string bytes = "姓名,地址\n张三,\"会盟镇\n";
  for (int i = 0; i < 10000; ++i) bytes += "李四,台荫村\n";  // past the first 64 KB chunk
  ReadLimits limits;
  limits.max_line_bytes = 1000;
  const Outcome out = read_csv(bytes, limits);
  EXPECT_EQ(out.error.code, "line_too_long");
  expect_message(out.error, {"第 2 条记录", "引号没有配对"});
}

TEST(CsvLimits, ColumnsCellsAndRowsHaveTheirLimits) {
  const std::string bytes = "姓名,身份证号,住址\n张三,410308,会盟镇台荫村\n李四,,\n";
  EXPECT_TRUE(read_csv(bytes, {}).ok);
  ReadLimits limits;
  limits.max_columns = 2;
  Outcome out = read_csv(bytes, limits);
  EXPECT_EQ(out.error.code, "too_many_columns");
  expect_message(out.error, {"第 1 条记录", "2 列"});

  limits = {};
  limits.max_cell_bytes = 12;  // 会盟镇台荫村 is 18 bytes
  out = read_csv(bytes, limits);
  EXPECT_EQ(out.error.code, "cell_too_long");
  expect_message(out.error, {"第 2 条记录 C 列", "12 字节"});

  limits = {};
  limits.max_rows = 2;
  out = read_csv(bytes, limits);
  EXPECT_EQ(out.error.code, "too_many_rows");
  EXPECT_EQ(out.rows.size(), 2u);
  expect_message(out.error, {"2 行"});
}

TEST(CsvLimits, AMillionCommasAreRefusedBeforeTheyAreAMillionCells) {
  const std::string bytes = "姓名\n" + std::string(1'000'000, ',') + "\n";
  const ChildRead child =
      testing::read_in_child([&] { return open_csv(memory_source(bytes), "户籍.csv", {}, {}); });
  EXPECT_EQ(child.code, "too_many_columns") << child.message;
  EXPECT_NE(child.message.find("16,384 列"), std::string::npos) << child.message;
}

// A header line, then one line of `unit` repeated for a gigabyte, never ending.
ChildRead read_gigabyte_line(const std::string& header, const std::string& unit,
                             const std::string& what, std::uint64_t* bytes_read) {
  {
    // In this process first: how much of the gigabyte was read before the refusal.
    auto owned =
        std::make_unique<testing::RepeatingSource>(header, testing::repeat_to(unit, 4096), kGiB);
    const testing::RepeatingSource* source = owned.get();
    auto r = open_csv(std::move(owned), "户籍.csv", {}, {});
    EXPECT_TRUE(r.ok());
    if (r.ok()) {
      testing::read_all(**r);
      EXPECT_EQ(r.value()->status().error().code, "line_too_long");
      *bytes_read = source->bytes_read();
    }
  }
  const ChildRead child = testing::read_in_child([&] {
    return open_csv(
        std::make_unique<testing::RepeatingSource>(header, testing::repeat_to(unit, 4096), kGiB),
        "户籍.csv", {}, {});
  });
  std::cout << "[ peak RSS ] " << what << ": " << child.peak_kib << " KiB, " << child.code << ", "
            << *bytes_read / 1024 << " KiB read\n";
  return child;
}

TEST(CsvBombs, AGigabyteLineFailsAtTheLineLimitAfterAMegabyte) {
  std::uint64_t read = 0;
  const ChildRead child =
      read_gigabyte_line("姓名,身份证号\n张三,", "A", "1 GiB line (UTF-8)", &read);
  EXPECT_EQ(child.code, "line_too_long") << child.message;
  EXPECT_NE(child.message.find("第 2 条记录"), std::string::npos) << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
  EXPECT_LT(read, 2 * kMiB);
}

TEST(CsvBombs, AGigabyteGbkLineFailsAtTheLineLimitToo) {
  std::uint64_t read = 0;
  const ChildRead child = read_gigabyte_line(testing::to_gbk("姓名,身份证号\n张三,"),
                                             testing::to_gbk("张"), "1 GiB line (GBK)", &read);
  EXPECT_EQ(child.code, "line_too_long") << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);
  EXPECT_LT(read, 2 * kMiB);  // 1 MB of UTF-8 is two thirds of that in GBK
}

// ---- xls -------------------------------------------------------------------------------------

namespace xls {

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
std::string record(unsigned type, const std::string& body) {
  std::string r;
  put16(r, type);
  put16(r, static_cast<unsigned>(body.size()));
  return r + body;
}
std::string bof(unsigned kind) {
  std::string b;
  put16(b, 0x0600);  // BIFF8
  put16(b, kind);    // 0x0005 workbook globals, 0x0010 worksheet
  put16(b, 0x0DBB);
  put16(b, 0x07CC);
  put32(b, 0);
  put32(b, 0x06);
  return record(0x0809, b);
}

struct Sheet {
  std::string name;
  std::uint32_t rows, columns;  // what its DIMENSION record claims
};

// A BIFF8 workbook stream: the globals (code page, an SST claiming `shared_strings` strings if
// any, one BOUNDSHEET per sheet) and each sheet's BOF, DIMENSION and EOF.
std::string workbook_stream(const std::vector<Sheet>& sheets, std::uint32_t shared_strings) {
  std::string globals = bof(0x0005);
  std::string cp;
  put16(cp, 1200);
  globals += record(0x0042, cp);
  // Filler FreeXL skips, so that the stream is past the mini-stream cut-off (4096 bytes).
  globals += record(0x00E1, std::string(4200, '\0'));
  std::vector<std::size_t> offset_at;
  for (const Sheet& s : sheets) {
    std::string b;
    put32(b, 0);  // patched below
    b += '\0';    // visible
    b += '\0';    // worksheet
    b += static_cast<char>(s.name.size());
    b += '\0';  // 8-bit characters
    b += s.name;
    offset_at.push_back(globals.size() + 4);
    globals += record(0x0085, b);
  }
  if (shared_strings > 0) {
    std::string sst;
    put32(sst, shared_strings);
    put32(sst, shared_strings);
    globals += record(0x00FC, sst);
  }
  globals += record(0x000A, "");
  std::string stream = globals;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const auto at = static_cast<std::uint32_t>(stream.size());
    for (int k = 0; k < 4; ++k)
      stream[offset_at[i] + k] = static_cast<char>((at >> (8 * k)) & 0xFF);
    std::string dim;
    put32(dim, 0);
    put32(dim, sheets[i].rows);
    put16(dim, 0);
    put16(dim, sheets[i].columns);
    put16(dim, 0);
    stream += bof(0x0010) + record(0x0200, dim) + record(0x000A, "");
  }
  return stream;
}

// A compound file holding `stream` as "Workbook": sector 0 the FAT, 1 the directory, 2… the
// stream (at most 126 sectors).
std::string compound_file(const std::string& stream) {
  const std::uint32_t sectors = static_cast<std::uint32_t>((stream.size() + 511) / 512);
  std::string h = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(16, '\0');
  put16(h, 0x003E);
  put16(h, 0x0003);
  put16(h, 0xFFFE);
  put16(h, 9);  // 512-byte sectors
  put16(h, 6);
  h += std::string(6, '\0');
  put32(h, 0);           // directory sectors (version 3)
  put32(h, 1);           // FAT sectors
  put32(h, 1);           // first directory sector
  put32(h, 0);           // transaction
  put32(h, 4096);        // mini stream cut-off
  put32(h, 0xFFFFFFFE);  // no mini FAT
  put32(h, 0);
  put32(h, 0xFFFFFFFE);  // no DIFAT sectors
  put32(h, 0);
  put32(h, 0);  // DIFAT[0]: the FAT is sector 0
  for (int i = 1; i < 109; ++i) put32(h, 0xFFFFFFFF);
  std::string fat;
  put32(fat, 0xFFFFFFFD);  // sector 0: the FAT itself
  put32(fat, 0xFFFFFFFE);  // sector 1: the directory, one sector
  for (std::uint32_t s = 0; s < sectors; ++s) put32(fat, s + 1 < sectors ? s + 3 : 0xFFFFFFFE);
  while (fat.size() < 512) put32(fat, 0xFFFFFFFF);
  auto entry = [](const std::u16string& name, int type, std::uint32_t child, std::uint32_t start,
                  std::uint32_t size) {
    std::string e;
    for (char16_t c : name) put16(e, c);
    e.resize(64, '\0');
    put16(e, name.empty() ? 0 : static_cast<unsigned>(2 * name.size() + 2));
    e += static_cast<char>(type);
    e += '\1';  // black
    put32(e, 0xFFFFFFFF);
    put32(e, 0xFFFFFFFF);
    put32(e, child);
    e += std::string(36, '\0');  // CLSID, state, times
    put32(e, start);
    put32(e, size);
    put32(e, 0);
    return e;
  };
  std::string dir = entry(u"Root Entry", 5, 1, 0xFFFFFFFE, 0) +
                    entry(u"Workbook", 2, 0xFFFFFFFF, 2, static_cast<std::uint32_t>(stream.size()));
  while (dir.size() < 512) dir += entry(u"", 0, 0xFFFFFFFF, 0, 0);
  std::string body = stream;
  body.resize(static_cast<std::size_t>(sectors) * 512, '\0');
  return h + fat + dir + body;
}

}  // namespace xls

TEST(XlsLimits, TheCellsFreeXlWouldFillInAreCountedBeforeItOpensTheFile) {
  testing::TempDir dir;
  // A well-formed workbook of small sheets opens (FreeXL accepts what the test builds) ...
  const std::string small = dir.file("小.xls");
  testing::write_bytes(
      small, xls::compound_file(xls::workbook_stream({{"List", 100, 20}, {"Notes", 10, 2}}, 0)));
  Outcome out = read_file(small, {});
  EXPECT_TRUE(out.ok) << out.error.message;

  // ... eight sheets claiming 65,536 × 256 cells each do not: FreeXL would fill in 2 GB.
  const std::string big = dir.file("声明.xls");
  std::vector<xls::Sheet> sheets;
  for (int i = 0; i < 8; ++i) sheets.push_back({"S" + std::to_string(i), 65536, 256});
  testing::write_bytes(big, xls::compound_file(xls::workbook_stream(sheets, 0)));
  const ChildRead child = testing::read_in_child([&] { return open_table(big, {}); });
  std::cout << "[ peak RSS ] xls claiming 8 x 65536 x 256 cells: " << child.peak_kib << " KiB, "
            << child.code << "\n";
  EXPECT_EQ(child.code, "too_many_cells") << child.message;
  EXPECT_NE(child.message.find("134,217,728 格"), std::string::npos) << child.message;
  EXPECT_LT(child.peak_kib, kBombPeakKiB);

  ReadLimits limits;
  limits.max_xls_grid_cells = 2000;  // the small workbook claims 100 × 20 + 10 × 2
  out = read_file(small, limits);
  EXPECT_EQ(out.error.code, "too_many_cells");
  expect_message(out.error, {"2,020 格", "2,000 格"});
}

TEST(XlsLimits, SharedStringsFileSizeAndCellsAreLimited) {
  testing::TempDir dir;
  const std::string sst = dir.file("字符串.xls");
  testing::write_bytes(sst, xls::compound_file(xls::workbook_stream({{"List", 10, 2}}, 2'000'000)));
  Outcome out = read_file(sst, {});
  EXPECT_EQ(out.error.code, "too_many_shared_strings");
  expect_message(out.error, {"1,048,576 个"});  // FreeXL's own ceiling is the lower

  const std::string list = testing::data_file("xueji_title_row.xls");
  ReadLimits limits;
  limits.max_xls_file_bytes = 1000;
  out = read_file(list, limits);
  EXPECT_EQ(out.error.code, "file_too_large");
  expect_message(out.error, {"“xueji_title_row.xls”", "1,000 字节", ".xlsx"});

  limits = {};
  limits.max_cell_bytes = 20;  // the merged title is longer
  out = read_file(list, limits);
  EXPECT_EQ(out.error.code, "cell_too_long");
  expect_message(out.error, {"工作表“学生名单”第 1 行 A 列", "20 字节"});

  limits = {};
  limits.max_row_bytes = 200;  // the title merged over nine columns is 9 × 63 bytes
  out = read_file(list, limits);
  EXPECT_EQ(out.error.code, "row_too_long");

  limits = {};
  limits.max_merged_ranges = 2;  // the title, and the two schools
  out = read_file(list, limits);
  EXPECT_EQ(out.error.code, "too_many_merged_ranges");
  EXPECT_TRUE(read_file(list, {}).ok);
}

}  // namespace
}  // namespace baoxue::ingest
