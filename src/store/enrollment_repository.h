// Enrolments (学籍) and their status history. A status never changes silently: each change is an
// event with its effective date, reason and recorder, because reports for a past month must be
// reproducible and a dropout's record is evidence.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::store {

struct Enrollment {
  long long id = 0;  // assigned on insert
  long long person_id = 0;
  std::string student_no;  // 全国学籍号, may be empty
  std::string school_id;
  long long class_id = 0;  // 0: no class assigned
  int grade = 1;
  std::string status = "enrolled";  // code table enrollment_status
  std::string status_since;         // YYYY-MM-DD
  std::string entered_on;           // YYYY-MM-DD
};

struct EnrollmentEvent {
  long long id = 0;
  long long enrollment_id = 0;
  std::string status;
  std::string previous_status;  // empty for the opening event
  std::string effective_on;
  std::string reason;
  std::string other_school;  // receiving / sending school on transfers
  std::string recorded_at;
  std::string recorded_by;
};

// Inserts the enrolments (assigning ids) with an opening event each.
Status insert_enrollments(Database& db, const std::string& county,
                          std::vector<Enrollment>& enrollments, const std::string& recorded_by);

// Moves an enrolment to `status` (a code of the county's enrollment_status table) and records
// the event. Unknown statuses and unknown enrolments are errors, not silent no-ops.
Status change_enrollment_status(Database& db, const std::string& county, long long enrollment_id,
                                const std::string& status, const Date& effective_on,
                                const std::string& reason, const std::string& other_school,
                                const std::string& recorded_by);

Result<std::vector<Enrollment>> enrollments_of_person(Database& db, const std::string& county,
                                                      long long person_id);
Result<std::vector<EnrollmentEvent>> enrollment_history(Database& db, const std::string& county,
                                                        long long enrollment_id);

}  // namespace baoxue::store
