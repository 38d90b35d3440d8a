#include "store/case_repository.h"

#include "core/case_flow.h"
#include "core/date.h"
#include "core/task_flow.h"
#include "store/bulk_insert.h"
#include "store/ledger_repository.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

// The columns the workflow writes, after county_code and id, in this order everywhere.
const std::vector<std::string> kCaseColumns = {"child_key",
                                               "dropout_id",
                                               "township_code",
                                               "village_code",
                                               "school_code",
                                               "school_name",
                                               "grade",
                                               "class_number",
                                               "cause_category",
                                               "cause_note",
                                               "state",
                                               "prior_state",
                                               "end_reason",
                                               "plan_measures",
                                               "plan_target_date",
                                               "return_school_code",
                                               "return_school_name",
                                               "return_grade",
                                               "return_class",
                                               "return_date",
                                               "follow_up_until",
                                               "adaptation_plan",
                                               "attempts",
                                               "refusals",
                                               "last_attempt_date",
                                               "next_due",
                                               "notice_deadline",
                                               "opened_at",
                                               "opened_by",
                                               "updated_at",
                                               "closed_at",
                                               "closed_by"};

// The child's particulars come from his dropout entry.
const std::vector<std::string> kChildColumns = {
    "d.name",    "d.sex",     "d.birth_date",    "d.id_number",      "d.township",
    "d.village", "d.address", "d.guardian_name", "d.guardian_phone", "d.key_groups"};

const std::string kCaseFrom =
    " FROM cases c JOIN dropout_entries d ON d.county_code = c.county_code AND d.id = "
    "c.dropout_id";

std::string case_select() {
  std::string s = "SELECT c.id";
  for (const auto& col : kCaseColumns) s += ", c." + col;
  for (const auto& col : kChildColumns) s += ", " + col;
  return s + kCaseFrom;
}

// The text fields in column order, with the integers read apart.
Case read_case(const soci::row& r) {
  Case c;
  std::size_t i = 0;
  c.id = row_int(r, i++);
  c.child_key = row_text(r, i++);
  c.dropout_id = row_int(r, i++);
  for (std::string* s : {&c.township_code, &c.village_code, &c.school_code, &c.school_name})
    *s = row_text(r, i++);
  c.grade = row_optional_int(r, i++);
  c.class_number = row_optional_int(r, i++);
  for (std::string* s :
       {&c.cause_category, &c.cause_note, &c.state, &c.prior_state, &c.end_reason, &c.plan_measures,
        &c.plan_target_date, &c.return_school_code, &c.return_school_name})
    *s = row_text(r, i++);
  c.return_grade = row_optional_int(r, i++);
  for (std::string* s : {&c.return_class, &c.return_date, &c.follow_up_until, &c.adaptation_plan})
    *s = row_text(r, i++);
  c.attempts = row_int(r, i++);
  c.refusals = row_int(r, i++);
  for (std::string* s :
       {&c.last_attempt_date, &c.next_due, &c.notice_deadline, &c.opened_at, &c.opened_by,
        &c.updated_at, &c.closed_at, &c.closed_by, &c.name, &c.sex, &c.birth_date, &c.id_number,
        &c.township, &c.village, &c.address, &c.guardian_name, &c.guardian_phone, &c.key_groups})
    *s = row_text(r, i++);
  return c;
}

// The written columns of `c` in kCaseColumns order, as text ("" is NULL): what an insert and an
// update bind, so the two can never disagree on the order.
std::vector<std::string> case_values(const Case& c) {
  auto integer = [](std::optional<long long> v) { return v ? std::to_string(*v) : ""; };
  return {c.child_key,
          std::to_string(c.dropout_id),
          c.township_code,
          c.village_code,
          c.school_code,
          c.school_name,
          integer(c.grade),
          integer(c.class_number),
          c.cause_category,
          c.cause_note,
          c.state,
          c.prior_state,
          c.end_reason,
          c.plan_measures,
          c.plan_target_date,
          c.return_school_code,
          c.return_school_name,
          integer(c.return_grade),
          c.return_class,
          c.return_date,
          c.follow_up_until,
          c.adaptation_plan,
          std::to_string(c.attempts),
          std::to_string(c.refusals),
          c.last_attempt_date,
          c.next_due,
          c.notice_deadline,
          c.opened_at,
          c.opened_by,
          c.updated_at,
          c.closed_at,
          c.closed_by};
}

