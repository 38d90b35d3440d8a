#include "store/report_repository.h"

#include "store/bulk_insert.h"
#include "store/query.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* const kColumns =
    "id, kind, period, period_from, period_to, unit_level, unit_code, unit_name, version, "
    "digest, changes, note, preparer, approver, submitted_at, submitted_by";

Report read_report(const soci::row& r, bool with_content) {
  Report x;
  std::size_t i = 0;
  x.id = row_int(r, i++);
  x.kind = row_text(r, i++);
  x.period = row_text(r, i++);
  x.period_from = row_text(r, i++);
  x.period_to = row_text(r, i++);
  x.unit_level = row_text(r, i++);
  x.unit_code = row_text(r, i++);
  x.unit_name = row_text(r, i++);
  x.version = static_cast<int>(row_int(r, i++));
  x.digest = row_text(r, i++);
  x.changes = row_text(r, i++);
  x.note = row_text(r, i++);
  x.preparer = row_text(r, i++);
  x.approver = row_text(r, i++);
  x.submitted_at = row_text(r, i++);
  x.submitted_by = row_text(r, i++);
  if (with_content) x.content = row_text(r, i++);
  return x;
}

}  // namespace

Status insert_report(Database& db, const std::string& county, Report& x) {
  return db.transaction([&]() -> Status {
    Where where;
    where.add("county_code = ?", {county})
        .add("kind = ?", {x.kind})
        .add("period = ?", {x.period})
        .add("unit_code = ?", {x.unit_code});
    long long latest = 0;
    Status st = for_each_row(db, "SELECT MAX(version) FROM reports", where, "",
                             [&](const soci::row& r) { latest = row_int(r, 0); });
    if (!st) return st;
    x.version = static_cast<int>(latest) + 1;
    x.id = db.reserve_ids("reports", 1);
    if (x.submitted_at.empty()) x.submitted_at = now_utc();
    BulkInsert put(db, "reports",
                   {"county_code", "id", "kind", "period", "period_from", "period_to", "unit_level",
                    "unit_code", "unit_name", "version", "content", "digest", "changes", "note",
                    "preparer", "approver", "submitted_at", "submitted_by"},
                   1);
    put.text(county).integer(x.id).text(x.kind).text(x.period).text(x.period_from);
    put.text(x.period_to).text(x.unit_level).text(x.unit_code).text(x.unit_name);
    put.integer(static_cast<long long>(x.version)).text(x.content).text(x.digest);
    put.text(x.changes).text(x.note).text(x.preparer).text(x.approver).text(x.submitted_at);
    put.text(x.submitted_by);
    if (Status s = put.end_row(); !s) return s;
    return put.flush();
  });
}

Result<std::optional<Report>> report_by_id(Database& db, const std::string& county, long long id) {
  Where where;
  where.add("county_code = ?", {county}).add("id = ?", {std::to_string(id)});
  std::optional<Report> out;
  Status st = for_each_row(db, std::string("SELECT ") + kColumns + ", content FROM reports", where,
                           "", [&](const soci::row& r) { out = read_report(r, true); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<Report>> report_versions(Database& db, const std::string& county,
                                            const std::string& kind, const std::string& period,
                                            const std::string& unit_code) {
  Where where;
  where.add("county_code = ?", {county})
      .add("kind = ?", {kind})
      .add("period = ?", {period})
      .add("unit_code = ?", {unit_code});
  std::vector<Report> out;
  Status st = for_each_row(db, std::string("SELECT ") + kColumns + ", content FROM reports", where,
                           "ORDER BY version",
                           [&](const soci::row& r) { out.push_back(read_report(r, true)); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<Report>> latest_reports(Database& db, const std::string& county,
                                           const std::string& kind, const std::string& period) {
  Where where;
  where.add("r.county_code = ?", {county}).add("r.kind = ?", {kind}).add("r.period = ?", {period});
  where.add(
      "r.version = (SELECT MAX(v.version) FROM reports v WHERE v.county_code = r.county_code AND "
      "v.kind = r.kind AND v.period = r.period AND v.unit_code = r.unit_code)");
  std::vector<Report> out;
  std::string columns;
  for (std::string c : {"id", "kind", "period", "period_from", "period_to", "unit_level",
                        "unit_code", "unit_name", "version", "digest", "changes", "note",
                        "preparer", "approver", "submitted_at", "submitted_by"})
    columns += (columns.empty() ? "r." : ", r.") + c;
  Status st =
      for_each_row(db, "SELECT " + columns + " FROM reports r", where, "ORDER BY r.unit_code",
                   [&](const soci::row& r) { out.push_back(read_report(r, false)); });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
