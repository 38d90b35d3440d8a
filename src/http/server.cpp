#include "http/server.h"

#include <asio.hpp>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <thread>
#include <unordered_set>

#include "api/api.h"
#include "api/audit_writer.h"
#include "auth/session_cache.h"
#include "http/early_limits.h"
#include "jobs/job_runner.h"
#include "ledger/run_ledger.h"
#include "risk/roll.h"
#include "store/county_repository.h"
#include "store/database.h"
#include "store/job_repository.h"

namespace baoxue::http {
namespace {

using Router = restinio::router::express_router_t<>;
using Request = restinio::request_handle_t;

// The connections that are open now, as RESTinio reports them: a request whose client has gone
// (wrk timing out under a flood, a closed browser tab) is dropped by the worker that takes it,
// not computed for nobody.
class OpenConnections {
 public:
  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    const auto cause = notice.cause();
    std::lock_guard lock(mutex_);
    if (restinio::holds_alternative<restinio::connection_state::accepted_t>(cause))
      open_.insert(notice.connection_id());
    else
      open_.erase(notice.connection_id());
  }
  bool is_open(restinio::connection_id_t id) const {
    std::lock_guard lock(mutex_);
    return open_.count(id) != 0;
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_set<restinio::connection_id_t> open_;
};

struct Traits : restinio::default_traits_t {
  using request_handler_t = Router;
  using connection_state_listener_t = OpenConnections;
};

constexpr const char* kCookie = "baoxue_session";

// One database connection per worker thread, opened on first use.
store::Database* worker_db(const std::string& url, baoxue::Error& error) {
  thread_local std::unique_ptr<store::Database> db;
  if (!db) {
    auto opened = store::Database::open(url);
    if (!opened) {
      error = opened.error();
      return nullptr;
    }
    db = std::move(opened.value());
    // A request never waits long for SQLite's write lock (a long import holds it): it answers
    // "busy, try again" (503) well before RESTinio's 10 s handling limit would drop it.
    db->set_busy_timeout(std::chrono::seconds(4));
    db->set_cache_kib(8 * 1024);  // requests read pages, they do not bulk-load
  }
  return db.get();
}

// The value of one cookie in the Cookie header, or empty.
std::string cookie_value(const Request& req, std::string_view name) {
  const auto header = req->header().get_field_or(restinio::http_field::cookie, "");
  std::string_view rest = header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view part = rest.substr(0, end);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return "";
}

std::string percent_decoded(std::string_view text) {
  try {
    return restinio::utils::unescape_percent_encoding(text);
  } catch (const std::exception&) {
    return std::string(text);
  }
}

// RFC 5987, so that a Chinese file name survives: filename*=UTF-8''…
std::string content_disposition(const std::string& name, bool inline_file) {
  std::string encoded;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += hex[c >> 4];
      encoded += hex[c & 15];
    }
  }
  return std::string(inline_file ? "inline" : "attachment") +
         "; filename=\"download\"; filename*=UTF-8''" + encoded;
}

const char* reason_of(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return status >= 500 ? "Internal Server Error" : "Error";
  }
}

// Headers every answer carries: no caching of personal data, no sniffing, no framing.
template <typename Builder>
void common_headers(Builder& r) {
  r.append_header(restinio::http_field::cache_control, "no-store");
  r.append_header("X-Content-Type-Options", "nosniff");
  r.append_header("X-Frame-Options", "DENY");
  r.append_header("Referrer-Policy", "same-origin");
}

void send(const Request& req, const api::Response& out) {
  auto r = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)}, reason_of(out.status)});
  r.append_header(restinio::http_field::content_type, out.content_type);
  common_headers(r);
  if (!out.set_cookie.empty()) r.append_header(restinio::http_field::set_cookie, out.set_cookie);
  if (!out.attachment.empty())
    r.append_header(restinio::http_field::content_disposition,
                    content_disposition(out.attachment, out.inline_file));
  if (!out.file.empty()) {
    try {
      r.set_body(restinio::sendfile(out.file));
    } catch (const std::exception& e) {
      std::cerr << "download " << out.file << ": " << e.what() << std::endl;
      auto gone = req->create_response(restinio::status_not_found());
      gone.append_header(restinio::http_field::content_type, "application/json; charset=utf-8");
      gone.set_body(R"({"code":"not_found","message":"文件已不存在，请重新导出"})");
      gone.done();
      return;
    }
  } else {
    r.set_body(out.body);
  }
  r.done();
}

