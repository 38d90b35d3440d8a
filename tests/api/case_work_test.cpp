// Specification of persuade-to-return cases (劝返复学, issue 12) through the API: a child
// confirmed out of school has a case opened with his 辍学台账 entry; every attempt is logged and
// never changed; refusals lead to the township's 限期返校通知书 and, past its deadline, to the
// county; a return is confirmed with the school, class and date and followed up; 销号 needs the
// county; every transition names who, when and why; scope and the audit hold as everywhere.
#include "cases/case_work.h"

#include <cstdio>

#include "api_fixture.h"
#include "store/case_repository.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

constexpr const char* kHuimeng = "410308100000";

class CaseWork : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    add_user("huimeng", "township", kHuimeng, /*changed=*/true);
    county_ = sign_in("county");
    taiyin_ = sign_in("taiyin");
    EXPECT_EQ(dispatch_all(county_)["dispatched"], 2);
    // 台荫村 finds 张浩宇 out of school (K: 厌学), the county approves: he enters the 辍学台账.
    const long long entry = entry_of(county_, "张浩宇");
    const json task = call("GET", "/api/suspected/" + std::to_string(entry), taiyin_).body["task"];
    const std::string t = "/api/tasks/" + std::to_string(task["id"].get<long long>());
    ASSERT_EQ(call("POST", t + "/submit", taiyin_,
                   json{{"category", "K"}, {"note", "厌学，在家不愿上学"}}.dump())
                  .status,
              200);
    ASSERT_EQ(call("POST", t + "/review", county_, json{{"decision", "approve"}}.dump()).status,
              200);
    const Reply list = call("GET", "/api/cases", county_);
    ASSERT_EQ(list.status, 200) << list.raw;
    ASSERT_EQ(list.body["total"], 1) << list.raw;
    case_ = list.body["rows"][0]["id"];
    path_ = "/api/cases/" + std::to_string(case_);
  }

  Reply page(const Session& s) { return call("GET", path_, s); }
  Reply post(const Session& s, const std::string& what, const json& body) {
    return call("POST", path_ + "/" + what, s, body.dump());
  }
  Reply attempt(const Session& s, const std::string& outcome, const json& more = json::object()) {
    json body = {{"date", today()}, {"method", "home_visit"},   {"visitors", "李村长、王老师"},
                 {"met", "父亲"},   {"said", "讲解义务教育法"}, {"outcome", outcome}};
    body.update(more);
    return post(s, "attempts", body);
  }
  Reply move(const Session& s, const json& body) { return post(s, "transitions", body); }
  std::string today() const { return Date::today(8).iso(); }
  // Sets columns of the case directly: the day the rules look at has come.
  void age(const std::string& assignment) {
    db().sql() << "UPDATE cases SET " + assignment + " WHERE id = " + std::to_string(case_);
  }
  long long upload(const Session& s) {
    const Reply r = call("POST", path_ + "/files", s, kPng, {}, "证明.png");
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["file"]["id"];
  }

  Session county_, taiyin_;
  long long case_ = 0;
  std::string path_;
};

TEST_P(CaseWork, AConfirmedDropoutHasOneCaseOpenedWithHisEntryAndTheActionsFollowTheTable) {
  const Reply p = page(taiyin_);
  ASSERT_EQ(p.status, 200) << p.raw;
  EXPECT_EQ(p.body["name"], "张浩宇");
  EXPECT_EQ(p.body["state"], "persuading");
  EXPECT_EQ(p.body["cause_category"], "K");
  EXPECT_EQ(p.body["cause_note"], "厌学，在家不愿上学");
  EXPECT_EQ(p.body["actions"],
            json::array({"confirm_return", "start_home_teaching", "request_end"}));
  EXPECT_EQ(p.body["timeline"][0]["action"], "open");
  EXPECT_EQ(page(sign_in("inspector")).body["actions"], json::array());
  EXPECT_EQ(page(sign_in("inspector")).body["may"], json::array());
  // The dropout ledger's entry and the case are one: the case follows the entry.
  const Reply dropouts = call("GET", "/api/dropouts", county_);
  EXPECT_EQ(p.body["dropout_id"], dropouts.body["rows"][0]["id"]);
  EXPECT_EQ(call("GET", "/api/cases", county_, "", {{"status", "persuading"}})
                .body["counts"]["persuading"],
            1);
}

