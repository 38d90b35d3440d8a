// Specifications for match_lists, phrased as the census situations they exist for: the data
// errors that must not send a clerk looking for a child who is at school, and the look-alikes
// (twins, namesakes, duplicate registrations) that must not hide a child who is not.

#include "match/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "match/explain.h"
#include "match/synthetic_lists.h"
#include "text/name.h"

namespace baoxue::match {
namespace {

const Date kBirth{2015, 3, 12};  // ten on the census day: inside the compulsory band
const std::string kArea = "410308";

MatchOptions census() {
  MatchOptions o;
  o.as_of = Date{2025, 9, 1};
  return o;
}

std::string id_of(const Date& birth, int seq) { return make_id(kArea, birth, seq); }

// A household row: ID, name, birth, sex, guardian and address as the police registry has them.
Person hukou_row(const std::string& name, const Date& birth, int seq, const std::string& sex,
                 const std::string& guardian = "张建国") {
  return make_person(name, id_of(birth, seq), birth, sex, guardian, "城关镇", "城关镇3村");
}

// A student row with a J 学籍号 and no ID number.
Person j_pupil(const std::string& name, const Date& birth, const std::string& sex,
               const std::string& guardian = "") {
  return make_person(name, "", birth, sex, guardian, "", "", "J410308201503120012");
}

std::string sabotage_digit(std::string id, std::size_t pos) {
  id[pos] = id[pos] == '9' ? '0' : static_cast<char>(id[pos] + 1);
  return id;
}

const Evidence* find_evidence(const MatchResult& r, const std::string& field) {
  for (const Evidence& e : r.evidence)
    if (e.field == field) return &e;
  return nullptr;
}

std::string outcome(const MatchResult& r, const std::string& field) {
  const Evidence* e = find_evidence(r, field);
  return e ? e->outcome : "(none)";
}

TEST(Matcher, AChildWhoseIdNumbersAgreeIsEnrolled) {
  const std::vector<Person> hukou = {hukou_row("张伟", kBirth, 11, "男")};
  // The school typed the name wrong; the ID decides.
  const std::vector<Person> xueji = {
      make_person("张玮", id_of(kBirth, 11), kBirth, "男", "", "", "", "G" + id_of(kBirth, 11))};
  const auto r = match_lists(hukou, xueji, census());
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].decision, Decision::kEnrolled);
  EXPECT_EQ(r[0].xueji_index, 0u);
  EXPECT_EQ(r[0].score, kDeterministicScore);
  EXPECT_EQ(r[0].reason, "身份证号一致");
  EXPECT_EQ(outcome(r[0], "id_number"), "exact");
}

TEST(Matcher, AGStudentNumberStandsInForABlankIdNumber) {
  const std::vector<Person> hukou = {hukou_row("张伟", kBirth, 11, "男")};
  const std::vector<Person> xueji = {
      make_person("张伟", "", kBirth, "男", "", "", "", "G" + id_of(kBirth, 11))};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kEnrolled);
  EXPECT_EQ(r[0].score, kDeterministicScore);
}

TEST(Matcher, ATraditionalSpellingAndAHomophoneStillMatchOnPinyinAndBirthDate) {
  const std::vector<Person> hukou = {hukou_row("张伟", kBirth, 11, "男"),
                                     hukou_row("刘德华", kBirth, 13, "男", "刘建军")};
  const std::vector<Person> xueji = {
      j_pupil("劉德華", kBirth, "男"),           // traditional: the same name_key
      j_pupil("章偉", kBirth, "男", "张建国")};  // homophone 张/章, traditional 偉
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[1].decision, Decision::kEnrolled);
  EXPECT_EQ(r[1].xueji_index, 0u);
  EXPECT_EQ(outcome(r[1], "name"), "exact");
  // Homophone + birth date + sex + guardian: enough, and the reason says so.
  EXPECT_EQ(r[0].decision, Decision::kEnrolled);
  EXPECT_EQ(r[0].xueji_index, 1u);
  EXPECT_EQ(outcome(r[0], "name"), "homophone");
  EXPECT_NE(r[0].reason.find("姓名拼音相同"), std::string::npos) << r[0].reason;
}

TEST(Matcher, AHomophoneAloneWithNoOtherSupportGoesToAPerson) {
  const std::vector<Person> hukou = {hukou_row("张伟", kBirth, 11, "男")};
  const std::vector<Person> xueji = {j_pupil("章伟", kBirth, "男")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kProbable) << r[0].reason;
  EXPECT_EQ(r[0].xueji_index, 0u);
}

