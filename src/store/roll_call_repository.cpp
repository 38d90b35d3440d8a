#include "store/roll_call_repository.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "store/bulk_insert.h"
#include "store/ledger_repository.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

const char* const kRollCallColumns =
    "r.id, r.school_code, r.grade, r.class_number, r.day, r.session, r.township_code, "
    "r.village_code, r.pupils, r.source, r.revision, r.taken_by, r.taken_at, r.updated_at";

RollCall read_roll_call(const soci::row& r) {
  RollCall c;
  c.id = row_int(r, 0);
  c.cls = {row_text(r, 1), static_cast<int>(row_int(r, 2)), static_cast<int>(row_int(r, 3))};
  c.day = row_text(r, 4);
  c.session = row_text(r, 5);
  c.township_code = row_text(r, 6);
  c.village_code = row_text(r, 7);
  c.pupils = row_int(r, 8);
  c.source = row_text(r, 9);
  c.revision = row_int(r, 10);
  c.taken_by = row_text(r, 11);
  c.taken_at = row_text(r, 12);
  c.updated_at = row_text(r, 13);
  return c;
}

Where class_where(const std::string& county, const ClassRef& cls) {
  Where w;
  w.add("r.county_code = ?", {county});
  w.add("r.school_code = ?", {cls.school_code});
  w.add("r.grade = ?", {std::to_string(cls.grade)});
  w.add("r.class_number = ?", {std::to_string(cls.class_number)});
  return w;
}

Result<std::vector<RollCallMark>> marks_of(Database& db, const std::string& county,
                                           long long roll_call_id) {
  std::vector<RollCallMark> out;
  Where w;
  w.add("county_code = ?", {county});
  w.add("roll_call_id = ?", {std::to_string(roll_call_id)});
  Status st = for_each_row(db, "SELECT child_key, mark FROM roll_call_marks", w,
                           "ORDER BY child_key", [&](const soci::row& r) {
                             out.push_back({row_text(r, 0), row_text(r, 1)});
                           });
  if (!st) return st.error();
  return out;
}

Status insert_marks(Database& db, const std::string& county, long long id, const std::string& day,
                    const std::vector<RollCallMark>& marks) {
  if (marks.empty()) return {};
  BulkInsert put(db, "roll_call_marks", {"county_code", "roll_call_id", "child_key", "day", "mark"},
                 200);
  for (const auto& m : marks) {
    put.text(county).integer(id).text(m.child_key).text(day).text(m.mark);
    if (Status st = put.end_row(); !st) return st;
  }
  return put.flush();
}

const std::vector<std::string> kRollCallInsert = {
    "county_code",  "id",       "school_code", "grade",
    "class_number", "day",      "session",     "township_code",
    "village_code", "pupils",   "exceptions",  "source",
    "revision",     "taken_by", "taken_at",    "updated_at"};

Status put_roll_call(BulkInsert& put, const std::string& county, const RollCall& call,
                     const std::string& now) {
  put.text(county).integer(call.id).text(call.cls.school_code).integer(call.cls.grade);
  put.integer(call.cls.class_number).text(call.day).text(call.session);
  put.text(call.township_code).text(call.village_code).integer(call.pupils);
  put.integer(static_cast<long long>(call.marks.size())).text(call.source).integer(call.revision);
  put.text(call.taken_by).text(call.taken_at.empty() ? now : call.taken_at);
  put.text(call.updated_at.empty() ? now : call.updated_at);
  return put.end_row();
}

// Raises each class's last roll-call day to the latest of `calls` (roll_call_classes).
Status note_class_days(Database& db, const std::string& county,
                       const std::vector<RollCall>& calls) {
  std::map<ClassRef, std::string> last;
  for (const RollCall& c : calls) {
    std::string& day = last[c.cls];
    if (c.day > day) day = c.day;
  }
  BulkInsert put(db, "roll_call_classes",
                 {"county_code", "school_code", "grade", "class_number", "last_day"}, 500);
  put.on_conflict(
      "ON CONFLICT (county_code, school_code, grade, class_number) DO UPDATE SET last_day = "
      "excluded.last_day WHERE roll_call_classes.last_day < excluded.last_day");
  for (const auto& [cls, day] : last) {
    put.text(county).text(cls.school_code).integer(cls.grade).integer(cls.class_number).text(day);
    if (Status st = put.end_row(); !st) return st;
  }
  return put.flush();
}

}  // namespace

