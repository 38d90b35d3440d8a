#include "store/scope_filter.h"

namespace baoxue::store {
namespace {

// Codes come from the database, but they go into SQL text: digits (and a slash) only.
bool safe_code(const std::string& code) {
  if (code.empty()) return false;
  for (char c : code)
    if ((c < '0' || c > '9') && c != '/') return false;
  return true;
}

}  // namespace

std::string scope_condition(const core::Scope& scope, const std::string& alias,
                            bool rows_have_class) {
  using core::Role;
  const std::string p = alias.empty() ? "" : alias + ".";
  if (scope.county_wide()) return "(1 = 1)";
  auto equals = [&](const std::string& column, const std::string& code) {
    return safe_code(code) ? "(" + p + column + " = '" + code + "')" : std::string("(1 = 0)");
  };
  switch (scope.role) {
    case Role::kTownship:
      return equals("township_code", scope.township_code);
    case Role::kVillage:
      return equals("village_code", scope.village_code);
    case Role::kSchoolAdmin:
      return equals("school_code", scope.school_code);
    case Role::kTeacher:  // his class: school, grade and class number
      if (!rows_have_class || scope.class_grade <= 0 || scope.class_number <= 0) return "(1 = 0)";
      return "(" + equals("school_code", scope.school_code) + " AND " + p +
             "grade = " + std::to_string(scope.class_grade) + " AND " + p +
             "class_number = " + std::to_string(scope.class_number) + ")";
    default:
      return "(1 = 0)";
  }
}

}  // namespace baoxue::store
