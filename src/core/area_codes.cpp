#include "core/area_codes.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "core/tsv.h"

namespace baoxue::embedded {
extern const std::string_view areas_tsv;
}

namespace baoxue::core {
namespace {

struct Table {
  std::vector<AreaInfo> rows;  // ascending by code, as in the file
  std::vector<size_t> defects;
};

bool parse_year(const std::string& s, int* out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 1949 && *out <= 2999;
}

bool parse_level(const std::string& s, AreaLevel* out) {
  if (s == "county")
    *out = AreaLevel::kCounty;
  else if (s == "prefecture")
    *out = AreaLevel::kPrefecture;
  else if (s == "province")
    *out = AreaLevel::kProvince;
  else
    return false;
  return true;
}

bool six_digits(std::string_view s) {
  return s.size() == 6 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parsed once, on first use (about 7,000 rows: a few milliseconds).
// Columns: code county prefecture province current level first_seen last_seen.
const Table& table() {
  static const Table t = [] {
    Table t;
    t.rows.reserve(8000);
    for_each_tsv_row(embedded::areas_tsv, [&](size_t line, std::vector<std::string> f) {
      AreaInfo a;
      // The generator writes the codes in ascending order; a code out of order or twice would be
      // unreachable by the binary search below, so it is a defect too.
      if (f.size() != 8 || !six_digits(f[0]) || (!t.rows.empty() && f[0] <= t.rows.back().code) ||
          (f[4] != "0" && f[4] != "1") || !parse_level(f[5], &a.level) ||
          !parse_year(f[6], &a.first_seen) || !parse_year(f[7], &a.last_seen)) {
        t.defects.push_back(line);
        return;
      }
      a.code = std::move(f[0]);
      a.county = std::move(f[1]);
      a.prefecture = std::move(f[2]);
      a.province = std::move(f[3]);
      a.current = f[4] == "1";
      t.rows.push_back(std::move(a));
    });
    return t;
  }();
  return t;
}

const AreaInfo* lookup(std::string_view code6) {
  const auto& rows = table().rows;
  auto it = std::lower_bound(rows.begin(), rows.end(), code6,
                             [](const AreaInfo& r, std::string_view c) { return r.code < c; });
  return it == rows.end() || it->code != code6 ? nullptr : &*it;
}

// Names that stand for "no prefecture": the municipalities' 市辖区 and 县, and the provinces'
// 省直辖县级行政区划 / 自治区直辖县级行政区划 / 省直辖行政单位 for counties under the province.
bool is_placeholder(const std::string& prefecture) {
  return prefecture.empty() || prefecture == "市辖区" || prefecture == "县" ||
         prefecture.find("直辖") != std::string::npos;
}

}  // namespace

std::string AreaInfo::full_name() const {
  std::string s = province;
  if (!is_placeholder(prefecture) && prefecture != province && prefecture != county)
    s += prefecture;
  return s + county;
}

std::optional<AreaInfo> find_area(std::string_view code6) {
  const AreaInfo* a = lookup(code6);
  if (!a || a->level != AreaLevel::kCounty) return std::nullopt;
  return *a;
}

std::optional<AreaInfo> find_address_code(std::string_view code6) {
  const AreaInfo* a = lookup(code6);
  if (!a) return std::nullopt;
  return *a;
}

bool is_known_province(std::string_view code2) {
  if (code2.size() != 2) return false;
  const AreaInfo* a = lookup(std::string(code2) + "0000");
  return a && a->level == AreaLevel::kProvince;
}

std::vector<size_t> area_table_defects() { return table().defects; }

}  // namespace baoxue::core
