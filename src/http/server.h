// The HTTP server: the JSON API under /api and /healthz. RESTinio's I/O runs on its own threads;
// every handler that touches the database runs on a worker pool, each worker with its own
// connection (a SOCI session is not shared between threads). SIGINT and SIGTERM stop accepting,
// let the requests in flight finish, and return.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"

namespace baoxue::http {

struct ServerOptions {
  std::string db_url = "baoxue.db";
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  int workers = 2;       // database threads
  std::string web_root;  // the built web app (web/dist); empty: API only
  std::string data_dir;  // evidence files, uploads, error workbooks
};

// Uploads larger than this are refused before they are read: a county's whole household
// registry as CSV is well under it.
inline constexpr std::uint64_t kMaxBodyBytes = 512ull << 20;

// Blocks until SIGINT or SIGTERM. Errors: the database cannot be opened, the port is taken.
Status serve(const ServerOptions& options);

}  // namespace baoxue::http
