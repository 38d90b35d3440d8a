// XLSX reader: the sheet XML is parsed with expat as it is inflated, and the parser pauses while
// the rows it has parsed wait to be taken, so memory stays flat however many rows the sheet has;
// only the shared strings and the merged ranges are held. Every part is streamed (nothing is
// inflated whole to be measured), and ReadOptions::limits (read_limits.h) bound what is held
// and the bytes inflated, as they are read.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// name: the file's name as the user knows it, for messages.
Result<std::unique_ptr<RowReader>> open_xlsx_file(const std::string& path, const std::string& name,
                                                  const ReadOptions& options);
// bytes must stay alive as long as the reader.
Result<std::unique_ptr<RowReader>> open_xlsx_bytes(std::string_view bytes, const std::string& name,
                                                   const ReadOptions& options);

// Excel date serial -> "YYYY-MM-DD" (the time of day is dropped). The 1900 system repeats Lotus's
// mistake of a 29 February 1900 (serial 60) and is off by one before it; the 1904 system (old Mac
// workbooks, <workbookPr date1904="1"/>) counts from 1904-01-01. "" for serials Excel cannot show
// as a date (negative, 0 in the 1900 system, after 9999-12-31).
std::string excel_serial_to_date(double serial, bool date1904);

// Whether a number format shows a date: the built-in ids (including the zh-CN ones, 27-31, 36,
// 50-54, 57, 58) or a custom code with a year, day or month part outside quotes and brackets.
// Time-only formats are not dates.
bool is_date_format(int num_fmt_id, std::string_view format_code);

}  // namespace baoxue::ingest
