#include "http/server.h"

#include <asio.hpp>
#include <csignal>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <restinio/all.hpp>

#include "auth/accounts.h"
#include "auth/password.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace baoxue::http {
namespace {

using json = nlohmann::json;
using Router = restinio::router::express_router_t<>;
using Request = restinio::request_handle_t;
using HttpStatus = restinio::http_status_line_t;

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

void reply(const Request& req, HttpStatus status, const json& body,
           const std::string& set_cookie = "") {
  auto r = req->create_response(status);
  r.append_header(restinio::http_field::content_type, "application/json; charset=utf-8");
  r.append_header(restinio::http_field::cache_control, "no-store");
  if (!set_cookie.empty()) r.append_header(restinio::http_field::set_cookie, set_cookie);
  r.set_body(body.dump(-1, ' ', false, json::error_handler_t::replace));
  r.done();
}

void reply_error(const Request& req, HttpStatus status, const baoxue::Error& e) {
  reply(req, status, {{"code", e.code}, {"message", e.message}});
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

json user_json(const store::User& u) {
  const auth::Scope s = auth::scope_of(u);
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", u.role},
          {"role_label", std::string(auth::role_label_zh(s.role))},
          {"county", u.county},
          {"township_code", u.township_code},
          {"village_code", u.village_code},
          {"school_code", u.school_code},
          {"must_change_password", u.must_change_password}};
}

std::string session_cookie(const std::string& token, bool clear = false) {
  return std::string(kCookie) + "=" + (clear ? "" : token) + "; Path=/; HttpOnly; SameSite=Strict" +
         (clear ? "; Max-Age=0" : "");
}

// The signed-in user of the request: the session cookie's digest, unexpired.
Result<std::pair<store::Session, store::User>> current_user(store::Database& db,
                                                            const Request& req) {
  const Error none{"not_signed_in", "请先登录"};
  const std::string token = cookie_value(req, kCookie);
  if (token.size() != 64) return none;
  auto session = store::find_session(db, auth::token_digest(token));
  if (!session) return session.error();
  if (!session.value() || session.value()->expires_at <= store::now_utc()) return none;
  auto user = store::user_by_id(db, session.value()->county, session.value()->user_id);
  if (!user) return user.error();
  if (!user.value() || user.value()->disabled) return none;
  return std::make_pair(*session.value(), *user.value());
}

class Api {
 public:
  Api(ServerOptions options) : options_(std::move(options)), pool_(options_.workers) {}
  ~Api() { pool_.join(); }

  std::unique_ptr<Router> routes() {
    auto router = std::make_unique<Router>();
    router->http_get("/healthz",
                     [](auto req, auto) { return req->create_response().set_body("ok").done(); });
    router->http_post("/api/session", [this](auto req, auto) {
      return on_worker(req, [req](store::Database& db) {
        const json body = json::parse(req->body(), nullptr, false);
        if (!body.is_object() || !body.contains("username") || !body.contains("password") ||
            !body["username"].is_string() || !body["password"].is_string())
          return reply_error(req, restinio::status_bad_request(),
                             {"bad_request", "请求应为 JSON：{\"username\": …, \"password\": …}"});
        const std::string username = body["username"], password = body["password"];
        auto signed_in =
            auth::sign_in(db, username, password, req->remote_endpoint().address().to_string());
        if (!signed_in) return reply_error(req, restinio::status_unauthorized(), signed_in.error());
        reply(req, restinio::status_ok(),
              {{"user", user_json(signed_in->user)}, {"csrf", signed_in->csrf}},
              session_cookie(signed_in->token));
      });
    });
    router->http_get("/api/session", [this](auto req, auto) {
      return on_worker(req, [req](store::Database& db) {
        auto who = current_user(db, req);
        if (!who) return reply_error(req, restinio::status_unauthorized(), who.error());
        reply(req, restinio::status_ok(), {{"user", user_json(who->second)}});
      });
    });
    router->http_delete("/api/session", [this](auto req, auto) {
      return on_worker(req, [req](store::Database& db) {
        auto who = current_user(db, req);
        if (!who) return reply_error(req, restinio::status_unauthorized(), who.error());
        const auto csrf = req->header().get_field_or("X-CSRF-Token", "");
        if (auth::token_digest(csrf) != who->first.csrf_digest)
          return reply_error(req, restinio::status_forbidden(),
                             {"csrf_mismatch", "页面已过期，请刷新后重试"});
        if (baoxue::Status st = store::delete_session(db, who->first.token_digest); !st)
          return reply_error(req, restinio::status_internal_server_error(), st.error());
        reply(req, restinio::status_ok(), {{"signed_out", true}}, session_cookie("", true));
      });
    });
    router->non_matched_request_handler([](auto req) {
      return req->create_response(restinio::status_not_found())
          .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
          .set_body(R"({"code":"not_found","message":"没有这个地址"})")
          .done();
    });
    return router;
  }

 private:
  // Runs f on a worker with its connection; the I/O thread goes back to its sockets at once.
  template <typename F>
  restinio::request_handling_status_t on_worker(const Request& req, F f) {
    asio::post(pool_, [this, req, f = std::move(f)]() mutable {
      baoxue::Error error;
      store::Database* db = worker_db(options_.db_url, error);
      if (db == nullptr) return reply_error(req, restinio::status_internal_server_error(), error);
      try {
        f(*db);
      } catch (const std::exception& e) {  // nothing thrown crosses the HTTP boundary
        reply_error(req, restinio::status_internal_server_error(),
                    {"internal", std::string("服务器内部错误：") + e.what()});
      }
    });
    return restinio::request_accepted();
  }

  ServerOptions options_;
  asio::thread_pool pool_;
};

}  // namespace

Status serve(const ServerOptions& options) {
  // Fail early and clearly when the database cannot be opened (and apply migrations once).
  if (auto db = store::Database::open(options.db_url); !db) return db.error();

  Api api(options);
  asio::io_context io;
  using Server = restinio::http_server_t<Traits>;
  Server server{restinio::external_io_context(io), restinio::server_settings_t<Traits>{}
                                                       .port(options.port)
                                                       .address(options.bind)
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
  io.run();
  if (!failure.empty())
    return make_error("server_start_failed", "无法在 " + options.bind + ":" +
                                                 std::to_string(options.port) +
                                                 " 启动服务（端口被占用？）：" + failure);
  return {};
}

}  // namespace baoxue::http
