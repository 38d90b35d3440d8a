#include "store/home_teaching_repository.h"

#include "store/bulk_insert.h"
#include "store/ledger_repository.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kPlanSelect =
    "SELECT id, child_key, name, sex, birth_date, id_number, township_code, village_code, "
    "school_code, school_name, grade, class_number, disability_category, disability_grade, "
    "assessment, teachers, subjects, visits_per_week, hours_target, school_year, start_date, "
    "end_date, status, case_id, created_by, created_at, updated_at FROM home_teaching_plans";

HomeTeachingPlan read_plan(const soci::row& r) {
  HomeTeachingPlan p;
  p.id = row_int(r, 0);
  p.child_key = row_text(r, 1);
  p.name = row_text(r, 2);
  p.sex = row_text(r, 3);
  p.birth_date = row_text(r, 4);
  p.id_number = row_text(r, 5);
  p.township_code = row_text(r, 6);
  p.village_code = row_text(r, 7);
  p.school_code = row_text(r, 8);
  p.school_name = row_text(r, 9);
  p.grade = row_optional_int(r, 10);
  p.class_number = row_optional_int(r, 11);
  p.disability_category = row_text(r, 12);
  p.disability_grade = row_text(r, 13);
  p.assessment = row_text(r, 14);
  p.teachers = row_text(r, 15);
  p.subjects = row_text(r, 16);
  p.visits_per_week = static_cast<int>(row_int(r, 17));
  p.hours_target = row_double(r, 18);
  p.school_year = static_cast<int>(row_int(r, 19));
  p.start_date = row_text(r, 20);
  p.end_date = row_text(r, 21);
  p.status = row_text(r, 22);
  p.case_id = row_optional_int(r, 23);
  p.created_by = row_text(r, 24);
  p.created_at = row_text(r, 25);
  p.updated_at = row_text(r, 26);
  return p;
}

const char* const kSessionSelect =
    "SELECT id, plan_id, session_date, hours, teacher, content, corrects_id, recorded_by, "
    "recorded_at FROM home_teaching_sessions";

TeachingSession read_session(const soci::row& r) {
  TeachingSession s;
  s.id = row_int(r, 0);
  s.plan_id = row_int(r, 1);
  s.session_date = row_text(r, 2);
  s.hours = row_double(r, 3);
  s.teacher = row_text(r, 4);
  s.content = row_text(r, 5);
  s.corrects_id = row_optional_int(r, 6);
  s.recorded_by = row_text(r, 7);
  s.recorded_at = row_text(r, 8);
  return s;
}

const char* const kChildSelect =
    "SELECT child_key, name, sex, birth_date, id_number, township_code, village_code, "
    "school_code, school_name, grade, class_number, key_groups FROM ledger_children";

PlanChild read_child(const soci::row& r) {
  PlanChild c;
  c.child_key = row_text(r, 0);
  c.name = row_text(r, 1);
  c.sex = row_text(r, 2);
  c.birth_date = row_text(r, 3);
  c.id_number = row_text(r, 4);
  c.township_code = row_text(r, 5);
  c.village_code = row_text(r, 6);
  c.school_code = row_text(r, 7);
  c.school_name = row_text(r, 8);
  c.grade = row_optional_int(r, 9);
  c.class_number = row_optional_int(r, 10);
  c.key_groups = row_text(r, 11);
  return c;
}

// The disability the 残疾 key-group list records for an ID number (its latest record).
Status add_disability(Database& db, const std::string& county, PlanChild& c) {
  if (c.id_number.empty()) return {};
  Where where;
  where.add("r.county_code = ?", {county})
      .add("l.kind = 'group'")
      .add("l.group_code = 'disabled'")
      .add("r.id_number = ?", {c.id_number});
  return for_each_row(db,
                      "SELECT r.disability_category, r.disability_grade FROM current_records r "
                      "JOIN source_lists l ON l.county_code = r.county_code AND l.id = r.list_id",
                      where, "ORDER BY r.id DESC", [&](const soci::row& r) {
                        if (c.disability_category.empty()) c.disability_category = row_text(r, 0);
                        if (c.disability_grade.empty()) c.disability_grade = row_text(r, 1);
                      });
}

