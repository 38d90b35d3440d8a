// Specification of issue 14 through the API: 学籍异动 seen by the schools that sent and received
// them and confirmed by the receiving one; the indicators of a user's unit and no other's; and
// the 四个一 report — a school drafts and submits its monthly report, which freezes it; the
// county sees it submitted; a changed list leaves the frozen report as it was, while the new
// draft shows the change and a correction becomes version 2 saying what changed. On both engines.
#include "api_fixture.h"
#include "ingest/row_reader.h"
#include "store/movement_repository.h"

namespace baoxue::api {
namespace {

class Reports : public ApiTest {
 protected:
  std::string month() {
    auto today = store::load_settings(db(), "410308")->county_today();
    char code[8];
    std::snprintf(code, sizeof code, "%04d-%02d", today.year, today.month);
    return code;
  }
  json draft_of(const Session& s, const std::string& school) {
    const Reply r =
        call("GET", "/api/reports/draft", s, "",
             {{"kind", "monthly"}, {"period", month()}, {"level", "school"}, {"code", school}});
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }
  Reply submit(const Session& s, const std::string& school, const std::string& note = "") {
    return call("POST", "/api/reports", s,
                json{{"kind", "monthly"},
                     {"period", month()},
                     {"level", "school"},
                     {"code", school},
                     {"preparer", "王老师"},
                     {"approver", "李校长"},
                     {"note", note}}
                    .dump());
  }
};

TEST_P(Reports, ASubmittedMonthlyReportStaysFrozenWhileTheNextDraftShowsTheChange) {
  Session a = sign_in("school_a"), county = sign_in("county");
  const json first = draft_of(a, kSchoolA);
  EXPECT_TRUE(first["may_submit"].get<bool>());
  EXPECT_TRUE(first["latest"].is_null());
  EXPECT_EQ(first["content"]["title"], "学生流动情况月报表");
  EXPECT_EQ(first["content"]["figures"]["end"], 1) << "王子涵 is on 中心小学's roll";

  const Reply v1 = submit(a, kSchoolA);
  ASSERT_EQ(v1.status, 201) << v1.raw;
  const long long id = v1.body["report"]["id"];
  EXPECT_EQ(v1.body["report"]["version"], 1);
  EXPECT_EQ(v1.body["report"]["digest"], first["digest"]);

  // The county sees 中心小学's report submitted and 第二小学's still owed.
  const Reply status =
      call("GET", "/api/reports", county, "", {{"kind", "monthly"}, {"period", month()}});
  ASSERT_EQ(status.status, 200) << status.raw;
  std::map<std::string, std::string> by_code;
  for (const auto& row : status.body["rows"]) by_code[row["unit"]["code"]] = row["status"];
  EXPECT_EQ(by_code[kSchoolA], "submitted");
  EXPECT_TRUE(by_code[kSchoolB] == "missing" || by_code[kSchoolB] == "overdue");
  EXPECT_TRUE(by_code.count("410308") && by_code.count("410308100000"));

  // A changed list: a second pupil at 中心小学.
  put("xueji", {pupil(wang), pupil(child("赵一鸣", "20160415", 51))});
  const Reply frozen = call("GET", "/api/reports/" + std::to_string(id), county);
  ASSERT_EQ(frozen.status, 200) << frozen.raw;
  EXPECT_EQ(frozen.body["content"]["figures"]["end"], 1) << "frozen: later imports change nothing";
  EXPECT_TRUE(frozen.body["report"]["digest_verified"].get<bool>());
  const json second = draft_of(a, kSchoolA);
  EXPECT_EQ(second["content"]["figures"]["end"], 2);
  EXPECT_TRUE(second["differs"].get<bool>());
  bool end_changed = false;
  for (const auto& c : second["changes"])
    end_changed = end_changed || (c["item"] == "end" && c["before"] == 1 && c["after"] == 2);
  EXPECT_TRUE(end_changed) << second["changes"].dump();

  // A correction needs its reason, becomes version 2 and says what changed; the same data twice
  // is refused.
  const Reply no_note = submit(a, kSchoolA);
  EXPECT_EQ(no_note.status, 400) << no_note.raw;
  EXPECT_NE(no_note.raw.find("更正原因"), std::string::npos);
  const Reply v2 = submit(a, kSchoolA, "补录11月底转入的赵一鸣");
  ASSERT_EQ(v2.status, 201) << v2.raw;
  EXPECT_EQ(v2.body["report"]["version"], 2);
  EXPECT_FALSE(v2.body["report"]["changes"].empty());
  const Reply again = submit(a, kSchoolA, "再报一次");
  EXPECT_EQ(again.status, 400);
  EXPECT_NE(again.raw.find("无需重新上报"), std::string::npos) << again.raw;
  const Reply shown = call("GET", "/api/reports/" + std::to_string(id), a);
  EXPECT_EQ(shown.body["versions"].size(), 2u);
  EXPECT_EQ(shown.body["content"]["figures"]["end"], 1) << "version 1 is still version 1";

  // The workbook in the official layout.
  const Reply book = call("GET", "/api/reports/" + std::to_string(id) + "/xlsx", a);
  ASSERT_EQ(book.status, 200);
  auto reader = ingest::open_table_bytes(book.raw, "report.xlsx", {});
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  std::string all;
  ingest::SheetRow row;
  while (reader.value()->next(row))
    for (const auto& cell : row.cells) all += cell + "|";
  for (const char* expected : {"学生流动情况月报表", "填报单位", "孟津区会盟镇中心小学", "巩固率",
                               "填报人|王老师", "审核人|李校长", "数字指纹"})
    EXPECT_NE(all.find(expected), std::string::npos) << expected;

  // On the audit log, in words.
  const Reply log = call("GET", "/api/audit", county, "", {{"action", "submit_report"}});
  ASSERT_EQ(log.status, 200) << log.raw;
  ASSERT_EQ(log.body["total"], 2);
  EXPECT_NE(log.body["rows"][0]["detail"].get<std::string>().find("孟津区会盟镇中心小学"),
            std::string::npos);
}

TEST_P(Reports, EachUnitReportsForItselfAndSeesNoOtherSchoolsReport) {
  Session a = sign_in("school_a"), b = sign_in("school_b"), village = sign_in("taiyin"),
          inspector = sign_in("inspector");
  const Reply v1 = submit(a, kSchoolA);
  ASSERT_EQ(v1.status, 201) << v1.raw;
  const std::string id = std::to_string(v1.body["report"]["id"].get<long long>());
  EXPECT_EQ(call("GET", "/api/reports/" + id, b).status, 404);
  EXPECT_EQ(call("GET", "/api/reports/" + id + "/xlsx", b).status, 404);
  EXPECT_EQ(submit(b, kSchoolA).status, 404) << "another school's report is not there";
  EXPECT_EQ(call("GET", "/api/reports", village).status, 403);
  EXPECT_EQ(call("GET", "/api/reports/" + id, inspector).status, 200);
  EXPECT_EQ(submit(inspector, kSchoolA).status, 403);
  const Reply mine = call("GET", "/api/reports", b, "", {{"kind", "monthly"}});
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["rows"].size(), 1u) << "a school sees its own row only";
  EXPECT_EQ(mine.body["rows"][0]["unit"]["code"], kSchoolB);
}

TEST_P(Reports, TheReceivingSchoolConfirmsATransferTheSendingSchoolCannot) {
  auto records = store::registry_records(db(), "410308");
  ASSERT_TRUE(records.ok() && !records->empty());
  const Date today = store::load_settings(db(), "410308")->county_today();
  store::Movement m;
  m.kind = "transfer_out";
  m.subject = "sn:" + records->front().student_no;
  m.record_id = records->front().id;
  m.name = "王子涵";
  m.student_no = records->front().student_no;
  m.moved_on = today.plus_days(-3).iso();
  m.from_school_code = kSchoolA;
  m.from_school_name = "孟津区会盟镇中心小学";
  m.from_township_code = "410308100000";
  m.to_school_code = kSchoolB;
  m.to_school_name = "孟津区会盟镇第二小学";
  m.to_township_code = "410308100000";
  m.recorded_by = "test";
  ASSERT_TRUE(store::save_movement(db(), "410308", m).ok());
  Session a = sign_in("school_a"), b = sign_in("school_b"), village = sign_in("taiyin");
  const Reply seen_a = call("GET", "/api/movements", a);
  ASSERT_EQ(seen_a.status, 200) << seen_a.raw;
  ASSERT_EQ(seen_a.body["total"], 1);
  EXPECT_EQ(seen_a.body["rows"][0]["state"], "awaiting");
  EXPECT_FALSE(seen_a.body["rows"][0]["may_confirm"].get<bool>());
  const Reply seen_b = call("GET", "/api/movements", b);
  EXPECT_TRUE(seen_b.body["rows"][0]["may_confirm"].get<bool>());
  EXPECT_EQ(call("GET", "/api/movements", village).status, 403);
  const std::string confirm = "/api/movements/" + std::to_string(m.id) + "/confirm";
  EXPECT_EQ(call("POST", confirm, a, "{}").status, 403);
  const Reply done = call("POST", confirm, b, "{}");
  ASSERT_EQ(done.status, 200) << done.raw;
  EXPECT_EQ(done.body["movement"]["state"], "confirmed");
  EXPECT_EQ(call("POST", confirm, b, "{}").status, 400) << "confirmed once";
}

TEST_P(Reports, IndicatorsAreTheUsersUnitsAndNoOthers) {
  Session a = sign_in("school_a"), county = sign_in("county"), village = sign_in("taiyin");
  const Reply mine = call("GET", "/api/indicators", a);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  EXPECT_EQ(mine.body["figures"]["unit"]["code"], kSchoolA);
  EXPECT_EQ(mine.body["figures"]["end"], 1);
  EXPECT_TRUE(mine.body["figures"]["enrolment_rate"].is_null()) << "a school has no 户籍 base";
  EXPECT_EQ(call("GET", "/api/indicators", a, "", {{"school", kSchoolB}}).status, 404);
  EXPECT_EQ(call("GET", "/api/indicators", village).status, 403);
  const Reply all = call("GET", "/api/indicators", county);
  ASSERT_EQ(all.status, 200) << all.raw;
  EXPECT_EQ(all.body["figures"]["unit"]["level"], "county");
  EXPECT_EQ(all.body["schools"].size(), 2u);
  EXPECT_FALSE(all.body["figures"]["enrolment_rate"].is_null());
  const Reply trend = call("GET", "/api/indicators/trend", county, "", {{"months", "6"}});
  ASSERT_EQ(trend.status, 200) << trend.raw;
  EXPECT_EQ(trend.body["months"].size(), 6u);
  EXPECT_EQ(trend.body["months"][5]["enrolled"], 1);
  const Reply cohort = call("GET", "/api/indicators/cohort", county, "",
                            {{"entry_year", "2020"}, {"stage", "primary"}});
  ASSERT_EQ(cohort.status, 200) << cohort.raw;
  EXPECT_TRUE(cohort.body["completed"].get<bool>());
  EXPECT_EQ(cohort.body["entrants"], 0) << "the lists start in 2026";
  EXPECT_TRUE(cohort.body["cohort_retention_rate"].is_null()) << "nothing to divide by";
  EXPECT_EQ(call("GET", "/api/indicators/cohort", county, "", {{"entry_year", "20"}}).status, 400);
}

BAOXUE_ON_BOTH_ENGINES(Reports);

}  // namespace
}  // namespace baoxue::api
