#include "store/indicator_facts.h"

#include <map>

#include "store/query.h"
#include "store/rows.h"

namespace baoxue::store {

Result<std::vector<HukouEnrolment>> hukou_enrolment(
    Database& db, const std::string& county, long long run_id,
    const std::set<std::string>& in_school_categories) {
  Where where;
  where.add("county_code = ?", {county}).add("run_id = ?", {std::to_string(run_id)});
  // On the household registry: the census lists "hukou" first in on_lists when it is there
  // (ledger/census.cpp), so a prefix test does — and spares concatenating 60,000 strings.
  where.add("in_band = 1").add("on_lists LIKE 'hukou%'");
  std::map<std::string, HukouEnrolment> by_township;
  // Grouped by what decides "in school", which is then judged here: the categories are the
  // county's codes.
  Status st =
      for_each_row(db, "SELECT township_code, standing, category, COUNT(*) FROM ledger_children",
                   where, "GROUP BY township_code, standing, category", [&](const soci::row& r) {
                     const std::string township = row_text(r, 0);
                     HukouEnrolment& h = by_township[township];
                     h.township_code = township;
                     const long long n = row_int(r, 3);
                     h.school_age += n;
                     const std::string standing = row_text(r, 1);
                     if (standing == "in_school" ||
                         (standing == "verified" && in_school_categories.count(row_text(r, 2))))
                       h.in_school += n;
                   });
  if (!st) return st.error();
  std::vector<HukouEnrolment> out;
  for (auto& [code, h] : by_township) out.push_back(std::move(h));
  return out;
}

Result<std::vector<GroupChild>> group_children(Database& db, const std::string& county,
                                               long long run_id, const std::string& group_code) {
  Where where;
  where.add("lc.county_code = ?", {county}).add("lc.run_id = ?", {std::to_string(run_id)});
  // Of compulsory-education age, or on the student registry in grades 1–9 (an over-age pupil
  // still in grade 8 is a compulsory-education pupil).
  where.add("(lc.in_band = 1 OR lc.grade IS NOT NULL)")
      .add("(',' || lc.key_groups || ',') LIKE ?", {"%," + group_code + ",%"});
  std::vector<GroupChild> out;
  Status st = for_each_row(
      db,
      "SELECT lc.child_key, lc.name, lc.township_code, lc.school_code, lc.school_name, "
      "lc.standing, lc.category, sr.enrollment_status FROM ledger_children lc LEFT JOIN "
      "list_records lr ON lr.county_code = lc.county_code AND lr.id = lc.xueji_record_id LEFT "
      "JOIN source_rows sr ON sr.county_code = lr.county_code AND sr.id = lr.source_row_id",
      where, "ORDER BY lc.id", [&](const soci::row& r) {
        out.push_back({row_text(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3),
                       row_text(r, 4), row_text(r, 5), row_text(r, 6), row_text(r, 7)});
      });
  if (!st) return st.error();
  return out;
}

Result<std::set<std::string>> home_taught_children(Database& db, const std::string& county) {
  Where where;
  where.add("county_code = ?", {county}).add("status = 'active'");
  std::set<std::string> out;
  Status st = for_each_row(db, "SELECT child_key FROM home_teaching_plans", where, "",
                           [&](const soci::row& r) { out.insert(row_text(r, 0)); });
  if (!st) return st.error();
  return out;
}

namespace {

// The columns both ledgers share, then `extra`: id, child_key, name, id_number, township_code,
// school_code, school_name, grade, class_number, status, opened_at, closed_at.
const char* const kEntryColumns =
    "id, child_key, name, id_number, township_code, school_code, school_name, grade, "
    "class_number, status, opened_at, closed_at, ";

EntryFact read_entry(const soci::row& r, const char* kind) {
  EntryFact e;
  e.kind = kind;
  e.id = row_int(r, 0);
  e.child_key = row_text(r, 1);
  e.name = row_text(r, 2);
  e.id_number = row_text(r, 3);
  e.township_code = row_text(r, 4);
  e.school_code = row_text(r, 5);
  e.school_name = row_text(r, 6);
  e.grade = row_optional_int(r, 7);
  e.class_number = row_optional_int(r, 8);
  e.status = row_text(r, 9);
  e.opened_at = row_text(r, 10);
  e.closed_at = row_text(r, 11);
  return e;
}

}  // namespace

Result<std::vector<EntryFact>> entry_facts(Database& db, const std::string& county) {
  std::vector<EntryFact> out;
  Where where;
  where.add("county_code = ?", {county});
  Status st = for_each_row(
      db,
      std::string("SELECT ") + kEntryColumns + "comparison, close_category FROM suspected_entries",
      where, "ORDER BY id", [&](const soci::row& r) {
        EntryFact e = read_entry(r, "suspected");
        e.comparison = row_text(r, 12);
        e.category = row_text(r, 13);
        out.push_back(std::move(e));
      });
  if (!st) return st.error();
  st = for_each_row(
      db, std::string("SELECT ") + kEntryColumns + "category, end_reason FROM dropout_entries",
      where, "ORDER BY id", [&](const soci::row& r) {
        EntryFact e = read_entry(r, "dropout");
        e.category = row_text(r, 12);
        e.end_reason = row_text(r, 13);
        out.push_back(std::move(e));
      });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
