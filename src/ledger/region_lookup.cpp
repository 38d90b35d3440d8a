#include "ledger/region_lookup.h"

#include "text/name.h"

namespace baoxue::ledger {

std::string place_key(std::string_view name) {
  // Longest first, so 村民委员会 goes before 村.
  static const char* const kSuffixes[] = {
      "社区居民委员会", "村民委员会", "居民委员会", "社区居委会", "街道办事处",
      "村委会",         "居委会",     "委员会",     "办事处",     "街道",
      "社区",           "村委",       "镇",         "乡",         "村"};
  std::string s = text::normalize_name(name);  // widths folded, traditional → simplified, trimmed
  for (const char* suffix : kSuffixes) {
    const std::string_view x = suffix;
    if (s.size() > x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0) {
      s.resize(s.size() - x.size());
      break;
    }
  }
  return s;
}

RegionLookup::RegionLookup(const std::vector<store::Region>& regions) {
  for (const auto& r : regions)
    if (r.level == "township") township_[place_key(r.name)] = r.code;
  for (const auto& r : regions) {
    if (r.level != "village") continue;
    const std::string key = place_key(r.name);
    village_in_[{r.parent_code, key}] = r.code;
    village_[key].push_back(r.code);
    parent_[r.code] = r.parent_code;
  }
}

Place RegionLookup::find(std::string_view township, std::string_view village) const {
  Place p;
  if (!township.empty())
    if (auto it = township_.find(place_key(township)); it != township_.end())
      p.township_code = it->second;
  if (village.empty()) return p;
  const std::string key = place_key(village);
  if (!p.township_code.empty()) {
    if (auto it = village_in_.find({p.township_code, key}); it != village_in_.end())
      p.village_code = it->second;
    return p;
  }
  if (auto it = village_.find(key); it != village_.end() && it->second.size() == 1) {
    p.village_code = it->second.front();
    p.township_code = parent_.at(p.village_code);
  }
  return p;
}

}  // namespace baoxue::ledger
