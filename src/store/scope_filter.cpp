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

std::string scope_condition(const core::Scope& scope, const std::string& alias) {
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
    case Role::kTeacher:  // rows carry no class yet: a teacher sees his school's rows
      return equals("school_code", scope.school_code);
    default:
      return "(1 = 0)";
  }
}

}  // namespace baoxue::store
