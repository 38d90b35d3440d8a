#include "store/user_repository.h"

#include <algorithm>

#include "store/bulk_insert.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* const kUserColumns =
    "county_code, id, username, display_name, role, township_code, village_code, school_code, "
    "class_id, password_hash, must_change_password, failed_logins, locked_until, disabled, "
    "created_at, created_by, password_changed_at";

User read_user(const soci::row& r) {
  User u;
  u.county = row_text(r, 0);
  u.id = row_int(r, 1);
  u.username = row_text(r, 2);
  u.display_name = row_text(r, 3);
  u.role = row_text(r, 4);
  u.township_code = row_text(r, 5);
  u.village_code = row_text(r, 6);
  u.school_code = row_text(r, 7);
  u.class_id = row_optional_int(r, 8);
  u.password_hash = row_text(r, 9);
  u.must_change_password = row_int(r, 10) != 0;
  u.failed_logins = static_cast<int>(row_int(r, 11));
  u.locked_until = row_text(r, 12);
  u.disabled = row_int(r, 13) != 0;
  u.created_at = row_text(r, 14);
  u.created_by = row_text(r, 15);
  u.password_changed_at = row_text(r, 16);
  return u;
}

}  // namespace

Status insert_user(Database& db, User& u) {
  return db.transaction([&]() -> Status {
    long long taken = 0;
    db.sql() << "SELECT COUNT(*) FROM users WHERE username = :u", soci::into(taken),
        soci::use(u.username);
    if (taken > 0)
      return make_error("username_taken", "用户名“" + u.username + "”已被使用，请换一个");
    u.id = db.reserve_ids("users", 1);
    if (u.created_at.empty()) u.created_at = now_utc();
    BulkInsert put(
        db, "users",
        {"county_code", "id", "username", "display_name", "role", "township_code", "village_code",
         "school_code", "class_id", "password_hash", "must_change_password", "failed_logins",
         "locked_until", "disabled", "created_at", "created_by", "password_changed_at"},
        1);
    put.text(u.county).integer(u.id).text(u.username).text(u.display_name).text(u.role);
    put.text(u.township_code).text(u.village_code).text(u.school_code).integer(u.class_id);
    put.text(u.password_hash).integer(u.must_change_password ? 1 : 0).integer(u.failed_logins);
    put.text(u.locked_until).integer(u.disabled ? 1 : 0).text(u.created_at).text(u.created_by);
    put.text(u.password_changed_at);
    return put.end_row();
  });
}

Result<std::optional<User>> find_user(Database& db, const std::string& username) {
  return guarded([&]() -> Result<std::optional<User>> {
    soci::rowset<soci::row> rs = (db.sql().prepare << std::string("SELECT ") + kUserColumns +
                                                          " FROM users WHERE username = :u",
                                  soci::use(username));
    for (const soci::row& r : rs) return std::optional<User>(read_user(r));
    return std::optional<User>();
  });
}

Result<std::optional<User>> user_by_id(Database& db, const std::string& county, long long id) {
  return guarded([&]() -> Result<std::optional<User>> {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << std::string("SELECT ") + kUserColumns +
                                 " FROM users WHERE county_code = :c AND id = :i",
         soci::use(county), soci::use(id));
    for (const soci::row& r : rs) return std::optional<User>(read_user(r));
    return std::optional<User>();
  });
}

Result<std::vector<User>> list_users(Database& db, const std::string& county) {
  return guarded([&]() -> Result<std::vector<User>> {
    std::vector<User> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << std::string("SELECT ") + kUserColumns +
                                 " FROM users WHERE county_code = :c ORDER BY id",
         soci::use(county));
    for (const soci::row& r : rs) out.push_back(read_user(r));
    return out;
  });
}

Status set_password(Database& db, const User& u, const std::string& hash, bool must_change) {
  return guarded([&]() -> Status {
    const std::string at = now_utc();
    const int must = must_change ? 1 : 0;
    db.sql() << "UPDATE users SET password_hash = :h, must_change_password = :m, "
                "password_changed_at = :a, failed_logins = 0, locked_until = NULL WHERE "
                "county_code = :c AND id = :i",
        soci::use(hash), soci::use(must), soci::use(at), soci::use(u.county), soci::use(u.id);
    return {};
  });
}

