// The verification (核查) workflow: the county sends suspected entries to the people who can
// check them (派发), they record what they found (category, note, evidence), the county approves
// or sends the work back. Approval closes the suspected entry (销号); a category that means
// "truly out of school" (I–M) moves the child to the dropout ledger (辍学台账).
//
// The states, the transitions and who may take each are data (core/task_flow.h); this file
// applies that table: may_take answers for every action, actions_for lists what a user is
// offered, and every change goes through it.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/progress.h"
#include "core/scope.h"
#include "core/task_flow.h"
#include "store/database.h"
#include "store/verification_repository.h"
#include "verify/evidence_store.h"

namespace baoxue::verify {

// Who acts: the county, the user's scope and name (for the record).
struct Actor {
  std::string county;
  core::Scope scope;
  std::string username;
};

// Whether the actor may take `transition` on the task: the assignee is the unit the task was
// sent to (not merely a unit that can see it), the assignee's parent is the township above that
// village or school, the county is its bureau's operators. The inspector takes none.
bool may_take(const Actor& actor, const store::Task& task, const core::TaskTransition& transition);
// The actions the actor may take on the task now, in table order ("submit", "approve", …).
std::vector<std::string> actions_for(const Actor& actor, const store::Task& task);

// County roles that run the census dispatch and review; the inspector only reads.
bool is_county_operator(const core::Scope& scope);

struct DispatchRequest {
  std::vector<long long> entry_ids;
  bool all_undispatched = false;  // every open entry in scope with no active task
  std::string to;                 // residence | school
  std::string school_code;        // to = school
  std::string deadline;           // YYYY-MM-DD, today or later
  std::string today;
  core::Progress* progress = nullptr;  // phase "dispatch", one unit per entry; may stop it
};
struct DispatchResult {
  long dispatched = 0;
  std::vector<std::pair<long long, std::string>> skipped;  // entry id, why (Chinese)
};
// Errors: forbidden, bad_request (deadline, target), school_not_found.
Result<DispatchResult> dispatch(store::Database& db, const Actor& actor,
                                const DispatchRequest& request);

// A file for a task, before it is submitted. Errors: not_found (no such task in the actor's
// reach), task_not_open, evidence_* from the store.
Result<store::EvidenceFile> add_evidence(store::Database& db, const Actor& actor,
                                         const EvidenceStore& files, long long task_id,
                                         const std::string& name, std::string_view bytes);

// Errors: not_found, task_not_open, category_unknown, note_required.
Result<store::Task> submit(store::Database& db, const Actor& actor, long long task_id,
                           const std::string& category, const std::string& note,
                           const std::vector<long long>& evidence_ids);

// decision: approve | return. Approving an out-of-school category (I–M) enters the child in the
// 辍学台账 and opens his persuade-to-return case (or reopens his earlier one), in the same
// transaction. `today` is the county's. Errors: forbidden, not_found, task_not_open,
// reason_required.
Result<store::Task> review(store::Database& db, const Actor& actor, long long task_id,
                           const std::string& decision, const std::string& reason,
                           const Date& today);

// The township takes over a task of one of its villages or schools, saying why: the township
// becomes the assignee (logged as a transition). Errors: forbidden, not_found, task_not_open,
// reason_required.
Result<store::Task> take_over(store::Database& db, const Actor& actor, long long task_id,
                              const std::string& reason);

}  // namespace baoxue::verify
