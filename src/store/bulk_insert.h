// BulkInsert: many rows into one table, a few thousand per statement execution, the same way
// on both engines. Values are bound as text (NULL when empty); SQLite's column affinity and
// PostgreSQL's parameter parsing turn them into the column's type.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

class BulkInsert {
 public:
  BulkInsert(Database& db, const std::string& table, std::vector<std::string> columns,
             std::size_t rows_per_execution = 2000);

  // What a row that collides with an existing one does instead ("ON CONFLICT (…) DO …", the
  // same on both engines). Call before the first row.
  BulkInsert& on_conflict(const std::string& clause);

  // Values of the current row, in column order. Empty text is NULL.
  BulkInsert& text(std::string v);
  BulkInsert& integer(long long v);
  BulkInsert& integer(std::optional<long long> v);  // nullopt is NULL
  BulkInsert& real(double v);
  // Ends the row; executes when enough rows are waiting.
  Status end_row();
  // Executes what is waiting. Call once after the last row.
  Status flush();

 private:
  Database& db_;
  std::string sql_;
  std::size_t width_, chunk_, column_ = 0, rows_ = 0;
  std::vector<std::vector<std::string>> values_;
  std::vector<std::vector<soci::indicator>> nulls_;
};

}  // namespace baoxue::store
