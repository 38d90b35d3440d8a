#include "store/ledger_repository.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_map>

#include "core/labels.h"
#include "core/task_flow.h"
#include "store/bulk_insert.h"
#include "store/rows.h"
#include "store/scope_filter.h"
#include "text/name.h"

namespace baoxue::store {
namespace {

const std::vector<std::string> kRunCounts = {
    "hukou_records",   "village_records",    "xueji_records",
    "present_records", "children",           "in_band",
    "enrolled",        "probable",           "suspected",
    "out_of_band",     "not_present",        "poverty_suspected",
    "entries_opened",  "entries_still_open", "entries_not_reopened"};

std::vector<long*> run_counts(MatchRun& r) {
  return {&r.hukou_records,   &r.village_records,    &r.xueji_records,
          &r.present_records, &r.children,           &r.in_band,
          &r.enrolled,        &r.probable,           &r.suspected,
          &r.out_of_band,     &r.not_present,        &r.poverty_suspected,
          &r.entries_opened,  &r.entries_still_open, &r.entries_not_reopened};
}

const std::vector<std::string> kEntryColumns = {"id",
                                                "child_key",
                                                "comparison",
                                                "reason_code",
                                                "reason",
                                                "evidence",
                                                "basis",
                                                "record_id",
                                                "candidate_record_id",
                                                "name",
                                                "sex",
                                                "birth_date",
                                                "id_number",
                                                "student_no",
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
                                                "status",
                                                "opened_run_id",
                                                "opened_at",
                                                "last_seen_run_id",
                                                "in_school_run_id",
                                                "previous_entry_id",
                                                "reopen_reason",
                                                "closed_at",
                                                "closed_by",
                                                "close_category",
                                                "close_note",
                                                "class_number"};

std::string joined(const std::vector<std::string>& columns) {
  std::string s;
  for (const auto& c : columns) s += (s.empty() ? "" : ", ") + c;
  return s;
}

// The text columns from name to school_name, in kEntryColumns order.
std::vector<std::string*> entry_texts(SuspectedEntry& e) {
  return {&e.name,         &e.sex,        &e.birth_date,    &e.id_number,
          &e.student_no,   &e.township,   &e.village,       &e.township_code,
          &e.village_code, &e.address,    &e.guardian_name, &e.guardian_phone,
          &e.school_code,  &e.school_name};
}

SuspectedEntry read_entry(const soci::row& r) {
  SuspectedEntry e;
  std::size_t i = 0;
  e.id = row_int(r, i++);
  e.child_key = row_text(r, i++);
  e.comparison = row_text(r, i++);
  e.reason_code = row_text(r, i++);
  e.reason = row_text(r, i++);
  e.evidence = row_text(r, i++);
  e.basis = row_text(r, i++);
  e.record_id = row_int(r, i++);
  e.candidate_record_id = row_optional_int(r, i++);
  for (std::string* s : entry_texts(e)) *s = row_text(r, i++);
  e.grade = row_optional_int(r, i++);
  e.poverty = row_int(r, i++) != 0;
  e.key_groups = row_text(r, i++);
  e.status = row_text(r, i++);
  e.opened_run_id = row_int(r, i++);
  e.opened_at = row_text(r, i++);
  e.last_seen_run_id = row_int(r, i++);
  e.in_school_run_id = row_optional_int(r, i++);
  e.previous_entry_id = row_optional_int(r, i++);
  for (std::string* s :
       {&e.reopen_reason, &e.closed_at, &e.closed_by, &e.close_category, &e.close_note})
    *s = row_text(r, i++);
  e.class_number = row_optional_int(r, i++);
  return e;
}

// Entries of the county with `status` ("" = any), in `order`.
Result<std::vector<SuspectedEntry>> query_entries(Database& db, const std::string& county,
                                                  const std::string& status,
                                                  const std::string& order,
                                                  const core::Scope* scope = nullptr) {
  return guarded([&]() -> Result<std::vector<SuspectedEntry>> {
    std::vector<SuspectedEntry> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT " + joined(kEntryColumns) +
                                 " FROM suspected_entries WHERE county_code = :c AND (:s = '' OR "
                                 "status = :s2) AND " +
                                 (scope ? scope_condition(*scope, "") : std::string("(1 = 1)")) +
                                 " ORDER BY " + order,
         soci::use(county), soci::use(status), soci::use(status));
    for (const soci::row& r : rs) out.push_back(read_entry(r));
    return out;
  });
}

// Sets `column` = run for the listed entries, a few hundred ids per statement.
Status set_run_column(Database& db, const std::string& county, const std::string& column,
                      long long run_id, const std::vector<long long>& ids,
                      const std::string& extra_condition) {
  return guarded([&]() -> Status {
    for (std::size_t at = 0; at < ids.size(); at += 500) {
      std::string list;
      for (std::size_t i = at; i < ids.size() && i < at + 500; ++i)
        list += (list.empty() ? "" : ",") + std::to_string(ids[i]);
      db.sql() << "UPDATE suspected_entries SET " + column +
                      " = :r WHERE county_code = :c AND id IN (" + list + ")" + extra_condition,
          soci::use(run_id), soci::use(county);
    }
    return {};
  });
}

}  // namespace

