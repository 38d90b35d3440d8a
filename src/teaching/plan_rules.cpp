#include "teaching/plan_rules.h"

namespace baoxue::teaching {
namespace {

Error bad(const std::string& message) { return make_error("bad_request", message); }

}  // namespace

Result<PlanSettled> settle_plan(const PlanChoice& choice, const Calendar& calendar,
                                const Date& today) {
  PlanSettled p;
  p.school_year = choice.school_year.value_or(calendar.school_year_of(today));
  if (p.school_year < 2000 || p.school_year > 2100)
    return bad("学年应为开始的年份，如 2026（2026—2027 学年）");
  const Date first = calendar.year_first_day(p.school_year);
  const Date last = calendar.year_last_day(p.school_year);
  p.start = first;
  p.end = last;
  if (!choice.start_date.empty()) {
    auto d = Date::parse_iso(choice.start_date);
    if (!d) return bad("开始日期应为 年-月-日，如 2026-09-01");
    p.start = *d;
  }
  if (!choice.end_date.empty()) {
    auto d = Date::parse_iso(choice.end_date);
    if (!d) return bad("结束日期应为 年-月-日，如 2027-07-10");
    p.end = *d;
  }
  if (p.end < p.start) return bad("结束日期早于开始日期，请改正");
  if (p.start < first || p.end > last)
    return bad("送教计划的起止日期应在 " + std::to_string(p.school_year) + " 学年之内（" +
               first.iso() + " 至 " + last.iso() + "）");
  p.visits_per_week = choice.visits_per_week.value_or(calendar.visits_per_week);
  if (p.visits_per_week < 1 || p.visits_per_week > 7) return bad("每周送教次数应为 1 到 7 次");
  p.hours_target = choice.hours_target.value_or(calendar.hours_target);
  if (!(p.hours_target >= 1 && p.hours_target <= 1000)) return bad("目标课时应在 1 到 1000 之间");
  return p;
}

Status check_session(const PlanTerms& plan, const Date& session_date, double hours,
                     const Date& today, bool correction) {
  if (!plan.active) return make_error("plan_not_active", "这份送教计划已经结束，不能再记录送教");
  if (session_date < plan.start || session_date > plan.end)
    return bad("送教日期应在计划起止日期之内（" + plan.start.iso() + " 至 " + plan.end.iso() +
               "）");
  if (session_date > today) return bad("送教日期不能晚于今天，请在送教后记录");
  if (correction && hours == 0) return {};
  if (!(hours > 0 && hours <= 8)) return bad("送教课时应大于 0、不超过 8");
  return {};
}

}  // namespace baoxue::teaching
