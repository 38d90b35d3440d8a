// Specification: code tables and settings are data with shipped defaults.
#include "core/code_tables.h"

#include <gtest/gtest.h>

namespace baoxue::core {
namespace {

std::vector<Code> table(const std::string& name) {
  std::vector<Code> out;
  for (const auto& c : default_codes())
    if (c.table == name) out.push_back(c);
  return out;
}

TEST(CodeTables, VerificationCategoriesAToHAreNotOutOfSchoolAndIToMAre) {
  auto cats = table("verification_category");
  ASSERT_EQ(cats.size(), 13u);
  for (const auto& c : cats) {
    const bool truly_out = c.code >= "I";
    EXPECT_EQ(c.flag("out_of_school"), truly_out) << c.code;
  }
  EXPECT_EQ(cats.front().label_zh, "在校就读有学籍（本省）");
}

TEST(CodeTables, HomeTaughtChildrenCountAsInSchool) {
  for (const auto& c : table("enrollment_status"))
    if (c.code == "home_taught") {
      EXPECT_TRUE(c.flag("in_school"));
    }
}

TEST(CodeTables, PovertyHouseholdGroupsAreMarkedForTheThirdComparison) {
  int poverty = 0;
  for (const auto& c : table("key_group")) poverty += c.flag("poverty");
  EXPECT_EQ(poverty, 3);  // 脱贫户, 监测户, 低保户
}

TEST(CodeTables, AMalformedRowIsReportedWithItsLine) {
  auto r = parse_code_tables("# comment\nverification_category\tA\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("第 2 行"), std::string::npos);
}

TEST(Settings, DefaultsAreShippedAndOverridable) {
  Settings defaults;
  EXPECT_EQ(defaults.get("school_age.cutoff"), "08-31");
  EXPECT_EQ(defaults.get_int("verification.deadline_days"), 10);
  Settings county(std::map<std::string, std::string>{{"verification.deadline_days", "30"}});
  EXPECT_EQ(county.get_int("verification.deadline_days"), 30);
  EXPECT_EQ(county.get("school_age.cutoff"), "08-31");  // falls back to the default
}

}  // namespace
}  // namespace baoxue::core
