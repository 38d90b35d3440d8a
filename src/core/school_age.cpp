#include "core/school_age.h"

namespace baoxue::core {

int school_year_of(const Date& day, const SchoolAgeRules& r) {
  const bool before_start =
      day.month < r.school_year_start_month ||
      (day.month == r.school_year_start_month && day.day < r.school_year_start_day);
  return before_start ? day.year - 1 : day.year;
}

SchoolAge school_age(const Date& birth, const Date& on, const SchoolAgeRules& r) {
  SchoolAge a;
  a.school_year = school_year_of(on, r);
  Date cutoff{a.school_year, r.cutoff_month, r.cutoff_day};
  if (!Date::is_valid(cutoff.year, cutoff.month, cutoff.day)) cutoff.day = 28;  // 02-29 rules
  a.age_at_cutoff = full_years(birth, cutoff);
  a.expected_grade = a.age_at_cutoff - r.entry_age + 1;
  a.under_age = a.expected_grade < 1;
  a.over_age = a.expected_grade > r.compulsory_years;
  a.in_compulsory_band = !a.under_age && !a.over_age;
  return a;
}

}  // namespace baoxue::core
