// Key-group memberships (重点群体: poverty households, disabled, left-behind, …). Membership
// comes from a named source list and has a period; it is what risk and the third comparison use.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct GroupMembership {
  long long id = 0;  // assigned on insert
  long long person_id = 0;
  std::string group_code;   // code table key_group
  std::string source_list;  // "乡村振兴局脱贫户名单2026", …
  std::string since;        // YYYY-MM-DD or empty
  std::string until;        // empty while current
  std::string detail;       // key=value;… (残疾: category, grade)
};

Status insert_group_memberships(Database& db, const std::string& county,
                                std::vector<GroupMembership>& memberships);
Result<std::vector<GroupMembership>> memberships_of_person(Database& db, const std::string& county,
                                                           long long person_id);

}  // namespace baoxue::store
