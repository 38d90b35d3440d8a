// Specification of a pupil's line on the at-risk roll (risk/assess.h): the reasons in his head
// teacher's words, their order, his points, probability and level.
#include "risk/assess.h"

#include <gtest/gtest.h>

#include <cmath>

#include "weight_of.h"

namespace baoxue::risk {
namespace {

const Thresholds kThresholds{25, 12};

// The reason for `factor`, or null.
const Reason* reason(const Assessment& a, const std::string& factor) {
  for (const Reason& r : a.reasons)
    if (r.factor == factor) return &r;
  return nullptr;
}

Features junior_pupil() {
  Features f;
  f.grade = 8;
  return f;
}

TEST(RiskReasons, TruantDaysReadAsTheHeadTeacherSaysThem) {
  Features f;
  f.truant_days_30 = 4;
  f.school_days_30 = 21;
  const Assessment a = assess(f, default_model(), kThresholds);
  const Reason* r = reason(a, "truant_30d");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->zh, "近30天旷课4天");
  EXPECT_EQ(r->en, "Unexcused absence on 4 of the last 30 days");
  EXPECT_DOUBLE_EQ(r->points, 4 * weight(default_model(), "truant_30d"));
}

TEST(RiskReasons, AttendanceBelowNinetyPercentReadsItsRateRoundedDown) {
  Features f;
  f.attendance_rate = 0.86;
  const Assessment a = assess(f, default_model(), kThresholds);
  ASSERT_NE(reason(a, "attendance_below_90"), nullptr);
  EXPECT_EQ(reason(a, "attendance_below_90")->zh, "出勤率86%");
  EXPECT_EQ(reason(a, "attendance_below_90")->en, "Attendance 86% this school year");
  // Points per percentage point below 90.
  EXPECT_NEAR(reason(a, "attendance_below_90")->points,
              4 * weight(default_model(), "attendance_below_90"), 1e-9);
  // Just under 90% never reads as 90%.
  f.attendance_rate = 0.899;
  EXPECT_EQ(reason(assess(f, default_model(), kThresholds), "attendance_below_90")->zh,
            "出勤率89%");
  // At 90% or without a roll call yet, attendance is no reason.
  f.attendance_rate = 0.90;
  EXPECT_EQ(reason(assess(f, default_model(), kThresholds), "attendance_below_90"), nullptr);
  f.attendance_rate.reset();
  EXPECT_EQ(reason(assess(f, default_model(), kThresholds), "attendance_below_90"), nullptr);
}

// A pupil whose only factors are these key groups.
Assessment with_groups(std::vector<std::string> groups) {
  Features f;
  f.key_groups = std::move(groups);
  return assess(f, default_model(), kThresholds);
}

TEST(RiskReasons, KeyGroupsReadByTheirNames) {
  const Assessment a =
      with_groups({"left_behind", "orphan", "disabled", "single_parent", "migrant"});
  EXPECT_EQ(reason(a, "left_behind")->zh, "留守儿童");
  EXPECT_EQ(reason(a, "left_behind")->en, "Left-behind child");
  EXPECT_EQ(reason(a, "orphan_or_no_carer")->zh, "孤儿");
  EXPECT_EQ(reason(a, "disabled")->zh, "残疾儿童");
  EXPECT_EQ(reason(a, "single_parent")->zh, "单亲家庭子女");
  EXPECT_EQ(reason(a, "migrant")->zh, "随迁子女");
  EXPECT_EQ(reason(with_groups({"unsupported"}), "orphan_or_no_carer")->zh, "事实无人抚养儿童");
}

TEST(RiskReasons, PovertyNamesTheHouseholdsAndCountsOnce) {
  const Assessment a = with_groups({"dibao", "monitored"});
  ASSERT_EQ(a.reasons.size(), 1u);
  EXPECT_EQ(a.reasons[0].factor, "poverty");
  EXPECT_EQ(a.reasons[0].zh, "家庭经济困难（低保户、监测户）");
  EXPECT_EQ(a.reasons[0].en,
            "Low-income household (Minimum-living-allowance household, Monitored household (risk "
            "of poverty))");
  EXPECT_DOUBLE_EQ(a.reasons[0].points, weight(default_model(), "poverty"));
}

TEST(RiskReasons, EveryOtherKeyGroupCountsAndAnUnknownCodeReadsAsItself) {
  const Assessment a = with_groups({"in_difficulty", "county_own_group"});
  ASSERT_EQ(a.reasons.size(), 1u);
  EXPECT_EQ(a.reasons[0].factor, "other_key_group");
  EXPECT_EQ(a.reasons[0].zh, "困境儿童、county_own_group");
  EXPECT_DOUBLE_EQ(a.reasons[0].points, weight(default_model(), "other_key_group"));
}

TEST(RiskReasons, LearningDifficultyIsOneReasonWhetherListedOrFlagged) {
  Features listed;
  listed.key_groups = {"learning_difficulty"};
  Features flagged;
  flagged.learning_difficulty_flag = true;
  Features both = listed;
  both.learning_difficulty_flag = true;
  for (const Features& f : {listed, flagged, both}) {
    const Assessment a = assess(f, default_model(), kThresholds);
    ASSERT_EQ(a.reasons.size(), 1u);
    EXPECT_EQ(a.reasons[0].zh, "学习困难");
    EXPECT_EQ(a.reasons[0].factor, "learning_difficulty");
  }
}

TEST(RiskReasons, HistoryAgeAndGradeReadPlainly) {
  Features f = junior_pupil();
  f.returned_after_dropout = true;
  f.transfers_this_year = 2;
  f.over_age_years = 2;
  const Assessment a = assess(f, default_model(), kThresholds);
  EXPECT_EQ(reason(a, "returned_after_dropout")->zh, "曾辍学复学");
  EXPECT_EQ(reason(a, "transfers")->zh, "本学年转学2次");
  EXPECT_EQ(reason(a, "transfers")->en, "Transfers this school year: 2");
  EXPECT_DOUBLE_EQ(reason(a, "transfers")->points, 2 * weight(default_model(), "transfers"));
  EXPECT_EQ(reason(a, "over_age")->zh, "超龄2岁");
  EXPECT_EQ(reason(a, "junior_grade")->zh, "初中学段");
  // Grades 1–6 are outside the junior-secondary window.
  f.grade = 6;
  EXPECT_EQ(reason(assess(f, default_model(), kThresholds), "junior_grade"), nullptr);
}

TEST(RiskReasons, MostPointsFirstOnlyNonzeroAndTheyAddUpToThePoints) {
  Features f = junior_pupil();
  f.truant_days_30 = 3;
  f.key_groups = {"left_behind"};
  f.returned_after_dropout = true;
  const Assessment a = assess(f, default_model(), kThresholds);
  ASSERT_EQ(a.reasons.size(), 4u);  // truant, returned, junior, left-behind: nothing else
  double sum = 0;
  for (std::size_t i = 0; i < a.reasons.size(); ++i) {
    EXPECT_NE(a.reasons[i].points, 0);
    if (i > 0) {
      EXPECT_GE(a.reasons[i - 1].points, a.reasons[i].points);
    }
    sum += a.reasons[i].points;
  }
  EXPECT_DOUBLE_EQ(a.points, sum);
  // A factor weighted 0 is no reason, even when it applies.
  Model m = default_model();
  for (Factor& factor : m.factors)
    if (factor.code == "left_behind") factor.weight = 0;
  EXPECT_EQ(reason(assess(f, m, kThresholds), "left_behind"), nullptr);
}

TEST(RiskReasons, AProtectiveFactorOfAFittedModelComesLast) {
  Model m = default_model();
  for (Factor& factor : m.factors)
    if (factor.code == "migrant") factor.weight = -2;
  Features f = junior_pupil();
  f.key_groups = {"migrant", "left_behind"};
  const Assessment a = assess(f, m, kThresholds);
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_EQ(a.reasons.back().factor, "migrant");
  EXPECT_DOUBLE_EQ(a.reasons.back().points, -2);
}

TEST(RiskLevel, ThresholdsAreInclusive) {
  // One factor, one point a day: the points are the truant days.
  Model m;
  m.factors = {{"truant_30d", 1.0}};
  const Thresholds t{10, 5};
  Features f;
  const auto level_at = [&](int days) {
    f.truant_days_30 = days;
    return assess(f, m, t).level;
  };
  EXPECT_EQ(level_at(0), "low");
  EXPECT_EQ(level_at(4), "low");
  EXPECT_EQ(level_at(5), "medium");
  EXPECT_EQ(level_at(9), "medium");
  EXPECT_EQ(level_at(10), "high");
}

TEST(RiskLevel, APupilWithNothingAgainstHimIsLowWithTheBaseProbability) {
  const Model m = default_model();
  const Assessment a = assess(Features{}, m, kThresholds);
  EXPECT_EQ(a.points, 0);
  EXPECT_TRUE(a.reasons.empty());
  EXPECT_EQ(a.level, "low");
  EXPECT_DOUBLE_EQ(a.probability, 1 / (1 + std::exp(-m.intercept / kPointsPerLogit)));
}

TEST(RiskProbability, TenPointsMultiplyTheOddsByE) {
  Model m;
  m.factors = {{"truant_30d", 10.0}};
  m.intercept = -30;
  Features f;
  f.truant_days_30 = 3;  // 30 points: even odds
  EXPECT_NEAR(assess(f, m, kThresholds).probability, 0.5, 1e-12);
  const auto odds = [](double p) { return p / (1 - p); };
  f.truant_days_30 = 4;
  const double p4 = assess(f, m, kThresholds).probability;
  f.truant_days_30 = 5;
  const double p5 = assess(f, m, kThresholds).probability;
  EXPECT_NEAR(odds(p5) / odds(p4), std::exp(1.0), 1e-9);
}

}  // namespace
}  // namespace baoxue::risk
