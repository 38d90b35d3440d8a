// The indicators as DOMAIN.md §7 states them, over lists imported at two dates and the movements
// between them — on SQLite and PostgreSQL.
#include "indicators/indicators.h"

#include <gtest/gtest.h>

#include "core/scope.h"
#include "indicators/province.h"
#include "ledger/census.h"
#include "movement/confirm.h"
#include "movement/sweep.h"
#include "store/enrolment_history.h"
#include "store/ledger_repository.h"
#include "store/movement_repository.h"
#include "support/census_fixture.h"

namespace baoxue::testing {
namespace {

using indicators::Level;

constexpr const char* kCentral = "1141030801";  // 孟津区会盟镇中心小学
constexpr const char* kSecond = "1141030802";   // 孟津区会盟镇第二小学
const Date kAutumn{2026, 9, 1};
const Date kLate{2026, 11, 30};

class IndicatorsTest : public CensusTest {
 protected:
  void SetUp() override {
    CensusTest::SetUp();
    huimeng_villages_and_schools();
  }

  // Pupil `seq` of a school (grade 3 unless said), born in 2017.
  static RecordFields at(const std::string& school, int seq, int grade = 3) {
    RecordFields f = pupil(child("学生" + std::to_string(seq), "20170301", seq),
                           school == kCentral ? "孟津区会盟镇中心小学" : "孟津区会盟镇第二小学");
    f.grade = grade;
    f.class_number = 1;
    return f;
  }
  static std::vector<RecordFields> school_of(const std::string& school, int first, int count) {
    std::vector<RecordFields> out;
    for (int i = 0; i < count; ++i) out.push_back(at(school, first + i));
    return out;
  }

  long long record_of(const RecordFields& f) {
    auto records = store::registry_records(db(), "410308");
    EXPECT_TRUE(records.ok());
    for (const auto& r : records.value())
      if (r.id_number == f.id_number) return r.id;
    ADD_FAILURE() << f.name << " is not on the registry";
    return 0;
  }

  // A movement of `kind` on `day` of the pupil (from his school), to `to_school` (a county school
  // code, or a name outside the county), confirmed on `confirmed` ("" = not yet).
  store::Movement move(const std::string& kind, const RecordFields& f, const std::string& day,
                       const std::string& to_school = "", const std::string& confirmed = "",
                       bool on_registry = true) {
    store::Movement m;
    m.kind = kind;
    m.subject = "sn:" + f.student_no;
    if (on_registry) m.record_id = record_of(f);
    m.name = f.name;
    m.student_no = f.student_no;
    m.id_number = f.id_number;
    m.grade = f.grade;
    m.class_number = f.class_number;
    m.moved_on = day;
    if (kind == "transfer_in") {
      m.to_school_code = f.school_code;
      m.to_school_name = f.school_name;
      m.to_township_code = "410308100000";
      m.from_school_name = to_school;
    } else {
      m.from_school_code = f.school_code;
      m.from_school_name = f.school_name;
      m.from_township_code = "410308100000";
      if (to_school == kCentral || to_school == kSecond) {
        m.to_school_code = to_school;
        m.to_township_code = "410308100000";
      } else {
        m.to_school_name = to_school;
      }
    }
    m.confirmed_on = confirmed;
    m.recorded_by = "test";
    auto saved = store::save_movement(db(), "410308", m);
    EXPECT_TRUE(saved.ok()) << saved.error().message;
    return m;
  }

