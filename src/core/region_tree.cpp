#include "core/region_tree.h"

#include "core/tsv.h"

namespace baoxue::embedded {
extern const std::string_view regions_410308_tsv;
}

namespace baoxue::core {

std::vector<RegionRow> shipped_region_tree(const std::string& county_code) {
  std::vector<RegionRow> out;
  if (county_code != "410308") return out;  // the one tree shipped so far: the demo county
  for_each_tsv_row(embedded::regions_410308_tsv, [&](size_t, std::vector<std::string> f) {
    if (f.size() >= 3) out.push_back({f[0], f[1], f[2], f.size() > 3 ? f[3] : ""});
  });
  return out;
}

}  // namespace baoxue::core