TEST_P(CaseWork, TheWorkingGroupIsNamedPeopleOnBothLinesFromAccountsOrTypedIn) {
  const Reply accounts = call("GET", path_ + "/accounts", county_);
  ASSERT_EQ(accounts.status, 200) << accounts.raw;
  std::map<std::string, std::string> duty_of;
  for (const json& a : accounts.body["accounts"]) duty_of[a["username"]] = a["duty"];
  EXPECT_EQ(duty_of["taiyin"], "village_cadre");
  EXPECT_EQ(duty_of["huimeng"], "township_cadre");
  EXPECT_EQ(duty_of.count("leihe"), 0u);  // another village's cadre is not offered
  ASSERT_EQ(post(county_, "people", {{"duty", "village_cadre"}, {"username", "taiyin"}}).status,
            200);
  ASSERT_EQ(post(county_, "people",
                 {{"duty", "head_teacher"}, {"name", "陈丽"}, {"phone", "15037917788"}})
                .status,
            200);
  EXPECT_EQ(post(county_, "people", {{"duty", "head_teacher"}, {"username", "nobody"}}).status,
            400);
  EXPECT_EQ(post(county_, "people", {{"duty", "mayor"}, {"name", "x"}}).status, 400);
  json p = page(county_).body;
  ASSERT_EQ(p["people"].size(), 2u);
  EXPECT_EQ(p["people"][0]["name"], "taiyin");  // the account's display name
  EXPECT_EQ(p["people"][0]["line"], "government");
  EXPECT_EQ(p["people"][1]["line"], "education");
  // Taken off the group: the row stays on record, the page no longer lists him.
  const long long first = p["people"][0]["id"];
  ASSERT_EQ(call("POST", path_ + "/people/" + std::to_string(first) + "/remove", county_).status,
            200);
  EXPECT_EQ(page(county_).body["people"].size(), 1u);
}

TEST_P(CaseWork, AttemptsAreAppendOnlyAndACorrectionIsANewRecordPointingToTheOld) {
  ASSERT_EQ(attempt(taiyin_, "refused").status, 200);
  const Reply second = attempt(taiyin_, "refused");
  ASSERT_EQ(second.status, 200);
  ASSERT_EQ(attempt(taiyin_, "refused").status, 200);
  json p = page(county_).body;
  EXPECT_EQ(p["attempts"].size(), 3u);
  EXPECT_EQ(p["refusals"], 3);
  EXPECT_TRUE(p["escalation"]["notice_due"]) << p.dump();
  EXPECT_EQ(call("GET", "/api/cases", county_, "", {{"status", "notice_due"}}).body["total"], 1);
  // The second visit was wrongly recorded: the father was considering, not refusing.
  const long long wrong = second.body["attempt_id"];
  ASSERT_EQ(attempt(taiyin_, "considering", {{"corrects", wrong}}).status, 200);
  p = page(county_).body;
  ASSERT_EQ(p["attempts"].size(), 4u);  // nothing removed
  EXPECT_EQ(p["attempts"][1]["corrected_by"], p["attempts"][3]["id"]);
  EXPECT_EQ(p["attempts"][3]["corrects_id"], wrong);
  EXPECT_EQ(p["attempts"][1]["outcome"], "refused");  // the record as it was
  EXPECT_EQ(p["attempts"].back()["recorded_by_unit"], "会盟镇台荫村");
  EXPECT_EQ(p["refusals"], 2);
  EXPECT_FALSE(p["escalation"]["notice_due"]);
  // A record is corrected once; a stranger's number is refused.
  EXPECT_EQ(attempt(taiyin_, "agreed", {{"corrects", wrong}}).status, 400);
  EXPECT_EQ(attempt(taiyin_, "agreed", {{"corrects", 999999}}).status, 404);
  // Bad input names the field.
  const Reply bad = attempt(taiyin_, "maybe");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body["message"].get<std::string>().find("劝返结果"), std::string::npos);
  EXPECT_EQ(attempt(taiyin_, "agreed", {{"date", "2099-01-01"}}).status, 400);
}

