// A census run (四查三比对 over the county's imported lists): the three comparisons, the
// school-age children ledger they build, and the suspected entries they open.
//
//   1. 户籍 × 学籍: every child on the household registry (and children only the village
//      committee lists) against the student registry → enrolled / probable / suspected /
//      out_of_band. Pupils on the student registry and on no household list (children from
//      elsewhere at the county's schools) join the ledger as enrolled.
//   2. 学籍 × 在校: pupils on the roll of a school that sent a present list, against that list →
//      present, probable, or not present ("名在人不在").
//   3. suspected and not-present children × poverty-household lists (key groups flagged
//      poverty=1 in the code table) → flagged, and counted on their own.
//
// Every decision is stored with its explanation. The run is one transaction: a failed run
// leaves nothing behind.
#pragma once

#include <string>

#include "core/date.h"
#include "core/progress.h"
#include "store/database.h"
#include "store/ledger_repository.h"

namespace baoxue::ledger {

struct CensusOptions {
  Date as_of;  // census day: who is inside the compulsory band
  std::string run_by = "cli";
  core::Progress* progress = nullptr;  // phases read_lists, match, write_ledger; may stop the run
};

// Errors: census_lists_missing (no household or no student list imported yet), database errors.
Result<store::MatchRun> run_census(store::Database& db, const std::string& county,
                                   const CensusOptions& options);

}  // namespace baoxue::ledger
