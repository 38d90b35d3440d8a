// Accounts: creating users at their place in the tree, signing in (with lock-out), passwords.
#pragma once

#include <string>

#include "auth/role.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace baoxue::auth {

inline constexpr int kMaxFailedLogins = 5;   // then the account locks …
inline constexpr int kLockMinutes = 15;      // … for this long
inline constexpr int kSessionMinutes = 120;  // a session ends this long after its last request

struct NewUser {
  std::string county;  // six digits
  std::string username, display_name;
  std::string role;  // role_code
  // county roles: the county (6 or 12 digits); township/village: the region code; school_admin:
  // the 学校标识码; teacher: "学校标识码/班级编号" (the class's id).
  std::string org;
  std::string password;  // the initial password; the user must change it at first sign-in
  std::string created_by;
};

// Errors: role_unknown, org_unknown (the code is not of the right kind in this county),
// password_weak, username_taken, username_invalid.
Result<store::User> create_user(store::Database& db, const NewUser& u);

// The user's scope from the stored user.
Scope scope_of(const store::User& u);
// The same, with a teacher's class (grade and number) read from the school's classes: what the
// ledgers filter a head teacher's view by.
Result<Scope> scope_for(store::Database& db, const store::User& u);

struct SignIn {
  store::User user;
  std::string token;  // the session cookie's value (only its digest is stored)
  std::string csrf;   // sent back on every write
};
// Errors, all with Chinese messages: sign_in_failed (unknown user or wrong password: the same
// message for both), account_locked, account_disabled.
Result<SignIn> sign_in(store::Database& db, const std::string& username,
                       const std::string& password, const std::string& address);

// The session of a cookie's token, if it is current: unexpired, its user enabled. Each use
// moves the end kSessionMinutes on (written at most once a minute, so that a busy page does not
// write on every request). Errors: not_signed_in, database errors.
struct Current {
  store::Session session;
  store::User user;
  std::string csrf;  // csrf_for(token)
};
Result<Current> resume_session(store::Database& db, const std::string& token);

// Sets a new password the user chose (must_change cleared). Errors: password_weak.
Status change_password(store::Database& db, const store::User& user,
                       const std::string& new_password);

}  // namespace baoxue::auth
