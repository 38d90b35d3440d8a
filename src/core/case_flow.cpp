#include "core/case_flow.h"

#include <algorithm>

namespace baoxue::core {
namespace {

void add_once(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

std::string implied_case_end(const std::string& state) {
  if (state == "returned") return "returned";
  if (state == "home_teaching") return "home_teaching";
  return "";
}

const CaseTransition* find_case_transition(const std::string& state, const std::string& action) {
  for (const CaseTransition& t : kCaseTransitions)
    if (state == t.from && action == t.action) return &t;
  return nullptr;
}

std::vector<std::string> case_states() {
  std::vector<std::string> out = {kCaseStart};
  for (const CaseTransition& t : kCaseTransitions) {
    add_once(out, t.from);
    add_once(out, t.to);
  }
  return out;
}

std::vector<std::string> open_case_states() {
  std::vector<std::string> out;
  for (const CaseTransition& t : kCaseTransitions)
    if (std::string(t.action) != "reopen") add_once(out, t.from);
  return out;
}

std::vector<std::string> not_back_case_states() {
  // The states from which the child can return to school: he is not back yet.
  std::vector<std::string> out;
  for (const CaseTransition& t : kCaseTransitions)
    if (t.needs & kNeedReturnSchool) add_once(out, t.from);
  return out;
}

std::vector<std::string> case_actions() {
  std::vector<std::string> out;
  for (const CaseTransition& t : kCaseTransitions) add_once(out, t.action);
  return out;
}

}  // namespace baoxue::core
