#include "ingest/header.h"

namespace baoxue::ingest {

int Header::column_of(Field f) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == f) return static_cast<int>(i);
  return -1;
}

FieldColumns::FieldColumns(const Header& h) {
  for (int f = 0; f < kFieldCount; ++f) columns_[f] = h.column_of(static_cast<Field>(f));
}

int FieldColumns::column(Field f) const {
  return f == Field::kExtra ? -1 : columns_[static_cast<int>(f)];
}

std::string_view FieldColumns::cell(const SheetRow& row, Field f) const {
  const int c = column(f);
  return c >= 0 && static_cast<size_t>(c) < row.cells.size() ? trim_view(row.cells[c])
                                                             : std::string_view();
}

std::string_view FieldColumns::cell(const CsvCells& row, Field f) const {
  const int c = column(f);
  return c >= 0 && static_cast<size_t>(c) < row.size() ? trim_view(row[c]) : std::string_view();
}

std::optional<Header> find_header(const std::vector<SheetRow>& top_rows) {
  std::optional<Header> best;
  int best_score = 1;  // at least two known columns
  for (const SheetRow& row : top_rows) {
    Header h{row.number, row.cells, {}};
    int score = 0;
    for (const std::string& cell : row.cells) {
      const Field f = field_for_header(cell);
      h.fields.push_back(f);
      score += f != Field::kExtra && f != Field::kRowNo;
    }
    if (score > best_score) {  // the first row with the highest count; a title row scores 0
      best_score = score;
      best = std::move(h);
    }
  }
  return best;
}

}  // namespace baoxue::ingest
