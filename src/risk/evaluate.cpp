#include "risk/evaluate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace baoxue::risk {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Indices of the pupils, highest score first.
std::vector<std::size_t> by_score_desc(const std::vector<double>& scores) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  return order;
}

}  // namespace

double auc(const std::vector<double>& scores, const std::vector<bool>& outcomes) {
  if (scores.size() != outcomes.size()) return kUndefined;
  const double positives = std::count(outcomes.begin(), outcomes.end(), true);
  const double negatives = static_cast<double>(outcomes.size()) - positives;
  if (positives == 0 || negatives == 0) return kUndefined;
  std::vector<std::size_t> order = by_score_desc(scores);
  std::reverse(order.begin(), order.end());  // lowest first: rank 1 is the lowest score
  double positive_rank_sum = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (outcomes[order[k]]) positive_rank_sum += mid_rank;
    i = j;
  }
  return (positive_rank_sum - positives * (positives + 1) / 2.0) / (positives * negatives);
}

double recall_at(const std::vector<double>& scores, const std::vector<bool>& outcomes,
                 double fraction) {
  if (scores.size() != outcomes.size() || !(fraction > 0 && fraction <= 1)) return kUndefined;
  const double positives = std::count(outcomes.begin(), outcomes.end(), true);
  if (positives == 0) return kUndefined;
  const auto k = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(scores.size())));
  const std::vector<std::size_t> order = by_score_desc(scores);
  double found = 0;
  for (std::size_t i = 0; i < k;) {
    std::size_t j = i;
    std::size_t tied_positives = 0;
    for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j)
      if (outcomes[order[j]]) ++tied_positives;
    // The whole tie group fits above the cut, or it straddles it and shares the places left.
    const double places = static_cast<double>(std::min(j, k) - i);
    found += static_cast<double>(tied_positives) * places / static_cast<double>(j - i);
    i = j;
  }
  return found / positives;
}

bool abc_flag(const Features& f) {
  return (f.attendance_rate && *f.attendance_rate < 0.90) || !f.key_groups.empty();
}

}  // namespace baoxue::risk