TEST_P(CaseWork, NoAttemptWithinTheIntervalMakesTheCaseOverdueForTheTownshipAndTheCounty) {
  ASSERT_EQ(attempt(taiyin_, "considering", {{"next_step", "再次入户"}}).status, 200);
  const json p = page(county_).body;
  const Date due = Date::today(8).plus_days(7);
  EXPECT_EQ(p["escalation"]["next_due"], due.iso());
  EXPECT_FALSE(p["escalation"]["overdue"]);
  // A promised next step earlier than the interval is what is due.
  ASSERT_EQ(
      attempt(taiyin_, "considering", {{"next_due", Date::today(8).plus_days(2).iso()}}).status,
      200);
  EXPECT_EQ(page(county_).body["escalation"]["next_due"], Date::today(8).plus_days(2).iso());
  age("next_due = '2000-01-10'");
  Session huimeng = sign_in("huimeng");
  EXPECT_TRUE(page(huimeng).body["escalation"]["overdue"]);
  EXPECT_EQ(call("GET", "/api/cases", huimeng, "", {{"status", "overdue"}}).body["total"], 1);
  const Reply rollups = call("GET", "/api/case-rollups", county_);
  ASSERT_EQ(rollups.status, 200) << rollups.raw;
  EXPECT_EQ(rollups.body["townships"][0]["name"], "会盟镇");
  EXPECT_EQ(rollups.body["townships"][0]["overdue"], 1);
  EXPECT_EQ(call("GET", "/api/cases", sign_in("leihe"), "", {{"status", "overdue"}}).body["total"],
            0);
}

TEST_P(CaseWork, TheTownshipIssuesTheDeadlineNoticeAndItsDeadlinePassedGoesToTheCounty) {
  ASSERT_EQ(post(county_, "people",
                 {{"duty", "township_cadre"}, {"name", "刘干部"}, {"phone", "13800001111"}})
                .status,
            200);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(attempt(taiyin_, "refused").status, 200);
  // A notice names the school he is to return to: he was never enrolled, so the plan names it.
  EXPECT_EQ(post(county_, "notices", {{"kind", "return_notice"}}).status, 400);
  ASSERT_EQ(post(taiyin_, "plan",
                 {{"measures", "村干部每周入户；学校安排结对教师补课"},
                  {"target_date", Date::today(8).plus_days(30).iso()},
                  {"school_code", kSchoolA}})
                .status,
            200);
  EXPECT_EQ(call("GET", "/api/cases", sign_in("school_a")).body["total"], 1);
  // A village does not issue the township's order; the township does.
  EXPECT_EQ(post(taiyin_, "notices", {{"kind", "deadline_notice"}}).status, 403);
  Session huimeng = sign_in("huimeng");
  const Reply issued = post(huimeng, "notices", {{"kind", "deadline_notice"}});
  ASSERT_EQ(issued.status, 200) << issued.raw;
  const std::string number = issued.body["notice"]["number"];
  EXPECT_EQ(number.rfind("孟津限返〔", 0), 0u) << number;
  const Reply pdf = call("GET", issued.body["notice"]["file"]["url"].get<std::string>(), huimeng);
  ASSERT_EQ(pdf.status, 200);
  ASSERT_EQ(pdf.raw.rfind("%PDF", 0), 0u);
  // The text comes back out of the PDF: the child, the order, the law.
  char name[] = "/tmp/baoxue-notice-XXXXXX";
  const int fd = mkstemp(name);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, pdf.raw.data(), pdf.raw.size()), static_cast<ssize_t>(pdf.raw.size()));
  close(fd);
  std::string text;
  FILE* out = popen(("pdftotext -enc UTF-8 " + std::string(name) + " -").c_str(), "r");
  ASSERT_NE(out, nullptr);
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, out)) text.append(buf, n);
  ASSERT_EQ(pclose(out), 0) << "pdftotext failed";
  std::remove(name);
  for (const char* expected : {"张浩宇", "限期返校通知书", "第五十八条", "会盟镇人民政府"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  json p = page(county_).body;
  EXPECT_FALSE(p["escalation"]["notice_due"]);
  EXPECT_EQ(p["notices"][0]["number"], number);
  EXPECT_FALSE(p["escalation"]["escalated"]);
  age("notice_deadline = '2000-01-10'");
  EXPECT_TRUE(page(county_).body["escalation"]["escalated"]);
  EXPECT_EQ(call("GET", "/api/cases", county_, "", {{"status", "escalated"}}).body["total"], 1);
  // Numbers run on within the year.
  const Reply again = post(county_, "notices", {{"kind", "deadline_notice"}});
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_NE(again.body["notice"]["number"], number);
}

TEST_P(CaseWork, AReturnIsConfirmedFollowedUpAndClosedOnlyWithTheCountysApproval) {
  // Re-enrolment needs the school, the class and the date.
  EXPECT_EQ(move(taiyin_, {{"action", "confirm_return"}, {"school_code", kSchoolA}}).status, 400);
  const Reply back = move(taiyin_, {{"action", "confirm_return"},
                                    {"school_code", kSchoolA},
                                    {"grade", 4},
                                    {"class", "四年级(2)班"},
                                    {"return_date", today()},
                                    {"adaptation_plan", "每周一次谈心，补习数学"},
                                    {"reason", "家长同意送回"}});
  ASSERT_EQ(back.status, 200) << back.raw;
  json p = page(county_).body;
  EXPECT_EQ(p["state"], "returned");
  EXPECT_EQ(p["return"]["school_name"], "孟津区会盟镇中心小学");  // as the school list names it
  EXPECT_EQ(p["school_code"], kSchoolA);  // the receiving school follows him up
  EXPECT_EQ(p["return"]["follow_up_until"], Date::today(8).plus_days(120).iso());
  EXPECT_EQ(p["actions"], json::array({"relapse"}));  // 申请销号 only after the follow-up
  EXPECT_EQ(call("GET", "/api/cases", sign_in("school_a")).body["total"], 1);
  EXPECT_EQ(move(taiyin_, {{"action", "request_close"}}).status, 409);
  ASSERT_EQ(post(sign_in("school_a"), "follow-ups",
                 {{"date", today()}, {"attendance", "全勤"}, {"note", "适应良好"}})
                .status,
            200);
  EXPECT_EQ(page(county_).body["follow_ups"].size(), 1u);
  age("follow_up_until = '2000-01-10'");
  EXPECT_EQ(move(taiyin_, {{"action", "request_close"}}).status, 200);
  p = page(county_).body;
  EXPECT_EQ(p["state"], "closing");
  EXPECT_EQ(p["end_reason"], "returned");
  EXPECT_EQ(p["actions"], json::array({"approve_close", "reject_close"}));
  EXPECT_EQ(move(taiyin_, {{"action", "approve_close"}}).status, 403);
  ASSERT_EQ(move(county_, {{"action", "approve_close"}}).status, 200);
  p = page(county_).body;
  EXPECT_EQ(p["state"], "closed");
  // The 辍学台账 entry is closed (销号), never deleted, and the child reads 在校 again.
  const Reply dropouts = call("GET", "/api/dropouts", county_, "", {{"status", "closed"}});
  EXPECT_EQ(dropouts.body["total"], 1);
  const Reply child = call("GET", "/api/children", county_, "", {{"q", "张浩宇"}});
  EXPECT_EQ(child.body["rows"][0]["standing"], "in_school") << child.raw;
  // Every step names who took it.
  std::vector<std::string> actions;
  for (const json& s : p["timeline"]) {
    actions.push_back(s["action"]);
    EXPECT_FALSE(s["by_name"].get<std::string>().empty());
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"open", "confirm_return", "request_close", "approve_close"}));
}

