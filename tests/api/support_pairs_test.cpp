// Specification of 结对帮扶 (support pairs, issue 13) through the API: every left-behind or
// high-risk pupil gets a teacher; the pair keeps a log — a weekly record, a monthly talk, a call to
// the parents each term, at the county's cadence — and a contact not made in time makes the pair
// overdue; each school's coverage counts who needs a pair and who has none. One active pair per
// pupil. The school arranges pairs (head teacher: his class; administrator: the school); the
// township and county read; the inspector reads only; another school finds nothing. On both
// engines.
#include <algorithm>

#include "api_fixture.h"
#include "store/roll_call_repository.h"
#include "store/rows.h"

namespace baoxue::api {
namespace {

class SupportPairs : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // 三年级(2)班 of 中心小学: 陈一诺 is left behind, 刘子墨 an orphan, 赵欣怡 neither; 孙浩然 of
    // 第二小学 is left behind.
    add_class_with_teacher(3, 2, "teacher");
    std::vector<store::RecordFields> kids, pupils;
    int seq = 40;
    for (const char* name : {"陈一诺", "刘子墨", "赵欣怡", "孙浩然"}) {
      kids.push_back(testing::child(name, "20170601", seq++));
      auto p = std::string(name) == "孙浩然" ? testing::pupil(kids.back(), "孟津区会盟镇第二小学")
                                             : testing::pupil(kids.back());
      p.class_number = 2;
      pupils.push_back(p);
    }
    put("hukou", kids);
    put("xueji", pupils);
    put("group", {pupils[0], pupils[3]}, "left_behind");
    put("group", {pupils[1]}, "orphan");
    // High risk on the at-risk roll from 12 points here (the county sets its line): an orphan
    // (8 points) who is over age for his grade (6 points) is high risk, as is a pupil away three
    // school days in a row (12 points).
    ASSERT_TRUE(store::set_setting(db(), "410308", "risk.high_points", "12", "test").ok());
    auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    add_user("huimeng", "township", "410308100000", /*changed=*/true);
    a_ = sign_in("school_a");
    b_ = sign_in("school_b");
    teacher_ = sign_in("teacher");
    for (const char* name : {"陈一诺", "刘子墨", "赵欣怡", "王子涵"}) {
      const Reply r = call("GET", "/api/children", a_, "", {{"q", name}});
      ASSERT_EQ(r.body["total"], 1) << r.raw;
      ids_[name] = r.body["rows"][0]["id"];
    }
    const Reply sun = call("GET", "/api/children", b_, "", {{"q", "孙浩然"}});
    ASSERT_EQ(sun.body["total"], 1) << sun.raw;
    ids_["孙浩然"] = sun.body["rows"][0]["id"];
  }

  static std::string day(int from_today) { return Date::today(8).plus_days(from_today).iso(); }

