// Specifications for the similarity measures the matcher uses on name keys.

#include <gtest/gtest.h>

#include "text/name.h"

namespace baoxue::text {
namespace {

TEST(EditDistance, CountsCharactersNotBytes) {
  EXPECT_EQ(edit_distance_cp("张三", "张三"), 0);
  EXPECT_EQ(edit_distance_cp("张三", "章三"), 1);  // one wrong character, three bytes
  EXPECT_EQ(edit_distance_cp("张三", "张三丰"), 1);
  EXPECT_EQ(edit_distance_cp("张三丰", "三丰"), 1);
  EXPECT_EQ(edit_distance_cp("", "王小明"), 3);
  EXPECT_EQ(edit_distance_cp("王小明", ""), 3);
  EXPECT_EQ(edit_distance_cp("", ""), 0);
}

TEST(EditDistance, IsTheClassicLevenshteinOnLatinText) {
  EXPECT_EQ(edit_distance_cp("kitten", "sitting"), 3);
  EXPECT_EQ(edit_distance_cp("flaw", "lawn"), 2);
}

TEST(EditDistance, IsSymmetricAndHandlesLongNames) {
  const std::string a =
      "阿卜杜热合曼买买提艾力阿卜杜热合曼买买提艾力阿卜杜热合曼买买提艾力阿卜杜热合曼"
      "买买提艾力阿卜杜热合曼买买提艾力阿卜杜热合曼买买提艾力阿卜杜热合曼买买提艾力";
  const std::string b = a + "江";
  EXPECT_EQ(edit_distance_cp(a, b), 1);
  EXPECT_EQ(edit_distance_cp(b, a), 1);
  EXPECT_EQ(edit_distance_cp("王小明", "小明王"), edit_distance_cp("小明王", "王小明"));
}

TEST(EditDistance, InvalidUtf8CountsAsReplacementCharacters) {
  EXPECT_EQ(edit_distance_cp("\xFF\xFF", "张"), 2);
  EXPECT_EQ(edit_distance_cp("\xFF", "\xFE"), 0);  // both are U+FFFD
}

TEST(JaroWinkler, IdenticalNamesScoreOneAndDisjointNamesZero) {
  EXPECT_DOUBLE_EQ(jaro_winkler("张三", "张三"), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("张三", ""), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("张三", "李四"), 0.0);
}

TEST(JaroWinkler, MatchesPublishedReferenceValues) {
  EXPECT_NEAR(jaro_winkler("MARTHA", "MARHTA"), 0.9611, 1e-4);
  EXPECT_NEAR(jaro_winkler("DWAYNE", "DUANE"), 0.84, 1e-4);
  EXPECT_NEAR(jaro_winkler("DIXON", "DICKSONX"), 0.8133, 1e-4);
}

TEST(JaroWinkler, SharedSurnameScoresHigherThanSharedGivenName) {
  const double same_surname = jaro_winkler("王小明", "王小红");
  const double same_given = jaro_winkler("王小明", "李小明");
  EXPECT_GT(same_surname, same_given);
  EXPECT_GT(same_surname, 0.8);
  EXPECT_LT(same_surname, 1.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("王小明", "王小红"), jaro_winkler("王小红", "王小明"));
}

}  // namespace
}  // namespace baoxue::text
