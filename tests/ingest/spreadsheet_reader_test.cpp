// Specification: xlsx and xls lists read as the rows a clerk sees in Excel: the values shown,
// dates as dates, merged cells repeated into every cell they cover, row numbers as Excel shows
// them; and files that are not what they claim to be are refused with advice.
#include <gtest/gtest.h>

#include <string>

#include "ingest/row_reader.h"
#include "ingest/xls_reader.h"
#include "ingest/xlsx_reader.h"
#include "reader_test_util.h"

namespace baoxue::ingest {
namespace {

using testing::cells;
using testing::Rows;

const std::string kTitle = "孟津区会盟镇中心小学学生名单（2026年秋季）";
const std::string kSchool1 = "孟津区会盟镇中心小学";
const std::string kSchool2 = "孟津区会盟镇扣马小学";

std::unique_ptr<RowReader> open_ok(const std::string& path, const ReadOptions& options = {}) {
  auto r = open_table(path, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : nullptr;
}

using testing::read_ok;

Error open_error(const std::string& path, const ReadOptions& options = {}) {
  auto r = open_table(path, options);
  EXPECT_FALSE(r.ok());
  return r.ok() ? Error{} : r.error();
}

// ---- xlsx written by LibreOffice (tests/data/README.md) -------------------------------------

TEST(XlsxReader, AStudentListWithTitleRowAndMergedSchoolNames) {
  auto reader = open_ok(testing::data_file("xueji_title_row.xlsx"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->description(), "xlsx，工作表“学生名单”");
  EXPECT_EQ(reader->encoding(), "");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 22u);
  // The title is merged across A1:I1 and so repeats in every column.
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, std::vector<std::string>(9, kTitle));
  EXPECT_EQ(rows[1].cells, cells({"学校名称", "年级", "班级", "姓名", "性别", "出生日期",
                                  "身份证件号", "全国学籍号", "联系电话"}));
  EXPECT_EQ(rows[2].number, 3);
  EXPECT_EQ(rows[2].cells,
            (std::vector<std::string>{kSchool1, "一年级", "1班", "王子涵", "男", "2019-03-02",
                                      "410308201903020112", "G410308201903020112", "13803790001"}));
  // 学校名称 merged over A3:A12 and A13:A22: every row has its school.
  for (std::size_t i = 2; i < 12; ++i) EXPECT_EQ(rows[i].cells[0], kSchool1) << i;
  for (std::size_t i = 12; i < 22; ++i) EXPECT_EQ(rows[i].cells[0], kSchool2) << i;
  // The bad rows arrive as typed, for validation to judge.
  EXPECT_EQ(rows[6].cells[5], "2018年3月2日");            // date typed as text
  EXPECT_EQ(rows[8].cells[6], "41030820170214007X");      // wrong check character
  EXPECT_EQ(rows[9].cells[3], "");                        // missing name
  EXPECT_EQ(rows[12].cells[6], "4.10308201606061E+017");  // ID typed as a number
  EXPECT_EQ(rows[12].cells[7], "G410308201606061110");
  EXPECT_EQ(rows[21].number, 22);
  EXPECT_EQ(rows[21].cells[3], "林子轩");
  EXPECT_EQ(rows[21].cells[5], "2014-11-11");
}

TEST(XlsxReader, ASheetIsChosenByName) {
  ReadOptions options;
  options.sheet = "说明";
  auto reader = open_ok(testing::data_file("xueji_title_row.xlsx"), options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->description(), "xlsx，工作表“说明”");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].cells, cells({"身份证件号请设置为文本格式"}));
}

