#include "store/school_repository.h"

#include <map>

#include "store/rows.h"

namespace baoxue::store {

Status insert_schools(Database& db, const std::string& county, const std::vector<School>& schools) {
  return db.transaction([&]() -> Status {
    School s;
    NullableText village, address;
    int small = 0, boarding = 0;
    soci::statement put =
        (db.sql().prepare << "INSERT INTO schools (county_code, id, name, type, township_code, "
                             "village_code, address, is_small_scale, is_boarding) "
                             "VALUES (:c, :i, :n, :t, :tw, :v, :a, :s, :b)",
         soci::use(county), soci::use(s.id), soci::use(s.name), soci::use(s.type),
         soci::use(s.township_code), soci::use(village.value, village.ind),
         soci::use(address.value, address.ind), soci::use(small), soci::use(boarding));
    std::string catchment;
    soci::statement put_catchment =
        (db.sql().prepare << "INSERT INTO school_catchments (county_code, school_id, village_code) "
                             "VALUES (:c, :s, :v)",
         soci::use(county), soci::use(s.id), soci::use(catchment));
    for (const School& in : schools) {
      s = in;
      village.set(in.village_code);
      address.set(in.address);
      small = in.small_scale;
      boarding = in.boarding;
      put.execute(true);
      for (const std::string& v : in.catchment_villages) {
        catchment = v;
        put_catchment.execute(true);
      }
    }
    return {};
  });
}

Status upsert_school(Database& db, const std::string& county, const School& s) {
  return db.transaction([&]() -> Status {
    int small = s.small_scale, boarding = s.boarding;
    soci::statement upd =
        (db.sql().prepare << "UPDATE schools SET name = :n, type = :t, "
                             "township_code = :tw, is_small_scale = :s, "
                             "is_boarding = :b WHERE county_code = :c AND id = :i",
         soci::use(s.name), soci::use(s.type), soci::use(s.township_code), soci::use(small),
         soci::use(boarding), soci::use(county), soci::use(s.id));
    upd.execute(true);
    if (upd.get_affected_rows() > 0) return {};
    return insert_schools(db, county, {s});
  });
}

Result<std::vector<School>> list_schools(Database& db, const std::string& county) {
  return guarded([&]() -> Result<std::vector<School>> {
    std::vector<School> out;
    std::map<std::string, size_t> index;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, name, type, township_code, village_code, address, "
                             "is_small_scale, is_boarding FROM schools WHERE county_code = :c "
                             "ORDER BY id",
         soci::use(county));
    for (const soci::row& r : rs) {
      index[row_text(r, 0)] = out.size();
      out.push_back({row_text(r, 0),
                     row_text(r, 1),
                     row_text(r, 2),
                     row_text(r, 3),
                     row_text(r, 4),
                     row_text(r, 5),
                     row_int(r, 6) != 0,
                     row_int(r, 7) != 0,
                     {}});
    }
    soci::rowset<soci::row> cs =
        (db.sql().prepare << "SELECT school_id, village_code FROM school_catchments "
                             "WHERE county_code = :c ORDER BY school_id, village_code",
         soci::use(county));
    for (const soci::row& r : cs) {
      if (auto it = index.find(row_text(r, 0)); it != index.end())
        out[it->second].catchment_villages.push_back(row_text(r, 1));
    }
    return out;
  });
}

Status insert_classes(Database& db, const std::string& county, std::vector<SchoolClass>& classes) {
  return db.transaction([&]() -> Status {
    long long next = db.reserve_ids("classes", static_cast<long long>(classes.size()));
    SchoolClass c;
    NullableText teacher;
    soci::statement put =
        (db.sql().prepare << "INSERT INTO classes (county_code, id, school_id, school_year, grade, "
                             "number, name, head_teacher) VALUES (:c, :i, :s, :y, :g, :n, :nm, :h)",
         soci::use(county), soci::use(c.id), soci::use(c.school_id), soci::use(c.school_year),
         soci::use(c.grade), soci::use(c.number), soci::use(c.name),
         soci::use(teacher.value, teacher.ind));
    for (SchoolClass& in : classes) {
      in.id = next++;
      c = in;
      teacher.set(in.head_teacher);
      put.execute(true);
    }
    db.refresh_statistics("classes");  // enrolments reference classes next
    return {};
  });
}

Result<std::vector<SchoolClass>> list_classes(Database& db, const std::string& county,
                                              const std::string& school_id) {
  return guarded([&]() -> Result<std::vector<SchoolClass>> {
    std::vector<SchoolClass> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, school_id, school_year, grade, number, name, head_teacher "
                             "FROM classes WHERE county_code = :c AND school_id = :s "
                             "ORDER BY school_year, grade, number",
         soci::use(county), soci::use(school_id));
    for (const soci::row& r : rs) {
      out.push_back({row_int(r, 0), row_text(r, 1), static_cast<int>(row_int(r, 2)),
                     static_cast<int>(row_int(r, 3)), static_cast<int>(row_int(r, 4)),
                     row_text(r, 5), row_text(r, 6)});
    }
    return out;
  });
}

}  // namespace baoxue::store
