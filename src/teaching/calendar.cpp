#include "teaching/calendar.h"

#include <algorithm>
#include <cstdlib>

namespace baoxue::teaching {
namespace {

// "09-01" → {9, 1}; `fallback` when it is not a month-day.
std::pair<int, int> month_day(const std::string& text, std::pair<int, int> fallback) {
  if (text.size() != 5 || text[2] != '-') return fallback;
  const int m = std::atoi(text.substr(0, 2).c_str()), d = std::atoi(text.substr(3, 2).c_str());
  if (!Date::is_valid(2000, m, d)) return fallback;  // 2000: a leap year, 02-29 allowed
  return {m, d};
}

double number(const core::Settings& s, const std::string& key, double fallback) {
  const std::string v = s.get(key);
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  return (v.empty() || end == nullptr || *end != '\0' || d < 0) ? fallback : d;
}

// A month-day in a year; 02-29 in a common year falls on 02-28.
Date on(int year, std::pair<int, int> md) {
  if (!Date::is_valid(year, md.first, md.second)) return Date{year, md.first, 28};
  return Date{year, md.first, md.second};
}

}  // namespace

Calendar Calendar::from_settings(const core::Settings& s) {
  Calendar c;
  c.year_start = month_day(s.get("school_year.start"), c.year_start);
  const std::string days = s.get("census.term_days");
  std::size_t start = 0;
  while (start < days.size()) {
    std::size_t end = days.find(',', start);
    if (end == std::string::npos) end = days.size();
    const auto md = month_day(days.substr(start, end - start), {0, 0});
    if (md.first != 0) c.term_starts.push_back(md);
    start = end + 1;
  }
  if (c.term_starts.empty()) c.term_starts.push_back(c.year_start);
  std::sort(c.term_starts.begin(), c.term_starts.end());
  c.term_weeks = static_cast<int>(number(s, "home_teaching.term_weeks", c.term_weeks));
  c.visits_per_week = static_cast<int>(number(s, "home_teaching.visits_per_week", 2));
  c.hours_target = number(s, "home_teaching.hours_target", c.hours_target);
  c.behind_tolerance_hours =
      number(s, "home_teaching.behind_tolerance_hours", c.behind_tolerance_hours);
  return c;
}

int Calendar::school_year_of(const Date& day) const {
  return day >= on(day.year, year_start) ? day.year : day.year - 1;
}

Date Calendar::year_first_day(int school_year) const { return on(school_year, year_start); }

Date Calendar::year_last_day(int school_year) const {
  return on(school_year + 1, year_start).plus_days(-1);
}

Date Calendar::term_start(const Date& day) const {
  Date best = year_first_day(school_year_of(day));
  for (int year : {day.year - 1, day.year})
    for (const auto& md : term_starts) {
      const Date d = on(year, md);
      if (d <= day && best < d) best = d;
    }
  return best;
}

bool Calendar::teaching_day(const Date& day) const {
  const Date start = term_start(day);
  return day.days_since_epoch() - start.days_since_epoch() < 7L * term_weeks;
}

long Calendar::teaching_days(const Date& from, const Date& to) const {
  long n = 0;
  for (long d = from.days_since_epoch(); d <= to.days_since_epoch(); ++d)
    if (teaching_day(Date::from_days_since_epoch(d))) ++n;
  return n;
}

}  // namespace baoxue::teaching