Status insert_match_run(Database& db, const std::string& county, MatchRun& run) {
  return db.transaction([&]() -> Status {
    run.id = db.reserve_ids("match_runs", 1);
    std::vector<std::string> columns = {"county_code", "id",          "as_of",
                                        "started_at",  "finished_at", "started_by"};
    columns.insert(columns.end(), kRunCounts.begin(), kRunCounts.end());
    BulkInsert put(db, "match_runs", columns, 1);
    put.text(county)
        .integer(run.id)
        .text(run.as_of)
        .text(run.started_at)
        .text(run.finished_at)
        .text(run.started_by);
    for (long* v : run_counts(run)) put.integer(static_cast<long long>(*v));
    return put.end_row();
  });
}

Result<std::vector<MatchRun>> match_runs(Database& db, const std::string& county, int limit) {
  return guarded([&]() -> Result<std::vector<MatchRun>> {
    std::vector<MatchRun> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, as_of, started_at, finished_at, started_by, " +
                                 joined(kRunCounts) +
                                 " FROM match_runs WHERE county_code = :c ORDER BY id DESC LIMIT " +
                                 std::to_string(limit),
         soci::use(county));
    for (const soci::row& r : rs) {
      MatchRun run;
      run.id = row_int(r, 0);
      run.as_of = row_text(r, 1);
      run.started_at = row_text(r, 2);
      run.finished_at = row_text(r, 3);
      run.started_by = row_text(r, 4);
      std::size_t i = 5;
      for (long* v : run_counts(run)) *v = static_cast<long>(row_int(r, i++));
      out.push_back(run);
    }
    return out;
  });
}

Result<std::optional<MatchRun>> latest_match_run(Database& db, const std::string& county) {
  auto runs = match_runs(db, county, 1);
  if (!runs) return runs.error();
  if (runs->empty()) return std::optional<MatchRun>();
  return std::optional<MatchRun>(runs->front());
}

Status insert_decisions(Database& db, const std::string& county, long long run_id,
                        std::vector<DecisionRow>& rows) {
  return db.transaction([&]() -> Status {
    long long next =
        rows.empty() ? 0 : db.reserve_ids("match_decisions", static_cast<long long>(rows.size()));
    BulkInsert put(db, "match_decisions",
                   {"county_code", "id", "run_id", "comparison", "record_id", "candidate_record_id",
                    "decision", "score", "reason", "evidence"});
    for (DecisionRow& d : rows) {
      d.id = next++;
      put.text(county)
          .integer(d.id)
          .integer(run_id)
          .text(d.comparison)
          .integer(d.record_id)
          .integer(d.candidate_record_id)
          .text(d.decision)
          .real(d.score)
          .text(d.reason)
          .text(d.evidence);
      if (Status st = put.end_row(); !st) return st;
    }
    return put.flush();
  });
}

Result<std::vector<DecisionRow>> run_decisions(Database& db, const std::string& county,
                                               long long run_id, const std::string& comparison) {
  return guarded([&]() -> Result<std::vector<DecisionRow>> {
    std::vector<DecisionRow> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, comparison, record_id, candidate_record_id, decision, "
                             "score, reason, evidence FROM match_decisions WHERE county_code = :c "
                             "AND run_id = :r AND comparison = :k ORDER BY record_id",
         soci::use(county), soci::use(run_id), soci::use(comparison));
    for (const soci::row& r : rs)
      out.push_back({row_int(r, 0), row_text(r, 1), row_int(r, 2), row_optional_int(r, 3),
                     row_text(r, 4), row_double(r, 5), row_text(r, 6), row_text(r, 7)});
    return out;
  });
}

