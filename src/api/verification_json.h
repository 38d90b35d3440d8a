// How suspected entries and their verification tasks look in the API, shared by the suspected
// list and the task list. Internal to src/api.
#pragma once

#include "api/call.h"
#include "api/places.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"

namespace baoxue::api {

// A task with the actions the caller may take on it now (verify::actions_for).
json task_json(const Call& c, const store::Task& t, const std::string& today);
// An entry as the lists show it (numbers masked), with its latest task or null.
json entry_row(const Call& c, const store::SuspectedEntry& e, const store::Task* task,
               const std::string& today);
// A task with its submissions (and their evidence), files not yet submitted, and its timeline —
// people named, not user names.
Result<json> task_detail(Call& c, const store::Task& t, const std::string& today,
                         const People& people);
// "a,b" as a JSON array.
json csv_array(const std::string& csv);

}  // namespace baoxue::api
