// What a route handler gets and the helpers they share. Internal to src/api.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/api.h"
#include "core/scope.h"
#include "store/query.h"
#include "store/user_repository.h"
#include "verify/workflow.h"

namespace baoxue::api {

using json = nlohmann::json;

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
  std::string query(const std::string& key) const;
  // A {name} path parameter as a positive integer; an error (not_found) otherwise.
  Result<long long> id(const std::string& name = "id") const;
  store::Page page() const;   // page, size (default 20, at most 200)
  Result<json> body() const;  // the JSON object of the body; bad_request otherwise
  // Appends to the audit log (who, when, what, from where); with Options::defer_audit the
  // entry goes back with the response, which is then sent only after it is committed.
  Status audit(const std::string& action, const std::string& object_type,
               const std::string& object_id, const std::string& detail = "") const;
};

using Handler = std::function<Result<Response>(Call&)>;

struct Route {
  std::string method, pattern;
  Handler handler;
  bool signed_in = true;
};

void add_session_routes(std::vector<Route>& routes);
void add_ledger_routes(std::vector<Route>& routes);
void add_verify_routes(std::vector<Route>& routes);
void add_admin_routes(std::vector<Route>& routes);  // imports, census runs, audit log

Response json_response(const json& body, int status = 200);
// A table as an xlsx download.
Result<Response> xlsx_response(const std::string& file_name, const std::string& title,
                               const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows);
// Today's date (local calendar), YYYY-MM-DD.
std::string today();
// The roles that work with families see full ID and phone numbers on detail views.
bool sees_full_numbers(const core::Scope& scope);
bool is_county_role(const core::Scope& scope);
Error forbidden(const std::string& what);

}  // namespace baoxue::api