Result<LoginAttempt> reserve_login_attempt(Database& db, const std::string& county,
                                           long long user_id, int max_failures,
                                           const std::string& now, const std::string& lock_until) {
  LoginAttempt out;
  Status st = db.transaction([&]() -> Status {
    // `before` is the count this attempt adds to: 0 once an earlier lock has ended. Both SET
    // expressions read the row as it was, and the WHERE is re-checked against the newest row
    // when another connection changed it meanwhile (PostgreSQL's row lock; SQLite's write lock,
    // taken by BEGIN IMMEDIATE), so two attempts can never both take the last place.
    const std::string before =
        "(CASE WHEN COALESCE(locked_until, '') = '' THEN failed_logins ELSE 0 END)";
    soci::statement reserve =
        (db.sql().prepare << "UPDATE users SET failed_logins = " + before +
                                 " + 1, locked_until = CASE WHEN " + before +
                                 " + 1 >= :limit1 THEN :until ELSE NULL END WHERE county_code = :c "
                                 "AND id = :i AND disabled = 0 AND ((COALESCE(locked_until, '') = "
                                 "'' AND failed_logins < :limit2) OR (COALESCE(locked_until, '') "
                                 "<> '' AND locked_until <= :now))",
         soci::use(max_failures), soci::use(lock_until), soci::use(county), soci::use(user_id),
         soci::use(max_failures), soci::use(now));
    reserve.execute(true);
    out.reserved = reserve.get_affected_rows() == 1;
    soci::indicator until_ind = soci::i_ok;
    int disabled = 0;
    db.sql() << "SELECT failed_logins, locked_until, disabled FROM users WHERE county_code = :c "
                "AND id = :i",
        soci::into(out.failed_logins), soci::into(out.locked_until, until_ind),
        soci::into(disabled), soci::use(county), soci::use(user_id);
    if (until_ind != soci::i_ok) out.locked_until.clear();
    out.disabled = disabled != 0;
    out.locks = out.reserved && out.failed_logins >= max_failures;
    return {};
  });
  if (!st) return st.error();
  return out;
}

Status reset_login_failures(Database& db, const std::string& county, long long user_id) {
  return guarded([&]() -> Status {
    db.sql() << "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE county_code = :c "
                "AND id = :i",
        soci::use(county), soci::use(user_id);
    return {};
  });
}

Status insert_session(Database& db, const Session& s) {
  return guarded([&]() -> Status {
    BulkInsert put(db, "sessions",
                   {"county_code", "token_digest", "user_id", "csrf_digest", "created_at",
                    "expires_at", "last_seen_at", "address"},
                   1);
    put.text(s.county).text(s.token_digest).integer(s.user_id).text(s.csrf_digest);
    put.text(s.created_at).text(s.expires_at).text(s.last_seen_at).text(s.address);
    return put.end_row();
  });
}

Result<std::optional<Session>> find_session(Database& db, const std::string& token_digest) {
  return guarded([&]() -> Result<std::optional<Session>> {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT county_code, token_digest, csrf_digest, user_id, created_at, "
                             "expires_at, last_seen_at, address FROM sessions WHERE "
                             "token_digest = :t",
         soci::use(token_digest));
    for (const soci::row& r : rs)
      return std::optional<Session>(Session{row_text(r, 0), row_text(r, 1), row_text(r, 2),
                                            row_int(r, 3), row_text(r, 4), row_text(r, 5),
                                            row_text(r, 6), row_text(r, 7)});
    return std::optional<Session>();
  });
}

Status touch_session(Database& db, const Session& s) {
  return guarded([&]() -> Status {
    db.sql() << "UPDATE sessions SET last_seen_at = :l, expires_at = :e WHERE token_digest = :t",
        soci::use(s.last_seen_at), soci::use(s.expires_at), soci::use(s.token_digest);
    return {};
  });
}

Status delete_session(Database& db, const std::string& token_digest) {
  return guarded([&]() -> Status {
    db.sql() << "DELETE FROM sessions WHERE token_digest = :t", soci::use(token_digest);
    return {};
  });
}

Status delete_user_sessions(Database& db, const std::string& county, long long user_id,
                            const std::string& keep_digest) {
  return guarded([&]() -> Status {
    db.sql() << "DELETE FROM sessions WHERE county_code = :c AND user_id = :u AND token_digest "
                "<> :k",
        soci::use(county), soci::use(user_id), soci::use(keep_digest);
    return {};
  });
}

}  // namespace baoxue::store
