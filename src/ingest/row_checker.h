// RowChecker: one data row of a list → a source row with normalised fields, a record key and
// its problems. Import stores what it returns; file-mode matching reads it directly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"
#include "ingest/header.h"
#include "ingest/row_reader.h"
#include "store/import_repository.h"
#include "store/school_repository.h"

namespace baoxue::ingest {

// The header must name these for the list kind (each inner list: any one of them); an error
// naming what is missing otherwise (code missing_columns).
Status check_required_columns(const std::string& kind, const Header& header,
                              const std::string& path);

// What a school list row is checked against: the county's townships and school types.
struct SchoolContext {
  std::map<std::string, std::string> township_by_name;  // 会盟镇 and 会盟 → code
  std::vector<core::Code> school_types;
};

// Checks rows of one list kind against one header. `schools` is needed for school lists only.
class RowChecker {
 public:
  // keep_raw = false skips serialising the raw cells and the problems (SourceRow::raw and
  // ::problems stay empty): for readers that only need the normalised fields, such as matching.
  RowChecker(const std::string& kind, const Header& h, const Date& today,
             const SchoolContext* schools = nullptr, bool keep_raw = true);
  ~RowChecker();
  RowChecker(const RowChecker&) = delete;
  RowChecker& operator=(const RowChecker&) = delete;

  // The row as a source row: raw cells, normalised fields, record key, problems; accepted unless
  // a problem is an error. `batch_id` only makes keys of unidentifiable rows unique.
  store::SourceRow check(const SheetRow& in, long long batch_id);
  // Accepted rows that carried at least one warning, so far.
  long rows_with_warnings() const;
  // The school a school-list row describes (after check() accepted it).
  store::School school_of(const store::RecordFields& f) const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baoxue::ingest
