// Absence alerts and the school's day: who is absent without leave, for how many school days in
// a row, and what that asks now (attendance/alerts.h) — county-wide for the bureau, one school's
// or one class's for the school and the head teacher; and a school's day at a glance (which
// classes took roll, who is absent, by class).
#include <algorithm>
#include <map>

#include "api/call.h"
#include "attendance/alerts.h"
#include "core/labels.h"
#include "store/county_repository.h"
#include "store/roll_call_repository.h"

namespace baoxue::api {
namespace {

json actions_json(const std::vector<std::string>& codes) {
  json out = json::array();
  for (const auto& a : codes) out.push_back(core::label_zh("attendance_action", a));
  return out;
}

json alert_json(const attendance::Alert& a) {
  return {{"id", a.ledger_id},
          {"name", a.name},
          {"student_no", a.student_no},
          {"school_code", a.pupil.cls.school_code},
          {"school_name", a.school_name},
          {"grade", a.pupil.cls.grade},
          {"class_number", a.pupil.cls.class_number},
          {"class_name", a.class_name},
          {"streak", a.pupil.streak.days},
          {"since", a.pupil.streak.since->iso()},
          {"level", a.level.level},
          {"actions_due", actions_json(a.level.actions_due)},
          {"action_codes", a.level.actions_due}};
}

// The alerts on the day inside the user's scope (all of them: a streak list is short, and each
// row is a child someone must act on today).
Result<std::vector<attendance::Alert>> scoped_alerts(Call& c, const Date& day,
                                                     const std::string& school_code) {
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  const std::string school = school_code.empty() ? c.scope.school_code : school_code;
  auto all = attendance::alerts_on(c.db, c.county(), day, school,
                                   attendance::LevelRules::from(settings.value()));
  if (!all) return all.error();
  std::vector<attendance::Alert> out;
  for (auto& a : all.value())
    if (core::reaches(c.scope, {a.township_code, a.village_code, a.pupil.cls.school_code,
                                a.pupil.cls.grade, a.pupil.cls.class_number}))
      out.push_back(std::move(a));
  return out;
}

Result<Date> day_of(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  return day_or_today(c.query().text("day"), *today);
}

Result<Response> alerts(Call& c) {
  const Params p = c.query();
  auto school = p.code("school_code");
  if (!school) return school.error();
  auto level = p.choice("level", {"1", "2", "3", "4"});
  if (!level) return level.error();
  auto day = day_of(c);
  if (!day) return day.error();
  auto found = scoped_alerts(c, *day, *school);
  if (!found) return found.error();
  json rows = json::array();
  std::map<int, long long> by_level;
  for (const auto& a : found.value()) {
    ++by_level[a.level.level];
    if (!level->empty() && std::to_string(a.level.level) != *level) continue;
    rows.push_back(alert_json(a));
  }
  json levels = json::object();
  for (const auto& [l, n] : by_level) levels[std::to_string(l)] = n;
  if (!rows.empty())
    if (Status st = c.audit("view_attendance_alerts", "attendance_alerts", "",
                            day->iso() + " 连续旷课预警 " + std::to_string(rows.size()) + " 人");
        !st)
      return st.error();
  return json_response(
      {{"day", day->iso()}, {"total", rows.size()}, {"by_level", levels}, {"rows", rows}});
}

// A school's day: each class with its two roll calls (taken or not, absences by mark) and the
// pupils absent that day with their streaks.
Result<Response> school_day(Call& c) {
  const Params p = c.query();
  auto school = p.code("school_code");
  if (!school) return school.error();
  const std::string code = school->empty() ? c.scope.school_code : *school;
  if (code.empty()) return make_error("bad_request", "请选择学校（school_code）");
  auto day = day_of(c);
  if (!day) return day.error();
  auto classes = store::classes_in_scope(c.db, c.county(), c.scope, code);
  if (!classes) return classes.error();
  if (classes->empty()) return make_error("not_found", "没有这所学校的班级，或不在您的管辖范围内");
  auto calls = store::roll_calls_on(c.db, c.county(), day->iso(), code, c.scope);
  if (!calls) return calls.error();
  auto streaks = scoped_alerts(c, *day, code);
  if (!streaks) return streaks.error();
  std::map<std::string, const attendance::Alert*> streak_of;
  for (const auto& a : streaks.value()) streak_of[a.pupil.child_key] = &a;
  json rows = json::array();
  long long taken_am = 0, taken_pm = 0, absent = 0;
  for (const auto& s : classes.value()) {
    auto roster = store::class_roster(c.db, c.county(), s.cls, &c.scope);
    if (!roster) return roster.error();
    std::map<std::string, const store::Pupil*> pupil_of;
    for (const auto& pu : roster.value()) pupil_of[pu.child_key] = &pu;
    json sessions = json::object();
    std::map<std::string, std::map<std::string, std::string>> marks;  // child → session → mark
    for (const auto& r : calls.value()) {
      if (!(r.cls == s.cls)) continue;
      json counts = json::object();
      for (const auto& m : r.marks) {
        counts[m.mark] = counts.value(m.mark, 0) + 1;
        marks[m.child_key][r.session] = m.mark;
      }
      sessions[r.session] = {{"id", r.id},
                             {"taken_by", r.taken_by},
                             {"taken_by_name", display_name_of(c.db, r.taken_by)},
                             {"taken_at", r.taken_at},
                             {"revision", r.revision},
                             {"source_name", core::label_zh("attendance_source", r.source)},
                             {"counts", counts}};
      (r.session == "am" ? taken_am : taken_pm) += 1;
    }
    json pupils = json::array();
    for (const auto& [key, by_session] : marks) {
      auto pu = pupil_of.find(key);
      json row = {{"name", pu == pupil_of.end() ? std::string("（已不在本班）") : pu->second->name},
                  {"id", pu == pupil_of.end() ? 0 : pu->second->ledger_id}};
      for (const auto& [session, mark] : by_session) {
        row[session] = core::label_zh("attendance_mark", mark);
        row[session + "_mark"] = mark;
      }
      auto st = streak_of.find(key);
      row["streak"] = st == streak_of.end() ? 0 : st->second->pupil.streak.days;
      row["level"] = st == streak_of.end() ? 0 : st->second->level.level;
      pupils.push_back(std::move(row));
      ++absent;
    }
    json row = {{"class_name", core::class_label(s.cls.grade, s.cls.class_number)},
                {"grade", s.cls.grade},
                {"class_number", s.cls.class_number},
                {"pupils", s.pupils},
                {"am", sessions.value("am", json(nullptr))},
                {"pm", sessions.value("pm", json(nullptr))},
                {"absent", pupils}};
    rows.push_back(std::move(row));
  }
  if (Status st = c.audit("view_school_day", "attendance_day", code,
                          classes->front().school_name + " " + day->iso() + " 出勤情况");
      !st)
    return st.error();
  return json_response({{"day", day->iso()},
                        {"school_code", code},
                        {"school_name", classes->front().school_name},
                        {"classes", classes->size()},
                        {"taken_am", taken_am},
                        {"taken_pm", taken_pm},
                        {"pupils_with_marks", absent},
                        {"streaks", streaks->size()},
                        {"rows", rows}});
}

}  // namespace

void add_attendance_alert_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/attendance/alerts", alerts});
  r.push_back({"GET", "/api/attendance/day", school_day});
}

}  // namespace baoxue::api
