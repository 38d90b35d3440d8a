// Specification: who should be in which grade, with the county's cut-off date.
#include "core/school_age.h"

#include <gtest/gtest.h>

#include "core/code_tables.h"

namespace baoxue::core {
namespace {

TEST(SchoolAge, AChildSixOnThirtyFirstAugustEntersGradeOneThatAutumn) {
  SchoolAge a = school_age({2020, 8, 31}, {2026, 11, 23});
  EXPECT_EQ(a.school_year, 2026);
  EXPECT_EQ(a.age_at_cutoff, 6);
  EXPECT_EQ(a.expected_grade, 1);
  EXPECT_TRUE(a.in_compulsory_band);
}

TEST(SchoolAge, BornOnFirstSeptemberWaitsAnotherYear) {
  SchoolAge a = school_age({2020, 9, 1}, {2026, 11, 23});
  EXPECT_EQ(a.expected_grade, 0);
  EXPECT_TRUE(a.under_age);
  EXPECT_FALSE(a.in_compulsory_band);
}

TEST(SchoolAge, TheSchoolYearTurnsOnFirstSeptember) {
  EXPECT_EQ(school_year_of({2027, 8, 31}), 2026);
  EXPECT_EQ(school_year_of({2027, 9, 1}), 2027);
  // In spring a child is still counted in the grade of the autumn before.
  EXPECT_EQ(school_age({2020, 3, 1}, {2027, 5, 1}).expected_grade, 1);
}

TEST(SchoolAge, NineYearsLaterAChildIsInGradeNineAndThenOverAge) {
  EXPECT_EQ(school_age({2011, 8, 31}, {2025, 10, 1}).expected_grade, 9);
  SchoolAge past = school_age({2011, 8, 31}, {2026, 10, 1});
  EXPECT_EQ(past.expected_grade, 10);
  EXPECT_TRUE(past.over_age);
  EXPECT_FALSE(past.in_compulsory_band);
}

TEST(SchoolAge, ACountyCanMoveTheCutOffAndEntryAge) {
  Settings s({{"school_age.cutoff", "12-31"}, {"school_age.entry_age", "7"}});
  SchoolAgeRules rules = s.school_age_rules();
  EXPECT_EQ(rules.cutoff_month, 12);
  EXPECT_EQ(rules.entry_age, 7);
  // Born in October 2019: 7 by 31 December 2026 → grade 1 in 2026 under these rules.
  EXPECT_EQ(school_age({2019, 10, 15}, {2026, 11, 23}, rules).expected_grade, 1);
  EXPECT_EQ(school_age({2019, 10, 15}, {2026, 11, 23}).expected_grade,
            1);  // default: 6 on 08-31 2026
  EXPECT_EQ(school_age({2020, 10, 15}, {2026, 11, 23}).expected_grade, 0);
}

}  // namespace
}  // namespace baoxue::core
