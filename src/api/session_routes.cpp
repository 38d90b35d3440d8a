// Signing in and out, who am I, changing the password — each audited, failures included.
#include "api/call.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/role.h"
#include "auth/session_cache.h"
#include "store/county_repository.h"

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

std::string session_cookie(const Call& c, const std::string& token) {
  return std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (c.options.secure_cookie || c.req.https ? "; Secure" : "") +
         (token.empty() ? "; Max-Age=0" : "");
}

// A user name as typed, fit for the log: printable, at most 64 bytes.
std::string typed_name(const std::string& name) {
  std::string out;
  for (char ch : name) {
    if (out.size() >= 64) break;
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f) out += ch;
  }
  return out;
}

// Sign-in events happen before there is a signed-in user: the row names the account when there
// is one, else the name typed (under the county, when the server keeps one county).
Status audit_sign_in(Call& c, const std::optional<store::User>& user, const std::string& typed,
                     const std::string& action, const std::string& detail) {
  Author who;
  who.address = c.req.address;
  if (user) {
    who.county = user->county;
    who.user_id = user->id;
    who.username = user->username;
    who.unit_code = unit_code_of(auth::scope_of(*user));
  } else {
    auto county = store::choose_county(c.db, "");
    if (!county) return {};  // several counties and an unknown name: nobody's log to write to
    who.county = who.unit_code = county.value();
    who.username = typed_name(typed);
  }
  store::AuditEntry e = who.entry(action, "session", "", detail);
  if (!user) e.user_id.reset();
  if (c.options.defer_audit) {
    c.deferred_audit.push_back(std::move(e));
    return {};
  }
  return store::append_audit(c.db, e);
}

Result<Response> sign_in(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  auto username = body->string("username", true);
  if (!username) return username.error();
  auto password = body->string("password", true);
  if (!password) return password.error();
  auto outcome = auth::attempt_sign_in(c.db, *username, *password, c.req.address);
  if (!outcome) return outcome.error();
  if (!outcome->signed_in) {
    // What happened is the log's to know; the answer is the same for every refusal.
    const auth::SignInFailure& f = outcome->failure;
    const bool locked = f.kind == auth::SignInFailure::Kind::kJustLocked;
    if (Status st =
            audit_sign_in(c, f.user, *username, locked ? "account_locked" : "sign_in_failed",
                          auth::failure_label_zh(f.kind));
        !st)
      return st.error();
    const Error refused = auth::sign_in_failed();
    return json_response({{"code", refused.code}, {"message", refused.message}}, 401);
  }
  const auth::SignIn& signed_in = *outcome->signed_in;
  if (Status st = audit_sign_in(c, signed_in.user, *username, "sign_in", ""); !st)
    return st.error();
  Response r = json_response({{"user", user_json(signed_in.user)}, {"csrf", signed_in.csrf}});
  r.set_cookie = session_cookie(c, signed_in.token);
  return r;
}

Result<Response> who_am_i(Call& c) {
  return json_response({{"user", user_json(*c.user)}, {"csrf", c.csrf}});
}

Result<Response> sign_out(Call& c) {
  if (Status st = store::delete_session(c.db, auth::token_digest(c.req.session_token)); !st)
    return st.error();
  if (c.options.sessions) c.options.sessions->forget(c.req.session_token);
  if (Status st = c.audit("sign_out", "session", ""); !st) return st.error();
  Response r = json_response({{"signed_out", true}});
  r.set_cookie = session_cookie(c, "");
  return r;
}

Result<Response> change_password(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  auto old_password = body->string("old_password", true);
  if (!old_password) return old_password.error();
  auto new_password = body->string("new_password", true);
  if (!new_password) return new_password.error();
  if (!auth::verify_password(*old_password, c.user->password_hash))
    return make_error("password_wrong", "原密码不正确");
  // Every other session of the user ends; this one goes on.
  if (Status st = auth::change_password(c.db, *c.user, *new_password,
                                        auth::token_digest(c.req.session_token));
      !st)
    return st.error();
  if (c.options.sessions) c.options.sessions->forget_user(c.county(), c.user->id);
  auto user = store::user_by_id(c.db, c.county(), c.user->id);
  if (!user) return user.error();
  if (Status st = c.audit("change_password", "user", std::to_string(c.user->id), "修改本人密码");
      !st)
    return st.error();
  return json_response({{"user", user_json(**user)}});
}

}  // namespace

void add_session_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/session", sign_in, false, kSmallBody});
  r.push_back({"GET", "/api/session", who_am_i});
  r.push_back({"DELETE", "/api/session", sign_out});
  r.push_back({"POST", "/api/session/password", change_password, true, kSmallBody});
}

}  // namespace baoxue::api
