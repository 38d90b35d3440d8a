#include "ledger/suspected_rules.h"

namespace baoxue::ledger {

EntryDecision decide_entry(const store::SuspectedEntry* latest, const std::string& basis) {
  if (latest == nullptr) return {EntryAction::kOpen, ""};
  if (latest->status == "open") return {EntryAction::kStillOpen, ""};
  // Closed. Seen in school after the closing, then suspected again: a new dropout.
  if (latest->in_school_run_id) return {EntryAction::kOpen, "back_out_of_school"};
  if (latest->basis != basis) return {EntryAction::kOpen, "facts_changed"};
  return {EntryAction::kNotReopened, ""};
}

}  // namespace baoxue::ledger
