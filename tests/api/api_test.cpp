// Specification of the JSON API as a browser uses it: sign-in, the first-login password change,
// scope (a user sees his part of the tree and nothing else; out-of-scope ids answer 404),
// masking, the audit log, and verification from dispatch to the dropout ledger. Runs on SQLite
// and PostgreSQL, without sockets (src/http only carries these calls), with and without the
// server's options (tests/api/api_fixture.h).
#include "api_fixture.h"
#include "store/movement_repository.h"

namespace baoxue::api {
namespace {

// The 学籍 record of the pupil of that name.
store::RegistryRecord pupil_record(store::Database& db, const std::string& name) {
  auto records = store::registry_records(db, "410308");
  EXPECT_TRUE(records.ok());
  for (const auto& r : records.value())
    if (r.name == name) return r;
  ADD_FAILURE() << name << " is not on the registry";
  return {};
}

class Api : public ApiTest {};

TEST_P(Api, WrongPasswordsAndMissingSessionsAreRefused) {
  EXPECT_EQ(call("POST", "/api/session", {}, R"({"username":"county","password":"nope"})").status,
            401);
  EXPECT_EQ(call("GET", "/api/dashboard").status, 401);
  EXPECT_EQ(call("GET", "/api/dashboard", {"f" + std::string(63, '0'), ""}).status, 401);
}

TEST_P(Api, TheInitialPasswordMustBeChangedBeforeAnythingElse) {
  add_user("newcomer", "county_staff", "410308", /*changed=*/false);
  Session s = sign_in("newcomer", "Initial2026");
  const Reply blocked = call("GET", "/api/children", s);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(blocked.body["code"], "password_change_required");
  EXPECT_EQ(call("POST", "/api/session/password", s,
                 R"({"old_password":"wrong","new_password":"Another2026"})")
                .status,
            400);
  const Reply changed = call("POST", "/api/session/password", s,
                             R"({"old_password":"Initial2026","new_password":"Another2026"})");
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_FALSE(changed.body["user"]["must_change_password"].get<bool>());
  EXPECT_EQ(call("GET", "/api/children", s).status, 200);
}

TEST_P(Api, TheSessionCookieIsSecureWhenTheServerIsReachedOverHttps) {
  Reply plain = call("POST", "/api/session", {},
                     json{{"username", "county"}, {"password", kPassword}}.dump());
  EXPECT_EQ(plain.set_cookie.find("Secure"), std::string::npos) << plain.set_cookie;
  options_.secure_cookie = true;
  Reply secure = call("POST", "/api/session", {},
                      json{{"username", "county"}, {"password", kPassword}}.dump());
  EXPECT_NE(secure.set_cookie.find("; Secure"), std::string::npos) << secure.set_cookie;
  EXPECT_NE(secure.set_cookie.find("HttpOnly; SameSite=Strict"), std::string::npos);
}

TEST_P(Api, EveryWriteNeedsTheSessionsCsrfTokenWhichAReloadedPageGetsBack) {
  Session s = sign_in("county");
  const Reply who = call("GET", "/api/session", s);
  ASSERT_EQ(who.status, 200);
  EXPECT_EQ(who.body["csrf"], s.csrf);
  Session forged{s.token, (s.csrf[0] == '0' ? "1" : "0") + s.csrf.substr(1)};
  const Reply r = call("POST", "/api/suspected/dispatch", forged,
                       R"({"all_undispatched":true,"to":"residence","deadline":"2099-01-01"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["code"], "csrf_mismatch");
  EXPECT_EQ(call("DELETE", "/api/session", s).status, 200);
  EXPECT_EQ(call("GET", "/api/session", s).status, 401);
}

TEST_P(Api, ListsMaskIdNumbersADetailViewShowsThemToFamilyWorkersAndIsAudited) {
  Session county = sign_in("county");
  const Reply list = call("GET", "/api/children", county, "", {{"q", "张浩宇"}});
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["total"], 1);
  const std::string masked = list.body["rows"][0]["id_number"];
  EXPECT_EQ(masked, zhang.id_number.substr(0, 6) + "********" + zhang.id_number.substr(14));
  const long long id = list.body["rows"][0]["id"];
  const Reply detail = call("GET", "/api/children/" + std::to_string(id), county);
  EXPECT_EQ(detail.body["id_number"], zhang.id_number);
  Session inspector = sign_in("inspector");
  EXPECT_EQ(call("GET", "/api/children/" + std::to_string(id), inspector).body["id_number"],
            masked);
  const Reply audit = call("GET", "/api/audit", county);
  ASSERT_EQ(audit.status, 200) << audit.raw;
  int views = 0;
  for (const auto& e : audit.body["rows"])
    if (e["action"] == "view_child" && e["object_id"] == std::to_string(id)) {
      ++views;
      EXPECT_EQ(e["address"], "192.0.2.7");
    }
  EXPECT_EQ(views, 2);
  EXPECT_EQ(call("GET", "/api/audit", inspector).status, 403);
}

TEST_P(Api, AVillageOfficerVerifiesHisChildAndTheCountyApprovesTheEntryClosed) {
  Session county = sign_in("county");
  EXPECT_EQ(dispatch_all(county)["dispatched"], 2);

  Session taiyin = sign_in("taiyin");
  const Reply mine = call("GET", "/api/tasks", taiyin);
  ASSERT_EQ(mine.body["total"], 1) << mine.raw;  // 李思琪 lives in 雷河村
  EXPECT_EQ(mine.body["rows"][0]["name"], "张浩宇");
  const std::string task = std::to_string(mine.body["rows"][0]["task"]["id"].get<long long>());

  const Reply exe = call("POST", "/api/tasks/" + task + "/evidence", taiyin, "MZ\x90", {}, "a.exe");
  EXPECT_EQ(exe.status, 415);
  const Reply photo =
      call("POST", "/api/tasks/" + task + "/evidence", taiyin, kPng, {}, "学籍证明.png");
  ASSERT_EQ(photo.status, 200) << photo.raw;
  EXPECT_EQ(photo.body["evidence"]["content_type"], "image/png");
  const long long file = photo.body["evidence"]["id"];
  EXPECT_EQ(call("POST", "/api/tasks/" + task + "/submit", taiyin, R"({"category":"A"})").status,
            400);  // a note is required
  const Reply submitted = call(
      "POST", "/api/tasks/" + task + "/submit", taiyin,
      json{{"category", "A"}, {"note", "在洛阳市实验小学就读"}, {"evidence_ids", {file}}}.dump());
  ASSERT_EQ(submitted.status, 200) << submitted.raw;
  EXPECT_EQ(submitted.body["task"]["state"], "submitted");
  EXPECT_EQ(submitted.body["task"]["submissions"][0]["evidence"][0]["name"], "学籍证明.png");

  // The village cannot approve its own work; the county sends it back once, then approves.
  EXPECT_EQ(
      call("POST", "/api/tasks/" + task + "/review", taiyin, R"({"decision":"approve"})").status,
      403);
  EXPECT_EQ(
      call("POST", "/api/tasks/" + task + "/review", county, R"({"decision":"return"})").status,
      400);  // a return needs a reason
  ASSERT_EQ(call("POST", "/api/tasks/" + task + "/review", county,
                 R"({"decision":"return","reason":"请补充学校盖章的证明"})")
                .status,
            200);
  // Answered again with the same photo as before: it stays named on the new answer.
  const Reply again =
      call("POST", "/api/tasks/" + task + "/submit", taiyin,
           json{{"category", "A"}, {"note", "已补充学校证明"}, {"evidence_ids", {file}}}.dump());
  ASSERT_EQ(again.status, 200) << again.raw;
  EXPECT_EQ(again.body["task"]["submissions"][1]["evidence"][0]["name"], "学籍证明.png");
  EXPECT_EQ(call("POST", "/api/tasks/" + task + "/submit", taiyin,
                 R"({"category":"A","note":"x","evidence_ids":[999999]})")
                .status,
            409);  // already submitted
  const Reply approved = call("POST", "/api/tasks/" + task + "/review", county,
                              R"({"decision":"approve","reason":"材料齐全"})");
  ASSERT_EQ(approved.status, 200) << approved.raw;
  std::vector<std::string> path;
  for (const auto& t : approved.body["task"]["transitions"]) path.push_back(t["to"]);
  EXPECT_EQ(path, (std::vector<std::string>{"assigned", "submitted", "returned", "submitted",
                                            "approved"}));

  const long long entry = mine.body["rows"][0]["id"];
  const Reply closed = call("GET", "/api/suspected/" + std::to_string(entry), county);
  EXPECT_EQ(closed.body["status"], "closed");
  EXPECT_EQ(closed.body["close_category"], "A");
  const Reply summary = call("GET", "/api/verification/summary", county);
  EXPECT_EQ(
      summary.body["text"],
      "疑似 2 人：非失学辍学 1 人（在校就读有学籍（本省） 1 人）；失学辍学 0 人；待核查 1 人");
}

TEST_P(Api, ATrulyOutOfSchoolCategoryMovesTheChildToTheDropoutLedger) {
  Session county = sign_in("county");
  EXPECT_EQ(dispatch_all(county)["dispatched"], 2);
  Session leihe = sign_in("leihe");
  const Reply mine = call("GET", "/api/tasks", leihe);
  ASSERT_EQ(mine.body["total"], 1) << mine.raw;
  const std::string task = std::to_string(mine.body["rows"][0]["task"]["id"].get<long long>());
  ASSERT_EQ(call("POST", "/api/tasks/" + task + "/submit", leihe,
                 R"({"category":"I","note":"患病在家休养，家长不同意送教"})")
                .status,
            200);
  ASSERT_EQ(
      call("POST", "/api/tasks/" + task + "/review", county, R"({"decision":"approve"})").status,
      200);
  const Reply dropouts = call("GET", "/api/dropouts", county);
  ASSERT_EQ(dropouts.body["total"], 1) << dropouts.raw;
  EXPECT_EQ(dropouts.body["rows"][0]["name"], "李思琪");
  EXPECT_EQ(dropouts.body["rows"][0]["category"], "I");
  const Reply dash = call("GET", "/api/dashboard", county);
  EXPECT_EQ(dash.body["ledgers"]["dropouts_open"], 1);
  EXPECT_EQ(dash.body["ledgers"]["suspected_open"], 1);
  EXPECT_EQ(call("GET", "/api/dropouts", leihe).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/dropouts", sign_in("taiyin")).body["total"], 0);
}

TEST_P(Api, AHeadTeacherSeesHisOwnClassAndNoOther) {
  std::vector<store::SchoolClass> classes = {{0, kSchoolA, 2026, 3, 1, "三年级(1)班", ""},
                                             {0, kSchoolA, 2026, 3, 2, "三年级(2)班", ""}};
  ASSERT_TRUE(store::insert_classes(db(), "410308", classes).ok());
  auto in_class_1 = pupil(wang);
  in_class_1.class_number = 1;
  auto in_class_2 = pupil(child("赵一鸣", "20160305", 44));
  in_class_2.class_number = 2;
  put("xueji", {in_class_1, in_class_2});
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  add_user("teacher", "teacher", std::string(kSchoolA) + "/" + std::to_string(classes[0].id),
           /*changed=*/true);
  Session teacher = sign_in("teacher");
  const Reply mine = call("GET", "/api/children", teacher);
  ASSERT_EQ(mine.status, 200) << mine.raw;
  ASSERT_EQ(mine.body["total"], 1) << mine.raw;
  EXPECT_EQ(mine.body["rows"][0]["name"], "王子涵");
  const long long other = call("GET", "/api/children", sign_in("school_a"), "", {{"q", "赵一鸣"}})
                              .body["rows"][0]["id"];
  EXPECT_EQ(call("GET", "/api/children/" + std::to_string(other), teacher).status, 404);
}

// Every route, walked by the admins of two schools of the same township: what was sent to
// school A (and what it uploaded) is invisible to school B — 404 for its ids, absent from lists —
// while school A itself sees it through the same routes.
TEST_P(Api, EveryRouteKeepsOneSchoolsWorkFromAnother) {
  Session county = sign_in("county");
  const long long entry = entry_of(county, "张浩宇");
  ASSERT_EQ(call("POST", "/api/suspected/dispatch", county,
                 json{{"entry_ids", {entry}},
                      {"to", "school"},
                      {"school_code", kSchoolA},
                      {"deadline", "2099-12-31"}}
                     .dump())
                .status,
            200);
  Session a = sign_in("school_a"), b = sign_in("school_b");
  const Reply tasks = call("GET", "/api/tasks", a);
  ASSERT_EQ(tasks.body["total"], 1) << tasks.raw;
  const long long task = tasks.body["rows"][0]["task"]["id"];
  const Reply photo =
      call("POST", "/api/tasks/" + std::to_string(task) + "/evidence", a, kPng, {}, "证明.png");
  ASSERT_EQ(photo.status, 200) << photo.raw;
  const long long file = photo.body["evidence"]["id"];

  const long long child_id =
      call("GET", "/api/children", county, "", {{"q", "张浩宇"}}).body["rows"][0]["id"];
  // School A's pupil 王子涵: a 送教上门 plan with a photo, and a home visit with one.
  const long long pupil_id =
      call("GET", "/api/children", a, "", {{"q", "王子涵"}}).body["rows"][0]["id"];
  const json pupil = call("GET", "/api/children/" + std::to_string(pupil_id), a).body;
  ASSERT_TRUE(pupil.contains("class_number") && pupil.contains("grade")) << pupil.dump();
  const Reply plan = call("POST", "/api/home-teaching", a,
                          json{{"child_id", pupil_id},
                               {"assessment", "县残疾人教育专家委员会评估"},
                               {"teachers", "李秀梅"},
                               {"subjects", "语文"}}
                              .dump());
  ASSERT_EQ(plan.status, 200) << plan.raw;
  const long long plan_id = plan.body["plan"]["id"];
  const Reply plan_photo = call("POST", "/api/home-teaching/" + std::to_string(plan_id) + "/files",
                                a, kPng, {}, "送教.png");
  ASSERT_EQ(plan_photo.status, 200) << plan_photo.raw;
  const Reply visit = call("POST", "/api/home-visits", a,
                           json{{"child_id", pupil_id},
                                {"visit_date", "2026-10-15"},
                                {"method", "home"},
                                {"visitors", "班主任"},
                                {"content", "入户家访"}}
                               .dump());
  ASSERT_EQ(visit.status, 200) << visit.raw;
  const long long visit_id = visit.body["visit"]["id"];
  const Reply visit_photo = call("POST", "/api/home-visits/" + std::to_string(visit_id) + "/files",
                                 a, kPng, {}, "家访.png");
  ASSERT_EQ(visit_photo.status, 200) << visit_photo.raw;
  // And a teacher paired with him (结对帮扶), with a contact in the pair's log.
  const Reply pair =
      call("POST", "/api/support-pairs", a,
           json{{"child_id", pupil_id}, {"teacher", "李秀梅"}, {"reason", "留守儿童"}}.dump());
  ASSERT_EQ(pair.status, 201) << pair.raw;
  const long long pair_id = pair.body["pair"]["id"];
  // A's monthly report, submitted; and A's pupil moved out of the county (学籍异动).
  const Reply report = call("POST", "/api/reports", a,
                            json{{"kind", "monthly"},
                                 {"level", "school"},
                                 {"code", kSchoolA},
                                 {"period", call("GET", "/api/reports", a).body["period"]["code"]},
                                 {"preparer", "王老师"},
                                 {"approver", "李校长"}}
                                .dump());
  ASSERT_EQ(report.status, 201) << report.raw;
  const long long report_id = report.body["report"]["id"];
  store::Movement moved;
  moved.kind = "transfer_out";
  moved.subject = "sn:" + pupil_record(db(), "王子涵").student_no;
  moved.record_id = pupil_record(db(), "王子涵").id;
  moved.name = "王子涵";
  moved.moved_on = "2026-10-20";
  moved.from_school_code = kSchoolA;
  moved.from_township_code = "410308100000";
  moved.to_school_name = "郑州市金水区纬五路第一小学";
  moved.recorded_by = "test";
  ASSERT_TRUE(store::save_movement(db(), "410308", moved).ok());
  auto path_for = [&](std::string pattern) {
    const auto starts = [&](const char* p) { return pattern.rfind(p, 0) == 0; };
    const std::string second = starts("/api/home-teaching")
                                   ? std::to_string(plan_photo.body["file"]["id"].get<long long>())
                               : starts("/api/home-visits")
                                   ? std::to_string(visit_photo.body["file"]["id"].get<long long>())
                                   : std::to_string(entry);
    for (int n = 0;; ++n) {
      const auto brace = pattern.find('{');
      if (brace == std::string::npos) return pattern;
      const std::string id = n > 0                          ? second
                             : starts("/api/tasks")         ? std::to_string(task)
                             : starts("/api/evidence")      ? std::to_string(file)
                             : starts("/api/children")      ? std::to_string(child_id)
                             : starts("/api/home-teaching") ? std::to_string(plan_id)
                             : starts("/api/home-visits")   ? std::to_string(visit_id)
                             : starts("/api/support-pairs") ? std::to_string(pair_id)
                             : starts("/api/reports")       ? std::to_string(report_id)
                             : starts("/api/movements")     ? std::to_string(moved.id)
                                                            : std::to_string(entry);
      pattern.replace(brace, pattern.find('}') - brace + 1, id);
    }
  };
  int visited = 0;
  for (const RouteInfo& route : route_table()) {
    if (!route.signed_in || route.pattern.rfind("/api/session", 0) == 0) continue;
    const std::string path = path_for(route.pattern);
    SCOPED_TRACE(route.method + " " + path);
    const std::string body =
        route.method == "POST"
            ? json{{"entry_ids", {entry}},
                   {"to", "residence"},
                   {"deadline", "2099-12-31"},
                   {"category", "A"},
                   {"note", "x"},
                   {"decision", "approve"},
                   {"child_id", pupil_id},
                   // A's pupil's class: a roll call
                   {"school_code", kSchoolA},
                   {"grade", pupil.value("grade", json())},
                   {"class_number",
                    pupil["class_number"].is_null() ? json(1) : pupil["class_number"]},
                   {"session", "am"},
                   {"kind", "sick_leave"},
                   {"from_day", "2026-10-15"},
                   {"assessment", "x"},
                   {"teachers", "x"},
                   {"subjects", "x"},
                   {"session_date", "2026-10-15"},
                   {"hours", 2},
                   {"teacher", "x"},
                   {"content", "x"},
                   {"reason", "x"},
                   {"visit_date", "2026-10-15"},
                   {"method", "home"},
                   {"visitors", "x"},
                   {"contact_date", "2026-10-15"}}
                  .dump()
            : "";
    if (route.pattern == "/api/exports") {  // B's own exports: none of A's child in any
      for (const char* list : {"children", "suspected", "dropouts", "audit", "home_teaching"}) {
        const Reply started = call("POST", path, b, json{{"list", list}}.dump());
        if (std::string(list) == "audit") {
          EXPECT_EQ(started.status, 403) << started.raw;
          continue;
        }
        const json job = finished_job(started, b);
        EXPECT_EQ(job["state"], "done") << job.dump();
        EXPECT_EQ(job["result"]["rows"], 0) << list;
      }
      ++visited;
      continue;
    }
    const Reply other = call(route.method, path, b, body);
    EXPECT_EQ(other.raw.find("张浩宇"), std::string::npos) << other.raw;
    EXPECT_EQ(other.raw.find(zhang.id_number.substr(14)), std::string::npos) << other.raw;
    EXPECT_EQ(other.raw.find("王子涵"), std::string::npos) << other.raw;
    if (route.method != "GET" || route.pattern.find('{') != std::string::npos) {
      EXPECT_TRUE(other.status == 404 || other.status == 403) << other.status << " " << other.raw;
    }
    ++visited;
  }
  EXPECT_GE(visited, 45);  // every route, 送教上门, 家访, 结对帮扶, 学籍异动 and 报表 among them
  // School A sees the child through the same routes.
  EXPECT_EQ(call("GET", "/api/suspected/" + std::to_string(entry), a).status, 200);
  EXPECT_EQ(call("GET", "/api/evidence/" + std::to_string(file), a).status, 200);
  EXPECT_EQ(call("GET", "/api/suspected", a).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/home-teaching/" + std::to_string(plan_id), a).status, 200);
  EXPECT_EQ(call("GET", "/api/home-teaching", a).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/home-visits", a).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/support-pairs/" + std::to_string(pair_id), a).status, 200);
  EXPECT_EQ(call("GET", "/api/support-pairs", a).body["rows"][0]["status"], "active");
  EXPECT_EQ(call("GET", "/api/suspected", b).body["total"], 0);
  EXPECT_EQ(call("GET", "/api/reports/" + std::to_string(report_id), a).status, 200);
  EXPECT_EQ(call("GET", "/api/movements", a).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/movements", b).body["total"], 0);
  // And the task is still A's to submit: B's attempts above changed nothing.
  EXPECT_EQ(call("GET", "/api/tasks", a).body["rows"][0]["task"]["state"], "assigned");
}

BAOXUE_ON_BOTH_ENGINES(Api);

}  // namespace
}  // namespace baoxue::api
