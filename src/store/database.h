// Database: one connection to the county's store, SQLite (embedded, the default) or PostgreSQL
// (real deployments), behind one SOCI session so that every repository has a single code path.
#pragma once

#include <soci/soci.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/result.h"

namespace baoxue::store {

enum class Engine { kSqlite, kPostgres };

class Database {
 public:
  // `url`: "postgresql://user@host:port/db" (or "postgres://…", or a libpq "key=value" string
  // starting with "dbname="/"host="), "sqlite:PATH", or a plain file path for SQLite.
  // Opening applies pending migrations, so a caller always sees the current schema.
  static Result<std::unique_ptr<Database>> open(const std::string& url);

  Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }  // as opened: tells databases apart
  soci::session& sql() { return sql_; }
  int schema_version();

  // Runs f() in a transaction: committed when f returns ok, rolled back when it fails or throws.
  // A database exception becomes an Error, so nothing thrown by SOCI crosses a module border.
  // Nested calls join the outermost transaction, so several repository calls can be made atomic
  // together (an import batch, the demo county); the outermost decides commit or rollback.
  template <typename F>
  Status transaction(F&& f);

  // Reserves `n` consecutive ids for `sequence` ("persons", …) and returns the first. Must be
  // called inside a transaction. Application-assigned ids let bulk loads skip a round trip per
  // row and work the same on both engines.
  long long reserve_ids(const std::string& sequence, long long n);

  // How long a write waits for SQLite's write lock before failing with database_busy (30 s by
  // default: imports and jobs wait their turn; the server's request workers wait a few seconds
  // only, so that a clerk gets "busy, try again" rather than a dropped connection). No effect on
  // PostgreSQL, whose writers lock rows, not the database.
  void set_busy_timeout(std::chrono::milliseconds timeout);
  // SQLite's page cache for this connection (64 MiB by default, for bulk imports). A server keeps
  // several connections; those that answer requests need far less. No effect on PostgreSQL.
  void set_cache_kib(long kib);

  // After a bulk load into `table`, before rows that reference it: PostgreSQL plans foreign-key
  // checks once, and a plan made while the table looked empty scans the whole county per row
  // (measured: 700 s instead of seconds for the demo county). ANALYZE also invalidates such
  // cached plans. SQLite needs nothing.
  void refresh_statistics(const std::string& table);

  // A statement kept prepared on this connection together with the variables it binds, for
  // the few queries a server runs thousands of times a second: on SQLite, preparing is most of
  // the cost of a small query. `make(sql())` builds the T (which prepares its statement) the
  // first time `key` is asked for; the caller sets T's inputs, executes and fetches.
  template <typename T, typename Make>
  T& kept(const std::string& key, Make&& make);
  // Drops a kept statement (after it failed: it is prepared afresh next time).
  void forget_kept(const std::string& key) { kept_.erase(key); }

 private:
  explicit Database(Engine engine) : engine_(engine) {}
  Status migrate();
  Engine engine_;
  std::string url_;
  // SQLite: the connections of this process to the same file take turns to write here, each woken
  // as soon as the writer before it is done, instead of in SQLite's busy handler, which sleeps
  // and retries (tens of milliseconds at a time once several writers queue: the tail latency of a
  // morning's roll calls).
  // Another process (an import from the command line) still meets SQLite's own lock.
  std::shared_ptr<std::timed_mutex> writers_;
  std::chrono::milliseconds busy_timeout_{30000};
  int depth_ = 0;  // nesting of transaction()
  soci::session sql_;
  std::unordered_map<std::string, std::shared_ptr<void>> kept_;  // after sql_: destroyed first
};

// libpq "key=value" form of a "postgresql://user:password@host:port/db?k=v" URI (SOCI 4.0 passes
// the string through its own key=value parser, which does not understand URIs). A string that is
// already in key=value form is returned unchanged.
std::string postgres_conninfo(const std::string& url);

// Turns whatever a database call threw into an Error with a readable message.
Error database_error(const std::exception& e);

// Runs f() and turns a database exception into an Error: the one place a SOCI exception stops.
template <typename F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return database_error(e);
  }
}

// UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" for *_at columns: now, or `from_now` later (a lock's or a
// session's end).
std::string now_utc(std::chrono::seconds from_now = std::chrono::seconds{0});

// While one lives, now_utc on this thread says `at` instead of the clock: the demo county writes
// weeks of history through the same workflow a user goes through, each step stamped with the day
// it happened. Nothing that serves users creates one.
class HistoryClock {
 public:
  explicit HistoryClock(std::string at);
  ~HistoryClock();
  HistoryClock(const HistoryClock&) = delete;
  HistoryClock& operator=(const HistoryClock&) = delete;

 private:
  std::string previous_;
};

template <typename T, typename Make>
T& Database::kept(const std::string& key, Make&& make) {
  auto it = kept_.find(key);
  if (it == kept_.end()) it = kept_.emplace(key, std::shared_ptr<T>(make(sql_))).first;
  return *static_cast<T*>(it->second.get());
}

template <typename F>
Status Database::transaction(F&& f) {
  if (depth_ > 0) {  // joined: the outermost call commits or rolls back
    ++depth_;
    Status st = guarded([&]() -> Status { return f(); });
    --depth_;
    return st;
  }
  // SQLite: BEGIN IMMEDIATE takes the write lock at once. A deferred transaction that reads
  // first and writes later fails outright (SQLITE_BUSY, no waiting) when another connection — a
  // second server worker — wrote meanwhile; an immediate one waits its turn (busy timeout).
  const bool sqlite = engine() == Engine::kSqlite;
  std::unique_lock<std::timed_mutex> turn;
  if (sqlite && writers_) {
    turn = std::unique_lock<std::timed_mutex>(*writers_, std::defer_lock);
    if (!turn.try_lock_for(busy_timeout_))
      return make_error("database_busy", "数据库正忙（可能正在导入大名单或运行比对），请稍后重试");
  }
  std::optional<soci::transaction> tx;
  bool open = false;  // a SQLite transaction this call began and has not ended
  try {
    if (sqlite) {
      sql_ << "BEGIN IMMEDIATE";
      open = true;
    } else {
      tx.emplace(sql_);
    }
    depth_ = 1;
    Status st = f();
    depth_ = 0;
    if (!st) {
      if (sqlite) {
        open = false;
        sql_ << "ROLLBACK";
      } else {
        tx->rollback();
      }
      return st;
    }
    if (sqlite) {
      sql_ << "COMMIT";
      open = false;
    } else {
      tx->commit();
    }
    return {};
  } catch (const std::exception& e) {
    if (open) {
      try {
        sql_ << "ROLLBACK";
      } catch (const std::exception&) {  // nothing was begun, or it is gone already
      }
    }
    depth_ = 0;
    return database_error(e);
  }
}

}  // namespace baoxue::store
