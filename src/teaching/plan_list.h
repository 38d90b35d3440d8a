// Plans with their progress as of a day: what the plan list, its export, the plan page and the
// command line show. Reads the plans, their session logs and the county's settings, then
// applies the rules (teaching/progress.h).
#pragma once

#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/home_teaching_repository.h"
#include "teaching/calendar.h"
#include "teaching/progress.h"

namespace baoxue::teaching {

struct PlanWithProgress {
  store::HomeTeachingPlan plan;
  std::vector<store::TeachingSession> sessions;  // every row, by date and id
  Progress progress;
};

// The terms progress reads of a stored plan.
PlanTerms terms_of(const store::HomeTeachingPlan& plan);
// The log as progress reads it.
std::vector<SessionLine> lines_of(const std::vector<store::TeachingSession>& sessions);
// active | ended | not_started | reached | behind | on_track (labels home_teaching_progress).
std::string progress_state(const store::HomeTeachingPlan& plan, const Progress& p);

// Every plan of the query inside the scope, with its progress on `day`; `behind_only`: only
// the plans behind schedule.
Result<std::vector<PlanWithProgress>> plans_with_progress(store::Database& db,
                                                          const std::string& county,
                                                          const store::PlanQuery& query,
                                                          const core::Scope& scope, const Date& day,
                                                          bool behind_only = false);
// The county's calendar (its settings).
Result<Calendar> county_calendar(store::Database& db, const std::string& county);

}  // namespace baoxue::teaching
