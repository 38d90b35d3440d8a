#include "core/task_flow.h"

#include <algorithm>

namespace baoxue::core {
namespace {

void add_once(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

}  // namespace

const TaskTransition* find_task_transition(const std::string& state, const std::string& action) {
  for (const TaskTransition& t : kTaskTransitions)
    if (state == t.from && action == t.action) return &t;
  return nullptr;
}

std::vector<std::string> open_task_states() {
  std::vector<std::string> out;
  for (const TaskTransition& t : kTaskTransitions) add_once(out, t.from);
  return out;
}

std::vector<std::string> awaiting_assignee_states() {
  std::vector<std::string> out;
  for (const TaskTransition& t : kTaskTransitions)
    if (t.who == TaskActor::kAssignee) add_once(out, t.from);
  return out;
}

std::vector<std::string> task_states() {
  std::vector<std::string> out = {kTaskStart};
  for (const TaskTransition& t : kTaskTransitions) {
    add_once(out, t.from);
    add_once(out, t.to);
  }
  return out;
}

std::string sql_list(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& c : codes) out += (out.empty() ? "'" : ", '") + c + "'";
  return "(" + out + ")";
}

}  // namespace baoxue::core
