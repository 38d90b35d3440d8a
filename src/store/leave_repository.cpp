#include "store/leave_repository.h"

#include "store/bulk_insert.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kLeaveSelect =
    "SELECT l.id, l.child_key, l.name, l.township_code, l.village_code, l.school_code, "
    "l.school_name, l.grade, l.class_number, l.kind, l.from_day, l.to_day, l.reason, "
    "l.recorded_by, l.recorded_at, l.cancelled_by, l.cancelled_at FROM leave_records l";

LeaveRecord read_leave(const soci::row& r) {
  LeaveRecord l;
  l.id = row_int(r, 0);
  l.child_key = row_text(r, 1);
  l.name = row_text(r, 2);
  l.township_code = row_text(r, 3);
  l.village_code = row_text(r, 4);
  l.school_code = row_text(r, 5);
  l.school_name = row_text(r, 6);
  l.grade = row_optional_int(r, 7);
  l.class_number = row_optional_int(r, 8);
  l.kind = row_text(r, 9);
  l.from_day = row_text(r, 10);
  l.to_day = row_text(r, 11);
  l.reason = row_text(r, 12);
  l.recorded_by = row_text(r, 13);
  l.recorded_at = row_text(r, 14);
  l.cancelled_by = row_text(r, 15);
  l.cancelled_at = row_text(r, 16);
  return l;
}

Result<std::vector<LeaveRecord>> read_all(Database& db, const Where& w, const std::string& tail) {
  std::vector<LeaveRecord> out;
  Status st = for_each_row(db, kLeaveSelect, w, tail,
                           [&](const soci::row& r) { out.push_back(read_leave(r)); });
  if (!st) return st.error();
  return out;
}

}  // namespace

Status insert_leave(Database& db, const std::string& county, LeaveRecord& l) {
  return db.transaction([&]() -> Status {
    l.id = db.reserve_ids("leave_records", 1);
    if (l.recorded_at.empty()) l.recorded_at = now_utc();
    BulkInsert put(db, "leave_records",
                   {"county_code", "id", "child_key", "name", "township_code", "village_code",
                    "school_code", "school_name", "grade", "class_number", "kind", "from_day",
                    "to_day", "reason", "recorded_by", "recorded_at"},
                   1);
    put.text(county).integer(l.id).text(l.child_key).text(l.name).text(l.township_code);
    put.text(l.village_code).text(l.school_code).text(l.school_name).integer(l.grade);
    put.integer(l.class_number).text(l.kind).text(l.from_day).text(l.to_day).text(l.reason);
    put.text(l.recorded_by).text(l.recorded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<LeaveRecord>> class_leave(Database& db, const std::string& county,
                                             const ClassRef& cls, const std::string& from,
                                             const std::string& to) {
  Where w;
  w.add("l.county_code = ?", {county});
  w.add("l.school_code = ?", {cls.school_code});
  w.add("l.grade = ?", {std::to_string(cls.grade)});
  w.add("l.class_number = ?", {std::to_string(cls.class_number)});
  w.add("l.to_day >= ?", {from});
  w.add("l.from_day <= ?", {to});
  w.add("l.cancelled_at IS NULL");
  return read_all(db, w, "ORDER BY l.child_key, l.from_day");
}

Result<std::vector<LeaveRecord>> leave_in_scope(Database& db, const std::string& county,
                                                const core::Scope& scope, const std::string& from,
                                                const std::string& school_code) {
  Where w;
  w.add("l.county_code = ?", {county});
  if (!from.empty()) w.add("l.to_day >= ?", {from});
  if (!school_code.empty()) w.add("l.school_code = ?", {school_code});
  w.add(scope_condition(scope, "l"));
  return read_all(db, w, "ORDER BY l.from_day DESC, l.id DESC");
}

Result<std::optional<LeaveRecord>> leave_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope) {
  Where w;
  w.add("l.county_code = ?", {county});
  w.add("l.id = ?", {std::to_string(id)});
  w.add(scope_condition(scope, "l"));
  auto rows = read_all(db, w, "");
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<LeaveRecord>{};
  return std::optional<LeaveRecord>(rows->front());
}

Status cancel_leave(Database& db, const std::string& county, long long id, const std::string& by) {
  return guarded([&]() -> Status {
    const std::string now = now_utc();
    db.sql() << "UPDATE leave_records SET cancelled_by = :b, cancelled_at = :t WHERE "
                "county_code = :c AND id = :i AND cancelled_at IS NULL",
        soci::use(by), soci::use(now), soci::use(county), soci::use(id);
    return {};
  });
}

}  // namespace baoxue::store
