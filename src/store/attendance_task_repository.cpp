#include "store/attendance_task_repository.h"

#include <functional>
#include <map>
#include <set>

#include "store/bulk_insert.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kTaskSelect =
    "SELECT t.id, t.child_key, t.name, t.township_code, t.village_code, t.school_code, "
    "t.school_name, t.grade, t.class_number, t.streak_since, t.level, t.action, t.due_on, "
    "t.status, t.created_at, t.closed_at, t.closed_by, t.close_note, t.home_visit_id "
    "FROM attendance_tasks t";

AttendanceTask read_task(const soci::row& r) {
  AttendanceTask t;
  t.id = row_int(r, 0);
  t.child_key = row_text(r, 1);
  t.name = row_text(r, 2);
  t.township_code = row_text(r, 3);
  t.village_code = row_text(r, 4);
  t.school_code = row_text(r, 5);
  t.school_name = row_text(r, 6);
  t.grade = row_optional_int(r, 7);
  t.class_number = row_optional_int(r, 8);
  t.streak_since = row_text(r, 9);
  t.level = static_cast<int>(row_int(r, 10));
  t.action = row_text(r, 11);
  t.due_on = row_text(r, 12);
  t.status = row_text(r, 13);
  t.created_at = row_text(r, 14);
  t.closed_at = row_text(r, 15);
  t.closed_by = row_text(r, 16);
  t.close_note = row_text(r, 17);
  t.home_visit_id = row_optional_int(r, 18);
  return t;
}

}  // namespace

Result<long long> add_tasks(Database& db, const std::string& county,
                            std::vector<AttendanceTask>& tasks) {
  long long added = 0;
  Status st = db.transaction([&]() -> Status {
    std::set<std::string> keys;
    for (const auto& t : tasks) keys.insert(t.child_key);
    std::set<std::tuple<std::string, std::string, std::string>> have;
    for (const auto& key : keys) {
      Where w;
      w.add("t.county_code = ?", {county});
      w.add("t.child_key = ?", {key});
      Status s = for_each_row(db,
                              "SELECT t.child_key, t.streak_since, t.action FROM "
                              "attendance_tasks t",
                              w, "", [&](const soci::row& r) {
                                have.emplace(row_text(r, 0), row_text(r, 1), row_text(r, 2));
                              });
      if (!s) return s;
    }
    const std::string now = now_utc();
    BulkInsert put(db, "attendance_tasks",
                   {"county_code", "id", "child_key", "name", "township_code", "village_code",
                    "school_code", "school_name", "grade", "class_number", "streak_since", "level",
                    "action", "due_on", "status", "created_at"},
                   200);
    for (auto& t : tasks) {
      if (!have.emplace(t.child_key, t.streak_since, t.action).second) continue;
      t.id = db.reserve_ids("attendance_tasks", 1);
      t.created_at = now;
      put.text(county).integer(t.id).text(t.child_key).text(t.name).text(t.township_code);
      put.text(t.village_code).text(t.school_code).text(t.school_name).integer(t.grade);
      put.integer(t.class_number).text(t.streak_since).integer(static_cast<long long>(t.level));
      put.text(t.action).text(t.due_on).text("open").text(t.created_at);
      if (Status s = put.end_row(); !s) return s;
      ++added;
    }
    return put.flush();
  });
  if (!st) return st.error();
  return added;
}

