#include "auth/accounts.h"

#include <atomic>
#include <cctype>
#include <chrono>

#include "auth/password.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::auth {
namespace {

bool valid_username(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) return false;
  for (unsigned char c : name)
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '-' || c >= 0x80)) return false;
  return true;
}

// Places the user in the tree by `org`, as the role requires.
Status place(store::Database& db, store::User& u, Role role, const std::string& org) {
  auto bad = [&](const std::string& what) {
    return make_error("org_unknown", "“" + org + "”不是本县的" + what + "：请用 " +
                                         std::string(role_label_zh(role)) + " 所在单位的代码");
  };
  if (role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kInspector) {
    if (org != u.county && org != u.county + "000000") return bad("县区代码");
    return {};
  }
  if (role == Role::kTownship || role == Role::kVillage) {
    auto regions = store::list_regions(db, u.county);
    if (!regions) return regions.error();
    const std::string level = role == Role::kTownship ? "township" : "village";
    for (const auto& r : regions.value())
      if (r.code == org && r.level == level) {
        if (role == Role::kTownship) {
          u.township_code = r.code;
        } else {
          u.village_code = r.code;
          u.township_code = r.parent_code;
        }
        return {};
      }
    return bad(role == Role::kTownship ? "乡镇（街道）代码" : "村（居）代码");
  }
  // School roles.
  const std::string school = org.substr(0, org.find('/'));
  auto schools = store::list_schools(db, u.county);
  if (!schools) return schools.error();
  bool found = false;
  for (const auto& s : schools.value())
    if (s.id == school) {
      found = true;
      u.school_code = s.id;
      u.township_code = s.township_code;
    }
  if (!found) return bad("学校标识码");
  if (role == Role::kTeacher) {
    const auto slash = org.find('/');
    if (slash == std::string::npos) return bad("班级（学校标识码/班级编号）");
    auto classes = store::list_classes(db, u.county, school);
    if (!classes) return classes.error();
    for (const auto& c : classes.value())
      if (std::to_string(c.id) == org.substr(slash + 1)) u.class_id = c.id;
    if (!u.class_id) return bad("班级（学校标识码/班级编号）");
  }
  return {};
}

std::atomic<long long> g_account_checks{0};

// One argon2id verification against a hash of a random password, made once with the same
// parameters as every stored hash: what a refused attempt (unknown name, locked or disabled
// account) spends, so that it takes as long as a wrong password.
void spend_a_verification(const std::string& password) {
  static const std::string dummy = [] {
    auto hash = hash_password(random_token());
    return hash ? hash.value() : std::string();  // out of memory: nothing to hide timing with
  }();
  verify_password(password, dummy);
}

// The new hash and the end of the sessions in one transaction: no moment where the password has
// changed but a session opened with the old one still works.
Status set_password_ending_sessions(store::Database& db, const store::User& user,
                                    const std::string& hash, bool must_change,
                                    const std::string& keep_token_digest) {
  return db.transaction([&]() -> Status {
    if (Status st = store::set_password(db, user, hash, must_change); !st) return st;
    return store::delete_user_sessions(db, user.county, user.id, keep_token_digest);
  });
}

}  // namespace

Result<store::User> create_user(store::Database& db, const NewUser& n) {
  const auto role = parse_role(n.role);
  if (!role)
    return make_error("role_unknown",
                      "角色“" + n.role +
                          "”不存在：可用 county_admin、county_staff、township、village、"
                          "school_admin、teacher、inspector");
  if (!valid_username(n.username))
    return make_error("username_invalid", "用户名应为 2–64 个字母、数字、汉字或 _ . -");
  if (Status st = check_new_password(n.password, n.username); !st) return st.error();
  store::User u;
  u.county = n.county;
  u.username = n.username;
  u.display_name = n.display_name.empty() ? n.username : n.display_name;
  u.role = std::string(role_code(*role));
  if (Status st = place(db, u, *role, n.org); !st) return st.error();
  auto hash = hash_password(n.password);
  if (!hash) return hash.error();
  u.password_hash = hash.value();
  u.must_change_password = true;
  u.created_by = n.created_by;
  if (Status st = store::insert_user(db, u); !st) return st.error();
  return u;
}

Scope scope_of(const store::User& u) {
  Scope s;
  s.county = u.county;
  s.role = parse_role(u.role).value_or(Role::kInspector);  // an unknown role reads, never writes
  s.township_code = u.township_code;
  s.village_code = u.village_code;
  s.school_code = u.school_code;
  s.class_id = u.class_id.value_or(0);
  return s;
}

Result<Scope> scope_for(store::Database& db, const store::User& u) {
  Scope s = scope_of(u);
  if (s.role != Role::kTeacher || s.class_id == 0) return s;
  auto classes = store::list_classes(db, u.county, u.school_code);
  if (!classes) return classes.error();
  for (const auto& c : classes.value())
    if (c.id == s.class_id) {
      s.class_grade = c.grade;
      s.class_number = c.number;
    }
  return s;
}

std::string_view failure_code(SignInFailure::Kind kind) {
  switch (kind) {
    case SignInFailure::Kind::kUnknownUser:
      return "unknown_user";
    case SignInFailure::Kind::kWrongPassword:
      return "wrong_password";
    case SignInFailure::Kind::kLocked:
      return "locked";
    case SignInFailure::Kind::kJustLocked:
      return "just_locked";
    case SignInFailure::Kind::kDisabled:
      return "disabled";
  }
  return "unknown_user";
}

