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

// Fewer classes than this whose last school day is the same are read one by one; more are
// first narrowed to those with a pupil away that day (one query over the day's marks).
constexpr std::size_t kClassesReadOneByOne = 50;

// The classes among `classes` (all of whose last school day is `day`) where a streak can be.
Result<std::vector<store::ClassRef>> narrowed(store::Database& db, const std::string& county,
                                              const Date& day, const std::string& school_code,
                                              const std::vector<store::ClassRef>& classes) {
  if (classes.size() <= kClassesReadOneByOne) return classes;
  auto away = store::classes_with_pupils_away(db, county, day.iso(),
                                              day.plus_days(-kCandidateDays).iso(), school_code);
  if (!away) return away.error();
  const std::set<store::ClassRef> wanted(classes.begin(), classes.end());
  std::vector<store::ClassRef> out;
  for (const auto& c : away.value())
    if (wanted.count(c)) out.push_back(c);
  return out;
}

// The classes where a streak on `on` can be. A pupil with one was away (truant, or on leave after
// truant days) at every roll call of his class's last school day. When no class took roll after
// `on` (today's alerts), each class's last day is kept (store::classes_last_taking_roll) and the
// classes are grouped by it; for an earlier day, the classes that took roll on the county's last
// roll-call day L are narrowed by L's marks, and those that did not by a truant mark in the
// weeks before.
Result<std::set<store::ClassRef>> candidates_on(store::Database& db, const std::string& county,
                                                const Date& on, const Date& last_day,
                                                const std::string& school_code) {
  std::set<store::ClassRef> out;
  const std::string window = last_day.plus_days(-kCandidateDays).iso();
  auto latest = store::latest_class_day(db, county);
  if (!latest) return latest.error();
  if (latest.value() <= on.iso()) {
    auto kept = store::classes_last_taking_roll(db, county, window, last_day.iso(), school_code);
    if (!kept) return kept.error();
    std::map<std::string, std::vector<store::ClassRef>> by_day;
    for (auto& [cls, day] : kept.value()) by_day[day].push_back(std::move(cls));
    for (const auto& [day, classes] : by_day) {
      auto d = Date::parse_iso(day);
      if (!d) continue;
      auto some = narrowed(db, county, *d, school_code, classes);
      if (!some) return some.error();
      out.insert(some->begin(), some->end());
    }
    return out;
  }
  auto away = store::classes_with_pupils_away(db, county, last_day.iso(), window, school_code);
  if (!away) return away.error();
  auto earlier =
      store::classes_with_truancy(db, county, window, last_day.plus_days(-1).iso(), school_code);
  if (!earlier) return earlier.error();
  auto took_roll = store::classes_on_day(db, county, last_day.iso(), school_code);
  if (!took_roll) return took_roll.error();
  out.insert(away->begin(), away->end());
  const std::set<store::ClassRef> on_last(took_roll->begin(), took_roll->end());
  for (const auto& c : earlier.value())
    if (!on_last.count(c)) out.insert(c);
  return out;
}

// Every streak on `on`.
Result<std::vector<PupilStreak>> streaks_from(store::Database& db, const std::string& county,
                                              const Date& on, const std::string& school_code) {
  std::vector<PupilStreak> out;
  auto last = store::last_roll_call_day(db, county, on.iso());
  if (!last) return last.error();
  auto last_day = Date::parse_iso(last.value());
  if (!last_day) return out;  // no roll call yet
  auto candidates = candidates_on(db, county, on, *last_day, school_code);
  if (!candidates) return candidates.error();
  for (const auto& cls : candidates.value()) {
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
