// `baoxue import attendance FILE` and the import page's 考勤 kind: roll calls as school systems
// export them, one row per pupil per roll call — 日期, 时段 (上午 / 下午), 学籍号 or 身份证号,
// 姓名, 出勤情况 (出勤, 迟到, 早退, 病假, 事假, 旷课); 学校标识码, 年级 and 班级 optional, since
// the pupil's enrolment on the latest census ledger places him.
//
// - A row names a pupil by 学籍号 (his 学籍 record's number) or 身份证号; 姓名 must agree (after
//   the usual folding: simplified/traditional, spaces, dots). A pupil not on the ledger's student
//   registry, a name that disagrees, a class that contradicts his enrolment, an unreadable date,
//   session or mark, a day after today: the row is flagged — not imported, counted, and returned
//   in an error workbook with the reason (the file's columns plus 问题说明). The other rows go in.
// - The valid rows of one class, day and session are one roll call (source 学校系统导入, taken by
//   the importing user) holding the pupils not present. A roll call not yet taken: pupils the file
//   does not name are present. One already taken (by phone, or an earlier file): the pupils the
//   file names get its marks — a correction kept in the roll call's history — and the others keep
//   theirs, so a fixed error workbook imported alone changes only its rows. The same file again
//   changes nothing (unchanged). Past days are welcome; days after the county's today are not.
// - Two rows for the same pupil and roll call with different marks are both flagged, each naming
//   the other, and his mark at that roll call stays as it was.
// - Then the streak rules act on each class whose roll calls changed, as after a roll call taken
//   by phone (escalate.h), with the county's today.
//
// A file is written whole or not at all: its roll calls, the corrections, what the escalation did
// and the audit entry are one transaction. Rows are checked against the latest ledger read once
// (half a million pupils), not one query per row: a county's day (a million rows) imports in one
// pass.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attendance/escalate.h"
#include "core/progress.h"
#include "core/result.h"
#include "ingest/flagged_rows.h"
#include "ingest/read_limits.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace baoxue::attendance {

struct ImportOptions {
  std::string county;        // six digits; empty = the only county in the database
  std::string sheet;         // xlsx/xls sheet; empty = the first
  std::string encoding;      // csv: force an encoding; empty = detect
  std::string report;        // error workbook path (.xlsx or .csv); empty = beside the input file
  std::string user = "cli";  // taken_by of the roll calls, and who the escalation acts as
  // Phases read_rows (a unit per row), write_roll_calls (per roll call), escalate (per class);
  // may stop the import before it commits (nothing is then written).
  core::Progress* progress = nullptr;
  ingest::ReadLimits limits;
  // Appended in the import's transaction with action import_attendance and the counts; the
  // caller fills who, the unit and the address. Unset: no audit entry.
  std::optional<store::AuditEntry> audit;
};

struct ImportOutcome : ingest::CheckedRows {
  long long created = 0, corrected = 0, unchanged = 0;  // roll calls
  long long marks_changed = 0;                          // pupils whose mark a correction changed
  long long classes = 0;                                // classes with a roll call in the file
  std::string first_day, last_day;                      // of the accepted rows
  long long classes_escalated = 0;
  Escalation escalation;
};

// The outcome as the command line's --json and the import job's result give it: kind
// "attendance", outcome (ok, partly_rejected or all_rejected, as for lists), format, header_row,
// rows, accepted, rejected (the flagged rows), first_day, last_day, classes, roll_calls_created,
// roll_calls_corrected, roll_calls_unchanged, marks_changed, tasks_added, tasks_cancelled,
// entries_opened, cases_reopened, problems ([{row, problem}], the first flagged rows).
nlohmann::json outcome_json(const ImportOutcome& r);

// Errors: those of ingest::import_file that mean the file is unusable (file_*, no_header,
// missing_columns, the read limits: ingest::is_unreadable_file_error), county_required,
// no_ledger (no census run yet: nothing to check pupils against), cancelled, and database errors.
Result<ImportOutcome> import_attendance(store::Database& db, const std::string& path,
                                        const ImportOptions& options);

}  // namespace baoxue::attendance