Status insert_roll_calls(Database& db, const std::string& county, std::vector<RollCall>& calls) {
  return db.transaction([&]() -> Status {
    if (calls.empty()) return {};
    long long next = db.reserve_ids("roll_calls", static_cast<long long>(calls.size()));
    const std::string now = now_utc();
    BulkInsert put(db, "roll_calls", kRollCallInsert, 500);
    BulkInsert marks(db, "roll_call_marks",
                     {"county_code", "roll_call_id", "child_key", "day", "mark"}, 1000);
    for (RollCall& call : calls) {
      call.id = next++;
      if (Status st = put_roll_call(put, county, call, now); !st) return st;
      for (const auto& m : call.marks) {
        marks.text(county).integer(call.id).text(m.child_key).text(call.day).text(m.mark);
        if (Status st = marks.end_row(); !st) return st;
      }
    }
    if (Status st = put.flush(); !st) return st;
    if (Status st = marks.flush(); !st) return st;
    return note_class_days(db, county, calls);
  });
}

namespace {

// A pupil of the latest run with his student number from his 学籍 record (the tables, not the
// current_records view, which SQLite would materialise for the whole county each time).
const char* const kPupilSelect =
    "SELECT c.id, c.child_key, c.name, c.sex, c.birth_date, x.student_no, c.id_number, "
    "c.township_code, c.village_code, c.school_name, c.key_groups, c.standing "
    "FROM ledger_children c LEFT JOIN list_records lr ON lr.county_code = c.county_code AND "
    "lr.id = c.xueji_record_id LEFT JOIN source_rows x ON x.county_code = lr.county_code AND "
    "x.id = lr.source_row_id";

Pupil read_pupil(const soci::row& r) {
  Pupil p;
  p.ledger_id = row_int(r, 0);
  p.child_key = row_text(r, 1);
  p.name = row_text(r, 2);
  p.sex = row_text(r, 3);
  p.birth_date = row_text(r, 4);
  p.student_no = row_text(r, 5);
  p.id_number = row_text(r, 6);
  p.township_code = row_text(r, 7);
  p.village_code = row_text(r, 8);
  p.school_name = row_text(r, 9);
  p.key_groups = row_text(r, 10);
  p.standing = row_text(r, 11);
  return p;
}

}  // namespace

Result<std::vector<Pupil>> class_roster(Database& db, const std::string& county,
                                        const ClassRef& cls, const core::Scope* scope) {
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  std::vector<Pupil> out;
  if (!run.value()) return out;
  Where w;
  w.add("c.county_code = ?", {county});
  w.add("c.run_id = ?", {std::to_string(run.value()->id)});
  w.add("c.school_code = ?", {cls.school_code});
  w.add("c.grade = ?", {std::to_string(cls.grade)});
  w.add("c.class_number = ?", {std::to_string(cls.class_number)});
  if (scope) w.add(scope_condition(*scope, "c"));
  // Sorted here: with ORDER BY name SQLite walks the run's name index instead of the class's.
  Status st = for_each_row(db, kPupilSelect, w, "",
                           [&](const soci::row& r) { out.push_back(read_pupil(r)); });
  if (!st) return st.error();
  std::sort(out.begin(), out.end(), [](const Pupil& a, const Pupil& b) {
    return std::tie(a.name, a.ledger_id) < std::tie(b.name, b.ledger_id);
  });
  return out;
}

Result<std::map<std::string, Pupil>> pupils_by_keys(Database& db, const std::string& county,
                                                    const std::vector<std::string>& keys) {
  std::map<std::string, Pupil> out;
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value() || keys.empty()) return out;
  constexpr std::size_t kChunk = 500;  // bound values per statement
  for (std::size_t from = 0; from < keys.size(); from += kChunk) {
    const std::size_t to = std::min(keys.size(), from + kChunk);
    std::string marks;
    std::vector<std::string> values(keys.begin() + static_cast<long>(from),
                                    keys.begin() + static_cast<long>(to));
    for (std::size_t i = from; i < to; ++i) marks += i == from ? "?" : ", ?";
    Where w;
    w.add("c.county_code = ?", {county});
    w.add("c.run_id = ?", {std::to_string(run.value()->id)});
    w.add("c.child_key IN (" + marks + ")", values);
    Status st = for_each_row(db, kPupilSelect, w, "", [&](const soci::row& r) {
      Pupil p = read_pupil(r);
      out.emplace(p.child_key, std::move(p));
    });
    if (!st) return st.error();
  }
  return out;
}