// An answer made on the I/O thread (refusals, a stopping server), closing the connection when
// the request's body was never read.
void refuse(const Request& req, int status, const std::string& code, const std::string& message,
            bool close) {
  auto r = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, reason_of(status)});
  r.append_header(restinio::http_field::content_type, "application/json; charset=utf-8");
  common_headers(r);
  if (close) r.connection_close();
  r.set_body(nlohmann::json{{"code", code}, {"message", message}}.dump());
  r.done();
}

const char* static_type(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"}};
  for (const auto& [ext, type] : kTypes)
    if (path.size() >= std::strlen(ext) &&
        path.compare(path.size() - std::strlen(ext), std::string::npos, ext) == 0)
      return type;
  return "application/octet-stream";
}

// The web app's pages may load only this server's scripts, styles, images and fonts (Element
// Plus sets inline styles; no inline script is needed), and may not be framed.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

class Server {
 public:
  explicit Server(ServerOptions options)
      : options_(std::move(options)),
        audit_(options_.db_url),
        jobs_(options_.db_url),
        pool_(options_.workers) {
    api_options_.data_dir = options_.data_dir;
    api_options_.sessions = &sessions_;
    api_options_.defer_audit = true;
    api_options_.ledgers = &ledgers_;
    api_options_.jobs = &jobs_;
    api_options_.views = &views_;
    api_options_.risk_models = &risk_models_;
    api_options_.secure_cookie = options_.secure_cookie;
    api_options_.max_upload = options_.max_upload_bytes;
  }

  // Loads each county's latest ledger on a worker while the server starts listening, so that
  // the first list after a restart does not wait for it; fails jobs a previous process left
  // unfinished; drops export files past their day.
  void warm_up() {
    asio::post(pool_, [this] {
      baoxue::Error error;
      store::Database* db = worker_db(options_.db_url, error);
      if (db == nullptr) return;
      (void)store::fail_unfinished_jobs(
          *db, "服务在任务进行中重启，任务已中断，未写入任何内容，请重新发起");
      api::remove_old_exports(*db);
      auto counties = store::list_counties(*db);
      if (!counties) return;
      for (const auto& county : counties.value()) {
        auto run = ledgers_.latest_run(*db, county.code);
        if (run && *run != 0) (void)ledgers_.get(*db, county.code, *run);
      }
    });
  }

  std::unique_ptr<Router> routes() {
    auto router = std::make_unique<Router>();
    router->http_get("/healthz",
                     [](auto req, auto) { return req->create_response().set_body("ok").done(); });
    router->non_matched_request_handler([this](auto req) {
      if (req->header().has_field(kRefusedField)) return refused(req);
      const std::string path(req->header().path());
      if (path.rfind("/api/", 0) == 0 || path == "/api") return on_worker(req);
      return static_file(req, path);
    });
    return router;
  }

  // The largest body a route takes, for the parser to refuse more before reading it.
  std::size_t max_body(int method, std::string_view path) const {
    const auto* route =
        api::find_route(http_method_str(static_cast<http_method>(method)), std::string(path));
    if (route == nullptr) return api::kSmallBody;
    return route->max_body ? route->max_body : options_.max_upload_bytes;
  }

