// Specification of a 送教上门 plan's defaults and of what a session must be: a plan runs a
// whole school year unless told otherwise, with the county's frequency and target; a session
// is recorded for a day of the plan, not in the future, of a plausible length.
#include "teaching/plan_rules.h"

#include <gtest/gtest.h>

namespace baoxue::teaching {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }
Calendar calendar() { return Calendar::from_settings(core::Settings()); }

TEST(HomeTeachingPlanRules, APlanDefaultsToTheSchoolYearOfTheDayAndTheCountysSettings) {
  auto p = settle_plan({}, calendar(), d("2026-12-06"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->school_year, 2026);
  EXPECT_EQ(p->start.iso(), "2026-09-01");
  EXPECT_EQ(p->end.iso(), "2027-08-31");
  EXPECT_EQ(p->visits_per_week, 2);
  EXPECT_DOUBLE_EQ(p->hours_target, 216);
  // In the spring, the school year that began the autumn before.
  EXPECT_EQ(settle_plan({}, calendar(), d("2027-03-10"))->school_year, 2026);
  // A county that sends three times a week.
  Calendar three = Calendar::from_settings(
      core::Settings(std::map<std::string, std::string>{{"home_teaching.visits_per_week", "3"}}));
  EXPECT_EQ(settle_plan({}, three, d("2026-12-06"))->visits_per_week, 3);
}

TEST(HomeTeachingPlanRules, APlanMayBeATermButNotReachOutsideItsSchoolYear) {
  PlanChoice term;
  term.end_date = "2027-01-15";
  term.hours_target = 72;
  auto p = settle_plan(term, calendar(), d("2026-12-06"));
  ASSERT_TRUE(p.ok()) << p.error().message;
  EXPECT_EQ(p->end.iso(), "2027-01-15");
  PlanChoice too_long;
  too_long.end_date = "2027-09-30";
  auto refused = settle_plan(too_long, calendar(), d("2026-12-06"));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("2027-08-31"), std::string::npos);
  PlanChoice backwards;
  backwards.start_date = "2026-12-01";
  backwards.end_date = "2026-11-01";
  EXPECT_FALSE(settle_plan(backwards, calendar(), d("2026-12-06")).ok());
  PlanChoice daily;
  daily.visits_per_week = 8;
  EXPECT_FALSE(settle_plan(daily, calendar(), d("2026-12-06")).ok());
}

TEST(HomeTeachingPlanRules, ASessionIsForADayOfThePlanUpToTodayOfAPlausibleLength) {
  const PlanTerms plan{d("2026-09-01"), d("2027-08-31"), 2, 216, true};
  const Date today = d("2026-12-06");
  EXPECT_TRUE(check_session(plan, d("2026-12-01"), 2, today).ok());
  EXPECT_FALSE(check_session(plan, d("2026-12-07"), 2, today).ok());  // not yet taught
  EXPECT_FALSE(check_session(plan, d("2026-08-31"), 2, today).ok());  // before the plan
  EXPECT_FALSE(check_session(plan, d("2026-12-01"), 0, today).ok());
  EXPECT_FALSE(check_session(plan, d("2026-12-01"), 9, today).ok());
  // A correction may withdraw a session: 0 hours.
  EXPECT_TRUE(check_session(plan, d("2026-12-01"), 0, today, /*correction=*/true).ok());
  PlanTerms ended = plan;
  ended.active = false;
  auto refused = check_session(ended, d("2026-12-01"), 2, today);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "plan_not_active");
}

}  // namespace
}  // namespace baoxue::teaching
