#include "teaching/plan_list.h"

#include <map>

#include "store/county_repository.h"

namespace baoxue::teaching {

PlanTerms terms_of(const store::HomeTeachingPlan& plan) {
  PlanTerms t;
  t.start = Date::parse_iso(plan.start_date).value_or(Date{});
  t.end = Date::parse_iso(plan.end_date).value_or(t.start);
  t.visits_per_week = plan.visits_per_week;
  t.hours_target = plan.hours_target;
  t.active = plan.status == "active";
  return t;
}

std::vector<SessionLine> lines_of(const std::vector<store::TeachingSession>& sessions) {
  std::vector<SessionLine> out;
  for (const auto& s : sessions)
    out.push_back({s.id, Date::parse_iso(s.session_date).value_or(Date{}), s.hours, s.corrects_id});
  return out;
}

std::string progress_state(const store::HomeTeachingPlan& plan, const Progress& p) {
  if (p.reached) return "reached";
  if (plan.status == "ended") return "ended";
  if (!p.started) return "not_started";
  return p.behind ? "behind" : "on_track";
}

Result<Calendar> county_calendar(store::Database& db, const std::string& county) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  return Calendar::from_settings(settings.value());
}

Result<std::vector<PlanWithProgress>> plans_with_progress(store::Database& db,
                                                          const std::string& county,
                                                          const store::PlanQuery& query,
                                                          const core::Scope& scope, const Date& day,
                                                          bool behind_only) {
  auto calendar = county_calendar(db, county);
  if (!calendar) return calendar.error();
  auto plans = store::find_plans(db, county, query, scope);
  if (!plans) return plans.error();
  std::vector<long long> ids;
  for (const auto& p : plans.value()) ids.push_back(p.id);
  auto sessions = store::sessions_of_plans(db, county, ids);
  if (!sessions) return sessions.error();
  std::map<long long, std::vector<store::TeachingSession>> by_plan;
  for (auto& s : sessions.value()) by_plan[s.plan_id].push_back(std::move(s));
  std::vector<PlanWithProgress> out;
  for (auto& p : plans.value()) {
    PlanWithProgress row;
    row.sessions = std::move(by_plan[p.id]);
    row.progress = progress_of(terms_of(p), lines_of(row.sessions), day, calendar.value());
    row.plan = std::move(p);
    if (behind_only && !row.progress.behind) continue;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace baoxue::teaching
