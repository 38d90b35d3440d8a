// Specification of a census run over the county's imported lists (四查三比对): the school-age
// children ledger it builds and the suspected ledger it keeps. Runs on SQLite and PostgreSQL.
//
// Lists are put into the store the way import leaves them (one batch per call, records merged by
// key), so these specifications do not depend on file formats.
#include "ledger/census.h"

#include <algorithm>

#include "core/id_number.h"
#include "ledger/region_lookup.h"
#include "ledger/suspected_rules.h"
#include "store/import_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "support/census_fixture.h"
#include "text/name.h"

namespace baoxue::ledger {
namespace {

using baoxue::testing::CensusTest;
using baoxue::testing::child;
using baoxue::testing::kCensusDay;
using baoxue::testing::pupil;
using store::RecordFields;

class Census : public CensusTest {
 protected:
  store::MatchRun census() {
    auto run = run_census(db(), "410308", {kCensusDay, "test"});
    EXPECT_TRUE(run.ok()) << run.error().message;
    return run.ok() ? run.value() : store::MatchRun{};
  }

  std::vector<store::SuspectedEntry> entries(const std::string& status = "") {
    auto e = store::suspected_entries(db(), "410308", status);
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? e.value() : std::vector<store::SuspectedEntry>{};
  }

  store::LedgerChild ledger_row(long long run, const std::string& name) {
    auto rows = store::ledger_children(db(), "410308", run);
    EXPECT_TRUE(rows.ok());
    for (const auto& c : rows.value())
      if (c.name == name) return c;
    ADD_FAILURE() << name << " is not in the ledger";
    return {};
  }

  const RecordFields zhang = child("张浩宇", "20160901", 11);
  const RecordFields li = child("李思琪", "20170305", 22, "女");
  const RecordFields wang = child("王子涵", "20150612", 33);
};

TEST_P(Census, NeedsBothTheHouseholdAndTheStudentRegistry) {
  put("hukou", {zhang});
  auto run = run_census(db(), "410308", {kCensusDay, "test"});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().code, "census_lists_missing");
  EXPECT_NE(run.error().message.find("学籍"), std::string::npos) << run.error().message;
}

TEST_P(Census, AChildOnTheHouseholdRegistryAndOnNoStudentListIsSuspectedWithOneEntry) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.children, 2);
  EXPECT_EQ(run.enrolled, 1);
  EXPECT_EQ(run.suspected, 1);
  EXPECT_EQ(run.entries_opened, 1);
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].name, "李思琪");
  EXPECT_EQ(open[0].child_key, "id:" + li.id_number);
  EXPECT_EQ(open[0].comparison, "hukou_xueji");
  EXPECT_EQ(open[0].reason_code, "not_on_student_list");
  EXPECT_FALSE(open[0].reason.empty());
  EXPECT_EQ(open[0].guardian_phone, "13800138000");
  EXPECT_EQ(ledger_row(run.id, "李思琪").status, "suspected");
  EXPECT_EQ(ledger_row(run.id, "张浩宇").on_lists, "hukou,xueji");
  EXPECT_EQ(ledger_row(run.id, "张浩宇").school_name, "孟津区会盟镇中心小学");
}

TEST_P(Census, EveryDecisionIsStoredWithItsExplanation) {
  RecordFields typo = pupil(zhang);
  typo.id_number[10] = typo.id_number[10] == '9' ? '8' : '9';  // one digit mistyped
  typo.id_valid = false;
  typo.student_no = "J" + typo.id_number;
  put("hukou", {zhang, li});
  put("xueji", {typo, pupil(li)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.enrolled, 2);
  auto decisions = store::run_decisions(db(), "410308", run.id, "hukou_xueji");
  ASSERT_TRUE(decisions.ok());
  ASSERT_EQ(decisions->size(), 2u);
  const auto& fuzzy = decisions.value()[0];  // 张浩宇: by name, birth date, sex and the near ID
  EXPECT_EQ(fuzzy.decision, "enrolled");
  EXPECT_NE(fuzzy.evidence.find("\"field\":\"name\""), std::string::npos) << fuzzy.evidence;
  EXPECT_NE(fuzzy.evidence.find("\"field\":\"birth_date\""), std::string::npos);
  EXPECT_GT(fuzzy.score, 20);
  EXPECT_EQ(decisions.value()[1].reason, "身份证号一致");
}

TEST_P(Census, ARunAgainDoesNotOpenASecondEntryForTheSameChild) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  const store::MatchRun second = census();
  EXPECT_EQ(second.entries_opened, 0);
  EXPECT_EQ(second.entries_still_open, 1);
  const auto all = entries();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].last_seen_run_id, second.id);
}

