// Routing and the checks every route gets before its handler runs: signed in, CSRF on writes,
// initial password changed. Errors become HTTP statuses here, in one table; an unexpected
// failure is logged with an incident number and answered without internals.
#include <atomic>
#include <iostream>

#include "api/call.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/session_cache.h"
#include "core/labels.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> r;
    add_session_routes(r);
    add_meta_routes(r);
    add_dashboard_routes(r);
    add_children_routes(r);
    add_suspected_routes(r);
    add_task_routes(r);
    add_dropout_routes(r);
    add_case_routes(r);
    add_summary_routes(r);
    add_import_routes(r);
    add_census_routes(r);
    add_audit_routes(r);
    add_job_routes(r);
    add_home_teaching_routes(r);
    add_home_visit_routes(r);
    add_roll_call_routes(r);
    add_leave_routes(r);
    add_attendance_alert_routes(r);
    add_attendance_task_routes(r);
    add_risk_routes(r);
    add_support_pair_routes(r);
    add_movement_routes(r);
    add_indicator_routes(r);
    add_report_routes(r);
    return r;
  }();
  return kRoutes;
}

const std::vector<RouteInfo>& route_infos() {
  static const std::vector<RouteInfo> kInfos = [] {
    std::vector<RouteInfo> out;
    for (const Route& r : routes()) out.push_back({r.method, r.pattern, r.signed_in, r.max_body});
    return out;
  }();
  return kInfos;
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
                                                     {"forbidden", 403},
                                                     {"csrf_mismatch", 403},
                                                     {"password_change_required", 403},
                                                     {"not_found", 404},
                                                     {"entry_not_found", 404},
                                                     {"method_not_allowed", 405},
                                                     {"task_not_open", 409},
                                                     {"task_exists", 409},
                                                     {"plan_exists", 409},
                                                     {"plan_not_active", 409},
                                                     {"entry_not_open", 409},
                                                     {"case_not_open", 409},
                                                     {"case_changed", 409},
                                                     {"case_exists", 409},
                                                     {"pair_exists", 409},
                                                     {"pair_not_active", 409},
                                                     {"transition_not_allowed", 409},
                                                     {"follow_up_not_over", 409},
                                                     {"notice_number_taken", 409},
                                                     {"attempt_not_found", 404},
                                                     {"file_not_found", 404},
                                                     {"notice_font_missing", 500},
                                                     {"notice_render_failed", 500},
                                                     {"evidence_too_large", 413},
                                                     {"body_too_large", 413},
                                                     {"evidence_type_not_allowed", 415},
                                                     {"server_stopping", 503},
                                                     {"server_busy", 503},
                                                     {"database_busy", 503},
                                                     {"database_error", 500},
                                                     {"evidence_write_failed", 500},
                                                     {"internal", 500}};
  auto it = kStatus.find(code);
  return it == kStatus.end() ? 400 : it->second;
}

// A 500's details (a database message, a path, an exception) are for the operator's log, not
// for the person at the screen: he gets what happened, what to do, and a number to quote.
Response server_error(const std::string& code, const std::string& detail) {
  static std::atomic<long long> incidents{0};
  const long long n = ++incidents;
  std::cerr << "incident " << n << " (" << code << "): " << detail << std::endl;
  return json_response({{"code", code},
                        {"message", "服务器处理出错（事件编号 " + std::to_string(n) +
                                        "），已记录。请稍后重试；如仍出错，请把编号告诉管理员"}},
                       500);
}

Response error_response(const Error& e) {
  const int status = status_of(e.code);
  if (status == 500) return server_error(e.code, e.message);
  if (e.code == "database_busy")  // the database's words are for the log
    return json_response(
        {{"code", e.code}, {"message", "数据库正忙（可能正在导入大名单或运行比对），请稍后重试"}},
        status);
  return json_response({{"code", e.code}, {"message", e.message}}, status);
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD"; }

}  // namespace

std::vector<RouteInfo> route_table() { return route_infos(); }

const RouteInfo* find_route(const std::string& method, const std::string& path) {
  for (const RouteInfo& r : route_infos())
    if (r.method == method && match_path(r.pattern, path)) return &r;
  return nullptr;
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
  const std::size_t limit = route->max_body ? route->max_body : options.max_upload;
  if (req.body.size() > limit)
    return error_response({"body_too_large", "请求内容过大（" + count_text(req.body.size()) +
                                                 " 字节，此操作最多 " + count_text(limit) +
                                                 " 字节）"});
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
    out = server_error("internal", e.what());
  }
  // A write that succeeded may have changed what views show.
  if (is_write(req.method) && out.status < 300 && call.user && options.views != nullptr)
    options.views->changed(call.user->county);
  out.audit = std::move(call.deferred_audit);
  return out;
}

Response audit_failed(const Error& e) {
  if (e.code == "database_busy") return error_response(e);  // 503: try again
  return server_error("audit_failed", "audit log write failed: " + e.message);
}

// ---- the view cache ----

