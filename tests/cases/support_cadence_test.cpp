// Specification of when a support pair's contacts are late (cases/support_cadence.h): each kind
// is due its cadence in days after the later of the pair's start and its last contact of that
// kind, and overdue from the day after.
#include "cases/support_cadence.h"

#include <gtest/gtest.h>

namespace baoxue::cases {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

PairFacts paired_on(const char* since) {
  PairFacts f;
  f.since = d(since);
  return f;
}

const KindDue& kind(const std::vector<KindDue>& due, const std::string& k) {
  for (const auto& x : due)
    if (x.kind == k) return x;
  static const KindDue none;
  ADD_FAILURE() << "no row for " << k;
  return none;
}

TEST(SupportCadence, ANewPairOwesItsFirstWeeklyRecordSevenDaysAfterItBeganAndIsLateTheDayAfter) {
  const PairFacts f = paired_on("2026-09-01");
  const auto on_time = cadence(f, {}, d("2026-09-08"));
  EXPECT_EQ(kind(on_time, "weekly_record").due_on, d("2026-09-08"));
  EXPECT_FALSE(kind(on_time, "weekly_record").overdue);
  const auto late = cadence(f, {}, d("2026-09-09"));
  EXPECT_TRUE(kind(late, "weekly_record").overdue);
  EXPECT_EQ(kind(late, "weekly_record").overdue_since, d("2026-09-09"));
  EXPECT_EQ(kind(late, "weekly_record").days_overdue, 1);
  // The monthly talk and the call home are not due yet.
  EXPECT_FALSE(kind(late, "monthly_talk").overdue);
  EXPECT_EQ(kind(late, "monthly_talk").due_on, d("2026-10-02"));
  EXPECT_EQ(kind(late, "term_call").due_on, d("2026-12-30"));
}

TEST(SupportCadence, EachContactRestartsOnlyItsOwnKindsClock) {
  PairFacts f = paired_on("2026-09-01");
  f.last_contact["weekly_record"] = d("2026-09-20");
  const auto due = cadence(f, {}, d("2026-10-05"));
  EXPECT_EQ(kind(due, "weekly_record").due_on, d("2026-09-27"));
  EXPECT_TRUE(kind(due, "weekly_record").overdue);
  EXPECT_EQ(kind(due, "weekly_record").last_contact, d("2026-09-20"));
  // No talk since the start: 31 days after it, late on 10-03.
  EXPECT_TRUE(kind(due, "monthly_talk").overdue);
  EXPECT_EQ(kind(due, "monthly_talk").overdue_since, d("2026-10-03"));
  EXPECT_FALSE(kind(due, "term_call").overdue);
}

TEST(SupportCadence, AContactOlderThanThePairCountsFromTheStart) {
  // A pupil paired again with a new teacher: the old pair's calls do not make the new one late.
  PairFacts f = paired_on("2026-09-01");
  f.last_contact["term_call"] = d("2026-03-01");
  EXPECT_EQ(kind(cadence(f, {}, d("2026-09-02")), "term_call").due_on, d("2026-12-30"));
}

TEST(SupportCadence, TheCadenceIsTheCountysSettingAndZeroAsksForNothing) {
  core::Settings settings(std::map<std::string, std::string>{{"support.weekly_record_days", "14"},
                                                             {"support.talk_days", "0"}});
  const CadenceRules rules = CadenceRules::from(settings);
  const auto due = cadence(paired_on("2026-09-01"), rules, d("2026-09-10"));
  ASSERT_EQ(due.size(), 2u);  // no monthly talk
  EXPECT_EQ(kind(due, "weekly_record").due_on, d("2026-09-15"));
  EXPECT_EQ(kind(due, "term_call").due_on, d("2026-12-30"));  // the shipped default, 120
}

TEST(SupportCadence, AnEndedPairOwesNothing) {
  PairFacts f = paired_on("2026-01-05");
  f.ended = true;
  EXPECT_TRUE(cadence(f, {}, d("2026-12-01")).empty());
}

TEST(SupportCadence, TheQueryCutOffAgreesWithTheRuleOnEitherSideOfTheDueDay) {
  for (const char* today : {"2026-09-08", "2026-09-09", "2026-09-30"}) {
    for (const char* last : {"2026-09-01", "2026-09-02", "2026-09-20"}) {
      PairFacts f = paired_on("2026-09-01");
      f.last_contact["weekly_record"] = d(last);
      const bool by_rule = kind(cadence(f, {}, d(today)), "weekly_record").overdue;
      const bool by_cut = std::max(f.since, d(last)) < overdue_before(7, d(today));
      EXPECT_EQ(by_rule, by_cut) << today << " " << last;
    }
  }
}

}  // namespace
}  // namespace baoxue::cases
