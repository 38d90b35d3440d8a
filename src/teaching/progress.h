// How far a 送教上门 plan has come: hours taught against the hours the calendar expects by a
// given day, and the visits of the last week against the plan's frequency. A pure function of
// the plan, its session log and the day passed in.
#pragma once

#include <optional>
#include <vector>

#include "core/date.h"
#include "teaching/calendar.h"

namespace baoxue::teaching {

// What progress reads of a plan.
struct PlanTerms {
  Date start, end;
  int visits_per_week = 2;
  double hours_target = 216;
  bool active = true;  // an ended plan raises no alert
};

// One row of the session log. Rows are append-only: a correction is a new row naming the one
// it corrects, which then no longer counts (nor does a correction that is itself corrected).
struct SessionLine {
  long long id = 0;
  Date date;
  double hours = 0;
  std::optional<long long> corrects_id;
};

struct Progress {
  double hours_done = 0;      // counted sessions from the plan's start up to the day
  long sessions = 0;          // counted sessions up to the day
  double hours_expected = 0;  // what the calendar expects by the day (pro rata, see .cpp)
  double shortfall = 0;       // expected − done, 0 when ahead
  bool behind = false;        // active, and short by more than the tolerance
  bool reached = false;       // done ≥ target: 达成
  long visits_last_7_days = 0;
  bool visits_short = false;  // fewer visits in the last 7 days than visits_per_week, in term
  double percent = 0;         // done / target, 0..100 (capped for the bar only)
  bool started = true;        // the day is on or after the plan's start
};

// The rows that count: every row not corrected by a later one.
std::vector<SessionLine> counted_sessions(const std::vector<SessionLine>& log);

Progress progress_of(const PlanTerms& plan, const std::vector<SessionLine>& log, const Date& day,
                     const Calendar& calendar);

}  // namespace baoxue::teaching
