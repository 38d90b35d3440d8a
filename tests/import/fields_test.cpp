// Specification: the values people type into lists, read the way a clerk means them.
#include "ingest/fields.h"

#include <gtest/gtest.h>

#include "ingest/header.h"

namespace baoxue::ingest {
namespace {

TEST(DateText, EveryCommonWayOfWritingABirthDateReadsTheSame) {
  for (const char* s : {"2015-03-02", "2015/3/2", "2015.3.2", "20150302", "2015年3月2日",
                        "2015-03-02 00:00:00", " 2015-3-2 ", "２０１５-03-02"}) {
    auto d = parse_date_text(s);
    ASSERT_TRUE(d) << s;
    EXPECT_EQ(d->iso(), "2015-03-02") << s;
  }
}

TEST(DateText, AnExcelSerialIsADateCountedFrom1900WithExcelsLeapYearBug) {
  EXPECT_EQ(parse_date_text("42065")->iso(), "2015-03-02");
  EXPECT_EQ(parse_date_text("36526")->iso(), "2000-01-01");
  EXPECT_FALSE(parse_date_text("42065", false));
}

TEST(DateText, WhatIsNotADateIsNotGuessed) {
  for (const char* s : {"", "2015-02-30", "2015-13-01", "三月二日", "2015", "2015-03", "abc"})
    EXPECT_FALSE(parse_date_text(s)) << s;
}

TEST(Grade, PrimaryAndJuniorGradesInTheirUsualSpellings) {
  const std::pair<const char*, int> cases[] = {{"一年级", 1}, {"1年级", 1},      {"三年级", 3},
                                               {"七年级", 7}, {"九年级", 9},     {"初一", 7},
                                               {"初三", 9},   {"初中一年级", 7}, {"小学六年级", 6},
                                               {"3", 3},      {"五", 5},         {" 八年级 ", 8}};
  for (const auto& [text, grade] : cases) {
    auto g = parse_grade(text);
    ASSERT_TRUE(g) << text;
    EXPECT_EQ(*g, grade) << text;
  }
  for (const char* s : {"", "十年级", "初四", "高一", "0", "幼儿园"})
    EXPECT_FALSE(parse_grade(s)) << s;
}

TEST(ClassNumber, ClassesInTheirUsualSpellings) {
  const std::pair<const char*, int> cases[] = {{"1班", 1},  {"(1)班", 1},       {"（2）班", 2},
                                               {"一班", 1}, {"12班", 12},       {"101", 1},
                                               {"0703", 3}, {"三年级(2)班", 2}, {"2", 2}};
  for (const auto& [text, number] : cases) {
    auto c = parse_class_number(text);
    ASSERT_TRUE(c) << text;
    EXPECT_EQ(*c, number) << text;
  }
  EXPECT_FALSE(parse_class_number("培优"));
}

TEST(Sex, WordsAndCodes) {
  EXPECT_EQ(parse_sex("男"), "男");
  EXPECT_EQ(parse_sex(" 女性 "), "女");
  EXPECT_EQ(parse_sex("2"), "女");  // GB/T 2261.1 code
  EXPECT_FALSE(parse_sex("未知"));
}

TEST(HeaderAliases, TheColumnNamesPeopleUseMapToOneField) {
  for (const char* h :
       {"身份证号", "身份证件号", "公民身份号码", "证件号码", " 身份证号码 ", "*身份证号"})
    EXPECT_EQ(field_for_header(h), Field::kIdNumber) << h;
  for (const char* h : {"学籍号", "全国学籍号", "学籍辅号"})
    EXPECT_EQ(field_for_header(h), Field::kStudentNo) << h;
  for (const char* h : {"户籍地址", "户口所在地", "家庭住址"})
    EXPECT_EQ(field_for_header(h), Field::kAddress) << h;
  EXPECT_EQ(field_for_header("姓 名"), Field::kName);
  EXPECT_EQ(field_for_header("联系电话（手机）"), Field::kGuardianPhone);
  EXPECT_EQ(field_for_header("乡镇（街道）"), Field::kTownship);
  EXPECT_EQ(field_for_header("出生年月："), Field::kBirthDate);
  EXPECT_EQ(field_for_header("备注"), Field::kExtra);
}

TEST(HeaderRow, IsFoundBelowTitleRowsAndBlankLines) {
  std::vector<SheetRow> rows = {{1, {"孟津区会盟镇中心小学学生名单（2026年秋季）"}},
                                {2, {}},
                                {3, {"填表说明：身份证号请设为文本格式"}},
                                {4, {"序号", "姓名", "性别", "身份证件号", "年级", "备注"}},
                                {5, {"1", "张三", "男", "410308201503024518", "三年级", ""}}};
  auto h = find_header(rows);
  ASSERT_TRUE(h);
  EXPECT_EQ(h->row_number, 4);
  EXPECT_EQ(h->column_of(Field::kIdNumber), 3);
  EXPECT_EQ(h->fields[5], Field::kExtra);  // unknown columns are kept, marked extra
  EXPECT_FALSE(find_header({{1, {"孟津区学生名单"}}, {2, {"张三", "男"}}}));
}

}  // namespace
}  // namespace baoxue::ingest