TEST(XlsxReader, AnUnknownSheetNameListsTheSheetsThereAre) {
  ReadOptions options;
  options.sheet = "Sheet1";
  const Error e = open_error(testing::data_file("xueji_title_row.xlsx"), options);
  EXPECT_EQ(e.code, "sheet_not_found");
  EXPECT_NE(e.message.find("“Sheet1”"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("“学生名单”、“说明”"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("xueji_title_row.xlsx"), std::string::npos) << e.message;
}

// ---- xlsx assembled by hand: the cases LibreOffice does not produce ---------------------------

const char* kShared = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>姓名</t></si>
<si><r><rPr><b/></rPr><t>王</t></r><r><t xml:space="preserve">子涵</t></r><rPh sb="0" eb="1"><t>ワン</t></rPh></si>
<si><t>第一行_x000D_
第二行</t></si>
</sst>)";

TEST(XlsxReader, EveryKindOfCellReadsAsTheTextExcelShows) {
  testing::TempDir dir;
  const std::string sheet = testing::sheet_xml(
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>出生</t></r><r><t>日期</t></r></is></c></row>)"
      R"(<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>410308201903020112</v></c><c r="C2" s="1"><v>43526</v></c>)"
      R"(<c r="D2" s="2"><v>43526.75</v></c><c r="E2" s="3"><v>0.5</v></c><c r="F2" s="4"><v>3.5</v></c></row>)"
      R"(<row r="5"><c r="A5" t="b"><v>1</v></c><c r="B5" t="e"><v>#N/A</v></c><c r="C5" t="str"><f>A1&amp;"x"</f><v>姓名x</v></c>)"
      R"(<c r="D5"><f>1+1</f><v>2</v></c><c r="F5" t="s"><v>2</v></c><c r="G5" s="1"/></row>)"
      R"(<row><c t="inlineStr"><is><t>无行号</t></is></c><c><v>7</v></c></row>)");
  const std::string path = dir.file("cells.xlsx");
  testing::make_zip(
      path, testing::xlsx_parts(sheet, kShared, R"(<sheet name="名单" sheetId="1" r:id="rId1"/>)"));
  auto reader = open_ok(path);
  ASSERT_NE(reader, nullptr);
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, cells({"姓名", "", "出生日期"}));
  EXPECT_EQ(rows[1].number, 2);
  // Shared rich text without the phonetic run; a number as stored; dates by built-in and by
  // custom 年月日 format; a time-only format and a plain number format stay numbers.
  EXPECT_EQ(rows[1].cells,
            cells({"王子涵", "410308201903020112", "2019-03-02", "2019-03-02", "0.5", "3.5"}));
  // Missing rows 3-4 are not reported; row numbers are Excel's.
  EXPECT_EQ(rows[2].number, 5);
  EXPECT_EQ(rows[2].cells, cells({"TRUE", "#N/A", "姓名x", "2", "", "第一行\r\n第二行"}));
  // A row and cells without r follow on from the previous ones.
  EXPECT_EQ(rows[3].number, 6);
  EXPECT_EQ(rows[3].cells, cells({"无行号", "7"}));
}

TEST(XlsxReader, MergedCellsRepeatTheTopLeftValueEvenOverMissingRows) {
  testing::TempDir dir;
  const std::string sheet = testing::sheet_xml(
      R"(<row r="1"><c r="A1" t="inlineStr"><is><t>学生名单</t></is></c></row>)"
      R"(<row r="2"><c r="A2" t="inlineStr"><is><t>学校</t></is></c><c r="B2" t="inlineStr"><is><t>姓名</t></is></c></row>)"
      R"(<row r="3"><c r="A3" t="inlineStr"><is><t>中心小学</t></is></c><c r="B3" t="inlineStr"><is><t>甲</t></is></c></row>)"
      R"(<row r="5"><c r="B5" t="inlineStr"><is><t>乙</t></is></c></row>)"
      R"(<row r="9"><c r="A9" t="inlineStr"><is><t>扣马小学</t></is></c><c r="B9" t="inlineStr"><is><t>丙</t></is></c></row>)"
      R"(<row r="10"><c r="A10"/><c r="B10" t="inlineStr"><is><t>丁</t></is></c></row>)",
      R"(<mergeCells count="3"><mergeCell ref="A1:C1"/><mergeCell ref="A3:A6"/><mergeCell ref="A9:A10"/></mergeCells>)");
  const std::string path = dir.file("merged.xlsx");
  testing::make_zip(
      path, testing::xlsx_parts(sheet, "", R"(<sheet name="名单" sheetId="1" r:id="rId1"/>)"));
  auto reader = open_ok(path);
  ASSERT_NE(reader, nullptr);
  const Rows rows = read_ok(*reader);
  std::vector<long> numbers;
  for (const auto& r : rows) numbers.push_back(r.number);
  // Rows 4 and 6 are absent from the XML but lie inside A3:A6, so they carry the school.
  EXPECT_EQ(numbers, (std::vector<long>{1, 2, 3, 4, 5, 6, 9, 10}));
  EXPECT_EQ(rows[0].cells, cells({"学生名单", "学生名单", "学生名单"}));
  EXPECT_EQ(rows[2].cells, cells({"中心小学", "甲"}));
  EXPECT_EQ(rows[3].cells, cells({"中心小学"}));
  EXPECT_EQ(rows[4].cells, cells({"中心小学", "乙"}));
  EXPECT_EQ(rows[5].cells, cells({"中心小学"}));
  EXPECT_EQ(rows[7].cells, cells({"扣马小学", "丁"}));
}

