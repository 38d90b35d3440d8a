#include "api/risk_set.h"

#include "risk/roll.h"

namespace baoxue::api {

// The at-risk roll's high level (risk.high_points under the county's model), with the reasons the
// roll gives for each pupil (risk/roll.h). The school's own pupils when the user is a school's.
Result<RiskSet> risk_high_keys(store::Database& db, const std::string& county,
                               const core::Scope& scope, const Date& today,
                               risk::ModelCache* models) {
  auto model = risk::county_model_from(models, db, county, today);
  if (!model) return model.error();
  auto roll = risk::at_risk_roll(db, county, today, scope, scope.school_code, model.value());
  if (!roll) return roll.error();
  RiskSet out;
  for (const auto& r : roll->rows) {
    if (r.assessment.level != "high") continue;
    auto& why = out[r.child_key];
    why.push_back("高风险（" + std::to_string(static_cast<int>(r.assessment.points)) + "分）");
    for (const auto& reason : r.assessment.reasons) why.push_back(reason.zh);
  }
  return out;
}

}  // namespace baoxue::api
