// Specification of 送教上门 and the home-visit register through the API: a school makes a plan
// for its pupil and records sessions on the phone; progress follows; a plan without sessions
// is listed behind schedule; another school does not find it; the inspector reads but writes
// nothing; reading a plan or the register is on the audit log; exports mask ID numbers; the
// term's coverage counts the key-group pupils visited. On both engines.
#include "api_fixture.h"

namespace baoxue::api {
namespace {

class HomeTeaching : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // 王子涵 (school A, grade 3) is also on the left-behind and disabled lists.
    auto w = pupil(wang);
    w.disability_category = "肢体";
    w.disability_grade = "二级";
    put("group", {w}, "disabled");
    put("group", {pupil(wang)}, "left_behind");
    ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
    a_ = sign_in("school_a");
    const Reply found = call("GET", "/api/children", a_, "", {{"q", "王子涵"}});
    ASSERT_EQ(found.body["total"], 1) << found.raw;
    wang_id_ = found.body["rows"][0]["id"];
  }

  Reply make_plan(const Session& s, const json& extra = json::object()) {
    json body = {{"child_id", wang_id_},
                 {"assessment", "县残疾人教育专家委员会评估：肢体残疾二级，建议送教上门"},
                 {"teachers", "李秀梅、张建华"},
                 {"subjects", "语文、数学、康复训练"}};
    body.update(extra);
    return call("POST", "/api/home-teaching", s, body.dump());
  }

  std::string today() { return Date::today(8).iso(); }

  Session a_;
  long long wang_id_ = 0;
};

TEST_P(HomeTeaching, ASchoolMakesAPlanForItsPupilAndItsSessionsMakeProgress) {
  const Reply made = make_plan(a_);
  ASSERT_EQ(made.status, 200) << made.raw;
  const json& plan = made.body["plan"];
  EXPECT_EQ(plan["name"], "王子涵");
  EXPECT_EQ(plan["school_code"], kSchoolA);
  EXPECT_EQ(plan["disability_category"], "肢体");  // from the 残疾 list
  EXPECT_EQ(plan["disability_grade"], "二级");
  EXPECT_EQ(plan["visits_per_week"], 2);  // the county's settings
  EXPECT_EQ(plan["hours_target"], 216);
  EXPECT_EQ(plan["teachers"], json::array({"李秀梅", "张建华"}));
  const std::string id = std::to_string(plan["id"].get<long long>());
  // One plan per child and school year.
  EXPECT_EQ(make_plan(a_).status, 409);
  // A photo, then the session that names it.
  const Reply photo = call("POST", "/api/home-teaching/" + id + "/files", a_, kPng, {}, "送教.png");
  ASSERT_EQ(photo.status, 200) << photo.raw;
  const Reply s1 = call("POST", "/api/home-teaching/" + id + "/sessions", a_,
                        json{{"session_date", today()},
                             {"hours", 3},
                             {"teacher", "李秀梅"},
                             {"content", "语文识字：认读“日、月、水、火”"},
                             {"file_ids", {photo.body["file"]["id"]}}}
                            .dump());
  ASSERT_EQ(s1.status, 200) << s1.raw;
  EXPECT_EQ(s1.body["progress"]["sessions"], 1);
  EXPECT_EQ(s1.body["progress"]["hours_done"], 3);
  ASSERT_EQ(s1.body["sessions"].size(), 1u);
  EXPECT_EQ(s1.body["sessions"][0]["files"].size(), 1u);
  EXPECT_EQ(s1.body["sessions"][0]["recorded_by_name"], "school_a");
  // A correction: the corrected session no longer counts.
  const long long first = s1.body["sessions"][0]["id"];
  const Reply fixed = call("POST", "/api/home-teaching/" + id + "/sessions", a_,
                           json{{"session_date", today()},
                                {"hours", 2},
                                {"teacher", "李秀梅"},
                                {"content", "更正：实际 2 课时"},
                                {"corrects_id", first}}
                               .dump());
  ASSERT_EQ(fixed.status, 200) << fixed.raw;
  EXPECT_EQ(fixed.body["progress"]["sessions"], 1);
  EXPECT_EQ(fixed.body["progress"]["hours_done"], 2);
  EXPECT_EQ(fixed.body["sessions"].size(), 2u);  // both rows stay on the log
  EXPECT_EQ(fixed.body["sessions"][1]["counted"], false);
  // Not in the future.
  EXPECT_EQ(call("POST", "/api/home-teaching/" + id + "/sessions", a_,
                 json{{"session_date", Date::today(8).plus_days(2).iso()},
                      {"hours", 2},
                      {"teacher", "李秀梅"},
                      {"content", "x"}}
                     .dump())
                .status,
            400);
  // The page reads back the same, and the list shows it with its progress.
  const Reply page = call("GET", "/api/home-teaching/" + id, a_);
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(page.body["progress"]["hours_done"], 2);
  EXPECT_EQ(page.body["files"].size(), 1u);
  EXPECT_EQ(page.body["actions"], json::array({"record_session", "end", "upload"}));
  const Reply list = call("GET", "/api/home-teaching", a_);
  ASSERT_EQ(list.body["total"], 1) << list.raw;
  EXPECT_EQ(list.body["rows"][0]["progress"]["hours_done"], 2);
  EXPECT_EQ(list.body["rows"][0]["id_number"].get<std::string>().find(wang.id_number.substr(6, 8)),
            std::string::npos);  // masked in the list
  // Ended: no more sessions.
  ASSERT_EQ(
      call("POST", "/api/home-teaching/" + id + "/end", a_, json{{"reason", "转入特教学校"}}.dump())
          .status,
      200);
  EXPECT_EQ(
      call(
          "POST", "/api/home-teaching/" + id + "/sessions", a_,
          json{{"session_date", today()}, {"hours", 2}, {"teacher", "李"}, {"content", "x"}}.dump())
          .status,
      409);
}

