// Everything the indicators of a county are computed from, read once: the student registry over
// the period (spells), the movements, the ledgers' entries, the latest census's household-
// registered and disabled children, the schools, and the county's codes and settings. Computing
// every school's and township's figures from one Facts is what makes a county's monthly roll-up
// one read of the database.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "movement/kinds.h"
#include "store/database.h"
#include "store/enrolment_history.h"
#include "store/indicator_facts.h"
#include "store/movement_repository.h"
#include "store/school_repository.h"

namespace baoxue::indicators {

struct Facts {
  std::string county, county_name;
  std::string from, to;  // the days the facts cover (a period and the one before it)
  std::vector<store::Spell> spells;
  std::vector<store::Movement> movements;
  std::vector<store::EntryFact> entries;
  std::vector<store::HukouEnrolment> hukou;
  std::vector<store::GroupChild> disabled;
  std::set<std::string> home_taught;  // child keys with an active 送教上门 plan
  bool has_census = false;
  std::string census_as_of;                           // the run 入学率 reads
  std::map<std::string, store::School> schools;       // by 学校标识码
  std::map<std::string, std::string> school_by_name;  // name → 学校标识码
  std::map<std::string, std::string> township_names;  // code → name
  // Registry statuses (codes and labels) that keep a pupil on the roll: in school, 送教上门, 休学.
  std::set<std::string> on_roll_status, home_status, suspended_status;
  // Verification categories: in school (A–D), and every one that is not out of school (A–H).
  std::set<std::string> in_school_categories, not_out_categories;
  std::set<std::string> returned_ends;  // case ends after which the child is in school
  movement::Kinds kinds{{}};
  core::Settings settings;

  // Resolved once when loaded: the county school each spell names (by code, else by name; the
  // code as written when it is none of the county's), and the spells of each school — a unit's
  // figures then visit only its own schools' spells.
  std::vector<std::string> spell_school;
  std::vector<char> spell_on_roll;  // its status keeps the pupil on the roll (on_roll_status)
  std::map<std::string, std::vector<std::size_t>> spells_of_school;
  // The county school a list or movement names: by code, else by name; the code as written
  // (possibly "") when it is none of the county's.
  std::string school_id(const std::string& code, const std::string& name) const;
};

// Reads the facts for days [from, to] (ISO dates). `names`: the pupils' names and numbers too,
// for an answer that lists the children behind the counts.
Result<Facts> load_facts(store::Database& db, const std::string& county, const std::string& from,
                         const std::string& to, bool names = false);

}  // namespace baoxue::indicators
