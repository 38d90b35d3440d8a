// Which pupils count as high risk (高风险) where a route needs the set — the coverage of support
// pairs (结对帮扶: every high-risk pupil paired): the at-risk roll's high level (src/risk/roll.h).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/scope.h"
#include "risk/roll.h"
#include "store/database.h"

namespace baoxue::api {

// Child key → why he counts, in words ("连续旷课 4 个上学日", "孤儿"), for the pupils inside the
// scope who are high risk on `today`. `models`: the server's kept county models (or null).
using RiskSet = std::map<std::string, std::vector<std::string>>;
Result<RiskSet> risk_high_keys(store::Database& db, const std::string& county,
                               const core::Scope& scope, const Date& today,
                               risk::ModelCache* models);

}  // namespace baoxue::api
