#include "core/scope.h"

namespace baoxue::core {

bool reaches(const Scope& scope, const Place& place) {
  if (scope.county_wide()) return true;
  auto is = [](const std::string& value, const std::string& code) {
    return !code.empty() && value == code;
  };
  switch (scope.role) {
    case Role::kTownship:
      return is(place.township_code, scope.township_code);
    case Role::kVillage:
      return is(place.village_code, scope.village_code);
    case Role::kSchoolAdmin:
      return is(place.school_code, scope.school_code);
    case Role::kTeacher:
      return scope.class_grade > 0 && scope.class_number > 0 &&
             is(place.school_code, scope.school_code) && place.grade == scope.class_grade &&
             place.class_number == scope.class_number;
    default:
      return false;
  }
}

}  // namespace baoxue::core
