// Specification of how the API meets bad and oversized requests (issue 11): malformed or
// mistyped JSON and nonsense paging are 400s that name the field — never a 500, never run
// anyway; a page past the end is clamped and says so; a body over its route's limit is 413;
// an unexpected failure answers without internals; long work answers 202 with a job whose
// progress and outcome anyone who started it can read later.
#include "api_fixture.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

class Requests : public ApiTest {};

TEST_P(Requests, MistypedJsonIsA400NamingTheFieldAndNothingRuns) {
  Session county = sign_in("county");
  const Reply typed =
      call("POST", "/api/suspected/dispatch", county, R"({"entry_ids":"x","to":5})");
  EXPECT_EQ(typed.status, 400) << typed.raw;
  EXPECT_NE(typed.body["message"].get<std::string>().find("to"), std::string::npos) << typed.raw;
  const Reply ids = call("POST", "/api/suspected/dispatch", county, R"({"entry_ids":"x"})");
  EXPECT_EQ(ids.status, 400);
  EXPECT_NE(ids.body["message"].get<std::string>().find("entry_ids"), std::string::npos);
  const long long runs_before = call("GET", "/api/runs", county).body["total"];
  const Reply broken = call("POST", "/api/census", county, "{");
  EXPECT_EQ(broken.status, 400) << broken.raw;
  EXPECT_EQ(call("GET", "/api/runs", county).body["total"], runs_before);  // no census ran
  EXPECT_EQ(call("POST", "/api/census", county, R"({"as_of":"2026-13-45"})").status, 400);
  EXPECT_EQ(call("POST", "/api/session", {}, R"(["county"])").status, 400);
  EXPECT_EQ(call("POST", "/api/tasks/1/submit", county, R"({"category":7})").status, 400);
}

TEST_P(Requests, NonsensePagingIsRefusedAndAPagePastTheEndIsClampedWithANotice) {
  Session county = sign_in("county");
  for (const char* size : {"-1", "0", "201", "abc"}) {
    const Reply r = call("GET", "/api/children", county, "", {{"size", size}});
    EXPECT_EQ(r.status, 400) << size;
    EXPECT_NE(r.body["message"].get<std::string>().find("size"), std::string::npos);
  }
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"page", "0"}}).status, 400);
  const Reply bogus = call("GET", "/api/suspected", county, "", {{"status", "bogus"}});
  EXPECT_EQ(bogus.status, 400);
  EXPECT_NE(bogus.body["message"].get<std::string>().find("未销号"), std::string::npos);
  const Reply past = call("GET", "/api/children", county, "", {{"page", "9"}, {"size", "2"}});
  ASSERT_EQ(past.status, 200) << past.raw;
  EXPECT_EQ(past.body["page"], 2);  // 3 children: the last page of 2 is the second
  EXPECT_EQ(past.body["rows"].size(), 1u);
  EXPECT_NE(past.body["notice"].get<std::string>().find("第 9 页超出范围"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/dropouts", county, "", {{"category", "A"}}).status, 400);
  EXPECT_EQ(call("GET", "/api/tasks", county, "", {{"state", "done"}}).status, 400);
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"township", "41' OR 1=1"}}).status, 400);
}

TEST_P(Requests, ABodyOverItsRoutesLimitIsRefusedWith413) {
  const std::string big(kSmallBody + 1, 'x');
  const Reply sign_in_flood = call("POST", "/api/session", {}, big);
  EXPECT_EQ(sign_in_flood.status, 413);
  EXPECT_EQ(sign_in_flood.body["code"], "body_too_large");
  const RouteInfo* route = find_route("POST", "/api/session");
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->max_body, kSmallBody);
  EXPECT_EQ(find_route("POST", "/api/tasks/12/evidence")->max_body, kEvidenceBody);
  EXPECT_EQ(find_route("POST", "/api/imports")->max_body, 0u);  // the server's upload setting
  EXPECT_EQ(find_route("GET", "/api/nowhere"), nullptr);
  Session county = sign_in("county");
  EXPECT_EQ(call("POST", "/api/census", county, "{\"as_of\":\"" + big + "\"}").status, 413);
}