std::optional<std::string> ViewCache::find(const std::string& county, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = kept_.find({county, key});
  if (it == kept_.end()) return std::nullopt;
  if (it->second.version != versions_[county] ||
      std::chrono::steady_clock::now() - it->second.at >= fresh_)
    return std::nullopt;
  return it->second.body;
}

void ViewCache::put(const std::string& county, const std::string& key, std::string body) {
  std::lock_guard lock(mutex_);
  if (kept_.size() > 10000) kept_.clear();  // scopes are few; this only bounds a flood
  kept_[{county, key}] = {std::move(body), versions_[county], std::chrono::steady_clock::now()};
}

void ViewCache::changed(const std::string& county) {
  std::lock_guard lock(mutex_);
  ++versions_[county];
}

// ---- helpers shared by the routes ----

Result<long long> Call::id(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty() || it->second.size() > 18 ||
      it->second.find_first_not_of("0123456789") != std::string::npos)
    return make_error("not_found", "没有这条记录");
  return std::stoll(it->second);
}

Result<Date> Call::today() const {
  // The county's offset from UTC, read at most every few seconds: many requests need the day,
  // and a county changes its time zone about never.
  struct Known {
    int offset;
    std::chrono::steady_clock::time_point at;
  };
  static std::mutex mutex;
  static std::map<std::string, Known> known;
  const std::string key = db.url() + "\n" + county();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex);
    auto it = known.find(key);
    if (it != known.end() && now - it->second.at < std::chrono::seconds(5))
      return Date::today(it->second.offset);
  }
  auto settings = store::load_settings(db, county());
  if (!settings) return settings.error();
  const int offset = settings->get_int("county.utc_offset_hours");
  std::lock_guard lock(mutex);
  known[key] = {offset, now};
  return Date::today(offset);
}

Result<std::vector<core::Code>> Call::codes(const std::string& table) const {
  struct Known {
    std::vector<core::Code> codes;
    std::chrono::steady_clock::time_point at;
  };
  static std::mutex mutex;
  static std::map<std::string, Known> known;
  const std::string key = db.url() + "\n" + county() + "\n" + table;
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex);
    auto it = known.find(key);
    if (it != known.end() && now - it->second.at < std::chrono::seconds(5)) return it->second.codes;
  }
  auto read = store::load_codes(db, county(), table);
  if (!read) return read.error();
  std::lock_guard lock(mutex);
  known[key] = {read.value(), now};
  return read;
}

store::AuditEntry Author::entry(const std::string& action, const std::string& object_type,
                                const std::string& object_id, const std::string& detail) const {
  store::AuditEntry e;
  e.county = county;
  e.user_id = user_id;
  e.username = username;
  e.unit_code = unit_code;
  e.action = action;
  e.object_type = object_type;
  e.object_id = object_id;
  e.detail = detail;
  e.address = address;
  return e;
}

Author Call::author() const {
  return {user->county, user->username, unit_code_of(scope), req.address, user->id};
}

Status Call::audit(const std::string& action, const std::string& object_type,
                   const std::string& object_id, const std::string& detail) const {
  store::AuditEntry e = author().entry(action, object_type, object_id, detail);
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

json page_json(long long total, const PageServed& page, json rows) {
  json out = {{"total", total},
              {"page", page.page.page},
              {"size", page.page.size},
              {"rows", std::move(rows)}};
  if (!page.notice.empty()) out["notice"] = page.notice;
  return out;
}

Response page_response(long long total, const PageServed& page, json rows) {
  return json_response(page_json(total, page, std::move(rows)));
}

bool sees_full_numbers(const core::Scope& scope) {
  using core::Role;
  return scope.role == Role::kCountyAdmin || scope.role == Role::kCountyStaff ||
         scope.role == Role::kTownship || scope.role == Role::kVillage ||
         scope.role == Role::kSchoolAdmin;
}

bool is_county_role(const core::Scope& scope) { return verify::is_county_operator(scope); }

std::string scope_key(const core::Scope& s) {
  return std::to_string(static_cast<int>(s.role)) + "|" + s.township_code + "|" + s.village_code +
         "|" + s.school_code + "|" + std::to_string(s.class_grade) + "|" +
         std::to_string(s.class_number);
}

Result<Response> kept_view(Call& c, const std::string& key,
                           const std::function<Result<json>()>& compute) {
  if (c.options.views != nullptr)
    if (auto kept = c.options.views->find(c.county(), key)) {
      Response r;
      r.body = std::move(*kept);
      return r;
    }
  auto out = compute();
  if (!out) return out.error();
  Response r = json_response(*out);
  if (c.options.views != nullptr) c.options.views->put(c.county(), key, r.body);
  return r;
}

Error forbidden(const std::string& what) { return {"forbidden", "您的账号没有权限" + what}; }

std::string unit_code_of(const core::Scope& scope) {
  return !scope.village_code.empty()    ? scope.village_code
         : !scope.school_code.empty()   ? scope.school_code
         : !scope.township_code.empty() ? scope.township_code
                                        : scope.county;
}

std::string count_text(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace baoxue::api