TEST(Matcher, OneMistypedDigitInTheIdNumberMatchesWithTheSameNameAndBirthDate) {
  const std::vector<Person> hukou = {hukou_row("王芳", kBirth, 12, "女")};
  const std::string typo = sabotage_digit(id_of(kBirth, 12), 3);
  const std::vector<Person> xueji = {
      make_person("王芳", typo, kBirth, "女", "", "", "", "G" + typo)};
  ASSERT_FALSE(xueji[0].id_valid);  // the typo breaks the checksum
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kEnrolled) << r[0].reason;
  EXPECT_EQ(r[0].xueji_index, 0u);
  EXPECT_EQ(outcome(r[0], "id_number"), "one_digit_typo");
  EXPECT_GE(r[0].score, census().enrolled_threshold);
  EXPECT_NE(r[0].reason.find("疑似录入错误"), std::string::npos) << r[0].reason;
}

TEST(Matcher, TwoSwappedDigitsLikewise) {
  const std::vector<Person> hukou = {hukou_row("王芳", kBirth, 12, "女")};
  std::string swapped = id_of(kBirth, 12);  // 410308 20150312 012 c
  std::swap(swapped[14], swapped[15]);      // 012 -> 102
  const std::vector<Person> xueji = {make_person("王芳", swapped, kBirth, "女")};
  ASSERT_FALSE(xueji[0].id_valid);
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kEnrolled) << r[0].reason;
  EXPECT_EQ(outcome(r[0], "id_number"), "adjacent_swap");
}

TEST(Matcher, DayAndMonthSwappedIsEvidenceNotProof) {
  const std::vector<Person> hukou = {hukou_row("李娜", kBirth, 12, "女", "")};
  // Same name and sex, born 2015-12-03 instead of 2015-03-12, no ID to confirm: a person looks.
  const std::vector<Person> xueji = {j_pupil("李娜", Date{2015, 12, 3}, "女")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kProbable) << r[0].reason;
  EXPECT_EQ(r[0].xueji_index, 0u);
  EXPECT_EQ(outcome(r[0], "birth_date"), "day_month_swapped");
  EXPECT_NE(r[0].reason.find("月日颠倒"), std::string::npos);
  // And with another name it is no evidence of anything.
  const std::vector<Person> other = {j_pupil("李静", Date{2015, 12, 3}, "女")};
  EXPECT_EQ(match_lists(hukou, other, census())[0].decision, Decision::kSuspected);
}

TEST(Matcher, OneDayOffWithTheSameNameGoesToAPersonUnlessTheIdConfirms) {
  const std::vector<Person> hukou = {hukou_row("李娜", kBirth, 12, "女", "")};
  const std::vector<Person> no_id = {j_pupil("李娜", kBirth.plus_days(1), "女")};
  auto r = match_lists(hukou, no_id, census());
  EXPECT_EQ(r[0].decision, Decision::kProbable);
  EXPECT_EQ(outcome(r[0], "birth_date"), "one_day_off");
  const std::string typo = sabotage_digit(id_of(kBirth, 12), 16);
  const std::vector<Person> with_typo = {make_person("李娜", typo, kBirth.plus_days(1), "女")};
  r = match_lists(hukou, with_typo, census());
  EXPECT_EQ(r[0].decision, Decision::kEnrolled) << r[0].reason;
}

TEST(Matcher, TwinsWithTheSameBirthDateAndGuardiansAreNeverMatchedAutomaticallyToTheWrongTwin) {
  const std::vector<Person> hukou = {hukou_row("张子涵", kBirth, 11, "男"),
                                     hukou_row("张子轩", kBirth, 13, "男")};
  // Only the second twin is at school, registered under a J number: the first is out of school.
  const std::vector<Person> one = {j_pupil("张子轩", kBirth, "男", "张建国")};
  auto r = match_lists(hukou, one, census());
  EXPECT_EQ(r[1].decision, Decision::kEnrolled) << r[1].reason;
  EXPECT_EQ(r[1].xueji_index, 0u);
  EXPECT_EQ(r[0].decision, Decision::kSuspected) << r[0].reason;
  EXPECT_FALSE(r[0].xueji_index.has_value());

  // The at-school twin with his real ID, and no household row of his own in this county: the
  // other twin's ID differs in one digit, but both numbers are valid, so they are two children.
  const std::vector<Person> only_first_twin_registered = {hukou[0]};
  const std::vector<Person> with_id = {
      make_person("张子轩", id_of(kBirth, 13), kBirth, "男", "张建国", "城关镇", "城关镇3村")};
  r = match_lists(only_first_twin_registered, with_id, census());
  EXPECT_EQ(r[0].decision, Decision::kSuspected) << r[0].reason;
  EXPECT_EQ(outcome(r[0], "id_number"), "near_both_valid");

  // Both twins at school without IDs: each finds his own.
  const std::vector<Person> both = {j_pupil("张子轩", kBirth, "男", "张建国"),
                                    j_pupil("张子涵", kBirth, "男", "张建国")};
  r = match_lists(hukou, both, census());
  EXPECT_EQ(r[0].xueji_index, 1u);
  EXPECT_EQ(r[1].xueji_index, 0u);
  EXPECT_EQ(r[0].decision, Decision::kEnrolled);
  EXPECT_EQ(r[1].decision, Decision::kEnrolled);
}

