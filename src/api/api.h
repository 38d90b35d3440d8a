// The JSON API (docs/api.md) without the transport: a request in, a response out. The HTTP
// server (src/http) only translates; everything a route does — who is signed in, CSRF, the
// user's scope, masking, the audit log — happens here, where tests can call it directly.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/user_repository.h"

namespace baoxue::auth {
class SessionCache;
}
namespace baoxue::ledger {
class RunLedgers;
}

namespace baoxue::api {

struct Request {
  std::string method;                        // GET | POST | PUT | DELETE
  std::string path;                          // "/api/children/12", without the query
  std::map<std::string, std::string> query;  // decoded
  std::string body;
  std::string session_token;  // the baoxue_session cookie
  std::string csrf;           // X-CSRF-Token
  std::string file_name;      // X-File-Name, decoded
  std::string address;        // the client's IP address
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string set_cookie;
  std::string attachment;  // a download: its file name (Content-Disposition)
  // With Options::defer_audit: the audit entries the caller must write, and see committed,
  // before it sends the response (a full view is shown only once it is on file).
  std::vector<store::AuditEntry> audit;
};

struct Options {
  std::string data_dir = "baoxue-files";  // evidence/ and uploads/ beneath
  // The server's caches: sessions resumed a moment ago (null: every request reads the database),
  // and audit entries handed back in Response::audit for a group commit instead of one commit each.
  auth::SessionCache* sessions = nullptr;
  bool defer_audit = false;
  // The latest run's 适龄儿童台账 in memory (null: lists and searches query the database).
  ledger::RunLedgers* ledgers = nullptr;
};

Response handle(store::Database& db, const Options& options, const Request& request);
// What a caller sends instead when a response's audit entries could not be written: an error,
// and nothing of what was to be shown.
Response audit_failed(const Error& e);

// Every route, for tests that must visit them all.
struct RouteInfo {
  std::string method, pattern;  // "/api/children/{id}"
  bool signed_in = true;
};
std::vector<RouteInfo> route_table();

}  // namespace baoxue::api
