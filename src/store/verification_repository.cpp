#include "store/verification_repository.h"

#include "core/task_flow.h"
#include "store/bulk_insert.h"
#include "store/rows.h"
#include "store/scope_filter.h"
#include "text/name.h"

namespace baoxue::store {
namespace {

const char* const kTaskSelect =
    "SELECT t.id, t.entry_id, t.assignee_kind, t.assignee_code, t.assignee_name, "
    "t.township_code, t.village_code, t.school_code, t.deadline, t.state, t.dispatched_at, "
    "t.dispatched_by, t.category, t.decided_at, t.decided_by FROM verification_tasks t";

Task read_task(const soci::row& r) {
  Task t;
  t.id = row_int(r, 0);
  t.entry_id = row_int(r, 1);
  std::size_t i = 2;
  for (std::string* s : {&t.assignee_kind, &t.assignee_code, &t.assignee_name, &t.township_code,
                         &t.village_code, &t.school_code, &t.deadline, &t.state, &t.dispatched_at,
                         &t.dispatched_by, &t.category, &t.decided_at, &t.decided_by})
    *s = row_text(r, i++);
  return t;
}

Status append_transition(Database& db, const std::string& county, long long task_id,
                         const std::string& from, const std::string& to, const std::string& by,
                         const std::string& reason) {
  BulkInsert put(
      db, "task_transitions",
      {"county_code", "id", "task_id", "at", "by_user", "from_state", "to_state", "reason"}, 1);
  put.text(county).integer(db.reserve_ids("task_transitions", 1)).integer(task_id);
  put.text(now_utc()).text(by).text(from).text(to).text(reason);
  if (Status st = put.end_row(); !st) return st;
  return put.flush();
}

std::string id_list(const std::vector<long long>& ids) {
  std::string s;
  for (long long id : ids) s += (s.empty() ? "" : ", ") + std::to_string(id);
  return s;
}

const std::vector<std::string> kDropoutColumns = {"id",
                                                  "suspected_entry_id",
                                                  "task_id",
                                                  "child_key",
                                                  "name",
                                                  "sex",
                                                  "birth_date",
                                                  "id_number",
                                                  "township",
                                                  "village",
                                                  "township_code",
                                                  "village_code",
                                                  "address",
                                                  "guardian_name",
                                                  "guardian_phone",
                                                  "school_code",
                                                  "school_name",
                                                  "grade",
                                                  "poverty",
                                                  "key_groups",
                                                  "category",
                                                  "note",
                                                  "status",
                                                  "opened_at",
                                                  "opened_by",
                                                  "closed_at",
                                                  "closed_by",
                                                  "close_note",
                                                  "class_number",
                                                  "end_reason"};

std::vector<std::string*> dropout_texts(DropoutEntry& d) {
  return {&d.child_key,     &d.name,           &d.sex,           &d.birth_date,   &d.id_number,
          &d.township,      &d.village,        &d.township_code, &d.village_code, &d.address,
          &d.guardian_name, &d.guardian_phone, &d.school_code,   &d.school_name};
}

DropoutEntry read_dropout(const soci::row& r) {
  DropoutEntry d;
  std::size_t i = 0;
  d.id = row_int(r, i++);
  d.suspected_entry_id = row_int(r, i++);
  d.task_id = row_int(r, i++);
  for (std::string* s : dropout_texts(d)) *s = row_text(r, i++);
  d.grade = row_optional_int(r, i++);
  d.poverty = row_int(r, i++) != 0;
  for (std::string* s : {&d.key_groups, &d.category, &d.note, &d.status, &d.opened_at, &d.opened_by,
                         &d.closed_at, &d.closed_by, &d.close_note})
    *s = row_text(r, i++);
  d.class_number = row_optional_int(r, i++);
  d.end_reason = row_text(r, i++);
  return d;
}

std::string dropout_select() {
  std::string s;
  for (const auto& c : kDropoutColumns) s += (s.empty() ? "" : ", ") + c;
  return "SELECT " + s + " FROM dropout_entries";
}

}  // namespace

Status insert_task(Database& db, const std::string& county, Task& t, const std::string& by,
                   const std::string& reason) {
  return db.transaction([&]() -> Status {
    long long active = 0;
    db.sql() << "SELECT COUNT(*) FROM verification_tasks WHERE county_code = :c AND entry_id = "
                ":e AND state IN " +
                    core::sql_list(core::open_task_states()),
        soci::into(active), soci::use(county), soci::use(t.entry_id);
    if (active > 0) return make_error("task_exists", "该疑似记录已派发核查，不能重复派发");
    t.id = db.reserve_ids("verification_tasks", 1);
    t.state = core::kTaskStart;
    t.dispatched_at = now_utc();
    t.dispatched_by = by;
    BulkInsert put(
        db, "verification_tasks",
        {"county_code", "id", "entry_id", "assignee_kind", "assignee_code", "assignee_name",
         "township_code", "village_code", "school_code", "deadline", "state", "dispatched_at",
         "dispatched_by", "category", "decided_at", "decided_by"},
        1);
    put.text(county).integer(t.id).integer(t.entry_id);
    for (const std::string* s :
         {&t.assignee_kind, &t.assignee_code, &t.assignee_name, &t.township_code, &t.village_code,
          &t.school_code, &t.deadline, &t.state, &t.dispatched_at, &t.dispatched_by, &t.category,
          &t.decided_at, &t.decided_by})
      put.text(*s);
    if (Status st = put.end_row(); !st) return st;
    if (Status st = put.flush(); !st) return st;
    return append_transition(db, county, t.id, "", core::kTaskStart, by, reason);
  });
}

Result<std::optional<Task>> task_by_id(Database& db, const std::string& county, long long id,
                                       const core::Scope& scope) {
  Where where;
  where.equals("t.county_code", county).equals("t.id", std::to_string(id));
  where.add(
      "EXISTS (SELECT 1 FROM suspected_entries e WHERE e.county_code = t.county_code "
      "AND e.id = t.entry_id AND " +
      entry_visible(scope, "e") + ")");
  std::optional<Task> out;
  Status st =
      for_each_row(db, kTaskSelect, where, "", [&](const soci::row& r) { out = read_task(r); });
  if (!st) return st.error();
  return out;
}

Status reassign_task(Database& db, const std::string& county, long long task_id,
                     const std::string& kind, const std::string& township_code,
                     const std::string& name) {
  return guarded([&]() -> Status {
    if (kind != "township") return make_error("bad_request", "只能改由乡镇（街道）核查");
    db.sql() << "UPDATE verification_tasks SET assignee_kind = :k, assignee_code = :c1, "
                "assignee_name = :n, township_code = :c2, village_code = NULL, school_code = "
                "NULL WHERE county_code = :c AND id = :i",
        soci::use(kind), soci::use(township_code), soci::use(name), soci::use(township_code),
        soci::use(county), soci::use(task_id);
    return {};
  });
}

Result<std::vector<Task>> tasks_of_entries(Database& db, const std::string& county,
                                           const std::vector<long long>& entry_ids) {
  std::vector<Task> out;
  if (entry_ids.empty()) return out;
  Where where;
  where.equals("t.county_code", county).add("t.entry_id IN (" + id_list(entry_ids) + ")");
  Status st = for_each_row(db, kTaskSelect, where, "ORDER BY t.entry_id, t.id",
                           [&](const soci::row& r) { out.push_back(read_task(r)); });
  if (!st) return st.error();
  return out;
}

Result<Paged<Task>> find_tasks(Database& db, const std::string& county, const TaskQuery& query,
                               const core::Scope& scope, const Page& page) {
  Where where;
  where.equals("t.county_code", county);
  if (query.state.empty()) {
    where.add("t.state IN " + core::sql_list(core::open_task_states()));
  } else if (query.state == "overdue") {
    where.add(
        "t.state IN " + core::sql_list(core::awaiting_assignee_states()) + " AND t.deadline < ?",
        {query.today});
  } else {
    where.equals("t.state", query.state);
  }
  where.add(scope_condition(scope, "t", false));
  Paged<Task> out;
  auto total = count_rows(db, "FROM verification_tasks t", where);
  if (!total) return total.error();
  out.total = total.value();
  std::string order = "ORDER BY t.deadline, t.id";
  if (query.sort.field == "deadline") order = order_by("t.deadline", query.sort.descending, "t.id");
  const std::string entry_column =
      "(SELECT e." + std::string(query.sort.field == "name" ? "name" : "township") +
      " FROM suspected_entries e WHERE e.county_code = t.county_code AND e.id = t.entry_id)";
  if (query.sort.field == "name" || query.sort.field == "township")
    order = order_by(entry_column, query.sort.descending, "t.id");
  Status st = for_each_row(db, kTaskSelect, where, order + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_task(r)); });
  if (!st) return st.error();
  return out;
}

