// Specification of fitting the model to a county's outcomes (risk/fit.h): planted effects are
// recovered, too few outcomes are refused, and the result is the same every time.
#include "risk/fit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "weight_of.h"

namespace baoxue::risk {
namespace {

// Pupils whose outcome is drawn from a known logistic model (log-odds per unit), set apart from
// the default weights so that recovering it shows the data overruling the prior: intercept −4.5,
// per truant day +0.25 (default 0.4), returned after dropout +0.8 (1.5), learning difficulty +1.5
// (0.8), junior grade +0.3 (0.6), left-behind +0.6 (0.3), migrant 0 (0.2).
std::vector<Sample> planted(std::size_t n, unsigned seed, int max_grade = 9) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Sample> out;
  for (std::size_t i = 0; i < n; ++i) {
    Sample s;
    Features& f = s.features;
    f.grade = 1 + static_cast<int>(u(rng) * max_grade);
    f.truant_days_30 = u(rng) < 0.15 ? static_cast<int>(u(rng) * 12) : 0;
    f.returned_after_dropout = u(rng) < 0.05;
    f.learning_difficulty_flag = u(rng) < 0.10;
    const bool left_behind = u(rng) < 0.20;
    if (left_behind) f.key_groups.push_back("left_behind");
    if (u(rng) < 0.10) f.key_groups.push_back("migrant");
    const double eta = -4.5 + 0.25 * f.truant_days_30 + 0.8 * f.returned_after_dropout +
                       1.5 * f.learning_difficulty_flag + 0.3 * (f.grade >= 7) + 0.6 * left_behind;
    s.dropped_out = u(rng) < 1 / (1 + std::exp(-eta));
    out.push_back(std::move(s));
  }
  return out;
}

int positives(const std::vector<Sample>& samples) {
  int n = 0;
  for (const Sample& s : samples) n += s.dropped_out;
  return n;
}

TEST(RiskFit, RecoversThePlantedEffectsAsPoints) {
  const std::vector<Sample> samples = planted(40000, 7);
  auto m = fit(samples, default_model(), FitOptions{});
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->source, "fitted");
  EXPECT_EQ(m->fitted_on, 40000);
  EXPECT_EQ(m->positives, positives(samples));
  EXPECT_TRUE(validate(*m).ok());
  // Points are log-odds × 10: each planted effect within about two standard errors.
  EXPECT_NEAR(weight(*m, "truant_30d"), 2.5, 0.4);
  EXPECT_NEAR(weight(*m, "returned_after_dropout"), 8, 2.5);
  EXPECT_NEAR(weight(*m, "learning_difficulty"), 15, 2.5);
  EXPECT_NEAR(weight(*m, "junior_grade"), 3, 2);
  EXPECT_NEAR(weight(*m, "left_behind"), 6, 2);
  EXPECT_NEAR(weight(*m, "migrant"), 0, 2.5);
  EXPECT_NEAR(m->intercept, -45, 3);
  // The ranking of the yes/no effects is the planted one, not the defaults' (returned after
  // dropout above learning difficulty, junior grade above left-behind).
  EXPECT_GT(weight(*m, "learning_difficulty"), weight(*m, "returned_after_dropout"));
  EXPECT_GT(weight(*m, "left_behind"), weight(*m, "junior_grade"));
}

TEST(RiskFit, AFactorNoPupilHadKeepsThePriorWeightAndSaysSo) {
  // Primary pupils only, and nobody over age, transferred, poor, …
  const Model prior = default_model();
  auto m = fit(planted(20000, 11, 6), prior, FitOptions{});
  ASSERT_TRUE(m.ok()) << m.error().message;
  for (const char* code : {"junior_grade", "over_age", "transfers", "poverty"}) {
    EXPECT_NEAR(weight(*m, code), weight(prior, code), 1e-9) << code;
    EXPECT_NE(std::find(m->not_fitted.begin(), m->not_fitted.end(), code), m->not_fitted.end())
        << code;
  }
  EXPECT_EQ(std::find(m->not_fitted.begin(), m->not_fitted.end(), "truant_30d"),
            m->not_fitted.end());
}

TEST(RiskFit, RefusesWithFewerDropoutsThanTheMinimum) {
  std::vector<Sample> samples(1000);
  for (std::size_t i = 0; i < samples.size(); ++i) samples[i].features.truant_days_30 = i % 7;
  for (int i = 0; i < 29; ++i) samples[i * 30].dropped_out = true;
  FitOptions o;
  o.min_positives = 30;
  auto refused = fit(samples, default_model(), o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "risk_too_few_positives");
  EXPECT_NE(refused.error().message.find("29"), std::string::npos);
  EXPECT_NE(refused.error().message.find("30"), std::string::npos);
  samples[1].dropped_out = true;  // the 30th
  EXPECT_TRUE(fit(samples, default_model(), o).ok());
  // Nearly everyone dropping out is as uninformative.
  for (Sample& s : samples) s.dropped_out = true;
  samples[0].dropped_out = false;
  EXPECT_EQ(fit(samples, default_model(), o).error().code, "risk_too_few_positives");
}

TEST(RiskFit, AnInvalidPriorIsRefused) {
  Model prior = default_model();
  prior.factors.pop_back();
  auto m = fit(planted(2000, 1), prior, FitOptions{});
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "risk_model_invalid");
}

TEST(RiskFit, TheSameSamplesGiveTheSameModel) {
  const std::vector<Sample> samples = planted(5000, 3);
  auto a = fit(samples, default_model(), FitOptions{});
  auto b = fit(samples, default_model(), FitOptions{});
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->factors.size(), b->factors.size());
  for (std::size_t i = 0; i < a->factors.size(); ++i)
    EXPECT_EQ(a->factors[i].weight, b->factors[i].weight);
  EXPECT_EQ(a->intercept, b->intercept);
}

TEST(RiskFit, TheStrongerThePenaltyTheCloserThePrior) {
  const std::vector<Sample> samples = planted(5000, 5);
  const Model prior = default_model();
  FitOptions loose, strict;
  loose.l2 = 0.01;
  strict.l2 = 1e7;
  auto a = fit(samples, prior, loose);
  auto b = fit(samples, prior, strict);
  ASSERT_TRUE(a.ok() && b.ok());
  // learning difficulty is planted at 15 points, the prior says 8.
  EXPECT_GT(weight(*a, "learning_difficulty"), 11);
  for (const Factor& f : prior.factors) EXPECT_NEAR(weight(*b, f.code), f.weight, 0.05) << f.code;
}

}  // namespace
}  // namespace baoxue::risk
