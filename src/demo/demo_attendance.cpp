#include "demo/demo_attendance.h"

#include <algorithm>
#include <map>
#include <set>

#include "attendance/escalate.h"
#include "core/labels.h"
#include "demo/rng.h"
#include "store/attendance_task_repository.h"
#include "store/county_repository.h"
#include "store/home_visit_repository.h"
#include "store/leave_repository.h"
#include "store/user_repository.h"

namespace baoxue::demo {
namespace {

// The term's school days: weekdays from its start to the day before `as_of`, less the National
// Day holiday, plus its make-up Saturday — no calendar is stored; the roll calls are the calendar.
std::vector<Date> school_days(const Date& start, const Date& before) {
  std::vector<Date> out;
  for (Date d = start; d < before; d = d.plus_days(1)) {
    const long weekday = (d.days_since_epoch() + 4) % 7;  // 1970-01-01 was a Thursday: 0 Sunday
    const bool holiday = d.month == 10 && d.day <= 8;
    const bool make_up = d.month == 10 && d.day == 10;
    if ((weekday >= 1 && weekday <= 5 && !holiday) || make_up) out.push_back(d);
  }
  return out;
}

struct Class {
  store::ClassSummary summary;
  std::vector<store::Pupil> pupils;
};

// A pupil's exceptions by day and session (0 am, 1 pm).
using Plan = std::map<std::pair<std::size_t, int>, std::string>;

}  // namespace

Result<store::ClassRef> demo_teacher_class(store::Database& db, const std::string& county,
                                           const std::string& school_code) {
  core::Scope all{county, core::Role::kCountyAdmin};
  auto classes = store::classes_in_scope(db, county, all, school_code);
  if (!classes) return classes.error();
  if (classes->empty()) return make_error("not_found", "演示学校没有班级");
  return classes->front().cls;
}

Result<AttendanceSeed> seed_attendance(store::Database& db, const std::string& county,
                                       const Date& as_of) {
  AttendanceSeed out;
  {
    store::Where w;
    w.add("county_code = ?", {county});
    auto have = store::count_rows(db, "FROM roll_calls", w);
    if (!have) return have.error();
    if (have.value() > 0) return out;
  }
  auto users = store::list_users(db, county);
  if (!users) return users.error();
  std::string school_a;
  for (const auto& u : users.value())
    if (u.username == "school_a") school_a = u.school_code;
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const std::vector<Date> days = school_days(settings->census_day(as_of), as_of);
  if (days.size() < 15) return out;  // too early in the term for a demo of streaks
  core::Scope all{county, core::Role::kCountyAdmin};
  auto summaries = store::classes_in_scope(db, county, all, "");
  if (!summaries) return summaries.error();
  std::vector<Class> classes;
  for (const auto& s : summaries.value()) {
    auto roster = store::class_roster(db, county, s.cls, nullptr);
    if (!roster) return roster.error();
    std::vector<store::Pupil> pupils;
    for (auto& p : roster.value())
      if (p.standing != "dropout") pupils.push_back(std::move(p));
    if (!pupils.empty()) classes.push_back({s, std::move(pupils)});
  }
  if (classes.empty()) return out;

  Rng rng(20261206);
  const std::size_t last = days.size() - 1;
  std::map<std::pair<std::size_t, std::size_t>, Plan> plans;  // (class, pupil) → exceptions
  std::vector<store::LeaveRecord> leave;
  // Leave for a pupil from `from` to `to`, recorded the day before it began.
  auto leave_on_days = [&](const Class& c, const store::Pupil& p, const char* kind,
                           const Date& from, const Date& to, const char* reason) {
    store::LeaveRecord l;
    l.child_key = p.child_key;
    l.name = p.name;
    l.township_code = p.township_code;
    l.village_code = p.village_code;
    l.school_code = c.summary.cls.school_code;
    l.school_name = c.summary.school_name;
    l.grade = c.summary.cls.grade;
    l.class_number = c.summary.cls.class_number;
    l.kind = kind;
    l.from_day = from.iso();
    l.to_day = to.iso();
    l.reason = reason;
    l.recorded_by = "班主任";
    l.recorded_at = from.plus_days(-1).iso() + "T10:00:00Z";
    leave.push_back(std::move(l));
  };
  auto leave_for = [&](const Class& c, const store::Pupil& p, const char* kind, std::size_t from,
                       std::size_t to, const char* reason) {
    leave_on_days(c, p, kind, days[from], days[to], reason);
  };
  // Everyday exceptions: leave (with its record), lateness, leaving early, a skipped session.
  for (std::size_t ci = 0; ci < classes.size(); ++ci) {
    const Class& c = classes[ci];
    for (std::size_t pi = 0; pi < c.pupils.size(); ++pi) {
      Plan& plan = plans[{ci, pi}];
      for (std::size_t d = 0; d < days.size(); ++d) {
        if (rng.chance(0.004)) {  // sick for one to three days
          const std::size_t to = std::min(last, d + static_cast<std::size_t>(rng.between(0, 2)));
          for (std::size_t k = d; k <= to; ++k) plan[{k, 0}] = plan[{k, 1}] = "sick_leave";
          if (rng.chance(0.6))
            leave_for(c, c.pupils[pi], "sick_leave", d, to,
                      rng.chance(0.5) ? "感冒发烧，家长电话请假" : "肠胃不适，在家休息");
          d = to;
          continue;
        }
        if (rng.chance(0.002)) {
          plan[{d, 0}] = plan[{d, 1}] = "personal_leave";
          leave_for(c, c.pupils[pi], "personal_leave", d, d,
                    rng.chance(0.5) ? "随家长回老家办事" : "家中有事，家长接回");
          continue;
        }
        for (int s = 0; s < 2; ++s) {
          if (rng.chance(0.004))
            plan[{d, s}] = "late";
          else if (rng.chance(0.0015))
            plan[{d, s}] = "left_early";
          else if (rng.chance(0.0008))
            plan[{d, s}] = "truant";  // one session: not a day away
        }
      }
    }
  }
  // Streaks of whole days away without leave, ending on the last school day at each level, and
  // some that ended earlier in the term. Left-behind pupils more often than others.
  auto pick_pupil = [&](bool prefer_key_group) {
    for (int tries = 0; tries < 50; ++tries) {
      const std::size_t ci = rng.below(classes.size());
      const std::size_t pi = rng.below(classes[ci].pupils.size());
      if (!prefer_key_group || !classes[ci].pupils[pi].key_groups.empty() || tries > 40)
        return std::make_pair(ci, pi);
    }
    return std::make_pair<std::size_t, std::size_t>(0, 0);
  };
  auto away = [&](std::size_t ci, std::size_t pi, std::size_t from, std::size_t to) {
    Plan& plan = plans[{ci, pi}];
    for (std::size_t k = from; k <= to; ++k) plan[{k, 0}] = plan[{k, 1}] = "truant";
    if (to < last) plan[{to + 1, 0}] = plan[{to + 1, 1}] = "";  // back the next school day
    ++out.streaks;
  };
  std::set<std::pair<std::size_t, std::size_t>> planted;
  auto plant = [&](int length, bool key_group, std::optional<std::size_t> in_class = {}) {
    auto [ci, pi] =
        in_class ? std::make_pair(*in_class, std::size_t{1} % classes[*in_class].pupils.size())
                 : pick_pupil(key_group);
    if (!planted.insert({ci, pi}).second) return;
    away(ci, pi, last + 1 - static_cast<std::size_t>(length), last);
  };
  for (int i = 0; i < 9; ++i) plant(1, i % 2 == 0);
  for (int i = 0; i < 6; ++i) plant(2, i % 2 == 0);
  for (int i = 0; i < 4; ++i) plant(3 + i, true);
  plant(12, true);  // past ten school days: the suspected ledger, source 考勤
  // The demo head teacher's class has a pupil away two days: his first task list is not empty.
  if (!school_a.empty()) {
    auto cls = demo_teacher_class(db, county, school_a);
    if (!cls) return cls.error();
    for (std::size_t ci = 0; ci < classes.size(); ++ci)
      if (classes[ci].summary.cls == cls.value() && classes[ci].pupils.size() > 1)
        plant(2, false, ci);
  }
  for (int i = 0; i < 12; ++i) {  // streaks that ended: the term's history
    auto [ci, pi] = pick_pupil(true);
    if (planted.count({ci, pi})) continue;
    const std::size_t from = rng.below(last - 10);
    away(ci, pi, from, from + static_cast<std::size_t>(rng.between(1, 4)));
  }
  // A streak that steps over a day of sick leave: three days away around it.
  {
    auto [ci, pi] = pick_pupil(false);
    if (planted.insert({ci, pi}).second) {
      Plan& plan = plans[{ci, pi}];
      away(ci, pi, last - 3, last);
      plan[{last - 2, 0}] = plan[{last - 2, 1}] = "sick_leave";
      leave_for(classes[ci], classes[ci].pupils[pi], "sick_leave", last - 2, last - 2,
                "发烧，医院就诊");
    }
  }
  // Leave recorded for the coming days: the next roll call starts from it.
  for (int i = 0; i < 6; ++i) {
    auto [ci, pi] = pick_pupil(false);
    leave_on_days(classes[ci], classes[ci].pupils[pi], i % 2 ? "personal_leave" : "sick_leave",
                  as_of, as_of.plus_days(i % 3),
                  i % 2 ? "随家长外出就医复查" : "水痘，遵医嘱居家隔离");
  }

  // Head teachers' flags of a learning difficulty, junior classes more often.
  std::vector<std::pair<std::size_t, std::size_t>> flagged;
  for (int i = 0; i < 60; ++i) {
    auto [ci, pi] = pick_pupil(false);
    if (classes[ci].summary.cls.grade >= 4 || rng.chance(0.3)) flagged.emplace_back(ci, pi);
  }

  // Write the roll calls, class by class.
  Status st = db.transaction([&]() -> Status {
    for (std::size_t ci = 0; ci < classes.size(); ++ci) {
      const Class& c = classes[ci];
      std::vector<store::RollCall> calls;
      calls.reserve(days.size() * 2);
      for (std::size_t d = 0; d < days.size(); ++d)
        for (int s = 0; s < 2; ++s) {
          if (s == 1 && rng.chance(0.002)) continue;  // an afternoon outing: no roll taken
          store::RollCall r;
          r.cls = c.summary.cls;
          r.day = days[d].iso();
          r.session = s == 0 ? "am" : "pm";
          r.township_code = c.summary.township_code;
          r.pupils = static_cast<long long>(c.pupils.size());
          r.source = "phone";
          r.taken_by = "班主任";
          r.taken_at = r.updated_at = days[d].iso() + (s == 0 ? "T00:10:00Z" : "T06:05:00Z");
          for (std::size_t pi = 0; pi < c.pupils.size(); ++pi) {
            auto plan = plans.find({ci, pi});
            if (plan == plans.end()) continue;
            auto m = plan->second.find({d, s});
            if (m != plan->second.end() && !m->second.empty())
              r.marks.push_back({c.pupils[pi].child_key, m->second});
          }
          out.marks += static_cast<long long>(r.marks.size());
          calls.push_back(std::move(r));
        }
      out.roll_calls += static_cast<long long>(calls.size());
      if (Status s = store::insert_roll_calls(db, county, calls); !s) return s;
    }
    for (auto& l : leave)
      if (Status s = store::insert_leave(db, county, l); !s) return s;
    out.leave = static_cast<long long>(leave.size());
    for (const auto& [ci, pi] : flagged) {
      const long long id = db.reserve_ids("pupil_flags", 1);
      const std::string key = classes[ci].pupils[pi].child_key;
      const std::string note = rng.chance(0.5) ? "数学跟不上，作业常不交" : "阅读困难，上课听不懂";
      const std::string at = days[rng.below(days.size())].iso() + "T08:00:00Z";
      db.sql()
          << "INSERT INTO pupil_flags (county_code, id, child_key, flag, note, set_by, set_at) "
             "VALUES (:c, :i, :k, 'learning_difficulty', :n, '班主任', :t)",
          soci::use(county), soci::use(id), soci::use(key), soci::use(note), soci::use(at);
    }
    return {};
  });
  if (!st) return st.error();

  // The rules act on every class with a streak as of the day; some tasks are answered.
  std::set<store::ClassRef> with_streaks;
  for (const auto& [key, plan] : plans) {
    auto m = plan.find({last, 0});
    if (m != plan.end() && m->second == "truant")
      with_streaks.insert(classes[key.first].summary.cls);
  }
  st = db.transaction([&]() -> Status {
    for (const auto& cls : with_streaks) {
      auto done = attendance::escalate_class(db, county, cls, as_of, "demo");
      if (!done) return done.error();
      out.tasks += done->tasks_added;
      out.entries += done->entries_opened;
    }
    auto open = store::open_tasks_of(db, county, "");
    if (!open) return open.error();
    for (const auto& t : open.value()) {
      if (t.action != "phone_guardian" || rng.chance(0.4)) continue;
      store::HomeVisit v;
      v.child_key = t.child_key;
      v.name = t.name;
      v.township_code = t.township_code;
      v.village_code = t.village_code;
      v.school_code = t.school_code;
      v.school_name = t.school_name;
      v.grade = t.grade;
      v.class_number = t.class_number;
      v.visit_date = t.due_on;
      v.method = "phone";
      v.visitors = "班主任";
      v.met = "学生母亲";
      v.content = rng.chance(0.5) ? "家长说孩子身体不舒服，忘了请假；已提醒补办请假手续"
                                  : "家长外出务工，孩子由爷爷照看，已联系爷爷明早送孩子上学";
      v.recorded_by = "班主任";
      if (Status s = store::insert_visit(db, county, v); !s) return s;
      auto closed =
          attendance::answer_tasks(db, county, v.child_key, v.method, v.visit_date, v.id, "demo");
      if (!closed) return closed.error();
      out.answered += closed.value();
    }
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::demo
