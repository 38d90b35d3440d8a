// Counts for the dashboard, grouped by place, always within a scope.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace baoxue::store {

struct PlaceCount {
  std::string township_code, village_code, school_code;
  std::string status;   // the standing (ledger rows), or suspected | dropout (open entries)
  bool in_band = true;  // ledger rows: inside the compulsory age band
  long long count = 0;
};
// The run's ledger rows by township, village, school, standing and band.
Result<std::vector<PlaceCount>> children_by_place(Database& db, const std::string& county,
                                                  long long run_id, const core::Scope& scope);
// Open suspected entries (status "suspected") and open dropout entries (status "dropout") by
// township and school.
Result<std::vector<PlaceCount>> open_entries_by_place(Database& db, const std::string& county,
                                                      const core::Scope& scope);
// Active tasks by state inside the scope, plus "overdue" (assigned or returned, deadline before
// `today`) and "undispatched" (open entries with no active task).
Result<std::map<std::string, long long>> task_counts(Database& db, const std::string& county,
                                                     const core::Scope& scope,
                                                     const std::string& today);
// Opening and closing instants of the suspected ("suspected") and dropout ("dropout") entries.
struct Span {
  std::string kind, opened_at, closed_at;
};
Result<std::vector<Span>> entry_spans(Database& db, const std::string& county,
                                      const core::Scope& scope);

}  // namespace baoxue::store
