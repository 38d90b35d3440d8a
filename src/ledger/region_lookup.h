// Lists name townships and villages as people write them — 会盟镇 / 会盟, 台荫村民委员会 / 台荫村 —
// while access scopes and reports go by region code. RegionLookup resolves the written names to
// the county's codes, so each ledger row can be placed in the administrative tree.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/region_repository.h"

namespace baoxue::ledger {

struct Place {
  std::string township_code;  // empty when not resolved
  std::string village_code;   // empty when not resolved
};

class RegionLookup {
 public:
  explicit RegionLookup(const std::vector<store::Region>& regions);
  // A village name resolves inside the named township, or county-wide when it is unique there.
  Place find(std::string_view township, std::string_view village) const;

 private:
  std::map<std::string, std::string> township_;                            // key → code
  std::map<std::pair<std::string, std::string>, std::string> village_in_;  // (township, key)
  std::map<std::string, std::vector<std::string>> village_;                // key → codes
  std::map<std::string, std::string> parent_;  // village code → township
};

// The name without its administrative suffix: 会盟镇 → 会盟, 台荫村民委员会 → 台荫.
std::string place_key(std::string_view name);

}  // namespace baoxue::ledger
