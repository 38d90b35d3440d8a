// What the at-risk model (易流失学生花名册) knows of one pupil on one day. Filled by the caller
// from roll calls, the key-group register, the enrolment history and the case ledger; this module
// reads nothing itself.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace baoxue::risk {

struct Features {
  // Unexcused school days (attendance::DayKind::kUnexcused) in the 30 calendar days up to the day,
  // and how many school days those 30 days held: the days are what the model weighs, the school
  // days say what they are out of (a holiday month holds few).
  int truant_days_30 = 0;
  int school_days_30 = 0;
  // Share of roll calls attended (出勤, 迟到, 早退) over the school year so far, 0..1; none when
  // his class has taken no roll call yet.
  std::optional<double> attendance_rate;
  // His key groups (code_tables key_group): "left_behind", "dibao", a county's own code …
  std::vector<std::string> key_groups;
  bool learning_difficulty_flag = false;  // his head teacher marked a learning difficulty
  bool returned_after_dropout = false;    // he was on the dropout ledger and came back
  int transfers_this_year = 0;            // transfers in or out this school year
  int over_age_years = 0;                 // years older than the normal age for his grade, else 0
  int grade = 1;                          // 1–9 (7–9: junior secondary)
};

}  // namespace baoxue::risk
