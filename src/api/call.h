// What a route handler gets and the helpers they share. Internal to src/api.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "api/params.h"
#include "core/code_tables.h"
#include "core/date.h"
#include "core/scope.h"
#include "jobs/job_runner.h"
#include "store/audit_repository.h"
#include "store/home_teaching_repository.h"
#include "store/query.h"
#include "store/user_repository.h"
#include "verify/workflow.h"

namespace baoxue::api {

using json = nlohmann::json;

// Who asked for something: the audit rows written for it name him, his unit and his address,
// also when a job writes them after the request has been answered.
struct Author {
  std::string county, username, unit_code, address;
  long long user_id = 0;
  store::AuditEntry entry(const std::string& action, const std::string& object_type,
                          const std::string& object_id, const std::string& detail = "") const;
};

struct Call {
  store::Database& db;
  const Options& options;
  const Request& req;
  std::map<std::string, std::string> params;  // {id} in the pattern
  std::optional<store::User> user;            // set for signed_in routes
  core::Scope scope;
  std::string csrf;
  mutable std::vector<store::AuditEntry> deferred_audit;  // Options::defer_audit

  const std::string& county() const { return user->county; }
  verify::Actor actor() const { return {user->county, scope, user->username}; }
  // The query string, read with checks (a bad value is a 400 that names the parameter).
  Params query() const { return Params(req.query); }
  // A {name} path parameter as a positive integer; an error (not_found) otherwise.
  Result<long long> id(const std::string& name = "id") const;
  // The JSON object of the body; bad_request (naming what is wrong) otherwise.
  Result<Body> body() const { return Body::parse(req.body); }
  // The county's today: its calendar (county.utc_offset_hours), not the server machine's.
  Result<Date> today() const;
  // One of the county's code tables, read at most every few seconds (the busiest views label
  // categories on every request; a county edits its tables rarely).
  Result<std::vector<core::Code>> codes(const std::string& table) const;
  Author author() const;
  // Appends to the audit log (who, his unit, when, what, from where); with Options::defer_audit
  // the entry goes back with the response, which is then sent only after it is committed.
  // `detail` is Chinese, for the people who read the log.
  Status audit(const std::string& action, const std::string& object_type,
               const std::string& object_id, const std::string& detail = "") const;
};

using Handler = std::function<Result<Response>(Call&)>;

struct Route {
  std::string method, pattern;
  Handler handler;
  bool signed_in = true;
  std::size_t max_body = kSmallBody;
};

// One file per resource; each adds its routes.
void add_session_routes(std::vector<Route>& routes);
void add_meta_routes(std::vector<Route>& routes);
void add_dashboard_routes(std::vector<Route>& routes);
void add_children_routes(std::vector<Route>& routes);
void add_suspected_routes(std::vector<Route>& routes);
void add_task_routes(std::vector<Route>& routes);
void add_dropout_routes(std::vector<Route>& routes);
void add_case_routes(std::vector<Route>& routes);
void add_summary_routes(std::vector<Route>& routes);
void add_import_routes(std::vector<Route>& routes);
void add_census_routes(std::vector<Route>& routes);
void add_audit_routes(std::vector<Route>& routes);
void add_job_routes(std::vector<Route>& routes);  // jobs and exports
void add_home_teaching_routes(std::vector<Route>& routes);
void add_home_visit_routes(std::vector<Route>& routes);
void add_roll_call_routes(std::vector<Route>& routes);
void add_leave_routes(std::vector<Route>& routes);
void add_attendance_alert_routes(std::vector<Route>& routes);
void add_attendance_task_routes(std::vector<Route>& routes);
void add_risk_routes(std::vector<Route>& routes);
void add_support_pair_routes(std::vector<Route>& routes);
void add_movement_routes(std::vector<Route>& routes);
void add_indicator_routes(std::vector<Route>& routes);
void add_report_routes(std::vector<Route>& routes);

Response json_response(const json& body, int status = 200);
// The child a body names by `child_id` (GET /api/children's id) on the latest ledger, inside the
// user's scope: whom a 送教 plan or a home visit is for. `purpose` and `who` word the messages
// ("送教的儿童", "儿童").
Result<store::PlanChild> child_named(Call& c, const Body& body, const std::string& purpose,
                                     const std::string& who);
// A list page: {total, page, size, rows[, notice]}; page_json for a caller that adds to it.
json page_json(long long total, const PageServed& page, json rows);
Response page_response(long long total, const PageServed& page, json rows);
// The day a request names (`day`, YYYY-MM-DD), `today` when it names none; bad_request otherwise.
Result<Date> day_or_today(const std::string& text, const Date& today);
// The name a user name stands for on records (a roll call's taker): the account's display name,
// or the text itself when no account has it (a school system's, the demo's head teachers).
std::string display_name_of(store::Database& db, const std::string& username);
// The roles that work with families see full ID and phone numbers on detail views.
bool sees_full_numbers(const core::Scope& scope);
bool is_county_role(const core::Scope& scope);
Error forbidden(const std::string& what);
// The unit a user acts for: his village, school or township code, or the county's.
std::string unit_code_of(const core::Scope& scope);
// The scope as a cache key: role and place.
std::string scope_key(const core::Scope& s);
// A view that reads the whole scope, kept in Options::views under `key` for the county until its
// data change (any write through this server; 5 s for changes made elsewhere); computed on a
// miss, or always without Options::views.
Result<Response> kept_view(Call& c, const std::string& key,
                           const std::function<Result<json>()>& compute);
// "60,122": counts in messages and audit texts.
std::string count_text(long long n);

// Long work: records the job and runs `work` on the job runner (or, without one, right here),
// answering 202 with the job. `lane`: whether the work writes.
Result<Response> start_job(Call& c, const std::string& kind, const json& params, jobs::Lane lane,
                           jobs::Work work);
// A job as the API shows it.
json job_json(const store::Job& job);

}  // namespace baoxue::api
