// Verification (核查) records: the tasks that send suspected entries to the people who check
// them, what those people submit (category, note, evidence files), every state change, and the
// dropout ledger (辍学台账) that approved I–M categories feed. The workflow's rules are in
// src/verify; this file only reads and writes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/ledger_repository.h"
#include "store/query.h"

namespace baoxue::store {

struct Task {
  long long id = 0;
  long long entry_id = 0;
  std::string assignee_kind;  // township | village | school
  std::string assignee_code, assignee_name;
  std::string township_code, village_code, school_code;  // the assignee's place, for scope
  std::string deadline;                                  // YYYY-MM-DD
  std::string state;  // assigned | submitted | returned | approved
  std::string dispatched_at, dispatched_by;
  std::string category;  // of the latest submission
  std::string decided_at, decided_by;
};

// Assigns task.id and records the transition "" → assigned. The database refuses a second
// active task for the same entry (error task_exists).
Status insert_task(Database& db, const std::string& county, Task& task, const std::string& by,
                   const std::string& reason);
// Empty when absent or when its entry is outside the scope. Who may work on a visible task is
// the workflow's question (verify::may_take), not the store's.
Result<std::optional<Task>> task_by_id(Database& db, const std::string& county, long long id,
                                       const core::Scope& scope);
// Sends an open task to another unit (a take-over): the assignee and the place it is scoped by.
Status reassign_task(Database& db, const std::string& county, long long task_id,
                     const std::string& kind, const std::string& township_code,
                     const std::string& name);
Result<std::vector<Task>> tasks_of_entries(Database& db, const std::string& county,
                                           const std::vector<long long>& entry_ids);
struct TaskQuery {
  std::string state;  // a task state, overdue, or "" (the open ones)
  std::string today;
  Sort sort;  // deadline (the default), name, township
};
// Tasks whose assignee lies inside the scope, earliest deadline first.
Result<Paged<Task>> find_tasks(Database& db, const std::string& county, const TaskQuery& query,
                               const core::Scope& scope, const Page& page);
// Moves a task from `from` to `to` and records who, when and why. Errors: task_not_open when
// the task is no longer in `from` (someone else acted first).
Status move_task(Database& db, const std::string& county, long long task_id,
                 const std::string& from, const std::string& to, const std::string& by,
                 const std::string& reason, const std::string& category = "");

struct Submission {
  long long id = 0, task_id = 0;
  std::string category, note, submitted_by, submitted_at;
};
Status insert_submission(Database& db, const std::string& county, Submission& s);
Result<std::vector<Submission>> submissions_of_task(Database& db, const std::string& county,
                                                    long long task_id);

struct EvidenceFile {
  long long id = 0, task_id = 0;
  std::optional<long long> submission_id;
  std::string sha256, name, content_type;
  long long size = 0;
  std::string uploaded_by, uploaded_at;
};
Status insert_evidence(Database& db, const std::string& county, EvidenceFile& e);
Result<std::vector<EvidenceFile>> evidence_of_task(Database& db, const std::string& county,
                                                   long long task_id);
// Ties the files `ids` of the task to the submission: files not yet submitted are attached,
// files of an earlier submission (a returned task answered again) are named again for this one.
// Returns how many. Errors: evidence_not_found (an id that is not the task's).
Result<long long> attach_evidence(Database& db, const std::string& county, long long task_id,
                                  long long submission_id, const std::vector<long long>& ids);
// Empty when absent or its entry is outside the scope.
Result<std::optional<EvidenceFile>> evidence_by_id(Database& db, const std::string& county,
                                                   long long id, const core::Scope& scope);

struct Transition {
  long long id = 0, task_id = 0;
  std::string at, by, from, to, reason;
};
Result<std::vector<Transition>> transitions_of_task(Database& db, const std::string& county,
                                                    long long task_id);

struct DropoutEntry {
  long long id = 0, suspected_entry_id = 0, task_id = 0;
  std::string child_key, name, sex, birth_date, id_number, township, village, township_code,
      village_code, address, guardian_name, guardian_phone, school_code, school_name;
  std::optional<long long> grade, class_number;
  bool poverty = false;
  std::string key_groups, category, note, status = "open", opened_at, opened_by;
  std::string closed_at, closed_by, close_note;
  std::string end_reason;  // how it was closed: the case's end (case_end)
};
// Assigns id. The database refuses a second open entry for the same child.
Status insert_dropout(Database& db, const std::string& county, DropoutEntry& d);
// Closes the entry (销号, with the case's end and a note) or opens it again (a case reopened).
// Errors: not_found.
Status set_dropout_status(Database& db, const std::string& county, long long id,
                          const std::string& status, const std::string& by,
                          const std::string& end_reason = "", const std::string& note = "");
struct DropoutQuery {
  std::string status, township_code, village_code, school_code, category, q;
  std::string child_key;  // one child's entries
  Sort sort;
};
// The fields the dropout list sorts by: name, birth_date, township, village, school, category,
// opened_at.
const std::vector<std::string>& dropout_sort_fields();
Result<Paged<DropoutEntry>> find_dropouts(Database& db, const std::string& county,
                                          const DropoutQuery& query, const core::Scope& scope,
                                          const Page& page);
Status for_each_dropout(Database& db, const std::string& county, const DropoutQuery& query,
                        const core::Scope& scope,
                        const std::function<Status(const DropoutEntry&)>& fn);
// The child's most recent dropout entry, or none; and each child's most recent one.
Result<std::optional<DropoutEntry>> latest_dropout_of_child(Database& db, const std::string& county,
                                                            const std::string& child_key);
Result<std::vector<DropoutEntry>> latest_dropout_per_child(Database& db, const std::string& county);
Result<std::optional<DropoutEntry>> dropout_by_id(Database& db, const std::string& county,
                                                  long long id, const core::Scope& scope);

// Closed suspected entries by category, and open ones, for a summary, by place (a code is ""
// when unknown).
struct CategoryCount {
  std::string township_code, village_code, school_code;
  std::string category;  // empty: still open
  long long count = 0;
};
Result<std::vector<CategoryCount>> entry_outcomes(Database& db, const std::string& county,
                                                  const core::Scope& scope);

}  // namespace baoxue::store
