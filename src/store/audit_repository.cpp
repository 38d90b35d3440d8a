#include "store/audit_repository.h"

#include <algorithm>

#include "store/bulk_insert.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* const kAuditSelect =
    "SELECT id, county_code, at, user_id, username, unit_code, action, object_type, object_id, "
    "detail, address FROM audit_log";

AuditEntry read_audit(const soci::row& r) {
  AuditEntry e;
  e.id = row_int(r, 0);
  e.county = row_text(r, 1);
  e.at = row_text(r, 2);
  e.user_id = row_optional_int(r, 3);
  std::size_t i = 4;
  for (std::string* s :
       {&e.username, &e.unit_code, &e.action, &e.object_type, &e.object_id, &e.detail, &e.address})
    *s = row_text(r, i++);
  return e;
}

Where audit_where(const std::string& county, const AuditQuery& q) {
  Where where;
  where.equals("county_code", county).equals("username", q.username).equals("action", q.action);
  if (!q.unit_codes.empty()) {
    std::string in;
    for (std::size_t i = 0; i < q.unit_codes.size(); ++i) in += i ? ", ?" : "?";
    where.add("unit_code IN (" + in + ")", q.unit_codes);
  }
  if (!q.from.empty()) where.add("at >= ?", {q.from});
  if (!q.to.empty()) where.add("at < ?", {q.to});
  return where;
}

}  // namespace

Status append_audit(Database& db, AuditEntry& e) {
  std::vector<AuditEntry*> one{&e};
  return append_audit(db, one);
}

Status append_audit(Database& db, const std::vector<AuditEntry*>& entries) {
  if (entries.empty()) return {};
  return db.transaction([&]() -> Status {
    long long next = db.reserve_ids("audit_log", static_cast<long long>(entries.size()));
    const std::string now = now_utc();
    BulkInsert put(db, "audit_log",
                   {"county_code", "id", "at", "user_id", "username", "unit_code", "action",
                    "object_type", "object_id", "detail", "address"},
                   std::min<std::size_t>(entries.size(), 500));
    for (AuditEntry* e : entries) {
      e->id = next++;
      if (e->at.empty()) e->at = now;
      put.text(e->county).integer(e->id).text(e->at).integer(e->user_id).text(e->username);
      put.text(e->unit_code).text(e->action).text(e->object_type).text(e->object_id);
      put.text(e->detail).text(e->address);
      if (Status st = put.end_row(); !st) return st;
    }
    return put.flush();
  });
}

Result<Paged<AuditEntry>> find_audit(Database& db, const std::string& county,
                                     const AuditQuery& query, const Page& page) {
  const Where where = audit_where(county, query);
  Paged<AuditEntry> out;
  auto total = count_rows(db, "FROM audit_log", where);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, kAuditSelect, where, "ORDER BY id DESC" + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_audit(r)); });
  if (!st) return st.error();
  return out;
}

Status for_each_audit(Database& db, const std::string& county, const AuditQuery& query,
                      const std::function<Status(const AuditEntry&)>& fn) {
  return for_each_row_until(db, kAuditSelect, audit_where(county, query), "ORDER BY id DESC",
                            [&](const soci::row& r) { return fn(read_audit(r)); });
}

}  // namespace baoxue::store
