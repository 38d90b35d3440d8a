// 来得明白: the receiving school confirms, in Baoxue, a transfer out to it from another school of
// the county. Only that school confirms (or the county bureau, for a school without accounts);
// the confirmation closes the 转学未确认 entry the sweep may have opened — category A, in school
// with 学籍 in the province — unless a verification task on it is already under way, which
// then finishes as verification does.
#pragma once

#include <string>

#include "core/date.h"
#include "core/scope.h"
#include "store/database.h"
#include "store/movement_repository.h"

namespace baoxue::movement {

struct Confirmed {
  store::Movement movement;  // as it now stands
  bool entry_closed = false;
};

// Errors: movement_not_found (absent, or outside the scope), not_a_transfer (not a transfer
// out), already_confirmed, not_receiving_school (a school that is not the receiving one; a
// transfer out of the county is confirmed by the file's 确认日期, and then not here).
Result<Confirmed> confirm_transfer(store::Database& db, const std::string& county, long long id,
                                   const core::Scope& scope, const Date& today,
                                   const std::string& by);

}  // namespace baoxue::movement
