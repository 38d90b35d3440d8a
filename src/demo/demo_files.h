// Writes the demo county's lists as the bureau receives them, each a noisy copy of the truth.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "demo/county_model.h"

namespace baoxue::demo {

// Writes into `dir` (created if missing): hukou_<county>.csv (GB18030, police layout),
// xueji_<county>.xlsx (CNSSIS layout under a title row), group_<code>.xlsx per key group,
// schools_<county>.xlsx and truth_<county>.csv. Returns the paths written.
Result<std::vector<std::string>> write_demo_files(const County& county, const std::string& dir,
                                                  uint64_t seed);

}  // namespace baoxue::demo
