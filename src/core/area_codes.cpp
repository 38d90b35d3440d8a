#include "core/area_codes.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/tsv.h"

namespace baoxue::embedded {
extern const std::string_view areas_tsv;
}

namespace baoxue::core {
namespace {

// Parsed once, on first use, sorted by code.
const std::vector<AreaInfo>& table() {
  static const std::vector<AreaInfo> rows = [] {
    std::vector<AreaInfo> v;
    for_each_tsv_row(embedded::areas_tsv, [&](size_t, std::vector<std::string> f) {
      if (f.size() >= 5) v.push_back(AreaInfo{f[0], f[1], f[2], f[3], f[4] == "1"});
    });
    std::sort(v.begin(), v.end(),
              [](const AreaInfo& a, const AreaInfo& b) { return a.code < b.code; });
    return v;
  }();
  return rows;
}

}  // namespace

std::string AreaInfo::full_name() const {
  std::string s = province;
  if (prefecture != "市辖区" && prefecture != "县" && prefecture != province) s += prefecture;
  return s + county;
}

std::optional<AreaInfo> find_area(std::string_view code6) {
  const auto& t = table();
  auto it = std::lower_bound(t.begin(), t.end(), code6,
                             [](const AreaInfo& r, std::string_view c) { return r.code < c; });
  if (it == t.end() || it->code != code6) return std::nullopt;
  return *it;
}

bool is_known_province(std::string_view code2) {
  static constexpr std::string_view kProvinces[] = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
      "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
      "53", "54", "61", "62", "63", "64", "65", "71", "81", "82", "83"};
  return std::find(std::begin(kProvinces), std::end(kProvinces), code2) != std::end(kProvinces);
}

}  // namespace baoxue::core