void add_plan_search(Where& where, const std::string& typed) {
  const ChildSearch search = child_search(typed);
  if (search.kind == ChildSearch::kNone) return;
  if (search.kind == ChildSearch::kIdNumber) {
    where.add("id_number = ?", {search.text});
  } else if (search.kind == ChildSearch::kIdTail) {
    where.add("id_number LIKE ?", {"%" + search.text});
  } else {
    std::string pattern;
    for (char c : typed) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    where.add("name LIKE ? ESCAPE '\\'", {pattern + "%"});
  }
}

}  // namespace

Result<std::optional<PlanChild>> plan_child_by_key(Database& db, const std::string& county,
                                                   const std::string& child_key,
                                                   const core::Scope& scope) {
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return std::optional<PlanChild>();
  Where where;
  where.equals("county_code", county)
      .equals("run_id", std::to_string(run.value()->id))
      .add("child_key = ?", {child_key})
      .add(scope_condition(scope, ""));
  std::optional<PlanChild> out;
  Status st =
      for_each_row(db, kChildSelect, where, "", [&](const soci::row& r) { out = read_child(r); });
  if (!st) return st.error();
  if (out) {
    if (Status d = add_disability(db, county, *out); !d) return d.error();
  }
  return out;
}

Result<std::optional<PlanChild>> plan_child_by_ledger_id(Database& db, const std::string& county,
                                                         long long ledger_child_id,
                                                         const core::Scope& scope) {
  auto row = child_by_id(db, county, ledger_child_id, scope);
  if (!row) return row.error();
  if (!row.value()) return std::optional<PlanChild>();
  return plan_child_by_key(db, county, row.value()->child_key, scope);
}

