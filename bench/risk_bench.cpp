// risk_bench: how well the at-risk model (src/risk) ranks the pupils who go on to drop out, on a
// synthetic county whose outcomes are known.
//
//   risk_bench [--pupils N=100000] [--seed S=1] [--l2 λ=4, the fit's pull towards the defaults]
//
// One simulated school year is the training year (the model is fitted on it), a second, fresh
// one with other pupils is the test year; every figure is measured on the test year. Compared:
// the shipped points (default_model), the points fitted on the training year, and the ABC rule
// (attendance below 90% or any key group) as a 0/1 score. For recall in the top 5% a 0/1 rule
// ranks its flagged pupils first; ties are broken at random with a fixed seed (the expected value
// over all tie orders, recall_at's own rule, is printed next to it).
//
// The generating process (docs/risk-model.md says what it can and cannot show): every pupil has
// a latent disengagement z ~ N(0,1) that raises the chance of each key group, of a learning
// difficulty, of past dropout, of being over age, of transfers and of unexcused absence; 2% of
// pupils meet a shock this term (a family crisis) that nobody records but that shows as recent
// truancy. Dropout within the next term depends on z, the shock, the junior-secondary window,
// household poverty and being over age. Deterministic: the project's own generator (demo/rng.h), no
// std distributions.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "demo/rng.h"
#include "risk/assess.h"
#include "risk/evaluate.h"
#include "risk/fit.h"

namespace {

using namespace baoxue::risk;
using baoxue::demo::Rng;
using Clock = std::chrono::steady_clock;

// Draws the project's deterministic source (demo/rng.h, header-only) does not offer.
double normal(Rng& rng) {  // Box–Muller
  const double u1 = 1.0 - rng.unit(), u2 = rng.unit();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

int poisson(Rng& rng, double mean) {  // Knuth: fine for the small means used here
  const double limit = std::exp(-mean);
  int k = 0;
  for (double p = rng.unit(); p > limit; p *= rng.unit()) ++k;
  return k;
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1.0 - p)); }

constexpr int kSchoolDaysSoFar = 80;  // roll-call days this school year before the term begins
constexpr int kSchoolDaysLast30 = 22;

// A pupil of the simulated year and the chance of dropping out the simulation gave him (which
// no model sees: it rests on z and the shock).
struct Pupil {
  Sample sample;
  double true_risk = 0;
};

Pupil simulate_pupil(Rng& rng) {
  Pupil p;
  Sample& s = p.sample;
  Features& f = s.features;
  const double z = normal(rng);
  const bool shock = rng.chance(0.02);
  f.grade = 1 + static_cast<int>(rng.unit() * 9);
  auto group_if = [&](double base_rate, double slope, const char* code) {
    const bool in = rng.chance(sigmoid(logit(base_rate) + slope * z));
    if (in) f.key_groups.push_back(code);
    return in;
  };
  const bool left_behind = group_if(0.20, 0.4, "left_behind");
  const bool migrant = !left_behind && group_if(0.08, 0.1, "migrant");
  bool poverty = false;
  if (rng.chance(sigmoid(logit(0.10) + 0.5 * z))) {
    const double which = rng.unit();
    f.key_groups.push_back(which < 0.4   ? "dibao"
                           : which < 0.7 ? "monitored"
                                         : "poverty_alleviated");
    poverty = true;
  }
  group_if(0.07, 0.4, "single_parent");
  if (rng.chance(sigmoid(logit(0.006) + 0.5 * z)))
    f.key_groups.push_back(rng.chance(0.45) ? "orphan" : "unsupported");
  group_if(0.015, 0.2, "disabled");
  group_if(0.02, 0.5, "in_difficulty");
  const bool listed_difficulty = group_if(0.04, 0.9, "learning_difficulty");
  f.learning_difficulty_flag =
      listed_difficulty ? rng.chance(0.7) : rng.chance(sigmoid(logit(0.04) + 0.9 * z));
  f.returned_after_dropout = rng.chance(sigmoid(logit(0.006) + 1.0 * z));
  if (rng.chance(sigmoid(logit(0.06) + 0.7 * z + 1.5 * f.returned_after_dropout)))
    f.over_age_years = 1 + rng.chance(0.25) + rng.chance(0.05);
  f.transfers_this_year = poisson(rng, 0.06 * std::exp(0.4 * z) * (migrant ? 3 : 1));

  // Roll calls: unexcused absence rises with z, and in the last 30 days with the shock; excused
  // absence (sick or personal leave) is 2% of days for everyone.
  const double older = sigmoid(-4.6 + 1.1 * z), recent = sigmoid(-4.6 + 1.1 * z + 2.2 * shock);
  int absent = 0;
  for (int day = 0; day < kSchoolDaysSoFar; ++day) {
    const bool last_30 = day >= kSchoolDaysSoFar - kSchoolDaysLast30;
    const double u = rng.unit(), unexcused = last_30 ? recent : older;
    if (u < unexcused) {
      ++absent;
      f.truant_days_30 += last_30;
    } else if (u < unexcused + 0.02) {
      ++absent;
    }
  }
  f.school_days_30 = kSchoolDaysLast30;
  f.attendance_rate = 1.0 - static_cast<double>(absent) / kSchoolDaysSoFar;

  const double eta = -6.0 + 1.1 * z + 2.0 * shock + 0.7 * (f.grade >= 7) + 0.4 * poverty +
                     0.5 * (f.over_age_years > 0);
  p.true_risk = sigmoid(eta);
  s.dropped_out = rng.chance(p.true_risk);
  return p;
}