TEST_P(Census, TheDatabaseRefusesASecondOpenEntryForOneChild) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  store::SuspectedEntry copy = entries("open").at(0);
  EXPECT_FALSE(store::insert_suspected_entry(db(), "410308", copy).ok());
}

TEST_P(Census, AClosedEntryIsNotReopenedOnTheSameFacts) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  const long long id = entries("open").at(0).id;
  ASSERT_TRUE(
      store::close_suspected_entry(db(), "410308", id, "B", "在外省就读，有学籍证明", "核查员")
          .ok());
  put("xueji", {pupil(zhang)});  // next month's registry export, same children
  const store::MatchRun again = census();
  EXPECT_EQ(again.suspected, 1);  // the ledger still shows what the lists say
  EXPECT_EQ(again.entries_opened, 0);
  EXPECT_EQ(again.entries_not_reopened, 1);
  const auto all = entries();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].status, "closed");
  EXPECT_EQ(all[0].close_category, "B");
  EXPECT_EQ(all[0].closed_by, "核查员");
}

TEST_P(Census, AClosedEntryIsFollowedByANewOneWhenTheHouseholdRecordChanges) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  const long long first = entries("open").at(0).id;
  ASSERT_TRUE(
      store::close_suspected_entry(db(), "410308", first, "E", "户籍已迁出", "核查员").ok());
  RecordFields moved_back = li;
  moved_back.address = "河南省洛阳市孟津区会盟镇台荫村5组";  // the police registry has news
  put("hukou", {zhang, moved_back});
  const store::MatchRun run = census();
  EXPECT_EQ(run.entries_opened, 1);
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].previous_entry_id, first);
  EXPECT_EQ(open[0].reopen_reason, "facts_changed");
}

TEST_P(Census, AChildFoundInSchoolAfterClosingWhoLeavesAgainGetsANewEntry) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  const long long first = entries("open").at(0).id;
  ASSERT_TRUE(
      store::close_suspected_entry(db(), "410308", first, "C", "在校就读无学籍，已补办", "核查员")
          .ok());
  put("xueji", {pupil(zhang), pupil(li)});  // the school registers her
  const store::MatchRun registered = census();
  EXPECT_EQ(entries().at(0).in_school_run_id, registered.id);
  put("xueji", {pupil(zhang), pupil(li, "孟津区会盟镇中心小学", "辍学")});  // and she leaves
  const store::MatchRun left = census();
  EXPECT_EQ(left.suspected, 1);
  EXPECT_EQ(ledger_row(left.id, "李思琪").status, "suspected");
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reason_code, "registry_status");
  EXPECT_EQ(open[0].reason, "学籍状态为“辍学”");
  EXPECT_EQ(open[0].previous_entry_id, first);
  EXPECT_EQ(open[0].reopen_reason, "back_out_of_school");
}

TEST_P(Census, APupilAWholeListExportNoLongerNamesIsNoLongerInSchool) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang), pupil(li)}, "", /*whole=*/true);
  EXPECT_EQ(census().suspected, 0);
  put("xueji", {pupil(zhang)}, "", /*whole=*/true);  // 李思琪 left the roll
  const store::MatchRun run = census();
  EXPECT_EQ(run.xueji_records, 1);
  EXPECT_EQ(run.suspected, 1);
  EXPECT_EQ(entries("open").at(0).name, "李思琪");
  put("xueji", {pupil(zhang), pupil(li)}, "", /*whole=*/true);  // and is back
  EXPECT_EQ(census().suspected, 0);
}

