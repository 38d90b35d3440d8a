// A census run as JSON, the one form `baoxue census --json` prints and the web API returns.
#pragma once

#include <nlohmann/json.hpp>

#include "store/ledger_repository.h"

namespace baoxue::ledger {

nlohmann::json run_json(const store::MatchRun& r);

}  // namespace baoxue::ledger
