// A throw-away PostgreSQL server for tests: initdb into a temp dir, start on a free loopback
// port, stop and delete on destruction. initdb refuses to run as root, so as root the server
// runs as the `postgres` system user.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"

namespace baoxue::testing {

class PostgresServer {
 public:
  static Result<std::unique_ptr<PostgresServer>> start();
  ~PostgresServer();

  int port() const { return port_; }
  // A fresh, empty database on this server; returns its URL.
  Result<std::string> create_database(const std::string& name);

 private:
  PostgresServer() = default;
  std::string dir_, bin_, run_as_;
  int port_ = 0;
};

// The process-wide server, started on first use; every test binary that needs PostgreSQL shares
// one. Fails (never skips) when PostgreSQL cannot be started: a missing engine is a broken setup.
Result<std::string> fresh_postgres_database();

}  // namespace baoxue::testing
