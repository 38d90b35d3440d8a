// Signing in and out, who am I, changing the password.
#include "api/call.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/role.h"
#include "auth/session_cache.h"

namespace baoxue::api {
namespace {

constexpr const char* kCookie = "baoxue_session";

json user_json(const store::User& u) {
  const core::Scope s = auth::scope_of(u);
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"role_label", std::string(auth::role_label_zh(s.role))},
          {"county", u.county},
          {"township_code", u.township_code},
          {"village_code", u.village_code},
          {"school_code", u.school_code},
          {"must_change_password", u.must_change_password}};
}

std::string session_cookie(const std::string& token) {
  return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (token.empty() ? "; Max-Age=0" : "");
}

Result<Response> sign_in(Call& c) {
  auto body = c.body();
  if (!body || !body->contains("username") || !body->contains("password") ||
      !(*body)["username"].is_string() || !(*body)["password"].is_string())
    return make_error("bad_request", "请求应为 JSON：{\"username\": …, \"password\": …}");
  auto signed_in = auth::sign_in(c.db, (*body)["username"], (*body)["password"], c.req.address);
  if (!signed_in) return signed_in.error();
  Response r = json_response({{"user", user_json(signed_in->user)}, {"csrf", signed_in->csrf}});
  r.set_cookie = session_cookie(signed_in->token);
  return r;
}

Result<Response> who_am_i(Call& c) {
  return json_response({{"user", user_json(*c.user)}, {"csrf", c.csrf}});
}

Result<Response> sign_out(Call& c) {
  if (Status st = store::delete_session(c.db, auth::token_digest(c.req.session_token)); !st)
    return st.error();
  if (c.options.sessions) c.options.sessions->forget(c.req.session_token);
  Response r = json_response({{"signed_out", true}});
  r.set_cookie = session_cookie("");
  return r;
}

Result<Response> change_password(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  const json& b = *body;
  if (!b.contains("old_password") || !b.contains("new_password") ||
      !b["old_password"].is_string() || !b["new_password"].is_string())
    return make_error("bad_request", "请填写原密码和新密码");
  if (!auth::verify_password(b["old_password"].get<std::string>(), c.user->password_hash))
    return make_error("password_wrong", "原密码不正确");
  if (Status st = auth::change_password(c.db, *c.user, b["new_password"]); !st) return st.error();
  if (c.options.sessions) c.options.sessions->forget_user(c.county(), c.user->id);
  auto user = store::user_by_id(c.db, c.county(), c.user->id);
  if (!user) return user.error();
  if (Status st = c.audit("change_password", "user", std::to_string(c.user->id)); !st)
    return st.error();
  return json_response({{"user", user_json(**user)}});
}

}  // namespace

void add_session_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/session", sign_in, false});
  r.push_back({"GET", "/api/session", who_am_i});
  r.push_back({"DELETE", "/api/session", sign_out});
  r.push_back({"POST", "/api/session/password", change_password});
}

}  // namespace baoxue::api
