#include "attendance/streak.h"

#include <algorithm>

namespace baoxue::attendance {
namespace {

struct Named {
  Mark mark;
  const char* code;
  const char* zh;
};
constexpr Named kMarks[] = {{Mark::kPresent, "present", "出勤"},
                            {Mark::kLate, "late", "迟到"},
                            {Mark::kLeftEarly, "left_early", "早退"},
                            {Mark::kSickLeave, "sick_leave", "病假"},
                            {Mark::kPersonalLeave, "personal_leave", "事假"},
                            {Mark::kTruant, "truant", "旷课"}};

}  // namespace

std::optional<Mark> mark_of(const std::string& text) {
  for (const Named& n : kMarks)
    if (text == n.code || text == n.zh) return n.mark;
  return std::nullopt;
}

const char* mark_code(Mark m) {
  for (const Named& n : kMarks)
    if (n.mark == m) return n.code;
  return "";
}

DayKind day_kind(const ClassDay& day) {
  int truant = 0, leave = 0, attended_marks = 0;
  for (Mark m : day.exceptions) {
    if (m == Mark::kTruant) ++truant;
    if (m == Mark::kSickLeave || m == Mark::kPersonalLeave) ++leave;
    if (m == Mark::kLate || m == Mark::kLeftEarly || m == Mark::kPresent) ++attended_marks;
  }
  // A roll call with no mark for him found him present.
  const int unmarked = day.roll_calls - static_cast<int>(day.exceptions.size());
  if (attended_marks > 0 || unmarked > 0) return DayKind::kAttended;
  if (truant >= day.roll_calls) return DayKind::kUnexcused;
  return DayKind::kExcused;
}

Streak streak_on(std::vector<ClassDay> days, const Date& on) {
  days.erase(std::remove_if(days.begin(), days.end(),
                            [&](const ClassDay& d) { return d.roll_calls <= 0 || d.date > on; }),
             days.end());
  std::sort(days.begin(), days.end(),
            [](const ClassDay& a, const ClassDay& b) { return a.date < b.date; });
  Streak s;
  if (days.empty()) return s;
  s.last_school_day = days.back().date;
  for (auto it = days.rbegin(); it != days.rend(); ++it) {
    const DayKind k = day_kind(*it);
    if (k == DayKind::kAttended) break;
    if (k == DayKind::kExcused) continue;  // stepped over: neither counts nor breaks
    ++s.days;
    s.since = it->date;
    s.unexcused.insert(s.unexcused.begin(), it->date);
  }
  return s;
}

LevelRules LevelRules::from(const core::Settings& settings) {
  LevelRules r;
  r.home_visit_days = settings.get_int("attendance.home_visit_days");
  r.joint_visit_days = settings.get_int("attendance.joint_visit_days");
  r.suspected_after_days = settings.get_int("attendance.suspected_after_days");
  return r;
}

Level level_of(int streak_days, const LevelRules& rules) {
  Level l;
  if (streak_days <= 0) return l;
  l.level = 1;
  l.actions_due = {"phone_guardian"};
  if (streak_days >= rules.home_visit_days) {
    l.level = 2;
    l.actions_due = {"home_visit"};
  }
  if (streak_days >= rules.joint_visit_days) {
    l.level = 3;
    l.actions_due = {"joint_visit", "written_report"};
  }
  if (streak_days >= rules.suspected_after_days) {
    l.level = 4;
    l.actions_due = {"joint_visit", "written_report", "suspected_entry"};
  }
  return l;
}

}  // namespace baoxue::attendance
