// Specification of the audit trail (issue 11): every write and every read of a child's
// personal data leaves a row saying who (and for which unit), what, when and from where, in
// Chinese — sign-ins and their failures included — and the county's administrator finds rows by
// user, unit, action and date.
#include "api_fixture.h"

namespace baoxue::api {
namespace {

class AuditLog : public ApiTest {
 protected:
  std::vector<json> rows(const std::map<std::string, std::string>& filter = {}) {
    std::map<std::string, std::string> q = filter;
    q["size"] = "200";
    const Reply r = call("GET", "/api/audit", sign_in("county"), "", q);
    EXPECT_EQ(r.status, 200) << r.raw;
    std::vector<json> out;
    for (const auto& e : r.body["rows"])
      if (e["action"] != "sign_in" || !filter.empty()) out.push_back(e);
    return out;
  }
  bool has(const std::string& action, const std::string& username = "") {
    for (const json& e : rows({{"action", action}}))
      if (username.empty() || e["username"] == username) return true;
    return false;
  }
};

TEST_P(AuditLog, SignInsFailuresLockOutSignOutAndPasswordChangesAreOnRecord) {
  Session s = sign_in("taiyin");
  EXPECT_TRUE(has("sign_in", "taiyin"));
  EXPECT_EQ(
      call("POST", "/api/session", {}, R"({"username":"taiyin","password":"wrong1234"})").status,
      401);
  EXPECT_EQ(
      call("POST", "/api/session", {}, R"({"username":"nobody","password":"wrong1234"})").status,
      401);
  std::map<std::string, std::string> details;
  for (const json& e : rows({{"action", "sign_in_failed"}})) details[e["username"]] = e["detail"];
  EXPECT_EQ(details["taiyin"], "登录失败（密码错误）");
  EXPECT_EQ(details["nobody"], "登录失败（用户名不存在）");
  for (int i = 0; i < 5; ++i)
    (void)call("POST", "/api/session", {}, R"({"username":"leihe","password":"wrong1234"})");
  EXPECT_TRUE(has("account_locked", "leihe"));
  // Locked, unknown and wrong: one answer, so the answer tells an attacker nothing.
  const Reply locked =
      call("POST", "/api/session", {}, json{{"username", "leihe"}, {"password", kPassword}}.dump());
  const Reply unknown =
      call("POST", "/api/session", {}, R"({"username":"nobody","password":"Baoxue2026ok"})");
  EXPECT_EQ(locked.status, unknown.status);
  EXPECT_EQ(locked.raw, unknown.raw);
  ASSERT_EQ(call("POST", "/api/session/password", s,
                 json{{"old_password", kPassword}, {"new_password", "Village2027ok"}}.dump())
                .status,
            200);
  EXPECT_TRUE(has("change_password", "taiyin"));
  ASSERT_EQ(call("DELETE", "/api/session", s).status, 200);
  EXPECT_TRUE(has("sign_out", "taiyin"));
}

TEST_P(AuditLog, VerificationAndCensusWorkIsOnRecordInChinese) {
  Session county = sign_in("county");
  dispatch_all(county);
  Session taiyin = sign_in("taiyin");
  const long long task = call("GET", "/api/tasks", taiyin).body["rows"][0]["task"]["id"];
  const std::string base = "/api/tasks/" + std::to_string(task);
  ASSERT_EQ(call("POST", base + "/evidence", taiyin, kPng, {}, "证明.png").status, 200);
  ASSERT_EQ(call("POST", base + "/submit", taiyin, R"({"category":"A","note":"在校"})").status,
            200);
  ASSERT_EQ(
      call("POST", base + "/review", county, R"({"decision":"return","reason":"补证明"})").status,
      200);
  ASSERT_EQ(call("POST", base + "/submit", taiyin, R"({"category":"A","note":"已补"})").status,
            200);
  ASSERT_EQ(call("POST", base + "/review", county, R"({"decision":"approve"})").status, 200);
  ASSERT_EQ(finished_job(call("POST", "/api/census", county, "{}"), county)["state"], "done");
  for (const char* action :
       {"dispatch", "upload_evidence", "submit", "return", "approve", "census"})
    EXPECT_TRUE(has(action)) << action;
  const std::vector<json> dispatched = rows({{"action", "dispatch"}});
  ASSERT_FALSE(dispatched.empty());
  EXPECT_EQ(dispatched[0]["detail"].get<std::string>().rfind("派发 2 条到户籍所在地", 0), 0u)
      << dispatched[0].dump();
  const std::vector<json> uploads = rows({{"action", "upload_evidence"}});
  ASSERT_EQ(uploads.size(), 1u);
  EXPECT_EQ(uploads[0]["unit_name"], "会盟镇台荫村");
  EXPECT_EQ(uploads[0]["user_name"], "taiyin");
  for (const json& e : rows())
    EXPECT_EQ(e["detail"].get<std::string>().find(" rows"), std::string::npos);
}

TEST_P(AuditLog, TheLogFiltersByUserUnitActionAndDate) {
  Session county = sign_in("county");
  // 王子涵 lives in 台荫村 and studies at school A: both may look at him.
  const long long child_id =
      call("GET", "/api/children", county, "", {{"q", "王子涵"}}).body["rows"][0]["id"];
  (void)call("GET", "/api/children/" + std::to_string(child_id), sign_in("taiyin"));
  (void)call("GET", "/api/children/" + std::to_string(child_id), sign_in("school_a"));
  EXPECT_EQ(rows({{"user", "taiyin"}, {"action", "view_child"}}).size(), 1u);
  // The township's unit takes in its villages and schools.
  EXPECT_EQ(rows({{"unit", "410308100000"}, {"action", "view_child"}}).size(), 2u);
  EXPECT_EQ(rows({{"unit", kSchoolA}, {"action", "view_child"}}).size(), 1u);
  const std::string today = call("GET", "/api/meta", county).body["today"];
  EXPECT_EQ(rows({{"action", "view_child"}, {"from", today}, {"to", today}}).size(), 2u);
  EXPECT_TRUE(rows({{"action", "view_child"}, {"to", "2020-01-01"}}).empty());
  EXPECT_EQ(call("GET", "/api/audit", county, "", {{"action", "hack"}}).status, 400);
  EXPECT_EQ(call("GET", "/api/audit", county, "", {{"from", "yesterday"}}).status, 400);
  // Exported with the same filter, in words.
  const auto exported_rows = exported(county, "audit", {{"action", "view_child"}});
  ASSERT_EQ(exported_rows.size(), 2u);
  EXPECT_EQ(exported_rows[0][4], "查看儿童详情");
}

BAOXUE_ON_BOTH_ENGINES(AuditLog);

}  // namespace
}  // namespace baoxue::api
