#include "store/support_pair_repository.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "store/bulk_insert.h"
#include "store/ledger_repository.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kPairSelect =
    "SELECT p.id, p.child_key, p.name, p.township_code, p.village_code, p.school_code, "
    "p.school_name, p.grade, p.class_number, p.teacher, p.teacher_phone, p.reason, p.since, "
    "p.ended_on, p.end_note, p.created_by, p.created_at FROM support_pairs p";
const char* const kPairOrder =
    "ORDER BY CASE WHEN p.ended_on IS NULL THEN 0 ELSE 1 END, p.school_code, "
    "COALESCE(p.grade, 99), COALESCE(p.class_number, 999), p.name, p.id";
// Keeps each IN (…) list well inside both engines' limits on bound values.
constexpr std::size_t kKeysPerQuery = 500;

SupportPair read_pair(const soci::row& r) {
  SupportPair p;
  p.id = row_int(r, 0);
  p.child_key = row_text(r, 1);
  p.name = row_text(r, 2);
  p.township_code = row_text(r, 3);
  p.village_code = row_text(r, 4);
  p.school_code = row_text(r, 5);
  p.school_name = row_text(r, 6);
  p.grade = row_optional_int(r, 7);
  p.class_number = row_optional_int(r, 8);
  p.teacher = row_text(r, 9);
  p.teacher_phone = row_text(r, 10);
  p.reason = row_text(r, 11);
  p.since = row_text(r, 12);
  p.ended_on = row_text(r, 13);
  p.end_note = row_text(r, 14);
  p.created_by = row_text(r, 15);
  p.created_at = row_text(r, 16);
  return p;
}

// " IN (?, ?, …)" for n values.
std::string in_list(std::size_t n) {
  std::string out = " IN (";
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out + ")";
}

Where pair_where(const std::string& county, const PairQuery& q, const core::Scope& scope) {
  Where w;
  w.add("p.county_code = ?", {county});
  if (!q.township_code.empty()) w.add("p.township_code = ?", {q.township_code});
  if (!q.school_code.empty()) w.add("p.school_code = ?", {q.school_code});
  if (!q.teacher.empty()) w.add("p.teacher = ?", {q.teacher});
  if (!q.child_key.empty()) w.add("p.child_key = ?", {q.child_key});
  if (q.status == "active") w.add("p.ended_on IS NULL");
  if (q.status == "ended") w.add("p.ended_on IS NOT NULL");
  add_copied_child_search(w, q.q, "p");
  if (!q.overdue_before.empty()) {
    std::string any;
    std::vector<std::string> values;
    for (const auto& [kind, cut] : q.overdue_before) {
      any += std::string(any.empty() ? "" : " OR ") +
             "(p.since < ? AND NOT EXISTS (SELECT 1 FROM support_contacts s WHERE "
             "s.county_code = p.county_code AND s.pair_id = p.id AND s.kind = ? AND "
             "s.contact_date >= ?))";
      values.insert(values.end(), {cut, kind, cut});
    }
    w.add("p.ended_on IS NULL");
    w.add("(" + any + ")", values);
  }
  w.add(scope_condition(scope, "p"));
  return w;
}

// Fills each pair's last contact of every kind.
Status add_last_contacts(Database& db, const std::string& county, std::vector<SupportPair>& pairs) {
  std::unordered_map<long long, SupportPair*> by_id;
  for (auto& p : pairs) by_id[p.id] = &p;
  for (std::size_t from = 0; from < pairs.size(); from += kKeysPerQuery) {
    const std::size_t n = std::min(kKeysPerQuery, pairs.size() - from);
    std::vector<std::string> ids;
    for (std::size_t i = from; i < from + n; ++i) ids.push_back(std::to_string(pairs[i].id));
    Where w;
    w.add("s.county_code = ?", {county}).add("s.pair_id" + in_list(n), ids);
    Status st = for_each_row(db,
                             "SELECT s.pair_id, s.kind, MAX(s.contact_date) FROM "
                             "support_contacts s",
                             w, "GROUP BY s.pair_id, s.kind", [&](const soci::row& r) {
                               auto it = by_id.find(row_int(r, 0));
                               if (it != by_id.end())
                                 it->second->last_contact[row_text(r, 1)] = row_text(r, 2);
                             });
    if (!st) return st;
  }
  return {};
}

}  // namespace

