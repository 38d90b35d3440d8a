// Fitting the model's weights to a county's own outcomes: L2-regularised logistic regression by
// Newton's method over the factors of risk/model.h. Weights come out as points (coefficient ×
// kPointsPerLogit per unit, the intercept likewise), so a fitted model reads like the default one
// and the same thresholds apply. Deterministic: the same samples in the same order give the same
// model.
//
// The penalty pulls each weight towards the model the county uses now (`prior`: the default or its
// settings), not towards 0: λ/2·Σ(β − β_prior)² over the log-odds per unit (β = weight / 10), the
// intercept free. That is a Gaussian prior N(β_prior, 1/λ) on each weight: with λ = 4 (a standard
// deviation of 0.5, i.e. 5 points) a weight moves further from its prior only when the county's
// outcomes say so clearly, a rare factor with few outcomes stays near it, and a factor no pupil
// varies on keeps it.
#pragma once

#include <vector>

#include "core/code_tables.h"
#include "core/result.h"
#include "risk/features.h"
#include "risk/model.h"

namespace baoxue::risk {

struct Sample {
  Features features;         // as known on the day the term began
  bool dropped_out = false;  // he dropped out within that term
};

struct FitOptions {
  // Fewer pupils who dropped out than this (or who did not) and fit() refuses: the caller keeps
  // the default model and says why (setting risk.min_fit_positives).
  int min_positives = 30;
  double l2 = 4.0;          // λ, per (log-odds per unit)²
  int max_iterations = 50;  // Newton steps; not converging by then is an error
};
// min_positives from risk.min_fit_positives (a positive whole number, else an error).
Result<FitOptions> fit_options_from(const core::Settings& settings);

// A model with source "fitted", or an error: risk_too_few_positives (the message says how many
// there were and how many are needed), risk_fit_not_converged, or validate()'s error for an
// invalid `prior`.
Result<Model> fit(const std::vector<Sample>& samples, const Model& prior,
                  const FitOptions& options);

}  // namespace baoxue::risk
