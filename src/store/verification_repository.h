// Verification (核查) records: the tasks that send suspected entries to the people who check
// them, what those people submit (category, note, evidence files), every state change, and the
// dropout ledger (辍学台账) that approved I–M categories feed. The workflow's rules are in
// src/verify; this file only reads and writes.
#pragma once

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
// Empty when absent or outside the scope. `for_work`: the scope must hold the task itself (its
// assignee's place), not just the entry — only the assignee's side uploads and submits.
Result<std::optional<Task>> task_by_id(Database& db, const std::string& county, long long id,
                                       const core::Scope& scope, bool for_work = false);
Result<std::vector<Task>> tasks_of_entries(Database& db, const std::string& county,
                                           const std::vector<long long>& entry_ids);
struct TaskQuery {
  std::string state;  // assigned | submitted | returned | approved | overdue | "" (active ones)
  std::string today;
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
// Ties the task's unattached files among `ids` to the submission; returns how many.
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
};
// Assigns id. The database refuses a second open entry for the same child.
Status insert_dropout(Database& db, const std::string& county, DropoutEntry& d);
struct DropoutQuery {
  std::string status, township_code, school_code, category, q;
};
Result<Paged<DropoutEntry>> find_dropouts(Database& db, const std::string& county,
                                          const DropoutQuery& query, const core::Scope& scope,
                                          const Page& page);
Result<std::optional<DropoutEntry>> dropout_by_id(Database& db, const std::string& county,
                                                  long long id, const core::Scope& scope);

// Closed suspected entries by category, and open ones, for a summary. Keyed by township code
// ("" when unknown).
struct CategoryCount {
  std::string township_code, category;  // category empty: still open
  long long count = 0;
};
Result<std::vector<CategoryCount>> entry_outcomes(Database& db, const std::string& county,
                                                  const core::Scope& scope);

}  // namespace baoxue::store