Status insert_pair(Database& db, const std::string& county, SupportPair& p) {
  return db.transaction([&]() -> Status {
    // The id first: its row lock (PostgreSQL) or the write lock (SQLite) makes two assignments
    // for the same pupil wait for each other, so the check below sees the one committed first.
    const long long id = db.reserve_ids("support_pairs", 1);
    std::optional<SupportPair> active;
    Where w;
    w.add("p.county_code = ?", {county}).add("p.child_key = ?", {p.child_key});
    w.add("p.ended_on IS NULL");
    Status st =
        for_each_row(db, kPairSelect, w, "", [&](const soci::row& r) { active = read_pair(r); });
    if (!st) return st;
    if (active)
      return make_error("pair_exists", active->name + " 已与 " + active->teacher + " 结对帮扶（" +
                                           active->since +
                                           " 起）。一名学生同时只有一位帮扶教师；如需更换，"
                                           "请先结束原结对");
    p.id = id;
    p.ended_on.clear();
    p.end_note.clear();
    if (p.created_at.empty()) p.created_at = now_utc();
    BulkInsert put(db, "support_pairs",
                   {"county_code", "id", "child_key", "name", "township_code", "village_code",
                    "school_code", "school_name", "grade", "class_number", "teacher",
                    "teacher_phone", "reason", "since", "created_by", "created_at"},
                   1);
    put.text(county).integer(p.id).text(p.child_key).text(p.name).text(p.township_code);
    put.text(p.village_code).text(p.school_code).text(p.school_name).integer(p.grade);
    put.integer(p.class_number).text(p.teacher).text(p.teacher_phone).text(p.reason);
    put.text(p.since).text(p.created_by).text(p.created_at);
    if (Status s = put.end_row(); !s) return s;
    return put.flush();
  });
}

Status end_pair(Database& db, const std::string& county, long long id, const std::string& on,
                const std::string& note) {
  return guarded([&]() -> Status {
    soci::statement end =
        (db.sql().prepare << "UPDATE support_pairs SET ended_on = :o, end_note = :n WHERE "
                             "county_code = :c AND id = :i AND ended_on IS NULL",
         soci::use(on), soci::use(note), soci::use(county), soci::use(id));
    end.execute(true);
    if (end.get_affected_rows() == 0)
      return make_error("pair_not_active", "这个结对帮扶已经结束，无需再次结束");
    return {};
  });
}

Status insert_contact(Database& db, const std::string& county, SupportContact& c) {
  return db.transaction([&]() -> Status {
    c.id = db.reserve_ids("support_contacts", 1);
    if (c.recorded_at.empty()) c.recorded_at = now_utc();
    BulkInsert put(db, "support_contacts",
                   {"county_code", "id", "pair_id", "kind", "contact_date", "content",
                    "recorded_by", "recorded_at"},
                   1);
    put.text(county).integer(c.id).integer(c.pair_id).text(c.kind).text(c.contact_date);
    put.text(c.content).text(c.recorded_by).text(c.recorded_at);
    if (Status s = put.end_row(); !s) return s;
    return put.flush();
  });
}

Result<Paged<SupportPair>> find_pairs(Database& db, const std::string& county, const PairQuery& q,
                                      const core::Scope& scope, const Page& page) {
  const Where w = pair_where(county, q, scope);
  Paged<SupportPair> out;
  auto total = count_rows(db, "FROM support_pairs p", w);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, kPairSelect, w, kPairOrder + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_pair(r)); });
  if (!st) return st.error();
  if (Status s = add_last_contacts(db, county, out.rows); !s) return s.error();
  return out;
}

Result<std::vector<SupportPair>> all_pairs(Database& db, const std::string& county,
                                           const PairQuery& q, const core::Scope& scope) {
  std::vector<SupportPair> out;
  Status st = for_each_row(db, kPairSelect, pair_where(county, q, scope), kPairOrder,
                           [&](const soci::row& r) { out.push_back(read_pair(r)); });
  if (!st) return st.error();
  if (Status s = add_last_contacts(db, county, out); !s) return s.error();
  return out;
}

Result<std::optional<SupportPair>> pair_by_id(Database& db, const std::string& county, long long id,
                                              const core::Scope& scope) {
  Where w;
  w.add("p.county_code = ?", {county}).add("p.id = ?", {std::to_string(id)});
  w.add(scope_condition(scope, "p"));
  std::vector<SupportPair> found;
  Status st = for_each_row(db, kPairSelect, w, "",
                           [&](const soci::row& r) { found.push_back(read_pair(r)); });
  if (!st) return st.error();
  if (found.empty()) return std::optional<SupportPair>();
  if (Status s = add_last_contacts(db, county, found); !s) return s.error();
  return std::optional<SupportPair>(std::move(found.front()));
}

