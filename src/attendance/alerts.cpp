#include "attendance/alerts.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/labels.h"

namespace baoxue::attendance {
namespace {

// Most streaks end within a few weeks; a longer one is read again from further back.
constexpr long kFirstWindowDays = 21;
constexpr long kFullWindowDays = 400;
// A class's last school day lies within this many days of the county's last roll-call day (a
// class that took no roll for three weeks while the county did shows on the school's day as
// not taking roll, not here).
constexpr long kCandidateDays = 21;

std::vector<ClassDay> days_of(const store::ClassHistory& h,
                              const std::vector<std::pair<std::string, std::string>>& marks) {
  std::map<std::string, ClassDay> days;
  for (const auto& [day, count] : h.roll_calls) {
    auto d = Date::parse_iso(day);
    if (!d) continue;
    days[day] = ClassDay{*d, count, {}};
  }
  for (const auto& [day, mark] : marks) {
    auto it = days.find(day);
    auto m = mark_of(mark);
    if (it != days.end() && m) it->second.exceptions.push_back(*m);
  }
  std::vector<ClassDay> out;
  out.reserve(days.size());
  for (auto& [_, d] : days) out.push_back(std::move(d));
  return out;
}

// Whether the pupil's streak may run on before the first day read.
bool reaches_window_start(const store::ClassHistory& h, const Streak& s) {
  return s.since && !h.roll_calls.empty() && s.since->iso() == h.roll_calls.begin()->first;
}

// A class's streaks on `on`, from a first window of weeks, or further back when one may run on.
Result<std::vector<PupilStreak>> streaks_of_class(store::Database& db, const std::string& county,
                                                  const Date& on, const store::ClassRef& cls) {
  std::vector<PupilStreak> found;
  for (long window : {kFirstWindowDays, kFullWindowDays}) {
    auto read = store::class_histories(db, county, on.plus_days(-window).iso(), on.iso(), "", cls);
    if (!read) return read.error();
    found.clear();
    bool longer = false;
    for (const auto& h : read.value()) {
      for (auto& p : streaks_in(h, on)) {
        longer = longer || reaches_window_start(h, p.streak);
        found.push_back(std::move(p));
      }
    }
    if (!longer) break;
  }
  return found;
}

// Every streak on `on`. A pupil with one was away (truant, or on leave after truant days) at every
// roll call of his class's last school day, which for a class taking roll is the county's last
// roll-call day L: those classes are found in one query over L's marks. Classes that did not take
// roll on L are read when they had a truant mark in the weeks before it.
Result<std::vector<PupilStreak>> streaks_from(store::Database& db, const std::string& county,
                                              const Date& on, const std::string& school_code) {
  std::vector<PupilStreak> out;
  auto last = store::last_roll_call_day(db, county, on.iso());
  if (!last) return last.error();
  auto last_day = Date::parse_iso(last.value());
  if (!last_day) return out;  // no roll call yet
  const std::string window = last_day->plus_days(-kCandidateDays).iso();
  auto away = store::classes_with_pupils_away(db, county, last_day->iso(), window, school_code);
  if (!away) return away.error();
  auto earlier =
      store::classes_with_truancy(db, county, window, last_day->plus_days(-1).iso(), school_code);
  if (!earlier) return earlier.error();
  auto took_roll = store::classes_on_day(db, county, last_day->iso(), school_code);
  if (!took_roll) return took_roll.error();
  std::set<store::ClassRef> candidates(away->begin(), away->end());
  const std::set<store::ClassRef> on_last(took_roll->begin(), took_roll->end());
  for (const auto& c : earlier.value())
    if (!on_last.count(c)) candidates.insert(c);
  for (const auto& cls : candidates) {
    auto found = streaks_of_class(db, county, on, cls);
    if (!found) return found.error();
    for (auto& p : found.value()) out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::vector<PupilStreak> streaks_in(const store::ClassHistory& history, const Date& on) {
  std::vector<PupilStreak> out;
  for (const auto& [key, marks] : history.marks) {
    Streak s = streak_on(days_of(history, marks), on);
    if (s.days > 0) out.push_back({key, history.cls, std::move(s)});
  }
  return out;
}

Result<std::vector<PupilStreak>> class_streaks(store::Database& db, const std::string& county,
                                               const store::ClassRef& cls, const Date& on) {
  return streaks_of_class(db, county, on, cls);
}

Result<std::vector<Alert>> alerts_on(store::Database& db, const std::string& county, const Date& on,
                                     const std::string& school_code, const LevelRules& rules) {
  auto streaks = streaks_from(db, county, on, school_code);
  if (!streaks) return streaks.error();
  // Names and numbers from the latest run, in one query for all of them.
  std::vector<std::string> keys;
  for (const auto& p : streaks.value()) keys.push_back(p.child_key);
  auto known = store::pupils_by_keys(db, county, keys);
  if (!known) return known.error();
  std::vector<Alert> out;
  for (auto& p : streaks.value()) {
    Alert a;
    a.level = level_of(p.streak.days, rules);
    a.class_name = core::class_label(p.cls.grade, p.cls.class_number);
    if (auto it = known->find(p.child_key); it != known->end()) {
      const store::Pupil& k = it->second;
      a.ledger_id = k.ledger_id;
      a.student_no = k.student_no;
      a.name = k.name;
      a.school_name = k.school_name;
      a.township_code = k.township_code;
      a.village_code = k.village_code;
    }
    a.pupil = std::move(p);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const Alert& x, const Alert& y) {
    return std::tie(x.pupil.cls, x.name, x.pupil.child_key) <
           std::tie(y.pupil.cls, y.name, y.pupil.child_key);
  });
  return out;
}

}  // namespace baoxue::attendance
