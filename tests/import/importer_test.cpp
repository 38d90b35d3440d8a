// Specification of `import`: lists as they come, nothing lost, batches atomic, history kept.
// Runs on SQLite and on PostgreSQL.
#include "ingest/importer.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/id_number.h"
#include "ingest/row_reader.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"
#include "store/import_repository.h"
#include "store/region_repository.h"
#include "store/rows.h"
#include "store/school_repository.h"
#include "support/store_fixture.h"

namespace baoxue::ingest {
namespace {

namespace fs = std::filesystem;
using baoxue::testing::StoreTest;

std::string id_for(const std::string& body17) { return body17 + core::id_check_char(body17); }

const std::vector<std::string> kXuejiHeader = {"学校名称", "年级",     "班级",       "姓名",
                                               "性别",     "出生日期", "身份证件号", "全国学籍号",
                                               "联系电话", "备注"};

std::vector<std::string> pupil(const std::string& name, const std::string& body17,
                               const std::string& grade = "三年级") {
  const std::string id = id_for(body17);
  const std::string birth =
      body17.substr(6, 4) + "-" + body17.substr(10, 2) + "-" + body17.substr(12, 2);
  return {"孟津区会盟镇中心小学",
          grade,
          "(1)班",
          name,
          (body17[16] - '0') % 2 ? "男" : "女",
          birth,
          id,
          "G" + id,
          "13800000000",
          ""};
}

class Import : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    char tmpl[] = "/tmp/baoxue-import-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    create_county();
  }
  void TearDown() override {
    fs::remove_all(dir_);
    StoreTest::TearDown();
  }

  std::string write(const std::string& name, const std::string& title,
                    const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows,
                    const std::string& enc = "") {
    const std::string path = dir_ + "/" + name;
    auto format = table_format_for(path, enc);
    EXPECT_TRUE(format.ok());
    Status st = write_table(path, format.value(), "名单", title, header, rows);
    EXPECT_TRUE(st.ok()) << st.error().message;
    return path;
  }

  Result<ImportResult> run(const std::string& kind, const std::string& path,
                           const std::string& group = "") {
    ImportOptions o;
    o.kind = kind;
    o.group = group;
    return import_file(db(), path, o);
  }

  std::vector<std::vector<std::string>> read_all(const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    auto r = open_table(path, {});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return rows;
    SheetRow row;
    while (r.value()->next(row)) rows.push_back(row.cells);
    return rows;
  }

  long long count(const std::string& sql) { return store::query_int(db().sql(), sql); }

  std::string dir_;
};

TEST_P(Import, AStudentListBelowATitleRowImportsAndBadRowsComeBackWithReasons) {
  auto rows = std::vector<std::vector<std::string>>{
      pupil("张三", "41030820170302451"), pupil("李四", "41030820170415452"),
      pupil("", "41030820170502453"),                // no name: rejected
      pupil("赵六", "41030820170603454", "十年级"),  // no such grade in a primary list: rejected
      pupil("钱七", "41030820170704455")};
  rows[4][6] = "4.10308E+17";  // digits lost to Excel: rejected
  rows[4][7] = "";
  rows[1][6][16] = rows[1][6][16] == '9' ? '8' : rows[1][6][16] + 1;  // checksum: warning only
  rows[1][7] = "";
  const std::string path =
      write("学生名单.xlsx", "孟津区会盟镇中心小学学生名单（2026年秋季）", kXuejiHeader, rows);

  auto r = run("xueji", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->header_row, 2);
  EXPECT_EQ(r->rows, 5);
  EXPECT_EQ(r->accepted, 2);
  EXPECT_EQ(r->rejected, 3);
  EXPECT_EQ(r->warnings, 1);
  EXPECT_EQ(r->inserted, 2);
  ASSERT_FALSE(r->report.empty());

  // The error workbook: the original columns plus 问题说明, one row per rejected row.
  auto report = read_all(r->report);
  ASSERT_GE(report.size(), 5u);  // title, header, three rows
  EXPECT_EQ(report[1].back(), "问题说明");
  EXPECT_EQ(report[1].front(), "学校名称");
  EXPECT_NE(report[2].back().find("姓名为空"), std::string::npos) << report[2].back();
  EXPECT_NE(report[3].back().find("年级"), std::string::npos) << report[3].back();
  EXPECT_NE(report[4].back().find("Excel"), std::string::npos) << report[4].back();

  // Nothing lost: every row is kept raw, rejected ones too.
  EXPECT_EQ(count("SELECT COUNT(*) FROM source_rows"), 5);
  EXPECT_EQ(count("SELECT COUNT(*) FROM source_rows WHERE status = 'rejected'"), 3);

  // The clerk fixes the three rows in the error workbook and imports that file.
  std::vector<std::vector<std::string>> fixed = {pupil("王五", "41030820170502453"),
                                                 pupil("赵六", "41030820170603454"),
                                                 pupil("钱七", "41030820170704455")};
  for (auto& row : fixed) row.push_back("");  // the 问题说明 column stays, ignored
  auto header = kXuejiHeader;
  header.push_back("问题说明");
  const std::string fixed_path = write("学生名单_已修改.xlsx", "修改后", header, fixed);
  auto again = run("xueji", fixed_path);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->accepted, 3);
  EXPECT_EQ(again->rejected, 0);
  EXPECT_TRUE(again->report.empty());
  EXPECT_EQ(count("SELECT COUNT(*) FROM list_records"), 5);
}

