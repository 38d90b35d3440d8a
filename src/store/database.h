// Database: one connection to the county's store, SQLite (embedded, the default) or PostgreSQL
// (real deployments), behind one SOCI session so that every repository has a single code path.
#pragma once

#include <memory>
#include <string>

#include <soci/soci.h>

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
  soci::session& sql() { return sql_; }
  int schema_version();

  // Runs f() in a transaction: committed when f returns ok, rolled back when it fails or throws.
  // A database exception becomes an Error, so nothing thrown by SOCI crosses a module border.
  template <typename F>
  Status transaction(F&& f);

  // Reserves `n` consecutive ids for `sequence` ("persons", …) and returns the first. Must be
  // called inside a transaction. Application-assigned ids let bulk loads skip a round trip per
  // row and work the same on both engines.
  long long reserve_ids(const std::string& sequence, long long n);

 private:
  explicit Database(Engine engine) : engine_(engine) {}
  Status migrate();
  Engine engine_;
  soci::session sql_;
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

// UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" for *_at columns.
std::string now_utc();

template <typename F>
Status Database::transaction(F&& f) {
  try {
    soci::transaction tx(sql_);
    Status st = f();
    if (!st) {
      tx.rollback();
      return st;
    }
    tx.commit();
    return {};
  } catch (const std::exception& e) {
    return database_error(e);
  }
}

}  // namespace baoxue::store
