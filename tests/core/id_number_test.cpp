// Specification: 公民身份号码 (GB 11643-1999) as the lists really carry them.
#include "core/id_number.h"

#include <gtest/gtest.h>

namespace baoxue::core {
namespace {

const Date kToday{2026, 11, 23};

bool has(const std::vector<Finding>& fs, const std::string& code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

TEST(IdNumber, AValidNumberYieldsBirthDateSexAndArea) {
  IdNumber id = parse_id_number("11010519491231002X", kToday);
  EXPECT_TRUE(id.valid);
  EXPECT_EQ(id.normalized, "11010519491231002X");
  ASSERT_TRUE(id.birth_date);
  EXPECT_EQ(id.birth_date->iso(), "1949-12-31");
  EXPECT_EQ(id.sex, Sex::kFemale);  // 17th digit 2 is even
  EXPECT_EQ(id.area_code, "110105");
  EXPECT_EQ(id.area_name, "北京市朝阳区");
  EXPECT_TRUE(id.errors.empty());
}

TEST(IdNumber, AWrongCheckCharacterIsAnErrorThatNamesTheExpectedOne) {
  IdNumber id = parse_id_number("110105194912310021", kToday);
  EXPECT_FALSE(id.valid);
  ASSERT_TRUE(has(id.errors, "id_checksum"));
  EXPECT_NE(id.errors[0].message.find("校验位应为 X"), std::string::npos);
  // The birth date is still readable: a matcher may use it to find the child despite the typo.
  ASSERT_TRUE(id.birth_date);
  EXPECT_EQ(id.birth_date->iso(), "1949-12-31");
}

TEST(IdNumber, CheckCharacterFollowsTheStandardWeights) {
  EXPECT_EQ(id_check_char("11010519491231002"), 'X');
  EXPECT_EQ(id_check_char("41030820150302451"), 'X');  // weighted sum 200, 200 mod 11 = 2 → X
  EXPECT_EQ(id_check_char("4103082015030245"), '\0');  // 16 digits
}

TEST(IdNumber, OneSubstitutedDigitOrTwoSwappedDigitsBreakTheChecksum) {
  const std::string good = "41030820150302451X";
  ASSERT_TRUE(parse_id_number(good, kToday).valid);
  std::string substituted = good;
  substituted[15] = '6';
  EXPECT_TRUE(has(parse_id_number(substituted, kToday).errors, "id_checksum"));
  std::string swapped = good;
  std::swap(swapped[14], swapped[15]);
  EXPECT_TRUE(has(parse_id_number(swapped, kToday).errors, "id_checksum"));
}

TEST(IdNumber, FullWidthDigitsLowerCaseXSpacesAndAnApostropheAreOnlyForm) {
  IdNumber id = parse_id_number("'１１０１０５ 1949\u30001231002x ", kToday);
  EXPECT_TRUE(id.valid) << (id.errors.empty() ? "" : id.errors[0].message);
  EXPECT_EQ(id.normalized, "11010519491231002X");
  EXPECT_EQ(parse_id_number("＝", kToday).valid, false);
  EXPECT_EQ(normalize_id_form("=\"11010519491231002X\""), "11010519491231002X");
}

TEST(IdNumber, FifteenDigitNumbersAreRaisedToEighteenWithAWarning) {
  IdNumber id = parse_id_number("110105491231002", kToday);
  EXPECT_TRUE(id.valid);
  EXPECT_EQ(id.normalized, "11010519491231002X");
  EXPECT_TRUE(has(id.warnings, "id_15_digit"));
}

TEST(IdNumber, AnUnknownAreaCodeIsAWarningNeverARejection) {
  // 419999 is not a county; the rest is well formed.
  std::string body = "41999920150302451";
  IdNumber id = parse_id_number(body + id_check_char(body), kToday);
  EXPECT_TRUE(id.valid);
  EXPECT_TRUE(has(id.warnings, "id_area_unknown"));
  EXPECT_TRUE(id.area_name.empty());
}

TEST(IdNumber, AHistoricalCountyCodeStillNamesItsCounty) {
  // 孟津县 (410322) became 孟津区 (410308) in 2021; children born before keep the old code.
  std::string body = "41032220150302451";
  IdNumber id = parse_id_number(body + id_check_char(body), kToday);
  EXPECT_TRUE(id.valid);
  EXPECT_EQ(id.area_name, "河南省洛阳市孟津县");
  EXPECT_TRUE(id.warnings.empty());
  std::string now = "41030820150302451";
  EXPECT_EQ(parse_id_number(now + id_check_char(now), kToday).area_name, "河南省洛阳市孟津区");
}

TEST(IdNumber, ABirthDateThatDoesNotExistIsAnError) {
  std::string body = "41030820150230451";  // 30 February
  EXPECT_TRUE(has(parse_id_number(body + id_check_char(body), kToday).errors, "id_birth_date"));
  std::string future = "41030820300101451";
  EXPECT_TRUE(
      has(parse_id_number(future + id_check_char(future), kToday).errors, "id_birth_future"));
}

TEST(IdNumber, ExcelScientificNotationIsRecognisedAsLostDigits) {
  IdNumber id = parse_id_number("4.10308E+17", kToday);
  EXPECT_FALSE(id.valid);
  EXPECT_TRUE(has(id.errors, "id_excel_number"));
}

TEST(IdNumber, WrongLengthsAndLettersAreErrorsWithTheirOwnCodes) {
  EXPECT_TRUE(has(parse_id_number("", kToday).errors, "id_empty"));
  EXPECT_TRUE(has(parse_id_number("4103082015", kToday).errors, "id_length"));
  EXPECT_TRUE(has(parse_id_number("41030820150302A518", kToday).errors, "id_bad_chars"));
}

TEST(IdNumber, OddSeventeenthDigitIsMale) {
  std::string body = "41030820150302451";
  EXPECT_EQ(parse_id_number(body + id_check_char(body), kToday).sex, Sex::kMale);
}

}  // namespace
}  // namespace baoxue::core

namespace baoxue::core {
namespace {

TEST(IdNumberForm, AnExcelFormulaIsUnwrappedWhateverSpacesSurroundIt) {
  EXPECT_EQ(normalize_id_form(" =\"11010519491231002X\" "), "11010519491231002X");
  EXPECT_TRUE(parse_id_number("=\"11010519491231002X\" ", kToday).valid);
}

TEST(IdNumberForm, BytesThatAreNotTextStayVisibleAndKeepTheNumberInvalid) {
  const std::string garbled = std::string("1101051949123100") + "\xFF" + "2X";
  EXPECT_EQ(normalize_id_form(garbled), "1101051949123100?2X");
  EXPECT_FALSE(parse_id_number(garbled, kToday).valid);
  // A stray byte pair split by a space must not become an ideographic space.
  EXPECT_EQ(normalize_id_form("\xE3\x80 \x80"), "???");
}

TEST(IdNumberForm, NormalisingTwiceChangesNothing) {
  for (const char* s : {"'１１０１０５ 1949\u30001231002x", "=\"=\"x\"\"", "\xEF\xBCx"})
    EXPECT_EQ(normalize_id_form(normalize_id_form(s)), normalize_id_form(s)) << s;
}

TEST(IdNumberMask, KeepsTheAreaCodeAndTheLastFourAndHidesBirthDateAndSequence) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_id_number("110105491231002"), "110105*****1002");  // old 15-digit form
}

TEST(PhoneNumberMask, KeepsTheFirstThreeAndTheLastFourDigits) {
  EXPECT_EQ(mask_phone_number("13800138000"), "138****8000");
  EXPECT_EQ(mask_phone_number("0379-6789012"), "037*****9012");
  EXPECT_EQ(mask_phone_number("110"), "110");
}

TEST(IdNumberMask, AMistypedNumberShowsNoMoreThanItsEnds) {
  EXPECT_EQ(mask_id_number("4103082011"), "4********1");
  EXPECT_EQ(mask_id_number("41"), "**");
  EXPECT_EQ(mask_id_number(""), "");
}

}  // namespace
}  // namespace baoxue::core