std::string open_states_sql() { return core::sql_list(core::open_case_states()); }

// The case list's filter: the same conditions for the page, the counts and the roll-ups.
Where case_where(Database& db, const std::string& county, const CaseQuery& q,
                 const core::Scope& scope, bool with_filter) {
  Where w;
  w.equals("c.county_code", county);
  w.equals("c.township_code", q.township_code).equals("c.village_code", q.village_code);
  w.equals("c.school_code", q.school_code);
  if (!q.person.empty())
    w.add(
        "EXISTS (SELECT 1 FROM case_people p WHERE p.county_code = c.county_code AND p.case_id = "
        "c.id AND p.removed_at IS NULL AND p.name LIKE ?)",
        {"%" + q.person + "%"});
  add_search(db, w, q.q, "d.");
  w.add(scope_condition(scope, "c"));
  if (!with_filter || q.filter.empty()) return w;
  if (q.filter == "open") {
    w.add("c.state IN " + open_states_sql());
  } else if (q.filter == "overdue") {
    w.add("c.state IN " + open_states_sql() + " AND c.next_due < ?", {q.today});
  } else if (q.filter == "notice_due") {
    w.add("c.state = 'persuading' AND c.notice_deadline IS NULL AND c.refusals >= ?",
          {std::to_string(q.refusals_before_notice)});
  } else if (q.filter == "escalated") {
    w.add("c.state = 'persuading' AND c.notice_deadline < ?", {q.today});
  } else {
    w.equals("c.state", q.filter);
  }
  return w;
}

std::string case_order(const CaseQuery& q) {
  if (q.sort.field.empty()) return "ORDER BY c.id DESC";
  static const std::map<std::string, std::string> kColumns = {
      {"name", "d.search_name"},       {"opened_at", "c.opened_at"},
      {"next_due", "c.next_due"},      {"last_attempt_date", "c.last_attempt_date"},
      {"township", "c.township_code"}, {"school", "c.school_name"}};
  return order_by(kColumns.at(q.sort.field), q.sort.descending, "c.id");
}

}  // namespace

