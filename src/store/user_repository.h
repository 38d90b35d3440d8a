// Users and their sessions (the audit log is in store/audit_repository.h). Rules (who may do
// what, lock-out, password strength) live in src/auth; this file stores and reads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct User {
  long long id = 0;
  std::string county;
  std::string username, display_name;
  std::string role;                                      // auth::role_code
  std::string township_code, village_code, school_code;  // the user's place, as the role needs
  std::optional<long long> class_id;
  std::string password_hash;
  bool must_change_password = true;
  int failed_logins = 0;
  std::string locked_until;  // UTC instant, empty when not locked
  bool disabled = false;
  std::string created_at, created_by, password_changed_at;
};

// Assigns user.id. Errors: username_taken.
Status insert_user(Database& db, User& user);
Result<std::optional<User>> find_user(Database& db, const std::string& username);
Result<std::optional<User>> user_by_id(Database& db, const std::string& county, long long id);
Result<std::vector<User>> list_users(Database& db, const std::string& county);
Status set_password(Database& db, const User& user, const std::string& hash, bool must_change);

// Lock-out is counted in the database, before the password is checked: reading the count, checking
// the password and writing the count back let ten parallel guesses all pass a limit of five.
struct LoginAttempt {
  bool reserved = false;  // the password may be checked now
  // The attempt took the count to the limit and set the lock: the account stays locked unless
  // this very password proves right (reset_login_failures).
  bool locks = false;
  // The row after the statement.
  int failed_logins = 0;
  std::string locked_until;
  bool disabled = false;
};
// Reserves one sign-in attempt in one UPDATE: failed_logins goes up by one only while the account
// is enabled, not locked and below `max_failures` (a lock that ended by `now` starts the count
// afresh); the attempt that reaches `max_failures` also sets locked_until = `lock_until`. So no
// more than `max_failures` attempts are ever reserved, whatever runs in parallel on other
// connections, until a right password resets the count. Not reserved: the account is disabled or
// locked (perhaps by an attempt whose password is still being checked). `now` and `lock_until`
// are now_utc() instants.
Result<LoginAttempt> reserve_login_attempt(Database& db, const std::string& county,
                                           long long user_id, int max_failures,
                                           const std::string& now, const std::string& lock_until);
// After a right password: the count to 0, the lock gone.
Status reset_login_failures(Database& db, const std::string& county, long long user_id);

struct Session {
  std::string county, token_digest, csrf_digest;
  long long user_id = 0;
  std::string created_at, expires_at, last_seen_at, address;
};
Status insert_session(Database& db, const Session& s);
Result<std::optional<Session>> find_session(Database& db, const std::string& token_digest);
// Writes the session's last_seen_at and expires_at.
Status touch_session(Database& db, const Session& s);
Status delete_session(Database& db, const std::string& token_digest);
// Ends every session of the user except the one whose digest is `keep_digest` (empty: all of
// them): after a password change or reset.
Status delete_user_sessions(Database& db, const std::string& county, long long user_id,
                            const std::string& keep_digest);

}  // namespace baoxue::store
