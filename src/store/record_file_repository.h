// Files that go with a record other than a verification task: the photos and signed documents
// of a persuasion attempt, a case's certificates, a 送教上门 session's photos, a home visit's.
// A file is uploaded to its owner (the case, the plan, the pupil's visits) before the record
// that names it exists — the phone form uploads while the user writes — and is attached to
// that record when it is saved. Scope is the owner's: callers check the owner before reading
// or writing its files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct RecordFile {
  long long id = 0;
  std::string owner_type;  // case | home_teaching_plan | home_visit_child
  long long owner_id = 0;
  std::string attached_type;  // case_attempt | case_transition | home_teaching_session | …
  std::optional<long long> attached_id;
  std::string sha256, name, content_type;
  long long size = 0;
  std::string uploaded_by, uploaded_at;
};

// Assigns id (and uploaded_at when empty).
Status insert_record_file(Database& db, const std::string& county, RecordFile& f);
// The owner's files, oldest first.
Result<std::vector<RecordFile>> files_of_owner(Database& db, const std::string& county,
                                               const std::string& owner_type, long long owner_id);
// Empty when the county has no such file. The caller checks the owner's scope.
Result<std::optional<RecordFile>> record_file_by_id(Database& db, const std::string& county,
                                                    long long id);
// Attaches the owner's files `ids` to a record. A file already attached to another record is
// named again for this one (a new row, the same bytes). Errors: file_not_found (an id that is not
// the owner's), naming it.
Status attach_record_files(Database& db, const std::string& county, const std::string& owner_type,
                           long long owner_id, const std::string& attached_type,
                           long long attached_id, const std::vector<long long>& ids);

}  // namespace baoxue::store
