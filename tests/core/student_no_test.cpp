// Specification: 全国学籍号 — only a G number links a student to an ID number.
#include "core/student_no.h"

#include <gtest/gtest.h>

namespace baoxue::core {
namespace {

TEST(StudentNo, AGNumberCarriesTheStudentsIdNumber) {
  auto r = parse_student_no("G11010519491231002X");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StudentNoKind::kG);
  EXPECT_EQ(r->id_number, "11010519491231002X");
}

TEST(StudentNo, AJNumberIsOfficialButLinksToNoId) {
  auto r = parse_student_no("J410308201503024518");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StudentNoKind::kJ);
  EXPECT_TRUE(r->id_number.empty());
}

TEST(StudentNo, AnLNumberLooksLikeAnIdButMustNeverBeUsedAsOne) {
  auto r = parse_student_no("L11010519491231002X");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind, StudentNoKind::kL);
  EXPECT_TRUE(r->id_number.empty());
}

TEST(StudentNo, AGNumberWithABrokenIdKeepsNoLink) {
  auto r = parse_student_no("g110105194912310021");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->normalized, "G110105194912310021");
  EXPECT_TRUE(r->id_number.empty());
}

TEST(StudentNo, OtherPrefixesAndLengthsAreRejectedWithAReason) {
  EXPECT_EQ(parse_student_no("X11010519491231002X").error().code, "student_no_prefix");
  EXPECT_EQ(parse_student_no("G1101051949").error().code, "student_no_length");
  EXPECT_EQ(parse_student_no("").error().code, "student_no_empty");
}

}  // namespace
}  // namespace baoxue::core

namespace baoxue::core {
namespace {

TEST(StudentNo, AFullWidthCharacterCannotSmuggleAFifteenDigitNumberIntoAGLink) {
  // "G＇" + 15 digits is 19 bytes; it once linked to an ID made up from the 15 digits.
  auto r = parse_student_no(
      "G\xEF\xBC\x87"
      "308201501010010");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "student_no_length");
}

}  // namespace
}  // namespace baoxue::core
