// The verification task's workflow as data, as Primero keeps its workflows: every state change a
// task can make and who may make it. Everything else is derived from this one table — which
// states are still open, which wait on the assignee (and so can run late), which actions a user
// is offered on a task — by the store's SQL, the API and, through the API, the web app. The
// names of states and actions are in data/labels.tsv (task_state, task_action).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace baoxue::core {

// Who may take a transition.
enum class TaskActor {
  kAssignee,        // the unit the task was sent to (that township, village or school)
  kAssigneeParent,  // the township above the assigned village or school
  kCounty,          // the county bureau's operators
};

struct TaskTransition {
  const char* from;
  const char* action;
  const char* to;
  TaskActor who;
  bool needs_reason;  // the actor must say why (a return, a take-over)
};

// The state dispatch creates.
inline constexpr const char* kTaskStart = "assigned";

inline constexpr std::array<TaskTransition, 6> kTaskTransitions = {{
    {"assigned", "submit", "submitted", TaskActor::kAssignee, false},
    {"returned", "submit", "submitted", TaskActor::kAssignee, false},
    // The township takes over a task of one of its villages or schools (the village cadre is
    // away, the school cannot reach the family): logged with its reason, the township becomes
    // the assignee.
    {"assigned", "take_over", "assigned", TaskActor::kAssigneeParent, true},
    {"returned", "take_over", "returned", TaskActor::kAssigneeParent, true},
    {"submitted", "approve", "approved", TaskActor::kCounty, false},
    {"submitted", "return", "returned", TaskActor::kCounty, true},
}};

// The transition `action` makes from `state`, or nullptr.
const TaskTransition* find_task_transition(const std::string& state, const std::string& action);
// States with a way out: the task is still being worked on ("active").
std::vector<std::string> open_task_states();
// States whose next move is the assignee's: a deadline applies, and past it the task is overdue.
std::vector<std::string> awaiting_assignee_states();
// Every state and every action the table names (for checking a filter value).
std::vector<std::string> task_states();
// "('assigned', 'returned')": a list of codes for SQL text. Only for codes from this table.
std::string sql_list(const std::vector<std::string>& codes);

}  // namespace baoxue::core
