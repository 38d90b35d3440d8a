// The school calendar a 送教上门 plan is measured against: its school year, its terms and the
// teaching days in them. From the county's settings (school_year.start, census.term_days,
// home_teaching.term_weeks); nothing here reads a clock or the database.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"

namespace baoxue::teaching {

struct Calendar {
  std::pair<int, int> year_start{9, 1};          // school_year.start (month, day)
  std::vector<std::pair<int, int>> term_starts;  // census.term_days, e.g. 03-01 and 09-01
  int term_weeks = 18;                           // teaching weeks of a term
  int visits_per_week = 2;                       // home_teaching.visits_per_week
  double hours_target = 216;                     // home_teaching.hours_target
  double behind_tolerance_hours = 6;             // home_teaching.behind_tolerance_hours

  static Calendar from_settings(const core::Settings& settings);

  // The school year `day` falls in, named by the year it starts (2026 for 2026-09-01 ..
  // 2027-08-31).
  int school_year_of(const Date& day) const;
  // A school year's first day and its last (the day before the next year's start).
  Date year_first_day(int school_year) const;
  Date year_last_day(int school_year) const;
  // The start of the term `day` falls in (the latest term start on or before it).
  Date term_start(const Date& day) const;
  // Whether `day` is a teaching day: inside the first term_weeks weeks after a term start.
  // Holidays (winter, summer) are the rest.
  bool teaching_day(const Date& day) const;
  // Teaching days from `from` to `to`, both included (0 when to < from).
  long teaching_days(const Date& from, const Date& to) const;
};

}  // namespace baoxue::teaching
