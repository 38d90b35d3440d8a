#include "api/risk_set.h"

#include "attendance/alerts.h"
#include "core/code_tables.h"
#include "store/county_repository.h"
#include "store/support_pair_repository.h"

namespace baoxue::api {

// STAND-IN until the at-risk ledger (risk::assess over each pupil, risk.high_points) serves the
// high-risk set: a pupil is high risk when his absence streak has reached the joint-visit level
// (attendance.joint_visit_days school days without leave, 3 by default) or he is an orphan or a
// child without a de-facto carer (key groups orphan, unsupported). Replace this body; keep the
// signature.
Result<RiskSet> risk_high_keys(store::Database& db, const std::string& county,
                               const core::Scope& scope, const Date& today) {
  RiskSet out;
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const auto rules = attendance::LevelRules::from(settings.value());
  auto alerts = attendance::alerts_on(db, county, today, scope.school_code, rules);
  if (!alerts) return alerts.error();
  for (const auto& a : alerts.value()) {
    if (a.pupil.streak.days < rules.joint_visit_days) continue;
    if (!core::reaches(scope, {a.township_code, a.village_code, a.pupil.cls.school_code,
                               a.pupil.cls.grade, a.pupil.cls.class_number}))
      continue;
    out[a.pupil.child_key].push_back("连续旷课 " + std::to_string(a.pupil.streak.days) +
                                     " 个上学日");
  }
  auto codes = store::load_codes(db, county, "key_group");
  if (!codes) return codes.error();
  const std::vector<std::string> groups = {"orphan", "unsupported"};
  auto pupils = store::ledger_pupils(db, county, scope, "", "", groups, {});
  if (!pupils) return pupils.error();
  for (const auto& p : pupils.value())
    for (const auto& g : groups)
      if (("," + p.key_groups + ",").find("," + g + ",") != std::string::npos)
        for (const auto& c : codes.value())
          if (c.code == g) out[p.child_key].push_back(c.label_zh);
  return out;
}

}  // namespace baoxue::api