TEST_P(CaseWork, ALawfulEndNeedsItsProofAndTheCountyMayRefuseIt) {
  EXPECT_EQ(move(taiyin_, {{"action", "request_end"}, {"end_reason", "deferred"}}).status, 400);
  const Reply no_proof =
      move(taiyin_, {{"action", "request_end"}, {"end_reason", "deferred"}, {"reason", "因病"}});
  EXPECT_EQ(no_proof.status, 400);
  EXPECT_EQ(no_proof.body["code"], "proof_required");
  const long long file = upload(taiyin_);
  ASSERT_EQ(move(taiyin_, {{"action", "request_end"},
                           {"end_reason", "deferred"},
                           {"reason", "县人民医院诊断，需休学治疗"},
                           {"file_ids", {file}}})
                .status,
            200);
  json p = page(county_).body;
  EXPECT_EQ(p["state"], "closing");
  EXPECT_EQ(p["timeline"].back()["files"][0]["id"], file);
  EXPECT_EQ(move(county_, {{"action", "reject_close"}}).status, 400);  // a reason is needed
  ASSERT_EQ(move(county_, {{"action", "reject_close"}, {"reason", "证明不是县级医院出具"}}).status,
            200);
  p = page(county_).body;
  EXPECT_EQ(p["state"], "persuading");
  EXPECT_EQ(p["end_reason"], "");
}

