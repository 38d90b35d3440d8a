#include "core/area_codes.h"

#include <algorithm>
#include <string>
#include <vector>

namespace baoxue::embedded {
extern const std::string_view areas_tsv;
}

namespace baoxue::core {
namespace {

struct Row {
  std::string_view code, county, prefecture, province;
  bool current;
};

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// Parsed once, on first use; the views point into the embedded bytes, which live forever.
const std::vector<Row>& table() {
  static const std::vector<Row> rows = [] {
    std::vector<Row> v;
    std::string_view data = embedded::areas_tsv;
    while (!data.empty()) {
      const size_t nl = data.find('\n');
      std::string_view line = data.substr(0, nl);
      data.remove_prefix(nl == std::string_view::npos ? data.size() : nl + 1);
      if (line.empty() || line[0] == '#') continue;
      auto f = split_tabs(line);
      if (f.size() < 5) continue;
      v.push_back(Row{f[0], f[1], f[2], f[3], f[4] == "1"});
    }
    std::sort(v.begin(), v.end(), [](const Row& a, const Row& b) { return a.code < b.code; });
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
                             [](const Row& r, std::string_view c) { return r.code < c; });
  if (it == t.end() || it->code != code6) return std::nullopt;
  return AreaInfo{std::string(it->code), std::string(it->county), std::string(it->prefecture),
                  std::string(it->province), it->current};
}

bool is_known_province(std::string_view code2) {
  static constexpr std::string_view kProvinces[] = {
      "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
      "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
      "65", "71", "81", "82", "83"};
  return std::find(std::begin(kProvinces), std::end(kProvinces), code2) != std::end(kProvinces);
}

}  // namespace baoxue::core
