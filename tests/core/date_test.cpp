// Specification: plain calendar dates.
#include "core/date.h"

#include <gtest/gtest.h>

namespace baoxue {
namespace {

TEST(Date, RoundTripsThroughDaysSinceEpoch) {
  for (long d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(Date::from_days_since_epoch(d).days_since_epoch(), d);
  }
  EXPECT_EQ((Date{1970, 1, 1}).days_since_epoch(), 0);
  EXPECT_EQ((Date{2024, 3, 1}).plus_days(-1).iso(), "2024-02-29");
}

TEST(Date, ParsesOnlyRealIsoDates) {
  EXPECT_EQ(Date::parse_iso("2015-03-02")->iso(), "2015-03-02");
  EXPECT_FALSE(Date::parse_iso("2015-02-29"));
  EXPECT_FALSE(Date::parse_iso("2015/03/02"));
}

TEST(Date, FullYearsCountOnlyCompletedBirthdays) {
  EXPECT_EQ(full_years({2020, 8, 31}, {2026, 8, 30}), 5);
  EXPECT_EQ(full_years({2020, 8, 31}, {2026, 8, 31}), 6);
}

}  // namespace
}  // namespace baoxue