TEST(XlsxReader, TheFirstVisibleSheetIsTheDefaultAndDate1904IsHonoured) {
  testing::TempDir dir;
  const std::string hidden = testing::sheet_xml(R"(<row r="1"><c r="A1"><v>1</v></c></row>)");
  const std::string shown = testing::sheet_xml(
      R"(<row r="3"><c r="A3" s="1"><v>0</v></c><c r="B3" s="1"><v>43526</v></c></row>)");
  const std::string path = dir.file("sheets.xlsx");
  testing::make_zip(
      path, testing::xlsx_parts(hidden, "",
                                R"(<sheet name="代码表" sheetId="1" state="hidden" r:id="rId1"/>)"
                                R"(<sheet name="学生" sheetId="2" r:id="rId2"/>)",
                                shown, /*date1904=*/true));
  auto reader = open_ok(path);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->description(), "xlsx，工作表“学生”");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 3);
  EXPECT_EQ(rows[0].cells, cells({"1904-01-01", "2023-03-03"}));
  ReadOptions options;
  options.sheet = "代码表";
  auto hidden_reader = open_ok(path, options);
  ASSERT_NE(hidden_reader, nullptr);
  EXPECT_EQ(read_ok(*hidden_reader).at(0).cells, cells({"1"}));
}

TEST(XlsxReader, BrokenSheetXmlIsACorruptFileAfterTheGoodRows) {
  testing::TempDir dir;
  const std::string sheet = testing::sheet_xml(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</c></row>)");
  const std::string path = dir.file("broken.xlsx");
  testing::make_zip(
      path, testing::xlsx_parts(sheet, "", R"(<sheet name="名单" sheetId="1" r:id="rId1"/>)"));
  auto reader = open_ok(path);
  ASSERT_NE(reader, nullptr);
  const Rows rows = testing::read_all(*reader);
  EXPECT_EQ(rows.size(), 2u);
  ASSERT_FALSE(reader->status().ok());
  EXPECT_EQ(reader->status().error().code, "file_corrupt");
  EXPECT_NE(reader->status().error().message.find("broken.xlsx"), std::string::npos);
}

TEST(XlsxReader, DateSerialsFollowExcelIncludingTheLeapYearBug) {
  EXPECT_EQ(excel_serial_to_date(1, false), "1900-01-01");
  EXPECT_EQ(excel_serial_to_date(59, false), "1900-02-28");
  EXPECT_EQ(excel_serial_to_date(60, false), "1900-02-29");
  EXPECT_EQ(excel_serial_to_date(61, false), "1900-03-01");
  EXPECT_EQ(excel_serial_to_date(42064.99, false), "2015-03-01");
  EXPECT_EQ(excel_serial_to_date(2958465, false), "9999-12-31");
  EXPECT_EQ(excel_serial_to_date(0, false), "");
  EXPECT_EQ(excel_serial_to_date(-1, false), "");
  EXPECT_EQ(excel_serial_to_date(0, true), "1904-01-01");
  EXPECT_EQ(excel_serial_to_date(40602, true), "2015-03-01");
}