std::string failure_label_zh(SignInFailure::Kind kind) {
  switch (kind) {
    case SignInFailure::Kind::kUnknownUser:
      return "登录失败（用户名不存在）";
    case SignInFailure::Kind::kWrongPassword:
      return "登录失败（密码错误）";
    case SignInFailure::Kind::kLocked:
      return "登录被拒（账号锁定中）";
    case SignInFailure::Kind::kJustLocked:
      return "账号锁定（密码连续输错 " + std::to_string(kMaxFailedLogins) + " 次，锁定 " +
             std::to_string(kLockMinutes) + " 分钟）";
    case SignInFailure::Kind::kDisabled:
      return "登录被拒（账号已停用）";
  }
  return "登录失败";
}

Error sign_in_failed() {
  return make_error("sign_in_failed", "用户名或密码不正确，或账号已被锁定（连续输错 " +
                                          std::to_string(kMaxFailedLogins) + " 次锁定 " +
                                          std::to_string(kLockMinutes) +
                                          " 分钟），请稍后再试或联系管理员");
}

long long account_password_checks() { return g_account_checks.load(); }

Result<SignInOutcome> attempt_sign_in(store::Database& db, const std::string& username,
                                      const std::string& password, const std::string& address) {
  auto refused = [](SignInFailure::Kind kind, std::optional<store::User> user) {
    return SignInOutcome{std::nullopt, SignInFailure{kind, std::move(user)}};
  };
  auto found = store::find_user(db, username);
  if (!found) return found.error();
  if (!found.value()) {
    spend_a_verification(password);
    return refused(SignInFailure::Kind::kUnknownUser, std::nullopt);
  }
  store::User u = *found.value();
  auto attempt =
      store::reserve_login_attempt(db, u.county, u.id, kMaxFailedLogins, store::now_utc(),
                                   store::now_utc(std::chrono::minutes(kLockMinutes)));
  if (!attempt) return attempt.error();
  u.failed_logins = attempt->failed_logins;
  u.locked_until = attempt->locked_until;
  u.disabled = attempt->disabled;
  if (!attempt->reserved) {
    spend_a_verification(password);
    return refused(u.disabled ? SignInFailure::Kind::kDisabled : SignInFailure::Kind::kLocked, u);
  }
  ++g_account_checks;
  if (!verify_password(password, u.password_hash))
    return refused(
        attempt->locks ? SignInFailure::Kind::kJustLocked : SignInFailure::Kind::kWrongPassword, u);
  if (Status st = store::reset_login_failures(db, u.county, u.id); !st) return st.error();
  u.failed_logins = 0;
  u.locked_until.clear();
  SignIn s{u, random_token(), ""};
  s.csrf = csrf_for(s.token);
  const std::string now = store::now_utc();
  store::Session session{u.county,
                         token_digest(s.token),
                         token_digest(s.csrf),
                         u.id,
                         now,
                         store::now_utc(std::chrono::minutes(kSessionMinutes)),
                         now,
                         address};
  if (Status st = store::insert_session(db, session); !st) return st.error();
  return SignInOutcome{std::move(s), {}};
}

Result<SignIn> sign_in(store::Database& db, const std::string& username,
                       const std::string& password, const std::string& address) {
  auto outcome = attempt_sign_in(db, username, password, address);
  if (!outcome) return outcome.error();
  if (!outcome->signed_in) return sign_in_failed();
  return std::move(*outcome->signed_in);
}

Result<Current> resume_session(store::Database& db, const std::string& token) {
  const Error none{"not_signed_in", "请先登录"};
  if (token.size() != 64) return none;
  auto session = store::find_session(db, token_digest(token));
  if (!session) return session.error();
  const std::string now = store::now_utc();
  if (!session.value() || session.value()->expires_at <= now) return none;
  store::Session s = *session.value();
  auto user = store::user_by_id(db, s.county, s.user_id);
  if (!user) return user.error();
  if (!user.value() || user.value()->disabled) return none;
  if (s.last_seen_at < store::now_utc(std::chrono::seconds(-60))) {
    s.last_seen_at = now;
    s.expires_at = store::now_utc(std::chrono::minutes(kSessionMinutes));
    // Sliding the expiry is a courtesy: when the write must wait (SQLite busy with an import),
    // the session goes on as it is and slides on a later request.
    (void)store::touch_session(db, s);
  }
  return Current{s, *user.value(), csrf_for(token)};
}

Status change_password(store::Database& db, const store::User& user,
                       const std::string& new_password, const std::string& keep_token_digest) {
  if (Status st = check_new_password(new_password, user.username); !st) return st;
  if (verify_password(new_password, user.password_hash))
    return make_error("password_weak", "新密码不能与原密码相同");
  auto hash = hash_password(new_password);
  if (!hash) return hash.error();
  return set_password_ending_sessions(db, user, hash.value(), false, keep_token_digest);
}

Status reset_password(store::Database& db, const store::User& user, const std::string& password) {
  if (Status st = check_new_password(password, user.username); !st) return st;
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  return set_password_ending_sessions(db, user, hash.value(), true, "");
}

}  // namespace baoxue::auth
