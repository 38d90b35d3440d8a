// Counties, their settings and their code tables. Creating a county copies the shipped defaults
// (data/settings.tsv, data/code_tables.tsv) so each county can edit its own without a rebuild.
#pragma once

#include <string>
#include <vector>

#include "core/code_tables.h"
#include "store/database.h"

namespace baoxue::store {

struct County {
  std::string code;  // six digits, GB/T 2260
  std::string name;
  std::string prefecture;
  std::string province;
};

Status create_county(Database& db, const County& county);
Result<std::vector<County>> list_counties(Database& db);
Result<bool> county_exists(Database& db, const std::string& code);

// The county a command works on: `wanted` when it is in the database, or the only county there
// when `wanted` is empty. Errors: county_not_found, no_county, county_ambiguous.
Result<std::string> choose_county(Database& db, const std::string& wanted);

Result<core::Settings> load_settings(Database& db, const std::string& county);
Status set_setting(Database& db, const std::string& county, const std::string& key,
                   const std::string& value, const std::string& by);

// The county's active codes of one table ("verification_category"), in display order.
Result<std::vector<core::Code>> load_codes(Database& db, const std::string& county,
                                           const std::string& table);

}  // namespace baoxue::store
