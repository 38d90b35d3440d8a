// Fitting the model's weights to a county's own outcomes: L2-regularised logistic regression by
// Newton's method over the factors of risk/model.h. Weights come out as points (coefficient ×
// kPointsPerLogit per unit, the intercept likewise), so a fitted model reads like the default one
// and the same thresholds apply. Deterministic: the same samples in the same order give the same
// model.
//
// The penalty λ/2·Σβ² is on the coefficients of standardised factors (each factor centred and
// divided by its standard deviation over the samples), so it shrinks every factor alike whatever
// its unit; the intercept is not penalised.
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
  double l2 = 1.0;          // λ
  int max_iterations = 50;  // Newton steps; not converging by then is an error
};
// min_positives from risk.min_fit_positives (a positive whole number, else an error).
Result<FitOptions> fit_options_from(const core::Settings& settings);

// A model with source "fitted", or an error: risk_too_few_positives (the message says how many
// there were and how many are needed), risk_fit_not_converged.
Result<Model> fit(const std::vector<Sample>& samples, const FitOptions& options);

}  // namespace baoxue::risk
