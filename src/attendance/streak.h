// Absence streaks (issue 13, DOMAIN.md §6): from a class's roll calls, how many school days in a
// row a pupil has been absent without leave, and what that asks of whom. Pure: the roll calls and
// the day are passed in, the thresholds are the county's settings.
//
// - A school day for a pupil is a date on which his class took at least one roll call: weekends,
//   holidays, make-up days and a class outing need no calendar.
// - The day is unexcused when he is 旷课 at every roll call his class took that day. 出勤, 迟到 or
//   早退 at any roll call that day breaks the streak (a pupil not marked at a roll call is present:
//   everyone is present by default). A day whose marks include leave (病假 / 事假) and no
//   attendance neither counts nor breaks it.
// - The streak on day D is the number of consecutive unexcused days ending at his class's last
//   school day on or before D, stepping over excused days; 0 if he attended that day.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"

namespace baoxue::attendance {

// A mark at one roll call (labels table attendance_mark).
enum class Mark { kPresent, kLate, kLeftEarly, kSickLeave, kPersonalLeave, kTruant };
// "出勤", "迟到", … and the codes present, late, left_early, sick_leave, personal_leave, truant.
std::optional<Mark> mark_of(const std::string& text_or_code);
const char* mark_code(Mark m);

// One school day of the pupil's class: how many roll calls it took, and his marks that are not
// "present" (at most one per roll call).
struct ClassDay {
  Date date;
  int roll_calls = 0;
  std::vector<Mark> exceptions;
};

enum class DayKind { kAttended, kUnexcused, kExcused };
DayKind day_kind(const ClassDay& day);

struct Streak {
  int days = 0;                         // consecutive unexcused school days
  std::optional<Date> since;            // the first of them
  std::optional<Date> last_school_day;  // the class's last school day on or before the asked day
  std::vector<Date> unexcused;          // the unexcused days themselves, oldest first
};
// `days`: the class's school days (any order; days without a roll call are ignored).
Streak streak_on(std::vector<ClassDay> days, const Date& on);

// What a streak asks (settings attendance.*): level 1 the head teacher phones the guardian that
// day; 2 a home visit; 3 a joint visit with the village contact and a written report to the
// principal and the township; `suspected_after_days` (10) school days: a 疑似台账 entry (source
// 考勤), once per streak.
struct LevelRules {
  int home_visit_days = 2;
  int joint_visit_days = 3;
  int suspected_after_days = 10;
  static LevelRules from(const core::Settings& settings);
};
struct Level {
  int level = 0;                         // 0 none, 1–3 as above, 4 suspected
  std::vector<std::string> actions_due;  // labels table attendance_action
};
Level level_of(int streak_days, const LevelRules& rules);

}  // namespace baoxue::attendance