  Reply assign(const Session& s, const std::string& name, const json& extra = json::object()) {
    json body = {{"child_id", ids_.at(name)},
                 {"teacher", "李秀梅"},
                 {"teacher_phone", "13912345678"},
                 {"reason", "留守儿童，父母在外务工"}};
    body.update(extra);
    return call("POST", "/api/support-pairs", s, body.dump());
  }
  // A pair made by the head teacher; its id.
  long long paired(const std::string& name, int since = 0) {
    const Reply r = assign(teacher_, name, {{"since", day(since)}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.status == 201 ? r.body["pair"]["id"].get<long long>() : 0;
  }
  std::string path(long long pair, const std::string& tail = "") {
    return "/api/support-pairs/" + std::to_string(pair) + tail;
  }
  Reply contact(long long pair, const std::string& kind, const std::string& on,
                const Session* who = nullptr) {
    return call(
        "POST", path(pair, "/contacts"), who ? *who : teacher_,
        json{{"kind", kind}, {"contact_date", on}, {"content", "辅导数学作业，谈学习计划"}}.dump());
  }
  Reply coverage(const Session& s, std::map<std::string, std::string> q = {}) {
    return call("GET", "/api/support-pairs/coverage", s, "", std::move(q));
  }
  static std::vector<std::string> names(const json& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r["name"]);
    return out;
  }
  // `n` school days away without leave (both roll calls) before today, as a school system
  // would send them.
  void away_before_today(const std::string& name, int n) {
    std::string key;
    store::Where w;
    w.add("id = ?", {std::to_string(ids_.at(name))});
    ASSERT_TRUE(store::for_each_row(db(), "SELECT child_key FROM ledger_children", w, "",
                                    [&](const soci::row& r) { key = r.get<std::string>(0); })
                    .ok());
    std::vector<store::RollCall> calls;
    for (int d = n; d >= 1; --d)
      for (const char* s : {"am", "pm"}) {
        store::RollCall c;
        c.cls = {kSchoolA, 3, 2};
        c.day = day(-d);
        c.session = s;
        c.pupils = 3;
        c.source = "import";
        c.taken_by = "school_a";
        c.marks = {{key, "truant"}};
        calls.push_back(c);
      }
    ASSERT_TRUE(store::insert_roll_calls(db(), "410308", calls).ok());
  }

  Session a_, b_, teacher_;
  std::map<std::string, long long> ids_;
};

TEST_P(SupportPairs, ALeftBehindPupilWithNoPairShowsOnTheSchoolsCoverageAsUnpaired) {
  const Reply before = coverage(a_);
  ASSERT_EQ(before.status, 200) << before.raw;
  // 陈一诺 (留守) and 刘子墨 (孤儿: high risk) need a pair; 赵欣怡 and 王子涵 do not.
  EXPECT_EQ(names(before.body["rows"]), (std::vector<std::string>{"刘子墨", "陈一诺"}));
  EXPECT_EQ(before.body["needing"], 2);
  EXPECT_EQ(before.body["unpaired"], 2);
  ASSERT_EQ(before.body["schools"].size(), 1u) << before.raw;  // not 第二小学's 孙浩然
  const json school = before.body["schools"][0];
  EXPECT_EQ(school["school_code"], kSchoolA);
  EXPECT_EQ(school["township_name"], "会盟镇");
  EXPECT_EQ(school["needing"], 2);
  EXPECT_EQ(school["paired"], 0);
  for (const auto& r : before.body["rows"]) {
    EXPECT_EQ(r["class_name"], "三年级(2)班");
    if (r["name"] == "陈一诺") {
      EXPECT_EQ(r["needs"], json::array({"left_behind"}));
    } else {
      EXPECT_EQ(r["needs"], json::array({"high_risk"}));
      EXPECT_EQ(r["risk_reasons"], json::array({"高风险（14分）", "孤儿", "超龄1岁"}));
    }
  }
  // Paired, he leaves the list and the school counts him.
  const Reply made = assign(a_, "陈一诺");
  ASSERT_EQ(made.status, 201) << made.raw;
  const Reply after = coverage(a_);
  EXPECT_EQ(names(after.body["rows"]), std::vector<std::string>{"刘子墨"});
  EXPECT_EQ(after.body["schools"][0]["paired"], 1);
  EXPECT_EQ(after.body["schools"][0]["unpaired"], 1);
  EXPECT_EQ(after.body["pairs"], 1);
}

TEST_P(SupportPairs, APupilAwayThreeSchoolDaysInARowWithoutLeaveNeedsAPair) {
  away_before_today("赵欣怡", 3);
  const Reply r = coverage(teacher_);
  ASSERT_EQ(r.status, 200) << r.raw;
  bool found = false;
  for (const auto& row : r.body["rows"])
    if (row["name"] == "赵欣怡") {
      found = true;
      EXPECT_EQ(row["needs"], json::array({"high_risk"}));
      const auto& why = row["risk_reasons"];
      EXPECT_NE(std::find(why.begin(), why.end(), json("近30天旷课3天")), why.end()) << why;
    }
  EXPECT_TRUE(found) << r.raw;
  EXPECT_EQ(r.body["needing"], 3);
}

TEST_P(SupportPairs, AWeeklyRecordNotMadeWithinSevenDaysMakesThePairOverdue) {
  const long long on_time = paired("陈一诺", -7);  // due today
  const long long late = paired("刘子墨", -8);     // was due yesterday
  const Reply list = call("GET", "/api/support-pairs", a_);
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["total"], 2);
  for (const auto& p : list.body["rows"]) {
    EXPECT_EQ(p["class_name"], "三年级(2)班");
    EXPECT_EQ(p["teacher"], "李秀梅");
    if (p["id"] == late) {
      EXPECT_TRUE(p["overdue"].get<bool>()) << p.dump();
      EXPECT_EQ(p["overdue_names"], json::array({"每周帮扶记录"}));
      EXPECT_EQ(p["overdue_kinds"], json::array({"weekly_record"}));
      EXPECT_EQ(p["cadence"][0]["overdue_since"], day(0));
    } else {
      EXPECT_FALSE(p["overdue"].get<bool>()) << p.dump();
      EXPECT_EQ(p["cadence"][0]["due_on"], day(0));
    }
  }
  const Reply overdue = call("GET", "/api/support-pairs", a_, "", {{"overdue", "1"}});
  ASSERT_EQ(overdue.body["total"], 1) << overdue.raw;
  EXPECT_EQ(overdue.body["rows"][0]["id"], late);
  EXPECT_EQ(coverage(a_).body["overdue_pairs"], 1);
  // This week's record puts it right; the list and the coverage agree.
  const Reply logged = contact(late, "weekly_record", day(0));
  ASSERT_EQ(logged.status, 201) << logged.raw;
  EXPECT_FALSE(logged.body["pair"]["overdue"].get<bool>()) << logged.raw;
  EXPECT_EQ(call("GET", "/api/support-pairs", a_, "", {{"overdue", "1"}}).body["total"], 0);
  EXPECT_EQ(coverage(a_).body["overdue_pairs"], 0);
  (void)on_time;
}