std::vector<Pupil> simulate_year(std::size_t pupils, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Pupil> year;
  year.reserve(pupils);
  for (std::size_t i = 0; i < pupils; ++i) year.push_back(simulate_pupil(rng));
  return year;
}

struct Row {
  const char* name;
  double auc, recall5, recall5_expected, list_share, list_recall, mean_probability;
};

double seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

int usage(const char* why) {
  std::fprintf(stderr, "risk_bench: %s\nusage: risk_bench [--pupils N] [--seed S] [--l2 λ]\n", why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t pupils = 100000;
  std::uint64_t seed = 1;
  FitOptions options;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    char* end = nullptr;
    if (std::strcmp(argv[i], "--pupils") == 0 && has_value) {
      pupils = std::strtoull(argv[++i], &end, 10);
      if (*end != '\0' || pupils < 1000) return usage("--pupils takes a whole number ≥ 1000");
    } else if (std::strcmp(argv[i], "--l2") == 0 && has_value) {
      options.l2 = std::strtod(argv[++i], &end);
      if (*end != '\0' || !(options.l2 >= 0)) return usage("--l2 takes a number ≥ 0");
    } else if (std::strcmp(argv[i], "--seed") == 0 && has_value) {
      seed = std::strtoull(argv[++i], &end, 10);
      if (*end != '\0') return usage("--seed takes a whole number");
    } else {
      return usage((std::string("unknown argument ") + argv[i]).c_str());
    }
  }

  const auto t0 = Clock::now();
  std::vector<Sample> train;
  for (Pupil& p : simulate_year(pupils, seed * 2 + 1)) train.push_back(std::move(p.sample));
  const std::vector<Pupil> test = simulate_year(pupils, seed * 2 + 2);
  const auto t1 = Clock::now();
  auto fitted = fit(train, default_model(), options);
  const auto t2 = Clock::now();
  if (!fitted) {
    std::fprintf(stderr, "fit refused: %s\n", fitted.error().message.c_str());
    return 1;
  }
  auto thresholds = thresholds_from(baoxue::core::Settings());
  if (!thresholds) return usage(thresholds.error().message.c_str());

  const Model shipped = default_model();
  std::vector<bool> outcomes;
  std::vector<double> shipped_points, fitted_points, abc_score, abc_random, oracle;
  double shipped_probability = 0, fitted_probability = 0, true_probability = 0;
  std::size_t shipped_listed = 0, fitted_listed = 0, shipped_caught = 0, fitted_caught = 0,
              abc_flagged = 0, abc_caught = 0;
  Rng tie_break(seed ^ 0xABCULL);
  const auto t3 = Clock::now();
  for (const Pupil& p : test) {
    const Sample& s = p.sample;
    const Assessment a = assess(s.features, shipped, *thresholds);
    const Assessment b = assess(s.features, *fitted, *thresholds);
    const bool flagged = abc_flag(s.features);
    outcomes.push_back(s.dropped_out);
    shipped_points.push_back(a.points);
    fitted_points.push_back(b.points);
    abc_score.push_back(flagged);
    abc_random.push_back(flagged + 0.5 * tie_break.unit());
    oracle.push_back(p.true_risk);
    shipped_probability += a.probability;
    fitted_probability += b.probability;
    true_probability += p.true_risk;
    // "On the list": the medium and high levels, as the roll would show them.
    shipped_listed += a.level != "low";
    fitted_listed += b.level != "low";
    abc_flagged += flagged;
    shipped_caught += a.level != "low" && s.dropped_out;
    fitted_caught += b.level != "low" && s.dropped_out;
    abc_caught += flagged && s.dropped_out;
  }
  const auto t4 = Clock::now();

  const double n = static_cast<double>(test.size());
  double positives = 0, train_positives = 0;
  for (bool o : outcomes) positives += o;
  for (const Sample& s : train) train_positives += s.dropped_out;
  const Row rows[] = {
      {"default points", auc(shipped_points, outcomes), recall_at(shipped_points, outcomes, 0.05),
       recall_at(shipped_points, outcomes, 0.05), shipped_listed / n, shipped_caught / positives,
       shipped_probability / n},
      {"fitted points", auc(fitted_points, outcomes), recall_at(fitted_points, outcomes, 0.05),
       recall_at(fitted_points, outcomes, 0.05), fitted_listed / n, fitted_caught / positives,
       fitted_probability / n},
      {"ABC rule (0/1)", auc(abc_score, outcomes), recall_at(abc_random, outcomes, 0.05),
       recall_at(abc_score, outcomes, 0.05), abc_flagged / n, abc_caught / positives, NAN},
      // The ceiling: the simulation's own chance, latent disengagement and shock included.
      {"true risk (ceiling)", auc(oracle, outcomes), recall_at(oracle, outcomes, 0.05),
       recall_at(oracle, outcomes, 0.05), NAN, NAN, true_probability / n},
  };

  std::printf(
      "pupils %zu per year, seed %llu; dropout within the term: training year %.2f%% (%d), "
      "test year %.2f%% (%d)\n",
      pupils, static_cast<unsigned long long>(seed), 100 * train_positives / n,
      static_cast<int>(train_positives), 100 * positives / n, static_cast<int>(positives));
  std::printf(
      "\n| score | AUC | recall@5%% | (expected over ties) | on the list | recall of list | mean "
      "probability |\n|---|---|---|---|---|---|---|\n");
  const auto percent = [](double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", 100 * x);
    return std::isnan(x) ? std::string("—") : std::string(text);
  };
  for (const Row& r : rows)
    std::printf("| %s | %.3f | %.1f%% | %.1f%% | %s | %s | %s |\n", r.name, r.auc, 100 * r.recall5,
                100 * r.recall5_expected, percent(r.list_share).c_str(),
                percent(r.list_recall).c_str(), percent(r.mean_probability).c_str());
  std::printf(
      "(on the list: level medium or high for the points models, flagged for ABC; mean probability "
      "to set against the observed %.2f%%)\n",
      100 * positives / n);
  // The fairest comparison with the ABC rule: a list of the same length from each score.
  const double abc_share = abc_flagged / n;
  std::printf(
      "recall with a list as long as ABC's (%.1f%% of pupils): default %.1f%%, fitted "
      "%.1f%%, ABC %.1f%%\n",
      100 * abc_share, 100 * recall_at(shipped_points, outcomes, abc_share),
      100 * recall_at(fitted_points, outcomes, abc_share), 100 * abc_caught / positives);

  std::printf("\n| factor | default points | fitted points |\n|---|---|---|\n");
  for (const Factor& f : shipped.factors)
    std::printf("| %s | %.1f | %.1f |\n", f.code.c_str(), f.weight,
                find_factor(*fitted, f.code)->weight);
  std::printf("| (intercept) | %.1f | %.1f |\n", shipped.intercept, fitted->intercept);

  std::printf(
      "\ntime: simulate 2 years %.3f s, fit %.3f s (%d pupils, %d dropouts), assess %zu "
      "pupils × 2 models %.3f s\n",
      seconds(t0, t1), seconds(t1, t2), fitted->fitted_on, fitted->positives, test.size(),
      seconds(t3, t4));
  return 0;
}
