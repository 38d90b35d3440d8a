// The JSON API (docs/api.md) without the transport: a request in, a response out. The HTTP
// server (src/http) only translates; everything a route does — who is signed in, CSRF, the
// user's scope, masking, the audit log — happens here, where tests can call it directly.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/audit_repository.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace baoxue::auth {
class SessionCache;
}
namespace baoxue::ledger {
class RunLedgers;
}
namespace baoxue::risk {
class ModelCache;
}
namespace baoxue::jobs {
class JobRunner;
}

namespace baoxue::api {

struct Request {
  std::string method;                        // GET | POST | PUT | DELETE
  std::string path;                          // "/api/children/12", without the query
  std::map<std::string, std::string> query;  // decoded
  // The body as received (the server's buffer: a 200 MB upload is not copied); it must outlive
  // the call to handle().
  std::string_view body;
  std::string session_token;  // the baoxue_session cookie
  std::string csrf;           // X-CSRF-Token
  std::string file_name;      // X-File-Name, decoded
  std::string address;        // the client's IP address
  bool https = false;         // came over HTTPS (or through a trusted proxy that says so)
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string set_cookie;
  std::string attachment;    // a download: its file name (Content-Disposition)
  bool inline_file = false;  // show it in the browser (an evidence photo) rather than download
  std::string file;          // a file on disk to send as the body (large downloads), or empty
  // With Options::defer_audit: the audit entries the caller must write, and see committed,
  // before it sends the response (a full view is shown only once it is on file).
  std::vector<store::AuditEntry> audit;
};

// Body limits: sign-in and other small JSON, JSON generally, one evidence file. An import's
// limit is Options::max_upload (a server option).
inline constexpr std::size_t kSmallBody = 8 * 1024;
inline constexpr std::size_t kJsonBody = 1024 * 1024;
inline constexpr std::size_t kEvidenceBody = 10 * 1024 * 1024;
inline constexpr std::size_t kDefaultUploadBody = 200 * 1024 * 1024;

struct Options {
  std::string data_dir = "baoxue-files";  // evidence/ and uploads/ beneath
  // The server's caches: sessions resumed a moment ago (null: every request reads the database),
  // and audit entries handed back in Response::audit for a group commit instead of one commit each.
  auth::SessionCache* sessions = nullptr;
  bool defer_audit = false;
  // The latest run's 适龄儿童台账 in memory (null: lists and searches query the database).
  ledger::RunLedgers* ledgers = nullptr;
  // Long work (imports, census runs, mass dispatch, exports) runs as jobs on this runner (null:
  // the work runs within the request, and the answer is the finished job).
  jobs::JobRunner* jobs = nullptr;
  // Answers kept per county and scope for expensive read-only views (the dashboard), valid
  // until the county's data changes through this server, or a few seconds for changes made
  // elsewhere (null: computed every time).
  class ViewCache* views = nullptr;
  // The at-risk roll's county models kept for the day (risk/roll.h; null: fitted per request).
  risk::ModelCache* risk_models = nullptr;
  // Sets `Secure` on the session cookie: the server is reached over HTTPS (directly or behind
  // a proxy that terminates TLS).
  bool secure_cookie = false;
  // The largest list file an import accepts (routes with max_body 0).
  std::size_t max_upload = kDefaultUploadBody;
};

// The cache behind Options::views. Thread-safe.
class ViewCache {
 public:
  explicit ViewCache(std::chrono::steady_clock::duration fresh = std::chrono::seconds(5))
      : fresh_(fresh) {}
  // The kept body for `key` if still valid.
  std::optional<std::string> find(const std::string& county, const std::string& key);
  void put(const std::string& county, const std::string& key, std::string body);
  // The county's data changed (any successful write through this server).
  void changed(const std::string& county);

 private:
  struct Kept {
    std::string body;
    long long version;
    std::chrono::steady_clock::time_point at;
  };
  std::chrono::steady_clock::duration fresh_;
  std::mutex mutex_;
  std::map<std::string, long long> versions_;                 // by county
  std::map<std::pair<std::string, std::string>, Kept> kept_;  // by county and key
};

Response handle(store::Database& db, const Options& options, const Request& request);
// What a caller sends instead when a response's audit entries could not be written: an error,
// and nothing of what was to be shown.
Response audit_failed(const Error& e);

// Export files are kept a day (the clerk downloads his at once): removes older ones and forgets
// them in their jobs. Run at start-up and before each export.
void remove_old_exports(store::Database& db);

// Every route, for tests that must visit them all.
struct RouteInfo {
  std::string method, pattern;  // "/api/children/{id}"
  bool signed_in = true;
  std::size_t max_body = 0;  // the largest body the route reads, in bytes; 0: max_upload
};
// The route a request would reach (for the server to refuse an oversized body before reading
// it), or nullptr.
const RouteInfo* find_route(const std::string& method, const std::string& path);

std::vector<RouteInfo> route_table();

}  // namespace baoxue::api
