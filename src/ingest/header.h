// Finding the header row. Lists arrive with title rows ("孟津区XX小学学生名单（2026年秋季）"),
// blank rows and notes above the header, so the header is the first row among the top ones that
// names the most known columns.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/fields.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

struct Header {
  long row_number = 0;             // as Excel shows it
  std::vector<std::string> cells;  // the header as written
  std::vector<Field> fields;       // one per column; kExtra for unknown columns
  // The column of each field, or -1 (the first column wins when two name the same field).
  int column_of(Field f) const;
};

// The columns of a header by field, looked up once: for readers that go through many rows.
class FieldColumns {
 public:
  explicit FieldColumns(const Header& h);
  int column(Field f) const;  // as Header::column_of; -1 for kExtra
  // The field's cell in `row`, trimmed (trim_view); empty when the header has no such column or
  // the row ends before it.
  std::string_view cell(const SheetRow& row, Field f) const;
  std::string_view cell(const CsvCells& row, Field f) const;

 private:
  std::array<int, kFieldCount> columns_;
};

// A header needs at least two known columns; looked for in the first `max_rows` rows.
inline constexpr int kHeaderSearchRows = 30;
std::optional<Header> find_header(const std::vector<SheetRow>& top_rows);

}  // namespace baoxue::ingest
