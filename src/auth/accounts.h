// Accounts: creating users at their place in the tree, signing in (with lock-out), passwords.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

// Why a sign-in was refused: for the caller's audit log only. The person signing in gets the one
// answer sign_in_failed() whatever the kind, so that a guesser cannot learn which user names exist
// or which accounts are locked.
struct SignInFailure {
  enum class Kind {
    kUnknownUser,    // no account of that name
    kWrongPassword,  // checked, wrong, the account not (yet) locked
    kLocked,         // refused unchecked: locked (perhaps by a guess still being checked)
    kJustLocked,     // checked, wrong, and this failure locked the account
    kDisabled,       // refused unchecked: the account is disabled
  };
  Kind kind = Kind::kUnknownUser;
  std::optional<store::User> user;  // the account as it is after the attempt, unless unknown
};
// A stable English code of the kind for the audit log ("unknown_user", "wrong_password",
// "locked", "just_locked", "disabled") and its Chinese label ("登录失败（密码错误）", …).
std::string_view failure_code(SignInFailure::Kind kind);
std::string failure_label_zh(SignInFailure::Kind kind);

struct SignInOutcome {
  std::optional<SignIn> signed_in;  // set when the password opened the account
  SignInFailure failure;            // why not, otherwise
};

// Signs in with lock-out counted in the database: an attempt is reserved there before the
// password is checked (store::reserve_login_attempt), so at most kMaxFailedLogins checks run
// against an account however many guesses arrive at once; the last of them locks it for
// kLockMinutes unless it is right, and a right password resets the count. Every attempt costs
// one argon2id verification — against a dummy hash when the name is unknown or the account
// refused — so the time taken does not tell those cases apart either. Errors: database errors
// only; a refusal is an outcome, answered with sign_in_failed().
Result<SignInOutcome> attempt_sign_in(store::Database& db, const std::string& username,
                                      const std::string& password, const std::string& address);
// The one answer for every refused sign-in (code sign_in_failed, HTTP 401).
Error sign_in_failed();
// attempt_sign_in for callers that keep no audit log: a refusal becomes sign_in_failed().
Result<SignIn> sign_in(store::Database& db, const std::string& username,
                       const std::string& password, const std::string& address);
// How many times this process has checked a password against an account's stored hash (the
// dummy checks not counted): what the lock-out bounds, for its specification and for operators
// watching a guessing attack.
long long account_password_checks();

// The session of a cookie's token, if it is current: unexpired, its user enabled. Each use
// moves the end kSessionMinutes on (written at most once a minute, so that a busy page does not
// write on every request). Errors: not_signed_in, database errors.
struct Current {
  store::Session session;
  store::User user;
  std::string csrf;  // csrf_for(token)
};
Result<Current> resume_session(store::Database& db, const std::string& token);

// Sets a new password the user chose (must_change cleared) and ends the user's other sessions:
// whoever had the old password is signed out everywhere but in the session making the change,
// whose token digest (token_digest of its cookie) is `keep_token_digest`; empty (the default,
// for a caller that has no session) ends them all, that one too. The server must also drop its
// cached sessions of the user (SessionCache::forget_user). Errors: password_weak.
Status change_password(store::Database& db, const store::User& user,
                       const std::string& new_password, const std::string& keep_token_digest = "");
// An administrator's reset (baoxue user passwd): sets `password`, to be changed at the next
// sign-in, clears the lock-out and ends every session of the user. Running servers notice within
// their SessionCache's fresh time (5 s). Errors: password_weak.
Status reset_password(store::Database& db, const store::User& user, const std::string& password);

}  // namespace baoxue::auth
