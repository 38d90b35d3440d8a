#include "http/server.h"

#include <asio.hpp>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <thread>

#include "api/api.h"
#include "api/audit_writer.h"
#include "auth/session_cache.h"
#include "ledger/run_ledger.h"
#include "store/county_repository.h"
#include "store/database.h"

namespace baoxue::http {
namespace {

using Router = restinio::router::express_router_t<>;
using Request = restinio::request_handle_t;

struct Traits : restinio::default_traits_t {
  using request_handler_t = Router;
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

api::Request to_api(const Request& req) {
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
  return r;
}

// RFC 5987, so that a Chinese file name survives: filename*=UTF-8''…
std::string content_disposition(const std::string& name) {
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
  return "attachment; filename=\"download\"; filename*=UTF-8''" + encoded;
}

void send(const Request& req, const api::Response& out) {
  auto r = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(out.status)},
      out.status == 200 ? "OK" : "Error"});
  r.append_header(restinio::http_field::content_type, out.content_type);
  r.append_header(restinio::http_field::cache_control, "no-store");
  r.append_header("X-Content-Type-Options", "nosniff");
  if (!out.set_cookie.empty()) r.append_header(restinio::http_field::set_cookie, out.set_cookie);
  if (!out.attachment.empty())
    r.append_header(restinio::http_field::content_disposition, content_disposition(out.attachment));
  r.set_body(out.body);
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

class Server {
 public:
  explicit Server(ServerOptions options)
      : options_(std::move(options)), audit_(options_.db_url), pool_(options_.workers) {
    api_options_.data_dir = options_.data_dir;
    api_options_.sessions = &sessions_;
    api_options_.defer_audit = true;
    api_options_.ledgers = &ledgers_;
  }
  ~Server() { pool_.join(); }

  // Loads each county's latest ledger on a worker while the server starts listening, so that
  // the first list after a restart does not wait for it.
  void warm_up() {
    asio::post(pool_, [this] {
      baoxue::Error error;
      store::Database* db = worker_db(options_.db_url, error);
      if (db == nullptr) return;
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
      const std::string path(req->header().path());
      if (path.rfind("/api/", 0) == 0 || path == "/api") return on_worker(req);
      return static_file(req, path);
    });
    return router;
  }

 private:
  // The API on a worker with its connection; the I/O thread goes back to its sockets at once.
  restinio::request_handling_status_t on_worker(const Request& req) {
    asio::post(pool_, [this, req] {
      baoxue::Error error;
      store::Database* db = worker_db(options_.db_url, error);
      if (db == nullptr) {
        api::Response r;
        r.status = 500;
        r.body = nlohmann::json{{"code", error.code}, {"message", error.message}}.dump();
        return send(req, r);
      }
      api::Response out = api::handle(*db, api_options_, to_api(req));
      if (out.audit.empty()) return send(req, out);
      // Sent once its audit entries are committed, together with other requests' entries.
      std::vector<store::AuditEntry> entries = std::move(out.audit);
      audit_.submit(std::move(entries), [req, out = std::move(out)](const Status& st) {
        send(req, st ? out : api::audit_failed(st.error()));
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
        .set_body(restinio::sendfile(full))
        .done();
  }

  ServerOptions options_;
  api::Options api_options_;
  auth::SessionCache sessions_;
  ledger::RunLedgers ledgers_;
  api::AuditWriter audit_;  // destroyed after the pool: the workers' last entries are written
  asio::thread_pool pool_;
};

}  // namespace

Status serve(const ServerOptions& options) {
  // Fail early and clearly when the database cannot be opened (and apply migrations once).
  if (auto db = store::Database::open(options.db_url); !db) return db.error();

  Server api(options);
  api.warm_up();
  asio::io_context io;
  using Server = restinio::http_server_t<Traits>;
  Server server{restinio::external_io_context(io),
                restinio::server_settings_t<Traits>{}
                    .port(options.port)
                    .address(options.bind)
                    .incoming_http_msg_limits(
                        restinio::incoming_http_msg_limits_t{}.max_body_size(kMaxBodyBytes))
                    .request_handler(api.routes())};
  std::string failure;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    server.close_async([&] { io.stop(); }, [&](std::exception_ptr) { io.stop(); });
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
  if (!failure.empty())
    return make_error("server_start_failed", "无法在 " + options.bind + ":" +
                                                 std::to_string(options.port) +
                                                 " 启动服务（端口被占用？）：" + failure);
  return {};
}

}  // namespace baoxue::http