Result<std::vector<SupportContact>> contacts_of(Database& db, const std::string& county,
                                                long long pair_id) {
  Where w;
  w.add("s.county_code = ?", {county}).add("s.pair_id = ?", {std::to_string(pair_id)});
  std::vector<SupportContact> out;
  Status st = for_each_row(
      db,
      "SELECT s.id, s.pair_id, s.kind, s.contact_date, s.content, s.recorded_by, s.recorded_at "
      "FROM support_contacts s",
      w, "ORDER BY s.contact_date DESC, s.id DESC", [&](const soci::row& r) {
        SupportContact c;
        c.id = row_int(r, 0);
        c.pair_id = row_int(r, 1);
        c.kind = row_text(r, 2);
        c.contact_date = row_text(r, 3);
        c.content = row_text(r, 4);
        c.recorded_by = row_text(r, 5);
        c.recorded_at = row_text(r, 6);
        out.push_back(std::move(c));
      });
  if (!st) return st.error();
  return out;
}

Result<std::set<std::string>> paired_child_keys(Database& db, const std::string& county) {
  Where w;
  w.add("p.county_code = ?", {county}).add("p.ended_on IS NULL");
  std::set<std::string> out;
  Status st = for_each_row(db, "SELECT p.child_key FROM support_pairs p", w, "",
                           [&](const soci::row& r) { out.insert(row_text(r, 0)); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<LedgerPupil>> ledger_pupils(Database& db, const std::string& county,
                                               const core::Scope& scope,
                                               const std::string& township_code,
                                               const std::string& school_code,
                                               const std::vector<std::string>& key_groups,
                                               const std::set<std::string>& child_keys) {
  std::vector<LedgerPupil> out;
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return out;
  const std::string run_id = std::to_string(run.value()->id);
  std::unordered_map<std::string, std::size_t> seen;
  // `which`: the condition that picks the pupils, with `?` for each of `values`.
  auto read = [&](const std::string& which, const std::vector<std::string>& values) -> Status {
    Where w;
    w.add("county_code = ?", {county})
        .add("run_id = ?", {run_id})
        .add("school_code IS NOT NULL AND school_code <> ''");
    if (!township_code.empty()) w.add("township_code = ?", {township_code});
    if (!school_code.empty()) w.add("school_code = ?", {school_code});
    w.add(scope_condition(scope, ""));
    w.add(which, values);
    return for_each_row(db,
                        "SELECT id, child_key, name, sex, township_code, village_code, "
                        "school_code, school_name, key_groups, grade, class_number FROM "
                        "ledger_children",
                        w, "", [&](const soci::row& r) {
                          LedgerPupil p;
                          p.ledger_id = row_int(r, 0);
                          p.child_key = row_text(r, 1);
                          if (seen.count(p.child_key)) return;
                          p.name = row_text(r, 2);
                          p.sex = row_text(r, 3);
                          p.township_code = row_text(r, 4);
                          p.village_code = row_text(r, 5);
                          p.school_code = row_text(r, 6);
                          p.school_name = row_text(r, 7);
                          p.key_groups = row_text(r, 8);
                          p.grade = row_optional_int(r, 9);
                          p.class_number = row_optional_int(r, 10);
                          seen.emplace(p.child_key, out.size());
                          out.push_back(std::move(p));
                        });
  };
  if (!key_groups.empty()) {
    std::string any;
    std::vector<std::string> patterns;
    for (const auto& g : key_groups) {
      any += std::string(any.empty() ? "" : " OR ") + "(',' || key_groups || ',') LIKE ?";
      patterns.push_back("%," + g + ",%");
    }
    if (Status st = read("(" + any + ")", patterns); !st) return st.error();
  }
  const std::vector<std::string> keys(child_keys.begin(), child_keys.end());
  for (std::size_t from = 0; from < keys.size(); from += kKeysPerQuery) {
    const std::size_t n = std::min(kKeysPerQuery, keys.size() - from);
    const std::vector<std::string> chunk(keys.begin() + static_cast<std::ptrdiff_t>(from),
                                         keys.begin() + static_cast<std::ptrdiff_t>(from + n));
    if (Status st = read("child_key" + in_list(n), chunk); !st) return st.error();
  }
  std::sort(out.begin(), out.end(), [](const LedgerPupil& a, const LedgerPupil& b) {
    return std::tie(a.school_code, a.grade, a.class_number, a.name, a.ledger_id) <
           std::tie(b.school_code, b.grade, b.class_number, b.name, b.ledger_id);
  });
  return out;
}

}  // namespace baoxue::store
