// Specification of when a persuade-to-return case is late and how far up it goes
// (cases/escalation.h), and of the case workflow's table (core/case_flow.h).
#include "cases/escalation.h"

#include <gtest/gtest.h>

#include "core/case_flow.h"

namespace baoxue::cases {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

CaseFacts persuading(const char* opened) {
  CaseFacts f;
  f.state = "persuading";
  f.opened_on = d(opened);
  return f;
}

TEST(Escalation, ANewCaseIsDueItsFirstAttemptSevenDaysAfterOpeningAndOverdueTheDayAfter) {
  const CaseFacts f = persuading("2026-11-02");
  EXPECT_EQ(escalate(f, {}, d("2026-11-09")).next_due, d("2026-11-09"));
  EXPECT_FALSE(escalate(f, {}, d("2026-11-09")).overdue);
  EXPECT_TRUE(escalate(f, {}, d("2026-11-10")).overdue);
}

TEST(Escalation, EachAttemptRestartsTheClockAndAPromisedEarlierStepIsWhatIsDue) {
  CaseFacts f = persuading("2026-11-02");
  f.last_attempt = d("2026-11-20");
  EXPECT_EQ(escalate(f, {}, d("2026-11-21")).next_due, d("2026-11-27"));
  f.promised_next = d("2026-11-23");
  EXPECT_EQ(escalate(f, {}, d("2026-11-21")).next_due, d("2026-11-23"));
  f.promised_next = d("2026-12-30");  // a later promise does not stretch the interval
  EXPECT_EQ(escalate(f, {}, d("2026-11-21")).next_due, d("2026-11-27"));
}

TEST(Escalation, TheIntervalIsTheCountysSetting) {
  EscalationRules rules;
  rules.attempt_interval_days = 3;
  EXPECT_EQ(escalate(persuading("2026-11-02"), rules, d("2026-11-02")).next_due, d("2026-11-05"));
}

TEST(Escalation, ThreeRefusalsCallForTheTownshipsDeadlineNoticeUntilItIsIssued) {
  CaseFacts f = persuading("2026-11-02");
  f.refusals = 2;
  EXPECT_FALSE(escalate(f, {}, d("2026-11-10")).notice_due);
  f.refusals = 3;
  EXPECT_TRUE(escalate(f, {}, d("2026-11-10")).notice_due);
  f.notice_deadline = d("2026-11-25");
  EXPECT_FALSE(escalate(f, {}, d("2026-11-10")).notice_due);
}

TEST(Escalation, ANoticesDeadlinePassedWithTheChildNotBackGoesToTheCounty) {
  CaseFacts f = persuading("2026-11-02");
  f.notice_deadline = d("2026-11-25");
  EXPECT_FALSE(escalate(f, {}, d("2026-11-25")).escalated);
  EXPECT_TRUE(escalate(f, {}, d("2026-11-26")).escalated);
  f.state = "returned";  // he came back: nothing to escalate
  f.returned_on = d("2026-11-24");
  EXPECT_FALSE(escalate(f, {}, d("2026-11-26")).escalated);
}

TEST(Escalation, AReturnedChildIsFollowedUpForATermWithAMonthlyNote) {
  CaseFacts f;
  f.state = "returned";
  f.opened_on = d("2026-09-10");
  f.returned_on = d("2026-10-08");
  Escalation e = escalate(f, {}, d("2026-10-20"));
  EXPECT_EQ(e.follow_up_until, d("2027-02-05"));  // 120 days
  EXPECT_EQ(e.next_due, d("2026-11-08"));         // 31 days after the return
  f.last_follow_up = d("2026-11-05");
  EXPECT_EQ(escalate(f, {}, d("2026-11-10")).next_due, d("2026-12-06"));
  EXPECT_TRUE(escalate(f, {}, d("2026-12-07")).overdue);
  // Once the follow-up period is over no note is due: the case waits for 申请销号.
  f.last_follow_up = d("2027-02-05");
  EXPECT_FALSE(escalate(f, {}, d("2027-03-01")).next_due.has_value());
}

TEST(CaseFlow, OpenStatesAreThoseWithAWayOutAndOnlyPersuadingMeansNotBack) {
  EXPECT_EQ(core::case_states(), (std::vector<std::string>{"persuading", "returned",
                                                           "home_teaching", "closing", "closed"}));
  EXPECT_EQ(core::open_case_states(),
            (std::vector<std::string>{"persuading", "returned", "home_teaching", "closing"}));
  EXPECT_EQ(core::not_back_case_states(), std::vector<std::string>{"persuading"});
}

TEST(CaseFlow, ClosingNeedsTheCountyAndARefusalReturnsToWhereTheCaseWas) {
  const core::CaseTransition* approve = core::find_case_transition("closing", "approve_close");
  ASSERT_NE(approve, nullptr);
  EXPECT_EQ(approve->who, core::CaseActor::kCounty);
  const core::CaseTransition* reject = core::find_case_transition("closing", "reject_close");
  ASSERT_NE(reject, nullptr);
  EXPECT_STREQ(reject->to, "");
  EXPECT_TRUE(reject->needs & core::kNeedReason);
  EXPECT_EQ(core::find_case_transition("persuading", "approve_close"), nullptr);
  EXPECT_EQ(core::implied_case_end("returned"), "returned");
  EXPECT_EQ(core::implied_case_end("home_teaching"), "home_teaching");
}

}  // namespace
}  // namespace baoxue::cases
