// Specification: NBS 12-digit division codes and their tree.
#include "core/region_code.h"

#include <gtest/gtest.h>

namespace baoxue::core {
namespace {

TEST(RegionCode, TheLevelIsReadFromWhichDigitsAreSet) {
  EXPECT_EQ(RegionCode::parse("410308")->level(), RegionLevel::kCounty);
  EXPECT_EQ(RegionCode::parse("410308101000")->level(), RegionLevel::kTownship);
  EXPECT_EQ(RegionCode::parse("410308101201")->level(), RegionLevel::kVillage);
  EXPECT_EQ(RegionCode::parse("41")->level(), RegionLevel::kProvince);
}

TEST(RegionCode, AVillageBelongsToItsTownshipAndCounty) {
  auto village = RegionCode::parse("410308101201").value();
  EXPECT_EQ(village.parent(), "410308101000");
  EXPECT_EQ(village.county_code(), "410308");
  EXPECT_EQ(village.ancestor(RegionLevel::kCounty), "410308000000");
  EXPECT_TRUE(RegionCode::parse("410308")->contains(village));
  EXPECT_FALSE(RegionCode::parse("410322")->contains(village));
}

TEST(RegionCode, MalformedCodesAreRejected) {
  EXPECT_FALSE(RegionCode::parse("41030").ok());
  EXPECT_FALSE(RegionCode::parse("4103081010x0").ok());
  EXPECT_FALSE(RegionCode::parse("000000").ok());
}

}  // namespace
}  // namespace baoxue::core
