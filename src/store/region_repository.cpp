#include "store/region_repository.h"

#include "store/rows.h"

namespace baoxue::store {

Status insert_regions(Database& db, const std::string& county, const std::vector<Region>& regions) {
  return db.transaction([&]() -> Status {
    Region row;
    NullableText parent;
    soci::statement st = (db.sql().prepare << "INSERT INTO regions (county_code, code, level, "
                                              "name, parent_code) VALUES (:c, :k, :l, :n, :p)",
                          soci::use(county), soci::use(row.code), soci::use(row.level),
                          soci::use(row.name), soci::use(parent.value, parent.ind));
    for (const Region& r : regions) {
      row = r;
      parent.set(r.parent_code);
      st.execute(true);
    }
    return {};
  });
}

Result<std::vector<Region>> list_regions(Database& db, const std::string& county) {
  return guarded([&]() -> Result<std::vector<Region>> {
    std::vector<Region> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT code, level, name, parent_code FROM regions "
                             "WHERE county_code = :c ORDER BY code",
         soci::use(county));
    for (const soci::row& r : rs)
      out.push_back({row_text(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3)});
    return out;
  });
}

}  // namespace baoxue::store
