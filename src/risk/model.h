// The at-risk model: a transparent points model (DOMAIN.md §6). Each factor turns one thing known
// of a pupil (Features) into units — unexcused days, percentage points of attendance below 90%,
// transfers, years over age, or 1 for a yes/no factor — and its weight says how many points a
// unit is worth. A pupil's points are the sum over factors; nothing is capped (the largest
// values are bounded by the calendar: 30 days hold at most ~22 school days).
//
// Points are log-odds of dropping out within the next term times kPointsPerLogit (10 points
// multiply the odds by e ≈ 2.7), so the shipped weights and the weights fitted on a county's own
// outcomes (risk/fit.h) are on one scale and the same thresholds apply to both.
//
// The factors are fixed in code (what each measures); their weights, the intercept and the
// thresholds are the county's settings (risk.weight.<code>, risk.intercept, risk.high_points,
// risk.medium_points).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code_tables.h"
#include "core/result.h"
#include "risk/features.h"

namespace baoxue::risk {

inline constexpr double kPointsPerLogit = 10.0;

// The factors this build knows, in the order a model lists them:
//   truant_30d            per unexcused day in the last 30 days
//   attendance_below_90   per percentage point of attendance below 90% this year (none: 0)
//   returned_after_dropout, learning_difficulty (key group learning_difficulty or the teacher's
//   flag), junior_grade (grades 7–9: the risk window)                          yes/no
//   over_age              per year over the normal age for the grade
//   transfers             per transfer this school year
//   orphan_or_no_carer (key groups orphan, unsupported), poverty (key groups whose code_tables row
//   has poverty=1), disabled, left_behind, single_parent, migrant, other_key_group (every other
//   key group, a county's own codes included, so none is left out)           yes/no
const std::vector<std::string>& factor_codes();

// One factor's value for one pupil.
struct FactorValue {
  double units = 0;  // what the weight multiplies; 0 when the factor does not apply
  int shown = 0;     // the number its reason shows ({n}): days, percent, count, years
  std::vector<std::string> groups;  // key-group factors: his codes that make it apply ({group})
};
// Null for a code factor_codes() does not hold.
std::optional<FactorValue> factor_value(std::string_view code, const Features& features);

struct Factor {
  std::string code;
  double weight = 0;  // points per unit
};

struct Model {
  std::vector<Factor> factors;  // each code of factor_codes() once
  double intercept = 0;         // points of a pupil with no factor; enters the probability only
  std::string source;           // "default" (the settings' points) | "fitted" (risk/fit.h)
  int fitted_on = 0;            // fitted: pupils the weights were estimated from
  int positives = 0;            // fitted: how many of them dropped out
  // Fitted: factors every training pupil had the same value of (none had it, say): the data say
  // nothing about them, so they keep the prior's weight — listed so the caller can say so.
  std::vector<std::string> not_fitted;
};

// The factor `code` of the model, or null.
const Factor* find_factor(const Model& model, std::string_view code);

// Points at or above `high_points` read high, at or above `medium_points` medium, else low.
struct Thresholds {
  double high_points = 0;
  double medium_points = 0;
};

// The shipped settings' model (data/settings.tsv), source "default".
Model default_model();
// A county's model: the weight of each factor from risk.weight.<code> and the intercept from
// risk.intercept, the shipped value for a key the county has not set. A value that is not a
// number, or a risk.weight.* key naming no factor, is an error (risk_setting_invalid).
Result<Model> model_from(const core::Settings& settings);
// risk.high_points and risk.medium_points; an error when not numbers or medium > high.
Result<Thresholds> thresholds_from(const core::Settings& settings);
// A model assess() can use: every factor of factor_codes() once, nothing else, finite weights.
Status validate(const Model& model);

}  // namespace baoxue::risk