TEST_P(Census, APartialListAddsPupilsWithoutRetiringTheOthers) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang), pupil(li)}, "", /*whole=*/true);
  put("xueji", {pupil(wang)});  // one school's additions
  const store::MatchRun run = census();
  EXPECT_EQ(run.xueji_records, 3);
  EXPECT_EQ(run.suspected, 0);
}

TEST_P(Census, AnEntryCanBeClosedOnceOnly) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang)});
  census();
  const long long id = entries("open").at(0).id;
  ASSERT_TRUE(store::close_suspected_entry(db(), "410308", id, "A", "", "核查员").ok());
  Status again = store::close_suspected_entry(db(), "410308", id, "A", "", "核查员");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "entry_not_open");
  EXPECT_EQ(store::close_suspected_entry(db(), "410308", 999999, "A", "", "x").error().code,
            "entry_not_found");
}

TEST_P(Census, APupilFromAnotherCountyIsInTheLedgerAsEnrolled) {
  RecordFields from_elsewhere = child("赵一鸣", "20160101", 45);
  from_elsewhere.id_number = "4103222016010104" + std::string("5");
  from_elsewhere.id_number = from_elsewhere.id_number.substr(0, 17) +
                             core::id_check_char(from_elsewhere.id_number.substr(0, 17));
  put("hukou", {zhang});
  put("xueji", {pupil(zhang), pupil(from_elsewhere)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.children, 2);
  EXPECT_EQ(run.enrolled, 2);
  EXPECT_EQ(run.suspected, 0);
  EXPECT_EQ(ledger_row(run.id, "赵一鸣").on_lists, "xueji");
  EXPECT_EQ(ledger_row(run.id, "赵一鸣").status, "enrolled");
}

TEST_P(Census, AChildOutsideTheCompulsoryBandAndOnNoStudentListIsNotSuspected) {
  const RecordFields toddler = child("刘小宝", "20230301", 51);
  const RecordFields adult = child("陈大山", "20070301", 53);
  put("hukou", {zhang, toddler, adult});
  put("xueji", {pupil(zhang)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.out_of_band, 2);
  EXPECT_EQ(run.suspected, 0);
  EXPECT_EQ(run.in_band, 1);
  EXPECT_TRUE(entries().empty());
  EXPECT_FALSE(ledger_row(run.id, "刘小宝").in_band);
}

TEST_P(Census, APupilOnTheRollButNotOnHisSchoolsPresentListIsSuspected) {
  put("hukou", {zhang, li, wang});
  // 王子涵 is at another school, which sent no present list: nothing is said about him.
  put("xueji", {pupil(zhang), pupil(li), pupil(wang, "孟津区会盟镇第二小学")});
  put("present", {pupil(zhang)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.present_records, 1);
  EXPECT_EQ(run.enrolled, 3);
  EXPECT_EQ(run.not_present, 1);
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].name, "李思琪");
  EXPECT_EQ(open[0].comparison, "xueji_present");
  EXPECT_EQ(open[0].reason_code, "not_present");
  EXPECT_EQ(open[0].school_name, "孟津区会盟镇中心小学");
  EXPECT_EQ(ledger_row(run.id, "张浩宇").on_lists, "hukou,xueji,present");
}

TEST_P(Census, ANewPresentListIsANewReasonForAClosedNotPresentEntry) {
  put("hukou", {zhang, li});
  put("xueji", {pupil(zhang), pupil(li)});
  put("present", {pupil(zhang)});
  census();
  const long long first = entries("open").at(0).id;
  ASSERT_TRUE(store::close_suspected_entry(db(), "410308", first, "A", "当天病假", "班主任").ok());
  EXPECT_EQ(census().entries_not_reopened, 1);
  put("present", {pupil(zhang), pupil(wang)});  // next week's list: still not there
  const store::MatchRun run = census();
  EXPECT_EQ(run.entries_opened, 1);
  EXPECT_EQ(entries("open").at(0).reopen_reason, "facts_changed");
}

TEST_P(Census, SuspectedChildrenOfPovertyHouseholdsAreFlaggedAndCountedApart) {
  put("hukou", {zhang, li, wang});
  put("xueji", {pupil(zhang)});
  put("group", {li}, "poverty_alleviated");
  put("group", {wang, zhang}, "left_behind");
  const store::MatchRun run = census();
  EXPECT_EQ(run.suspected, 2);
  EXPECT_EQ(run.poverty_suspected, 1);
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 2u);
  const auto& li_entry = open[0].name == "李思琪" ? open[0] : open[1];
  const auto& wang_entry = open[0].name == "李思琪" ? open[1] : open[0];
  EXPECT_TRUE(li_entry.poverty);
  EXPECT_EQ(li_entry.key_groups, "poverty_alleviated");
  EXPECT_FALSE(wang_entry.poverty);
  EXPECT_EQ(wang_entry.key_groups, "left_behind");
  EXPECT_EQ(ledger_row(run.id, "张浩宇").on_lists, "hukou,xueji,group:left_behind");
  EXPECT_TRUE(ledger_row(run.id, "李思琪").poverty);
}

