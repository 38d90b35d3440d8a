// When a persuade-to-return case is late, and how far up it goes (劝返逾期 and 升级). Pure: the
// facts of the case and the county's settings in, the day passed in, no clock read.
//
// - 劝返中: a new attempt is due `case.attempt_interval_days` (7) after the last one (after the
//   case opened, before the first) — or earlier, on the next step the last attempt promised.
//   Past it the case is overdue and listed for its township and the county.
// - After `case.refusals_before_notice` (3) refusals the township issues a 限期返校通知书
//   (义务教育法 art. 58: 批评教育、责令限期改正): until it does, the case shows "notice due".
// - The notice's deadline passed with the child still not back: escalated to the county.
// - 已返校（跟踪期）: the head teacher's note is due every `case.follow_up_note_days` (31) after
//   the return; the follow-up ends `case.follow_up_days` (120, about a term) after the return.
#pragma once

#include <optional>
#include <string>

#include "core/code_tables.h"
#include "core/date.h"

namespace baoxue::cases {

struct EscalationRules {
  int attempt_interval_days = 7;
  int refusals_before_notice = 3;
  int follow_up_days = 120;
  int follow_up_note_days = 31;
  static EscalationRules from(const core::Settings& settings);
};

// What the rule reads of a case.
struct CaseFacts {
  std::string state;  // core/case_flow.h
  Date opened_on;
  std::optional<Date> last_attempt;     // the latest attempt that stands (not corrected)
  std::optional<Date> promised_next;    // that attempt's next step's due date
  int refusals = 0;                     // attempts that stand with the outcome "refused"
  std::optional<Date> notice_deadline;  // the latest 限期返校通知书's, if one was issued
  std::optional<Date> returned_on;      // re-enrolment date (已返校)
  std::optional<Date> last_follow_up;   // the latest follow-up note
};

struct Escalation {
  std::optional<Date> next_due;         // the next attempt or follow-up note
  std::optional<Date> follow_up_until;  // 已返校: the last day of the follow-up period
  bool overdue = false;
  bool notice_due = false;
  bool escalated = false;  // to the county
};

// The next due day does not depend on `today`, so it is stored with the case and lists filter
// on it; the flags are what `today` makes of it.
Escalation escalate(const CaseFacts& facts, const EscalationRules& rules, const Date& today);

}  // namespace baoxue::cases
