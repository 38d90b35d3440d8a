// Specification of how a ranking is judged (risk/evaluate.h) and of the ABC baseline rule.
#include "risk/evaluate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace baoxue::risk {
namespace {

TEST(RiskAuc, PerfectInvertedAndTiedRankings) {
  const std::vector<bool> outcomes = {false, false, true, true};
  EXPECT_DOUBLE_EQ(auc({0.1, 0.2, 0.8, 0.9}, outcomes), 1.0);
  EXPECT_DOUBLE_EQ(auc({0.9, 0.8, 0.2, 0.1}, outcomes), 0.0);
  EXPECT_DOUBLE_EQ(auc({0.5, 0.5, 0.5, 0.5}, outcomes), 0.5);
  // One dropout ties one stayer: 3 pairs won, 1 half.
  EXPECT_DOUBLE_EQ(auc({1, 2, 2, 3}, outcomes), 3.5 / 4);
}

TEST(RiskAuc, ARandomRankingIsAboutOneHalf) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<double> scores;
  std::vector<bool> outcomes;
  for (int i = 0; i < 20000; ++i) {
    scores.push_back(u(rng));
    outcomes.push_back(u(rng) < 0.1);
  }
  EXPECT_NEAR(auc(scores, outcomes), 0.5, 0.03);
}

TEST(RiskAuc, UndefinedWithoutBothOutcomesOrWithMismatchedSizes) {
  EXPECT_TRUE(std::isnan(auc({1, 2}, {true, true})));
  EXPECT_TRUE(std::isnan(auc({1, 2}, {false, false})));
  EXPECT_TRUE(std::isnan(auc({1, 2, 3}, {false, true})));
}

TEST(RiskRecall, TheTopFractionByScore) {
  // 100 pupils, scores 0…99; dropouts at 99, 98 and 10.
  std::vector<double> scores;
  std::vector<bool> outcomes;
  for (int i = 0; i < 100; ++i) {
    scores.push_back(i);
    outcomes.push_back(i == 99 || i == 98 || i == 10);
  }
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 0.05), 2.0 / 3);
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 0.01), 1.0 / 3);
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 0.90), 1.0);
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 1.0), 1.0);
  // The top k is rounded up: 5% of 10 pupils is one pupil.
  const std::vector<double> ten = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
  EXPECT_DOUBLE_EQ(
      recall_at(ten, {true, true, false, false, false, false, false, false, false, false}, 0.05),
      0.5);
}

TEST(RiskRecall, PupilsTiedAtTheCutShareThePlacesLeft) {
  // A yes/no rule flags 4 pupils, 2 of whom drop out; the top 2 places go to 2 of the 4 flagged.
  const std::vector<double> scores = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
  const std::vector<bool> outcomes = {true,  true,  false, false, true,
                                      false, false, false, false, false};
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 0.2), (2 * 2.0 / 4) / 3);
  // All 4 flagged and 2 of the 6 others (1 dropout among them).
  EXPECT_DOUBLE_EQ(recall_at(scores, outcomes, 0.6), (2 + 1 * 2.0 / 6) / 3);
}

TEST(RiskRecall, UndefinedOutOfRange) {
  EXPECT_TRUE(std::isnan(recall_at({1, 2}, {true, false}, 0)));
  EXPECT_TRUE(std::isnan(recall_at({1, 2}, {true, false}, 1.5)));
  EXPECT_TRUE(std::isnan(recall_at({1, 2}, {false, false}, 0.5)));
  EXPECT_TRUE(std::isnan(recall_at({1, 2}, {true}, 0.5)));
}

TEST(RiskAbcRule, AttendanceBelowNinetyPercentOrAnyKeyGroup) {
  Features f;
  EXPECT_FALSE(abc_flag(f));  // no roll call yet, no key group
  f.attendance_rate = 0.90;
  EXPECT_FALSE(abc_flag(f));
  f.attendance_rate = 0.899;
  EXPECT_TRUE(abc_flag(f));
  f.attendance_rate = 0.97;
  f.key_groups = {"left_behind"};
  EXPECT_TRUE(abc_flag(f));
  // Truancy this month and a teacher's flag are not part of the rule.
  Features g;
  g.attendance_rate = 0.95;
  g.truant_days_30 = 6;
  g.learning_difficulty_flag = true;
  EXPECT_FALSE(abc_flag(g));
}

}  // namespace
}  // namespace baoxue::risk
