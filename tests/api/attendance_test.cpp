// Specification of attendance (上下午两点名, issue 13) through the API: a head teacher takes his
// class's roll on a phone — everyone present unless marked, leave recorded beforehand — and can
// correct it the same day with its history kept; a day away without leave gives him a call to
// make that day, which logging the call closes; ten school days away enter the 疑似台账 with the
// source 考勤, once per streak, and the verification flow closes that entry as any other.
#include <cstdio>

#include "api_fixture.h"
#include "store/county_repository.h"
#include "store/roll_call_repository.h"
#include "store/rows.h"

namespace baoxue::api {
namespace {

class Attendance : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // 三年级(2)班 of 中心小学: four pupils, and its head teacher's sign-in.
    add_class_with_teacher(3, 2, "teacher");
    std::vector<store::RecordFields> kids;
    int seq = 40;
    for (const char* name : {"陈一诺", "刘子墨", "赵欣怡", "孙浩然"}) {
      auto k = testing::child(name, "20170601", seq++);
      kids.push_back(k);
    }
    std::vector<store::RecordFields> pupils;
    for (const auto& k : kids) {
      auto p = testing::pupil(k);
      p.class_number = 2;
      pupils.push_back(p);
    }
    put("hukou", kids);
    put("xueji", pupils);
    auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    teacher_ = sign_in("teacher");
    county_ = sign_in("county");
    const Reply sheet = roll("am");
    ASSERT_EQ(sheet.status, 200) << sheet.raw;
    for (const auto& p : sheet.body["pupils"]) ids_[p["name"]] = p["id"];
    ASSERT_EQ(ids_.size(), 4u) << sheet.raw;
  }

  std::string today() const { return Date::today(8).iso(); }
  std::string id(const std::string& name) { return std::to_string(ids_.at(name)); }
  Reply roll(const std::string& session, const std::string& day = "") {
    std::map<std::string, std::string> q = {{"session", session}};
    if (!day.empty()) q["day"] = day;
    return call("GET", "/api/roll-call", teacher_, "", q);
  }
  Reply take(const std::string& session, const json& marks, const Session* who = nullptr,
             const std::string& day = "") {
    json body = {{"school_code", kSchoolA},
                 {"grade", 3},
                 {"class_number", 2},
                 {"session", session},
                 {"marks", marks}};
    if (!day.empty()) body["day"] = day;
    return call("POST", "/api/roll-call", who ? *who : teacher_, body.dump());
  }
  Reply tasks(const Session& s, const std::string& status = "") {
    std::map<std::string, std::string> q;
    if (!status.empty()) q["status"] = status;
    return call("GET", "/api/attendance/tasks", s, "", q);
  }
  long long stored(const std::string& table) {
    return store::query_int(db().sql(), "SELECT COUNT(*) FROM " + table);
  }
  // `n` school days away (both roll calls) before today, written as a school system would.
  void away_before_today(const std::string& name, int n) {
    std::string key;
    {
      store::Where w;
      w.add("id = ?", {id(name)});
      ASSERT_TRUE(store::for_each_row(db(), "SELECT child_key FROM ledger_children", w, "",
                                      [&](const soci::row& r) { key = r.get<std::string>(0); })
                      .ok());
    }
    std::vector<store::RollCall> calls;
    const Date t = Date::today(8);
    for (int d = n; d >= 1; --d)
      for (const char* s : {"am", "pm"}) {
        store::RollCall c;
        c.cls = {kSchoolA, 3, 2};
        c.day = t.plus_days(-d).iso();
        c.session = s;
        c.pupils = 4;
        c.source = "import";
        c.taken_by = "school_a";
        c.marks = {{key, "truant"}};
        calls.push_back(c);
      }
    ASSERT_TRUE(store::insert_roll_calls(db(), "410308", calls).ok());
  }

  Session teacher_, county_;
  std::map<std::string, long long> ids_;
};