TEST(Matcher, TwinsWhoseNamesSoundAlikeAreLeftToAPerson) {
  // 张伟 and 张威 sound the same; with no IDs on the student side neither is automatic.
  const std::vector<Person> hukou = {hukou_row("张伟", kBirth, 11, "男"),
                                     hukou_row("张威", kBirth, 13, "男")};
  const std::vector<Person> xueji = {j_pupil("张威", kBirth, "男", "张建国"),
                                     j_pupil("张伟", kBirth, "男", "张建国")};
  const auto r = match_lists(hukou, xueji, census());
  for (const MatchResult& m : r) {
    if (m.decision == Decision::kEnrolled) {
      // Allowed only when it is the right twin and clear of the other.
      EXPECT_EQ(m.xueji_index, m.hukou_index == 0 ? 1u : 0u);
    }
  }
  EXPECT_EQ(r[0].xueji_index, 1u);
  EXPECT_EQ(r[1].xueji_index, 0u);
}

TEST(Matcher, NamesakesBornAWeekApartAreNotMatched) {
  const std::vector<Person> hukou = {hukou_row("王磊", kBirth, 11, "男", "王建设")};
  // Another 王磊, a week younger, from another village.
  const Date other_birth = kBirth.plus_days(7);
  const std::vector<Person> with_ids = {
      make_person("王磊", make_id("410305", other_birth, 31), other_birth, "男", "王志强", "", "")};
  auto r = match_lists(hukou, with_ids, census());
  EXPECT_EQ(r[0].decision, Decision::kSuspected) << r[0].reason;
  EXPECT_FALSE(r[0].xueji_index.has_value());
  const std::vector<Person> without_id = {j_pupil("王磊", other_birth, "男")};
  r = match_lists(hukou, without_id, census());
  EXPECT_EQ(r[0].decision, Decision::kSuspected) << r[0].reason;
  EXPECT_EQ(outcome(r[0], "birth_date"), "same_year_month");
}

TEST(Matcher, TwoIndistinguishablePupilsAreNeverChosenBetweenAutomatically) {
  const std::vector<Person> hukou = {hukou_row("王磊", kBirth, 11, "男", "")};
  const std::vector<Person> xueji = {j_pupil("王磊", kBirth, "男"), j_pupil("王磊", kBirth, "男")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kProbable);
  EXPECT_EQ(outcome(r[0], "runner_up"), "close");
  EXPECT_NE(r[0].reason.find("双胞胎或重名"), std::string::npos) << r[0].reason;
}

TEST(Matcher, AJNumberPupilWithoutIdIsFoundByNameBirthAndSex) {
  const std::vector<Person> hukou = {hukou_row("赵敏", kBirth, 12, "女", "")};
  const std::vector<Person> xueji = {j_pupil("赵敏", kBirth, "女")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kEnrolled) << r[0].reason;
  EXPECT_EQ(r[0].xueji_index, 0u);
  EXPECT_EQ(outcome(r[0], "id_number"), "missing");
  // With the sex disagreeing, not automatically.
  const std::vector<Person> boy = {j_pupil("赵敏", kBirth, "男")};
  EXPECT_NE(match_lists(hukou, boy, census())[0].decision, Decision::kEnrolled);
}

TEST(Matcher, AnLNumberIsNeverTakenForTheChildsId) {
  // An L number is shaped like an ID but belongs to nobody: even one equal to the child's ID
  // plus "L" is not an ID match (ingest leaves id_number empty for it).
  const std::vector<Person> hukou = {hukou_row("赵敏", kBirth, 12, "女", "")};
  const std::vector<Person> xueji = {
      make_person("孙丽", "", Date{2014, 1, 1}, "女", "", "", "", "L" + id_of(kBirth, 12))};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kSuspected);
}

