// The HTTP server: the JSON API under /api, the built web app, and /healthz. RESTinio's I/O runs
// on its own threads; every handler that touches the database runs on a worker pool, each
// worker with its own connection (a SOCI session is not shared between threads); long work runs
// as jobs on their own threads. SIGINT and SIGTERM stop accepting, refuse new requests with 503,
// let the ones in flight finish (or stop a job at its next safe point), and return within a few
// seconds at any load.
#pragma once

#include <chrono>
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
  std::string data_dir;  // evidence files, uploads, error workbooks, exports
  // The largest list file an import accepts; larger uploads are refused (413) before a byte of
  // them is read. Every other route has its own small limit (api::RouteInfo::max_body).
  std::uint64_t max_upload_bytes = 200ull << 20;
  // Served over HTTPS (or behind a proxy that terminates it): the session cookie is Secure.
  bool secure_cookie = false;
  // Behind a reverse proxy: take the client's address from X-Forwarded-For and HTTPS from
  // X-Forwarded-Proto (only when the proxy is the only way in).
  bool trust_proxy = false;
  // A request that waited longer than this for a worker is answered 503 without being
  // computed: under a flood its client has given up, and computing it would only delay the
  // requests behind it.
  std::chrono::milliseconds max_queue_wait{5000};
};

// Blocks until SIGINT or SIGTERM. Errors: the database cannot be opened, the port is taken.
Status serve(const ServerOptions& options);

}  // namespace baoxue::http