TEST_P(SupportPairs, TheMonthlyTalkAndTheCallHomeKeepTheirOwnCadence) {
  const long long pair = paired("陈一诺", -40);
  ASSERT_EQ(contact(pair, "weekly_record", day(-2)).status, 201);
  const json p = call("GET", path(pair), a_).body["pair"];
  EXPECT_EQ(p["overdue_kinds"], json::array({"monthly_talk"}));  // 40 days, no talk; call: 120
  EXPECT_EQ(p["last_contact"]["weekly_record"], day(-2));
  const Reply talk = contact(pair, "monthly_talk", day(0));
  EXPECT_TRUE(talk.body["pair"]["overdue_kinds"].empty()) << talk.raw;
  // A county that asks for a talk every 14 days.
  ASSERT_TRUE(store::set_setting(db(), "410308", "support.talk_days", "14", "test").ok());
  const json later = call("GET", path(pair), a_).body["pair"];
  EXPECT_EQ(later["cadence"][1]["due_on"], day(14));
}

TEST_P(SupportPairs, ASecondActivePairForTheSamePupilIsRefusedNamingTheTeacher) {
  const long long first = paired("陈一诺");
  const Reply second = assign(a_, "陈一诺", {{"teacher", "王建华"}});
  EXPECT_EQ(second.status, 409) << second.raw;
  EXPECT_NE(second.raw.find("已与 李秀梅 结对帮扶"), std::string::npos) << second.raw;
  // Ended (why, in words), the pupil may be paired again; the ended pair takes no contacts.
  EXPECT_EQ(call("POST", path(first, "/end"), a_, json::object().dump()).status, 400);
  const Reply ended = call("POST", path(first, "/end"), a_, json{{"note", "教师调动"}}.dump());
  ASSERT_EQ(ended.status, 200) << ended.raw;
  EXPECT_EQ(ended.body["pair"]["status_name"], "已结束");
  EXPECT_EQ(call("POST", path(first, "/end"), a_, json{{"note", "x"}}.dump()).status, 409);
  EXPECT_EQ(contact(first, "weekly_record", day(0)).status, 409);
  EXPECT_EQ(assign(a_, "陈一诺", {{"teacher", "王建华"}}).status, 201);
  const Reply active = call("GET", "/api/support-pairs", a_);
  ASSERT_EQ(active.body["total"], 1);
  EXPECT_EQ(active.body["rows"][0]["teacher"], "王建华");
  EXPECT_EQ(call("GET", "/api/support-pairs", a_, "", {{"status", "all"}}).body["total"], 2);
}

