// Specifications for the shared UTF-8 helpers.

#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace baoxue::text {
namespace {

std::vector<char32_t> decode_all_of(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0; pos < s.size();) out.push_back(decode_next(s, &pos));
  return out;
}

TEST(Utf8, DecodesOneToFourByteSequences) {
  EXPECT_EQ(decode_all_of("a\u00B7张\U00020000"),
            (std::vector<char32_t>{U'a', 0xB7, U'张', 0x20000}));
}

TEST(Utf8, EachMaximalIllFormedSubsequenceBecomesOneReplacementCharacter) {
  // Unicode 15 Table 3-8 example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
  EXPECT_EQ(decode_all_of("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64"),
            (std::vector<char32_t>{U'a', 0xFFFD, 0xFFFD, 0xFFFD, U'b', 0xFFFD, U'c', 0xFFFD, 0xFFFD,
                                   U'd'}));
}

TEST(Utf8, RejectsSurrogatesOverlongsAndValuesPastTheLastCodePoint) {
  EXPECT_EQ(decode_all_of("\xED\xA0\x80"), (std::vector<char32_t>(3, 0xFFFD)));  // U+D800
  EXPECT_EQ(decode_all_of("\xE0\x80\xAF"), (std::vector<char32_t>(3, 0xFFFD)));  // overlong
  EXPECT_EQ(decode_all_of("\xF4\x90\x80\x80"), (std::vector<char32_t>(4, 0xFFFD)));
}

TEST(Utf8, TruncatedSequenceAtEndOfInputIsOneReplacementCharacter) {
  EXPECT_EQ(decode_all_of("\xE5\xBC"), (std::vector<char32_t>{0xFFFD}));
}

TEST(Utf8, AppendRoundTripsEveryScalarValueClass) {
  for (char32_t cp :
       {char32_t{0x41}, char32_t{0xB7}, char32_t{0x5F20}, char32_t{0x20000}, char32_t{0x10FFFF}}) {
    std::string s;
    append_utf8(&s, cp);
    EXPECT_EQ(decode_all_of(s), (std::vector<char32_t>{cp}));
  }
}

TEST(Utf8, AppendNeverWritesInvalidUtf8) {
  std::string s;
  append_utf8(&s, 0xD800);
  append_utf8(&s, 0x110000);
  EXPECT_EQ(s, "\uFFFD\uFFFD");
}

}  // namespace
}  // namespace baoxue::text
