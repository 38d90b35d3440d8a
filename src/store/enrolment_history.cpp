#include "store/enrolment_history.h"

#include "store/rows.h"

namespace baoxue::store {

Status record_spells(Database& db, const std::string& county, long long list_id, long long batch_id,
                     const std::string& list_date) {
  return db.transaction([&]() -> Status {
    // What ends a spell: the record left the list, or its place on it changed.
    db.sql() << "UPDATE enrolment_spells SET to_date = :d, to_batch = :b WHERE county_code = :c "
                "AND to_date IS NULL AND (record_id IN (SELECT id FROM list_records WHERE "
                "county_code = :c2 AND list_id = :l AND removed_batch_id = :b2) OR record_id IN "
                "(SELECT record_id FROM list_record_changes WHERE county_code = :c3 AND batch_id = "
                ":b3 AND field IN ('school_code', 'school_name', 'grade', 'class_number', "
                "'enrollment_status')))",
        soci::use(list_date), soci::use(batch_id), soci::use(county), soci::use(county),
        soci::use(list_id), soci::use(batch_id), soci::use(county), soci::use(batch_id);
    db.sql() << "INSERT INTO enrolment_spells (county_code, record_id, from_batch, record_key, "
                "name, student_no, id_number, school_code, school_name, grade, class_number, "
                "status, from_date) SELECT lr.county_code, lr.id, :b, lr.record_key, sr.name, "
                "sr.student_no, sr.id_number, sr.school_code, sr.school_name, "
                "sr.grade, sr.class_number, sr.enrollment_status, :d FROM list_records lr JOIN "
                "source_rows sr ON sr.county_code = lr.county_code AND sr.id = lr.source_row_id "
                "WHERE lr.county_code = :c AND lr.list_id = :l AND lr.last_batch_id = :b2 AND "
                "lr.removed_batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM enrolment_spells es "
                "WHERE es.county_code = lr.county_code AND es.record_id = lr.id AND es.to_date IS "
                "NULL)",
        soci::use(batch_id), soci::use(list_date), soci::use(county), soci::use(list_id),
        soci::use(batch_id);
    return {};
  });
}

Result<std::string> latest_list_date(Database& db, const std::string& county, long long list_id) {
  return guarded([&]() -> Result<std::string> {
    soci::indicator ind = soci::i_null;
    std::string latest;
    db.sql() << "SELECT MAX(list_date) FROM import_batches WHERE county_code = :c AND list_id = :l",
        soci::into(latest, ind), soci::use(county), soci::use(list_id);
    return ind == soci::i_ok ? latest : std::string();
  });
}

namespace {

const char* const kSpellSelect =
    "SELECT es.record_id, es.record_key, es.name, es.student_no, es.id_number, es.school_code, "
    "es.school_name, es.grade, es.class_number, es.status, es.from_date, es.to_date FROM "
    "enrolment_spells es WHERE es.county_code = :c ";
// For counting: no names, no record key, and the school's name only where its code is missing.
const char* const kSpellSelectUnnamed =
    "SELECT es.record_id, '', NULL, NULL, NULL, es.school_code, CASE WHEN es.school_code IS NULL "
    "THEN es.school_name END, es.grade, es.class_number, es.status, es.from_date, es.to_date "
    "FROM enrolment_spells es WHERE es.county_code = :c ";

void read_spells(soci::rowset<soci::row>& rs, const std::function<void(Spell&)>& f) {
  Spell s;
  for (const soci::row& r : rs) {
    s.record_id = row_int(r, 0);
    s.record_key = row_text(r, 1);
    s.name = row_text(r, 2);
    s.student_no = row_text(r, 3);
    s.id_number = row_text(r, 4);
    s.school_code = row_text(r, 5);
    s.school_name = row_text(r, 6);
    s.grade = static_cast<int>(row_int(r, 7));
    s.class_number = static_cast<int>(row_int(r, 8));
    s.status = row_text(r, 9);
    s.from_date = row_text(r, 10);
    s.to_date = row_text(r, 11);
    f(s);
  }
}

}  // namespace

Status for_each_spell(Database& db, const std::string& county, const std::string& from,
                      const std::string& to, const std::function<void(Spell&)>& f, bool names) {
  // Fetched in blocks into column vectors: a county's roll is 50,000–500,000 spells, and a
  // row at a time through soci::row costs several microseconds each.
  return guarded([&]() -> Status {
    constexpr std::size_t kBlock = 4096;
    std::vector<long long> record_id(kBlock), grade(kBlock), class_number(kBlock);
    std::vector<std::string> key(kBlock), name(kBlock), student_no(kBlock), id_number(kBlock),
        school_code(kBlock), school_name(kBlock), status(kBlock), from_date(kBlock),
        to_date(kBlock);
    std::vector<soci::indicator> i_grade(kBlock), i_class(kBlock), i_name(kBlock), i_sn(kBlock),
        i_id(kBlock), i_code(kBlock), i_school(kBlock), i_status(kBlock), i_to(kBlock);
    soci::statement st =
        (db.sql().prepare << std::string(names ? kSpellSelect : kSpellSelectUnnamed) +
                                 "AND es.from_date <= :t AND (es.to_date IS NULL OR es.to_date > "
                                 ":f) AND es.from_date <> COALESCE(es.to_date, '')",
         soci::into(record_id), soci::into(key), soci::into(name, i_name),
         soci::into(student_no, i_sn), soci::into(id_number, i_id), soci::into(school_code, i_code),
         soci::into(school_name, i_school), soci::into(grade, i_grade),
         soci::into(class_number, i_class), soci::into(status, i_status), soci::into(from_date),
         soci::into(to_date, i_to), soci::use(county), soci::use(to), soci::use(from));
    auto text = [](std::string& v, soci::indicator i) {
      return i == soci::i_ok ? std::move(v) : std::string();
    };
    Spell s;
    st.execute();
    while (st.fetch()) {
      for (std::size_t r = 0; r < record_id.size(); ++r) {
        s.record_id = record_id[r];
        s.record_key = std::move(key[r]);
        s.name = text(name[r], i_name[r]);
        s.student_no = text(student_no[r], i_sn[r]);
        s.id_number = text(id_number[r], i_id[r]);
        s.school_code = text(school_code[r], i_code[r]);
        s.school_name = text(school_name[r], i_school[r]);
        s.grade = i_grade[r] == soci::i_ok ? static_cast<int>(grade[r]) : 0;
        s.class_number = i_class[r] == soci::i_ok ? static_cast<int>(class_number[r]) : 0;
        s.status = text(status[r], i_status[r]);
        s.from_date = std::move(from_date[r]);
        s.to_date = text(to_date[r], i_to[r]);
        f(s);
      }
      for (auto* v : {&record_id, &grade, &class_number}) v->resize(kBlock);
      for (auto* v : {&key, &name, &student_no, &id_number, &school_code, &school_name, &status,
                      &from_date, &to_date})
        v->resize(kBlock);
      for (auto* v :
           {&i_grade, &i_class, &i_name, &i_sn, &i_id, &i_code, &i_school, &i_status, &i_to})
        v->resize(kBlock);
    }
    return {};
  });
}

Status for_each_departure(Database& db, const std::string& county,
                          const std::function<void(Spell&)>& f) {
  return guarded([&]() -> Status {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << std::string(kSpellSelect) +
                                 "AND es.to_batch IS NOT NULL AND es.to_batch = (SELECT "
                                 "lr.removed_batch_id FROM list_records "
                                 "lr WHERE lr.county_code = es.county_code AND lr.id = "
                                 "es.record_id) ORDER BY es.record_id",
         soci::use(county));
    read_spells(rs, f);
    return {};
  });
}

}  // namespace baoxue::store
