// NBS statistical division codes (统计用区划代码): 12 digits = 2 province, 2 city, 2 county,
// 3 township/street, 3 village/residents' committee. Shorter forms (6-digit county, 9-digit
// township) are padded with zeros, as the lists write them either way.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baoxue::core {

enum class RegionLevel { kProvince, kCity, kCounty, kTownship, kVillage };
const char* region_level_name(RegionLevel level);  // "province" … "village"

class RegionCode {
 public:
  static Result<RegionCode> parse(std::string_view code);

  const std::string& code() const { return code_; }  // always 12 digits
  RegionLevel level() const;
  std::string county_code() const { return code_.substr(0, 6); }
  // The code of the enclosing division at `level` (12 digits); itself if already that level.
  std::string ancestor(RegionLevel level) const;
  std::string parent() const;                    // empty for a province
  bool contains(const RegionCode& other) const;  // other is this or below it

 private:
  explicit RegionCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

}  // namespace baoxue::core
