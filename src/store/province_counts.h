// The county-level indicators of many counties at once, counted in the database (a province's
// 10 million pupils are not read into memory): indicators/province.h turns these into figures.
// The conditions are those of indicators::compute for a county unit; a specification holds the
// two equal.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct CountyCounts {
  std::string county;
  long long start = 0, end = 0, unexplained = 0;
};
// Pupils on the roll (status empty or in `on_roll`) on `from` and on `to`, and those on the roll
// on `from`, not on `to`, with no movement of `explaining` kinds after `from` and by `to`.
Result<std::vector<CountyCounts>> county_roll_counts(Database& db, const std::string& from,
                                                     const std::string& to,
                                                     const std::vector<std::string>& on_roll,
                                                     const std::vector<std::string>& explaining);

// Movements after `from` and by `to`, grouped as the county level counts them.
struct CountyMovements {
  std::string county, kind;
  bool confirmed = false, to_in_county = false, from_in_county = false;
  long long count = 0;
};
Result<std::vector<CountyMovements>> county_movement_counts(Database& db, const std::string& from,
                                                            const std::string& to);

// Distinct children who dropped out after `from` and by `to`: a 辍学 movement of `dropout_kinds`
// or a 辍学台账 entry opened in the period of a pupil who held 学籍 (a school code), per county.
Result<std::vector<std::pair<std::string, long long>>> county_dropouts(
    Database& db, const std::string& from, const std::string& to,
    const std::vector<std::string>& dropout_kinds);

}  // namespace baoxue::store
