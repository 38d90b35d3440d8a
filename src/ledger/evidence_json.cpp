#include "ledger/evidence_json.h"

#include <nlohmann/json.hpp>

namespace baoxue::ledger {

std::string evidence_json(const match::MatchResult& r) {
  if (r.score == match::kDeterministicScore || r.evidence.empty()) return "";
  nlohmann::json a = nlohmann::json::array();
  for (const auto& e : r.evidence)
    a.push_back({{"field", e.field}, {"outcome", e.outcome}, {"weight", e.weight}});
  return a.dump();
}

std::vector<match::Evidence> stored_evidence(const std::string& json, double score) {
  if (json.empty())
    return score == match::kDeterministicScore
               ? std::vector<match::Evidence>{{"id_number", "exact", match::kDeterministicScore}}
               : std::vector<match::Evidence>{};
  std::vector<match::Evidence> out;
  const auto a = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!a.is_array()) return out;
  for (const auto& e : a)
    out.push_back({e.value("field", ""), e.value("outcome", ""), e.value("weight", 0.0)});
  return out;
}

}  // namespace baoxue::ledger