TEST(Matcher, AChildOnNoStudentListIsSuspected) {
  const std::vector<Person> hukou = {hukou_row("赵敏", kBirth, 12, "女")};
  const std::vector<Person> xueji = {j_pupil("钱多多", Date{2013, 6, 1}, "男")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[0].decision, Decision::kSuspected);
  EXPECT_FALSE(r[0].xueji_index.has_value());
  EXPECT_NE(r[0].reason.find("学籍中未找到本人"), std::string::npos) << r[0].reason;
  EXPECT_EQ(outcome(r[0], "school_age"), "in_band");
  EXPECT_EQ(match_lists(hukou, {}, census())[0].decision, Decision::kSuspected);
}

TEST(Matcher, AFifteenYearOldOnNoListIsOutOfBand) {
  const Date birth{2010, 3, 1};  // 15 on the census day, past grade 9
  const std::vector<Person> hukou = {hukou_row("孙强", birth, 11, "男")};
  const auto r = match_lists(hukou, {}, census());
  EXPECT_EQ(r[0].decision, Decision::kOutOfBand);
  EXPECT_NE(r[0].reason.find("不在义务教育年龄段（15周岁）"), std::string::npos) << r[0].reason;
  // A four-year-old likewise; a child of unknown birth is treated as of school age.
  const std::vector<Person> young = {hukou_row("孙小", Date{2021, 5, 1}, 11, "男")};
  EXPECT_EQ(match_lists(young, {}, census())[0].decision, Decision::kOutOfBand);
  const std::vector<Person> unknown = {make_person("孙某", "", std::nullopt, "男")};
  const auto u = match_lists(unknown, {}, census());
  EXPECT_EQ(u[0].decision, Decision::kSuspected);
  EXPECT_EQ(outcome(u[0], "school_age"), "unknown_birth");
}

TEST(Matcher, TheBandIsJudgedByTheBirthInAValidIdRatherThanTheTypedBirthDate) {
  // Typed birth 2010 (out of band), but the valid ID says 2015: in band, so suspected.
  Person p = hukou_row("孙强", kBirth, 11, "男");
  p.birth = Date{2010, 3, 1};
  EXPECT_EQ(match_lists({p}, {}, census())[0].decision, Decision::kSuspected);
}

TEST(Matcher, AMatchedChildIsEnrolledWhateverHisAge) {
  const Date birth{2010, 3, 1};
  const std::vector<Person> hukou = {hukou_row("孙强", birth, 11, "男", "")};
  const std::vector<Person> by_id = {make_person("孙强", id_of(birth, 11), birth, "男")};
  EXPECT_EQ(match_lists(hukou, by_id, census())[0].decision, Decision::kEnrolled);
  const std::vector<Person> by_name = {j_pupil("孙强", birth, "男")};
  EXPECT_EQ(match_lists(hukou, by_name, census())[0].decision, Decision::kEnrolled);
}