TEST_P(CaseWork, HomeTeachingIsAnEndTheCountyApproves) {
  EXPECT_EQ(move(taiyin_, {{"action", "start_home_teaching"}}).status, 400);
  ASSERT_EQ(move(taiyin_, {{"action", "start_home_teaching"},
                           {"reason", "县残疾人教育专家委员会评估：重度残疾，适宜送教上门"}})
                .status,
            200);
  ASSERT_EQ(move(taiyin_, {{"action", "request_close"}}).status, 200);
  EXPECT_EQ(page(county_).body["end_reason"], "home_teaching");
  ASSERT_EQ(move(county_, {{"action", "approve_close"}}).status, 200);
  EXPECT_EQ(
      call("GET", "/api/children", county_, "", {{"q", "张浩宇"}}).body["rows"][0]["standing"],
      "in_school");
  // A closed case is opened again only by the county, saying why; his entry is open again.
  EXPECT_EQ(page(taiyin_).body["actions"], json::array());
  EXPECT_EQ(move(taiyin_, {{"action", "reopen"}, {"reason", "x"}}).status, 403);
  EXPECT_EQ(page(county_).body["actions"], json::array({"reopen"}));
  EXPECT_EQ(move(county_, {{"action", "reopen"}}).status, 400);
  ASSERT_EQ(
      move(county_, {{"action", "reopen"}, {"reason", "送教评估有误，家长申请重新劝返"}}).status,
      200);
  EXPECT_EQ(page(county_).body["state"], "persuading");
  EXPECT_EQ(call("GET", "/api/dropouts", county_, "", {{"status", "open"}}).body["total"], 1);
  EXPECT_EQ(
      call("GET", "/api/children", county_, "", {{"q", "张浩宇"}}).body["rows"][0]["standing"],
      "dropout");
}

TEST_P(CaseWork, AChildWhoDropsOutAgainHasHisCaseReopenedNeverASecondOne) {
  ASSERT_EQ(move(taiyin_, {{"action", "confirm_return"},
                           {"school_name", "会盟镇中心小学"},
                           {"class", "四年级(2)班"},
                           {"return_date", today()}})
                .status,
            200);
  core::Scope all;
  all.county = "410308";
  all.role = core::Role::kCountyAdmin;
  const store::Case k = store::case_by_id(db(), "410308", case_, all).value().value();
  // The lists find him missing again while he is followed up: the same case, persuading again.
  auto reopened = cases::reopen_on_relapse(db(), "410308", k.child_key, "学籍比对再次疑似", "test",
                                           Date::today(8));
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  EXPECT_TRUE(*reopened);
  json p = page(county_).body;
  EXPECT_EQ(p["state"], "persuading");
  EXPECT_EQ(p["timeline"].back()["action"], "relapse");
  EXPECT_EQ(p["timeline"].back()["reason"], "学籍比对再次疑似");
  // Nothing happens to a child without a case that could relapse.
  auto none =
      cases::reopen_on_relapse(db(), "410308", "no-such-child", "x", "test", Date::today(8));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  // Verification confirms him out of school once more (a new 辍学台账 entry): still one case,
  // now following the new entry.
  auto old = store::dropout_by_id(db(), "410308", k.dropout_id, all).value().value();
  ASSERT_TRUE(store::set_dropout_status(db(), "410308", old.id, "closed", "test").ok());
  store::DropoutEntry again = old;
  again.status = "open";
  again.category = "L";
  ASSERT_TRUE(store::insert_dropout(db(), "410308", again).ok());
  ASSERT_TRUE(cases::open_case_for_dropout(db(), "410308", again, "county", Date::today(8)).ok());
  const Reply list = call("GET", "/api/cases", county_);
  EXPECT_EQ(list.body["total"], 1);
  p = page(county_).body;
  EXPECT_EQ(p["dropout_id"], again.id);
  EXPECT_EQ(p["cause_category"], "L");
  EXPECT_EQ(p["timeline"].back()["action"], "reopen");
}

TEST_P(CaseWork, ReturnedThenMissingFromTheStudentListAgainReopensHisCaseAtTheNextCensus) {
  ASSERT_EQ(move(taiyin_, {{"action", "confirm_return"},
                           {"school_code", kSchoolA},
                           {"class", "四年级(2)班"},
                           {"return_date", today()}})
                .status,
            200);
  auto census = [&] {
    const json job = finished_job(
        call("POST", "/api/census", county_, json{{"as_of", kCensusDay.iso()}}.dump()), county_);
    EXPECT_EQ(job.value("state", ""), "done") << job.dump();
  };
  // Back on the student list: in school.
  put("xueji", {pupil(wang), pupil(zhang)}, "", /*whole=*/true);
  census();
  EXPECT_EQ(page(county_).body["state"], "returned");
  // Gone from it again at the next census: suspected again, and the same case is reopened.
  put("xueji", {pupil(wang)}, "", /*whole=*/true);
  census();
  const json p = page(county_).body;
  EXPECT_EQ(p["state"], "persuading");
  EXPECT_EQ(p["timeline"].back()["action"], "relapse");
  EXPECT_NE(p["timeline"].back()["reason"].get<std::string>().find("复学后再次列入疑似"),
            std::string::npos)
      << p["timeline"].back().dump();
  EXPECT_EQ(call("GET", "/api/cases", county_).body["total"], 1);
}

