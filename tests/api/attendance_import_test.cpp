// Specification of the import page's 考勤 kind: roll calls uploaded from the browser
// (POST /api/imports?kind=attendance) are imported by a job like a list, whose result says what
// became of them and whose file is the problem rows; only the county imports them. On both
// engines, with and without the server's options.
#include <filesystem>

#include "api_fixture.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"
#include "store/rows.h"

namespace baoxue::api {
namespace {

class AttendanceUpload : public ApiTest {
 protected:
  // The bytes of an xlsx with these rows under the roll-call header.
  std::string xlsx(const std::vector<std::vector<std::string>>& rows,
                   const std::vector<std::string>& header = {"日期", "时段", "学籍号", "姓名",
                                                             "出勤情况"}) {
    const std::string path = options_.data_dir + "/upload.xlsx";
    Status st = ingest::write_table(path, ingest::TableFormat::kXlsx, "考勤", "", header, rows);
    EXPECT_TRUE(st.ok()) << st.error().message;
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
  }
  long long count(const std::string& sql) { return store::query_int(db().sql(), sql); }
};

TEST_P(AttendanceUpload, RollCallsFromTheBrowserAreAJobWhoseFileIsTheProblemRows) {
  // 王子涵 in 中心小学 三年级(1)班 on the latest ledger.
  auto placed = pupil(wang);
  placed.class_number = 1;
  put("xueji", {placed});
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  auto settings = store::load_settings(db(), "410308");
  ASSERT_TRUE(settings.ok());
  const std::string yesterday = settings->county_today().plus_days(-1).iso();
  const std::string bytes = xlsx({{yesterday, "上午", placed.student_no, "王子涵", "旷课"},
                                  {yesterday, "下午", placed.student_no, "王子涵", "出勤"},
                                  {yesterday, "上午", "G410308201509019999", "孙七", "旷课"}});

  const Session school = sign_in("school_a");
  EXPECT_EQ(
      call("POST", "/api/imports", school, bytes, {{"kind", "attendance"}}, "考勤.xlsx").status,
      403);

  const Session county = sign_in("county");
  const json job = finished_job(
      call("POST", "/api/imports", county, bytes, {{"kind", "attendance"}}, "考勤.xlsx"), county);
  ASSERT_EQ(job.value("state", ""), "done") << job.dump();
  EXPECT_EQ(job["kind"], "import");
  const json& r = job["result"];
  EXPECT_EQ(r["kind"], "attendance");
  EXPECT_EQ(r["file"], "考勤.xlsx");
  EXPECT_EQ(r["outcome"], "partly_rejected");
  EXPECT_EQ(r["rows"], 3);
  EXPECT_EQ(r["accepted"], 2);
  EXPECT_EQ(r["rejected"], 1);
  EXPECT_EQ(r["roll_calls_created"], 2);
  EXPECT_EQ(r["first_day"], yesterday);
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_calls WHERE source = 'import' AND taken_by = "
                  "'county'"),
            2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import_attendance'"), 1);

  ASSERT_TRUE(r["errors_url"].is_string()) << r.dump();
  const Reply file = call("GET", r["errors_url"].get<std::string>(), county);
  ASSERT_EQ(file.status, 200) << file.raw.substr(0, 200);
  auto reader = ingest::open_table_bytes(file.raw, "问题行.xlsx", {});
  ASSERT_TRUE(reader.ok());
  std::vector<std::vector<std::string>> rows;
  ingest::SheetRow row;
  while (reader.value()->next(row)) rows.push_back(row.cells);
  ASSERT_EQ(rows.size(), 3u);  // title, header, 孙七's row
  EXPECT_EQ(rows[2][3], "孙七");
  EXPECT_NE(rows[2].back().find("不在本县最新的学籍台账中"), std::string::npos) << rows[2].back();
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'export_import_errors'"), 1);

  // The same file again: nothing changes, and no problem-free outcome is claimed for it.
  const json again = finished_job(
      call("POST", "/api/imports", county, bytes, {{"kind", "attendance"}}, "考勤.xlsx"), county);
  EXPECT_EQ(again["result"]["roll_calls_unchanged"], 2) << again.dump();
  EXPECT_EQ(again["result"]["roll_calls_created"], 0);
}

TEST_P(AttendanceUpload, AFileThatIsNoRollCallSheetFailsNamingTheFileNotTheServersFolder) {
  const Session county = sign_in("county");
  const json job = finished_job(
      call("POST", "/api/imports", county, xlsx({{"王子涵", "三年级"}}, {"姓名", "年级"}),
           {{"kind", "attendance"}}, "名单.xlsx"),
      county);
  ASSERT_EQ(job.value("state", ""), "failed") << job.dump();
  EXPECT_EQ(job["error"]["code"], "missing_columns");
  const std::string message = job["error"]["message"];
  EXPECT_NE(message.find("名单.xlsx"), std::string::npos) << message;
  EXPECT_EQ(message.find(options_.data_dir), std::string::npos) << message;
  EXPECT_NE(message.find("日期、时段"), std::string::npos) << message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_calls"), 0);
}

BAOXUE_ON_BOTH_ENGINES(AttendanceUpload);

}  // namespace
}  // namespace baoxue::api