  indicators::Figures figures(const indicators::Unit& unit, const Date& from, const Date& to,
                              bool detail = true) {
    const auto [span_from, span_to] = indicators::facts_span(from, to);
    auto facts = indicators::load_facts(db(), "410308", span_from.iso(), span_to.iso(), detail);
    EXPECT_TRUE(facts.ok()) << facts.error().message;
    return indicators::compute(facts.value(), unit, from, to, detail);
  }
  indicators::Figures central(bool detail = true) {
    return figures({Level::kSchool, kCentral}, kAutumn, kLate, detail);
  }
};

TEST_P(IndicatorsTest, TheVillageSchoolThatWent80To78With3ConfirmedOutAnd1InRetainedEveryone) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 80);
  put("xueji", autumn, "", true, "2026-09-01");
  const RecordFields newcomer = at(kCentral, 200);
  for (int i = 0; i < 3; ++i)
    move("transfer_out", autumn[i], "2026-10-1" + std::to_string(i), "洛阳市西工区第一小学",
         "2026-10-20");
  std::vector<RecordFields> spring(autumn.begin() + 3, autumn.end());
  spring.push_back(newcomer);
  move("transfer_in", newcomer, "2026-10-25", "洛阳市老城区实验小学", "", false);
  put("xueji", spring, "", true, "2026-11-30");

  const auto f = central();
  EXPECT_EQ(f.start, 80);
  EXPECT_EQ(f.transfers_in, 1);
  EXPECT_EQ(f.transfers_out, 3);
  EXPECT_EQ(f.normal_losses, 0);
  EXPECT_EQ(f.expected, 78);
  EXPECT_EQ(f.end, 78);
  ASSERT_TRUE(f.retention_rate);
  EXPECT_DOUBLE_EQ(*f.retention_rate, 1.0);
  EXPECT_EQ(f.dropouts, 0);
  EXPECT_EQ(f.unexplained, 0);
  ASSERT_TRUE(f.dropout_rate);
  EXPECT_DOUBLE_EQ(*f.dropout_rate, 0.0);
  EXPECT_EQ(f.children.at("transfers_out").size(), 3u);
  EXPECT_EQ(f.children.at("transfers_in").at(0).name, newcomer.name);
  EXPECT_EQ(f.children.at("start").size(), 80u);
  EXPECT_EQ(f.children.at("end").size(), 78u);
}

TEST_P(IndicatorsTest, AnUnconfirmedTransferOutIsNotSubtractedSoRetentionFalls) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 10);
  put("xueji", autumn, "", true, "2026-09-01");
  move("transfer_out", autumn[0], "2026-10-10", "郑州市金水区纬五路小学");
  put("xueji", std::vector<RecordFields>(autumn.begin() + 1, autumn.end()), "", true, "2026-11-30");

  const auto f = central();
  EXPECT_EQ(f.transfers_out, 0);
  EXPECT_EQ(f.unconfirmed_transfers, 1);
  EXPECT_EQ(f.expected, 10);
  EXPECT_EQ(f.end, 9);
  EXPECT_DOUBLE_EQ(*f.retention_rate, 0.9);
  EXPECT_EQ(f.unexplained, 0) << "his transfer explains his leaving; its confirmation is missing";
  EXPECT_EQ(f.children.at("unconfirmed_transfers").at(0).name, autumn[0].name);
}

TEST_P(IndicatorsTest, APupilWhoLeftTheListWithNoMovementIsUnexplained) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 5);
  put("xueji", autumn, "", true, "2026-09-01");
  put("xueji", std::vector<RecordFields>(autumn.begin() + 1, autumn.end()), "", true, "2026-11-30");
  const auto f = central();
  EXPECT_EQ(f.unexplained, 1);
  EXPECT_EQ(f.end, 4);
  EXPECT_DOUBLE_EQ(*f.retention_rate, 0.8);
  EXPECT_EQ(f.children.at("unexplained").at(0).note, "已不在学籍名单上，也没有学籍异动记录");
}

