#include "cases/escalation.h"

#include <algorithm>

namespace baoxue::cases {

EscalationRules EscalationRules::from(const core::Settings& s) {
  EscalationRules r;
  r.attempt_interval_days = s.get_int("case.attempt_interval_days");
  r.refusals_before_notice = s.get_int("case.refusals_before_notice");
  r.follow_up_days = s.get_int("case.follow_up_days");
  r.follow_up_note_days = s.get_int("case.follow_up_note_days");
  return r;
}

Escalation escalate(const CaseFacts& f, const EscalationRules& rules, const Date& today) {
  Escalation e;
  if (f.state == "persuading") {
    const Date from = f.last_attempt.value_or(f.opened_on);
    Date due = from.plus_days(rules.attempt_interval_days);
    if (f.promised_next) due = std::min(due, *f.promised_next);
    e.next_due = due;
    e.notice_due = f.refusals >= rules.refusals_before_notice && !f.notice_deadline;
    e.escalated = f.notice_deadline && today > *f.notice_deadline;
  } else if (f.state == "returned" && f.returned_on) {
    e.follow_up_until = f.returned_on->plus_days(rules.follow_up_days);
    const Date from = std::max(f.last_follow_up.value_or(*f.returned_on), *f.returned_on);
    // No note is due once the follow-up period is over: the case waits for 申请销号.
    if (from < *e.follow_up_until)
      e.next_due = std::min(from.plus_days(rules.follow_up_note_days), *e.follow_up_until);
  }
  e.overdue = e.next_due && today > *e.next_due;
  return e;
}

}  // namespace baoxue::cases
