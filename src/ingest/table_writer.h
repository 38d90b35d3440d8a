// TableWriter: streams a list (学生名单, 核查结果) to .xlsx or .csv one row at a time, so a
// million-row county export never sits in memory.
//
// Every xlsx cell is written as text. Excel would otherwise turn an 18-digit ID number into
// 4.10308E+17 and the last digits are gone for good; a list sent back to a school in that state
// cannot be repaired.
//
// Rows are atomic: a row that fails validation (invalid UTF-8, a cell too long for Excel, a
// character the target encoding cannot hold) is rejected whole and nothing of it is written, so
// the caller may skip it and go on.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace baoxue::ingest {

enum class TableFormat { kXlsx, kCsvUtf8, kCsvUtf8Bom, kCsvGb18030 };

// The format for a file name: .xlsx -> kXlsx; .csv/.tsv -> kCsvUtf8 unless `encoding` says
// otherwise ("utf-8", "utf-8-bom", "gb18030"; "gbk", "gb2312", "cp936" are read as gb18030, which
// is a superset). Case-insensitive. The encoding is ignored for .xlsx, which always holds Unicode.
// Errors: table_format_unknown, table_encoding_unknown.
Result<TableFormat> table_format_for(const std::string& path, const std::string& encoding = "");

class TableWriter {
 public:
  // title: optional first row above the header (e.g. "孟津区2026年秋季学期在校学生名单"), merged
  // across the header's columns in xlsx, a single-cell line in csv; empty = no title row.
  // sheet_name is used for xlsx only; characters Excel forbids ([]:*?/\) are dropped and it is
  // cut to 31 characters. A .tsv path gets tab separators, anything else commas.
  // The file is created (and an existing one truncated) here, so a bad path fails now.
  static Result<std::unique_ptr<TableWriter>> open(const std::string& path, TableFormat format,
                                                   const std::string& sheet_name,
                                                   const std::string& title,
                                                   const std::vector<std::string>& header);

  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;
  ~TableWriter();  // closes if close() was not called; errors are then lost

  // Cells are UTF-8. A row may be shorter or longer than the header.
  Status add_row(const std::vector<std::string>& cells);

  // Rows the caller formatted with append_csv_row, `rows` of them, written as they are: for
  // writers of a million rows that cannot afford a vector of strings each. UTF-8 CSV files only
  // (table_format_unsupported otherwise); the cells are not checked here, so they must be valid
  // UTF-8 without NUL.
  Status add_csv_rows(std::string_view text, std::int64_t rows);

  // Finishes the file (for xlsx: assembles the zip). Calling it again is a no-op.
  Status close();

  const std::string& path() const;
  std::int64_t rows_written() const;  // data rows, not counting title and header

  struct Sink;  // one per format family; defined in table_writer.cpp

 private:
  TableWriter(std::string path, std::unique_ptr<Sink> sink, std::vector<std::string> header,
              int first_data_row);
  enum class RowKind { kTitle, kHeader, kData };
  Status write_checked(const std::vector<std::string>& cells, RowKind kind);

  std::string path_;
  std::unique_ptr<Sink> sink_;
  std::vector<std::string> header_;  // for naming the column in error messages
  int next_row_;                     // 1-based row in the file, for error messages
  std::int64_t data_rows_ = 0;
  bool closed_ = false;
};

// One CSV row as TableWriter writes it, appended to `out`: cells quoted when they hold the
// separator, a quote or a line break, or begin or end with a blank (Excel and many importers trim
// those), quotes doubled, CRLF at the end as Excel writes it.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> cells,
                    char separator = ',');

// Convenience: open, write every row, close. On any error the partial file is removed, so a
// half-written list can never be mistaken for a complete one.
Status write_table(const std::string& path, TableFormat format, const std::string& sheet_name,
                   const std::string& title, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows);

}  // namespace baoxue::ingest