TEST_P(IndicatorsTest, ThePastReadsTheListsAsTheyStoodThen) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 4);
  put("xueji", autumn, "", true, "2026-09-01");
  std::vector<RecordFields> later = autumn;
  later[0] = at(kSecond, 1);  // the same child, now at the second school
  put("xueji", later, "", true, "2026-11-30");

  std::vector<std::string> schools_on_oct;
  ASSERT_TRUE(
      store::for_each_spell(db(), "410308", "2026-10-01", "2026-10-01", [&](store::Spell& s) {
        if (s.holds_on("2026-10-01") && s.name == later[0].name)
          schools_on_oct.push_back(s.school_code);
      }).ok());
  EXPECT_EQ(schools_on_oct, std::vector<std::string>{kCentral});
  EXPECT_EQ(figures({Level::kSchool, kSecond}, kLate, kLate).end, 1);
  EXPECT_EQ(figures({Level::kSchool, kCentral}, kLate, kLate).end, 3);
  // The move between the township's schools, with no movement: the first school cannot explain
  // him; the township, which kept him, can.
  EXPECT_EQ(central().unexplained, 1);
  EXPECT_NE(central().children.at("unexplained").at(0).note.find("孟津区会盟镇第二小学"),
            std::string::npos);
  const auto township = figures({Level::kTownship, "410308100000"}, kAutumn, kLate);
  EXPECT_EQ(township.unexplained, 0);
  EXPECT_DOUBLE_EQ(*township.retention_rate, 1.0);
}

TEST_P(IndicatorsTest, ATransferBetweenTwoSchoolsOfATownshipIsNeitherInNorOutForTheTownship) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 6);
  put("xueji", autumn, "", true, "2026-09-01");
  move("transfer_out", autumn[0], "2026-10-08", kSecond, "2026-10-09");
  std::vector<RecordFields> later = autumn;
  later[0] = at(kSecond, 1);
  put("xueji", later, "", true, "2026-11-30");

  const auto a = central();
  EXPECT_EQ(a.transfers_out, 1);
  EXPECT_DOUBLE_EQ(*a.retention_rate, 1.0);
  const auto b = figures({Level::kSchool, kSecond}, kAutumn, kLate);
  EXPECT_EQ(b.start, 0);
  EXPECT_EQ(b.transfers_in, 1);
  EXPECT_EQ(b.end, 1);
  EXPECT_DOUBLE_EQ(*b.retention_rate, 1.0);
  const auto t = figures({Level::kTownship, "410308100000"}, kAutumn, kLate);
  EXPECT_EQ(t.transfers_in, 0);
  EXPECT_EQ(t.transfers_out, 0);
  EXPECT_EQ(t.end, 6);
}

TEST_P(IndicatorsTest, DeathAndGoingAbroadAreNormalLossesNotDropouts) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 20);
  put("xueji", autumn, "", true, "2026-09-01");
  move("death", autumn[0], "2026-10-01");
  move("abroad", autumn[1], "2026-10-02");
  put("xueji", std::vector<RecordFields>(autumn.begin() + 2, autumn.end()), "", true, "2026-11-30");
  const auto f = central();
  EXPECT_EQ(f.normal_losses, 2);
  EXPECT_EQ(f.expected, 18);
  EXPECT_DOUBLE_EQ(*f.retention_rate, 1.0);
  EXPECT_EQ(f.dropouts, 0);
}

TEST_P(IndicatorsTest, ADropoutCountsAgainstTheStagesTargetAndARiseAgainstTheLastPeriodIsMarked) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 100);
  put("xueji", autumn, "", true, "2026-09-01");
  move("dropout", autumn[0], "2026-11-10");
  put("xueji", std::vector<RecordFields>(autumn.begin() + 1, autumn.end()), "", true, "2026-11-30");
  // November against October: 1 of 100 in November, none in October.
  const auto f = figures({Level::kSchool, kCentral}, Date{2026, 11, 1}, kLate);
  EXPECT_EQ(f.dropouts, 1);
  EXPECT_DOUBLE_EQ(*f.dropout_rate, 0.01);
  EXPECT_EQ(f.primary.dropouts, 1);
  EXPECT_EQ(f.junior.start, 0);
  EXPECT_FALSE(f.junior.dropout_rate) << "no junior pupils: no rate, not 0";
  // 1% is above the primary target of 0.6%; a dropout stays in the expected count, so the
  // retention of 99 ÷ 100 misses its target of 100% too.
  EXPECT_DOUBLE_EQ(*f.retention_rate, 0.99);
  EXPECT_EQ(f.targets_missed, (std::vector<std::string>{"primary_dropout_rate", "retention_rate"}));
  EXPECT_TRUE(f.rebound) << "October had none";
  EXPECT_DOUBLE_EQ(*f.previous_dropout_rate, 0.0);
}

