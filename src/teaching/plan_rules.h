// What a 送教上门 plan and a session must satisfy, and the plan's defaults: the school year the
// day falls in, from its first day to the day before the next year's start (a whole school
// year, because the target — 216 class hours — is a school year's); visits per week and the
// target from the county's settings. The day is passed in.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/result.h"
#include "teaching/calendar.h"
#include "teaching/progress.h"

namespace baoxue::teaching {

// What the person making the plan chose; unset fields take the defaults.
struct PlanChoice {
  std::optional<int> school_year;
  std::string start_date, end_date;  // YYYY-MM-DD or ""
  std::optional<int> visits_per_week;
  std::optional<double> hours_target;
};

struct PlanSettled {
  int school_year = 0;
  Date start, end;
  int visits_per_week = 2;
  double hours_target = 216;
};

// The plan's year, dates, frequency and target. Errors (bad_request, Chinese remedy): dates
// that are not dates, an end before the start, dates outside the school year, a frequency
// outside 1..7 a week, a target outside 1..1000 hours.
Result<PlanSettled> settle_plan(const PlanChoice& choice, const Calendar& calendar,
                                const Date& today);

// A session may be recorded for a day of an active plan, from its start up to today (not
// after its end), of more than 0 and at most 8 hours. A correction may have 0 hours: it
// withdraws a session recorded by mistake.
Status check_session(const PlanTerms& plan, const Date& session_date, double hours,
                     const Date& today, bool correction = false);

}  // namespace baoxue::teaching