TEST_P(SupportPairs, ThePairsLogIsReadNewestFirstAndAContactMustBeDatedWithinThePair) {
  const long long pair = paired("陈一诺", -10);
  ASSERT_EQ(contact(pair, "weekly_record", day(-9)).status, 201);
  ASSERT_EQ(contact(pair, "term_call", day(-1)).status, 201);
  ASSERT_EQ(contact(pair, "weekly_record", day(-2), &a_).status, 201);
  EXPECT_EQ(contact(pair, "weekly_record", day(-11)).status, 400);  // before the pair began
  EXPECT_EQ(contact(pair, "weekly_record", day(1)).status, 400);    // not yet
  const Reply bad = contact(pair, "家访", day(0));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.raw.find("每周帮扶记录"), std::string::npos) << bad.raw;
  const Reply read = call("GET", path(pair), teacher_);
  ASSERT_EQ(read.status, 200) << read.raw;
  const json log = read.body["pair"]["contacts"];
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[0]["kind_name"], "每学期家长电话");
  EXPECT_EQ(log[1]["contact_date"], day(-2));
  EXPECT_EQ(log[1]["recorded_by"], "school_a");
  EXPECT_EQ(log[2]["contact_date"], day(-9));
  EXPECT_EQ(read.body["pair"]["last_contact"]["weekly_record"], day(-2));
}

TEST_P(SupportPairs, TheSchoolArrangesPairsTheTownshipAndCountyReadAndAnotherSchoolFindsNothing) {
  const long long pair = paired("陈一诺");
  // The head teacher pairs only his class's pupils: 王子涵 is in school A, not in 3(2).
  EXPECT_EQ(assign(teacher_, "王子涵").status, 404);
  EXPECT_EQ(assign(a_, "王子涵").status, 201);
  EXPECT_EQ(call("GET", "/api/support-pairs", teacher_).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/support-pairs", a_).body["total"], 2);
  // 第二小学 pairs its own pupil and sees nothing of A's.
  EXPECT_EQ(assign(b_, "孙浩然").status, 201);
  EXPECT_EQ(assign(b_, "刘子墨").status, 404);
  EXPECT_EQ(call("GET", path(pair), b_).status, 404);
  EXPECT_EQ(contact(pair, "weekly_record", day(0), &b_).status, 404);
  EXPECT_EQ(call("POST", path(pair, "/end"), b_, json{{"note", "x"}}.dump()).status, 404);
  EXPECT_EQ(names(call("GET", "/api/support-pairs", b_).body["rows"]),
            std::vector<std::string>{"孙浩然"});
  EXPECT_EQ(coverage(b_).body["needing"], 1);
  // The township and the county read both schools; they do not arrange a school's pairs.
  for (const char* who : {"huimeng", "county"}) {
    const Session s = sign_in(who);
    EXPECT_EQ(call("GET", "/api/support-pairs", s).body["total"], 3) << who;
    const Reply cov = coverage(s);
    EXPECT_EQ(cov.body["schools"].size(), 2u) << cov.raw;
    EXPECT_EQ(cov.body["needing"], 3) << cov.raw;  // 陈一诺, 刘子墨; 孙浩然
    EXPECT_EQ(cov.body["paired"], 2) << cov.raw;
    EXPECT_EQ(coverage(s, {{"school", kSchoolB}}).body["needing"], 1);
    EXPECT_EQ(assign(s, "刘子墨").status, 403) << who;
    EXPECT_EQ(contact(pair, "weekly_record", day(0), &s).status, 403) << who;
  }
  const Session inspector = sign_in("inspector");
  EXPECT_EQ(call("GET", path(pair), inspector).status, 200);
  EXPECT_EQ(assign(inspector, "刘子墨").status, 403);
  EXPECT_EQ(contact(pair, "weekly_record", day(0), &inspector).status, 403);
  EXPECT_EQ(call("POST", path(pair, "/end"), inspector, json{{"note", "x"}}.dump()).status, 403);
}

TEST_P(SupportPairs, PairingAndReadingALogAreOnTheAuditLogInWords) {
  const long long pair = paired("陈一诺");
  ASSERT_EQ(contact(pair, "monthly_talk", day(0)).status, 201);
  ASSERT_EQ(call("GET", path(pair), a_).status, 200);
  const Session county = sign_in("county");
  const Reply log = call("GET", "/api/audit", county, "", {{"action", "record_support_contact"}});
  ASSERT_EQ(log.status, 200) << log.raw;
  ASSERT_EQ(log.body["total"], 1) << log.raw;
  EXPECT_NE(log.raw.find("陈一诺"), std::string::npos) << log.raw;
  EXPECT_NE(log.raw.find("每月谈心"), std::string::npos) << log.raw;
  EXPECT_EQ(
      call("GET", "/api/audit", county, "", {{"action", "create_support_pair"}}).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/audit", county, "", {{"action", "view_support_pair"}}).body["total"],
            1);
}

BAOXUE_ON_BOTH_ENGINES(SupportPairs);

}  // namespace
}  // namespace baoxue::api
