// Finding the header row. Lists arrive with title rows ("孟津区XX小学学生名单（2026年秋季）"),
// blank rows and notes above the header, so the header is the first row among the top ones that
// names the most known columns.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// A header needs at least two known columns; looked for in the first `max_rows` rows.
inline constexpr int kHeaderSearchRows = 30;
std::optional<Header> find_header(const std::vector<SheetRow>& top_rows);

}  // namespace baoxue::ingest
