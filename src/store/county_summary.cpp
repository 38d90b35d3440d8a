#include "store/county_summary.h"

#include "store/rows.h"

namespace baoxue::store {
namespace {

// "'a','b'" from codes of one table whose attribute `flag` is 1. Codes come from the county's
// own code table; quotes are doubled all the same.
std::string sql_list(const std::vector<core::Code>& codes, const std::string& flag) {
  std::string out;
  for (const core::Code& c : codes) {
    if (!c.flag(flag)) continue;
    std::string quoted;
    for (char ch : c.code) quoted += ch == '\'' ? "''" : std::string(1, ch);
    out += (out.empty() ? "'" : ",'") + quoted + "'";
  }
  return out.empty() ? "''" : out;
}

}  // namespace

Result<CountySummary> county_summary(Database& db, const std::string& county) {
  auto statuses = load_codes(db, county, "enrollment_status");
  if (!statuses) return statuses.error();
  auto groups = load_codes(db, county, "key_group");
  if (!groups) return groups.error();
  return guarded([&]() -> Result<CountySummary> {
    CountySummary s;
    auto& sql = db.sql();
    const std::string c = "'" + county + "'";  // validated six-digit code from the counties table
    sql << "SELECT code, name, prefecture, province FROM counties WHERE code = :c",
        soci::into(s.county.code), soci::into(s.county.name), soci::into(s.county.prefecture),
        soci::into(s.county.province), soci::use(county);
    if (!sql.got_data()) return make_error("county_not_found", "数据库中没有县区 " + county);

    s.townships = query_int(
        sql, "SELECT COUNT(*) FROM regions WHERE county_code = " + c + " AND level = 'township'");
    s.villages = query_int(
        sql, "SELECT COUNT(*) FROM regions WHERE county_code = " + c + " AND level = 'village'");
    soci::rowset<soci::row> types =
        (sql.prepare << "SELECT type, COUNT(*) FROM schools WHERE county_code = :c GROUP BY type",
         soci::use(county));
    for (const soci::row& r : types) {
      s.schools_by_type[row_text(r, 0)] = row_int(r, 1);
      s.schools += row_int(r, 1);
    }
    s.classes = query_int(sql, "SELECT COUNT(*) FROM classes WHERE county_code = " + c);

    const std::string in_school = sql_list(statuses.value(), "in_school");
    soci::rowset<soci::row> stages =
        (sql.prepare << "SELECT CASE WHEN grade <= 6 THEN 'primary' ELSE 'junior' END AS stage, "
                        "COUNT(*) FROM enrollments WHERE county_code = :c AND status IN (" +
                            in_school +
                            ") GROUP BY CASE WHEN grade <= 6 THEN 'primary' ELSE "
                            "'junior' END",
         soci::use(county));
    for (const soci::row& r : stages) {
      (row_text(r, 0) == "primary" ? s.primary_students : s.junior_students) = row_int(r, 1);
    }
    s.students = s.primary_students + s.junior_students;

    s.persons = query_int(sql, "SELECT COUNT(*) FROM persons WHERE county_code = " + c);
    s.hukou_local_persons = query_int(
        sql, "SELECT COUNT(*) FROM persons WHERE county_code = " + c + " AND hukou_local = 1");

    soci::rowset<soci::row> members =
        (sql.prepare << "SELECT group_code, COUNT(DISTINCT person_id) FROM group_memberships "
                        "WHERE county_code = :c AND until IS NULL GROUP BY group_code",
         soci::use(county));
    for (const soci::row& r : members) s.key_groups[row_text(r, 0)] = row_int(r, 1);
    s.poverty_children = query_int(
        sql, "SELECT COUNT(DISTINCT person_id) FROM group_memberships WHERE county_code = " + c +
                 " AND until IS NULL AND group_code IN (" + sql_list(groups.value(), "poverty") +
                 ")");

    // Placement is derived from the enrolment, not stored: 送教上门 pupils hold 学籍 with the
    // home_taught status, special-school pupils are enrolled at a school of type special.
    soci::rowset<soci::row> placements =
        (sql.prepare
             << "SELECT CASE WHEN e.status = 'home_taught' THEN 'home_teaching' "
                "WHEN s.type = 'special' THEN 'special_school' "
                "WHEN e.id IS NOT NULL THEN 'ordinary_class' ELSE 'not_enrolled' END AS placement, "
                "COUNT(DISTINCT g.person_id) FROM group_memberships g "
                "LEFT JOIN enrollments e ON e.county_code = g.county_code AND e.person_id = "
                "g.person_id AND e.status IN (" +
                    in_school +
                    ") LEFT JOIN schools s ON s.county_code = e.county_code AND s.id = e.school_id "
                    "WHERE g.county_code = :c AND g.group_code = 'disabled' AND g.until IS NULL "
                    "GROUP BY CASE WHEN e.status = 'home_taught' THEN 'home_teaching' "
                    "WHEN s.type = 'special' THEN 'special_school' "
                    "WHEN e.id IS NOT NULL THEN 'ordinary_class' ELSE 'not_enrolled' END",
         soci::use(county));
    for (const soci::row& r : placements) s.disabled_by_placement[row_text(r, 0)] = row_int(r, 1);
    return s;
  });
}

}  // namespace baoxue::store
