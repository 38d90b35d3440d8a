#include "store/home_visit_repository.h"

#include <unordered_map>

#include "store/bulk_insert.h"
#include "store/ledger_repository.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kVisitColumns =
    "v.id, v.child_key, v.name, v.township_code, v.village_code, v.school_code, v.school_name, "
    "v.grade, v.class_number, v.key_groups, v.visit_date, v.method, v.visitors, v.met, "
    "v.content, v.follow_up, v.corrects_id, v.recorded_by, v.recorded_at, "
    "(SELECT COUNT(*) FROM home_visits c WHERE c.county_code = v.county_code AND "
    "c.corrects_id = v.id)";

HomeVisit read_visit(const soci::row& r) {
  HomeVisit v;
  v.id = row_int(r, 0);
  v.child_key = row_text(r, 1);
  v.name = row_text(r, 2);
  v.township_code = row_text(r, 3);
  v.village_code = row_text(r, 4);
  v.school_code = row_text(r, 5);
  v.school_name = row_text(r, 6);
  v.grade = row_optional_int(r, 7);
  v.class_number = row_optional_int(r, 8);
  v.key_groups = row_text(r, 9);
  v.visit_date = row_text(r, 10);
  v.method = row_text(r, 11);
  v.visitors = row_text(r, 12);
  v.met = row_text(r, 13);
  v.content = row_text(r, 14);
  v.follow_up = row_text(r, 15);
  v.corrects_id = row_optional_int(r, 16);
  v.recorded_by = row_text(r, 17);
  v.recorded_at = row_text(r, 18);
  v.corrected = row_int(r, 19) > 0;
  return v;
}

const char* const kNotCorrected =
    "NOT EXISTS (SELECT 1 FROM home_visits c WHERE c.county_code = v.county_code AND "
    "c.corrects_id = v.id)";

Where visit_where(const std::string& county, const VisitQuery& q, const core::Scope& scope) {
  Where where;
  where.add("v.county_code = ?", {county});
  if (!q.township_code.empty()) where.add("v.township_code = ?", {q.township_code});
  if (!q.village_code.empty()) where.add("v.village_code = ?", {q.village_code});
  if (!q.school_code.empty()) where.add("v.school_code = ?", {q.school_code});
  if (!q.method.empty()) where.add("v.method = ?", {q.method});
  if (!q.child_key.empty()) where.add("v.child_key = ?", {q.child_key});
  if (!q.from.empty()) where.add("v.visit_date >= ?", {q.from});
  if (!q.to.empty()) where.add("v.visit_date <= ?", {q.to});
  if (!q.key_group.empty())
    where.add("(',' || v.key_groups || ',') LIKE ?", {"%," + q.key_group + ",%"});
  add_copied_child_search(where, q.q, "v");
  if (!q.with_corrected) where.add(kNotCorrected);
  where.add(scope_condition(scope, "v"));
  return where;
}

}  // namespace

Status insert_visit(Database& db, const std::string& county, HomeVisit& v) {
  return db.transaction([&]() -> Status {
    v.id = db.reserve_ids("home_visits", 1);
    if (v.recorded_at.empty()) v.recorded_at = now_utc();
    BulkInsert put(db, "home_visits",
                   {"county_code",  "id",          "child_key",   "name",        "township_code",
                    "village_code", "school_code", "school_name", "grade",       "class_number",
                    "key_groups",   "visit_date",  "method",      "visitors",    "met",
                    "content",      "follow_up",   "corrects_id", "recorded_by", "recorded_at"},
                   1);
    put.text(county).integer(v.id).text(v.child_key).text(v.name).text(v.township_code);
    put.text(v.village_code).text(v.school_code).text(v.school_name).integer(v.grade);
    put.integer(v.class_number).text(v.key_groups).text(v.visit_date).text(v.method);
    put.text(v.visitors).text(v.met).text(v.content).text(v.follow_up).integer(v.corrects_id);
    put.text(v.recorded_by).text(v.recorded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<Paged<HomeVisit>> find_visits(Database& db, const std::string& county, const VisitQuery& q,
                                     const core::Scope& scope, const Page& page) {
  const Where where = visit_where(county, q, scope);
  Paged<HomeVisit> out;
  auto total = count_rows(db, "FROM home_visits v", where);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, std::string("SELECT ") + kVisitColumns + " FROM home_visits v",
                           where, "ORDER BY v.visit_date DESC, v.id DESC" + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_visit(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<HomeVisit>> visit_by_id(Database& db, const std::string& county, long long id,
                                             const core::Scope& scope) {
  Where where;
  where.add("v.county_code = ?", {county}).add("v.id = ?", {std::to_string(id)});
  where.add(scope_condition(scope, "v"));
  std::optional<HomeVisit> out;
  Status st = for_each_row(db, std::string("SELECT ") + kVisitColumns + " FROM home_visits v",
                           where, "", [&](const soci::row& r) { out = read_visit(r); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<KeyGroupPupil>> key_group_pupils(Database& db, const std::string& county,
                                                    const core::Scope& scope,
                                                    const std::string& township_code,
                                                    const std::string& school_code,
                                                    const std::string& from,
                                                    const std::string& to) {
  std::vector<KeyGroupPupil> out;
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return out;
  Where where;
  where.add("county_code = ?", {county})
      .add("run_id = ?", {std::to_string(run.value()->id)})
      .add("key_groups IS NOT NULL AND key_groups <> ''")
      .add("school_code IS NOT NULL AND school_code <> ''");
  if (!township_code.empty()) where.add("township_code = ?", {township_code});
  if (!school_code.empty()) where.add("school_code = ?", {school_code});
  where.add(scope_condition(scope, ""));
  std::unordered_map<std::string, std::size_t> index;
  Status st = for_each_row(
      db,
      "SELECT id, child_key, name, sex, school_code, school_name, key_groups, grade, "
      "class_number FROM ledger_children",
      where, "ORDER BY school_code, grade, class_number, name, id", [&](const soci::row& r) {
        KeyGroupPupil p;
        p.ledger_id = row_int(r, 0);
        p.child_key = row_text(r, 1);
        p.name = row_text(r, 2);
        p.sex = row_text(r, 3);
        p.school_code = row_text(r, 4);
        p.school_name = row_text(r, 5);
        p.key_groups = row_text(r, 6);
        p.grade = row_optional_int(r, 7);
        p.class_number = row_optional_int(r, 8);
        index.emplace(p.child_key, out.size());
        out.push_back(std::move(p));
      });
  if (!st) return st.error();
  if (out.empty()) return out;
  // The term's counted visits of those pupils, whoever made them.
  Where visits;
  visits.add("v.county_code = ?", {county})
      .add("v.visit_date >= ?", {from})
      .add("v.visit_date <= ?", {to})
      .add(kNotCorrected);
  if (!school_code.empty()) visits.add("v.school_code = ?", {school_code});
  st = for_each_row(db, "SELECT v.child_key, COUNT(*), MAX(v.visit_date) FROM home_visits v",
                    visits, "GROUP BY v.child_key", [&](const soci::row& r) {
                      auto it = index.find(row_text(r, 0));
                      if (it == index.end()) return;
                      out[it->second].visits = static_cast<long>(row_int(r, 1));
                      out[it->second].last_visit = row_text(r, 2);
                    });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
