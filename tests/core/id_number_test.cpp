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

// A well-formed number (right check character) with the given first 17 digits.
IdNumber parse_body(const std::string& body17) {
  return parse_id_number(body17 + id_check_char(body17), kToday);
}

TEST(IdNumber, AnAreaCodeThatNeverExistedIsAWarningNeverARejection) {
  // Neither 419999 nor 412799 was ever listed (周口地区 had 412701-412729); province 41 is real.
  for (const char* body : {"41999920150302451", "41279919850302451"}) {
    IdNumber id = parse_body(body);
    EXPECT_TRUE(id.valid) << body;
    EXPECT_TRUE(has(id.warnings, "id_area_unknown")) << body;
    EXPECT_TRUE(id.area_name.empty()) << body;
    EXPECT_FALSE(id.area_last_seen) << body;
  }
}

TEST(IdNumber, AHistoricalCountyCodeStillNamesItsCounty) {
  // 孟津县 (410322) became 孟津区 (410308) in 2021; children born before keep the old code.
  IdNumber id = parse_body("41032220150302451");
  EXPECT_TRUE(id.valid);
  EXPECT_EQ(id.area_name, "河南省洛阳市孟津县");
  EXPECT_EQ(id.area_last_seen, 2020);
  EXPECT_TRUE(id.warnings.empty());
  IdNumber now = parse_body("41030820150302451");
  EXPECT_EQ(now.area_name, "河南省洛阳市孟津区");
  EXPECT_FALSE(now.area_last_seen);  // still in force
}

TEST(IdNumber, AGuardianFromAPrefectureAbolishedIn2000IsKnownWithoutWarning) {
  // 商水县 of the former 周口地区: 412723 until 2000, 411623 since.
  IdNumber id = parse_body("41272319850302451");
  EXPECT_TRUE(id.valid);
  EXPECT_TRUE(id.warnings.empty()) << id.warnings[0].message;
  EXPECT_EQ(id.area_name, "河南省周口地区商水县");
  EXPECT_EQ(id.area_last_seen, 1999);
}

TEST(IdNumber, PrefectureAndProvinceCodesThatExistedAreRealAddressCodes) {
  // Numbers issued where no county code applied carry the prefecture's (or a city's without
  // counties, 东莞 441900) or, rarely, the province's code.
  IdNumber pref = parse_body("41270019850302451");
  EXPECT_TRUE(pref.valid);
  EXPECT_TRUE(pref.warnings.empty());
  EXPECT_EQ(pref.area_name, "河南省周口地区");
  EXPECT_EQ(parse_body("44190020150302451").area_name, "广东省东莞市");
  IdNumber prov = parse_body("41000019850302451");
  EXPECT_TRUE(prov.warnings.empty());
  EXPECT_EQ(prov.area_name, "河南省");
}

TEST(IdNumber, AProvinceCodeThatNeverExistedMakesTheNumberInvalid) {
  for (const char* body :
       {"99010520150302451", "00010520150302451", "20010520150302451", "83123420150302451"}) {
    IdNumber id = parse_body(body);
    EXPECT_FALSE(id.valid) << body;
    EXPECT_TRUE(has(id.errors, "id_province_unknown")) << body;
    EXPECT_FALSE(id.foreign_permanent_resident) << body;
    // The rest is still read, as for a checksum error: a matcher may use it.
    EXPECT_TRUE(id.birth_date) << body;
  }
  // The old 15-digit form has no foreigner's variant: a leading 9 is an unknown province there.
  EXPECT_TRUE(has(parse_id_number("932682850101001", kToday).errors, "id_province_unknown"));
}

TEST(IdNumber, ResidencePermitsOfHongKongMacaoAndTaiwanResidentsAreValid) {
  // 港澳台居民居住证: address code 810000 / 820000 / 830000 for every holder.
  IdNumber tw = parse_body("83000020150302451");
  EXPECT_TRUE(tw.valid);
  EXPECT_TRUE(tw.warnings.empty());
  EXPECT_EQ(tw.area_name, "港澳台居民居住证（台湾居民）");
  EXPECT_EQ(parse_body("81000020150302452").area_name, "港澳台居民居住证（香港居民）");
}

TEST(IdNumber, AForeignersPermanentResidenceNumberIsValidAndNamed) {
  // The example published with the 2023 format: issued in 江苏省 (32), nationality 682, born
  // 1985-01-01, sequence 001 (odd: male), check character 7.
  IdNumber id = parse_id_number("932682198501010017", kToday);
  EXPECT_TRUE(id.valid) << (id.errors.empty() ? "" : id.errors[0].message);
  EXPECT_TRUE(id.warnings.empty());
  EXPECT_TRUE(id.foreign_permanent_resident);
  EXPECT_EQ(id.nationality_code, "682");
  EXPECT_EQ(id.area_name, "外国人永久居留身份证（江苏省签发）");
  EXPECT_EQ(id.area_code, "932682");
  ASSERT_TRUE(id.birth_date);
  EXPECT_EQ(id.birth_date->iso(), "1985-01-01");
  EXPECT_EQ(id.sex, Sex::kMale);
  IdNumber beijing = parse_body("91115620150302452");  // 北京市, a girl
  EXPECT_TRUE(beijing.valid);
  EXPECT_EQ(beijing.area_name, "外国人永久居留身份证（北京市签发）");
  EXPECT_EQ(beijing.sex, Sex::kFemale);
  // A citizen's number is never taken for one.
  EXPECT_FALSE(parse_body("41030820150302451").foreign_permanent_resident);
}

TEST(IdNumber, AForeignersNumberWithAWrongCheckCharacterIsInvalid) {
  IdNumber id = parse_id_number("932682198501010018", kToday);
  EXPECT_FALSE(id.valid);
  EXPECT_TRUE(has(id.errors, "id_checksum"));
  EXPECT_TRUE(id.foreign_permanent_resident);  // still recognisable, like a citizen's typo
}

TEST(IdNumber, AForeignersNumberMustNameAMainlandIssuingProvince) {
  // 9 + 99: no province; 9 + 71/81: 台湾/香港 issue no such card.
  for (const char* body : {"99968219850101001", "97168219850101001", "98168219850101001"}) {
    IdNumber id = parse_body(body);
    EXPECT_FALSE(id.valid) << body;
    EXPECT_FALSE(id.foreign_permanent_resident) << body;
    EXPECT_TRUE(has(id.errors, "id_province_unknown")) << body;
  }
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