Result<std::vector<DecisionInFile>> run_decisions_in_files(Database& db, const std::string& county,
                                                           long long run_id,
                                                           const std::string& comparison) {
  // The record's current source row, and the header row of the batch it came in.
  auto row_of = [](const std::string& record, const std::string& p) {
    return " LEFT JOIN list_records " + p + "r ON " + p + "r.county_code = d.county_code AND " + p +
           "r.id = d." + record + " LEFT JOIN source_rows " + p + "s ON " + p +
           "s.county_code = d.county_code AND " + p + "s.id = " + p +
           "r.source_row_id LEFT JOIN import_batches " + p + "b ON " + p +
           "b.county_code = d.county_code AND " + p + "b.id = " + p + "s.batch_id";
  };
  return guarded([&]() -> Result<std::vector<DecisionInFile>> {
    std::vector<DecisionInFile> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT d.id, d.comparison, d.record_id, d.candidate_record_id, "
                             "d.decision, d.score, d.reason, d.evidence, ls.row_number - "
                             "lb.header_row, cs.row_number - cb.header_row FROM match_decisions d" +
                                 row_of("record_id", "l") + row_of("candidate_record_id", "c") +
                                 " WHERE d.county_code = :c AND d.run_id = :r AND d.comparison = "
                                 ":k ORDER BY ls.row_number, d.id",
         soci::use(county), soci::use(run_id), soci::use(comparison));
    for (const soci::row& r : rs)
      out.push_back({{row_int(r, 0), row_text(r, 1), row_int(r, 2), row_optional_int(r, 3),
                      row_text(r, 4), row_double(r, 5), row_text(r, 6), row_text(r, 7)},
                     static_cast<long>(row_int(r, 8)),
                     static_cast<long>(row_int(r, 9))});
    return out;
  });
}

Status insert_ledger_children(Database& db, const std::string& county, long long run_id,
                              std::vector<LedgerChild>& rows) {
  return db.transaction([&]() -> Status {
    long long next =
        rows.empty() ? 0 : db.reserve_ids("ledger_children", static_cast<long long>(rows.size()));
    BulkInsert put(db, "ledger_children",
                   {"county_code",
                    "id",
                    "run_id",
                    "child_key",
                    "record_id",
                    "name",
                    "sex",
                    "birth_date",
                    "id_number",
                    "township",
                    "village",
                    "township_code",
                    "village_code",
                    "guardian_name",
                    "status",
                    "in_band",
                    "expected_grade",
                    "xueji_record_id",
                    "school_code",
                    "school_name",
                    "grade",
                    "on_lists",
                    "key_groups",
                    "poverty",
                    "class_number",
                    "standing",
                    "category",
                    "entry_id",
                    "dropout_id",
                    "search_name"});
    for (LedgerChild& c : rows) {
      c.id = next++;
      c.search_name = text::name_key(c.name);
      put.text(county).integer(c.id).integer(run_id).text(c.child_key).integer(c.record_id);
      put.text(c.name).text(c.sex).text(c.birth_date).text(c.id_number).text(c.township);
      put.text(c.village).text(c.township_code).text(c.village_code).text(c.guardian_name);
      put.text(c.status).integer(c.in_band ? 1 : 0);
      put.integer(c.expected_grade).integer(c.xueji_record_id).text(c.school_code);
      put.text(c.school_name).integer(c.grade).text(c.on_lists).text(c.key_groups);
      put.integer(c.poverty ? 1 : 0).integer(c.class_number);
      put.text(c.standing).text(c.category).integer(c.entry_id).integer(c.dropout_id);
      put.text(c.search_name);
      if (Status st = put.end_row(); !st) return st;
    }
    return put.flush();
  });
}