Status move_task(Database& db, const std::string& county, long long task_id,
                 const std::string& from, const std::string& to, const std::string& by,
                 const std::string& reason, const std::string& category) {
  return db.transaction([&]() -> Status {
    const std::string at = now_utc();
    const bool decided = to == "approved" || to == "returned";
    soci::statement st =
        (db.sql().prepare << "UPDATE verification_tasks SET state = :to, category = CASE WHEN "
                             ":k = '' THEN category ELSE :k2 END, decided_at = CASE WHEN :d = 1 "
                             "THEN :a ELSE decided_at END, decided_by = CASE WHEN :d2 = 1 THEN :b "
                             "ELSE decided_by END WHERE county_code = :c AND id = :i AND state = "
                             ":f",
         soci::use(to), soci::use(category), soci::use(category), soci::use(decided ? 1 : 0),
         soci::use(at), soci::use(decided ? 1 : 0), soci::use(by), soci::use(county),
         soci::use(task_id), soci::use(from));
    st.execute(true);
    if (st.get_affected_rows() != 1)
      return make_error("task_not_open",
                        "该核查任务的状态已变化（可能已被他人处理），请刷新后重试");
    return append_transition(db, county, task_id, from, to, by, reason);
  });
}

Status insert_submission(Database& db, const std::string& county, Submission& s) {
  return guarded([&]() -> Status {
    s.id = db.reserve_ids("verification_submissions", 1);
    if (s.submitted_at.empty()) s.submitted_at = now_utc();
    BulkInsert put(
        db, "verification_submissions",
        {"county_code", "id", "task_id", "category", "note", "submitted_by", "submitted_at"}, 1);
    put.text(county).integer(s.id).integer(s.task_id).text(s.category).text(s.note);
    put.text(s.submitted_by).text(s.submitted_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<Submission>> submissions_of_task(Database& db, const std::string& county,
                                                    long long task_id) {
  Where where;
  where.equals("county_code", county).equals("task_id", std::to_string(task_id));
  std::vector<Submission> out;
  Status st = for_each_row(db,
                           "SELECT id, task_id, category, note, submitted_by, submitted_at FROM "
                           "verification_submissions",
                           where, "ORDER BY id", [&](const soci::row& r) {
                             out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2),
                                            row_text(r, 3), row_text(r, 4), row_text(r, 5)});
                           });
  if (!st) return st.error();
  return out;
}

namespace {

const char* const kEvidenceSelect =
    "SELECT f.id, f.task_id, f.submission_id, f.sha256, f.name, f.content_type, f.size, "
    "f.uploaded_by, f.uploaded_at FROM evidence_files f";

EvidenceFile read_evidence(const soci::row& r) {
  EvidenceFile e;
  e.id = row_int(r, 0);
  e.task_id = row_int(r, 1);
  e.submission_id = row_optional_int(r, 2);
  e.sha256 = row_text(r, 3);
  e.name = row_text(r, 4);
  e.content_type = row_text(r, 5);
  e.size = row_int(r, 6);
  e.uploaded_by = row_text(r, 7);
  e.uploaded_at = row_text(r, 8);
  return e;
}

}  // namespace

Status insert_evidence(Database& db, const std::string& county, EvidenceFile& e) {
  return guarded([&]() -> Status {
    e.id = db.reserve_ids("evidence_files", 1);
    if (e.uploaded_at.empty()) e.uploaded_at = now_utc();
    BulkInsert put(db, "evidence_files",
                   {"county_code", "id", "task_id", "submission_id", "sha256", "name",
                    "content_type", "size", "uploaded_by", "uploaded_at"},
                   1);
    put.text(county).integer(e.id).integer(e.task_id).integer(e.submission_id).text(e.sha256);
    put.text(e.name).text(e.content_type).integer(e.size).text(e.uploaded_by).text(e.uploaded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<EvidenceFile>> evidence_of_task(Database& db, const std::string& county,
                                                   long long task_id) {
  Where where;
  where.equals("f.county_code", county).equals("f.task_id", std::to_string(task_id));
  std::vector<EvidenceFile> out;
  Status st = for_each_row(db, kEvidenceSelect, where, "ORDER BY f.id",
                           [&](const soci::row& r) { out.push_back(read_evidence(r)); });
  if (!st) return st.error();
  return out;
}

Result<long long> attach_evidence(Database& db, const std::string& county, long long task_id,
                                  long long submission_id, const std::vector<long long>& ids) {
  if (ids.empty()) return 0LL;
  Status st = db.transaction([&]() -> Status {
    auto files = evidence_of_task(db, county, task_id);
    if (!files) return files.error();
    for (long long id : ids) {
      const EvidenceFile* file = nullptr;
      for (const EvidenceFile& f : files.value())
        if (f.id == id) file = &f;
      if (file == nullptr)
        return make_error("evidence_not_found", "证明材料（编号 " + std::to_string(id) +
                                                    "）不属于该核查任务，请重新上传");
      if (!file->submission_id) {
        db.sql() << "UPDATE evidence_files SET submission_id = :s WHERE county_code = :c AND "
                    "id = :i",
            soci::use(submission_id), soci::use(county), soci::use(id);
      } else if (*file->submission_id != submission_id) {
        // A file of an earlier submission, kept for this one (a returned task answered again):
        // the same bytes, named again.
        EvidenceFile again = *file;
        again.submission_id = submission_id;
        if (Status st = insert_evidence(db, county, again); !st) return st;
      }
    }
    return {};
  });
  if (!st) return st.error();
  return static_cast<long long>(ids.size());
}

Result<std::optional<EvidenceFile>> evidence_by_id(Database& db, const std::string& county,
                                                   long long id, const core::Scope& scope) {
  Where where;
  where.equals("f.county_code", county).equals("f.id", std::to_string(id));
  where.add(
      "EXISTS (SELECT 1 FROM verification_tasks t JOIN suspected_entries e ON "
      "e.county_code = t.county_code AND e.id = t.entry_id WHERE t.county_code = "
      "f.county_code AND t.id = f.task_id AND " +
      entry_visible(scope, "e") + ")");
  std::optional<EvidenceFile> out;
  Status st = for_each_row(db, kEvidenceSelect, where, "",
                           [&](const soci::row& r) { out = read_evidence(r); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<Transition>> transitions_of_task(Database& db, const std::string& county,
                                                    long long task_id) {
  Where where;
  where.equals("county_code", county).equals("task_id", std::to_string(task_id));
  std::vector<Transition> out;
  Status st = for_each_row(
      db, "SELECT id, task_id, at, by_user, from_state, to_state, reason FROM task_transitions",
      where, "ORDER BY id", [&](const soci::row& r) {
        out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2), row_text(r, 3), row_text(r, 4),
                       row_text(r, 5), row_text(r, 6)});
      });
  if (!st) return st.error();
  return out;
}

Status insert_dropout(Database& db, const std::string& county, DropoutEntry& d) {
  return guarded([&]() -> Status {
    d.id = db.reserve_ids("dropout_entries", 1);
    if (d.opened_at.empty()) d.opened_at = now_utc();
    std::vector<std::string> columns = {"county_code"};
    columns.insert(columns.end(), kDropoutColumns.begin(), kDropoutColumns.end());
    columns.push_back("search_name");
    BulkInsert put(db, "dropout_entries", columns, 1);
    put.text(county).integer(d.id).integer(d.suspected_entry_id).integer(d.task_id);
    for (const std::string* s : dropout_texts(d)) put.text(*s);
    put.integer(d.grade).integer(d.poverty ? 1 : 0);
    for (const std::string* s : {&d.key_groups, &d.category, &d.note, &d.status, &d.opened_at,
                                 &d.opened_by, &d.closed_at, &d.closed_by, &d.close_note})
      put.text(*s);
    put.integer(d.class_number).text(d.end_reason).text(text::name_key(d.name));
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Status set_dropout_status(Database& db, const std::string& county, long long id,
                          const std::string& status, const std::string& by,
                          const std::string& end_reason, const std::string& note) {
  return guarded([&]() -> Status {
    const bool closed = status == "closed";
    NullableText at(closed ? now_utc() : ""), who(closed ? by : ""), end(closed ? end_reason : ""),
        why(closed ? note : "");
    soci::statement st =
        (db.sql().prepare << "UPDATE dropout_entries SET status = :s, closed_at = :a, closed_by = "
                             ":b, end_reason = :e, close_note = :n WHERE county_code = :c AND id "
                             "= :i",
         soci::use(status), soci::use(at.value, at.ind), soci::use(who.value, who.ind),
         soci::use(end.value, end.ind), soci::use(why.value, why.ind), soci::use(county),
         soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return make_error("not_found", "辍学台账中没有这条记录");
    return {};
  });
}

const std::vector<std::string>& dropout_sort_fields() {
  static const std::vector<std::string> kFields = {"name",   "birth_date", "township", "village",
                                                   "school", "category",   "opened_at"};
  return kFields;
}

namespace {

Where dropout_where(Database& db, const std::string& county, const DropoutQuery& query,
                    const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("status", query.status);
  where.equals("township_code", query.township_code).equals("village_code", query.village_code);
  where.equals("school_code", query.school_code).equals("category", query.category);
  where.equals("child_key", query.child_key);
  add_search(db, where, query.q);
  where.add(scope_condition(scope, ""));
  return where;
}

std::string dropout_order(const DropoutQuery& query) {
  if (query.sort.field.empty()) return "ORDER BY id";
  const std::string column = query.sort.field == "school" ? "school_name" : query.sort.field;
  return order_by(column, query.sort.descending, "id");
}

}  // namespace

Result<Paged<DropoutEntry>> find_dropouts(Database& db, const std::string& county,
                                          const DropoutQuery& query, const core::Scope& scope,
                                          const Page& page) {
  const Where where = dropout_where(db, county, query, scope);
  Paged<DropoutEntry> out;
  auto total = count_rows(db, "FROM dropout_entries", where);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, dropout_select(), where, dropout_order(query) + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_dropout(r)); });
  if (!st) return st.error();
  return out;
}

Status for_each_dropout(Database& db, const std::string& county, const DropoutQuery& query,
                        const core::Scope& scope,
                        const std::function<Status(const DropoutEntry&)>& fn) {
  return for_each_row_until(db, dropout_select(), dropout_where(db, county, query, scope),
                            dropout_order(query),
                            [&](const soci::row& r) { return fn(read_dropout(r)); });
}

Result<std::optional<DropoutEntry>> latest_dropout_of_child(Database& db, const std::string& county,
                                                            const std::string& child_key) {
  Where where;
  where.equals("county_code", county).equals("child_key", child_key);
  std::optional<DropoutEntry> out;
  Status st = for_each_row(db, dropout_select(), where, "ORDER BY id DESC LIMIT 1",
                           [&](const soci::row& r) { out = read_dropout(r); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<DropoutEntry>> latest_dropout_per_child(Database& db,
                                                           const std::string& county) {
  Where where;
  where.equals("county_code", county);
  std::vector<DropoutEntry> out;
  Status st =
      for_each_row(db, dropout_select(), where, "ORDER BY child_key, id", [&](const soci::row& r) {
        DropoutEntry d = read_dropout(r);
        if (!out.empty() && out.back().child_key == d.child_key)
          out.back() = std::move(d);
        else
          out.push_back(std::move(d));
      });
  if (!st) return st.error();
  return out;
}

Result<std::optional<DropoutEntry>> dropout_by_id(Database& db, const std::string& county,
                                                  long long id, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("id", std::to_string(id));
  where.add(scope_condition(scope, ""));
  std::optional<DropoutEntry> out;
  Status st = for_each_row(db, dropout_select(), where, "",
                           [&](const soci::row& r) { out = read_dropout(r); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<CategoryCount>> entry_outcomes(Database& db, const std::string& county,
                                                  const core::Scope& scope) {
  Where where;
  where.equals("e.county_code", county).add(entry_visible(scope, "e"));
  std::vector<CategoryCount> out;
  Status st = for_each_row(
      db,
      "SELECT COALESCE(e.township_code, ''), COALESCE(e.village_code, ''), "
      "COALESCE(e.school_code, ''), CASE WHEN e.status = 'open' THEN '' ELSE "
      "COALESCE(e.close_category, '') END AS category, COUNT(*) FROM suspected_entries e",
      where, "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4", [&](const soci::row& r) {
        out.push_back(
            {row_text(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3), row_int(r, 4)});
      });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