TEST_P(HomeTeaching, APlanWithoutSessionsSinceTheTermBeganIsListedBehind) {
  // A plan from the start of this school year, and not one session since.
  const Reply made = make_plan(a_);
  ASSERT_EQ(made.status, 200) << made.raw;
  const Reply behind = call("GET", "/api/home-teaching", a_, "", {{"behind", "1"}});
  ASSERT_EQ(behind.status, 200) << behind.raw;
  const bool expected_behind = made.body["progress"]["hours_expected"].get<double>() > 6;
  EXPECT_EQ(behind.body["total"], expected_behind ? 1 : 0) << behind.raw;
  EXPECT_EQ(behind.body["counts"]["behind"], expected_behind ? 1 : 0);
  EXPECT_EQ(made.body["progress"]["behind"], expected_behind);
  EXPECT_EQ(call("GET", "/api/home-teaching", a_, "", {{"behind", "2"}}).status, 400);
  // The dashboard raises the same alert, in the school's scope and not in another's.
  const Reply dash = call("GET", "/api/dashboard", a_);
  ASSERT_EQ(dash.status, 200) << dash.raw;
  EXPECT_EQ(dash.body["home_teaching"]["active"], 1);
  EXPECT_EQ(dash.body["home_teaching"]["behind"], expected_behind ? 1 : 0);
  EXPECT_EQ(call("GET", "/api/dashboard", sign_in("school_b")).body["home_teaching"]["active"], 0);
}

TEST_P(HomeTeaching, AnotherSchoolsPlanIsNotFoundAndItsPupilCannotBeTaken) {
  const Reply made = make_plan(a_);
  ASSERT_EQ(made.status, 200) << made.raw;
  const std::string id = std::to_string(made.body["plan"]["id"].get<long long>());
  Session b = sign_in("school_b");
  EXPECT_EQ(call("GET", "/api/home-teaching/" + id, b).status, 404);
  EXPECT_EQ(
      call("POST", "/api/home-teaching/" + id + "/sessions", b,
           json{{"session_date", today()}, {"hours", 2}, {"teacher", "x"}, {"content", "x"}}.dump())
          .status,
      404);
  EXPECT_EQ(call("POST", "/api/home-teaching/" + id + "/files", b, kPng, {}, "p.png").status, 404);
  const Reply list = call("GET", "/api/home-teaching", b);
  EXPECT_EQ(list.body["total"], 0);
  EXPECT_EQ(list.raw.find("王子涵"), std::string::npos);
  EXPECT_EQ(make_plan(b).status, 404);  // school A's pupil
  // The township above both sees it.
  add_user("huimeng", "township", "410308100000", true);
  EXPECT_EQ(call("GET", "/api/home-teaching/" + id, sign_in("huimeng")).status, 200);
}

TEST_P(HomeTeaching, TheInspectorReadsButCannotWrite) {
  const Reply made = make_plan(a_);
  ASSERT_EQ(made.status, 200) << made.raw;
  const std::string id = std::to_string(made.body["plan"]["id"].get<long long>());
  Session inspector = sign_in("inspector");
  const Reply page = call("GET", "/api/home-teaching/" + id, inspector);
  ASSERT_EQ(page.status, 200) << page.raw;
  EXPECT_EQ(page.body["actions"], json::array());
  EXPECT_EQ(make_plan(inspector).status, 403);
  EXPECT_EQ(
      call("POST", "/api/home-teaching/" + id + "/sessions", inspector,
           json{{"session_date", today()}, {"hours", 2}, {"teacher", "x"}, {"content", "x"}}.dump())
          .status,
      403);
  EXPECT_EQ(
      call("POST", "/api/home-teaching/" + id + "/end", inspector, json{{"reason", "x"}}.dump())
          .status,
      403);
  EXPECT_EQ(
      call("POST", "/api/home-teaching/" + id + "/files", inspector, kPng, {}, "p.png").status,
      403);
  EXPECT_EQ(call("POST", "/api/home-visits", inspector,
                 json{{"child_id", wang_id_},
                      {"visit_date", today()},
                      {"method", "home"},
                      {"visitors", "x"},
                      {"content", "x"}}
                     .dump())
                .status,
            403);
}