namespace {

const char* const kChildSelect =
    "SELECT id, child_key, record_id, name, sex, birth_date, id_number, township, "
    "village, township_code, village_code, guardian_name, status, in_band, "
    "expected_grade, xueji_record_id, "
    "school_code, school_name, grade, on_lists, key_groups, poverty, class_number, standing, "
    "category, entry_id, dropout_id, standing_seq, search_name FROM ledger_children";

LedgerChild read_child(const soci::row& r) {
  LedgerChild c;
  c.id = row_int(r, 0);
  c.child_key = row_text(r, 1);
  c.record_id = row_int(r, 2);
  std::size_t i = 3;
  for (std::string* s : {&c.name, &c.sex, &c.birth_date, &c.id_number, &c.township, &c.village,
                         &c.township_code, &c.village_code, &c.guardian_name, &c.status})
    *s = row_text(r, i++);
  c.in_band = row_int(r, i++) != 0;
  c.expected_grade = row_optional_int(r, i++);
  c.xueji_record_id = row_optional_int(r, i++);
  c.school_code = row_text(r, i++);
  c.school_name = row_text(r, i++);
  c.grade = row_optional_int(r, i++);
  c.on_lists = row_text(r, i++);
  c.key_groups = row_text(r, i++);
  c.poverty = row_int(r, i++) != 0;
  c.class_number = row_optional_int(r, i++);
  c.standing = row_text(r, i++);
  c.category = row_text(r, i++);
  c.entry_id = row_optional_int(r, i++);
  c.dropout_id = row_optional_int(r, i++);
  c.standing_seq = row_int(r, i++);
  c.search_name = row_text(r, i++);
  return c;
}

// The search box: digits (and X) are an ID number or its tail, anything else the start of a
// name (surname first, as clerks type it). A name prefix can use an index — GLOB with SQLite's
// binary collation, LIKE on PostgreSQL — where "contains" reads the whole ledger each time.
// `p` is the table alias with its dot, or empty.
}  // namespace

ChildSearch child_search(const std::string& typed) {
  if (typed.empty()) return {};
  const bool id_like = typed.find_first_not_of("0123456789Xx") == std::string::npos;
  if (!id_like) {  // a name, compared as its key: 張晨毅 finds 张晨毅, "阿卜杜 热合曼" finds
                   // 阿卜杜·热合曼
    ChildSearch name{ChildSearch::kName, text::name_key(typed)};
    if (name.text.empty()) name.kind = ChildSearch::kNone;
    return name;
  }
  ChildSearch out{ChildSearch::kName, typed};
  std::replace(out.text.begin(), out.text.end(), 'x', 'X');
  if (typed.size() == 18)
    out.kind = ChildSearch::kIdNumber;
  else if (typed.size() >= 4)
    out.kind = ChildSearch::kIdTail;
  return out;
}

namespace {}  // namespace

void add_search(Database& db, Where& where, const std::string& typed, const std::string& p) {
  const ChildSearch search = child_search(typed);
  const std::string& q = search.text;
  if (search.kind == ChildSearch::kNone) return;
  if (search.kind == ChildSearch::kIdNumber) {
    where.add(p + "id_number = ?", {q});
  } else if (search.kind == ChildSearch::kIdTail) {
    where.add(p + "id_number LIKE ?", {"%" + q});
  } else if (db.engine() == Engine::kSqlite) {
    std::string pattern;
    for (char c : q) {
      if (c == '*' || c == '?' || c == '[') {
        pattern += '[';
        pattern += c;
        pattern += ']';
      } else {
        pattern += c;
      }
    }
    where.add(p + "search_name GLOB ?", {pattern + "*"});
  } else {
    std::string pattern;
    for (char c : q) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    where.add(p + "search_name LIKE ?", {pattern + "%"});
  }
}

void add_copied_child_search(Where& where, const std::string& typed, const std::string& alias) {
  const ChildSearch s = child_search(typed);
  if (s.kind == ChildSearch::kIdNumber) {
    where.add(alias + ".child_key = ?", {"id:" + s.text});
  } else if (s.kind == ChildSearch::kIdTail) {
    where.add(alias + ".child_key LIKE ?", {"%" + s.text});
  } else if (s.kind == ChildSearch::kName) {
    std::string pattern;
    for (char c : typed) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    where.add(alias + ".name LIKE ? ESCAPE '\\'", {pattern + "%"});
  }
}

namespace {

// The number of a run's ledger rows that a filter selects, remembered: a run's rows never
// change once its census has committed, and counting 60,000 rows for every page of a list was
// most of the list's time.
class RunCounts {
 public:
  std::optional<long long> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = counts_.find(key);
    if (it == counts_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, long long n) {
    std::lock_guard lock(mutex_);
    if (counts_.size() >= 10000) counts_.clear();
    counts_[key] = n;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, long long> counts_;
};

RunCounts& run_counts_cache() {
  static RunCounts cache;
  return cache;
}

std::string entry_select() {
  std::string columns;
  for (const auto& c : kEntryColumns) columns += (columns.empty() ? "e." : ", e.") + c;
  return "SELECT " + columns + " FROM suspected_entries e";
}

}  // namespace

Result<std::vector<LedgerChild>> ledger_children(Database& db, const std::string& county,
                                                 long long run_id, const std::string& status,
                                                 const core::Scope* scope) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.equals("status", status);
  if (scope) where.add(scope_condition(*scope, ""));
  // Sized once: growing a vector of half a million rows by doubling held the old and the new
  // array at once (the server's ledger load peaked at 820 MB for 532,479 children).
  auto n = count_rows(db, "FROM ledger_children", where);
  if (!n) return n.error();
  std::vector<LedgerChild> out;
  out.reserve(static_cast<std::size_t>(n.value()));
  Status st = for_each_row(db, kChildSelect, where, "ORDER BY id",
                           [&](const soci::row& r) { out.push_back(read_child(r)); });
  if (!st) return st.error();
  return out;
}

