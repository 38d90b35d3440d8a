#include "risk/assess.h"

#include <algorithm>
#include <cmath>

#include "core/labels.h"

namespace baoxue::risk {
namespace {

void replace_all(std::string& text, std::string_view from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// The key groups' names in the shipped code table (a county's own code reads as itself).
std::string group_names(const std::vector<std::string>& groups, bool zh) {
  std::string out;
  for (const std::string& g : groups) {
    const core::Code* found = nullptr;
    for (const core::Code& c : core::default_codes())
      if (c.table == "key_group" && c.code == g) found = &c;
    if (!out.empty()) out += zh ? "、" : ", ";
    out += found ? (zh ? found->label_zh : found->label_en) : g;
  }
  return out;
}

std::string wording(const std::string& factor, const FactorValue& v, bool zh) {
  const core::Code* label = core::find_label("risk_factor", factor);
  // A factor without a template is a build defect the specs catch; its code still says something.
  std::string text = label ? (zh ? label->label_zh : label->label_en) : factor;
  replace_all(text, "{n}", std::to_string(v.shown));
  replace_all(text, "{group}", group_names(v.groups, zh));
  return text;
}

}  // namespace

Assessment assess(const Features& features, const Model& model, const Thresholds& thresholds) {
  Assessment a;
  for (const Factor& f : model.factors) {
    const std::optional<FactorValue> v = factor_value(f.code, features);
    if (!v) continue;
    const double points = f.weight * v->units;
    if (points == 0) continue;
    a.points += points;
    a.reasons.push_back({f.code, wording(f.code, *v, true), wording(f.code, *v, false), points});
  }
  std::stable_sort(a.reasons.begin(), a.reasons.end(),
                   [](const Reason& x, const Reason& y) { return x.points > y.points; });
  a.probability = 1.0 / (1.0 + std::exp(-(model.intercept + a.points) / kPointsPerLogit));
  a.level = a.points >= thresholds.high_points     ? "high"
            : a.points >= thresholds.medium_points ? "medium"
                                                   : "low";
  return a;
}

}  // namespace baoxue::risk