Result<long long> for_each_enrolled_pupil(Database& db, const std::string& county,
                                          const std::function<void(EnrolledPupil&)>& fn) {
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return 0LL;
  Where w;
  w.add("c.county_code = ?", {county});
  w.add("c.run_id = ?", {std::to_string(run.value()->id)});
  w.add("c.school_code IS NOT NULL AND c.school_code <> ''");
  // As class_roster: the student number from his 学籍 record; the township from the school.
  Status st = for_each_row(
      db,
      "SELECT c.school_code, c.grade, c.class_number, c.child_key, c.name, x.student_no, "
      "c.id_number, c.school_name, s.township_code FROM ledger_children c LEFT JOIN list_records "
      "lr ON lr.county_code = c.county_code AND lr.id = c.xueji_record_id LEFT JOIN source_rows x "
      "ON x.county_code = lr.county_code AND x.id = lr.source_row_id LEFT JOIN schools s ON "
      "s.county_code = c.county_code AND s.id = c.school_code",
      w, "", [&](const soci::row& r) {
        EnrolledPupil p;
        p.cls = {row_text(r, 0), static_cast<int>(row_int(r, 1)), static_cast<int>(row_int(r, 2))};
        p.child_key = row_text(r, 3);
        p.name = row_text(r, 4);
        p.student_no = row_text(r, 5);
        p.id_number = row_text(r, 6);
        p.school_name = row_text(r, 7);
        p.township_code = row_text(r, 8);
        fn(p);
      });
  if (!st) return st.error();
  return run.value()->id;
}

Result<std::vector<ClassSummary>> classes_in_scope(Database& db, const std::string& county,
                                                   const core::Scope& scope,
                                                   const std::string& school_code) {
  auto run = latest_match_run(db, county);
  if (!run) return run.error();
  std::vector<ClassSummary> out;
  if (!run.value()) return out;
  Where w;
  w.add("c.county_code = ?", {county});
  w.add("c.run_id = ?", {std::to_string(run.value()->id)});
  if (!school_code.empty()) w.add("c.school_code = ?", {school_code});
  w.add("c.school_code IS NOT NULL AND c.grade IS NOT NULL AND c.class_number IS NOT NULL");
  w.add(scope_condition(scope, "c"));
  Status st = for_each_row(
      db,
      "SELECT c.school_code, c.grade, c.class_number, MAX(c.school_name), MIN(s.township_code), "
      "COUNT(*) FROM ledger_children c LEFT JOIN schools s ON s.county_code = c.county_code AND "
      "s.id = c.school_code",
      w,
      "GROUP BY c.school_code, c.grade, c.class_number ORDER BY c.school_code, c.grade, "
      "c.class_number",
      [&](const soci::row& r) {
        out.push_back(
            {{row_text(r, 0), static_cast<int>(row_int(r, 1)), static_cast<int>(row_int(r, 2))},
             row_text(r, 3),
             row_text(r, 4),
             row_int(r, 5)});
      });
  if (!st) return st.error();
  return out;
}

Result<std::pair<std::string, std::string>> school_place(Database& db, const std::string& county,
                                                         const std::string& school_code) {
  Where w;
  w.add("county_code = ?", {county});
  w.add("id = ?", {school_code});
  std::pair<std::string, std::string> out;
  Status st = for_each_row(db, "SELECT township_code, village_code FROM schools", w, "",
                           [&](const soci::row& r) {
                             out = {row_text(r, 0), row_text(r, 1)};
                           });
  if (!st) return st.error();
  return out;
}

Result<std::optional<RollCall>> roll_call_of(Database& db, const std::string& county,
                                             const ClassRef& cls, const std::string& day,
                                             const std::string& session) {
  Where w = class_where(county, cls);
  w.add("r.day = ?", {day});
  w.add("r.session = ?", {session});
  std::optional<RollCall> found;
  Status st = for_each_row(db, std::string("SELECT ") + kRollCallColumns + " FROM roll_calls r", w,
                           "", [&](const soci::row& r) { found = read_roll_call(r); });
  if (!st) return st.error();
  if (found) {
    auto marks = marks_of(db, county, found->id);
    if (!marks) return marks.error();
    found->marks = std::move(marks.value());
  }
  return found;
}