const std::vector<std::string>& child_sort_fields() {
  static const std::vector<std::string> kFields = {"name",   "birth_date", "township", "village",
                                                   "school", "grade",      "standing"};
  return kFields;
}

namespace {

// The column (or expression) a sort field orders by. The standing sorts in the order the labels
// list it (in school first, dropouts last).
std::string sort_expression(const std::string& field, const std::string& p = "") {
  if (field == "school") return p + "school_name";
  if (field == "standing") {
    std::string out = "CASE " + p + "standing";
    int rank = 0;
    for (const std::string& code : core::label_codes("standing"))
      out += " WHEN '" + code + "' THEN " + std::to_string(rank++);
    return out + " END";
  }
  return p + field;  // the field names the column (checked against the list's fields)
}

std::string order_clause(const Sort& sort, const std::string& p = "") {
  return order_by(sort_expression(sort.field, p), sort.descending, p + "id");
}

Where child_where(Database& db, const std::string& county, long long run_id,
                  const ChildQuery& query, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.equals("township_code", query.township_code).equals("village_code", query.village_code);
  where.equals("school_code", query.school_code);
  where.equals("status", query.status).equals("standing", query.standing);
  if (query.band == "in") where.add("in_band = 1");
  if (query.band == "out") where.add("in_band = 0");
  if (!query.key_group.empty())
    where.add("(',' || key_groups || ',') LIKE ?", {"%," + query.key_group + ",%"});
  add_search(db, where, query.q);
  where.add(scope_condition(scope, ""));
  return where;
}

std::string child_order(Database& db, const ChildQuery& query) {
  if (!query.sort.field.empty()) return order_clause(query.sort);
  // A name search lists by name: the name index then yields the page in order and stops after
  // it, instead of sorting every 王 of the county by id. On SQLite the index's own tie order
  // (rowid, which follows id) is stable, so the key alone lets it skip the sort.
  if (child_search(query.q).kind == ChildSearch::kName)
    return db.engine() == Engine::kSqlite ? "ORDER BY search_name" : "ORDER BY search_name, id";
  return "ORDER BY id";
}

}  // namespace

Result<Paged<LedgerChild>> find_children(Database& db, const std::string& county, long long run_id,
                                         const ChildQuery& query, const core::Scope& scope,
                                         const Page& page) {
  const Where where = child_where(db, county, run_id, query, scope);
  Paged<LedgerChild> out;
  // The remembered count of a filter on the standing is only good while no standing changed.
  std::string key = db.url() + "\n" + where.sql();
  for (const auto& v : where.values()) key += "\n" + v;
  if (!query.standing.empty()) {
    long long seq = 0;
    Status st =
        for_each_row(db, "SELECT MAX(standing_seq) FROM ledger_children",
                     Where().equals("county_code", county).equals("run_id", std::to_string(run_id)),
                     "", [&](const soci::row& r) { seq = row_int(r, 0); });
    if (!st) return st.error();
    key += "\nseq " + std::to_string(seq);
  }
  if (auto known = run_counts_cache().find(key)) {
    out.total = *known;
  } else {
    auto total = count_rows(db, "FROM ledger_children", where);
    if (!total) return total.error();
    out.total = total.value();
    run_counts_cache().put(key, out.total);
  }
  Status st = for_each_row(db, kChildSelect, where, child_order(db, query) + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_child(r)); });
  if (!st) return st.error();
  return out;
}

Status for_each_child(Database& db, const std::string& county, long long run_id,
                      const ChildQuery& query, const core::Scope& scope,
                      const std::function<Status(const LedgerChild&)>& fn) {
  return for_each_row_until(db, kChildSelect, child_where(db, county, run_id, query, scope),
                            child_order(db, query),
                            [&](const soci::row& r) { return fn(read_child(r)); });
}

