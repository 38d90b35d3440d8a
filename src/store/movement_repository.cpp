#include "store/movement_repository.h"

#include "store/bulk_insert.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* const kColumns =
    "m.id, m.kind, m.subject, m.record_id, m.name, m.student_no, m.id_number, m.grade, "
    "m.class_number, m.moved_on, m.from_school_code, m.from_school_name, m.from_township_code, "
    "m.to_school_code, m.to_school_name, m.to_township_code, m.to_province, m.confirmed_on, "
    "m.confirmed_by, m.entry_id, m.batch_id, m.row_number, m.note, m.recorded_at, m.recorded_by";

Movement read_movement(const soci::row& r) {
  Movement m;
  std::size_t i = 0;
  m.id = row_int(r, i++);
  m.kind = row_text(r, i++);
  m.subject = row_text(r, i++);
  m.record_id = row_optional_int(r, i++);
  m.name = row_text(r, i++);
  m.student_no = row_text(r, i++);
  m.id_number = row_text(r, i++);
  m.grade = row_optional_int(r, i++);
  m.class_number = row_optional_int(r, i++);
  m.moved_on = row_text(r, i++);
  m.from_school_code = row_text(r, i++);
  m.from_school_name = row_text(r, i++);
  m.from_township_code = row_text(r, i++);
  m.to_school_code = row_text(r, i++);
  m.to_school_name = row_text(r, i++);
  m.to_township_code = row_text(r, i++);
  m.to_province = row_text(r, i++);
  m.confirmed_on = row_text(r, i++);
  m.confirmed_by = row_text(r, i++);
  m.entry_id = row_optional_int(r, i++);
  m.batch_id = row_optional_int(r, i++);
  m.row_number = static_cast<long>(row_int(r, i++));
  m.note = row_text(r, i++);
  m.recorded_at = row_text(r, i++);
  m.recorded_by = row_text(r, i++);
  return m;
}

// The facts a later file may correct; who recorded it and when stay the first.
bool same_facts(const Movement& a, const Movement& b) {
  return a.record_id == b.record_id && a.name == b.name && a.grade == b.grade &&
         a.class_number == b.class_number && a.from_school_code == b.from_school_code &&
         a.from_school_name == b.from_school_name && a.to_school_code == b.to_school_code &&
         a.to_school_name == b.to_school_name && a.to_province == b.to_province &&
         a.confirmed_on == b.confirmed_on && a.note == b.note;
}

Where movement_where(const std::string& county, const MovementQuery& q) {
  Where where;
  where.add("m.county_code = ?", {county});
  if (!q.from.empty()) where.add("m.moved_on >= ?", {q.from});
  if (!q.to.empty()) where.add("m.moved_on <= ?", {q.to});
  if (!q.kinds.empty()) {
    std::string in;
    for (std::size_t i = 0; i < q.kinds.size(); ++i) in += i == 0 ? "?" : ", ?";
    where.add("m.kind IN (" + in + ")", q.kinds);
  }
  if (!q.school_code.empty())
    where.add("(m.from_school_code = ? OR m.to_school_code = ?)", {q.school_code, q.school_code});
  if (!q.township_code.empty())
    where.add("(m.from_township_code = ? OR m.to_township_code = ?)",
              {q.township_code, q.township_code});
  if (q.unconfirmed_only) where.add("m.confirmed_on IS NULL");
  if (q.confirmed_only) where.add("m.confirmed_on IS NOT NULL");
  if (q.record_id) where.add("m.record_id = ?", {std::to_string(*q.record_id)});
  if (!q.q.empty())
    where.add("(m.name LIKE ? OR m.student_no = ? OR m.id_number = ?)", {q.q + "%", q.q, q.q});
  return where;
}

