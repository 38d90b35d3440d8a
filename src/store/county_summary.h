// The county at a glance, read back from the tables (never from what a generator intended):
// schools by type, pupils by stage, key groups, and the placement of disabled children.
#pragma once

#include <map>
#include <string>

#include "store/county_repository.h"

namespace baoxue::store {

struct CountySummary {
  County county;
  long long townships = 0, villages = 0;
  std::map<std::string, long long> schools_by_type;  // school_type code → count
  long long schools = 0, classes = 0;
  // Enrolments whose status counts as in school (code table enrollment_status, in_school=1).
  long long students = 0, primary_students = 0 /* grades 1–6 */, junior_students = 0 /* 7–9 */;
  long long persons = 0, hukou_local_persons = 0;
  std::map<std::string, long long> key_groups;  // group code → distinct current members
  long long poverty_children = 0;               // distinct members of any group flagged poverty=1
  // Disabled children by placement: ordinary_class, special_school, home_teaching, not_enrolled.
  std::map<std::string, long long> disabled_by_placement;
};

Result<CountySummary> county_summary(Database& db, const std::string& county);

}  // namespace baoxue::store
