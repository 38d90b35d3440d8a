#include "ingest/header.h"

namespace baoxue::ingest {

int Header::column_of(Field f) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == f) return static_cast<int>(i);
  return -1;
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
