// The workbook of a file's flagged rows: the rows an import did not take, exactly as the file had
// them, with a 问题说明 column saying why — what the clerk corrects and imports again. The file
// is read a second time (only when rows were flagged), so good rows are never held as text.
// Used by the imports that check rows against what Baoxue knows (roll calls, movements); list
// imports keep their rows in the database and write theirs from there (importer.cpp).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// The column a clerk reads why a row was not imported; an error workbook imported again gets it
// rewritten, not a second one beside it.
inline constexpr const char* kProblemsColumn = "问题说明";

// Beside the input: "<name>_问题行.xlsx", or .csv (UTF-8 with BOM, which Excel opens) when the
// flagged rows would not fit one sheet.
std::string flagged_rows_path(const std::string& input, long flagged);

// Writes the rows of `input` (a file of `kind`, read with `options`) whose row numbers are in
// `flagged`, each with its text in 问题说明, to `report` (.xlsx or .csv).
Status write_flagged_rows(const std::string& input, const std::string& kind,
                          const ReadOptions& options, const std::map<long, std::string>& flagged,
                          const std::string& report);

// What every import of checked rows reports, whatever it writes.
struct CheckedRows {
  std::string file, format;
  long header_row = 0;
  std::vector<std::pair<std::string, std::string>> columns;  // header → field label ("" unknown)
  long rows = 0, accepted = 0, flagged = 0;
  std::string report;  // error workbook written, or empty
  // The first flagged rows (up to kProblemsShown), by row number as Excel shows it: what the
  // command line prints; the workbook holds them all.
  std::vector<std::pair<long, std::string>> problems;
};
inline constexpr std::size_t kProblemsShown = 20;

class ListReader;
// Opens a file of checked rows of `kind` and fills what the outcome says of the file (format,
// header row, each column's field). A file without the kind's header answers no_header, naming
// the table (`table`, "考勤表") and the columns it needs (`columns`, "日期、时段、…").
Result<std::unique_ptr<ListReader>> open_checked(const std::string& path, const std::string& kind,
                                                 const ReadOptions& options,
                                                 const std::string& table,
                                                 const std::string& columns, CheckedRows& out);

// {kind, outcome (ok, partly_rejected or all_rejected, as for lists), format, header_row, rows,
// accepted, rejected (the flagged rows), problems ([{row, problem}])}: the part of --json and of
// the import job's result every such import shares.
nlohmann::json checked_rows_json(const std::string& kind, const CheckedRows& r);

}  // namespace baoxue::ingest
