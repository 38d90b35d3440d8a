// The tasks absence streaks give (attendance/escalate.h): one per streak and action — the head
// teacher's call, his home visit, the joint visit with its written report — with a due date, open
// until the home-visit record that answers it is logged. The pupil's place is copied on, and
// scopes the task like a ledger row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct AttendanceTask {
  long long id = 0;
  std::string child_key, name;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string streak_since;  // the streak's first unexcused day: names the streak
  int level = 0;
  std::string action;  // attendance_action code
  std::string due_on;
  std::string status = "open";  // open | done | cancelled
  std::string created_at, closed_at, closed_by, close_note;
  std::optional<long long> home_visit_id;
};

// Inserts the tasks that do not exist yet (same child, streak and action); returns how many were
// new. Assigns ids to those.
Result<long long> add_tasks(Database& db, const std::string& county,
                            std::vector<AttendanceTask>& tasks);
// The open tasks of a child (of every child when `child_key` is empty).
Result<std::vector<AttendanceTask>> open_tasks_of(Database& db, const std::string& county,
                                                  const std::string& child_key);
// The open tasks of a class's pupils (school, grade, class number as copied on the tasks).
Result<std::vector<AttendanceTask>> open_tasks_of_class(Database& db, const std::string& county,
                                                        const std::string& school_code, int grade,
                                                        int class_number);
Status close_task(Database& db, const std::string& county, long long id, const std::string& status,
                  const std::string& by, const std::string& note,
                  std::optional<long long> home_visit_id);

struct AttendanceTaskQuery {
  std::string school_code, township_code;
  std::string status;  // open | done | cancelled | overdue | "" (all)
  std::string today;   // for overdue
  std::string child_key;
};
// Tasks inside the scope, earliest due first, one page, and how many the query selects.
Result<Paged<AttendanceTask>> find_attendance_tasks(Database& db, const std::string& county,
                                                    const AttendanceTaskQuery& q,
                                                    const core::Scope& scope, const Page& page);

// Open and overdue tasks per school (with its township) inside the scope.
struct TaskRollup {
  std::string school_code, school_name, township_code;
  long long open = 0, overdue = 0;
};
Result<std::vector<TaskRollup>> task_rollups(Database& db, const std::string& county,
                                             const std::string& today, const core::Scope& scope);

}  // namespace baoxue::store