TEST_P(Attendance,
       AHeadTeacherTakesRollWithEveryonePresentUnlessMarkedAndOnlyTheExceptionsAreKept) {
  const Reply r = take("am", {{id("刘子墨"), "旷课"}, {id("赵欣怡"), "late"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["outcome"], "created");
  EXPECT_EQ(r.body["counts"]["present"], 2);
  EXPECT_EQ(r.body["counts"]["truant"], 1);
  EXPECT_EQ(r.body["counts"]["late"], 1);
  EXPECT_EQ(r.body["taken"]["taken_by"], "teacher");
  EXPECT_EQ(stored("roll_calls"), 1);
  EXPECT_EQ(stored("roll_call_marks"), 2);  // the two exceptions, not four marks
  for (const auto& p : r.body["pupils"])
    if (p["name"] == "刘子墨") EXPECT_EQ(p["mark_name"], "旷课");
}

TEST_P(Attendance, LeaveRecordedBeforehandStartsTheRollCallUnlessTheTeacherMarksHimPresent) {
  const Reply leave = call("POST", "/api/leave", teacher_,
                           json{{"child_id", ids_.at("陈一诺")},
                                {"kind", "病假"},
                                {"from_day", today()},
                                {"to_day", today()},
                                {"reason", "发烧"}}
                               .dump());
  ASSERT_EQ(leave.status, 201) << leave.raw;
  const Reply sheet = roll("am");
  for (const auto& p : sheet.body["pupils"])
    if (p["name"] == "陈一诺") EXPECT_EQ(p["mark"], "sick_leave") << sheet.raw;
  ASSERT_EQ(take("am", json::object()).status, 201);
  EXPECT_EQ(roll("am").body["counts"]["sick_leave"], 1);
  // In the afternoon he came after all: marked present, the leave does not override it.
  ASSERT_EQ(take("pm", {{id("陈一诺"), "出勤"}}).status, 201);
  EXPECT_EQ(roll("pm").body["counts"]["present"], 4);
  // Nobody but the class's school records or cancels leave.
  EXPECT_EQ(
      call("POST", "/api/leave/" + std::to_string(leave.body["id"].get<long long>()) + "/cancel",
           sign_in("school_b"))
          .status,
      404);
}

TEST_P(Attendance, ARollCallIsCorrectedTheSameDayWithItsHistoryAndOnlyTodaysCanBeTaken) {
  ASSERT_EQ(take("am", {{id("刘子墨"), "旷课"}}).status, 201);
  const Reply again = take("am", {{id("刘子墨"), "迟到"}});
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["outcome"], "corrected");
  EXPECT_EQ(again.body["taken"]["revision"], 2);
  EXPECT_EQ(take("am", {{id("刘子墨"), "迟到"}}).body["outcome"], "unchanged");
  const Reply history = call(
      "GET",
      "/api/roll-call/" + std::to_string(again.body["taken"]["id"].get<long long>()) + "/history",
      teacher_);
  ASSERT_EQ(history.status, 200) << history.raw;
  ASSERT_EQ(history.body["total"], 1);
  EXPECT_EQ(history.body["rows"][0]["name"], "刘子墨");
  EXPECT_EQ(history.body["rows"][0]["old_mark_name"], "旷课");
  EXPECT_EQ(history.body["rows"][0]["new_mark_name"], "迟到");
  const Reply yesterday = take("am", json::object(), nullptr, Date::today(8).plus_days(-1).iso());
  EXPECT_EQ(yesterday.status, 400) << yesterday.raw;
  EXPECT_NE(yesterday.raw.find("只能为今天"), std::string::npos) << yesterday.raw;
  // A mark nobody can read is refused with the accepted ones named.
  const Reply bad = take("am", {{id("刘子墨"), "缺席"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.raw.find("出勤、迟到、早退、病假、事假 或 旷课"), std::string::npos) << bad.raw;
}

TEST_P(Attendance, OnlyTheClasssHeadTeacherAndItsSchoolTakeItsRoll) {
  EXPECT_EQ(take("am", json::object(), &county_).status, 403);
  const Session other_school = sign_in("school_b");
  EXPECT_EQ(take("am", json::object(), &other_school).status, 404);
  const Session school = sign_in("school_a");
  EXPECT_EQ(take("am", json::object(), &school).status, 201);
}

TEST_P(Attendance, ADayAwayWithoutLeaveGivesTheHeadTeacherACallTodayAndLoggingTheCallClosesIt) {
  ASSERT_EQ(take("am", {{id("孙浩然"), "旷课"}}).status, 201);
  const Reply pm = take("pm", {{id("孙浩然"), "旷课"}});
  ASSERT_EQ(pm.status, 201) << pm.raw;
  const Reply open = tasks(teacher_, "open");
  ASSERT_EQ(open.body["total"], 1) << open.raw;
  const json t = open.body["rows"][0];
  EXPECT_EQ(t["name"], "孙浩然");
  EXPECT_EQ(t["action_name"], "班主任当天电话联系监护人");
  EXPECT_EQ(t["due_on"], today());
  // The alert says the same.
  const Reply alerts = call("GET", "/api/attendance/alerts", teacher_);
  ASSERT_EQ(alerts.body["total"], 1) << alerts.raw;
  EXPECT_EQ(alerts.body["rows"][0]["streak"], 1);
  EXPECT_EQ(alerts.body["rows"][0]["level"], 1);
  const Reply visit = call("POST", "/api/home-visits", teacher_,
                           json{{"child_id", ids_.at("孙浩然")},
                                {"visit_date", today()},
                                {"method", "phone"},
                                {"visitors", "班主任"},
                                {"content", "母亲说孩子发烧，忘了请假"}}
                               .dump());
  ASSERT_EQ(visit.status, 200) << visit.raw;
  EXPECT_EQ(visit.body["tasks_closed"], 1);
  EXPECT_EQ(tasks(teacher_, "open").body["total"], 0);
  EXPECT_EQ(tasks(teacher_, "done").body["rows"][0]["status_name"], "已办结");
  // Another class's teacher, or another school, sees none of it.
  EXPECT_EQ(tasks(sign_in("school_b")).body["total"], 0);
}

TEST_P(Attendance, HeCameInTheAfternoonSoTheMorningsCallIsCancelled) {
  ASSERT_EQ(take("am", {{id("孙浩然"), "旷课"}}).status, 201);
  EXPECT_EQ(tasks(teacher_, "open").body["total"], 1);
  const Reply pm = take("pm", json::object());
  EXPECT_EQ(pm.body["escalation"]["tasks_cancelled"], 1) << pm.raw;
  EXPECT_EQ(tasks(teacher_, "open").body["total"], 0);
  EXPECT_EQ(tasks(teacher_, "cancelled").body["total"], 1);
}

TEST_P(Attendance, ThreeDaysAwayAskForAVisitAndAJointVisitWithTheirOwnDueDates) {
  away_before_today("赵欣怡", 2);
  ASSERT_EQ(take("am", {{id("赵欣怡"), "旷课"}}).status, 201);
  const Reply open = tasks(county_, "open");
  ASSERT_EQ(open.body["total"], 3) << open.raw;
  std::map<std::string, std::string> due;
  for (const auto& t : open.body["rows"]) due[t["action"]] = t["due_on"];
  const Date d = Date::today(8);
  EXPECT_EQ(due["phone_guardian"], d.plus_days(-2).iso());
  EXPECT_EQ(due["home_visit"], d.plus_days(-1 + 1).iso());
  EXPECT_EQ(due["joint_visit"], d.plus_days(3).iso());
  // The county sees the overdue call rolled up to the school.
  const Reply rollups = call("GET", "/api/attendance/task-rollups", county_);
  ASSERT_EQ(rollups.status, 200) << rollups.raw;
  EXPECT_EQ(rollups.body["open"], 3);
  EXPECT_EQ(rollups.body["overdue"], 1);
  EXPECT_EQ(rollups.body["schools"][0]["school_name"], "孟津区会盟镇中心小学");
}

TEST_P(Attendance, AClassThatTookNoRollTodayShowsItsStreaksFromItsLastSchoolDay) {
  // 三年级(2)班 took roll the last two days, 刘子墨 truant at each; today only 四年级(1)班 took
  // roll; yesterday sixty other classes did as well, none with a pupil away.
  away_before_today("刘子墨", 2);
  const Date t = Date::today(8);
  std::vector<store::RollCall> calls;
  auto roll_call = [&](int grade, int number, const Date& day) {
    store::RollCall c;
    c.cls = {kSchoolA, grade, number};
    c.day = day.iso();
    c.session = "am";
    c.pupils = 40;
    c.source = "import";
    c.taken_by = "school_a";
    calls.push_back(c);
  };
  roll_call(4, 1, t);
  for (int n = 1; n <= 60; ++n) roll_call(5, n, t.plus_days(-1));
  ASSERT_TRUE(store::insert_roll_calls(db(), "410308", calls).ok());
  const Reply today = call("GET", "/api/attendance/alerts", county_);
  ASSERT_EQ(today.status, 200) << today.raw;
  ASSERT_EQ(today.body["total"], 1) << today.raw;
  EXPECT_EQ(today.body["rows"][0]["name"], "刘子墨");
  EXPECT_EQ(today.body["rows"][0]["streak"], 2);
  EXPECT_EQ(today.body["rows"][0]["since"], t.plus_days(-2).iso());
  // On an earlier day, the streak as it stood then.
  const Reply before =
      call("GET", "/api/attendance/alerts", county_, "", {{"day", t.plus_days(-2).iso()}});
  ASSERT_EQ(before.body["total"], 1) << before.raw;
  EXPECT_EQ(before.body["rows"][0]["streak"], 1);
  // He comes back today: the class's last school day is today, and no streak is left.
  ASSERT_EQ(take("am", json::object()).status, 201);
  EXPECT_EQ(call("GET", "/api/attendance/alerts", county_).body["total"], 0);
}

TEST_P(Attendance, TenSchoolDaysAwayEnterTheSuspectedLedgerOnceAndVerificationClosesIt) {
  away_before_today("刘子墨", 9);
  const Reply r = take("am", {{id("刘子墨"), "旷课"}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["escalation"]["entries_opened"], 1) << r.raw;
  // Again the same day: the same streak, no second entry.
  EXPECT_EQ(take("pm", {{id("刘子墨"), "旷课"}}).body["escalation"]["entries_opened"], 0);
  const Reply list = call("GET", "/api/suspected", county_, "", {{"q", "刘子墨"}});
  ASSERT_EQ(list.body["total"], 1) << list.raw;
  const json entry = list.body["rows"][0];
  EXPECT_EQ(entry["comparison"], "attendance") << entry.dump();
  EXPECT_NE(entry["reason"].get<std::string>().find("连续旷课10个上学日"), std::string::npos);
  // The existing flow: the school checks, finds him at home ill (B), the county approves.
  const long long entry_id = entry["id"];
  ASSERT_EQ(call("POST", "/api/suspected/dispatch", county_,
                 json{{"entry_ids", {entry_id}},
                      {"to", "school"},
                      {"school_code", kSchoolA},
                      {"deadline", "2099-12-31"}}
                     .dump())
                .status,
            200);
  const Session school = sign_in("school_a");
  const json task = call("GET", "/api/suspected/" + std::to_string(entry_id), school).body["task"];
  const std::string t = "/api/tasks/" + std::to_string(task["id"].get<long long>());
  const Reply submitted = call("POST", t + "/submit", school,
                               json{{"category", "A"}, {"note", "生病在家，已返校"}}.dump());
  ASSERT_EQ(submitted.status, 200) << submitted.raw;
  ASSERT_EQ(call("POST", t + "/review", county_, json{{"decision", "approve"}}.dump()).status, 200);
  EXPECT_EQ(call("GET", "/api/suspected/" + std::to_string(entry_id), county_).body["status"],
            "closed");
  // The streak goes on: still no second entry for it.
  EXPECT_EQ(take("pm", {{id("刘子墨"), "旷课"}, {id("陈一诺"), "迟到"}})
                .body["escalation"]["entries_opened"],
            0);
}

TEST_P(Attendance, TheAtRiskRollGivesEachPupilsReasonsAsHisHeadTeacherWouldSayThem) {
  away_before_today("赵欣怡", 4);
  ASSERT_EQ(call("POST", "/api/risk/flags", teacher_,
                 json{{"child_id", ids_.at("赵欣怡")}, {"note", "数学跟不上"}}.dump())
                .status,
            200);
  const Reply roll = call("GET", "/api/risk", teacher_);
  ASSERT_EQ(roll.status, 200) << roll.raw;
  EXPECT_EQ(roll.body["total"], 4);
  const json top = roll.body["rows"][0];
  EXPECT_EQ(top["name"], "赵欣怡");
  std::vector<std::string> said;
  for (const auto& r : top["reasons"]) said.push_back(r["zh"]);
  // His class took roll only on the days he was away: none of its roll calls found him.
  EXPECT_EQ(said, (std::vector<std::string>{"出勤率0%", "近30天旷课4天", "学习困难", "超龄1岁"}))
      << top.dump();
  // The weights are shown, and where they come from.
  EXPECT_EQ(roll.body["model"]["source"], "default");
  EXPECT_NE(roll.body["model"]["note"].get<std::string>().find("默认分值"), std::string::npos);
  EXPECT_FALSE(roll.body["model"]["factors"].empty());
  // Cleared, the flag is no longer a reason; another school cannot flag A's pupil.
  ASSERT_EQ(call("POST", "/api/risk/flags", teacher_,
                 json{{"child_id", ids_.at("赵欣怡")}, {"clear", true}}.dump())
                .status,
            200);
  EXPECT_EQ(call("GET", "/api/risk", teacher_).body["rows"][0]["reasons"].size(), 3u);
  EXPECT_EQ(call("POST", "/api/risk/flags", sign_in("school_b"),
                 json{{"child_id", ids_.at("赵欣怡")}}.dump())
                .status,
            404);
}

TEST_P(Attendance, TheRollsWeightsFollowTheCountysSettingsTheSameDay) {
  // The server keeps the county's model for the day (the fit reads the whole county a term
  // back); a change of weights or thresholds is still seen at once.
  const Reply before = call("GET", "/api/risk", county_);
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body["model"]["high_points"], 25);
  ASSERT_TRUE(store::set_setting(db(), "410308", "risk.high_points", "30", "test").ok());
  ASSERT_TRUE(store::set_setting(db(), "410308", "risk.weight.junior_grade", "7", "test").ok());
  const Reply after = call("GET", "/api/risk", county_);
  EXPECT_EQ(after.body["model"]["high_points"], 30) << after.raw;
  for (const auto& f : after.body["model"]["factors"])
    if (f["code"] == "junior_grade") EXPECT_EQ(f["weight"], 7.0);
}

BAOXUE_ON_BOTH_ENGINES(Attendance);

}  // namespace
}  // namespace baoxue::api