TEST_P(IndicatorsTest, AProvincesCountyFiguresCountedInTheDatabaseAreTheCountysOwn) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 30);
  for (auto& f : school_of(kSecond, 100, 20)) autumn.push_back(f);
  put("xueji", autumn, "", true, "2026-09-01");
  move("transfer_out", autumn[0], "2026-10-01", "郑州市金水区纬五路第一小学", "2026-10-05");
  move("transfer_out", autumn[1], "2026-10-02", "郑州市二七区陇西小学");  // not confirmed
  move("transfer_out", autumn[2], "2026-10-03", kSecond, "2026-10-04");   // inside the county
  move("death", autumn[3], "2026-10-04");
  move("dropout", autumn[4], "2026-10-05");
  move("suspend", autumn[5], "2026-10-06");
  const RecordFields newcomer = at(kCentral, 300);
  move("transfer_in", newcomer, "2026-10-07", "洛阳市实验小学", "", false);
  std::vector<RecordFields> later;
  for (std::size_t i = 0; i < autumn.size(); ++i) {
    if (i == 0 || i == 3 || i == 4 || i == 40) continue;  // 40: gone without a word
    later.push_back(i == 2 ? at(kSecond, 3) : autumn[i]);
  }
  later[2].enrollment_status = "休学";  // autumn[5]
  later.push_back(newcomer);
  put("xueji", later, "", true, "2026-11-30");

  const auto county = figures({Level::kCounty, "410308"}, kAutumn, kLate, false);
  auto all = indicators::county_figures(db(), kAutumn, kLate);
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 1u);
  const auto& p = all->front();
  EXPECT_EQ(p.start, county.start);
  EXPECT_EQ(p.end, county.end);
  EXPECT_EQ(p.transfers_in, county.transfers_in);
  EXPECT_EQ(p.transfers_out, county.transfers_out);
  EXPECT_EQ(p.unconfirmed_transfers, county.unconfirmed_transfers);
  EXPECT_EQ(p.normal_losses, county.normal_losses);
  EXPECT_EQ(p.expected, county.expected);
  EXPECT_EQ(p.unexplained, county.unexplained);
  EXPECT_EQ(p.dropouts, county.dropouts);
  EXPECT_EQ(p.suspensions, county.suspensions);
  EXPECT_EQ(p.retention_rate, county.retention_rate);
  // And the county's figures are what happened: 50 at the start, 1 in, 1 out confirmed, a death,
  // a dropout, one gone unexplained, one transfer awaiting its confirmation.
  EXPECT_EQ(county.start, 50);
  EXPECT_EQ(county.transfers_in, 1);
  EXPECT_EQ(county.transfers_out, 1);
  EXPECT_EQ(county.normal_losses, 1);
  EXPECT_EQ(county.dropouts, 1);
  EXPECT_EQ(county.unexplained, 1);
  EXPECT_EQ(county.unconfirmed_transfers, 1);
  EXPECT_EQ(county.end, 47);
}

