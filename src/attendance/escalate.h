// What a class's roll call sets in motion (DOMAIN.md §6): each pupil's streak, as of the day,
// gives the head teacher a task per level reached — a call to the guardian, a home visit, a joint
// visit with the village contact and a written report — and at `suspected_after_days` school
// days a 疑似台账 entry (source 考勤), once per streak, which the existing verification flow
// closes. A pupil who had come back from dropping out has his case reopened
// (cases::reopen_on_relapse), as when the lists suspect him again.
//
// Tasks are named by their streak's first day and action, so acting again on the same roll
// calls adds nothing. A task whose absence turned out not to be one — he came in the afternoon,
// or the day's roll call was corrected — is cancelled; a real absence's task stays until the
// home-visit record that answers it is logged (answer_tasks).
#pragma once

#include <string>

#include "attendance/alerts.h"
#include "attendance/streak.h"
#include "core/code_tables.h"
#include "store/database.h"
#include "store/roll_call_repository.h"

namespace baoxue::attendance {

// When each task is due, counted from the school day the streak reached its level (settings
// attendance.*_due_days): the call the same day, the visit the next, the joint visit and the
// written report within three.
struct DueRules {
  int phone_due_days = 0, home_visit_due_days = 1, joint_visit_due_days = 3;
  static DueRules from(const core::Settings& settings);
};

struct Escalation {
  long long tasks_added = 0, tasks_cancelled = 0, entries_opened = 0, cases_reopened = 0;
  std::vector<PupilStreak> streaks;  // the class's streaks on the day, as acted on
};
// Acts on the class's streaks on `today`. Runs in the caller's transaction if there is one.
Result<Escalation> escalate_class(store::Database& db, const std::string& county,
                                  const store::ClassRef& cls, const Date& today,
                                  const std::string& by);

// A home-visit record was logged for the pupil (method home | phone | joint, on `date`): closes
// his open tasks due from the streak that it answers — a call answers the call, a home visit the
// call and the visit, a joint visit all three. Returns how many it closed.
Result<long long> answer_tasks(store::Database& db, const std::string& county,
                               const std::string& child_key, const std::string& method,
                               const std::string& date, long long visit_id, const std::string& by);

}  // namespace baoxue::attendance
