// 四个一 reports: the school's monthly 学生流动情况月报表 with its 控辍保学台账, the township's and
// county's roll-ups, quarterly and term reports. A report is drafted from the data (never
// stored: it is what the data say now), reviewed and submitted; submitting freezes it — the
// content with its SHA-256 digest, as it was, whatever is imported later. A correction is the
// next version, and says what changed against the one before (report_changes).
//
// Periods: monthly "2026-11" (the calendar month, due on report.monthly_due_day of it — the
// bureau's "每月25日前"), quarterly "2026-Q4" (due the same day of its last month), term
// "2026-autumn" / "2027-spring" (from the term day of census.term_days to the day before the
// next; due 30 days after it begins: the term-start full survey). A report drafted before its
// period ends reads the data up to today (`as_of`).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"
#include "store/database.h"
#include "store/report_repository.h"

namespace baoxue::report {

struct Period {
  std::string kind;   // monthly | quarterly | term
  std::string code;   // 2026-11 | 2026-Q4 | 2026-autumn
  std::string label;  // 2026年11月 | 2026年第四季度 | 2026年秋季学期
  Date from, to, due;
};
// Errors: bad_request, naming the form expected.
Result<Period> period_of(const std::string& kind, const std::string& code,
                         const core::Settings& settings);
// The period of `kind` that holds `day`.
Period period_holding(const std::string& kind, const Date& day, const core::Settings& settings);

struct Unit {
  std::string level;  // school | township | county
  std::string code, name;
};

// The report's content as the data stand on `today`: {title, kind, period, period_label, from,
// to, as_of, due, unit {level, code, name}, county, census_as_of, figures (indicators::to_json,
// with the children behind the movements and dropouts), rows (a township's schools; the county's
// townships and schools), ledger {suspected, dropouts} (open at as_of)}. No clock inside: the
// same data and day give the same content, and so the same digest.
// Errors: period_not_started, unit_not_found.
Result<nlohmann::json> draft(store::Database& db, const std::string& county, const Period& period,
                             const Unit& unit, const Date& today);
std::string digest_of(const nlohmann::json& content);

// What changed between two contents, as [{item, label, unit, before, after}]: the figures, and
// each row's counts and rates.
nlohmann::json report_changes(const nlohmann::json& before, const nlohmann::json& after);

struct Submission {
  std::string preparer, approver;  // 填报人, 审核人 (names, as signed on paper)
  std::string note;                // why a correction was made; required from version 2
  std::string by;                  // the account submitting
};
// Freezes the draft as the unit's next version. Errors: those of draft, bad_request (no
// preparer or approver; a correction without a note), report_unchanged (the same content as the
// latest version).
Result<store::Report> submit(store::Database& db, const std::string& county, const Period& period,
                             const Unit& unit, const Submission& s, const Date& today);

// The frozen report as a workbook in the official layout: title, 填报单位, 统计期间, the
// figures with their formulas, the children behind them, the ledger, then 填报人, 审核人, 上报时间
// and the digest. Writes to `path` (.xlsx).
Status write_xlsx(const store::Report& report, const std::string& path);

}  // namespace baoxue::report
