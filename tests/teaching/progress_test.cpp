// Specification of a 送教上门 plan's progress: hours taught against what the school calendar
// expects by the day (pro rata over teaching days, holidays excluded), behind schedule beyond
// the tolerance, corrections that replace what they correct, the visits of the last week.
#include "teaching/progress.h"

#include <gtest/gtest.h>

namespace baoxue::teaching {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

// The default county: terms from 03-01 and 09-01 of 18 teaching weeks, 216 hours a year,
// 2 visits a week, behind when more than 6 hours short.
Calendar calendar() { return Calendar::from_settings(core::Settings()); }

PlanTerms school_year_plan() { return {d("2026-09-01"), d("2027-08-31"), 2, 216, true}; }

// Sessions of `hours` twice a week (Tuesday, Thursday) from `from` to `to`.
std::vector<SessionLine> twice_a_week(const char* from, const char* to, double hours,
                                      long long first_id = 1) {
  std::vector<SessionLine> out;
  long long id = first_id;
  for (Date day = d(from); day <= d(to); day = day.plus_days(1)) {
    const long wd = ((day.days_since_epoch() % 7) + 10) % 7;  // 0 = Monday
    if (wd == 1 || wd == 3) out.push_back({id++, day, hours, std::nullopt});
  }
  return out;
}

TEST(HomeTeachingProgress, APlanOfTwoVisitsAWeekIsBehindAfterTwoWeeksWithoutSessions) {
  const Progress p = progress_of(school_year_plan(), {}, d("2026-09-14"), calendar());
  EXPECT_TRUE(p.behind) << p.hours_expected;
  EXPECT_EQ(p.sessions, 0);
  EXPECT_GT(p.hours_expected, 6);
}

TEST(HomeTeachingProgress, OneWeekWithoutSessionsIsWithinTheTolerance) {
  const Progress p = progress_of(school_year_plan(), {}, d("2026-09-07"), calendar());
  EXPECT_FALSE(p.behind) << p.hours_expected;
  EXPECT_GT(p.hours_expected, 0);
}

TEST(HomeTeachingProgress, TwoVisitsOfThreeHoursAWeekKeepASchoolYearPlanOnSchedule) {
  const auto log = twice_a_week("2026-09-01", "2026-12-06", 3);
  const Progress p = progress_of(school_year_plan(), log, d("2026-12-06"), calendar());
  EXPECT_FALSE(p.behind) << p.hours_done << " of " << p.hours_expected;
  EXPECT_EQ(p.sessions, static_cast<long>(log.size()));
  EXPECT_DOUBLE_EQ(p.hours_done, 3.0 * log.size());
  // 216 hours over 2 × 18 teaching weeks: 6 hours a teaching week.
  EXPECT_NEAR(p.hours_expected, 216.0 * 97 / 252, 0.01);
}

TEST(HomeTeachingProgress, TwoVisitsOfTwoHoursAWeekFallBehindWithinAFewWeeks) {
  const auto log = twice_a_week("2026-09-01", "2026-10-20", 2);
  EXPECT_TRUE(progress_of(school_year_plan(), log, d("2026-10-20"), calendar()).behind);
  EXPECT_FALSE(progress_of(school_year_plan(), log, d("2026-09-10"), calendar()).behind);
}

TEST(HomeTeachingProgress, ACorrectedSessionCountsOnce) {
  std::vector<SessionLine> log = {{1, d("2026-09-01"), 3, std::nullopt},
                                  {2, d("2026-09-03"), 3, std::nullopt},
                                  {3, d("2026-09-03"), 2, 2}};  // row 2 was 2 hours, not 3
  const Progress p = progress_of(school_year_plan(), log, d("2026-09-04"), calendar());
  EXPECT_EQ(p.sessions, 2);
  EXPECT_DOUBLE_EQ(p.hours_done, 5);
}

TEST(HomeTeachingProgress, ACorrectionThatIsCorrectedAgainLeavesOnlyTheLatest) {
  std::vector<SessionLine> log = {{1, d("2026-09-01"), 3, std::nullopt},
                                  {2, d("2026-09-01"), 2, 1},
                                  {3, d("2026-09-01"), 0, 2}};  // withdrawn: taught by mistake
  const auto counted = counted_sessions(log);
  ASSERT_EQ(counted.size(), 1u);
  EXPECT_EQ(counted[0].id, 3);
  const Progress p = progress_of(school_year_plan(), log, d("2026-09-04"), calendar());
  EXPECT_DOUBLE_EQ(p.hours_done, 0);
}

TEST(HomeTeachingProgress, TheWinterHolidayDoesNotMakeAPlanBehind) {
  // The autumn term's 18 weeks end on 2027-01-04; nothing is taught in the holiday.
  const auto log = twice_a_week("2026-09-01", "2027-01-04", 3);
  const Progress at_term_end = progress_of(school_year_plan(), log, d("2027-01-04"), calendar());
  const Progress in_holiday = progress_of(school_year_plan(), log, d("2027-02-20"), calendar());
  EXPECT_DOUBLE_EQ(in_holiday.hours_expected, at_term_end.hours_expected);
  EXPECT_NEAR(in_holiday.hours_expected, 108, 0.01);  // half the year's target
  EXPECT_FALSE(in_holiday.behind);
  EXPECT_FALSE(in_holiday.visits_short);  // no visits expected in the holiday
}

TEST(HomeTeachingProgress, AReachedTargetIsNeverBehind) {
  PlanTerms term = {d("2026-09-01"), d("2027-01-15"), 2, 72, true};
  const auto log = twice_a_week("2026-09-01", "2026-11-30", 3);
  const Progress p = progress_of(term, log, d("2026-12-06"), calendar());
  EXPECT_TRUE(p.reached);
  EXPECT_FALSE(p.behind);
  EXPECT_DOUBLE_EQ(p.percent, 100);
}

TEST(HomeTeachingProgress, AnEndedPlanRaisesNoAlert) {
  PlanTerms ended = school_year_plan();
  ended.active = false;
  EXPECT_FALSE(progress_of(ended, {}, d("2026-11-01"), calendar()).behind);
  EXPECT_TRUE(progress_of(school_year_plan(), {}, d("2026-11-01"), calendar()).behind);
}

TEST(HomeTeachingProgress, OneVisitInTheLastWeekIsShortOfTwoAWeek) {
  std::vector<SessionLine> log = {{1, d("2026-09-01"), 3, std::nullopt},
                                  {2, d("2026-09-03"), 3, std::nullopt},
                                  {3, d("2026-09-08"), 3, std::nullopt}};
  const Progress p = progress_of(school_year_plan(), log, d("2026-09-13"), calendar());
  EXPECT_EQ(p.visits_last_7_days, 1);
  EXPECT_TRUE(p.visits_short);
  const Progress week_before = progress_of(school_year_plan(), log, d("2026-09-07"), calendar());
  EXPECT_EQ(week_before.visits_last_7_days, 2);
  EXPECT_FALSE(week_before.visits_short);
}

TEST(HomeTeachingProgress, SessionsAfterTheDayDoNotCountYet) {
  const auto log = twice_a_week("2026-09-01", "2026-12-06", 3);
  const Progress p = progress_of(school_year_plan(), log, d("2026-09-05"), calendar());
  EXPECT_EQ(p.sessions, 2);
}

TEST(HomeTeachingProgress, TheToleranceIsTheCountysSetting) {
  Calendar strict = Calendar::from_settings(core::Settings(
      std::map<std::string, std::string>{{"home_teaching.behind_tolerance_hours", "1"}}));
  EXPECT_TRUE(progress_of(school_year_plan(), {}, d("2026-09-07"), strict).behind);
  EXPECT_FALSE(progress_of(school_year_plan(), {}, d("2026-09-07"), calendar()).behind);
}

}  // namespace
}  // namespace baoxue::teaching
