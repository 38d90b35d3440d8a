#include "store/group_repository.h"

#include "store/rows.h"

namespace baoxue::store {

Status insert_group_memberships(Database& db, const std::string& county,
                                std::vector<GroupMembership>& memberships) {
  return db.transaction([&]() -> Status {
    long long next =
        db.reserve_ids("group_memberships", static_cast<long long>(memberships.size()));
    GroupMembership m;
    NullableText since, until, detail;
    soci::statement put =
        (db.sql().prepare << "INSERT INTO group_memberships (county_code, id, person_id, "
                             "group_code, source_list, since, until, detail) "
                             "VALUES (:c, :i, :p, :g, :s, :f, :u, :d)",
         soci::use(county), soci::use(m.id), soci::use(m.person_id), soci::use(m.group_code),
         soci::use(m.source_list), soci::use(since.value, since.ind),
         soci::use(until.value, until.ind), soci::use(detail.value, detail.ind));
    for (GroupMembership& in : memberships) {
      in.id = next++;
      m = in;
      since.set(in.since);
      until.set(in.until);
      detail.set(in.detail);
      put.execute(true);
    }
    return {};
  });
}

Result<std::vector<GroupMembership>> memberships_of_person(Database& db, const std::string& county,
                                                           long long person_id) {
  return guarded([&]() -> Result<std::vector<GroupMembership>> {
    std::vector<GroupMembership> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, person_id, group_code, source_list, since, until, detail "
                             "FROM group_memberships WHERE county_code = :c AND person_id = :p "
                             "ORDER BY id",
         soci::use(county), soci::use(person_id));
    for (const soci::row& r : rs) {
      out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2), row_text(r, 3), row_text(r, 4),
                     row_text(r, 5), row_text(r, 6)});
    }
    return out;
  });
}

}  // namespace baoxue::store
