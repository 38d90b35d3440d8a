#include "attendance/escalate.h"

#include <map>
#include <set>

#include "attendance/alerts.h"
#include "cases/case_work.h"
#include "core/labels.h"
#include "ledger/standing.h"
#include "store/attendance_task_repository.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"

namespace baoxue::attendance {
namespace {

// The streak's basis on a suspected entry: once per streak.
std::string entry_basis(const Date& since) { return "attendance:" + since.iso(); }

// How strongly a home-visit method answers a task (a visit answers the call too).
int strength_of_method(const std::string& method) {
  if (method == "phone") return 1;
  if (method == "home") return 2;
  if (method == "joint") return 3;
  return 0;
}
int strength_of_action(const std::string& action) {
  if (action == "phone_guardian") return 1;
  if (action == "home_visit") return 2;
  return 3;  // joint_visit, written_report
}

// Opens the 疑似台账 entry of a pupil absent `suspected_after_days` school days in a row, once per
// streak; a pupil who had come back from dropping out has his case reopened instead.
Result<Escalation> enter_suspected(store::Database& db, const std::string& county,
                                   const store::Pupil& pupil, const Streak& s, const Date& today,
                                   const std::string& by) {
  Escalation done;
  const std::string reason = "连续旷课" + std::to_string(s.days) + "个上学日（" + s.since->iso() +
                             "起，截至" + s.last_school_day->iso() + "）";
  auto reopened =
      cases::reopen_on_relapse(db, county, pupil.child_key, "考勤：" + reason, by, today);
  if (!reopened) return reopened.error();
  if (reopened.value()) {
    done.cases_reopened = 1;
    return done;
  }
  auto latest = store::latest_entry_of_child(db, county, pupil.child_key);
  if (!latest) return latest.error();
  if (latest.value() &&
      (latest.value()->status == "open" || latest.value()->basis == entry_basis(*s.since)))
    return done;
  auto dropout = store::latest_dropout_of_child(db, county, pupil.child_key);
  if (!dropout) return dropout.error();
  if (dropout.value() && dropout.value()->status == "open") return done;
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return done;
  core::Scope all{county, core::Role::kCountyAdmin};
  auto row = store::child_by_id(db, county, pupil.ledger_id, all);
  if (!row) return row.error();
  if (!row.value()) return done;
  const store::LedgerChild& c = *row.value();
  store::SuspectedEntry e;
  e.child_key = c.child_key;
  e.comparison = "attendance";
  e.reason_code = "attendance_streak";
  e.reason = reason;
  e.basis = entry_basis(*s.since);
  e.record_id = c.xueji_record_id.value_or(c.record_id);
  e.name = c.name;
  e.sex = c.sex;
  e.birth_date = c.birth_date;
  e.id_number = c.id_number;
  e.student_no = pupil.student_no;
  e.township = c.township;
  e.village = c.village;
  e.township_code = c.township_code;
  e.village_code = c.village_code;
  e.guardian_name = c.guardian_name;
  e.school_code = c.school_code;
  e.school_name = c.school_name;
  e.grade = c.grade;
  e.class_number = c.class_number;
  e.poverty = c.poverty;
  e.key_groups = c.key_groups;
  e.opened_run_id = run.value()->id;
  e.last_seen_run_id = run.value()->id;
  e.opened_at = store::now_utc();
  if (latest.value()) e.previous_entry_id = latest.value()->id;
  if (Status st = store::insert_suspected_entry(db, county, e); !st) return st.error();
  if (Status st = ledger::refresh_standing(db, county, c.child_key); !st) return st.error();
  done.entries_opened = 1;
  return done;
}

}  // namespace

DueRules DueRules::from(const core::Settings& settings) {
  DueRules r;
  r.phone_due_days = settings.get_int("attendance.phone_due_days");
  r.home_visit_due_days = settings.get_int("attendance.home_visit_due_days");
  r.joint_visit_due_days = settings.get_int("attendance.joint_visit_due_days");
  return r;
}

Result<Escalation> escalate_class(store::Database& db, const std::string& county,
                                  const store::ClassRef& cls, const Date& today,
                                  const std::string& by) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const LevelRules rules = LevelRules::from(settings.value());
  const DueRules due = DueRules::from(settings.value());
  Escalation out;
  Status st = db.transaction([&]() -> Status {
    auto streaks = class_streaks(db, county, cls, today);
    if (!streaks) return streaks.error();
    auto roster = store::class_roster(db, county, cls, nullptr);
    if (!roster) return roster.error();
    std::map<std::string, const store::Pupil*> pupils;
    for (const auto& p : roster.value()) pupils[p.child_key] = &p;
    std::map<std::string, const Streak*> current;
    std::vector<store::AttendanceTask> tasks;
    for (const auto& ps : streaks.value()) {
      current[ps.child_key] = &ps.streak;
      auto it = pupils.find(ps.child_key);
      if (it == pupils.end()) continue;  // no longer on the class's roster
      const store::Pupil& p = *it->second;
      const Streak& s = ps.streak;
      auto task = [&](int level, const char* action, int reached_days, int due_days) {
        if (s.days < reached_days) return;
        store::AttendanceTask t;
        t.child_key = p.child_key;
        t.name = p.name;
        t.township_code = p.township_code;
        t.village_code = p.village_code;
        t.school_code = cls.school_code;
        t.school_name = p.school_name;
        t.grade = cls.grade;
        t.class_number = cls.class_number;
        t.streak_since = s.since->iso();
        t.level = level;
        t.action = action;
        t.due_on =
            s.unexcused[static_cast<std::size_t>(reached_days - 1)].plus_days(due_days).iso();
        tasks.push_back(std::move(t));
      };
      task(1, "phone_guardian", 1, due.phone_due_days);
      task(2, "home_visit", rules.home_visit_days, due.home_visit_due_days);
      task(3, "joint_visit", rules.joint_visit_days, due.joint_visit_due_days);
      if (s.days >= rules.suspected_after_days) {
        auto entered = enter_suspected(db, county, p, s, today, by);
        if (!entered) return entered.error();
        out.entries_opened += entered->entries_opened;
        out.cases_reopened += entered->cases_reopened;
      }
    }
    auto added = store::add_tasks(db, county, tasks);
    if (!added) return added.error();
    out.tasks_added = added.value();
    // Tasks of an absence that was not one: he came later that day, or the roll was corrected.
    auto open =
        store::open_tasks_of_class(db, county, cls.school_code, cls.grade, cls.class_number);
    if (!open) return open.error();
    const std::string day = today.iso();
    for (const auto& t : open.value()) {
      if (t.streak_since != day) continue;
      auto c = current.find(t.child_key);
      if (c != current.end() && c->second->since && c->second->since->iso() == day) continue;
      if (Status s = store::close_task(db, county, t.id, "cancelled", by,
                                       "当天已到校或点名已更正，无需处理", std::nullopt);
          !s)
        return s;
      ++out.tasks_cancelled;
    }
    out.streaks = std::move(streaks.value());
    return {};
  });
  if (!st) return st.error();
  return out;
}

Result<long long> answer_tasks(store::Database& db, const std::string& county,
                               const std::string& child_key, const std::string& method,
                               const std::string& date, long long visit_id, const std::string& by) {
  const int strength = strength_of_method(method);
  long long closed = 0;
  Status st = db.transaction([&]() -> Status {
    auto open = store::open_tasks_of(db, county, child_key);
    if (!open) return open.error();
    for (const auto& t : open.value()) {
      if (strength_of_action(t.action) > strength || t.streak_since > date) continue;
      if (Status s = store::close_task(db, county, t.id, "done", by,
                                       core::label_zh("visit_method", method), visit_id);
          !s)
        return s;
      ++closed;
    }
    return {};
  });
  if (!st) return st.error();
  return closed;
}

}  // namespace baoxue::attendance