void add_scope(Where& where, const core::Scope& scope) {
  using core::Role;
  if (scope.county_wide()) return;
  if (scope.role == Role::kTownship && !scope.township_code.empty())
    where.add("(m.from_township_code = ? OR m.to_township_code = ?)",
              {scope.township_code, scope.township_code});
  else if (scope.role == Role::kSchoolAdmin && !scope.school_code.empty())
    where.add("(m.from_school_code = ? OR m.to_school_code = ?)",
              {scope.school_code, scope.school_code});
  else
    where.add("(1 = 0)");  // a teacher, a village, a scope naming no place
}

}  // namespace

Result<Saved> save_movement(Database& db, const std::string& county, Movement& m) {
  Saved outcome = Saved::kUnchanged;
  Status st = db.transaction([&]() -> Status {
    std::optional<Movement> before;
    Where where;
    where.add("m.county_code = ?", {county})
        .add("m.subject = ?", {m.subject})
        .add("m.kind = ?", {m.kind})
        .add("m.moved_on = ?", {m.moved_on});
    Status found = for_each_row(db, std::string("SELECT ") + kColumns + " FROM movements m", where,
                                "", [&](const soci::row& r) { before = read_movement(r); });
    if (!found) return found;
    if (before) {
      m.id = before->id;
      if (same_facts(*before, m)) return {};
      NullableText rec(m.record_id ? std::to_string(*m.record_id) : "");
      NullableText grade(m.grade ? std::to_string(*m.grade) : "");
      NullableText cls(m.class_number ? std::to_string(*m.class_number) : "");
      NullableText fc(m.from_school_code), fn(m.from_school_name), ft(m.from_township_code),
          tc(m.to_school_code), tn(m.to_school_name), tt(m.to_township_code), tp(m.to_province),
          co(m.confirmed_on), cb(m.confirmed_by), note(m.note);
      db.sql() << "UPDATE movements SET record_id = CAST(:r AS BIGINT), name = :n, grade = "
                  "CAST(:g AS INTEGER), class_number = CAST(:k AS INTEGER), from_school_code = "
                  ":fc, from_school_name = :fn, from_township_code = :ft, to_school_code = :tc, "
                  "to_school_name = :tn, to_township_code = :tt, to_province = :tp, "
                  "confirmed_on = :co, confirmed_by = :cb, note = :note WHERE county_code = :c "
                  "AND id = :id",
          soci::use(rec.value, rec.ind), soci::use(m.name), soci::use(grade.value, grade.ind),
          soci::use(cls.value, cls.ind), soci::use(fc.value, fc.ind), soci::use(fn.value, fn.ind),
          soci::use(ft.value, ft.ind), soci::use(tc.value, tc.ind), soci::use(tn.value, tn.ind),
          soci::use(tt.value, tt.ind), soci::use(tp.value, tp.ind), soci::use(co.value, co.ind),
          soci::use(cb.value, cb.ind), soci::use(note.value, note.ind), soci::use(county),
          soci::use(m.id);
      outcome = Saved::kUpdated;
      return {};
    }
    m.id = db.reserve_ids("movements", 1);
    if (m.recorded_at.empty()) m.recorded_at = now_utc();
    BulkInsert put(db, "movements",
                   {"county_code",
                    "id",
                    "kind",
                    "subject",
                    "record_id",
                    "name",
                    "student_no",
                    "id_number",
                    "grade",
                    "class_number",
                    "moved_on",
                    "from_school_code",
                    "from_school_name",
                    "from_township_code",
                    "to_school_code",
                    "to_school_name",
                    "to_township_code",
                    "to_province",
                    "confirmed_on",
                    "confirmed_by",
                    "entry_id",
                    "batch_id",
                    "row_number",
                    "note",
                    "recorded_at",
                    "recorded_by"},
                   1);
    put.text(county).integer(m.id).text(m.kind).text(m.subject).integer(m.record_id);
    put.text(m.name).text(m.student_no).text(m.id_number).integer(m.grade);
    put.integer(m.class_number).text(m.moved_on).text(m.from_school_code);
    put.text(m.from_school_name).text(m.from_township_code).text(m.to_school_code);
    put.text(m.to_school_name).text(m.to_township_code).text(m.to_province);
    put.text(m.confirmed_on).text(m.confirmed_by).integer(m.entry_id).integer(m.batch_id);
    put.integer(static_cast<long long>(m.row_number)).text(m.note).text(m.recorded_at);
    put.text(m.recorded_by);
    if (Status s = put.end_row(); !s) return s;
    outcome = Saved::kInserted;
    return put.flush();
  });
  if (!st) return st.error();
  return outcome;
}