Result<std::vector<AttendanceTask>> open_tasks_of(Database& db, const std::string& county,
                                                  const std::string& child_key) {
  Where w;
  w.add("t.county_code = ?", {county});
  if (!child_key.empty()) w.add("t.child_key = ?", {child_key});
  w.add("t.status = 'open'");
  std::vector<AttendanceTask> out;
  Status st = for_each_row(db, kTaskSelect, w, "ORDER BY t.due_on, t.id",
                           [&](const soci::row& r) { out.push_back(read_task(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<AttendanceTask>> open_tasks_of_class(Database& db, const std::string& county,
                                                        const std::string& school_code, int grade,
                                                        int class_number) {
  Where w;
  w.add("t.county_code = ?", {county});
  w.add("t.status = 'open'");
  w.add("t.school_code = ?", {school_code});
  w.add("t.grade = ?", {std::to_string(grade)});
  w.add("t.class_number = ?", {std::to_string(class_number)});
  std::vector<AttendanceTask> out;
  Status st = for_each_row(db, kTaskSelect, w, "ORDER BY t.due_on, t.id",
                           [&](const soci::row& r) { out.push_back(read_task(r)); });
  if (!st) return st.error();
  return out;
}

Status close_task(Database& db, const std::string& county, long long id, const std::string& status,
                  const std::string& by, const std::string& note,
                  std::optional<long long> home_visit_id) {
  return guarded([&]() -> Status {
    const std::string now = now_utc();
    long long visit = home_visit_id.value_or(0);
    soci::indicator visit_ind = home_visit_id ? soci::i_ok : soci::i_null;
    db.sql() << "UPDATE attendance_tasks SET status = :s, closed_at = :t, closed_by = :b, "
                "close_note = :n, home_visit_id = :v WHERE county_code = :c AND id = :i AND "
                "status = 'open'",
        soci::use(status), soci::use(now), soci::use(by), soci::use(note),
        soci::use(visit, visit_ind), soci::use(county), soci::use(id);
    return {};
  });
}

namespace {

Where task_where(const std::string& county, const AttendanceTaskQuery& q,
                 const core::Scope& scope) {
  Where w;
  w.add("t.county_code = ?", {county});
  if (!q.school_code.empty()) w.add("t.school_code = ?", {q.school_code});
  if (!q.township_code.empty()) w.add("t.township_code = ?", {q.township_code});
  if (!q.child_key.empty()) w.add("t.child_key = ?", {q.child_key});
  if (q.status == "overdue") {
    w.add("t.status = 'open'");
    w.add("t.due_on < ?", {q.today});
  } else if (!q.status.empty()) {
    w.add("t.status = ?", {q.status});
  }
  w.add(scope_condition(scope, "t"));
  return w;
}

}  // namespace

Result<Paged<AttendanceTask>> find_attendance_tasks(Database& db, const std::string& county,
                                                    const AttendanceTaskQuery& q,
                                                    const core::Scope& scope, const Page& page) {
  const Where w = task_where(county, q, scope);
  Paged<AttendanceTask> out;
  auto total = count_rows(db, "FROM attendance_tasks t", w);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(
      db, kTaskSelect, w,
      "ORDER BY CASE t.status WHEN 'open' THEN 0 ELSE 1 END, t.due_on, t.id" + limit_clause(page),
      [&](const soci::row& r) { out.rows.push_back(read_task(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<TaskRollup>> task_rollups(Database& db, const std::string& county,
                                             const std::string& today, const core::Scope& scope) {
  // Open tasks per school, then the overdue among them (due before today) from a second count.
  auto per_school = [&](bool overdue, const std::function<void(const soci::row&)>& on_row) {
    Where w;
    w.add("t.county_code = ?", {county});
    w.add("t.status = 'open'");
    w.add(scope_condition(scope, "t"));
    if (overdue) w.add("t.due_on < ?", {today});
    return for_each_row(db,
                        "SELECT t.school_code, MAX(t.school_name), MAX(t.township_code), COUNT(*) "
                        "FROM attendance_tasks t",
                        w, "GROUP BY t.school_code ORDER BY t.school_code", on_row);
  };
  std::vector<TaskRollup> out;
  std::map<std::string, std::size_t> at;
  Status st = per_school(false, [&](const soci::row& r) {
    at[row_text(r, 0)] = out.size();
    out.push_back({row_text(r, 0), row_text(r, 1), row_text(r, 2), row_int(r, 3), 0});
  });
  if (!st) return st.error();
  st = per_school(true, [&](const soci::row& r) {
    if (auto it = at.find(row_text(r, 0)); it != at.end()) out[it->second].overdue = row_int(r, 3);
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