Result<SaveOutcome> save_roll_call(Database& db, const std::string& county, const RollCall& call) {
  SaveOutcome out;
  Status st = db.transaction([&]() -> Status {
    auto old = roll_call_of(db, county, call.cls, call.day, call.session);
    if (!old) return old.error();
    const std::string now = now_utc();
    if (!old.value()) {
      out.kind = SaveOutcome::kCreated;
      out.id = db.reserve_ids("roll_calls", 1);
      RollCall fresh = call;
      fresh.id = out.id;
      fresh.revision = 1;
      BulkInsert put(db, "roll_calls", kRollCallInsert, 1);
      if (Status s = put_roll_call(put, county, fresh, now); !s) return s;
      if (Status s = put.flush(); !s) return s;
      if (Status s = note_class_days(db, county, {fresh}); !s) return s;
      return insert_marks(db, county, out.id, call.day, call.marks);
    }
    const RollCall& was = *old.value();
    out.id = was.id;
    std::unordered_map<std::string, std::string> before, after;
    for (const auto& m : was.marks) before[m.child_key] = m.mark;
    for (const auto& m : call.marks) after[m.child_key] = m.mark;
    std::vector<RollCallChange> changes;
    for (const auto& [key, mark] : after) {
      auto it = before.find(key);
      if (it == before.end())
        changes.push_back({0, key, "present", mark});
      else if (it->second != mark)
        changes.push_back({0, key, it->second, mark});
    }
    for (const auto& [key, mark] : before)
      if (!after.count(key)) changes.push_back({0, key, mark, "present"});
    if (changes.empty()) {
      out.kind = SaveOutcome::kUnchanged;
      return {};
    }
    out.kind = SaveOutcome::kCorrected;
    out.changed = static_cast<long long>(changes.size());
    const long long revision = was.revision + 1;
    long long next = db.reserve_ids("roll_call_changes", out.changed);
    BulkInsert log(db, "roll_call_changes",
                   {"county_code", "id", "roll_call_id", "revision", "child_key", "old_mark",
                    "new_mark", "source", "changed_by", "changed_at"},
                   200);
    for (const auto& c : changes) {
      log.text(county).integer(next++).integer(was.id).integer(revision).text(c.child_key);
      log.text(c.old_mark).text(c.new_mark).text(call.source).text(call.taken_by).text(now);
      if (Status s = log.end_row(); !s) return s;
    }
    if (Status s = log.flush(); !s) return s;
    db.sql() << "DELETE FROM roll_call_marks WHERE county_code = :c AND roll_call_id = :i",
        soci::use(county), soci::use(was.id);
    if (Status s = insert_marks(db, county, was.id, call.day, call.marks); !s) return s;
    const long long exceptions = static_cast<long long>(call.marks.size());
    db.sql() << "UPDATE roll_calls SET pupils = :p, exceptions = :e, revision = :r, "
                "updated_at = :t WHERE county_code = :c AND id = :i",
        soci::use(call.pupils), soci::use(exceptions), soci::use(revision), soci::use(now),
        soci::use(county), soci::use(was.id);
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<RollCallChange>> roll_call_history(Database& db, const std::string& county,
                                                      long long roll_call_id) {
  std::vector<RollCallChange> out;
  Where w;
  w.add("county_code = ?", {county});
  w.add("roll_call_id = ?", {std::to_string(roll_call_id)});
  Status st = for_each_row(
      db,
      "SELECT revision, child_key, old_mark, new_mark, source, changed_by, changed_at FROM "
      "roll_call_changes",
      w, "ORDER BY revision, id", [&](const soci::row& r) {
        out.push_back({row_int(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3),
                       row_text(r, 4), row_text(r, 5), row_text(r, 6)});
      });
  if (!st) return st.error();
  return out;
}

Result<std::vector<RollCall>> roll_calls_on(Database& db, const std::string& county,
                                            const std::string& day, const std::string& school_code,
                                            const core::Scope& scope) {
  Where w;
  w.add("r.county_code = ?", {county});
  w.add("r.day = ?", {day});
  if (!school_code.empty()) w.add("r.school_code = ?", {school_code});
  w.add(scope_condition(scope, "r"));
  std::vector<RollCall> out;
  std::unordered_map<long long, std::size_t> at;
  Status st = for_each_row(db, std::string("SELECT ") + kRollCallColumns + " FROM roll_calls r", w,
                           "ORDER BY r.school_code, r.grade, r.class_number, r.session",
                           [&](const soci::row& r) {
                             at[row_int(r, 0)] = out.size();
                             out.push_back(read_roll_call(r));
                           });
  if (!st) return st.error();
  if (out.empty()) return out;
  Where m;
  m.add("m.county_code = ?", {county});
  m.add("m.day = ?", {day});
  if (!school_code.empty()) m.add("r.school_code = ?", {school_code});
  m.add(scope_condition(scope, "r"));
  st = for_each_row(db,
                    "SELECT m.roll_call_id, m.child_key, m.mark FROM roll_call_marks m JOIN "
                    "roll_calls r ON r.county_code = m.county_code AND r.id = m.roll_call_id",
                    m, "ORDER BY m.roll_call_id, m.child_key", [&](const soci::row& r) {
                      auto it = at.find(row_int(r, 0));
                      if (it != at.end())
                        out[it->second].marks.push_back({row_text(r, 1), row_text(r, 2)});
                    });
  if (!st) return st.error();
  return out;
}

Result<std::vector<ClassHistory>> class_histories(Database& db, const std::string& county,
                                                  const std::string& from, const std::string& to,
                                                  const std::string& school_code,
                                                  const std::optional<ClassRef>& cls) {
  auto filter = [&](const std::string& day_column) {
    Where w;
    if (cls) {
      w = class_where(county, *cls);
    } else {
      w.add("r.county_code = ?", {county});
      if (!school_code.empty()) w.add("r.school_code = ?", {school_code});
    }
    w.add(day_column + " >= ?", {from});
    w.add(day_column + " <= ?", {to});
    return w;
  };
  std::map<ClassRef, ClassHistory> by_class;
  Status st = for_each_row(
      db, "SELECT r.school_code, r.grade, r.class_number, r.day, COUNT(*) FROM roll_calls r",
      filter("r.day"), "GROUP BY r.school_code, r.grade, r.class_number, r.day",
      [&](const soci::row& r) {
        ClassRef c{row_text(r, 0), static_cast<int>(row_int(r, 1)),
                   static_cast<int>(row_int(r, 2))};
        ClassHistory& h = by_class[c];
        h.cls = c;
        h.roll_calls[row_text(r, 3)] = static_cast<int>(row_int(r, 4));
      });
  if (!st) return st.error();
  // One class: from its roll calls (by the class index) to their marks; many: from the marks of
  // the days (by the day index).
  Where m = filter(cls ? "r.day" : "m.day");
  if (!cls) m.add("m.county_code = ?", {county});
  st = for_each_row(db,
                    std::string("SELECT r.school_code, r.grade, r.class_number, m.child_key, "
                                "m.day, m.mark FROM ") +
                        (cls ? "roll_calls r JOIN roll_call_marks m"
                             : "roll_call_marks m JOIN "
                               "roll_calls r") +
                        " ON r.county_code = m.county_code AND r.id = m.roll_call_id",
                    m, cls ? "ORDER BY r.day" : "ORDER BY m.day", [&](const soci::row& r) {
                      ClassRef c{row_text(r, 0), static_cast<int>(row_int(r, 1)),
                                 static_cast<int>(row_int(r, 2))};
                      auto it = by_class.find(c);
                      if (it == by_class.end()) return;
                      it->second.marks[row_text(r, 3)].emplace_back(row_text(r, 4), row_text(r, 5));
                    });
  if (!st) return st.error();
  std::vector<ClassHistory> out;
  out.reserve(by_class.size());
  for (auto& [c, h] : by_class) out.push_back(std::move(h));
  return out;
}

namespace {

Result<std::vector<ClassRef>> read_classes(Database& db, const std::string& sql, const Where& w,
                                           const std::string& tail) {
  std::vector<ClassRef> out;
  Status st = for_each_row(db, sql, w, tail, [&](const soci::row& r) {
    out.push_back(
        {row_text(r, 0), static_cast<int>(row_int(r, 1)), static_cast<int>(row_int(r, 2))});
  });
  if (!st) return st.error();
  return out;
}

}  // namespace

Result<std::vector<ClassRef>> classes_with_truancy(Database& db, const std::string& county,
                                                   const std::string& from, const std::string& to,
                                                   const std::string& school_code) {
  Where w;
  w.add("m.county_code = ?", {county});
  w.add("m.day >= ?", {from});
  w.add("m.day <= ?", {to});
  w.add("m.mark = 'truant'");
  if (!school_code.empty()) w.add("r.school_code = ?", {school_code});
  return read_classes(db,
                      "SELECT DISTINCT r.school_code, r.grade, r.class_number FROM roll_call_marks "
                      "m JOIN roll_calls r ON r.county_code = m.county_code AND r.id = "
                      "m.roll_call_id",
                      w, "");
}

Result<std::vector<ClassRef>> classes_with_pupils_away(Database& db, const std::string& county,
                                                       const std::string& day,
                                                       const std::string& truant_from,
                                                       const std::string& school_code) {
  Where w;
  w.add("m.county_code = ?", {county});
  w.add("m.day = ?", {day});
  w.add("m.mark IN ('truant', 'sick_leave', 'personal_leave')");
  if (!school_code.empty()) w.add("r.school_code = ?", {school_code});
  w.add(
      "EXISTS (SELECT 1 FROM roll_call_marks t WHERE t.county_code = m.county_code AND "
      "t.child_key = m.child_key AND t.day >= ? AND t.day <= ? AND t.mark = 'truant')",
      {truant_from, day});
  // Away at every roll call of the day: as many marks as the class took roll calls.
  return read_classes(
      db,
      "SELECT r.school_code, r.grade, r.class_number FROM roll_call_marks m JOIN roll_calls r ON "
      "r.county_code = m.county_code AND r.id = m.roll_call_id",
      w,
      "GROUP BY r.school_code, r.grade, r.class_number, m.child_key HAVING COUNT(*) = (SELECT "
      "COUNT(*) FROM roll_calls c WHERE c.county_code = MAX(r.county_code) AND c.school_code = "
      "r.school_code AND c.grade = r.grade AND c.class_number = r.class_number AND c.day = "
      "MAX(m.day))");
}

Result<std::vector<ClassRef>> classes_on_day(Database& db, const std::string& county,
                                             const std::string& day,
                                             const std::string& school_code) {
  Where w;
  w.add("county_code = ?", {county});
  w.add("day = ?", {day});
  if (!school_code.empty()) w.add("school_code = ?", {school_code});
  return read_classes(db, "SELECT DISTINCT school_code, grade, class_number FROM roll_calls", w,
                      "");
}

Result<std::vector<std::pair<ClassRef, std::string>>> classes_last_taking_roll(
    Database& db, const std::string& county, const std::string& from, const std::string& to,
    const std::string& school_code) {
  Where w;
  w.add("county_code = ?", {county});
  w.add("last_day >= ?", {from});
  w.add("last_day <= ?", {to});
  if (!school_code.empty()) w.add("school_code = ?", {school_code});
  std::vector<std::pair<ClassRef, std::string>> out;
  Status st =
      for_each_row(db, "SELECT school_code, grade, class_number, last_day FROM roll_call_classes",
                   w, "", [&](const soci::row& r) {
                     out.emplace_back(ClassRef{row_text(r, 0), static_cast<int>(row_int(r, 1)),
                                               static_cast<int>(row_int(r, 2))},
                                      row_text(r, 3));
                   });
  if (!st) return st.error();
  return out;
}

Result<std::string> latest_class_day(Database& db, const std::string& county) {
  Where w;
  w.add("county_code = ?", {county});
  std::string out;
  Status st = for_each_row(db, "SELECT MAX(last_day) FROM roll_call_classes", w, "",
                           [&](const soci::row& r) { out = row_text(r, 0); });
  if (!st) return st.error();
  return out;
}

Result<std::string> last_roll_call_day(Database& db, const std::string& county,
                                       const std::string& on) {
  Where w;
  w.add("county_code = ?", {county});
  w.add("day <= ?", {on});
  std::string out;
  Status st = for_each_row(db, "SELECT MAX(day) FROM roll_calls", w, "",
                           [&](const soci::row& r) { out = row_text(r, 0); });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
