#include "auth/accounts.h"

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

Result<SignIn> sign_in(store::Database& db, const std::string& username,
                       const std::string& password, const std::string& address) {
  const Error failed{"sign_in_failed", "用户名或密码不正确"};
  auto found = store::find_user(db, username);
  if (!found) return found.error();
  if (!found.value()) {
    verify_password(password, "");  // keep the timing of a wrong password for unknown users
    return failed;
  }
  store::User u = *found.value();
  if (u.disabled) return make_error("account_disabled", "该账号已停用，请联系县教育局管理员");
  const std::string now = store::now_utc();
  if (!u.locked_until.empty() && u.locked_until > now)
    return make_error("account_locked", "密码连续输错 " + std::to_string(kMaxFailedLogins) +
                                            " 次，账号已锁定 " + std::to_string(kLockMinutes) +
                                            " 分钟，请稍后再试或联系管理员");
  if (!verify_password(password, u.password_hash)) {
    const int failures = u.failed_logins + 1;
    const bool lock = failures >= kMaxFailedLogins;
    if (Status st = store::set_login_failures(
            db, u, lock ? 0 : failures,
            lock ? store::now_utc(std::chrono::minutes(kLockMinutes)) : "");
        !st)
      return st.error();
    return failed;
  }
  if (u.failed_logins > 0 || !u.locked_until.empty())
    if (Status st = store::set_login_failures(db, u, 0, ""); !st) return st.error();
  SignIn s{u, random_token(), ""};
  s.csrf = csrf_for(s.token);
  store::Session session{u.county,
                         token_digest(s.token),
                         token_digest(s.csrf),
                         u.id,
                         now,
                         store::now_utc(std::chrono::minutes(kSessionMinutes)),
                         now,
                         address};
  if (Status st = store::insert_session(db, session); !st) return st.error();
  return s;
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
    if (Status st = store::touch_session(db, s); !st) return st.error();
  }
  return Current{s, *user.value(), csrf_for(token)};
}

Status change_password(store::Database& db, const store::User& user,
                       const std::string& new_password) {
  if (Status st = check_new_password(new_password, user.username); !st) return st;
  if (verify_password(new_password, user.password_hash))
    return make_error("password_weak", "新密码不能与原密码相同");
  auto hash = hash_password(new_password);
  if (!hash) return hash.error();
  return store::set_password(db, user, hash.value(), false);
}

}  // namespace baoxue::auth