Status insert_case(Database& db, const std::string& county, Case& c) {
  return db.transaction([&]() -> Status {
    long long existing = 0;
    db.sql() << "SELECT COUNT(*) FROM cases WHERE county_code = :c AND child_key = :k",
        soci::into(existing), soci::use(county), soci::use(c.child_key);
    if (existing > 0)
      return make_error("case_exists", "该儿童已有劝返复学档案，请在原档案中继续办理");
    c.id = db.reserve_ids("cases", 1);
    if (c.opened_at.empty()) c.opened_at = now_utc();
    if (c.updated_at.empty()) c.updated_at = c.opened_at;
    std::vector<std::string> columns = {"county_code", "id"};
    columns.insert(columns.end(), kCaseColumns.begin(), kCaseColumns.end());
    BulkInsert put(db, "cases", columns, 1);
    put.text(county).integer(c.id);
    for (std::string& v : case_values(c)) put.text(std::move(v));
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Status update_case(Database& db, const std::string& county, const Case& c,
                   const std::string& expected_state) {
  return guarded([&]() -> Status {
    // Written as one UPDATE with every column bound by name: the same statement on both engines.
    std::string sql = "UPDATE cases SET ";
    for (std::size_t i = 0; i < kCaseColumns.size(); ++i)
      sql += (i ? ", " : "") + kCaseColumns[i] + " = :v" + std::to_string(i);
    sql += " WHERE county_code = :county AND id = :id AND state = :expected";
    std::vector<NullableText> values;
    for (std::string& v : case_values(c)) values.emplace_back(std::move(v));
    soci::statement st(db.sql());
    st.alloc();
    st.prepare(sql);
    for (std::size_t i = 0; i < values.size(); ++i)
      st.exchange(soci::use(values[i].value, values[i].ind, "v" + std::to_string(i)));
    std::string county_v = county, expected = expected_state;
    long long id = c.id;
    st.exchange(soci::use(county_v, "county"));
    st.exchange(soci::use(id, "id"));
    st.exchange(soci::use(expected, "expected"));
    st.define_and_bind();
    st.execute(true);
    if (st.get_affected_rows() != 1)
      return make_error("case_changed", "该档案刚被他人办理，状态已变化，请刷新后重试");
    return {};
  });
}

Result<std::optional<Case>> case_by_id(Database& db, const std::string& county, long long id,
                                       const core::Scope& scope) {
  Where w;
  w.equals("c.county_code", county).equals("c.id", std::to_string(id));
  w.add(scope_condition(scope, "c"));
  std::optional<Case> out;
  Status st =
      for_each_row(db, case_select(), w, "", [&](const soci::row& r) { out = read_case(r); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<Case>> case_of_child(Database& db, const std::string& county,
                                          const std::string& child_key) {
  Where w;
  w.equals("c.county_code", county).equals("c.child_key", child_key);
  std::optional<Case> out;
  Status st =
      for_each_row(db, case_select(), w, "", [&](const soci::row& r) { out = read_case(r); });
  if (!st) return st.error();
  return out;
}

const std::vector<std::string>& case_sort_fields() {
  static const std::vector<std::string> kFields = {
      "name", "opened_at", "next_due", "last_attempt_date", "township", "school"};
  return kFields;
}

Result<Paged<Case>> find_cases(Database& db, const std::string& county, const CaseQuery& query,
                               const core::Scope& scope, const Page& page) {
  const Where w = case_where(db, county, query, scope, true);
  Paged<Case> out;
  auto total = count_rows(db, kCaseFrom, w);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, case_select(), w, case_order(query) + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_case(r)); });
  if (!st) return st.error();
  return out;
}

Status for_each_case(Database& db, const std::string& county, const CaseQuery& query,
                     const core::Scope& scope, const std::function<Status(const Case&)>& fn) {
  return for_each_row_until(db, case_select(), case_where(db, county, query, scope, true),
                            case_order(query),
                            [&](const soci::row& r) { return fn(read_case(r)); });
}

namespace {

// SUM(CASE …) columns shared by the counts and the roll-ups: open, not back, overdue, notice
// due, escalated. The day and the threshold are written into the SQL text (the Where binds its
// own values in order after the SELECT list): the day is a checked ISO date, the threshold a
// number, so nothing typed by a user becomes SQL.
std::string flag_sums(const CaseQuery& q) {
  const auto day = Date::parse_iso(q.today);
  const std::string today = "'" + (day ? day->iso() : std::string("9999-12-31")) + "'";
  const std::string open = "c.state IN " + open_states_sql();
  return "SUM(CASE WHEN " + open + " THEN 1 ELSE 0 END), SUM(CASE WHEN c.state IN " +
         core::sql_list(core::not_back_case_states()) + " THEN 1 ELSE 0 END), SUM(CASE WHEN " +
         open + " AND c.next_due < " + today +
         " THEN 1 ELSE 0 END), SUM(CASE WHEN c.state = 'persuading' AND c.notice_deadline IS "
         "NULL AND c.refusals >= " +
         std::to_string(q.refusals_before_notice) +
         " THEN 1 ELSE 0 END), SUM(CASE WHEN c.state = 'persuading' AND c.notice_deadline < " +
         today + " THEN 1 ELSE 0 END)";
}

void read_flags(const soci::row& r, std::size_t i, CaseRollup& out) {
  out.open = row_int(r, i);
  out.not_back = row_int(r, i + 1);
  out.overdue = row_int(r, i + 2);
  out.notice_due = row_int(r, i + 3);
  out.escalated = row_int(r, i + 4);
}

}  // namespace

Result<std::map<std::string, long long>> count_cases(Database& db, const std::string& county,
                                                     const CaseQuery& query,
                                                     const core::Scope& scope) {
  const Where w = case_where(db, county, query, scope, false);
  std::map<std::string, long long> out;
  for (const std::string& s : core::case_states()) out[s] = 0;
  long long all = 0;
  Status st = for_each_row(db, "SELECT c.state, COUNT(*), " + flag_sums(query) + kCaseFrom, w,
                           "GROUP BY c.state", [&](const soci::row& r) {
                             out[row_text(r, 0)] = row_int(r, 1);
                             all += row_int(r, 1);
                             CaseRollup f;
                             read_flags(r, 2, f);
                             out["open"] += f.open;
                             out["not_back"] += f.not_back;
                             out["overdue"] += f.overdue;
                             out["notice_due"] += f.notice_due;
                             out["escalated"] += f.escalated;
                           });
  if (!st) return st.error();
  out["all"] = all;
  return out;
}

Result<CaseRollups> roll_up_cases(Database& db, const std::string& county, const CaseQuery& query,
                                  const core::Scope& scope) {
  const Where w = case_where(db, county, query, scope, false);
  CaseRollups out;
  auto group = [&](const std::string& key, const std::string& name, const std::string& from,
                   std::vector<CaseRollup>& into) -> Status {
    return for_each_row(db, "SELECT " + key + ", MAX(" + name + "), " + flag_sums(query) + from, w,
                        "GROUP BY " + key + " ORDER BY " + key, [&](const soci::row& r) {
                          CaseRollup x;
                          x.key = row_text(r, 0);
                          x.name = row_text(r, 1);
                          read_flags(r, 2, x);
                          into.push_back(x);
                        });
  };
  if (Status st = group("c.township_code", "d.township", kCaseFrom, out.townships); !st)
    return st.error();
  if (Status st = group("c.school_code", "c.school_name", kCaseFrom, out.schools); !st)
    return st.error();
  // By responsible person (a case counts once for each person on it).
  if (Status st = group("p.name || '（' || p.duty || '）'", "p.phone",
                        kCaseFrom + " JOIN case_people p ON p.county_code = c.county_code AND "
                                    "p.case_id = c.id AND p.removed_at IS NULL",
                        out.people);
      !st)
    return st.error();
  return out;
}

Status insert_case_person(Database& db, const std::string& county, CasePerson& p) {
  return guarded([&]() -> Status {
    p.id = db.reserve_ids("case_people", 1);
    if (p.added_at.empty()) p.added_at = now_utc();
    BulkInsert put(db, "case_people",
                   {"county_code", "id", "case_id", "line", "duty", "name", "phone", "username",
                    "added_at", "added_by", "removed_at", "removed_by"},
                   1);
    put.text(county).integer(p.id).integer(p.case_id);
    for (const std::string* s : {&p.line, &p.duty, &p.name, &p.phone, &p.username, &p.added_at,
                                 &p.added_by, &p.removed_at, &p.removed_by})
      put.text(*s);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Status remove_case_person(Database& db, const std::string& county, long long case_id,
                          long long person_id, const std::string& by) {
  return guarded([&]() -> Status {
    const std::string at = now_utc();
    soci::statement st =
        (db.sql().prepare << "UPDATE case_people SET removed_at = :a, "
                             "removed_by = :b WHERE county_code = :c AND "
                             "case_id = :k AND id = :i AND removed_at IS NULL",
         soci::use(at), soci::use(by), soci::use(county), soci::use(case_id), soci::use(person_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return make_error("not_found", "该档案没有这位责任人");
    return {};
  });
}

Result<std::vector<CasePerson>> people_of_case(Database& db, const std::string& county,
                                               long long case_id) {
  Where w;
  w.equals("county_code", county).equals("case_id", std::to_string(case_id));
  std::vector<CasePerson> out;
  Status st = for_each_row(
      db,
      "SELECT id, case_id, line, duty, name, phone, username, added_at, added_by, removed_at, "
      "removed_by FROM case_people",
      w, "ORDER BY id", [&](const soci::row& r) {
        CasePerson p;
        p.id = row_int(r, 0);
        p.case_id = row_int(r, 1);
        std::size_t i = 2;
        for (std::string* s : {&p.line, &p.duty, &p.name, &p.phone, &p.username, &p.added_at,
                               &p.added_by, &p.removed_at, &p.removed_by})
          *s = row_text(r, i++);
        out.push_back(p);
      });
  if (!st) return st.error();
  return out;
}

Status insert_attempt(Database& db, const std::string& county, Attempt& a) {
  return guarded([&]() -> Status {
    a.id = db.reserve_ids("case_attempts", 1);
    if (a.recorded_at.empty()) a.recorded_at = now_utc();
    BulkInsert put(
        db, "case_attempts",
        {"county_code", "id", "case_id", "attempt_date", "method", "visitors", "met", "said",
         "outcome", "next_step", "next_due", "corrects_id", "recorded_by", "recorded_at"},
        1);
    put.text(county).integer(a.id).integer(a.case_id);
    for (const std::string* s : {&a.attempt_date, &a.method, &a.visitors, &a.met, &a.said,
                                 &a.outcome, &a.next_step, &a.next_due})
      put.text(*s);
    put.integer(a.corrects_id).text(a.recorded_by).text(a.recorded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<Attempt>> attempts_of_case(Database& db, const std::string& county,
                                              long long case_id) {
  Where w;
  w.equals("county_code", county).equals("case_id", std::to_string(case_id));
  std::vector<Attempt> out;
  Status st = for_each_row(
      db,
      "SELECT id, case_id, attempt_date, method, visitors, met, said, outcome, next_step, "
      "next_due, corrects_id, recorded_by, recorded_at FROM case_attempts",
      w, "ORDER BY attempt_date, id", [&](const soci::row& r) {
        Attempt a;
        a.id = row_int(r, 0);
        a.case_id = row_int(r, 1);
        std::size_t i = 2;
        for (std::string* s : {&a.attempt_date, &a.method, &a.visitors, &a.met, &a.said, &a.outcome,
                               &a.next_step, &a.next_due})
          *s = row_text(r, i++);
        a.corrects_id = row_optional_int(r, i++);
        a.recorded_by = row_text(r, i++);
        a.recorded_at = row_text(r, i++);
        out.push_back(a);
      });
  if (!st) return st.error();
  return out;
}

Status insert_case_step(Database& db, const std::string& county, CaseStep& s) {
  return guarded([&]() -> Status {
    s.id = db.reserve_ids("case_transitions", 1);
    if (s.at.empty()) s.at = now_utc();
    BulkInsert put(db, "case_transitions",
                   {"county_code", "id", "case_id", "at", "by_user", "action", "from_state",
                    "to_state", "reason", "detail"},
                   1);
    put.text(county).integer(s.id).integer(s.case_id);
    for (const std::string* v : {&s.at, &s.by, &s.action, &s.from, &s.to, &s.reason, &s.detail})
      put.text(*v);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<CaseStep>> steps_of_case(Database& db, const std::string& county,
                                            long long case_id) {
  Where w;
  w.equals("county_code", county).equals("case_id", std::to_string(case_id));
  std::vector<CaseStep> out;
  Status st = for_each_row(
      db,
      "SELECT id, case_id, at, by_user, action, from_state, to_state, "
      "reason, detail FROM case_transitions",
      w, "ORDER BY id", [&](const soci::row& r) {
        CaseStep s;
        s.id = row_int(r, 0);
        s.case_id = row_int(r, 1);
        std::size_t i = 2;
        for (std::string* v : {&s.at, &s.by, &s.action, &s.from, &s.to, &s.reason, &s.detail})
          *v = row_text(r, i++);
        out.push_back(s);
      });
  if (!st) return st.error();
  return out;
}

Result<long long> notices_in_year(Database& db, const std::string& county, const std::string& kind,
                                  int year) {
  Where w;
  w.equals("county_code", county).equals("kind", kind);
  w.add("issued_on >= ? AND issued_on < ?",
        {std::to_string(year) + "-01-01", std::to_string(year + 1) + "-01-01"});
  return count_rows(db, "FROM case_notices", w);
}

Status insert_notice(Database& db, const std::string& county, Notice& n) {
  return db.transaction([&]() -> Status {
    long long taken = 0;
    db.sql() << "SELECT COUNT(*) FROM case_notices WHERE county_code = :c AND number = :n",
        soci::into(taken), soci::use(county), soci::use(n.number);
    if (taken > 0)
      return make_error("notice_number_taken", "通知书编号 " + n.number + " 已被使用，请重试");
    n.id = db.reserve_ids("case_notices", 1);
    if (n.issued_at.empty()) n.issued_at = now_utc();
    BulkInsert put(db, "case_notices",
                   {"county_code", "id", "case_id", "kind", "number", "issuer", "issued_on",
                    "deadline", "sha256", "size", "issued_by", "issued_at"},
                   1);
    put.text(county).integer(n.id).integer(n.case_id);
    for (const std::string* s :
         {&n.kind, &n.number, &n.issuer, &n.issued_on, &n.deadline, &n.sha256})
      put.text(*s);
    put.integer(n.size).text(n.issued_by).text(n.issued_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<Notice>> notices_of_case(Database& db, const std::string& county,
                                            long long case_id) {
  Where w;
  w.equals("county_code", county).equals("case_id", std::to_string(case_id));
  std::vector<Notice> out;
  Status st = for_each_row(
      db,
      "SELECT id, case_id, kind, number, issuer, issued_on, deadline, "
      "sha256, size, issued_by, issued_at FROM case_notices",
      w, "ORDER BY id", [&](const soci::row& r) {
        Notice n;
        n.id = row_int(r, 0);
        n.case_id = row_int(r, 1);
        std::size_t i = 2;
        for (std::string* s : {&n.kind, &n.number, &n.issuer, &n.issued_on, &n.deadline, &n.sha256})
          *s = row_text(r, i++);
        n.size = row_int(r, i++);
        n.issued_by = row_text(r, i++);
        n.issued_at = row_text(r, i++);
        out.push_back(n);
      });
  if (!st) return st.error();
  return out;
}

Status insert_follow_up(Database& db, const std::string& county, FollowUp& f) {
  return guarded([&]() -> Status {
    f.id = db.reserve_ids("case_follow_ups", 1);
    if (f.recorded_at.empty()) f.recorded_at = now_utc();
    BulkInsert put(db, "case_follow_ups",
                   {"county_code", "id", "case_id", "note_date", "attendance", "note",
                    "recorded_by", "recorded_at"},
                   1);
    put.text(county).integer(f.id).integer(f.case_id);
    for (const std::string* s :
         {&f.note_date, &f.attendance, &f.note, &f.recorded_by, &f.recorded_at})
      put.text(*s);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<FollowUp>> follow_ups_of_case(Database& db, const std::string& county,
                                                 long long case_id) {
  Where w;
  w.equals("county_code", county).equals("case_id", std::to_string(case_id));
  std::vector<FollowUp> out;
  Status st = for_each_row(db,
                           "SELECT id, case_id, note_date, attendance, note, recorded_by, "
                           "recorded_at FROM case_follow_ups",
                           w, "ORDER BY note_date, id", [&](const soci::row& r) {
                             FollowUp f;
                             f.id = row_int(r, 0);
                             f.case_id = row_int(r, 1);
                             std::size_t i = 2;
                             for (std::string* s : {&f.note_date, &f.attendance, &f.note,
                                                    &f.recorded_by, &f.recorded_at})
                               *s = row_text(r, i++);
                             out.push_back(f);
                           });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