Result<Paged<Movement>> find_movements(Database& db, const std::string& county,
                                       const MovementQuery& query, const core::Scope& scope,
                                       const Page& page) {
  Where where = movement_where(county, query);
  add_scope(where, scope);
  Paged<Movement> out;
  auto total = count_rows(db, "FROM movements m", where);
  if (!total) return total.error();
  out.total = total.value();
  Status st = for_each_row(db, std::string("SELECT ") + kColumns + " FROM movements m", where,
                           "ORDER BY m.moved_on DESC, m.id DESC" + limit_clause(page),
                           [&](const soci::row& r) { out.rows.push_back(read_movement(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::vector<Movement>> movements_where(Database& db, const std::string& county,
                                              const MovementQuery& query) {
  std::vector<Movement> out;
  Status st = for_each_row(db, std::string("SELECT ") + kColumns + " FROM movements m",
                           movement_where(county, query), "ORDER BY m.moved_on, m.id",
                           [&](const soci::row& r) { out.push_back(read_movement(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<Movement>> movement_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope) {
  Where where;
  where.add("m.county_code = ?", {county}).add("m.id = ?", {std::to_string(id)});
  add_scope(where, scope);
  std::optional<Movement> out;
  Status st = for_each_row(db, std::string("SELECT ") + kColumns + " FROM movements m", where, "",
                           [&](const soci::row& r) { out = read_movement(r); });
  if (!st) return st.error();
  return out;
}

Status confirm_movement(Database& db, const std::string& county, long long id,
                        const std::string& day, const std::string& by) {
  return guarded([&]() -> Status {
    db.sql() << "UPDATE movements SET confirmed_on = :d, confirmed_by = :b WHERE county_code = "
                ":c AND id = :id",
        soci::use(day), soci::use(by), soci::use(county), soci::use(id);
    return {};
  });
}

Status set_movement_entry(Database& db, const std::string& county, long long id,
                          long long entry_id) {
  return guarded([&]() -> Status {
    db.sql() << "UPDATE movements SET entry_id = :e WHERE county_code = :c AND id = :id",
        soci::use(entry_id), soci::use(county), soci::use(id);
    return {};
  });
}

Result<std::vector<RegistryRecord>> registry_records(Database& db, const std::string& county) {
  return guarded([&]() -> Result<std::vector<RegistryRecord>> {
    std::vector<RegistryRecord> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare
             << "SELECT lr.id, lr.record_key, sr.name, sr.name_key, sr.student_no, sr.id_number, "
                "sr.school_code, sr.school_name, sr.grade, sr.class_number, "
                "lr.removed_batch_id FROM list_records lr JOIN source_lists sl ON "
                "sl.county_code = lr.county_code AND sl.id = lr.list_id AND sl.kind = 'xueji' "
                "JOIN source_rows sr ON sr.county_code = lr.county_code AND sr.id = "
                "lr.source_row_id WHERE lr.county_code = :c ORDER BY lr.id",
         soci::use(county));
    for (const soci::row& r : rs) {
      RegistryRecord x;
      x.id = row_int(r, 0);
      x.record_key = row_text(r, 1);
      x.name = row_text(r, 2);
      x.name_key = row_text(r, 3);
      x.student_no = row_text(r, 4);
      x.id_number = row_text(r, 5);
      x.school_code = row_text(r, 6);
      x.school_name = row_text(r, 7);
      x.grade = row_optional_int(r, 8);
      x.class_number = row_optional_int(r, 9);
      x.current = !row_optional_int(r, 10).has_value();
      out.push_back(std::move(x));
    }
    return out;
  });
}

}  // namespace baoxue::store