Status insert_plan(Database& db, const std::string& county, HomeTeachingPlan& p) {
  return db.transaction([&]() -> Status {
    std::optional<long long> existing;
    Where where;
    where.equals("county_code", county)
        .add("child_key = ?", {p.child_key})
        .equals("school_year", std::to_string(p.school_year));
    Status found = for_each_row(db, "SELECT id FROM home_teaching_plans", where, "",
                                [&](const soci::row& r) { existing = row_int(r, 0); });
    if (!found) return found;
    if (existing)
      return make_error("plan_exists", p.name + " 在 " + std::to_string(p.school_year) +
                                           " 学年已有送教计划（编号 " + std::to_string(*existing) +
                                           "），请在原计划上记录送教");
    p.id = db.reserve_ids("home_teaching_plans", 1);
    p.created_at = p.updated_at = now_utc();
    BulkInsert put(db, "home_teaching_plans",
                   {"county_code",
                    "id",
                    "child_key",
                    "name",
                    "sex",
                    "birth_date",
                    "id_number",
                    "township_code",
                    "village_code",
                    "school_code",
                    "school_name",
                    "grade",
                    "class_number",
                    "disability_category",
                    "disability_grade",
                    "assessment",
                    "teachers",
                    "subjects",
                    "visits_per_week",
                    "hours_target",
                    "school_year",
                    "start_date",
                    "end_date",
                    "status",
                    "case_id",
                    "created_by",
                    "created_at",
                    "updated_at"},
                   1);
    put.text(county).integer(p.id).text(p.child_key).text(p.name).text(p.sex).text(p.birth_date);
    put.text(p.id_number).text(p.township_code).text(p.village_code).text(p.school_code);
    put.text(p.school_name).integer(p.grade).integer(p.class_number).text(p.disability_category);
    put.text(p.disability_grade).text(p.assessment).text(p.teachers).text(p.subjects);
    put.integer(p.visits_per_week).real(p.hours_target).integer(p.school_year);
    put.text(p.start_date).text(p.end_date).text(p.status).integer(p.case_id).text(p.created_by);
    put.text(p.created_at).text(p.updated_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<HomeTeachingPlan>> find_plans(Database& db, const std::string& county,
                                                 const PlanQuery& q, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county)
      .equals("township_code", q.township_code)
      .equals("village_code", q.village_code)
      .equals("school_code", q.school_code)
      .equals("status", q.status);
  if (q.school_year) where.equals("school_year", std::to_string(*q.school_year));
  add_plan_search(where, q.q);
  where.add(scope_condition(scope, ""));
  std::vector<HomeTeachingPlan> out;
  Status st = for_each_row(db, kPlanSelect, where, "ORDER BY township_code, school_code, name, id",
                           [&](const soci::row& r) { out.push_back(read_plan(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<HomeTeachingPlan>> plan_by_id(Database& db, const std::string& county,
                                                   long long id, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("id", std::to_string(id));
  where.add(scope_condition(scope, ""));
  std::optional<HomeTeachingPlan> out;
  Status st =
      for_each_row(db, kPlanSelect, where, "", [&](const soci::row& r) { out = read_plan(r); });
  if (!st) return st.error();
  return out;
}

Status end_plan(Database& db, const std::string& county, long long id,
                const std::string& end_date) {
  return guarded([&]() -> Status {
    const std::string now = now_utc();
    soci::statement st =
        (db.sql().prepare << "UPDATE home_teaching_plans SET status = 'ended', end_date = :e, "
                             "updated_at = :u WHERE county_code = :c AND id = :i AND status = "
                             "'active'",
         soci::use(end_date), soci::use(now), soci::use(county), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) return make_error("plan_not_active", "这份送教计划已经结束");
    return {};
  });
}

Status insert_session(Database& db, const std::string& county, TeachingSession& s) {
  return db.transaction([&]() -> Status {
    s.id = db.reserve_ids("home_teaching_sessions", 1);
    if (s.recorded_at.empty()) s.recorded_at = now_utc();
    BulkInsert put(db, "home_teaching_sessions",
                   {"county_code", "id", "plan_id", "session_date", "hours", "teacher", "content",
                    "corrects_id", "recorded_by", "recorded_at"},
                   1);
    put.text(county).integer(s.id).integer(s.plan_id).text(s.session_date).real(s.hours);
    put.text(s.teacher).text(s.content).integer(s.corrects_id).text(s.recorded_by);
    put.text(s.recorded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<TeachingSession>> sessions_of_plans(Database& db, const std::string& county,
                                                       const std::vector<long long>& plan_ids) {
  std::vector<TeachingSession> out;
  // In chunks: a county's plans are few, but a bound list stays bounded.
  for (std::size_t from = 0; from < plan_ids.size(); from += 200) {
    Where where;
    where.equals("county_code", county);
    std::string in;
    std::vector<std::string> values;
    for (std::size_t i = from; i < plan_ids.size() && i < from + 200; ++i) {
      in += in.empty() ? "?" : ", ?";
      values.push_back(std::to_string(plan_ids[i]));
    }
    where.add("plan_id IN (" + in + ")", values);
    Status st = for_each_row(db, kSessionSelect, where, "ORDER BY plan_id, session_date, id",
                             [&](const soci::row& r) { out.push_back(read_session(r)); });
    if (!st) return st.error();
  }
  return out;
}

HomeTeachingPlan plan_for(const PlanChild& ch) {
  HomeTeachingPlan p;
  p.child_key = ch.child_key;
  p.name = ch.name;
  p.sex = ch.sex;
  p.birth_date = ch.birth_date;
  p.id_number = ch.id_number;
  p.township_code = ch.township_code;
  p.village_code = ch.village_code;
  p.school_code = ch.school_code;
  p.school_name = ch.school_name;
  p.grade = ch.grade;
  p.class_number = ch.class_number;
  p.disability_category = ch.disability_category;
  p.disability_grade = ch.disability_grade;
  return p;
}

}  // namespace baoxue::store
