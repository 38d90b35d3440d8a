// 请假: leave a head teacher records for a pupil beforehand (dates, sick or personal, reason).
// The roll call starts from it: a pupil on leave that day is marked so unless the teacher marks
// him otherwise. A leave record is cancelled, never deleted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/roll_call_repository.h"

namespace baoxue::store {

struct LeaveRecord {
  long long id = 0;
  std::string child_key, name;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string kind;  // sick_leave | personal_leave
  std::string from_day, to_day, reason;
  std::string recorded_by, recorded_at;
  std::string cancelled_by, cancelled_at;  // empty while in force
};

// Assigns id and recorded_at.
Status insert_leave(Database& db, const std::string& county, LeaveRecord& leave);
// Leave in force for the class on some day from `from` to `to`, by pupil and start.
Result<std::vector<LeaveRecord>> class_leave(Database& db, const std::string& county,
                                             const ClassRef& cls, const std::string& from,
                                             const std::string& to);
// Leave inside the scope whose stretch reaches `from` or later (the leave list), newest first.
Result<std::vector<LeaveRecord>> leave_in_scope(Database& db, const std::string& county,
                                                const core::Scope& scope, const std::string& from,
                                                const std::string& school_code);
// Empty when there is none inside the scope.
Result<std::optional<LeaveRecord>> leave_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope);
Status cancel_leave(Database& db, const std::string& county, long long id, const std::string& by);

}  // namespace baoxue::store
