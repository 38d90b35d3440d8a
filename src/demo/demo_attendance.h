// The demo county's term of roll calls (上下午两点名): every class's two roll calls on each school
// day from the term's start to the day before `as_of`, with realistic exceptions (sick and
// personal leave with its leave record, lateness, leaving early, a session skipped now and
// then) and streaks of absence without leave at each level on the last school day — a few
// phone calls due, home visits, joint visits, one past ten days that enters the suspected
// ledger — plus streaks that ended earlier in the term. The streak rules then act on every
// class as of `as_of` (tasks, the suspected entry), and some of the tasks are answered by the
// visit logged for them. Deterministic for a given as-of day; a county that already has roll
// calls gets nothing more.
#pragma once

#include <string>

#include "core/date.h"
#include "store/database.h"
#include "store/roll_call_repository.h"

namespace baoxue::demo {

struct AttendanceSeed {
  long long roll_calls = 0, marks = 0, leave = 0, streaks = 0, tasks = 0, answered = 0, entries = 0;
};
Result<AttendanceSeed> seed_attendance(store::Database& db, const std::string& county,
                                       const Date& as_of);

// The class the demo's head teacher (teacher_a) keeps: the first class of `school_code` on the
// latest ledger. demo-users signs him in to it, and the demo plants a streak there.
Result<store::ClassRef> demo_teacher_class(store::Database& db, const std::string& county,
                                           const std::string& school_code);

}  // namespace baoxue::demo
