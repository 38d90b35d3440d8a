// RowReader: the rows of a list file as text, whatever the file is (xlsx, xls, csv/tsv in any
// encoding). Everything above this interface (header detection, aliases, validation, batches)
// sees only UTF-8 strings and the row numbers a clerk sees in Excel.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "ingest/read_limits.h"

namespace baoxue::ingest {

struct CsvFormat;  // csv_reader.h

struct SheetRow {
  long number = 0;                 // 1-based, as Excel shows it (CSV: record number, not line)
  std::vector<std::string> cells;  // UTF-8; trailing empty cells may be absent
};

struct ReadOptions {
  std::string sheet;     // xlsx/xls: sheet name; empty = the first sheet
  std::string encoding;  // csv/tsv: "" = detect; "utf-8", "utf-16", "gb18030" (gbk, gb2312, cp936)
  ReadLimits limits;     // what the file may make the reader hold or do (read_limits.h)
};

class RowReader {
 public:
  virtual ~RowReader() = default;
  // The next row, or false at the end or on an error (then status() says why).
  virtual bool next(SheetRow& row) = 0;
  virtual Status status() const = 0;
  // What was read, for the import summary: "xlsx，工作表“学生名单”", "csv，GB18030 编码".
  virtual std::string description() const = 0;
  // The encoding actually used ("utf-8", "gb18030", …; "" for spreadsheets).
  virtual std::string encoding() const = 0;
  // For a CSV/TSV file, what it was read as (so that it can also be read in ranges, see
  // csv_ranges.h); nullptr for spreadsheets.
  virtual const CsvFormat* csv_format() const { return nullptr; }
};

// Opens by content, not only by extension (a ".xls" that is really HTML or CSV, an ".xlsx" that
// is password-protected). Errors say what the file is and what to do, in Chinese, with codes:
// file_not_found, file_empty, file_not_spreadsheet, file_password_protected, sheet_not_found,
// file_corrupt, encoding_unknown, and the codes of the limits in read_limits.h (from open_table
// or later from status()).
Result<std::unique_ptr<RowReader>> open_table(const std::string& path, const ReadOptions& options);

// The same for content already in memory (an upload, a test, a fuzz input). name_hint is the
// file's name as the user knows it: messages quote it and ".tsv" means tab-separated, but the
// format is still decided by content. `bytes` must stay alive as long as the reader.
Result<std::unique_ptr<RowReader>> open_table_bytes(std::string_view bytes,
                                                    const std::string& name_hint,
                                                    const ReadOptions& options);

}  // namespace baoxue::ingest
