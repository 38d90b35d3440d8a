#include "verify/summary.h"

#include <algorithm>

namespace baoxue::verify {
namespace {

std::string list_text(const std::vector<CategoryTotal>& totals) {
  std::string s;
  for (const CategoryTotal& t : totals)
    s += (s.empty() ? "" : "，") + t.label + " " + std::to_string(t.count) + " 人";
  return s;
}

const std::string& place(const store::CategoryCount& o, Level level) {
  switch (level) {
    case Level::kVillage:
      return o.village_code;
    case Level::kSchool:
      return o.school_code;
    default:
      return o.township_code;
  }
}

}  // namespace

Summary summarize(const std::vector<store::CategoryCount>& outcomes,
                  const std::vector<core::Code>& categories, Level level,
                  const std::string& place_code) {
  Summary s;
  s.place_code = place_code;
  auto counted = [&](const store::CategoryCount& o) {
    return place_code.empty() || place(o, level) == place_code;
  };
  for (const core::Code& c : categories) {
    CategoryTotal total{c.code, c.label_zh, 0};
    for (const auto& o : outcomes)
      if (o.category == c.code && counted(o)) total.count += o.count;
    if (total.count == 0) continue;
    if (c.flag("out_of_school")) {
      s.out_of_school += total.count;
      s.out_by_category.push_back(total);
    } else {
      s.not_out_of_school += total.count;
      s.not_out_by_category.push_back(total);
    }
  }
  for (const auto& o : outcomes) {
    if (!counted(o)) continue;
    s.suspected += o.count;
    if (o.category.empty()) s.pending += o.count;
  }
  // An entry closed with a category the county has since removed counts in `suspected` only.
  s.text = "疑似 " + std::to_string(s.suspected) + " 人：非失学辍学 " +
           std::to_string(s.not_out_of_school) + " 人";
  if (!s.not_out_by_category.empty()) s.text += "（" + list_text(s.not_out_by_category) + "）";
  s.text += "；失学辍学 " + std::to_string(s.out_of_school) + " 人";
  if (!s.out_by_category.empty()) s.text += "（" + list_text(s.out_by_category) + "）";
  s.text += "；待核查 " + std::to_string(s.pending) + " 人";
  return s;
}

std::vector<std::string> places_of(const std::vector<store::CategoryCount>& outcomes, Level level) {
  std::vector<std::string> out;
  for (const auto& o : outcomes) out.push_back(place(o, level));
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    if (a.empty() != b.empty()) return b.empty();
    return a < b;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace baoxue::verify