TEST_P(Requests, AnUnexpectedFailureAnswersWithoutInternals) {
  Session county = sign_in("county");
  const long long entry = entry_of(county, "张浩宇");
  ASSERT_EQ(
      call("POST", "/api/suspected/dispatch", county,
           json{{"entry_ids", {entry}}, {"to", "residence"}, {"deadline", "2099-12-31"}}.dump())
          .status,
      200);
  Session taiyin = sign_in("taiyin");
  const long long task = call("GET", "/api/tasks", taiyin).body["rows"][0]["task"]["id"];
  const Reply photo =
      call("POST", "/api/tasks/" + std::to_string(task) + "/evidence", taiyin, kPng, {}, "p.png");
  ASSERT_EQ(photo.status, 200);
  std::filesystem::remove_all(options_.data_dir + "/evidence");  // the file is gone from disk
  const Reply r =
      call("GET", "/api/evidence/" + std::to_string(photo.body["evidence"]["id"].get<long long>()),
           taiyin);
  EXPECT_EQ(r.status, 500);
  EXPECT_NE(r.body["message"].get<std::string>().find("事件编号"), std::string::npos);
  EXPECT_EQ(r.raw.find(options_.data_dir), std::string::npos) << r.raw;
  EXPECT_EQ(r.raw.find("sha"), std::string::npos) << r.raw;
}

TEST_P(Requests, ACensusRunsAsAJobWhoseOutcomeItsStarterCanReadLater) {
  Session county = sign_in("county");
  const Reply started = call("POST", "/api/census", county, R"({"as_of":"2026-09-01"})");
  ASSERT_EQ(started.status, 202) << started.raw;
  EXPECT_EQ(started.body["job"]["kind"], "census");
  const json job = finished_job(started, county);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["result"]["run"]["as_of"], "2026-09-01");
  EXPECT_EQ(job["phase"], "write_ledger");
  // The starter's recent jobs list it; another user cannot read it.
  const Reply mine = call("GET", "/api/jobs", county);
  ASSERT_FALSE(mine.body["rows"].empty());
  EXPECT_EQ(mine.body["rows"][0]["id"], job["id"]);
  add_user("staff", "county_staff", "410308", /*changed=*/true);
  EXPECT_EQ(call("GET", "/api/jobs/" + std::to_string(job["id"].get<long long>()), sign_in("staff"))
                .status,
            404);
  // Without a date it is measured at the term's census day (census.term_days), not today.
  const json again = finished_job(call("POST", "/api/census", county, "{}"), county);
  const std::string as_of = again["result"]["run"]["as_of"];
  EXPECT_TRUE(as_of.substr(5) == "09-01" || as_of.substr(5) == "03-01") << as_of;
  EXPECT_EQ(call("GET", "/api/meta", county).body["settings"]["census_day"], as_of);
}

TEST_P(Requests, DispatchingAllUndispatchedRunsAsAJobAndDispatchesEveryOne) {
  Session county = sign_in("county");
  // The dispatch dialog's default deadline is the county's setting.
  const Reply meta = call("GET", "/api/meta", county);
  EXPECT_EQ(meta.body["settings"]["verification_deadline_days"], 10);
  const json result = dispatch_all(county);
  EXPECT_EQ(result["dispatched"], 2);
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"task", "undispatched"}}).body["total"], 0);
  const Reply tasks = call("GET", "/api/tasks", sign_in("taiyin"));
  EXPECT_EQ(tasks.body["rows"][0]["task"]["deadline"], "2099-12-31");
}

TEST_P(Requests, TheDayIsTheCountysAndADispatchWithoutADeadlineGetsTheCountysTimeAllowed) {
  // A county far east of the server's machine: its today is UTC+14's.
  ASSERT_TRUE(store::set_setting(db(), "410308", "county.utc_offset_hours", "14", "test").ok());
  ASSERT_TRUE(store::set_setting(db(), "410308", "verification.deadline_days", "7", "test").ok());
  Session county = sign_in("county");
  const Reply meta = call("GET", "/api/meta", county);
  const Date today = Date::today(14);
  EXPECT_EQ(meta.body["today"], today.iso());
  EXPECT_EQ(meta.body["settings"]["verification_deadline_days"], 7);
  const long long entry = entry_of(county, "张浩宇");
  ASSERT_EQ(call("POST", "/api/suspected/dispatch", county,
                 json{{"entry_ids", {entry}}, {"to", "residence"}}.dump())
                .status,
            200);
  const Reply tasks = call("GET", "/api/tasks", sign_in("taiyin"));
  EXPECT_EQ(tasks.body["rows"][0]["task"]["deadline"], today.plus_days(7).iso());
}

BAOXUE_ON_BOTH_ENGINES(Requests);

}  // namespace
}  // namespace baoxue::api
