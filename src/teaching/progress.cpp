#include "teaching/progress.h"

#include <algorithm>
#include <set>

namespace baoxue::teaching {

std::vector<SessionLine> counted_sessions(const std::vector<SessionLine>& log) {
  std::set<long long> corrected;
  for (const SessionLine& s : log)
    if (s.corrects_id) corrected.insert(*s.corrects_id);
  std::vector<SessionLine> out;
  for (const SessionLine& s : log)
    if (!corrected.count(s.id)) out.push_back(s);
  return out;
}

Progress progress_of(const PlanTerms& plan, const std::vector<SessionLine>& log, const Date& day,
                     const Calendar& calendar) {
  Progress p;
  p.started = day >= plan.start;
  for (const SessionLine& s : counted_sessions(log)) {
    if (s.date > day || s.date < plan.start) continue;
    p.hours_done += s.hours;
    ++p.sessions;
    if (s.date > day.plus_days(-7)) ++p.visits_last_7_days;
  }
  // Expected hours, pro rata over the plan's TEACHING days (the first term_weeks weeks of each
  // term), not over calendar days: the target is a school year's class hours, taught in term
  // time, so the winter and summer holidays must not make a plan look behind (nor a long term
  // make it look ahead). 216 hours over 2 × 18 weeks is 6 hours a teaching week.
  const Date until = std::min(day, plan.end);
  const long total = calendar.teaching_days(plan.start, plan.end);
  const long elapsed = until < plan.start ? 0 : calendar.teaching_days(plan.start, until);
  p.hours_expected = total > 0 ? plan.hours_target * static_cast<double>(elapsed) / total : 0;
  p.shortfall = std::max(0.0, p.hours_expected - p.hours_done);
  p.reached = plan.hours_target > 0 && p.hours_done >= plan.hours_target;
  p.behind =
      plan.active && p.started && !p.reached && p.shortfall > calendar.behind_tolerance_hours;
  p.visits_short = plan.active && p.started && day <= plan.end && calendar.teaching_day(day) &&
                   day.plus_days(-7) >= plan.start.plus_days(-1) &&
                   p.visits_last_7_days < plan.visits_per_week;
  p.percent = plan.hours_target > 0 ? std::min(100.0, 100.0 * p.hours_done / plan.hours_target) : 0;
  return p;
}

}  // namespace baoxue::teaching
