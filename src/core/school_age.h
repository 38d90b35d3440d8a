// School age: who should be in which grade on a given day.
//
// A child enters grade 1 in the school year in which he is `entry_age` full years old on the
// cut-off date (commonly born on or before 31 August). Provinces differ, so every number here
// comes from the county's settings; the defaults are the national common case.
#pragma once

#include "core/date.h"

namespace baoxue::core {

struct SchoolAgeRules {
  int cutoff_month = 8;  // age is measured on this day of the school year's first calendar year
  int cutoff_day = 31;
  int school_year_start_month = 9;  // the school year begins on this day
  int school_year_start_day = 1;
  int entry_age = 6;
  int compulsory_years = 9;
};

struct SchoolAge {
  int school_year = 0;     // calendar year in which the school year began (2026 = 2026–2027)
  int age_at_cutoff = 0;   // full years on the cut-off date of that school year
  int expected_grade = 0;  // 1..9 inside the band; ≤ 0 not yet of age; > years past the span
  bool in_compulsory_band = false;
  bool under_age = false;  // not yet of school age
  bool over_age = false;   // past the span (超龄)
};

// The school year that `day` falls in.
int school_year_of(const Date& day, const SchoolAgeRules& rules = {});

SchoolAge school_age(const Date& birth, const Date& on, const SchoolAgeRules& rules = {});

}  // namespace baoxue::core
