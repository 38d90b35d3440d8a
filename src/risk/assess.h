// One pupil's standing on the at-risk roll (易流失学生花名册): his points under a model, the
// probability they stand for, his level, and the reasons — each as his head teacher would say it
// ("近30天旷课4天", "留守儿童", "超龄2岁"), from the wording templates in data/labels.tsv table
// risk_factor. Pure.
#pragma once

#include <string>
#include <vector>

#include "risk/features.h"
#include "risk/model.h"

namespace baoxue::risk {

struct Reason {
  std::string factor;  // the factor code
  std::string zh;      // "近30天旷课4天"
  std::string en;      // "Unexcused absence on 4 of the last 30 days"
  double points = 0;   // weight × units
};

struct Assessment {
  double points = 0;       // the sum of the reasons' points (the intercept is not a reason)
  double probability = 0;  // 1 / (1 + e^(−(intercept + points) / kPointsPerLogit))
  std::string level;       // "high" | "medium" | "low" (labels table risk_level)
  // Every factor with nonzero points, most points first (a fitted model's protective factors have
  // negative points and come last); equal points keep the model's factor order.
  std::vector<Reason> reasons;
};

// `model` should pass validate(); a factor code this build does not know adds nothing.
Assessment assess(const Features& features, const Model& model, const Thresholds& thresholds);

}  // namespace baoxue::risk
