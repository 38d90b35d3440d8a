#include "store/province_counts.h"

#include <map>
#include <set>

#include "store/query.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

std::string marks(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += i == 0 ? "?" : ", ?";
  return s;
}

}  // namespace

Result<std::vector<CountyCounts>> county_roll_counts(Database& db, const std::string& from,
                                                     const std::string& to,
                                                     const std::vector<std::string>& on_roll,
                                                     const std::vector<std::string>& explaining) {
  auto holds = [](const std::string& alias, const char* day) {
    return "(" + alias + ".from_date <= " + day + " AND (" + alias + ".to_date IS NULL OR " +
           alias + ".to_date > " + day + ") AND " + alias + ".from_date <> COALESCE(" + alias +
           ".to_date, ''))";
  };
  const std::string roll = "(s.status IS NULL OR s.status IN (" + marks(on_roll.size()) + "))";
  std::map<std::string, CountyCounts> by;
  // Start and end in one pass over the spells that hold on some day of the period.
  {
    Where where;
    where.add(roll, on_roll);
    where.add("s.from_date <= ? AND (s.to_date IS NULL OR s.to_date > ?)", {to, from});
    // The CASEs' days come before the WHERE's values in the statement: their placeholders
    // (:q0…, two per day) are bound first.
    const std::string select = "SELECT s.county_code, SUM(CASE WHEN " + holds("s", "?") +
                               " THEN 1 ELSE 0 END), " + "SUM(CASE WHEN " + holds("s", "?") +
                               " THEN 1 ELSE 0 END) FROM enrolment_spells s";
    std::vector<std::string> bound = {from, from, to, to};
    for (const auto& v : where.values()) bound.push_back(v);
    std::string numbered;
    int n = 0;
    for (char ch : select) numbered += ch == '?' ? ":q" + std::to_string(n++) : std::string(1, ch);
    Status st = guarded([&]() -> Status {
      soci::row row;
      soci::statement stmt(db.sql());
      stmt.alloc();
      stmt.prepare(numbered + " WHERE " + where.sql() + " GROUP BY s.county_code");
      stmt.exchange(soci::into(row));
      for (const auto& v : bound) stmt.exchange(soci::use(v));
      stmt.define_and_bind();
      stmt.execute(false);
      while (stmt.fetch()) {
        CountyCounts& c = by[row_text(row, 0)];
        c.county = row_text(row, 0);
        c.start = row_int(row, 1);
        c.end = row_int(row, 2);
      }
      return {};
    });
    if (!st) return st.error();
  }
  // Gone by the end with nothing that explains it. The few candidates (a spell ending in the
  // period, nothing on the roll at the end) and the movements that explain are read apart and
  // compared here: planners guess the candidates' number badly (a province put 30,000 of them
  // against every movement, for minutes), and both sets are small.
  {
    Where where;
    where.add(roll, on_roll);
    where.add(holds("s", "?"), {from, from});
    where.add("s.to_date IS NOT NULL AND s.to_date <= ?", {to});
    where.add(
        "NOT EXISTS (SELECT 1 FROM enrolment_spells e WHERE e.county_code = s.county_code "
        "AND e.record_id = s.record_id AND " +
            holds("e", "?") + " AND (e.status IS NULL OR e.status IN (" + marks(on_roll.size()) +
            ")))",
        [&] {
          std::vector<std::string> v = {to, to};
          v.insert(v.end(), on_roll.begin(), on_roll.end());
          return v;
        }());
    // Graduation: last seen in grade 9, gone in the summer (indicators.cpp `graduated`).
    where.add("NOT (s.grade = 9 AND substr(s.to_date, 6, 2) BETWEEN '06' AND '09')");
    std::vector<std::pair<std::string, long long>> gone;
    Status st = for_each_row(db, "SELECT s.county_code, s.record_id FROM enrolment_spells s", where,
                             "", [&](const soci::row& r) {
                               gone.push_back({row_text(r, 0), row_int(r, 1)});
                             });
    if (!st) return st.error();
    std::set<std::pair<std::string, long long>> explained;
    if (!gone.empty() && !explaining.empty()) {
      Where moves;
      moves.add("moved_on > ? AND moved_on <= ?", {from, to});
      moves.add("kind IN (" + marks(explaining.size()) + ")", explaining);
      moves.add("record_id IS NOT NULL");
      st = for_each_row(db, "SELECT county_code, record_id FROM movements", moves, "",
                        [&](const soci::row& r) {
                          explained.insert({row_text(r, 0), row_int(r, 1)});
                        });
      if (!st) return st.error();
    }
    for (const auto& g : gone)
      if (!explained.count(g)) {
        CountyCounts& c = by[g.first];
        c.county = g.first;
        ++c.unexplained;
      }
  }
  std::vector<CountyCounts> out;
  for (auto& [k, v] : by) out.push_back(v);
  return out;
}

Result<std::vector<CountyMovements>> county_movement_counts(Database& db, const std::string& from,
                                                            const std::string& to) {
  Where where;
  where.add("moved_on > ? AND moved_on <= ?", {from, to});
  std::vector<CountyMovements> out;
  Status st = for_each_row(
      db,
      "SELECT county_code, kind, CASE WHEN confirmed_on IS NULL THEN 0 ELSE 1 END, CASE WHEN "
      "to_township_code IS NULL THEN 0 ELSE 1 END, CASE WHEN from_township_code IS NULL THEN 0 "
      "ELSE 1 END, COUNT(*) FROM movements",
      where, "GROUP BY 1, 2, 3, 4, 5", [&](const soci::row& r) {
        out.push_back({row_text(r, 0), row_text(r, 1), row_int(r, 2) == 1, row_int(r, 3) == 1,
                       row_int(r, 4) == 1, row_int(r, 5)});
      });
  if (!st) return st.error();
  return out;
}

Result<std::vector<std::pair<std::string, long long>>> county_dropouts(
    Database& db, const std::string& from, const std::string& to,
    const std::vector<std::string>& dropout_kinds) {
  std::vector<std::pair<std::string, long long>> out;
  if (dropout_kinds.empty()) return out;
  std::vector<std::string> values = {from, to};
  values.insert(values.end(), dropout_kinds.begin(), dropout_kinds.end());
  values.push_back(from);
  values.push_back(to);
  Where where;
  where.add("(1 = 1)");
  const std::string select =
      "SELECT county_code, COUNT(DISTINCT who) FROM (SELECT county_code, CASE WHEN id_number IS "
      "NULL THEN subject ELSE 'id:' || id_number END AS who FROM movements WHERE moved_on > ? "
      "AND moved_on <= ? AND kind IN (" +
      marks(dropout_kinds.size()) +
      ") UNION ALL SELECT county_code, CASE WHEN id_number IS NULL THEN child_key ELSE 'id:' || "
      "id_number END FROM dropout_entries WHERE substr(opened_at, 1, 10) > ? AND "
      "substr(opened_at, 1, 10) <= ? AND school_code IS NOT NULL) d";
  Status st = guarded([&]() -> Status {
    std::string numbered;
    int n = 0;
    for (char ch : select) numbered += ch == '?' ? ":q" + std::to_string(n++) : std::string(1, ch);
    soci::row row;
    soci::statement stmt(db.sql());
    stmt.alloc();
    stmt.prepare(numbered + " GROUP BY county_code");
    stmt.exchange(soci::into(row));
    for (const auto& v : values) stmt.exchange(soci::use(v));
    stmt.define_and_bind();
    stmt.execute(false);
    while (stmt.fetch()) out.push_back({row_text(row, 0), row_int(row, 1)});
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
