// Absence alerts: every pupil whose streak (streak.h) on a day is at least one, with the level it
// has reached and what is due, read from the stored roll calls. The same computation serves the
// command line (`baoxue attendance alerts`), the school's day and the escalation after each roll
// call, so they can never disagree.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "attendance/streak.h"
#include "store/database.h"
#include "store/roll_call_repository.h"

namespace baoxue::attendance {

// One pupil's streak in his class.
struct PupilStreak {
  std::string child_key;
  store::ClassRef cls;
  Streak streak;
};
// The pupils of the class with a streak of at least one on `on`. Pure.
std::vector<PupilStreak> streaks_in(const store::ClassHistory& history, const Date& on);

struct Alert {
  PupilStreak pupil;
  Level level;
  long long ledger_id = 0;  // 0 when the latest run does not place him in this class
  std::string student_no, name, school_name, class_name, township_code, village_code;
};

// The streaks on `on` across the county (or one school), by school, class and name. Reads the
// roll calls back as far as the longest streak reaches (a first window of weeks, then further
// for the pupils whose streak runs past its start).
Result<std::vector<Alert>> alerts_on(store::Database& db, const std::string& county, const Date& on,
                                     const std::string& school_code, const LevelRules& rules);
// The same for one class: what the escalation after its roll call acts on.
Result<std::vector<PupilStreak>> class_streaks(store::Database& db, const std::string& county,
                                               const store::ClassRef& cls, const Date& on);

}  // namespace baoxue::attendance
