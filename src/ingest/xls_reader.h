// XLS (Excel 97-2003, BIFF8) reader via FreeXL. FreeXL reads the whole workbook into memory when
// it opens it — every text, and a 16-byte cell for every row × column each sheet claims, whether
// the cells exist or not. So the reader first walks the file's bytes itself (a small
// compound-file and BIFF walk) and refuses, with the limit's code, a file whose size, claimed
// cells or shared strings pass ReadOptions::limits (read_limits.h); only then does FreeXL see it.
//
// FreeXL 1.0 does not expose merged ranges either, so the same walk finds the sheet's MERGEDCELLS
// records and, as for xlsx, the top-left value is repeated into every cell of each range: a
// 学校名称 merged over many rows reaches every row.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// name: the file's name as the user knows it, for messages.
Result<std::unique_ptr<RowReader>> open_xls_file(const std::string& path, const std::string& name,
                                                 const ReadOptions& options);

// A merged range of an .xls sheet, 0-based rows and columns, inclusive.
struct XlsMergedRange {
  unsigned r1, r2, c1, c2;
};
// The merged ranges of the named sheet, from the raw .xls bytes (compound file -> "Workbook"
// stream -> BOUNDSHEET -> MERGEDCELLS), sorted by first row; empty when there are none or the file
// is not as expected. Exposed for the fuzz target: it parses untrusted bytes itself.
std::vector<XlsMergedRange> xls_merged_ranges(std::string_view file, const std::string& sheet_name);

// A number as a clerk expects to see it: integers without ".0", other values with up to 15
// significant digits ("%.15g"); integral values below 1e15 never in exponent form.
std::string format_xls_number(double value);

}  // namespace baoxue::ingest