TEST_P(Census, AChildOnlyAKeyGroupListNamesJoinsTheLedgerAndIsLookedFor) {
  const RecordFields unknown = child("孙小雨", "20160808", 62, "女");
  put("hukou", {zhang});
  put("xueji", {pupil(zhang)});
  put("group", {unknown}, "poverty_alleviated");
  put("group", {unknown}, "left_behind");  // the same child on a second list: one child
  const store::MatchRun run = census();
  EXPECT_EQ(run.children, 2);
  EXPECT_EQ(run.suspected, 1);
  EXPECT_EQ(run.poverty_suspected, 1);
  const auto open = entries("open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].reason_code, "only_on_group_list");
  EXPECT_EQ(ledger_row(run.id, "孙小雨").on_lists, "group:poverty_alleviated,group:left_behind");
}

TEST_P(Census, AChildOnlyTheVillageCommitteeListsJoinsTheLedger) {
  const RecordFields living_here = child("周子轩", "20150505", 71);
  put("hukou", {zhang});
  put("village", {zhang, living_here});
  put("xueji", {pupil(zhang)});
  const store::MatchRun run = census();
  EXPECT_EQ(run.village_records, 2);
  EXPECT_EQ(run.children, 2);
  EXPECT_EQ(run.suspected, 1);
  EXPECT_EQ(ledger_row(run.id, "张浩宇").on_lists, "hukou,village,xueji");
  EXPECT_EQ(ledger_row(run.id, "周子轩").on_lists, "village");
  EXPECT_EQ(entries("open").at(0).name, "周子轩");
}

BAOXUE_ON_BOTH_ENGINES(Census);

TEST_P(Census, EachChildIsPlacedInTheAdministrativeTreeFromTheNamesAsWritten) {
  regions({{"410308100201", "village", "台荫村民委员会", "410308100000"}});
  RecordFields li_written_short = li;
  li_written_short.township = "会盟";
  li_written_short.village = "台荫村";
  put("hukou", {zhang, li_written_short});
  put("xueji", {pupil(zhang)});
  const store::MatchRun run = census();
  EXPECT_EQ(ledger_row(run.id, "张浩宇").township_code, "410308100000");
  EXPECT_EQ(ledger_row(run.id, "李思琪").village_code, "410308100201");
  EXPECT_EQ(entries("open").at(0).township_code, "410308100000");
}

TEST_P(Census, AScopedReadShowsOnlyTheRowsInsideTheUsersPlace) {
  regions({{"410308101000", "township", "白鹤镇", "410308000000"}});
  RecordFields baihe = wang;
  baihe.township = "白鹤镇";
  put("hukou", {zhang, li, baihe});
  put("xueji", {pupil(zhang)});
  const store::MatchRun run = census();
  core::Scope township{"410308", core::Role::kTownship, "410308100000"};
  auto mine = store::ledger_children(db(), "410308", run.id, "", &township);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_EQ(mine->size(), 2u);  // 张浩宇 and 李思琪 live in 会盟镇; 王子涵 in 白鹤镇
  auto entries_here = store::suspected_entries(db(), "410308", "open", &township);
  ASSERT_TRUE(entries_here.ok());
  ASSERT_EQ(entries_here->size(), 1u);
  EXPECT_EQ(entries_here.value()[0].name, "李思琪");

  core::Scope school{"410308", core::Role::kSchoolAdmin};
  school.school_code = "1141030801";
  auto pupils = store::ledger_children(db(), "410308", run.id, "", &school);
  ASSERT_EQ(pupils->size(), 1u);
  EXPECT_EQ(pupils.value()[0].name, "张浩宇");
  EXPECT_TRUE(store::suspected_entries(db(), "410308", "", &school)->empty());

  core::Scope nowhere{"410308", core::Role::kVillage};  // a village user with no village
  EXPECT_TRUE(store::ledger_children(db(), "410308", run.id, "", &nowhere)->empty());
  core::Scope injected{"410308", core::Role::kTownship, "1' OR '1' = '1"};
  EXPECT_TRUE(store::ledger_children(db(), "410308", run.id, "", &injected)->empty());
  core::Scope county{"410308", core::Role::kInspector};
  EXPECT_EQ(store::ledger_children(db(), "410308", run.id, "", &county)->size(), 3u);
}

// The rules alone, without a database.
TEST(SuspectedRules, AChildWithoutAnEntryGetsOne) {
  EXPECT_EQ(decide_entry(nullptr, "b").action, EntryAction::kOpen);
}

TEST(SuspectedRules, AnOpenEntryStaysTheOnlyOne) {
  store::SuspectedEntry e;
  e.status = "open";
  e.basis = "other";
  EXPECT_EQ(decide_entry(&e, "b").action, EntryAction::kStillOpen);
}

TEST(SuspectedRules, AClosedEntryNeedsNewFactsOrANewDrop) {
  store::SuspectedEntry e;
  e.status = "closed";
  e.basis = "b";
  EXPECT_EQ(decide_entry(&e, "b").action, EntryAction::kNotReopened);
  EXPECT_EQ(decide_entry(&e, "c").reopen_reason, "facts_changed");
  e.in_school_run_id = 7;
  EXPECT_EQ(decide_entry(&e, "b").reopen_reason, "back_out_of_school");
}

}  // namespace
}  // namespace baoxue::ledger

namespace baoxue::ledger {
namespace {

TEST(RegionLookup, FindsTownshipsAndVillagesWhateverSuffixTheListWrites) {
  const RegionLookup lookup({{"410308000000", "county", "孟津区", ""},
                             {"410308100000", "township", "会盟镇", "410308000000"},
                             {"410308004000", "township", "吉利街道", "410308000000"},
                             {"410308100201", "village", "台荫村民委员会", "410308100000"},
                             {"410308004001", "village", "里仁社区居民委员会", "410308004000"},
                             {"410308004002", "village", "台荫村民委员会", "410308004000"}});
  EXPECT_EQ(lookup.find("会盟镇", "").township_code, "410308100000");
  EXPECT_EQ(lookup.find("会盟", "台荫村").village_code, "410308100201");
  EXPECT_EQ(lookup.find("吉利街道", "台荫").village_code, "410308004002");
  EXPECT_EQ(lookup.find("", "里仁社区").township_code, "410308004000");  // unique: found
  EXPECT_EQ(lookup.find("", "台荫村").village_code, "");  // two 台荫 in the county: not guessed
  EXPECT_EQ(lookup.find("白鹤镇", "").township_code, "");
}

}  // namespace
}  // namespace baoxue::ledger