TEST(XlsxReader, DateFormatsAreRecognisedAndTimesAreNot) {
  EXPECT_TRUE(is_date_format(14, ""));
  EXPECT_TRUE(is_date_format(31, ""));  // zh-CN yyyy"年"m"月"d"日"
  EXPECT_TRUE(is_date_format(57, ""));
  EXPECT_FALSE(is_date_format(0, ""));
  EXPECT_FALSE(is_date_format(20, ""));  // h:mm
  EXPECT_FALSE(is_date_format(49, ""));  // @
  EXPECT_TRUE(is_date_format(176, "yyyy\\-mm\\-dd"));
  EXPECT_TRUE(is_date_format(177, "[$-804]yyyy\"年\"m\"月\"d\"日\";@"));
  EXPECT_TRUE(is_date_format(178, "mm/yyyy"));
  EXPECT_FALSE(is_date_format(179, "[h]:mm:ss"));
  EXPECT_FALSE(is_date_format(180, "0.00\"天\""));  // 天 in quotes, d nowhere
  EXPECT_FALSE(is_date_format(181, "General"));
  EXPECT_FALSE(is_date_format(182, "[Red]0.00"));
}

// ---- xls via FreeXL ---------------------------------------------------------------------------

TEST(XlsReader, AStudentListSavedAsExcel97ReadsLikeTheXlsx) {
  auto reader = open_ok(testing::data_file("xueji_title_row.xls"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->description(), "xls，工作表“学生名单”");
  const Rows rows = read_ok(*reader);
  ASSERT_EQ(rows.size(), 22u);
  EXPECT_EQ(rows[2].number, 3);
  EXPECT_EQ(rows[2].cells,
            (std::vector<std::string>{kSchool1, "一年级", "1班", "王子涵", "男", "2019-03-02",
                                      "410308201903020112", "G410308201903020112", "13803790001"}));
  EXPECT_EQ(rows[6].cells[5], "2018年3月2日");
  EXPECT_EQ(rows[12].cells[0], kSchool2);
  EXPECT_EQ(rows[12].cells[6], "4.10308201606061e+17");  // the number Excel shows as 4.10308E+17
  // Merged ranges (read from the MERGEDCELLS records FreeXL does not report) fill every row, and
  // the merged title repeats across its columns, exactly as from the xlsx.
  EXPECT_EQ(rows[0].cells, std::vector<std::string>(9, kTitle));
  for (std::size_t i = 2; i < 12; ++i) EXPECT_EQ(rows[i].cells[0], kSchool1) << i;
  for (std::size_t i = 12; i < 22; ++i) EXPECT_EQ(rows[i].cells[0], kSchool2) << i;
  EXPECT_EQ(rows[21].number, 22);
  EXPECT_EQ(rows[21].cells[5], "2014-11-11");
}

TEST(XlsReader, SheetsAreChosenByNameAndUnknownNamesListed) {
  ReadOptions options;
  options.sheet = "说明";
  auto reader = open_ok(testing::data_file("xueji_title_row.xls"), options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(read_ok(*reader).at(0).cells, cells({"填表说明"}));
  options.sheet = "花名册";
  const Error e = open_error(testing::data_file("xueji_title_row.xls"), options);
  EXPECT_EQ(e.code, "sheet_not_found");
  EXPECT_NE(e.message.find("“学生名单”、“说明”"), std::string::npos) << e.message;
}

TEST(XlsReader, XlsBytesInMemoryReadToo) {
  const std::string bytes = testing::read_bytes(testing::data_file("xueji_title_row.xls"));
  auto r = open_table_bytes(bytes, "上传.xls", {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(read_ok(**r).size(), 22u);
}

TEST(XlsReader, NumbersLookAsExcelShowsThem) {
  EXPECT_EQ(format_xls_number(12.0), "12");
  EXPECT_EQ(format_xls_number(-0.0), "0");
  EXPECT_EQ(format_xls_number(13803790001.0), "13803790001");
  EXPECT_EQ(format_xls_number(3.25), "3.25");
  EXPECT_EQ(format_xls_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_xls_number(410308201903020112.0), "4.1030820190302e+17");
}

// ---- open_table: deciding what a file is -------------------------------------------------------

TEST(OpenTable, AMissingFileIsNamed) {
  const Error e = open_error("/nonexistent/学生名单.xlsx");
  EXPECT_EQ(e.code, "file_not_found");
  EXPECT_NE(e.message.find("“学生名单.xlsx”"), std::string::npos) << e.message;
}

TEST(OpenTable, AnEmptyFileIsRefused) {
  testing::TempDir dir;
  testing::write_bytes(dir.file("空.csv"), "");
  const Error e = open_error(dir.file("空.csv"));
  EXPECT_EQ(e.code, "file_empty");
  EXPECT_NE(e.message.find("“空.csv”"), std::string::npos);
  EXPECT_EQ(open_table_bytes("", "空.xlsx", {}).error().code, "file_empty");
}

TEST(OpenTable, AnHtmlPageNamedXlsIsNotASpreadsheet) {
  const Error e = open_error(testing::data_file("web_export_html.xls"));
  EXPECT_EQ(e.code, "file_not_spreadsheet");
  EXPECT_NE(e.message.find("另存为"), std::string::npos);
  EXPECT_NE(e.message.find("web_export_html.xls"), std::string::npos);
  EXPECT_EQ(open_table_bytes("\xEF\xBB\xBF  <TABLE><tr><td>1</td></tr></TABLE>", "a.xls", {})
                .error()
                .code,
            "file_not_spreadsheet");
}

TEST(OpenTable, APasswordProtectedXlsxIsRecognisedWhateverItsName) {
  const Error e = open_error(testing::data_file("encrypted_package.xlsx"));
  EXPECT_EQ(e.code, "file_password_protected");
  EXPECT_NE(e.message.find("取消密码"), std::string::npos);
  const std::string bytes = testing::read_bytes(testing::data_file("encrypted_package.xlsx"));
  EXPECT_EQ(open_table_bytes(bytes, "名单.xls", {}).error().code, "file_password_protected");
}

TEST(OpenTable, ACsvNamedXlsIsReadAsCsv) {
  testing::TempDir dir;
  testing::write_bytes(dir.file("导出.xls"), testing::to_gbk("姓名,性别\n王子涵,男\n"));
  auto reader = open_ok(dir.file("导出.xls"));
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->encoding(), "gb18030");
  EXPECT_EQ(read_ok(*reader).at(1).cells, cells({"王子涵", "男"}));
}

TEST(OpenTable, ATruncatedXlsxIsCorruptAndOtherZipsAreNotWorkbooks) {
  testing::TempDir dir;
  const std::string whole = testing::read_bytes(testing::data_file("xueji_title_row.xlsx"));
  auto cut = open_table_bytes(std::string_view(whole).substr(0, whole.size() / 2), "半截.xlsx", {});
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, "file_corrupt");
  EXPECT_NE(cut.error().message.find("“半截.xlsx”"), std::string::npos);

  testing::make_zip(dir.file("a.zip"), {{"readme.txt", "hello"}});
  EXPECT_EQ(open_error(dir.file("a.zip")).code, "file_not_spreadsheet");
  testing::make_zip(dir.file("a.ods"),
                    {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}});
  const Error ods = open_error(dir.file("a.ods"));
  EXPECT_EQ(ods.code, "file_not_spreadsheet");
  EXPECT_NE(ods.message.find(".ods"), std::string::npos);
}

TEST(OpenTable, XlsxBytesInMemoryReadLikeTheFile) {
  const std::string bytes = testing::read_bytes(testing::data_file("xueji_title_row.xlsx"));
  auto r = open_table_bytes(bytes, "上传.xlsx", {});
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Rows rows = read_ok(**r);
  ASSERT_EQ(rows.size(), 22u);
  EXPECT_EQ(rows[21].cells[0], kSchool2);
}

}  // namespace
}  // namespace baoxue::ingest
