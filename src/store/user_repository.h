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
// After a failed login: the new count, and the lock (empty = none).
Status set_login_failures(Database& db, const User& user, int failed,
                          const std::string& locked_until);

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

}  // namespace baoxue::store
