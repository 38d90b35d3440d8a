#include "risk/model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "risk/number_setting.h"

namespace baoxue::risk {
namespace {

constexpr std::string_view kWeightPrefix = "risk.weight.";

bool is_poverty_group(std::string_view group) {
  for (const core::Code& c : core::default_codes())
    if (c.table == "key_group" && c.code == group) return c.flag("poverty");
  return false;
}

// The factor a key group counts for: each group counts once, for one factor.
std::string_view group_factor(std::string_view group) {
  if (group == "left_behind") return "left_behind";
  if (group == "orphan" || group == "unsupported") return "orphan_or_no_carer";
  if (group == "disabled") return "disabled";
  if (group == "migrant") return "migrant";
  if (group == "single_parent") return "single_parent";
  if (group == "learning_difficulty") return "learning_difficulty";
  if (is_poverty_group(group)) return "poverty";
  return "other_key_group";
}

bool is_group_factor(std::string_view code) {
  return code == "left_behind" || code == "orphan_or_no_carer" || code == "disabled" ||
         code == "migrant" || code == "single_parent" || code == "learning_difficulty" ||
         code == "poverty" || code == "other_key_group";
}

FactorValue counted(int n) {
  FactorValue v;
  v.units = n;
  v.shown = n;
  return v;
}

FactorValue yes_no(bool applies) {
  FactorValue v;
  v.units = applies ? 1 : 0;
  return v;
}

}  // namespace

const std::vector<std::string>& factor_codes() {
  static const std::vector<std::string> kCodes = {
      "truant_30d",   "attendance_below_90", "returned_after_dropout",
      "over_age",     "transfers",           "learning_difficulty",
      "junior_grade", "orphan_or_no_carer",  "poverty",
      "disabled",     "left_behind",         "single_parent",
      "migrant",      "other_key_group"};
  return kCodes;
}

std::optional<FactorValue> factor_value(std::string_view code, const Features& f) {
  if (code == "truant_30d") return counted(f.truant_days_30);
  if (code == "transfers") return counted(f.transfers_this_year);
  if (code == "over_age") return counted(f.over_age_years);
  if (code == "returned_after_dropout") return yes_no(f.returned_after_dropout);
  if (code == "junior_grade") {
    FactorValue v = yes_no(f.grade >= 7 && f.grade <= 9);
    v.shown = f.grade;
    return v;
  }
  if (code == "attendance_below_90") {
    FactorValue v;
    if (!f.attendance_rate) return v;
    const double percent = *f.attendance_rate * 100.0;
    if (percent >= 90.0) return v;
    v.units = 90.0 - percent;
    // Shown rounded down, so a rate just under 90% never reads "出勤率90%"; the epsilon keeps
    // 0.86 × 100 = 85.999… at 86.
    v.shown = static_cast<int>(std::floor(percent + 1e-9));
    return v;
  }
  if (!is_group_factor(code)) return std::nullopt;
  FactorValue v;
  for (const std::string& g : f.key_groups)
    if (group_factor(g) == code && std::find(v.groups.begin(), v.groups.end(), g) == v.groups.end())
      v.groups.push_back(g);
  v.units = !v.groups.empty() || (code == "learning_difficulty" && f.learning_difficulty_flag);
  return v;
}

namespace detail {

Result<double> number_setting(const core::Settings& settings, const std::string& key) {
  const std::string text = settings.get(key);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(value))
    return make_error("risk_setting_invalid",
                      "设置 " + key + " 的值“" + text + "”不是数字：请改为数字（如 4 或 1.5）");
  return value;
}

}  // namespace detail

const Factor* find_factor(const Model& model, std::string_view code) {
  for (const Factor& f : model.factors)
    if (f.code == code) return &f;
  return nullptr;
}

Result<Model> model_from(const core::Settings& settings) {
  for (const auto& [key, value] : settings.values()) {
    if (!key.starts_with(kWeightPrefix)) continue;
    const std::string code = key.substr(kWeightPrefix.size());
    if (std::find(factor_codes().begin(), factor_codes().end(), code) == factor_codes().end())
      return make_error("risk_setting_invalid", "设置 " + key + " 没有对应的易流失因素“" + code +
                                                    "”：请删除该设置或改正因素代码");
  }
  Model m;
  m.source = "default";
  for (const std::string& code : factor_codes()) {
    auto weight = detail::number_setting(settings, std::string(kWeightPrefix) + code);
    if (!weight) return weight.error();
    m.factors.push_back({code, *weight});
  }
  auto intercept = detail::number_setting(settings, "risk.intercept");
  if (!intercept) return intercept.error();
  m.intercept = *intercept;
  return m;
}

// The shipped settings are part of the build; tests parse them, so the empty model here is never
// what a county gets.
Model default_model() {
  auto m = model_from(core::Settings());
  return m ? m.value() : Model{};
}

Result<Thresholds> thresholds_from(const core::Settings& settings) {
  auto high = detail::number_setting(settings, "risk.high_points");
  if (!high) return high.error();
  auto medium = detail::number_setting(settings, "risk.medium_points");
  if (!medium) return medium.error();
  if (*medium > *high)
    return make_error("risk_setting_invalid",
                      "设置 risk.medium_points（中风险分数线）高于 risk.high_points（高风险分数线）"
                      "：请把中风险分数线设为不高于高风险分数线");
  return Thresholds{*high, *medium};
}

Status validate(const Model& model) {
  for (const std::string& code : factor_codes()) {
    const auto n = std::count_if(model.factors.begin(), model.factors.end(),
                                 [&](const Factor& f) { return f.code == code; });
    if (n != 1)
      return make_error("risk_model_invalid", "易流失模型中因素“" + code + "”出现 " +
                                                  std::to_string(n) + " 次（应为 1 次）");
  }
  for (const Factor& f : model.factors) {
    if (!factor_value(f.code, Features{}))
      return make_error("risk_model_invalid", "易流失模型含有未知因素“" + f.code + "”");
    if (!std::isfinite(f.weight))
      return make_error("risk_model_invalid", "易流失模型中因素“" + f.code + "”的分值不是有限数");
  }
  if (!std::isfinite(model.intercept))
    return make_error("risk_model_invalid", "易流失模型的截距分不是有限数");
  return {};
}

}  // namespace baoxue::risk
