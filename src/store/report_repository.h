// 四个一 reports once submitted (report/report.h): frozen content with its digest, one row per
// version. Rows are only ever added; a correction is the next version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct Report {
  long long id = 0;
  std::string kind, period, period_from, period_to;
  std::string unit_level, unit_code, unit_name;
  int version = 1;
  std::string content;  // JSON, exactly as frozen
  std::string digest;   // SHA-256 (hex) of `content`
  std::string changes;  // JSON array against the previous version; empty for the first
  std::string note, preparer, approver, submitted_at, submitted_by;
};

// Assigns id and the next version of (kind, period, unit).
Status insert_report(Database& db, const std::string& county, Report& report);
Result<std::optional<Report>> report_by_id(Database& db, const std::string& county, long long id);
// Every version of one unit's report of a period, oldest first (contents included).
Result<std::vector<Report>> report_versions(Database& db, const std::string& county,
                                            const std::string& kind, const std::string& period,
                                            const std::string& unit_code);
// The latest version of each unit's report of a period, without contents.
Result<std::vector<Report>> latest_reports(Database& db, const std::string& county,
                                           const std::string& kind, const std::string& period);

}  // namespace baoxue::store