TEST(Matcher, TheSameHouseholdRegistrationTwiceDoesNotClaimOnePupilTwice) {
  const std::vector<Person> hukou = {hukou_row("周杰", kBirth, 11, "男"),
                                     hukou_row("周杰", kBirth, 11, "男")};
  const std::vector<Person> xueji = {make_person("周杰", id_of(kBirth, 11), kBirth, "男")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(std::count_if(r.begin(), r.end(),
                          [](const MatchResult& m) { return m.decision == Decision::kEnrolled; }),
            1);
  EXPECT_EQ(r[0].decision, Decision::kEnrolled);
  EXPECT_EQ(r[1].decision, Decision::kProbable);  // a person must see the duplicate
  EXPECT_EQ(outcome(r[1], "duplicate_household"), "same_id_as_another_row");
  EXPECT_NE(r[1].reason.find("重复登记"), std::string::npos) << r[1].reason;
}

TEST(Matcher, WhenOneChildsIdIsCopiedOntoAnotherTheChildWhoseNameAgreesKeepsThePupil) {
  // Row 0 is 吴芳 with 周杰's number typed in; row 1 is 周杰 himself.
  std::vector<Person> hukou = {hukou_row("吴芳", kBirth, 11, "女"),
                               hukou_row("周杰", kBirth, 11, "男")};
  const std::vector<Person> xueji = {make_person("周杰", id_of(kBirth, 11), kBirth, "男")};
  const auto r = match_lists(hukou, xueji, census());
  EXPECT_EQ(r[1].decision, Decision::kEnrolled);
  EXPECT_NE(r[0].decision, Decision::kEnrolled);
}

TEST(Matcher, AStudentRowIsGivenToAtMostOneChild) {
  const std::vector<Person> hukou = {hukou_row("赵敏", kBirth, 12, "女", ""),
                                     make_person("赵敏", "", kBirth, "女")};
  const std::vector<Person> xueji = {j_pupil("赵敏", kBirth, "女")};
  const auto r = match_lists(hukou, xueji, census());
  int claims = 0;
  for (const MatchResult& m : r)
    if (m.xueji_index && (m.decision == Decision::kEnrolled || m.decision == Decision::kProbable))
      ++claims;
  EXPECT_EQ(claims, 1);
  EXPECT_NE(r[0].decision, Decision::kEnrolled);  // two household rows compete: a person decides
  EXPECT_NE(r[1].decision, Decision::kEnrolled);
}

TEST(Matcher, EveryDecisionExplainsItself) {
  SyntheticOptions o;
  o.children = 3000;
  o.noise = 0.1;
  o.double_noise = 0.03;
  o.dropped = 0.05;
  const SyntheticLists lists = make_synthetic_lists(o);
  const auto results = match_lists(lists.hukou, lists.xueji, census());
  ASSERT_EQ(results.size(), lists.hukou.size());
  int seen[4] = {0, 0, 0, 0};
  for (std::size_t h = 0; h < results.size(); ++h) {
    const MatchResult& r = results[h];
    SCOPED_TRACE(r.reason);
    EXPECT_EQ(r.hukou_index, h);
    ++seen[static_cast<int>(r.decision)];
    EXPECT_TRUE(text::contains_han(r.reason));
    ASSERT_FALSE(r.evidence.empty());
    const double sum = std::accumulate(r.evidence.begin(), r.evidence.end(), 0.0,
                                       [](double s, const Evidence& e) { return s + e.weight; });
    EXPECT_NEAR(sum, r.score, 1e-9);  // the score is exactly the evidence, nothing hidden
    for (const Evidence& e : r.evidence) {
      EXPECT_FALSE(e.field.empty());
      EXPECT_FALSE(e.outcome.empty());
    }
    if (r.decision == Decision::kEnrolled || r.decision == Decision::kProbable) {
      EXPECT_TRUE(r.xueji_index.has_value());
    } else {
      EXPECT_FALSE(r.xueji_index.has_value());
      EXPECT_NE(find_evidence(r, "school_age"), nullptr);
    }
    EXPECT_STRNE(decision_code(r.decision), "");
  }
  for (int d = 0; d < 4; ++d) EXPECT_GT(seen[d], 0) << decision_code(static_cast<Decision>(d));
}

// File mode keeps the lists as tables and makes each row's result as it writes it (ten million
// results held at once would outweigh the lists): the same results, row for row.
TEST(Matcher, ResultsMadeRowByRowAreThoseOfTheWholeList) {
  SyntheticOptions o;
  o.children = 3000;
  const SyntheticLists lists = make_synthetic_lists(o);
  const MatchOptions m = census();
  const std::vector<MatchResult> all = match_lists(lists.hukou, lists.xueji, m);
  const PersonTable hukou(lists.hukou), xueji(lists.xueji);
  const Matching matching(hukou, xueji, m);
  ASSERT_EQ(matching.size(), all.size());
  MatchResult r;
  for (std::size_t h = all.size(); h-- > 0;) {  // backwards: a row's result depends on no other
    matching.result(h, r);
    ASSERT_EQ(r.hukou_index, h);
    EXPECT_EQ(r.decision, all[h].decision) << h;
    EXPECT_EQ(r.xueji_index, all[h].xueji_index) << h;
    EXPECT_EQ(r.score, all[h].score) << h;
    EXPECT_EQ(r.reason, all[h].reason) << h;
    EXPECT_EQ(evidence_text(r.evidence), evidence_text(all[h].evidence)) << h;
  }
}

TEST(Matcher, DecisionCodesAreStable) {
  EXPECT_STREQ(decision_code(Decision::kEnrolled), "enrolled");
  EXPECT_STREQ(decision_code(Decision::kProbable), "probable");
  EXPECT_STREQ(decision_code(Decision::kSuspected), "suspected");
  EXPECT_STREQ(decision_code(Decision::kOutOfBand), "out_of_band");
}

}  // namespace
}  // namespace baoxue::match
