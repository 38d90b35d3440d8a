// When a census run finds a child suspected, what happens to the suspected ledger
// (疑似失学辍学台账): a child has at most one open entry; a run that finds him again leaves that
// entry as it is (and notes it saw him); an entry a person closed stays closed unless there is a
// new reason — the facts the suspicion rests on changed (`basis`: the household record was
// updated, or the school sent a newer present list, or a different comparison found him), or a
// run after the closing found him in school and he has dropped off again since.
#pragma once

#include <string>

#include "store/ledger_repository.h"

namespace baoxue::ledger {

enum class EntryAction {
  kOpen,         // no entry yet, or a closed one with a new reason: open a new entry
  kStillOpen,    // the child's entry is open: keep it
  kNotReopened,  // closed on the same facts: leave it closed
};

struct EntryDecision {
  EntryAction action = EntryAction::kOpen;
  std::string reopen_reason;  // for kOpen after a closed entry: facts_changed | back_out_of_school
};

// `latest`: the child's most recent entry, or nullptr.
EntryDecision decide_entry(const store::SuspectedEntry* latest, const std::string& basis);

}  // namespace baoxue::ledger