TEST_P(IndicatorsTest, CohortRetentionIsGraduatesOverEntrantsPlusTransfersInLessConfirmedOut) {
  // Ten pupils enter grade 1 of 中心小学 in 2020; one moves away with proof, one arrives in grade
  // 2, one is gone without a word; nine finish grade 6 in 2026: 9 ÷ (10 + 1 − 1) = 90%.
  std::vector<RecordFields> entrants;
  for (int i = 0; i < 10; ++i) entrants.push_back(at(kCentral, 1 + i, 1));
  std::vector<RecordFields> older = {at(kCentral, 50, 2)};  // grade 2 in 2020: not of the cohort
  std::vector<RecordFields> y2020 = entrants;
  y2020.insert(y2020.end(), older.begin(), older.end());
  put("xueji", y2020, "", true, "2020-09-01");
  move("transfer_out", entrants[0], "2021-03-01", "郑州市金水区纬五路第一小学", "2021-03-04");
  const RecordFields newcomer = at(kCentral, 60, 2);
  move("transfer_in", newcomer, "2021-10-08", "洛阳市实验小学", "", false);
  std::vector<RecordFields> y2021;
  for (int i = 1; i < 10; ++i) y2021.push_back(at(kCentral, 1 + i, 2));
  y2021.push_back(newcomer);
  put("xueji", y2021, "", true, "2021-10-15");
  std::vector<RecordFields> y2026;
  for (int i = 2; i < 10; ++i) y2026.push_back(at(kCentral, 1 + i, 6));  // 2 is gone
  y2026.push_back(at(kCentral, 60, 6));
  put("xueji", y2026, "", true, "2026-06-15");

  auto settings = store::load_settings(db(), "410308");
  const auto [from, to] = indicators::cohort_span("primary", 2020, settings.value());
  EXPECT_EQ(from.iso(), "2020-09-01");
  EXPECT_EQ(to.iso(), "2026-06-30");
  auto facts = indicators::load_facts(db(), "410308", from.iso(), to.iso(), true);
  ASSERT_TRUE(facts.ok()) << facts.error().message;
  const auto c = indicators::cohort(facts.value(), {Level::kSchool, kCentral}, "primary", 2020,
                                    Date{2026, 12, 1});
  EXPECT_EQ(c.entrants, 10);
  EXPECT_EQ(c.transfers_in, 1);
  EXPECT_EQ(c.transfers_out, 1);
  EXPECT_EQ(c.expected, 10);
  EXPECT_EQ(c.graduates, 9);
  ASSERT_TRUE(c.cohort_retention_rate);
  EXPECT_DOUBLE_EQ(*c.cohort_retention_rate, 0.9);
  // Before the stage has ended there is no rate yet, only what is known so far.
  const auto early = indicators::cohort(facts.value(), {Level::kSchool, kCentral}, "primary", 2020,
                                        Date{2026, 6, 1});
  EXPECT_FALSE(early.completed);
  EXPECT_FALSE(early.cohort_retention_rate);
  EXPECT_EQ(early.entrants, 10);
}

TEST_P(IndicatorsTest, AnEmptyUnitHasNoRatesRatherThanZeroOrOne) {
  const auto f = figures({Level::kSchool, kSecond}, kAutumn, kLate);
  EXPECT_EQ(f.start, 0);
  EXPECT_FALSE(f.retention_rate);
  EXPECT_FALSE(f.dropout_rate);
}

// ---- the sweep and the receiving school's confirmation --------------------------------------

class SweepTest : public IndicatorsTest {
 protected:
  // Both lists and a census on the autumn list, as the county would have them.
  void census(const std::vector<RecordFields>& children) {
    put("hukou", children);
    auto run = ledger::run_census(db(), "410308", {kAutumn, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
  }
  std::vector<store::SuspectedEntry> entries(const std::string& comparison) {
    auto all = store::suspected_entries(db(), "410308");
    EXPECT_TRUE(all.ok());
    std::vector<store::SuspectedEntry> out;
    for (auto& e : all.value())
      if (e.comparison == comparison) out.push_back(e);
    return out;
  }
};

TEST_P(SweepTest, ATransferOutUnconfirmedFor15DaysBecomesSuspectedOnceAndConfirmingClosesIt) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 3);
  put("xueji", autumn, "", true, "2026-09-01");
  census(autumn);
  const store::Movement m = move("transfer_out", autumn[0], "2026-10-01", kSecond);

