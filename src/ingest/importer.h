// `baoxue import`: one file into one of the county's lists, as one atomic batch.
//
// Whatever arrives gets in or comes back with exact reasons: every row is kept raw with its
// problems; a row that cannot identify a child (no name, no usable identity) is rejected and
// returned in an error workbook the clerk fixes and imports again; a row with a doubtful value
// (an ID number that fails its check, a birth date that disagrees with the ID) is accepted with a
// warning, because dropping it would drop the child from the census. The batch commits whole or
// not at all; the same file twice is a no-op; an updated list updates records and keeps history.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/progress.h"
#include "core/result.h"
#include "ingest/read_limits.h"
#include "store/database.h"

namespace baoxue::ingest {

// List kinds: xueji (student registry), hukou (household registry), village (village census),
// group (a key-group list; needs a group), school (school list), present (children present in a
// school).
inline const std::vector<std::string> kImportKinds = {"xueji", "hukou",  "village",
                                                      "group", "school", "present"};

struct ImportOptions {
  std::string kind;
  std::string county;  // six digits; empty = the only county in the database
  std::string group;  // kind group: a key_group code or its Chinese label (脱贫户, 残疾儿童, …)
  std::string sheet;     // xlsx/xls sheet; empty = the first
  std::string encoding;  // csv: force an encoding; empty = detect
  std::string report;    // error workbook path (.xlsx, or .csv); empty = beside the input file
  std::string user = "cli";
  // The file is the whole list (全量, e.g. the county's full registry export): records of the list
  // it no longer names are retired from the census. Off for partial lists and fixed error rows.
  bool whole = false;
  // The date the list describes (its 截至日期; default the county's today). The student registry
  // is read over time by it (store/enrolment_history.h): a 学籍 list dated before the latest one
  // already imported is refused (list_date_out_of_order), and no list may be dated after today
  // (list_date_future).
  std::optional<Date> list_date;
  // Hears the phases read_rows (one unit per row) and merge, and may stop the import (nothing
  // is then written).
  core::Progress* progress = nullptr;
  // What the file may make the reader hold or do (read_limits.h); a file past a limit is refused
  // whole, with nothing written.
  ReadLimits limits;
  // Distinct schools a school list may name: they are held until the batch commits, and a county
  // has a few hundred. Code too_many_schools.
  std::size_t max_schools = 20'000;
};

struct ImportResult {
  long long batch = 0;
  std::string kind, list_name, file, format;
  long header_row = 0;
  std::vector<std::pair<std::string, std::string>> columns;  // header → field label ("" unknown)
  long rows = 0, accepted = 0, rejected = 0, warnings = 0;
  long inserted = 0, updated = 0, unchanged = 0;
  long retired = 0;               // whole lists: earlier records this file no longer names
  std::string report;             // error workbook written, or empty
  bool already_imported = false;  // same content imported before: nothing was done
  std::string imported_at;        // of the earlier batch when already_imported
  std::string list_date;          // the date the list describes (of the earlier batch, likewise)
};

// Errors with code file_* / sheet_not_found / encoding_unknown / no_header / missing_columns, or
// a limit's code (read_limits.h), mean the file could not be read (the CLI exits 2); other errors
// are failures (exit 1). A file that fails, at whatever row, leaves the database as it was: the
// batch, its rows and a list or county created for it are one transaction.
Result<ImportResult> import_file(store::Database& db, const std::string& path,
                                 const ImportOptions& options);

// True for the error codes that mean "the file itself is unusable".
bool is_unreadable_file_error(const Error& e);

}  // namespace baoxue::ingest
