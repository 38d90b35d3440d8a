// The township/village trees Baoxue ships (data/regions/<county>.tsv, from the NBS statistical
// division via tools/gen_region_data.py), so a county starts with its real villages.
#pragma once

#include <string>
#include <vector>

namespace baoxue::core {

struct RegionRow {
  std::string code;   // 12 digits
  std::string level;  // county | township | village
  std::string name;
  std::string parent_code;
};

// The county's tree, county row first; empty when Baoxue ships none for it.
std::vector<RegionRow> shipped_region_tree(const std::string& county_code);

}  // namespace baoxue::core
