// The audit log: every write and every read of a child's personal data, with who, when, from
// where and in which unit. Append-only: no code path updates or deletes a row.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct AuditEntry {
  long long id = 0;
  std::string county, at;
  std::optional<long long> user_id;  // none: a failed sign-in with an unknown user name
  std::string username;              // as signed in (or as typed, for a failed sign-in)
  std::string unit_code;             // the user's township, village, school or county
  std::string action, object_type, object_id;
  std::string detail;  // Chinese, for people: "导出 60,122 条"
  std::string address;
};
// Appends (assigns id and, when empty, the time).
Status append_audit(Database& db, AuditEntry& e);
// Several entries in one transaction (one commit): how the server writes the views of many
// requests at once (api::AuditWriter).
Status append_audit(Database& db, const std::vector<AuditEntry*>& entries);

struct AuditQuery {
  std::string username, action;
  std::vector<std::string> unit_codes;  // any of these units ("" none: all units)
  std::string from, to;                 // UTC instants, [from, to); empty: open
};
// Newest first.
Result<Paged<AuditEntry>> find_audit(Database& db, const std::string& county,
                                     const AuditQuery& query, const Page& page);
Status for_each_audit(Database& db, const std::string& county, const AuditQuery& query,
                      const std::function<Status(const AuditEntry&)>& fn);

}  // namespace baoxue::store
