// `baoxue import movement FILE` and the import page's 学籍异动 kind: movements as the national
// student registry system exports them, one row per movement — 学籍号 (or 身份证号), 姓名,
// 异动类型, 异动日期, 原学校 (name or 学校标识码), 去向学校 (name), 去向学校标识码, 去向省份,
// 确认日期 (the receiving school's confirmation).
//
// - A row names a pupil of the county's 学籍 list (current or retired: a pupil transferred out
//   has left it), by 学籍号 or 身份证号, and 姓名 must agree. A 转入 may name a pupil the list
//   does not have yet (he arrives), and must then say the school he enters (去向学校).
// - A school named (原学校, 去向学校, by name or code) is looked up among the county's schools:
//   a transfer to one of them is an in-county transfer, which the receiving school confirms in
//   Baoxue (or the file's 确认日期 does). A school outside the county is kept as written.
// - Unreadable kinds or dates, a day after today, a confirmation before the move, a pupil not on
//   the registry, a name that disagrees, the same movement twice with different facts: the row is
//   flagged — not imported, returned in an error workbook with 问题说明.
// - The same movement again (pupil, kind, day) updates what changed (a confirmation date filled
//   in later) and adds nothing; the same file again changes nothing.
// - Then the sweep (sweep.h) with the county's today: transfers out unconfirmed past
//   movement.confirm_days, and pupils gone from the list unexplained, enter the 疑似台账.
// The movements, the sweep and the audit entry are one transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/progress.h"
#include "core/result.h"
#include "ingest/flagged_rows.h"
#include "ingest/read_limits.h"
#include "movement/sweep.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace baoxue::movement {

struct ImportOptions {
  std::string county;    // six digits; empty = the only county in the database
  std::string sheet;     // xlsx/xls sheet; empty = the first
  std::string encoding;  // csv: force an encoding; empty = detect
  std::string report;    // error workbook path (.xlsx or .csv); empty = beside the input file
  std::string user = "cli";
  core::Progress* progress = nullptr;  // phase read_rows (a unit per row); may cancel
  ingest::ReadLimits limits;
  // Appended in the import's transaction with action import_movement and the counts; the caller
  // fills who, the unit and the address. Unset: no audit entry.
  std::optional<store::AuditEntry> audit;
};

struct ImportOutcome : ingest::CheckedRows {
  long long inserted = 0, updated = 0, unchanged = 0;
  long long in_county_transfers = 0;  // transfers out to a school of the county
  SweepOutcome sweep;
};

// kind "movement", outcome (ok, partly_rejected, all_rejected), format, header_row, rows,
// accepted, rejected, inserted, updated, unchanged, in_county_transfers, transfers_overdue,
// departures, problems ([{row, problem}]).
nlohmann::json outcome_json(const ImportOutcome& r);

// Errors: those that mean the file is unusable (ingest::is_unreadable_file_error), no_county /
// county_ambiguous, cancelled, and database errors.
Result<ImportOutcome> import_movements(store::Database& db, const std::string& path,
                                       const ImportOptions& options);

}  // namespace baoxue::movement
