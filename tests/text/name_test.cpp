// Specifications for normalize_name, name_key and contains_han, phrased as the register
// discrepancies they exist to absorb.

#include "text/name.h"

#include <gtest/gtest.h>

#include <string>

namespace baoxue::text {
namespace {

TEST(NameNormalisation, EmptyNameStaysEmpty) {
  EXPECT_EQ(normalize_name(""), "");
  EXPECT_EQ(name_key(""), "");
  EXPECT_EQ(normalize_name(" \t\u3000 "), "");
}

TEST(NameNormalisation, PlainSimplifiedNameIsUnchanged) {
  EXPECT_EQ(normalize_name("张三"), "张三");
  EXPECT_EQ(name_key("王小明"), "王小明");
}

TEST(NameNormalisation, TraditionalCharactersBecomeSimplified) {
  EXPECT_EQ(normalize_name("劉德華"), "刘德华");
  EXPECT_EQ(normalize_name("張偉"), "张伟");
  EXPECT_EQ(normalize_name("陳國強"), "陈国强");
  EXPECT_EQ(normalize_name("歐陽娜娜"), "欧阳娜娜");
}

TEST(NameNormalisation, TraditionalAndSimplifiedSpellingsOfOneNameAreTheSameKey) {
  EXPECT_EQ(name_key("歐陽鋒"), name_key("欧阳锋"));
  EXPECT_EQ(name_key("鄧麗君"), name_key("邓丽君"));
  EXPECT_EQ(name_key("蘇東坡"), "苏东坡");
}

TEST(NameNormalisation, CompatibilityIdeographsFoldToTheirUnifiedCharacter) {
  // U+F9D0 is the compatibility form of 類, which simplifies to 类.
  EXPECT_EQ(normalize_name("\uF9D0"), "类");
}

TEST(NameNormalisation, SpacesBetweenSurnameAndGivenNameAreRemoved) {
  EXPECT_EQ(normalize_name("张 三"), "张三");
  EXPECT_EQ(normalize_name("  张\t三  "), "张三");
  EXPECT_EQ(normalize_name("张\r\n三"), "张三");
}

TEST(NameNormalisation, FullWidthAndUnicodeSpacesInsideNamesAreRemoved) {
  EXPECT_EQ(normalize_name("张\u3000三"), "张三");        // ideographic space
  EXPECT_EQ(normalize_name("张\u00A0三"), "张三");        // no-break space from Excel
  EXPECT_EQ(normalize_name("张\u2003三\u200B"), "张三");  // em space, zero-width space
  EXPECT_EQ(normalize_name("\uFEFF李四"), "李四");        // BOM at the start of a CSV cell
}

TEST(NameNormalisation, FullWidthLettersAndDigitsFoldToAsciiKeepingCase) {
  EXPECT_EQ(normalize_name("ＡＢｃ１２"), "ABc12");
  EXPECT_EQ(normalize_name("李Ａ"), "李A");
  EXPECT_EQ(name_key("李Ａ"), "李a");
}

TEST(NameNormalisation, EveryMiddleDotVariantBecomesTheStandardMiddleDot) {
  const std::string expected = "阿卜杜\u00B7热合曼";
  for (const char* dot :
       {"\u00B7", "\u2022", "\u2027", "\u2219", "\u22C5", "\u30FB", "\uFF65", "\uFF0E", "."}) {
    EXPECT_EQ(normalize_name(std::string("阿卜杜") + dot + "热合曼"), expected) << dot;
  }
}

TEST(NameNormalisation, RepeatedLeadingAndTrailingDotsAreCleanedUp) {
  EXPECT_EQ(normalize_name("买买提··艾力"), "买买提·艾力");
  EXPECT_EQ(normalize_name("买买提 . • 艾力"), "买买提·艾力");
  EXPECT_EQ(normalize_name("·买买提·艾力·"), "买买提·艾力");
  EXPECT_EQ(normalize_name("..."), "");
}

TEST(NameNormalisation, MinorityNameWithAnyDotOrSpaceOrNoneHasOneKey) {
  const std::string key = name_key("阿卜杜·热合曼");
  EXPECT_EQ(key, "阿卜杜热合曼");
  EXPECT_EQ(name_key("阿卜杜 热合曼"), key);
  EXPECT_EQ(name_key("阿卜杜热合曼"), key);
  EXPECT_EQ(name_key("阿卜杜・热合曼"), key);
  EXPECT_EQ(name_key("阿卜杜．热合曼"), key);
}

TEST(NameNormalisation, KeyLowerCasesLatinLettersButDisplayFormKeepsThem) {
  EXPECT_EQ(normalize_name("Tom 李"), "Tom李");
  EXPECT_EQ(name_key("Tom 李"), "tom李");
}

TEST(NameNormalisation, InvalidUtf8BecomesReplacementCharacterWithoutCrashing) {
  // 0xD5C5 is 张 in GBK: a typical mis-encoded cell.
  EXPECT_EQ(normalize_name("\xD5\xC5三"), "\uFFFD\uFFFD三");
  EXPECT_EQ(normalize_name("张\xE5\xBC"), "张\uFFFD");    // truncated 3-byte sequence
  EXPECT_EQ(normalize_name("\xC0\xAF"), "\uFFFD\uFFFD");  // overlong '/'
  EXPECT_EQ(name_key("\xFF"), "\uFFFD");
}

TEST(NameNormalisation, ArbitraryBytesNeverCrashAndAlwaysYieldValidUtf8) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (std::size_t start = 0; start < bytes.size(); ++start) {
    const std::string_view slice = std::string_view(bytes).substr(start, 7);
    const std::string normalized = normalize_name(slice);
    const std::string key = name_key(slice);
    // Normalising twice changes nothing: the output is well-formed and already canonical.
    EXPECT_EQ(normalize_name(normalized), normalized);
    EXPECT_EQ(name_key(key), key);
  }
}

TEST(NameNormalisation, NormalisationIsIdempotent) {
  for (const char* name : {"劉 德華", "阿卜杜．．热合曼", "ＡＢＣ", "萬俟卨", "\xE5\xBC"}) {
    const std::string once = normalize_name(name);
    EXPECT_EQ(normalize_name(once), once) << name;
  }
}

TEST(HanDetection, RecognisesChineseInAnyIdeographBlock) {
  EXPECT_TRUE(contains_han("张三"));
  EXPECT_TRUE(contains_han("Tom 李"));
  EXPECT_TRUE(contains_han("\U00020000"));  // Extension B
  EXPECT_TRUE(contains_han("\u3400"));      // Extension A
  EXPECT_FALSE(contains_han(""));
  EXPECT_FALSE(contains_han("Abdurahman"));
  EXPECT_FALSE(contains_han("・·。，"));
  EXPECT_FALSE(contains_han("\xD5\xC5"));
}

}  // namespace
}  // namespace baoxue::text
