#include "risk/fit.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "risk/number_setting.h"

namespace baoxue::risk {
namespace {

// log(1 + e^eta) without overflow.
double softplus(double eta) { return std::max(eta, 0.0) + std::log1p(std::exp(-std::abs(eta))); }

// Solves a·x = b for a symmetric positive definite k×k `a` (row-major) by Cholesky; false when `a`
// is not positive definite.
bool solve_spd(std::vector<double> a, std::vector<double>& b, std::size_t k) {
  for (std::size_t j = 0; j < k; ++j) {
    double d = a[j * k + j];
    for (std::size_t m = 0; m < j; ++m) d -= a[j * k + m] * a[j * k + m];
    if (!(d > 0)) return false;
    a[j * k + j] = std::sqrt(d);
    for (std::size_t i = j + 1; i < k; ++i) {
      double s = a[i * k + j];
      for (std::size_t m = 0; m < j; ++m) s -= a[i * k + m] * a[j * k + m];
      a[i * k + j] = s / a[j * k + j];
    }
  }
  for (std::size_t i = 0; i < k; ++i) {  // L·y = b
    for (std::size_t m = 0; m < i; ++m) b[i] -= a[i * k + m] * b[m];
    b[i] /= a[i * k + i];
  }
  for (std::size_t i = k; i-- > 0;) {  // Lᵀ·x = y
    for (std::size_t m = i + 1; m < k; ++m) b[i] -= a[m * k + i] * b[m];
    b[i] /= a[i * k + i];
  }
  return true;
}

// The design: column 0 the intercept, then every factor of factor_codes() in units, centred on its
// mean over the samples (which keeps Newton's steps well conditioned and changes only the
// intercept). A factor nobody varies on is a column of zeros: only its prior decides it.
struct Design {
  std::size_t rows = 0, cols = 0;
  std::vector<double> x;     // rows × cols, row-major
  std::vector<double> y;     // 1: dropped out
  std::vector<double> mean;  // of columns 1…
  std::vector<std::string> constant;
};

Design design_of(const std::vector<Sample>& samples) {
  const std::vector<std::string>& codes = factor_codes();
  Design d;
  d.rows = samples.size();
  d.cols = codes.size() + 1;
  d.x.resize(d.rows * d.cols);
  d.y.resize(d.rows);
  d.mean.assign(codes.size(), 0.0);
  for (std::size_t i = 0; i < d.rows; ++i) {
    d.x[i * d.cols] = 1.0;
    for (std::size_t c = 0; c < codes.size(); ++c) {
      const double units = factor_value(codes[c], samples[i].features)->units;
      d.x[i * d.cols + c + 1] = units;
      d.mean[c] += units;
    }
    d.y[i] = samples[i].dropped_out ? 1.0 : 0.0;
  }
  for (std::size_t c = 0; c < codes.size(); ++c) {
    d.mean[c] /= static_cast<double>(d.rows);
    bool varies = false;
    for (std::size_t i = 0; i < d.rows; ++i) {
      double& v = d.x[i * d.cols + c + 1];
      varies = varies || v != d.x[c + 1];
      v -= d.mean[c];
    }
    if (!varies) d.constant.push_back(codes[c]);
  }
  return d;
}

// Minus the log-likelihood plus the pull towards the prior (`centre`, column 0 unpenalised).
double penalised_loss(const Design& d, const std::vector<double>& beta,
                      const std::vector<double>& centre, double l2) {
  double loss = 0;
  for (std::size_t i = 0; i < d.rows; ++i) {
    double eta = 0;
    for (std::size_t j = 0; j < d.cols; ++j) eta += d.x[i * d.cols + j] * beta[j];
    loss += softplus(eta) - d.y[i] * eta;
  }
  for (std::size_t j = 1; j < d.cols; ++j)
    loss += 0.5 * l2 * (beta[j] - centre[j]) * (beta[j] - centre[j]);
  return loss;
}

Error not_converged(const std::string& why) {
  return make_error("risk_fit_not_converged", "易流失模型拟合未能收敛（" + why +
                                                  "）：继续使用默认分值，并请检查本县的流失记录");
}

}  // namespace

Result<FitOptions> fit_options_from(const core::Settings& settings) {
  auto n = detail::number_setting(settings, "risk.min_fit_positives");
  if (!n) return n.error();
  if (*n < 1 || *n != std::floor(*n))
    return make_error("risk_setting_invalid", "设置 risk.min_fit_positives 应为正整数（现为" +
                                                  settings.get("risk.min_fit_positives") + "）");
  FitOptions o;
  o.min_positives = static_cast<int>(*n);
  return o;
}

Result<Model> fit(const std::vector<Sample>& samples, const Model& prior,
                  const FitOptions& options) {
  if (Status ok = validate(prior); !ok) return ok.error();
  const auto positives =
      std::count_if(samples.begin(), samples.end(), [](const Sample& s) { return s.dropped_out; });
  const auto negatives = static_cast<std::int64_t>(samples.size()) - positives;
  const std::string needed = "至少需要 " + std::to_string(options.min_positives) + " 名";
  if (positives < options.min_positives)
    return make_error("risk_too_few_positives", "有流失结果的学生只有 " +
                                                    std::to_string(positives) + " 名（" + needed +
                                                    "）：不能用本县数据拟合，继续使用默认分值");
  if (negatives < options.min_positives)
    return make_error("risk_too_few_positives", "未流失的学生只有 " + std::to_string(negatives) +
                                                    " 名（" + needed +
                                                    "）：不能用本县数据拟合，继续使用默认分值");

  const Design d = design_of(samples);
  const std::size_t k = d.cols;
  const std::vector<std::string>& codes = factor_codes();
  // Log-odds per unit: the prior's weights are the centre of the penalty and the starting point.
  std::vector<double> centre(k, 0.0);
  for (std::size_t c = 0; c < codes.size(); ++c)
    centre[c + 1] = find_factor(prior, codes[c])->weight / kPointsPerLogit;
  std::vector<double> beta = centre;
  const double base_rate = static_cast<double>(positives) / static_cast<double>(samples.size());
  beta[0] = std::log(base_rate / (1 - base_rate));
  double loss = penalised_loss(d, beta, centre, options.l2);
  bool converged = false;
  for (int iteration = 0; iteration < options.max_iterations && !converged; ++iteration) {
    std::vector<double> gradient(k, 0.0), hessian(k * k, 0.0);
    for (std::size_t i = 0; i < d.rows; ++i) {
      const double* row = &d.x[i * k];
      double eta = 0;
      for (std::size_t j = 0; j < k; ++j) eta += row[j] * beta[j];
      const double p = 1.0 / (1.0 + std::exp(-eta));
      const double w = p * (1 - p);
      for (std::size_t j = 0; j < k; ++j) {
        gradient[j] += (p - d.y[i]) * row[j];
        for (std::size_t m = 0; m <= j; ++m) hessian[j * k + m] += w * row[j] * row[m];
      }
    }
    for (std::size_t j = 1; j < k; ++j) {
      gradient[j] += options.l2 * (beta[j] - centre[j]);
      hessian[j * k + j] += options.l2;
    }
    for (std::size_t j = 0; j < k; ++j)
      for (std::size_t m = j + 1; m < k; ++m) hessian[j * k + m] = hessian[m * k + j];
    std::vector<double> step = gradient;
    if (!solve_spd(hessian, step, k)) return not_converged("信息矩阵不正定");
    // Newton's step, halved until the penalised loss does not rise (it always can, being convex).
    double t = 1.0;
    std::vector<double> next(k);
    for (;; t /= 2) {
      for (std::size_t j = 0; j < k; ++j) next[j] = beta[j] - t * step[j];
      const double next_loss = penalised_loss(d, next, centre, options.l2);
      if (next_loss <= loss || t < 1e-10) {
        loss = next_loss;
        break;
      }
    }
    double largest = 0;
    for (std::size_t j = 0; j < k; ++j) largest = std::max(largest, std::abs(t * step[j]));
    beta = next;
    converged = largest < 1e-9;
  }
  if (!converged)
    return not_converged(std::to_string(options.max_iterations) + " 步牛顿迭代后仍在变化");

  // Back from centred units: β_j·(u − mean_j) = β_j·u − β_j·mean_j.
  Model m;
  m.source = "fitted";
  m.fitted_on = static_cast<int>(samples.size());
  m.positives = static_cast<int>(positives);
  m.not_fitted = d.constant;
  double intercept = beta[0];
  for (std::size_t c = 0; c < codes.size(); ++c) {
    m.factors.push_back({codes[c], beta[c + 1] * kPointsPerLogit});
    intercept -= beta[c + 1] * d.mean[c];
  }
  m.intercept = intercept * kPointsPerLogit;
  return m;
}

}  // namespace baoxue::risk