Status set_standing(Database& db, const std::string& county, long long run_id,
                    const std::string& child_key, const std::string& standing,
                    const std::string& category, std::optional<long long> entry_id,
                    std::optional<long long> dropout_id) {
  return db.transaction([&]() -> Status {
    const long long seq = db.reserve_ids("standing_seq", 1);
    NullableText cat(category);
    long long entry = entry_id.value_or(0), dropout = dropout_id.value_or(0);
    soci::indicator entry_ind = entry_id ? soci::i_ok : soci::i_null;
    soci::indicator dropout_ind = dropout_id ? soci::i_ok : soci::i_null;
    db.sql() << "UPDATE ledger_children SET standing = :s, category = :k, entry_id = :e, "
                "dropout_id = :d, standing_seq = :q WHERE county_code = :c AND run_id = :r AND "
                "child_key = :key",
        soci::use(standing), soci::use(cat.value, cat.ind), soci::use(entry, entry_ind),
        soci::use(dropout, dropout_ind), soci::use(seq), soci::use(county), soci::use(run_id),
        soci::use(child_key);
    return {};
  });
}

Result<std::optional<std::string>> match_status_of(Database& db, const std::string& county,
                                                   long long run_id, const std::string& child_key) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.equals("child_key", child_key);
  std::optional<std::string> out;
  Status st = for_each_row(db, "SELECT status FROM ledger_children", where, "LIMIT 1",
                           [&](const soci::row& r) { out = row_text(r, 0); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<LedgerChild>> standing_changes(Database& db, const std::string& county,
                                                  long long run_id, long long after_seq) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.add("standing_seq > ?", {std::to_string(after_seq)});
  std::vector<LedgerChild> out;
  Status st = for_each_row(db, kChildSelect, where, "ORDER BY standing_seq",
                           [&](const soci::row& r) { out.push_back(read_child(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<LedgerChild>> child_by_registry_record(Database& db, const std::string& county,
                                                            long long run_id, long long record_id) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.add("(xueji_record_id = ? OR (record_id = ? AND child_key LIKE 'xueji:%'))",
            {std::to_string(record_id), std::to_string(record_id)});
  std::optional<LedgerChild> out;
  Status st = for_each_row(db, kChildSelect, where, "LIMIT 1",
                           [&](const soci::row& r) { out = read_child(r); });
  if (!st) return st.error();
  return out;
}

Result<std::set<std::string>> entry_bases(Database& db, const std::string& county,
                                          const std::string& comparison) {
  Where where;
  where.equals("county_code", county).equals("comparison", comparison);
  std::set<std::string> out;
  Status st = for_each_row(db, "SELECT basis FROM suspected_entries", where, "",
                           [&](const soci::row& r) { out.insert(row_text(r, 0)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<LedgerChild>> child_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("id", std::to_string(id));
  where.add(scope_condition(scope, ""));
  std::optional<LedgerChild> out;
  Status st =
      for_each_row(db, kChildSelect, where, "", [&](const soci::row& r) { out = read_child(r); });
  if (!st) return st.error();
  return out;
}

std::string entry_visible(const core::Scope& scope, const std::string& alias) {
  if (scope.county_wide()) return "(1 = 1)";
  const std::string e = alias.empty() ? "suspected_entries" : alias;
  return "(" + scope_condition(scope, alias) +
         " OR EXISTS (SELECT 1 FROM verification_tasks vt WHERE vt.county_code = " + e +
         ".county_code AND vt.entry_id = " + e + ".id AND " + scope_condition(scope, "vt", false) +
         "))";
}

const std::vector<std::string>& entry_sort_fields() {
  static const std::vector<std::string> kFields = {"name",   "birth_date", "township", "village",
                                                   "school", "opened_at",  "deadline"};
  return kFields;
}

namespace {

// The deadline of the entry's active task (none: NULL, listed last).
std::string active_deadline() {
  return "(SELECT MIN(t.deadline) FROM verification_tasks t WHERE t.county_code = e.county_code "
         "AND t.entry_id = e.id AND t.state IN " +
         core::sql_list(core::open_task_states()) + ")";
}

Where entry_where(Database& db, const std::string& county, const EntryQuery& query,
                  const core::Scope& scope) {
  Where where;
  where.equals("e.county_code", county).equals("e.status", query.status);
  where.equals("e.township_code", query.township_code);
  where.equals("e.village_code", query.village_code).equals("e.school_code", query.school_code);
  where.equals("e.child_key", query.child_key);
  add_search(db, where, query.q, "e.");
  // The entry's latest task decides its task state.
  const std::string latest =
      "(SELECT t.state FROM verification_tasks t WHERE t.county_code = e.county_code AND "
      "t.entry_id = e.id ORDER BY t.id DESC LIMIT 1)";
  if (query.task == "undispatched") {
    where.add(
        "e.status = 'open' AND NOT EXISTS (SELECT 1 FROM verification_tasks t WHERE "
        "t.county_code = e.county_code AND t.entry_id = e.id AND t.state IN " +
        core::sql_list(core::open_task_states()) + ")");
  } else if (query.task == "overdue") {
    where.add(
        "EXISTS (SELECT 1 FROM verification_tasks t WHERE t.county_code = e.county_code "
        "AND t.entry_id = e.id AND t.state IN " +
            core::sql_list(core::awaiting_assignee_states()) + " AND t.deadline < ?)",
        {query.today});
  } else if (!query.task.empty()) {
    where.add(latest + " = ?", {query.task});
  }
  where.add(entry_visible(scope, "e"));
  return where;
}

std::string entry_order(const EntryQuery& query) {
  if (query.sort.field.empty()) return "ORDER BY e.id";
  if (query.sort.field == "deadline") {
    return order_by(active_deadline(), query.sort.descending, "e.id");
  }
  return order_clause(query.sort, "e.");
}

}  // namespace

Result<Paged<SuspectedEntry>> find_suspected_entries(Database& db, const std::string& county,
                                                     const EntryQuery& query,
                                                     const core::Scope& scope, const Page& page) {
  const Where where = entry_where(db, county, query, scope);
  Paged<SuspectedEntry> out;
  auto total = count_rows(db, "FROM suspected_entries e", where);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, entry_select(), where, entry_order(query) + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_entry(r)); });
  if (!st) return st.error();
  return out;
}

Status for_each_suspected_entry(Database& db, const std::string& county, const EntryQuery& query,
                                const core::Scope& scope,
                                const std::function<Status(const SuspectedEntry&)>& fn) {
  return for_each_row_until(db, entry_select(), entry_where(db, county, query, scope),
                            entry_order(query),
                            [&](const soci::row& r) { return fn(read_entry(r)); });
}

Result<std::optional<SuspectedEntry>> latest_entry_of_child(Database& db, const std::string& county,
                                                            const std::string& child_key) {
  Where where;
  where.equals("e.county_code", county).equals("e.child_key", child_key);
  std::optional<SuspectedEntry> out;
  Status st = for_each_row(db, entry_select(), where, "ORDER BY e.id DESC LIMIT 1",
                           [&](const soci::row& r) { out = read_entry(r); });
  if (!st) return st.error();
  return out;
}

namespace {
// entries_of_child's statement and its variables, kept per connection and scope.
struct EntriesOfChild {
  std::string county, child_key;
  long long id = 0;
  std::string status, reason, category, opened_at, closed_at;
  soci::indicator reason_null = soci::i_ok, category_null = soci::i_ok, closed_null = soci::i_ok;
  soci::statement st;
  EntriesOfChild(soci::session& sql, const std::string& text)
      : st((sql.prepare << text, soci::use(county, "c"), soci::use(child_key, "k"), soci::into(id),
            soci::into(status), soci::into(reason, reason_null),
            soci::into(category, category_null), soci::into(opened_at),
            soci::into(closed_at, closed_null))) {}
};
}  // namespace

Result<std::vector<EntryBrief>> entries_of_child(Database& db, const std::string& county,
                                                 const std::string& child_key,
                                                 const core::Scope& scope) {
  if (child_key.empty()) return std::vector<EntryBrief>{};
  const std::string text =
      "SELECT e.id, e.status, e.reason, e.close_category, e.opened_at, e.closed_at FROM "
      "suspected_entries e WHERE e.county_code = :c AND "
      "e.child_key = :k AND " +
      entry_visible(scope, "e") + " ORDER BY e.id";
  try {
    auto& q = db.kept<EntriesOfChild>(
        text, [&](soci::session& sql) { return std::make_unique<EntriesOfChild>(sql, text); });
    q.county = county;
    q.child_key = child_key;
    std::vector<EntryBrief> out;
    q.st.execute(false);
    while (q.st.fetch())
      out.push_back({q.id, q.status, q.reason_null == soci::i_null ? "" : q.reason,
                     q.category_null == soci::i_null ? "" : q.category, q.opened_at,
                     q.closed_null == soci::i_null ? "" : q.closed_at});
    return out;
  } catch (const std::exception& e) {
    db.forget_kept(text);
    return database_error(e);
  }
}

Result<std::optional<SuspectedEntry>> suspected_entry_by_id(Database& db, const std::string& county,
                                                            long long id,
                                                            const core::Scope& scope) {
  Where where;
  where.equals("e.county_code", county).equals("e.id", std::to_string(id));
  where.add(entry_visible(scope, "e"));
  std::optional<SuspectedEntry> out;
  Status st =
      for_each_row(db, entry_select(), where, "", [&](const soci::row& r) { out = read_entry(r); });
  if (!st) return st.error();
  return out;
}

Status insert_suspected_entry(Database& db, const std::string& county, SuspectedEntry& e) {
  return db.transaction([&]() -> Status {
    e.id = db.reserve_ids("suspected_entries", 1);
    std::vector<std::string> columns = {"county_code"};
    columns.insert(columns.end(), kEntryColumns.begin(), kEntryColumns.end());
    columns.push_back("search_name");
    BulkInsert put(db, "suspected_entries", columns, 1);
    put.text(county).integer(e.id).text(e.child_key).text(e.comparison).text(e.reason_code);
    put.text(e.reason).text(e.evidence).text(e.basis).integer(e.record_id);
    put.integer(e.candidate_record_id);
    for (const std::string* s : entry_texts(e)) put.text(*s);
    put.integer(e.grade).integer(e.poverty ? 1 : 0).text(e.key_groups).text(e.status);
    put.integer(e.opened_run_id).text(e.opened_at).integer(e.last_seen_run_id);
    put.integer(e.in_school_run_id).integer(e.previous_entry_id);
    for (const std::string* s :
         {&e.reopen_reason, &e.closed_at, &e.closed_by, &e.close_category, &e.close_note})
      put.text(*s);
    put.integer(e.class_number).text(text::name_key(e.name));
    return put.end_row();
  });
}

Result<std::vector<SuspectedEntry>> suspected_entries(Database& db, const std::string& county,
                                                      const std::string& status,
                                                      const core::Scope* scope) {
  return query_entries(db, county, status, "id", scope);
}

Result<std::vector<SuspectedEntry>> latest_entry_per_child(Database& db,
                                                           const std::string& county) {
  auto all = query_entries(db, county, "", "child_key, id");
  if (!all) return all.error();
  std::vector<SuspectedEntry> out;
  for (auto& e : all.value()) {
    if (!out.empty() && out.back().child_key == e.child_key)
      out.back() = std::move(e);
    else
      out.push_back(std::move(e));
  }
  return out;
}

Status mark_seen(Database& db, const std::string& county, long long run_id,
                 const std::vector<long long>& entry_ids) {
  return set_run_column(db, county, "last_seen_run_id", run_id, entry_ids, " AND status = 'open'");
}

Status mark_in_school(Database& db, const std::string& county, long long run_id,
                      const std::vector<long long>& entry_ids) {
  return set_run_column(db, county, "in_school_run_id", run_id, entry_ids,
                        " AND in_school_run_id IS NULL");
}

Status close_suspected_entry(Database& db, const std::string& county, long long entry_id,
                             const std::string& category, const std::string& note,
                             const std::string& by) {
  return db.transaction([&]() -> Status {
    std::string status;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT status FROM suspected_entries WHERE county_code = :c AND id = :i",
        soci::into(status, ind), soci::use(county), soci::use(entry_id);
    if (!db.sql().got_data())
      return make_error("entry_not_found",
                        "疑似台账中没有编号为 " + std::to_string(entry_id) + " 的记录");
    if (status != "open") return make_error("entry_not_open", "该疑似记录已销号，不能重复销号");
    const std::string at = now_utc();
    db.sql() << "UPDATE suspected_entries SET status = 'closed', in_school_run_id = NULL, "
                "closed_at = :a, closed_by = :b, "
                "close_category = :k, close_note = :n WHERE county_code = :c AND id = :i",
        soci::use(at), soci::use(by), soci::use(category), soci::use(note), soci::use(county),
        soci::use(entry_id);
    return {};
  });
}

}  // namespace baoxue::store