TEST_P(Import, AnErrorWorkbookImportedUnfixedComesBackWithOneProblemColumnNotTwo) {
  auto rows = std::vector<std::vector<std::string>>{pupil("张三", "41030820170302451"),
                                                    pupil("", "41030820170502453")};
  auto r = run("xueji", write("名单.xlsx", "名单", kXuejiHeader, rows));
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_FALSE(r->report.empty());
  // The clerk imports the error workbook as it is, the empty name not yet filled in.
  auto again = run("xueji", r->report);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->rejected, 1);
  ASSERT_FALSE(again->report.empty());
  auto report = read_all(again->report);
  ASSERT_GE(report.size(), 3u);
  int problem_columns = 0;
  for (const auto& cell : report[1]) problem_columns += cell == "问题说明";
  EXPECT_EQ(problem_columns, 1);
  EXPECT_EQ(report[1].size(), kXuejiHeader.size() + 1);
  EXPECT_NE(report[2].back().find("姓名为空"), std::string::npos) << report[2].back();
}

TEST_P(Import, TheSameFileTwiceIsANoOp) {
  const std::string path =
      write("名单.xlsx", "", kXuejiHeader, {pupil("张三", "41030820170302451")});
  auto first = run("xueji", path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second = run("xueji", path);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->already_imported);
  EXPECT_EQ(second->batch, first->batch);
  EXPECT_EQ(count("SELECT COUNT(*) FROM import_batches"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM source_rows"), 1);
}

TEST_P(Import, AnUpdatedListUpdatesChangedRowsAndKeepsWhatChangedAndFromWhichBatch) {
  auto v1 = std::vector<std::vector<std::string>>{pupil("张三", "41030820170302451"),
                                                  pupil("李四", "41030820170415452")};
  auto b1 = run("xueji", write("v1.xlsx", "", kXuejiHeader, v1));
  ASSERT_TRUE(b1.ok()) << b1.error().message;
  auto v2 = v1;
  v2[1][1] = "四年级";  // 李四 moved up
  v2[1][8] = "13900000000";
  v2.push_back(pupil("王五", "41030820170502453"));
  auto b2 = run("xueji", write("v2.xlsx", "", kXuejiHeader, v2));
  ASSERT_TRUE(b2.ok()) << b2.error().message;
  EXPECT_EQ(b2->inserted, 1);
  EXPECT_EQ(b2->updated, 1);
  EXPECT_EQ(b2->unchanged, 1);

  const long long li = count("SELECT id FROM current_records WHERE name = '李四'");
  auto changes = store::record_changes(db(), "410308", li);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ(changes->at(0).field, "grade");
  EXPECT_EQ(changes->at(0).old_value, "3");
  EXPECT_EQ(changes->at(0).new_value, "4");
  EXPECT_EQ(changes->at(0).batch_id, b2->batch);
  EXPECT_EQ(changes->at(1).field, "guardian_phone");
  EXPECT_EQ(count("SELECT COUNT(*) FROM list_records"), 3);
  EXPECT_EQ(count("SELECT last_batch_id FROM current_records WHERE name = '张三'"), b2->batch);
}

TEST_P(Import, AWholeListRetiresTheRecordsItNoLongerNamesButNotItsRejectedRows) {
  auto b1 =
      run("xueji", write("v1.xlsx", "", kXuejiHeader,
                         {pupil("张三", "41030820170302451"), pupil("李四", "41030820170415452"),
                          pupil("王五", "41030820170502453")}));
  ASSERT_TRUE(b1.ok()) << b1.error().message;
  // Next month's full export: 李四 has left the roll; 王五's row lost its name (rejected, to be
  // fixed) — he must not vanish from the census because of a typing slip.
  auto no_name = pupil("", "41030820170502453");
  ImportOptions o;
  o.kind = "xueji";
  o.whole = true;
  auto b2 = import_file(
      db(), write("v2.xlsx", "", kXuejiHeader, {pupil("张三", "41030820170302451"), no_name}), o);
  ASSERT_TRUE(b2.ok()) << b2.error().message;
  EXPECT_EQ(b2->rejected, 1);
  EXPECT_EQ(b2->retired, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM current_records"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM current_records WHERE name = '李四'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM list_records"), 3);  // kept, with its history
  // A partial list (one school's corrections) retires nothing; 李四 named again comes back.
  auto b3 = run("xueji", write("v3.xlsx", "", kXuejiHeader, {pupil("李四", "41030820170415452")}));
  ASSERT_TRUE(b3.ok()) << b3.error().message;
  EXPECT_EQ(b3->retired, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM current_records"), 3);
}

TEST_P(Import, AGbkHouseholdListFromThePoliceImports) {
  const std::vector<std::string> header = {"序号",     "姓名",         "性别",     "民族",
                                           "出生日期", "公民身份号码", "户籍地址", "乡镇（街道）"};
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 50; ++i) {
    char body[18];
    std::snprintf(body, sizeof body, "41032220150302%03d", 100 + 2 * i + 1);
    rows.push_back({std::to_string(i + 1), "孟津" + std::to_string(i), "男", "汉族", "20150302",
                    id_for(body), "河南省洛阳市孟津区会盟镇台荫村1组", "会盟镇"});
  }
  rows.push_back(rows.front());  // the same child registered twice
  rows.back()[0] = "51";
  auto r = run("hukou", write("户籍.csv", "", header, rows, "gb18030"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_NE(r->format.find("GB18030"), std::string::npos) << r->format;
  EXPECT_EQ(r->rows, 51);
  EXPECT_EQ(r->accepted, 50);
  EXPECT_EQ(r->rejected, 1);
  auto rejected = store::batch_rows(db(), "410308", r->batch, true);
  ASSERT_EQ(rejected->size(), 1u);
  EXPECT_EQ(rejected->at(0).row_number, 52);  // header is row 1
  EXPECT_NE(rejected->at(0).problems.find("与第 2 行是同一人"), std::string::npos);
}

TEST_P(Import, AWrongIdNumberKeepsTheChildOnTheListWithAWarning) {
  const std::vector<std::string> header = {"姓名", "出生日期", "身份证号"};
  auto r = run("hukou", write("h.xlsx", "", header,
                              {{"张三", "2015-03-02", "410308201503024519"},
                               {"李四", "2015年3月2日", ""},
                               {"王五", "", ""}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->accepted, 2);  // 张三 with a checksum warning, 李四 by name and birth date
  EXPECT_EQ(r->rejected, 1);  // 王五: nothing says who he is
  EXPECT_EQ(count("SELECT COUNT(*) FROM current_records WHERE id_valid = 0"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM current_records WHERE birth_date = '2015-03-02'"), 2);
}

TEST_P(Import, AFileWithoutAHeaderOrWithoutTheNeededColumnsIsUnreadable) {
  auto none = run("hukou", write("x.xlsx", "", {"甲", "乙"}, {{"1", "2"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "no_header");
  EXPECT_TRUE(is_unreadable_file_error(none.error()));
  auto missing = run("xueji", write("y.xlsx", "", {"姓名", "身份证号"}, {{"张三", ""}}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "missing_columns");
  EXPECT_NE(missing.error().message.find("年级"), std::string::npos);
  EXPECT_EQ(count("SELECT COUNT(*) FROM import_batches"), 0);
}

TEST_P(Import, AKeyGroupListNeedsAGroupTheCountyKnows) {
  const std::string path =
      write("g.xlsx", "", {"姓名", "身份证号"}, {{"张三", id_for("41030820150302451")}});
  auto no_group = run("group", path);
  ASSERT_FALSE(no_group.ok());
  EXPECT_EQ(no_group.error().code, "group_unknown");
  auto poverty = run("group", path, "脱贫户");
  ASSERT_TRUE(poverty.ok()) << poverty.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM source_lists WHERE group_code = 'poverty_alleviated'"), 1);
}

BAOXUE_ON_BOTH_ENGINES(Import);

}  // namespace
}  // namespace baoxue::ingest

namespace baoxue::ingest {
namespace {

class ImportReport : public Import {};

TEST_P(ImportReport, TheErrorWorkbookSaysExactlyWhatIsWrongWithAnIdNumber) {
  // A key-group list has no birth date: a mistyped ID leaves nothing that names the child.
  auto r = run("group", write("g.xlsx", "", {"姓名", "身份证号"}, {{"张三", "410308201503024519"}}),
               "脱贫户");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->rejected, 1);
  auto report = read_all(r->report);
  ASSERT_EQ(report.size(), 3u);
  const std::string& why = report[2].back();
  EXPECT_NE(why.find("无法确定是哪个孩子"), std::string::npos) << why;
  EXPECT_NE(why.find("校验位应为 X"), std::string::npos) << why;  // the ID's own fault, too
}

BAOXUE_ON_BOTH_ENGINES(ImportReport);

}  // namespace
}  // namespace baoxue::ingest

namespace baoxue::ingest {
namespace {

// Real files made by LibreOffice (tests/data/README.md): a student list with a merged title row
// and merged school cells, 20 pupils; row 10 has no name, row 13 an ID number Excel stored as a
// number, row 9 a wrong check character, row 7 a birth date typed as text.
class ImportRealFiles : public Import {
 protected:
  void round_trip(const char* file) {
    const std::string path = dir_ + "/" + file;
    fs::copy_file(std::string(TEST_DATA_DIR) + "/" + file, path);
    auto r = run("xueji", path);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->header_row, 2);
    EXPECT_EQ(r->rows, 20);
    EXPECT_EQ(r->accepted, 19);  // row 13's ID is recovered from its G 学籍号
    EXPECT_EQ(r->rejected, 1);   // row 10: no name
    EXPECT_EQ(r->warnings, 2);   // row 9's check character, row 13's recovered ID
    ASSERT_FALSE(r->report.empty());

    // The clerk opens the error workbook, types the missing name and imports that file.
    auto report = read_all(r->report);
    ASSERT_EQ(report.size(), 3u);
    std::vector<std::string> header = report[1], row = report[2];
    EXPECT_NE(row.back().find("姓名为空"), std::string::npos) << row.back();
    row.resize(header.size());
    row[3] = "孙小梅";
    const std::string fixed = write("已修改.xlsx", "", header, {row});
    auto again = run("xueji", fixed);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(again->accepted, 1);
    EXPECT_EQ(again->rejected, 0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM list_records"), 20);
  }
};

TEST_P(ImportRealFiles, AStudentListMadeByLibreOfficeAsXlsxImportsAndItsFixedRowsToo) {
  round_trip("xueji_title_row.xlsx");
}

TEST_P(ImportRealFiles, TheSameListAsALegacyXlsImportsTheSame) {
  round_trip("xueji_title_row.xls");
}

TEST_P(ImportRealFiles, AGbkHouseholdExportImportsWithItsExtraColumnKept) {
  const std::string path = dir_ + "/hukou_gbk.csv";
  fs::copy_file(std::string(TEST_DATA_DIR) + "/hukou_gbk.csv", path);
  auto r = run("hukou", path);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 6);
  EXPECT_EQ(r->accepted, 6);
  bool kept = false;
  for (const auto& [header, field] : r->columns) kept = kept || (header == "户号" && field.empty());
  EXPECT_TRUE(kept);
  // The unknown column's values are in the raw rows, in their column.
  auto rows = store::batch_rows(db(), "410308", r->batch, false);
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ(nlohmann::json::parse(rows->at(0).raw).at(8), "4103081001");
  EXPECT_EQ(nlohmann::json::parse(rows->at(1).raw).at(1), "李秀英");
}

BAOXUE_ON_BOTH_ENGINES(ImportRealFiles);

}  // namespace
}  // namespace baoxue::ingest

namespace baoxue::ingest {
namespace {

class ImportAgainstTheDatabase : public Import {};

TEST_P(ImportAgainstTheDatabase, TheSameIdNumberUnderAnotherNameIsFlagged) {
  auto first =
      run("hukou",
          write("a.xlsx", "", {"姓名", "身份证号"},
                {{"张三", id_for("41030820150302451")}, {"李四", id_for("41030820150415452")}}));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto second =
      run("hukou",
          write("b.xlsx", "", {"姓名", "身份证号"},
                {{"张三", id_for("41030820150302451")}, {"王五", id_for("41030820150415452")}}));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->accepted, 2);
  EXPECT_EQ(second->warnings, 1);
  auto rows = store::batch_rows(db(), "410308", second->batch, false);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(rows->at(0).problems, "[]");
  EXPECT_NE(rows->at(1).problems.find("已登记为“李四”（批次 " + std::to_string(first->batch) +
                                      " 第 3 行）"),
            std::string::npos)
      << rows->at(1).problems;
}

BAOXUE_ON_BOTH_ENGINES(ImportAgainstTheDatabase);

}  // namespace
}  // namespace baoxue::ingest

namespace baoxue::ingest {
namespace {

class ImportSheets : public Import {};

TEST_P(ImportSheets, AnotherSheetOfTheSameWorkbookIsNotTakenForARepeat) {
  const std::string path = dir_ + "/xueji_title_row.xlsx";
  fs::copy_file(std::string(TEST_DATA_DIR) + "/xueji_title_row.xlsx", path);
  auto first = run("xueji", path);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ImportOptions o;
  o.kind = "xueji";
  o.sheet = "不存在的工作表";
  auto other = import_file(db(), path, o);
  ASSERT_FALSE(other.ok());  // read, not skipped as already imported
  EXPECT_EQ(other.error().code, "sheet_not_found");
  EXPECT_NE(other.error().message.find("学生名单"), std::string::npos) << other.error().message;
}

BAOXUE_ON_BOTH_ENGINES(ImportSheets);

}  // namespace
}  // namespace baoxue::ingest

namespace baoxue::ingest {
namespace {

class ImportSchools : public Import {};

TEST_P(ImportSchools, ASchoolListMaintainsTheCountysSchoolsByTownshipName) {
  ASSERT_TRUE(store::insert_regions(db(), "410308",
                                    {{"410308000000", "county", "孟津区", ""},
                                     {"410308101000", "township", "会盟镇", "410308000000"},
                                     {"410308002000", "township", "西霞院街道", "410308000000"}})
                  .ok());
  const std::vector<std::string> header = {"学校标识码", "学校名称", "办学类型",
                                           "所在乡镇（街道）"};
  auto r = run("school", write("schools.xlsx", "孟津区学校名单", header,
                               {{"1141030801", "孟津区会盟镇中心小学", "小学", "会盟镇"},
                                {"1141030802", "孟津区西霞院初级中学", "初中", "西霞院"},
                                {"1141030803", "孟津区某某小学", "小学", "不存在镇"},
                                {"1141030804", "孟津区某某学校", "职业高中", "会盟镇"}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->accepted, 2);
  EXPECT_EQ(r->rejected, 2);  // a township not in the county; a type that is not a school type
  auto schools = store::list_schools(db(), "410308");
  ASSERT_EQ(schools->size(), 2u);
  EXPECT_EQ(schools->at(1).type, "junior");
  EXPECT_EQ(schools->at(1).township_code, "410308002000");  // "西霞院" names 西霞院街道

  // A renamed school updates in place.
  auto again = run("school", write("schools2.xlsx", "", header,
                                   {{"1141030801", "孟津区会盟镇第一小学", "小学", "会盟镇"}}));
  ASSERT_TRUE(again.ok()) << again.error().message;
  schools = store::list_schools(db(), "410308");
  ASSERT_EQ(schools->size(), 2u);
  EXPECT_EQ(schools->at(0).name, "孟津区会盟镇第一小学");
}

BAOXUE_ON_BOTH_ENGINES(ImportSchools);

// A file past one of the readers' limits (read_limits.h) is refused as unreadable, and nothing
// of it stays in the database, wherever in the file the limit was hit.
class ImportLimits : public Import {
 protected:
  // Tables an import writes to, in one string: what is in the database.
  std::string tables() {
    std::string s;
    for (const char* t :
         {"counties", "source_lists", "import_batches", "source_rows", "list_records", "schools"})
      s += std::string(t) + "=" + std::to_string(count(std::string("SELECT COUNT(*) FROM ") + t)) +
           " ";
    return s;
  }
};

TEST_P(ImportLimits, AListThatBreaksALimitHalfwayLeavesNothingBehind) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 60; ++i) {
    char body[18];
    std::snprintf(body, sizeof body, "41030820170302%03d", i);
    rows.push_back(pupil("学生" + std::to_string(i), body));
  }
  rows[40].back() = std::string(300, 'x');  // 备注 of row 42: over the cell limit below
  const std::string path = write("学生名单.csv", "", kXuejiHeader, rows);
  const std::string before = tables();

  ImportOptions o;
  o.kind = "xueji";
  o.limits.max_cell_bytes = 200;
  auto r = import_file(db(), path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "cell_too_long");
  EXPECT_NE(r.error().message.find("“学生名单.csv”第 42 条记录 J 列"), std::string::npos)
      << r.error().message;
  EXPECT_TRUE(is_unreadable_file_error(r.error()));
  // Forty rows had been written when the limit was hit: they, the batch and the list it
  // created are gone.
  EXPECT_EQ(tables(), before);

  // Nothing remembers the file either: with room for the long cell it imports.
  o.limits.max_cell_bytes = 300;
  auto again = import_file(db(), path, o);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->already_imported);
  EXPECT_EQ(again->rows, 60);
}

TEST_P(ImportLimits, ACountyCreatedForAFileThatFailsIsNotKept) {
  const std::string path =
      write("学生名单.csv", "", kXuejiHeader,
            {pupil("张三", "41032320170302451"), pupil("李四", "41032320170415452")});
  const std::string before = tables();
  ImportOptions o;
  o.kind = "xueji";
  o.county = "410323";    // 新安县: created on first import
  o.limits.max_rows = 2;  // the header and one pupil
  auto r = import_file(db(), path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_many_rows");
  EXPECT_EQ(tables(), before);
  EXPECT_FALSE(store::county_exists(db(), "410323").value());
}

TEST_P(ImportLimits, ASchoolListOfMoreSchoolsThanACountyHasIsRefused) {
  ASSERT_TRUE(store::insert_regions(db(), "410308",
                                    {{"410308000000", "county", "孟津区", ""},
                                     {"410308101000", "township", "会盟镇", "410308000000"}})
                  .ok());
  const std::vector<std::string> header = {"学校标识码", "学校名称", "办学类型",
                                           "所在乡镇（街道）"};
  const std::string path =
      write("schools.csv", "", header,
            {{"1141030801", "孟津区会盟镇中心小学", "小学", "会盟镇"},
             {"1141030801", "孟津区会盟镇中心小学", "小学", "会盟镇"},  // the same school again
             {"1141030802", "孟津区会盟镇第二小学", "小学", "会盟镇"},
             {"1141030803", "孟津区会盟镇初级中学", "初中", "会盟镇"}});
  const std::string before = tables();
  ImportOptions o;
  o.kind = "school";
  o.max_schools = 2;
  auto r = import_file(db(), path, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_many_schools");
  EXPECT_NE(r.error().message.find("2 所"), std::string::npos) << r.error().message;
  EXPECT_EQ(tables(), before);
  o.max_schools = 3;  // three distinct schools
  auto fits = import_file(db(), path, o);
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(store::list_schools(db(), "410308")->size(), 3u);
}

BAOXUE_ON_BOTH_ENGINES(ImportLimits);

}  // namespace
}  // namespace baoxue::ingest
