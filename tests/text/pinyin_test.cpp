// Specifications for the pinyin keys used to find the same child under different characters.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/name.h"

namespace baoxue::text {
namespace {

using Syllables = std::vector<std::string>;

TEST(PinyinKey, IsTonelessLowerCasePinyinWithoutSeparators) {
  EXPECT_EQ(pinyin_key("张三"), "zhangsan");
  EXPECT_EQ(pinyin_key("王小明"), "wangxiaoming");
  EXPECT_EQ(pinyin_key("欧阳娜娜"), "ouyangnana");
}

TEST(PinyinKey, HomophoneSurnamesShareAKey) {
  EXPECT_EQ(pinyin_key("章三"), "zhangsan");
  EXPECT_EQ(pinyin_key("张三"), pinyin_key("章三"));
  EXPECT_EQ(pinyin_key("李娜"), pinyin_key("黎娜"));
  EXPECT_NE(pinyin_key("张三"), pinyin_key("张山川"));
}

TEST(PinyinKey, UmlautIsWrittenAsV) {
  EXPECT_EQ(pinyin_key("吕"), "lv");
  EXPECT_EQ(pinyin_key("吕女士"), "lvnvshi");
  EXPECT_EQ(pinyin_key("呂"), "lv");  // traditional form
}

TEST(PinyinKey, TraditionalCharactersReadAsTheirSimplifiedForm) {
  EXPECT_EQ(pinyin_key("劉德華"), "liudehua");
  EXPECT_EQ(pinyin_key("陳"), "chen");
  EXPECT_EQ(pinyin_key("歐陽"), pinyin_key("欧阳"));
}

TEST(PinyinKey, IgnoresSpacesDotsAndFullWidthForms) {
  EXPECT_EQ(pinyin_key("张　三"), "zhangsan");
  EXPECT_EQ(pinyin_key("阿卜杜·热合曼"), pinyin_key("阿卜杜热合曼"));
  EXPECT_EQ(pinyin_key("阿卜杜・热合曼"), "abudureheman");
}

TEST(PinyinKey, PolyphonicSurnamesTakeTheirSurnameReading) {
  EXPECT_EQ(pinyin_key("单"), "shan");
  EXPECT_EQ(pinyin_key("單田芳"), "shantianfang");
  EXPECT_EQ(pinyin_key("曾国藩"), "zengguofan");
  EXPECT_EQ(pinyin_key("解缙"), "xiejin");
  EXPECT_EQ(pinyin_key("仇英"), "qiuying");
  EXPECT_EQ(pinyin_key("朴树"), "piaoshu");
  EXPECT_EQ(pinyin_key("区小明"), "ouxiaoming");
  EXPECT_EQ(pinyin_key("查良镛"), "zhaliangyong");
  EXPECT_EQ(pinyin_key("盖聂"), "genie");
  EXPECT_EQ(pinyin_key("乐嘉"), "yuejia");
  EXPECT_EQ(pinyin_key("尉缭"), "weiliao");
  EXPECT_EQ(pinyin_key("卜"), "bu");
  EXPECT_EQ(pinyin_key("薄一波"), "boyibo");
}

TEST(PinyinKey, PolyphonicCharactersOutsideTheSurnameKeepTheirOrdinaryReading) {
  EXPECT_EQ(pinyin_key("张乐乐"), "zhanglele");
  EXPECT_EQ(pinyin_key("王单"), "wangdan");
  EXPECT_EQ(pinyin_key("李长江"), "lichangjiang");
}

TEST(PinyinKey, CompoundSurnamesReadAsAWhole) {
  EXPECT_EQ(pinyin_key("尉迟恭"), "yuchigong");
  EXPECT_EQ(pinyin_key("万俟卨"), "moqixie");
  EXPECT_EQ(pinyin_key("萬俟"), "moqi");
  EXPECT_EQ(pinyin_key("单于"), "chanyu");
  EXPECT_EQ(pinyin_key("长孙无忌"), "zhangsunwuji");
}

TEST(PinyinKey, KeepsLatinLettersLowerCasedAndDropsEverythingElse) {
  EXPECT_EQ(pinyin_key("Tom李"), "tomli");
  EXPECT_EQ(pinyin_key("ＴＯＭ 李"), "tomli");
  EXPECT_EQ(pinyin_key("李2号"), "lihao");
  EXPECT_EQ(pinyin_key("李-四"), "lisi");
}

TEST(PinyinKey, EmptyAndInvalidInputGiveAnEmptyOrPartialKey) {
  EXPECT_EQ(pinyin_key(""), "");
  EXPECT_EQ(pinyin_key("\xD5\xC5"), "");
  EXPECT_EQ(pinyin_key("\xFF张\xC0三\xE5"), "zhangsan");
  EXPECT_TRUE(pinyin_syllables("\xFF\xFE").empty());
  EXPECT_EQ(pinyin_initials("\x80"), "");
}

TEST(PinyinKey, VeryLongNamesAreNotTruncated) {
  std::string name, expected;
  for (int i = 0; i < 60; ++i) {
    name += "王";
    expected += "wang";
  }
  EXPECT_EQ(pinyin_key(name), expected);
  const std::string latin(300, 'a');
  EXPECT_EQ(pinyin_key(name + latin + name), expected + latin + expected);
  EXPECT_EQ(pinyin_syllables(name).size(), 60u);
}

TEST(PinyinSyllables, OnePerHanCharacterAndOnePerLatinRun) {
  EXPECT_EQ(pinyin_syllables("张三"), (Syllables{"zhang", "san"}));
  EXPECT_EQ(pinyin_syllables("吕 Tom·李"), (Syllables{"lv", "tom", "li"}));
  EXPECT_EQ(pinyin_syllables("尉迟恭"), (Syllables{"yu", "chi", "gong"}));
  EXPECT_EQ(pinyin_syllables(""), Syllables{});
}

TEST(PinyinInitials, AreTheFirstLetterOfEachSyllable) {
  EXPECT_EQ(pinyin_initials("张三"), "zs");
  EXPECT_EQ(pinyin_initials("张晓明"), "zxm");
  EXPECT_EQ(pinyin_initials("歐陽娜娜"), "oynn");
  EXPECT_EQ(pinyin_initials("单田芳"), "stf");
  EXPECT_EQ(pinyin_initials(""), "");
}

TEST(PinyinKey, AgreesWithNameKeyForEveryInput) {
  // pinyin_key is specified as the pinyin of name_key; it is computed in one pass, so check that
  // the shortcut never diverges.
  for (const char* name : {"劉 德華", "阿卜杜．热合曼", "ＴＯＭ李", "單于", "萬俟卨", "\xFF張"}) {
    EXPECT_EQ(pinyin_key(name), pinyin_key(name_key(name))) << name;
  }
}

}  // namespace
}  // namespace baoxue::text
