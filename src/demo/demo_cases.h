// The demo county's persuade-to-return work, so that every page has something true to show:
// a handful of children of the demo village (the one with the most suspected children) verified
// as out of school and their cases at different stages — persuading (one late, one with three
// refusals, one past its 限期返校通知书), back in school and followed up, awaiting the county's
// 销号, closed, taught at home. Written through the same workflow a user goes through
// (verification, cases), after the census and the demo users; the history is dated back from
// `as_of`. Deterministic for a given county and day.
#pragma once

#include <string>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::demo {

struct DemoCasesResult {
  long cases = 0;
  long attempts = 0;
  long notices = 0;
};

// `files_dir`: the evidence store's root (the server's <data-dir>/evidence), for the notices'
// PDFs. Errors: the county has too few open suspected entries in the demo village, or a step of
// the workflow refused (its message).
Result<DemoCasesResult> seed_cases(store::Database& db, const std::string& county,
                                   const Date& as_of, const std::string& files_dir);

}  // namespace baoxue::demo