  auto on_day15 = movement::sweep(db(), "410308", Date{2026, 10, 16});
  ASSERT_TRUE(on_day15.ok()) << on_day15.error().message;
  EXPECT_EQ(on_day15->transfers_overdue, 0) << "15 days are allowed";
  auto on_day16 = movement::sweep(db(), "410308", Date{2026, 10, 17});
  ASSERT_TRUE(on_day16.ok());
  EXPECT_EQ(on_day16->transfers_overdue, 1);
  auto again = movement::sweep(db(), "410308", Date{2026, 10, 18});
  EXPECT_EQ(again->transfers_overdue, 0) << "once per movement";
  auto opened = entries("transfer_unconfirmed");
  ASSERT_EQ(opened.size(), 1u);
  EXPECT_EQ(opened[0].status, "open");
  EXPECT_EQ(opened[0].name, autumn[0].name);
  EXPECT_NE(opened[0].reason.find("超过 15 天仍无接收学校确认"), std::string::npos);

  // The sending school cannot confirm; the receiving one can, and the suspicion closes.
  core::Scope sender{"410308", core::Role::kSchoolAdmin};
  sender.school_code = kCentral;
  auto refused = movement::confirm_transfer(db(), "410308", m.id, sender, Date{2026, 10, 18}, "a");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "not_receiving_school");
  core::Scope receiver{"410308", core::Role::kSchoolAdmin};
  receiver.school_code = kSecond;
  auto done = movement::confirm_transfer(db(), "410308", m.id, receiver, Date{2026, 10, 18}, "b");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_TRUE(done->entry_closed);
  EXPECT_EQ(done->movement.confirmed_on, "2026-10-18");
  auto closed = entries("transfer_unconfirmed");
  EXPECT_EQ(closed[0].status, "closed");
  EXPECT_EQ(closed[0].close_category, "A");
  auto twice = movement::confirm_transfer(db(), "410308", m.id, receiver, Date{2026, 10, 19}, "b");
  EXPECT_EQ(twice.error().code, "already_confirmed");
}

TEST_P(SweepTest, APupilAWholeListLeavesOutWithNoMovementIsSuspectedOnce) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 3);
  put("xueji", autumn, "", true, "2026-09-01");
  census(autumn);
  move("death", autumn[1], "2026-10-05");
  put("xueji", {autumn[2]}, "", true, "2026-11-30");
  auto swept = movement::sweep(db(), "410308", Date{2026, 12, 1});
  ASSERT_TRUE(swept.ok()) << swept.error().message;
  EXPECT_EQ(swept->departures, 1) << "the death explains the other";
  auto gaps = entries("registry_gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].name, autumn[0].name);
  EXPECT_EQ(gaps[0].school_code, kCentral);
  EXPECT_EQ(movement::sweep(db(), "410308", Date{2026, 12, 2})->departures, 0);
}

TEST_P(SweepTest, NothingIsEnteredBeforeTheFirstCensus) {
  std::vector<RecordFields> autumn = school_of(kCentral, 1, 2);
  put("xueji", autumn, "", true, "2026-09-01");
  put("xueji", {autumn[1]}, "", true, "2026-11-30");
  auto swept = movement::sweep(db(), "410308", Date{2026, 12, 1});
  ASSERT_TRUE(swept.ok());
  EXPECT_TRUE(swept->no_census);
  EXPECT_EQ(swept->departures, 0);
}

BAOXUE_ON_BOTH_ENGINES(IndicatorsTest);
BAOXUE_ON_BOTH_ENGINES(SweepTest);

}  // namespace
}  // namespace baoxue::testing
