#include "api/places.h"

#include "api/call.h"
#include "auth/accounts.h"
#include "store/county_repository.h"
#include "store/user_repository.h"

namespace baoxue::api {

std::string Places::name_of(const std::string& code) const {
  if (code.empty()) return "";
  for (const auto& r : all_regions)
    if (r.code == code) return r.level == "county" ? county_name : r.name;
  for (const auto& s : all_schools)
    if (s.id == code) return s.name;
  return "";
}

std::string Places::unit_name(const std::string& code) const {
  for (const auto& r : all_regions)
    if (r.code == code && r.level == "village") return name_of(r.parent_code) + r.name;
  if (code.size() == 6) return county_name;  // the county itself
  return name_of(code);
}

Result<Places> places_in_scope(store::Database& db, const std::string& county,
                               const core::Scope& scope) {
  using core::Role;
  Places p;
  auto regions = store::list_regions(db, county);
  if (!regions) return regions.error();
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  auto counties = store::list_counties(db);
  if (!counties) return counties.error();
  for (const auto& k : counties.value())
    if (k.code == county) p.county_name = k.name;
  p.all_regions = std::move(regions.value());
  p.all_schools = std::move(schools.value());
  auto parent_of = [&](const std::string& code) {
    for (const auto& r : p.all_regions)
      if (r.code == code) return r.parent_code;
    return std::string();
  };
  for (const auto& r : p.all_regions) {
    const bool in = scope.county_wide() ||
                    (scope.role == Role::kTownship &&
                     (r.code == scope.township_code || r.parent_code == scope.township_code)) ||
                    (scope.role == Role::kVillage && r.code == scope.village_code) ||
                    (scope.role == Role::kVillage && r.code == parent_of(scope.village_code));
    if (!in) continue;
    if (r.level == "township") p.townships.push_back(r);
    if (r.level == "village") p.villages.push_back(r);
  }
  for (const auto& s : p.all_schools) {
    const bool in = scope.county_wide() ||
                    (scope.role == Role::kTownship && s.township_code == scope.township_code) ||
                    ((scope.role == Role::kSchoolAdmin || scope.role == Role::kTeacher) &&
                     s.id == scope.school_code) ||
                    (scope.role == Role::kVillage && !s.village_code.empty() &&
                     s.village_code == scope.village_code);
    if (in) p.schools.push_back(s);
  }
  return p;
}

Result<People> People::load(store::Database& db, const std::string& county, const Places& places) {
  auto users = store::list_users(db, county);
  if (!users) return users.error();
  People out;
  for (const store::User& u : users.value()) {
    const std::string unit = unit_code_of(auth::scope_of(u));
    out.people_[u.username] = {u.display_name.empty() ? u.username : u.display_name,
                               places.unit_name(unit)};
  }
  return out;
}

std::string People::name_of(const std::string& username) const {
  auto it = people_.find(username);
  return it == people_.end() ? username : it->second.first;
}

std::string People::unit_of(const std::string& username) const {
  auto it = people_.find(username);
  return it == people_.end() ? "" : it->second.second;
}

}  // namespace baoxue::api