TEST_P(HomeTeaching, ReadingAPlanOrTheVisitRegisterIsOnTheAuditLog) {
  const Reply made = make_plan(a_);
  ASSERT_EQ(made.status, 200) << made.raw;
  const std::string id = std::to_string(made.body["plan"]["id"].get<long long>());
  ASSERT_EQ(call("GET", "/api/home-teaching/" + id, a_).status, 200);
  const Reply visit = call("POST", "/api/home-visits", a_,
                           json{{"child_id", wang_id_},
                                {"visit_date", today()},
                                {"method", "home"},
                                {"visitors", "班主任王老师"},
                                {"met", "祖母"},
                                {"content", "父母在外务工，与祖母交流孩子学习情况"}}
                               .dump());
  ASSERT_EQ(visit.status, 200) << visit.raw;
  const Reply read = call("GET", "/api/home-visits", a_);
  ASSERT_EQ(read.body["total"], 1) << read.raw;
  EXPECT_EQ(read.body["rows"][0]["key_groups"], json::array({"disabled", "left_behind"}));
  Session county = sign_in("county");
  auto logged = [&](const std::string& action) {
    const Reply log = call("GET", "/api/audit", county, "", {{"action", action}});
    for (const auto& e : log.body["rows"])
      if (e["username"] == "school_a") return true;
    return false;
  };
  EXPECT_TRUE(logged("view_home_teaching_plan"));
  EXPECT_TRUE(logged("view_home_visits"));
  EXPECT_TRUE(logged("record_home_visit"));
  EXPECT_TRUE(logged("create_home_teaching_plan"));
}

TEST_P(HomeTeaching, TheTermsCoverageCountsTheKeyGroupPupilsVisited) {
  const Reply before = call("GET", "/api/home-visits/coverage", a_);
  ASSERT_EQ(before.status, 200) << before.raw;
  EXPECT_EQ(before.body["pupils"], 1);
  EXPECT_EQ(before.body["visited"], 0);
  const Reply visit = call("POST", "/api/home-visits", a_,
                           json{{"child_id", wang_id_},
                                {"visit_date", today()},
                                {"method", "phone"},
                                {"visitors", "班主任王老师"},
                                {"content", "电话了解近况"}}
                               .dump());
  ASSERT_EQ(visit.status, 200) << visit.raw;
  const Reply after = call("GET", "/api/home-visits/coverage", a_);
  EXPECT_EQ(after.body["visited"], 1);
  EXPECT_EQ(after.body["not_visited"], 0);
  bool left_behind = false;
  for (const auto& g : after.body["groups"])
    if (g["group"] == "left_behind") left_behind = g["visited"] == 1 && g["pupils"] == 1;
  EXPECT_TRUE(left_behind) << after.raw;
  EXPECT_EQ(call("GET", "/api/home-visits/coverage", a_, "", {{"visited", "0"}}).body["total"], 0);
  // A visit withdrawn by its correction (to another method) still counts once; a bad method is
  // refused; school B sees none of it.
  EXPECT_EQ(call("POST", "/api/home-visits", a_,
                 json{{"child_id", wang_id_},
                      {"visit_date", today()},
                      {"method", "letter"},
                      {"visitors", "x"},
                      {"content", "x"}}
                     .dump())
                .status,
            400);
  Session b = sign_in("school_b");
  EXPECT_EQ(call("GET", "/api/home-visits", b).body["total"], 0);
  EXPECT_EQ(call("GET", "/api/home-visits/coverage", b).body["pupils"], 0);
  const std::string vid = std::to_string(visit.body["visit"]["id"].get<long long>());
  EXPECT_EQ(call("POST", "/api/home-visits/" + vid + "/files", b, kPng, {}, "p.png").status, 404);
  const Reply photo = call("POST", "/api/home-visits/" + vid + "/files", a_, kPng, {}, "家访.png");
  ASSERT_EQ(photo.status, 200) << photo.raw;
  const std::string url = photo.body["file"]["url"];
  EXPECT_EQ(call("GET", url, a_).status, 200);
  EXPECT_EQ(call("GET", url, b).status, 404);
}

TEST_P(HomeTeaching, ThePlanExportHoldsEveryPlanWithMaskedIdNumbers) {
  ASSERT_EQ(make_plan(a_).status, 200);
  const auto rows = exported(a_, "home_teaching");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "王子涵");
  EXPECT_EQ(rows[0][4].find(wang.id_number.substr(6, 8)), std::string::npos) << rows[0][4];
  EXPECT_EQ(exported(sign_in("school_b"), "home_teaching").size(), 0u);
}

BAOXUE_ON_BOTH_ENGINES(HomeTeaching);

}  // namespace
}  // namespace baoxue::api
