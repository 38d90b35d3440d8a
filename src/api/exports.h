// Exports: every row of a list's filter written to an xlsx file by a job, in bounded memory
// (rows stream from the database into the writer), however large the county. Each list says
// how its filters are read and how its rows are written; export_routes does the rest (the job,
// the file, the audit). Internal to src/api.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cases/escalation.h"
#include "core/date.h"
#include "core/scope.h"
#include "store/case_repository.h"
#include "store/database.h"

namespace baoxue::api {

// Who asked for the export, and the list's filters as the list page sends them.
struct ExportRequest {
  std::string county;
  core::Scope scope;
  std::map<std::string, std::string> params;
  Date today;
};

using RowSink = std::function<Status(const std::vector<std::string>& cells)>;

struct ExportPlan {
  std::string title;        // 适龄儿童台账: the sheet, the file name, the audit text
  std::string object_type;  // for the audit log: ledger_children, …
  std::vector<std::string> header;
  // Writes every row of the filter, in the list's order, into `sink`.
  std::function<Status(store::Database& db, const RowSink& sink)> write;
};

// Reads the filters (a bad one is an error now, before any job starts) and plans the export.
using Exporter = std::function<Result<ExportPlan>(store::Database& db, const ExportRequest& r)>;

// The lists that export, by the name POST /api/exports takes (labels table export_list).
Result<ExportPlan> plan_children_export(store::Database& db, const ExportRequest& r);
Result<ExportPlan> plan_suspected_export(store::Database& db, const ExportRequest& r);
Result<ExportPlan> plan_dropouts_export(store::Database& db, const ExportRequest& r);
Result<ExportPlan> plan_audit_export(store::Database& db, const ExportRequest& r);
Result<ExportPlan> plan_cases_export(store::Database& db, const ExportRequest& r);

// A case's columns in an export (the case list's and the 辍学台账's): its state in words, the
// attempts that stand, the last one's date, the next due step, overdue, the people on each line.
const std::vector<std::string>& case_export_header();
Result<std::vector<std::string>> case_export_cells(store::Database& db, const std::string& county,
                                                   const store::Case& k,
                                                   const cases::EscalationRules& rules,
                                                   const Date& today);
Result<ExportPlan> plan_home_teaching_export(store::Database& db, const ExportRequest& r);

}  // namespace baoxue::api
