#include "core/area_codes.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

namespace baoxue::embedded {
extern const std::string_view areas_tsv;
}

namespace baoxue::core {
namespace {

// A row as it stands in the embedded text: views, so that loading copies no string (the table has
// about 7,200 rows; an AreaInfo is built only for the row a lookup finds).
struct Row {
  std::string_view code, county, prefecture, province;
  bool current = false;
  AreaLevel level = AreaLevel::kCounty;
  int first_seen = 0, last_seen = 0;

  AreaInfo info() const {
    return AreaInfo{std::string(code),
                    std::string(county),
                    std::string(prefecture),
                    std::string(province),
                    current,
                    level,
                    first_seen,
                    last_seen};
  }
};

struct Table {
  std::vector<Row> rows;  // ascending by code, as in the file
  std::vector<size_t> defects;
};

bool parse_year(std::string_view s, int* out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size() && *out >= 1949 && *out <= 2999;
}

bool parse_level(std::string_view s, AreaLevel* out) {
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

// Columns: code county prefecture province current level first_seen last_seen. The generator
// writes the codes in ascending order; a code out of order or twice would be unreachable by the
// binary search, so it is a defect like a malformed line.
bool parse_row(std::string_view line, const Row* previous, Row* r) {
  std::string_view f[8];
  size_t n = 0;
  for (size_t start = 0;; ++n) {
    const size_t tab = line.find('\t', start);
    if (n == 8) return false;  // more than eight fields
    f[n] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (n != 7 || !six_digits(f[0]) || (previous && f[0] <= previous->code) ||
      (f[4] != "0" && f[4] != "1") || !parse_level(f[5], &r->level) ||
      !parse_year(f[6], &r->first_seen) || !parse_year(f[7], &r->last_seen))
    return false;
  r->code = f[0];
  r->county = f[1];
  r->prefecture = f[2];
  r->province = f[3];
  r->current = f[4] == "1";
  return true;
}

Table parse_table(std::string_view text) {
  Table t;
  t.rows.reserve(8000);
  for (size_t line_no = 1; !text.empty(); ++line_no) {
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    Row r;
    if (parse_row(line, t.rows.empty() ? nullptr : &t.rows.back(), &r))
      t.rows.push_back(r);
    else
      t.defects.push_back(line_no);
  }
  return t;
}

// Parsed once, on first use (a few milliseconds; no string is copied).
const Table& table() {
  static const Table t = parse_table(embedded::areas_tsv);
  return t;
}

const Row* lookup(std::string_view code6) {
  const auto& rows = table().rows;
  auto it = std::lower_bound(rows.begin(), rows.end(), code6,
                             [](const Row& r, std::string_view c) { return r.code < c; });
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
  const Row* r = lookup(code6);
  if (!r || r->level != AreaLevel::kCounty) return std::nullopt;
  return r->info();
}

std::optional<AreaInfo> find_address_code(std::string_view code6) {
  const Row* r = lookup(code6);
  if (!r) return std::nullopt;
  return r->info();
}

bool is_known_province(std::string_view code2) {
  if (code2.size() != 2) return false;
  const Row* a = lookup(std::string(code2) + "0000");
  return a && a->level == AreaLevel::kProvince;
}

std::vector<size_t> area_table_defects() { return table().defects; }

std::vector<size_t> area_table_defects(std::string_view tsv) { return parse_table(tsv).defects; }

}  // namespace baoxue::core
