// Specification: the GB/T 2260 address codes shipped in the binary, today's and historical.
#include "core/area_codes.h"

#include <gtest/gtest.h>

namespace baoxue::core {
namespace {

TEST(AreaCodes, EveryRowOfTheShippedTableIsRead) {
  EXPECT_TRUE(area_table_defects().empty())
      << "data/areas.tsv line " << area_table_defects().front() << " is malformed or out of order";
}

TEST(AreaCodes, AMalformedOrMisorderedRowIsReportedWithItsLine) {
  const std::string good = "410308\t孟津区\t洛阳市\t河南省\t1\tcounty\t2021\t2024\n";
  const std::string older = "410322\t孟津县\t洛阳市\t河南省\t0\tcounty\t1983\t2020\n";
  EXPECT_TRUE(area_table_defects("# comment\n" + good + older).empty());
  EXPECT_EQ(area_table_defects(good + "410322\t孟津县\t洛阳市\t河南省\t0\tcounty\t1983\n"),
            std::vector<size_t>{2});  // a column short
  EXPECT_EQ(area_table_defects(good + "410322\t孟津县\t洛阳市\t河南省\t0\ttown\t1983\t2020\n"),
            std::vector<size_t>{2});                                          // no such level
  EXPECT_EQ(area_table_defects(good + "\n" + good), std::vector<size_t>{3});  // twice
  EXPECT_EQ(area_table_defects(older + good), std::vector<size_t>{2});        // out of order
  EXPECT_EQ(area_table_defects(good + older + "4103\tx\t\t\t1\tcounty\t2021\t2024\n"),
            std::vector<size_t>{3});  // not six digits
}

TEST(AreaCodes, TodaysAndHistoricalCountiesAreBothKnown) {
  auto now = find_area("410308");
  ASSERT_TRUE(now);
  EXPECT_TRUE(now->current);
  EXPECT_EQ(now->full_name(), "河南省洛阳市孟津区");
  auto old = find_area("410322");  // 孟津县, merged into 孟津区 in 2021
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->current);
  EXPECT_EQ(old->full_name(), "河南省洛阳市孟津县");
  EXPECT_EQ(old->last_seen, 2020);
  EXPECT_FALSE(find_area("999999"));
}

TEST(AreaCodes, ACountyOfAPrefectureAbolishedLongAgoIsNamedAsItWas) {
  // 商水县 of 周口地区: the prefecture became 周口市 (411600) in 2000 and the county 411623.
  auto a = find_area("412723");
  ASSERT_TRUE(a);
  EXPECT_FALSE(a->current);
  EXPECT_EQ(a->full_name(), "河南省周口地区商水县");
  EXPECT_EQ(a->first_seen, 1980);
  EXPECT_EQ(a->last_seen, 1999);
  auto today = find_area("411623");
  ASSERT_TRUE(today);
  EXPECT_EQ(today->full_name(), "河南省周口市商水县");
}

TEST(AreaCodes, AHistoricalCountyKeepsThePrefectureNameOfItsTime) {
  // 淮阴县 (last listed in 1999) was gone before its prefecture 320800 淮阴市 became 淮安市 (2001).
  EXPECT_EQ(find_area("320821")->full_name(), "江苏省淮阴市淮阴县");
  EXPECT_EQ(find_address_code("320800")->full_name(), "江苏省淮安市");
}

TEST(AreaCodes, ACodeThatStillExistsHasTodaysName) {
  // 513200 was 阿坝藏族自治州 until 1986; the county under it has kept its code since 1980.
  auto county = find_area("513221");
  ASSERT_TRUE(county);
  EXPECT_TRUE(county->current);
  EXPECT_EQ(county->full_name(), "四川省阿坝藏族羌族自治州汶川县");
}

TEST(AreaCodes, PrefectureAndProvinceCodesAreAddressCodesButNotCounties) {
  auto pref = find_address_code("412700");
  ASSERT_TRUE(pref);
  EXPECT_EQ(pref->level, AreaLevel::kPrefecture);
  EXPECT_FALSE(pref->current);
  EXPECT_EQ(pref->full_name(), "河南省周口地区");
  auto prov = find_address_code("410000");
  ASSERT_TRUE(prov);
  EXPECT_EQ(prov->level, AreaLevel::kProvince);
  EXPECT_EQ(prov->full_name(), "河南省");
  // The importer creates counties from find_area: a prefecture must not pass for one.
  EXPECT_FALSE(find_area("412700"));
  EXPECT_FALSE(find_area("410000"));
  // A city without counties is listed as its own county, as the NBS division has it.
  auto dongguan = find_area("441900");
  ASSERT_TRUE(dongguan);
  EXPECT_TRUE(dongguan->current);
  EXPECT_EQ(dongguan->full_name(), "广东省东莞市");
}

TEST(AreaCodes, PlaceholderPrefecturesAreLeftOutOfTheName) {
  EXPECT_EQ(find_area("110228")->full_name(), "北京市密云县");    // 县 of 北京市, until 2015
  EXPECT_EQ(find_area("469001")->full_name(), "海南省五指山市");  // 省直辖县级行政区划
  EXPECT_EQ(find_address_code("110100")->full_name(), "北京市");  // 市辖区
  EXPECT_EQ(find_area("410301")->full_name(), "河南省洛阳市市辖区");
}

TEST(AreaCodes, OnlyProvinceCodesThatEverExistedAreKnown) {
  for (const char* p : {"11", "41", "46", "50", "65", "71", "81", "82"})
    EXPECT_TRUE(is_known_province(p)) << p;
  // 83 is used only by Taiwan residents' residence permits (830000), not by GB/T 2260.
  for (const char* p : {"00", "10", "20", "39", "66", "83", "90", "99", "4", "410"})
    EXPECT_FALSE(is_known_province(p)) << p;
}

}  // namespace
}  // namespace baoxue::core