  // SIGTERM: no new API work; requests queued and not yet started are answered 503 (retry);
  // the ones being answered finish (or, past the grace, are left to the closing connections); jobs
  // stop at their next safe point. Returns whether every job stopped (if not, the process must exit
  // without waiting for them).
  bool drain(std::chrono::steady_clock::time_point deadline) {
    stopping_ = true;
    {
      std::unique_lock lock(flight_mutex_);
      flight_done_.wait_until(lock, deadline - std::chrono::milliseconds(1500),
                              [&] { return in_flight_ == 0; });
    }
    // Requests still queued past the grace were never started: they are dropped (their
    // connections close with the process) rather than run one by one after the I/O stops.
    abandoned_ = true;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now() - std::chrono::milliseconds(500));
    return jobs_.stop(std::max(left, std::chrono::milliseconds(0)));
  }

  // After the I/O threads stopped: the workers finish what they hold (their answers go nowhere).
  void stop_workers() { pool_.join(); }

  std::shared_ptr<OpenConnections> connections() const { return connections_; }

 private:
  api::Request to_api(const Request& req) const {
    api::Request r;
    r.method = req->header().method().c_str();
    r.path = std::string(req->header().path());
    try {
      for (const auto& [key, value] : restinio::parse_query(req->header().query()))
        r.query[std::string(key)] = std::string(value);
    } catch (const std::exception&) {  // a malformed query string is answered as an empty one
    }
    r.body = req->body();
    r.session_token = cookie_value(req, kCookie);
    r.csrf = req->header().get_field_or("X-CSRF-Token", "");
    r.file_name = percent_decoded(req->header().get_field_or("X-File-Name", ""));
    r.address = req->remote_endpoint().address().to_string();
    if (options_.trust_proxy) {
      const std::string forwarded = req->header().get_field_or("X-Forwarded-For", "");
      if (!forwarded.empty()) r.address = forwarded.substr(0, forwarded.find(','));
      r.https = req->header().get_field_or("X-Forwarded-Proto", "") == "https";
    }
    return r;
  }

  restinio::request_handling_status_t refused(const Request& req) {
    const std::string why = req->header().get_field(kRefusedField);
    if (why == "414")
      refuse(req, 414, "uri_too_long", "请求地址过长（最多 8 KB），请减少查询条件", true);
    else if (why == "431")
      refuse(req, 431, "headers_too_large", "请求头过大（最多 32 KB），请清除浏览器 Cookie 后重试",
             true);
    else
      refuse(req, 413, "body_too_large",
             "上传内容过大：此操作最多接受 " + why.substr(4) + " 字节，未读取内容", true);
    return restinio::request_accepted();
  }

  void done_one() {
    std::lock_guard lock(flight_mutex_);
    if (--in_flight_ == 0) flight_done_.notify_all();
  }

  // The API on a worker with its connection; the I/O thread goes back to its sockets at once.
  restinio::request_handling_status_t on_worker(const Request& req) {
    if (stopping_) {
      refuse(req, 503, "server_stopping", "服务正在停止，请稍后重试", false);
      return restinio::request_accepted();
    }
    {
      std::lock_guard lock(flight_mutex_);
      ++in_flight_;
    }
    const auto arrived = std::chrono::steady_clock::now();
    asio::post(pool_, [this, req, arrived] {
      if (abandoned_ || !connections_->is_open(req->connection_id()))
        return done_one();  // nobody to answer, or the server is past its stopping grace
      if (stopping_) {      // queued before SIGTERM and not started: the client is told to retry
        refuse(req, 503, "server_stopping", "服务正在停止，请稍后重试", false);
        return done_one();
      }
      if (std::chrono::steady_clock::now() - arrived > options_.max_queue_wait) {
        refuse(req, 503, "server_busy", "服务器繁忙，请稍后重试", false);
        return done_one();
      }
      baoxue::Error error;
      store::Database* db = worker_db(options_.db_url, error);
      if (db == nullptr) {
        std::cerr << "database: " << error.message << std::endl;
        refuse(req, 500, error.code, "数据库暂时无法连接，请稍后重试", false);
        return done_one();
      }
      api::Response out = api::handle(*db, api_options_, to_api(req));
      if (out.audit.empty()) {
        send(req, out);
        return done_one();
      }
      // Sent once its audit entries are committed, together with other requests' entries.
      std::vector<store::AuditEntry> entries = std::move(out.audit);
      audit_.submit(std::move(entries), [this, req, out = std::move(out)](const Status& st) {
        send(req, st ? out : api::audit_failed(st.error()));
        done_one();
      });
    });
    return restinio::request_accepted();
  }

  // The built web app. Paths with ".." never leave the root; unknown paths get index.html (the
  // app routes in the browser).
  restinio::request_handling_status_t static_file(const Request& req, const std::string& path) {
    if (req->header().method() != restinio::http_method_get() &&
        req->header().method() != restinio::http_method_head())
      return req->create_response(restinio::status_not_found()).done();
    std::string file = path == "/" ? "/index.html" : path;
    if (file.find("..") != std::string::npos || options_.web_root.empty())
      return req->create_response(restinio::status_not_found()).done();
    std::string full = options_.web_root + file;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(full, ec)) full = options_.web_root + "/index.html";
    if (!std::filesystem::is_regular_file(full, ec))
      return req->create_response(restinio::status_not_found())
          .append_header(restinio::http_field::content_type, "text/plain; charset=utf-8")
          .set_body("网页文件未构建（web/dist）。请运行 scripts/build.sh。")
          .done();
    const bool hashed = file.rfind("/assets/", 0) == 0;  // Vite names them by content
    return req->create_response()
        .append_header(restinio::http_field::content_type, static_type(full))
        .append_header(restinio::http_field::cache_control,
                       hashed ? "public, max-age=31536000, immutable" : "no-cache")
        .append_header("X-Content-Type-Options", "nosniff")
        .append_header("X-Frame-Options", "DENY")
        .append_header("Referrer-Policy", "same-origin")
        .append_header("Content-Security-Policy", kContentSecurityPolicy)
        .set_body(restinio::sendfile(full))
        .done();
  }

  ServerOptions options_;
  std::shared_ptr<OpenConnections> connections_ = std::make_shared<OpenConnections>();
  api::Options api_options_;
  auth::SessionCache sessions_;
  ledger::RunLedgers ledgers_;
  api::ViewCache views_;
  risk::ModelCache risk_models_;
  api::AuditWriter audit_;  // destroyed after the pool: the workers' last entries are written
  jobs::JobRunner jobs_;
  asio::thread_pool pool_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> abandoned_{false};
  std::mutex flight_mutex_;
  std::condition_variable flight_done_;
  long in_flight_ = 0;  // API requests taken and not yet answered
};

}  // namespace