TEST_P(CaseWork, OutsideItsScopeACaseIsNotThereByAnyRouteAndEveryReadIsAudited) {
  const long long file = upload(taiyin_);
  Session leihe = sign_in("leihe");
  int visited = 0;
  for (const RouteInfo& route : route_table()) {
    if (route.pattern.rfind("/api/case", 0) != 0) continue;
    std::string path = route.pattern;
    auto fill = [&](const std::string& name, long long v) {
      const auto at = path.find("{" + name + "}");
      if (at != std::string::npos) path.replace(at, name.size() + 2, std::to_string(v));
    };
    fill("id", case_);
    fill("file", file);
    fill("person", 1);
    SCOPED_TRACE(route.method + " " + path);
    const Reply r = call(route.method, path, leihe,
                         route.method == "POST" ? json{{"action", "confirm_return"},
                                                       {"kind", "return_notice"},
                                                       {"duty", "principal"},
                                                       {"name", "x"},
                                                       {"measures", "x"},
                                                       {"date", today()},
                                                       {"note", "x"}}
                                                      .dump()
                                                : "");
    EXPECT_EQ(r.raw.find("张浩宇"), std::string::npos) << r.raw;
    if (route.pattern.find('{') != std::string::npos) EXPECT_EQ(r.status, 404) << r.raw;
    ++visited;
  }
  EXPECT_GE(visited, 12);
  EXPECT_EQ(call("GET", "/api/cases", leihe).body["total"], 0);
  // The inspector reads, and changes nothing.
  Session inspector = sign_in("inspector");
  EXPECT_EQ(page(inspector).status, 200);
  EXPECT_EQ(attempt(inspector, "agreed").status, 403);
  EXPECT_EQ(move(inspector, {{"action", "confirm_return"}}).status, 403);
  // Reading a case is on the audit log, in words.
  const Reply log = call("GET", "/api/audit", county_, "", {{"action", "view_case"}});
  ASSERT_EQ(log.status, 200) << log.raw;
  EXPECT_GE(log.body["total"].get<long long>(), 1);
}

TEST_P(CaseWork, TheCaseListExportsEveryCaseWithItsStateAndPeopleInWordsAndNumbersMasked) {
  ASSERT_EQ(post(county_, "people",
                 {{"duty", "head_teacher"}, {"name", "王老师"}, {"phone", "13800002222"}})
                .status,
            200);
  ASSERT_EQ(attempt(taiyin_, "refused").status, 200);
  const auto rows = exported(county_, "cases");
  ASSERT_EQ(rows.size(), 1u);
  const auto& r = rows[0];
  EXPECT_EQ(r[1], "张浩宇");
  EXPECT_EQ(r[4].find(zhang.id_number.substr(10, 4)), std::string::npos) << r[4];
  EXPECT_EQ(r[8], "K 因学习困难、厌学");
  EXPECT_EQ(r[9], "劝返中");
  EXPECT_EQ(r[10], "1");
  EXPECT_EQ(r[11], today());
  EXPECT_EQ(r[15], "王老师（班主任）");
  // The 辍学台账's export carries the same: where the case stands and who answers for it.
  const auto dropouts = exported(county_, "dropouts");
  ASSERT_EQ(dropouts.size(), 1u);
  const auto& d = dropouts[0];
  ASSERT_EQ(d.size(), 19u);
  EXPECT_EQ(d[12], "劝返中");
  EXPECT_EQ(d[13], "1");
  EXPECT_EQ(d[14], today());
  EXPECT_EQ(d[15], Date::today(8).plus_days(7).iso());
  EXPECT_EQ(d[18], "王老师（班主任）");
}

BAOXUE_ON_BOTH_ENGINES(CaseWork);

}  // namespace
}  // namespace baoxue::api
