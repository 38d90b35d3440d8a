// Exports: every row of a list's filter written to an xlsx file by a job, in bounded memory
// (rows stream from the database into the writer), however large the county. Each list says
// how its filters are read and how its rows are written; export_routes does the rest (the job,
// the file, the audit). Internal to src/api.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/scope.h"
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
Result<ExportPlan> plan_home_teaching_export(store::Database& db, const ExportRequest& r);

}  // namespace baoxue::api