Status serve(const ServerOptions& options) {
  // A client that goes away while a file is sent to it (sendfile) must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  // Fail early and clearly when the database cannot be opened (and apply migrations once).
  if (auto db = store::Database::open(options.db_url); !db) return db.error();

  Server api(options);
  EarlyLimits limits;
  limits.max_body = [&api](int method, std::string_view path) {
    return api.max_body(method, path);
  };
  install_early_limits(std::move(limits));
  api.warm_up();
  asio::io_context io;
  using HttpServer = restinio::http_server_t<Traits>;
  HttpServer server{
      restinio::external_io_context(io),
      restinio::server_settings_t<Traits>{}
          .port(options.port)
          .address(options.bind)
          .incoming_http_msg_limits(
              restinio::incoming_http_msg_limits_t{}.max_body_size(options.max_upload_bytes))
          .connection_state_listener(api.connections())
          .request_handler(api.routes())};
  std::string failure;
  std::atomic<bool> all_jobs_stopped{true};
  std::thread stopper;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    // Stop accepting at once; drain off the I/O threads, which must keep writing answers.
    server.close_async([] {}, [](std::exception_ptr) {});
    stopper = std::thread([&] {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(4000);
      all_jobs_stopped = api.drain(deadline);
      asio::post(io, [&io] { io.stop(); });
    });
  });
  server.open_async(
      [&] {
        std::cout << "保学服务已启动：http://" << options.bind << ":" << options.port << "/"
                  << std::endl;
      },
      [&](std::exception_ptr ex) {
        try {
          std::rethrow_exception(ex);
        } catch (const std::exception& e) {
          failure = e.what();
        }
        io.stop();
      });
  // Two I/O threads: parsing and writing a busy list page's responses is as much work as
  // answering them (the traits are the thread-safe ones: each connection on its strand).
  std::thread second_io([&] { io.run(); });
  io.run();
  second_io.join();
  if (stopper.joinable()) stopper.join();
  // The I/O threads are gone: nothing reads or writes a socket any more. Workers finish what
  // they hold before the server and the I/O context they answer through are destroyed.
  api.stop_workers();
  if (!all_jobs_stopped) {
    // A job past its safe points (a census in its final transaction) would keep the process
    // alive beyond the grace: leave now. Its transaction rolls back; the next start marks the
    // job interrupted.
    std::cout << "保学服务已停止（有任务未能在时限内结束，已中断，未写入）" << std::endl;
    std::cout.flush();
    std::cerr.flush();
    std::_Exit(0);
  }
  if (!failure.empty())
    return make_error("server_start_failed", "无法在 " + options.bind + ":" +
                                                 std::to_string(options.port) +
                                                 " 启动服务（端口被占用？）：" + failure);
  return {};
}

}  // namespace baoxue::http
