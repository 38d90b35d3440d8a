#include "core/region_code.h"

namespace baoxue::core {
namespace {

// Digits that identify each level, counted from the left.
constexpr size_t kPrefixLen[] = {2, 4, 6, 9, 12};

bool all_zero(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

}  // namespace

const char* region_level_name(RegionLevel level) {
  static constexpr const char* kNames[] = {"province", "city", "county", "township", "village"};
  return kNames[static_cast<int>(level)];
}

Result<RegionCode> RegionCode::parse(std::string_view in) {
  std::string s(in);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos ||
      (s.size() != 2 && s.size() != 4 && s.size() != 6 && s.size() != 9 && s.size() != 12)) {
    return make_error(
        "region_code_format",
        "区划代码 " + s + " 应为 2、4、6、9 或 12 位数字（国家统计局统计用区划代码）");
  }
  s.resize(12, '0');
  if (all_zero(s.substr(0, 2))) return make_error("region_code_format", "区划代码不能全为 0");
  return RegionCode(std::move(s));
}

RegionLevel RegionCode::level() const {
  for (int l = 4; l > 0; --l) {
    if (!all_zero(
            std::string_view(code_).substr(kPrefixLen[l - 1], kPrefixLen[l] - kPrefixLen[l - 1])))
      return static_cast<RegionLevel>(l);
  }
  return RegionLevel::kProvince;
}

std::string RegionCode::ancestor(RegionLevel level) const {
  std::string s = code_.substr(0, kPrefixLen[static_cast<int>(level)]);
  s.resize(12, '0');
  return s;
}

std::string RegionCode::parent() const {
  const int l = static_cast<int>(level());
  return l == 0 ? std::string() : ancestor(static_cast<RegionLevel>(l - 1));
}

bool RegionCode::contains(const RegionCode& other) const {
  const size_t n = kPrefixLen[static_cast<int>(level())];
  return other.code_.compare(0, n, code_, 0, n) == 0;
}

}  // namespace baoxue::core
