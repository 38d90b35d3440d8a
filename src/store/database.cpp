#include "store/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "store/migrations.h"

namespace baoxue::store {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

bool is_postgres_url(const std::string& url) {
  return starts_with(url, "postgresql://") || starts_with(url, "postgres://") ||
         starts_with(url, "dbname=") || starts_with(url, "host=");
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Single-quoted libpq value: backslash and quote escaped.
std::string conninfo_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

}  // namespace

std::string postgres_conninfo(const std::string& url) {
  std::string rest;
  if (starts_with(url, "postgresql://")) {
    rest = url.substr(13);
  } else if (starts_with(url, "postgres://")) {
    rest = url.substr(11);
  } else {
    return url;
  }
  std::string query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest.resize(q);
  }
  std::string dbname;
  if (size_t slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest.resize(slash);
  }
  std::string out;
  auto add = [&](const char* key, const std::string& value) {
    if (!value.empty())
      out += (out.empty() ? "" : " ") + std::string(key) + "=" + conninfo_value(value);
  };
  if (size_t at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const size_t colon = userinfo.find(':');
    add("user", percent_decode(userinfo.substr(0, colon)));
    if (colon != std::string::npos) add("password", percent_decode(userinfo.substr(colon + 1)));
  }
  std::string host = rest, port;
  if (!host.empty() && host[0] == '[') {  // [::1]:5432
    const size_t close = host.find(']');
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : "";
    host = host.substr(1, close - 1);
  } else if (size_t colon = host.rfind(':'); colon != std::string::npos) {
    port = host.substr(colon + 1);
    host.resize(colon);
  }
  add("host", percent_decode(host));
  add("port", port);
  add("dbname", percent_decode(dbname));
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string kv = query.substr(start, end - start);
    if (size_t eq = kv.find('='); eq != std::string::npos)
      add(kv.substr(0, eq).c_str(), percent_decode(kv.substr(eq + 1)));
    start = end + 1;
  }
  return out;
}

Error database_error(const std::exception& e) {
  const std::string what = e.what();
  // SQLite has one writer: a long import or census holds the write lock, and a write that waited
  // out the busy timeout is a "try again", not a fault.
  if (what.find("database is locked") != std::string::npos ||
      what.find("database is busy") != std::string::npos)
    return make_error("database_busy",
                      "数据库正忙（可能正在导入大名单或运行比对），请稍后重试：" + what);
  return make_error("database_error", std::string("数据库操作失败：") + what);
}

namespace {
thread_local std::string history_at;  // HistoryClock's instant, or empty
}  // namespace

HistoryClock::HistoryClock(std::string at) : previous_(history_at) { history_at = std::move(at); }
HistoryClock::~HistoryClock() { history_at = previous_; }

std::string now_utc(std::chrono::seconds from_now) {
  if (!history_at.empty() && from_now.count() == 0) return history_at;
  const std::time_t t =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + from_now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::unique_ptr<Database>> Database::open(const std::string& url) {
  const bool pg = is_postgres_url(url);
  std::unique_ptr<Database> db(new Database(pg ? Engine::kPostgres : Engine::kSqlite));
  db->url_ = url;
  if (!pg) {  // one queue of writers per database file in this process
    static std::mutex registry_mutex;
    static std::unordered_map<std::string, std::weak_ptr<std::timed_mutex>> registry;
    std::lock_guard<std::mutex> lock(registry_mutex);
    auto& slot = registry[url];
    db->writers_ = slot.lock();
    if (!db->writers_) {
      db->writers_ = std::make_shared<std::timed_mutex>();
      slot = db->writers_;
    }
  }
  try {
    if (pg) {
      db->sql_.open(soci::postgresql, postgres_conninfo(url));
      db->sql_ << "SET client_min_messages TO WARNING";
    } else {
      const std::string path = starts_with(url, "sqlite:") ? url.substr(7) : url;
      // SOCI reads "db=… timeout=…" pairs; quoting keeps paths with spaces intact.
      db->sql_.open(soci::sqlite3, "db=\"" + path + "\" timeout=30");
      // WAL lets readers work during an import; FULL makes a committed batch survive power loss.
      db->sql_ << "PRAGMA journal_mode = WAL";
      db->sql_ << "PRAGMA synchronous = FULL";
      db->sql_ << "PRAGMA foreign_keys = ON";
      // A bounded page cache large enough that a big import batch does not spill pages to the
      // WAL again and again (the default 2 MiB made a 200,000-row import several times slower).
      db->sql_ << "PRAGMA cache_size = -65536";  // KiB
      // Sorts and GROUP BYs over a million-row batch (duplicates in the file, the merge) spill
      // to temporary files: kept in memory they took a 1.3M-row import to 990 MB (182 MB so).
      db->sql_ << "PRAGMA temp_store = FILE";
    }
  } catch (const std::exception& e) {
    return make_error("db_open_failed",
                      "无法打开数据库 " + url + "：" + e.what() +
                          "。请检查路径是否可写，或 PostgreSQL 地址、用户名和密码是否正确");
  }
  if (Status st = db->migrate(); !st) return st.error();
  return db;
}

int Database::schema_version() {
  int version = 0;
  soci::indicator ind;
  sql_ << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

Status Database::migrate() {
  try {
    sql_ << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    const int current = schema_version();
    for (const Migration& m : migrations()) {
      if (m.version <= current) continue;
      Status st = transaction([&]() -> Status {
        for (const std::string& stmt : m.statements) sql_ << stmt;
        sql_ << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
            soci::use(m.version), soci::use(m.name), soci::use(now_utc());
        return {};
      });
      if (!st) {
        return make_error("db_migration_failed", "数据库结构升级到第 " + std::to_string(m.version) +
                                                     " 版失败：" + st.error().message);
      }
    }
  } catch (const std::exception& e) {
    return database_error(e);
  }
  return {};
}

void Database::set_busy_timeout(std::chrono::milliseconds timeout) {
  busy_timeout_ = timeout;
  if (engine_ == Engine::kSqlite)
    sql_ << "PRAGMA busy_timeout = " + std::to_string(timeout.count());
}

void Database::set_cache_kib(long kib) {
  if (engine_ == Engine::kSqlite) sql_ << "PRAGMA cache_size = -" + std::to_string(kib);
}

void Database::refresh_statistics(const std::string& table) {
  if (engine_ == Engine::kPostgres) sql_ << "ANALYZE " + table;
}

long long Database::reserve_ids(const std::string& sequence, long long n) {
  // Update first: the row lock (PostgreSQL) or the write lock (SQLite) then serialises two
  // writers, so no id is handed out twice.
  soci::statement bump = (sql_.prepare << "UPDATE id_sequences SET next_id = next_id + :n "
                                          "WHERE name = :s",
                          soci::use(n), soci::use(sequence));
  bump.execute(true);
  if (bump.get_affected_rows() == 0) {
    sql_ << "INSERT INTO id_sequences (name, next_id) VALUES (:s, :v)", soci::use(sequence),
        soci::use(1 + n);
    return 1;
  }
  long long next = 0;
  sql_ << "SELECT next_id FROM id_sequences WHERE name = :s", soci::into(next), soci::use(sequence);
  return next - n;
}

}  // namespace baoxue::store
