// What the indicators (indicators/indicators.h) read besides the lists over time and the
// movements: the latest census's household-registered children and disabled children, and the
// suspected and dropout ledgers' entries with their dates. Plain reads, one query each.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

// Household-registered children inside the compulsory band on a run's ledger, by the township
// they live in, and how many of them are in school: standing in_school, or verified in one of
// `in_school_categories` (在校就读 with or without 学籍, here or elsewhere).
struct HukouEnrolment {
  std::string township_code;
  long long school_age = 0, in_school = 0;
};
Result<std::vector<HukouEnrolment>> hukou_enrolment(
    Database& db, const std::string& county, long long run_id,
    const std::set<std::string>& in_school_categories);

// The children of a key group (disabled) inside the band on a run's ledger, with what places
// them: standing and category, the school and the 学籍 record's status (送教上门).
struct GroupChild {
  std::string child_key, name, township_code, school_code, school_name, standing, category;
  std::string enrollment_status;
};
Result<std::vector<GroupChild>> group_children(Database& db, const std::string& county,
                                               long long run_id, const std::string& group_code);

// Child keys with an active 送教上门 plan.
Result<std::set<std::string>> home_taught_children(Database& db, const std::string& county);

// An entry of the 疑似 (kind "suspected") or 辍学 (kind "dropout") ledger as the indicators
// count it: where, when opened and closed, with what.
struct EntryFact {
  std::string kind;
  long long id = 0;
  std::string child_key, name, id_number, township_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string comparison;  // suspected entries
  std::string status, opened_at, closed_at, category, end_reason;
};
Result<std::vector<EntryFact>> entry_facts(Database& db, const std::string& county);

}  // namespace baoxue::store
