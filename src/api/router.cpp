// Routing and the checks every route gets before its handler runs: signed in, CSRF on writes,
// initial password changed. Errors become HTTP statuses here, in one table.
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "api/call.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/session_cache.h"
#include "ingest/table_writer.h"

namespace baoxue::api {
namespace {

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> r;
    add_session_routes(r);
    add_ledger_routes(r);
    add_verify_routes(r);
    add_admin_routes(r);
    return r;
  }();
  return kRoutes;
}

// "/api/children/{id}" against "/api/children/12": the parameters, or nullopt.
std::optional<std::map<std::string, std::string>> match_path(const std::string& pattern,
                                                             const std::string& path) {
  std::map<std::string, std::string> params;
  std::size_t i = 0, j = 0;
  while (i < pattern.size() && j < path.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      const std::size_t end = path.find('/', j);
      params[pattern.substr(i + 1, close - i - 1)] =
          path.substr(j, end == std::string::npos ? std::string::npos : end - j);
      i = close + 1;
      j = end == std::string::npos ? path.size() : end;
    } else if (pattern[i] == path[j]) {
      ++i, ++j;
    } else {
      return std::nullopt;
    }
  }
  if (i != pattern.size() || j != path.size()) return std::nullopt;
  return params;
}

int status_of(const std::string& code) {
  static const std::map<std::string, int> kStatus = {{"not_signed_in", 401},
                                                     {"sign_in_failed", 401},
                                                     {"account_locked", 401},
                                                     {"account_disabled", 401},
                                                     {"forbidden", 403},
                                                     {"csrf_mismatch", 403},
                                                     {"password_change_required", 403},
                                                     {"not_found", 404},
                                                     {"entry_not_found", 404},
                                                     {"method_not_allowed", 405},
                                                     {"task_not_open", 409},
                                                     {"task_exists", 409},
                                                     {"entry_not_open", 409},
                                                     {"evidence_too_large", 413},
                                                     {"evidence_type_not_allowed", 415},
                                                     {"database_error", 500},
                                                     {"evidence_write_failed", 500},
                                                     {"internal", 500}};
  auto it = kStatus.find(code);
  return it == kStatus.end() ? 400 : it->second;
}

Response error_response(const Error& e) {
  return json_response({{"code", e.code}, {"message", e.message}}, status_of(e.code));
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

}  // namespace

std::vector<RouteInfo> route_table() {
  std::vector<RouteInfo> out;
  for (const Route& r : routes()) out.push_back({r.method, r.pattern, r.signed_in});
  return out;
}

Response handle(store::Database& db, const Options& options, const Request& req) {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  for (const Route& r : routes()) {
    auto p = match_path(r.pattern, req.path);
    if (!p) continue;
    path_known = true;
    if (r.method != req.method) continue;
    route = &r;
    params = std::move(*p);
    break;
  }
  if (!route)
    return error_response(path_known ? Error{"method_not_allowed", "该地址不支持此操作"}
                                     : Error{"not_found", "没有这个地址"});
  Call call{db, options, req, std::move(params), std::nullopt, {}, "", {}};
  if (route->signed_in) {
    auto resumed = auth::resume_cached(db, options.sessions, req.session_token);
    if (!resumed) return error_response(resumed.error());
    call.user = resumed->current.user;
    call.scope = resumed->scope;
    call.csrf = resumed->current.csrf;
    if (is_write(req.method) && req.csrf != call.csrf)
      return error_response({"csrf_mismatch", "页面已过期，请刷新后重试"});
    const bool password_route = route->pattern.rfind("/api/session", 0) == 0;
    if (call.user->must_change_password && !password_route)
      return error_response({"password_change_required", "首次登录请先修改初始密码"});
  }
  Response out;
  try {
    auto result = route->handler(call);
    out = result ? std::move(result.value()) : error_response(result.error());
  } catch (const std::exception& e) {  // nothing thrown crosses the HTTP boundary
    out = error_response({"internal", std::string("服务器内部错误：") + e.what()});
  }
  out.audit = std::move(call.deferred_audit);
  return out;
}

Response audit_failed(const Error& e) {
  Response r = error_response({e.code, "审计日志写入失败，未显示内容：" + e.message});
  r.status = 500;  // whatever the database said: the server could not keep its record
  return r;
}

// ---- helpers shared by the routes ----

std::string Call::query(const std::string& key) const {
  auto it = req.query.find(key);
  return it == req.query.end() ? "" : it->second;
}

Result<long long> Call::id(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos)
    return make_error("not_found", "没有这条记录");
  return std::stoll(it->second);
}

store::Page Call::page() const {
  auto number = [&](const std::string& key, int fallback) {
    const std::string v = query(key);
    if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos)
      return fallback;
    return std::stoi(v);
  };
  return {std::max(1, number("page", 1)), std::clamp(number("size", 20), 1, 200)};
}

Result<json> Call::body() const {
  json body = json::parse(req.body, nullptr, false);
  if (!body.is_object()) return make_error("bad_request", "请求内容应为 JSON 对象");
  return body;
}

Status Call::audit(const std::string& action, const std::string& object_type,
                   const std::string& object_id, const std::string& detail) const {
  store::AuditEntry e;
  e.county = user->county;
  e.user_id = user->id;
  e.username = user->username;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.detail = detail;
  e.address = req.address;
  if (options.defer_audit) {
    deferred_audit.push_back(std::move(e));
    return {};
  }
  return store::append_audit(db, e);
}

Response json_response(const json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Result<Response> xlsx_response(const std::string& file_name, const std::string& title,
                               const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows) {
  // The writer works on files: write one in the temp directory, read it back, remove it.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("baoxue-export-" + auth::random_token().substr(0, 16) + ".xlsx"))
                               .string();
  Response r;
  {
    auto writer = ingest::TableWriter::open(path, ingest::TableFormat::kXlsx, title, title, header);
    if (!writer) return writer.error();
    for (const auto& row : rows)
      if (Status st = writer.value()->add_row(row); !st) return st.error();
    if (Status st = writer.value()->close(); !st) return st.error();
    std::ifstream in(path, std::ios::binary);
    r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.attachment = file_name;
  return r;
}

std::string today() {
  const std::time_t t = std::time(nullptr);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
  return buf;
}

bool sees_full_numbers(const core::Scope& scope) {
  using core::Role;
  return scope.role == Role::kCountyAdmin || scope.role == Role::kCountyStaff ||
         scope.role == Role::kTownship || scope.role == Role::kVillage ||
         scope.role == Role::kSchoolAdmin;
}

bool is_county_role(const core::Scope& scope) { return verify::is_county_operator(scope); }

Error forbidden(const std::string& what) { return {"forbidden", "您的账号没有权限" + what}; }

}  // namespace baoxue::api
