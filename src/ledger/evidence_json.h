// Match evidence as stored with a decision (JSON). An ID-number match is stored without it: the
// evidence of a deterministic decision is always the same single line.
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"

namespace baoxue::ledger {

// "" for a deterministic (ID-number) match; else [{"field","outcome","weight"}, …].
std::string evidence_json(const match::MatchResult& r);

// The evidence of a stored decision, the deterministic one restored.
std::vector<match::Evidence> stored_evidence(const std::string& json, double score);

}  // namespace baoxue::ledger
