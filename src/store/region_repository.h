// The administrative tree of a county: county → township/street → village/residents' committee.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct Region {
  std::string code;   // 12-digit NBS code
  std::string level;  // "county" | "township" | "village"
  std::string name;
  std::string parent_code;  // empty for the county
};

Status insert_regions(Database& db, const std::string& county, const std::vector<Region>& regions);
Result<std::vector<Region>> list_regions(Database& db, const std::string& county);

}  // namespace baoxue::store
