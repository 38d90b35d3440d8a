// The county's places as a user meets them: the townships, villages and schools inside his
// scope (what his filters offer), names for codes (what tables and the audit log show), and
// the unit he acts for (what the header names). Internal to src/api.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::api {

struct Places {
  std::vector<store::Region> townships, villages;  // inside the scope
  std::vector<store::School> schools;              // inside the scope
  std::vector<store::Region> all_regions;          // the whole county, for names
  std::vector<store::School> all_schools;
  std::string county_name;

  // The name of a township, village, school or the county; "" when unknown.
  std::string name_of(const std::string& code) const;
  // "会盟镇台荫村", "会盟镇中心小学", "孟津区": a unit as the audit log and headers name it.
  std::string unit_name(const std::string& code) const;
};

Result<Places> places_in_scope(store::Database& db, const std::string& county,
                               const core::Scope& scope);

// The people behind the user names that records keep (who dispatched, submitted, approved):
// timelines show "张敏（会盟镇台荫村）", not "taiyin".
class People {
 public:
  static Result<People> load(store::Database& db, const std::string& county, const Places& places);
  std::string name_of(const std::string& username) const;  // display name, else the user name
  std::string unit_of(const std::string& username) const;  // his unit's name, or ""

 private:
  std::map<std::string, std::pair<std::string, std::string>> people_;
};

}  // namespace baoxue::api
