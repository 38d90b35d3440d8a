// Filtered, paged reads with a varying set of conditions: the ledger lists, the task list, the
// audit log. Values are always bound, never pasted into the SQL; only column names (fixed in
// the code) and scope conditions (store/scope_filter.h, digits only) become SQL text.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

class Where {
 public:
  // Adds "column = value"; nothing when value is empty (an unset filter).
  Where& equals(const std::string& column, const std::string& value);
  // Adds a condition written in SQL; each `?` in it is replaced by a bound value from `values`.
  Where& add(const std::string& condition, const std::vector<std::string>& values = {});
  std::string sql() const;  // "a AND b", or "(1 = 1)"
  const std::vector<std::string>& values() const { return values_; }

 private:
  std::vector<std::string> parts_;
  std::vector<std::string> values_;
};

struct Page {
  int page = 1;   // from 1
  int size = 20;  // rows per page, at least 1 (the API checks what it is sent)
};

// One page of a list and the number of rows the whole list holds.
template <typename T>
struct Paged {
  long long total = 0;
  std::vector<T> rows;
};

// A sort the lists offer: a field name the API accepts, and whether it runs downwards.
struct Sort {
  std::string field;  // "" = the list's own order
  bool descending = false;
};
// "ORDER BY": `expression` as the sort says, rows without a value last either way (SQLite and
// PostgreSQL put NULLs at opposite ends by default), ties by `id_column`.
std::string order_by(const std::string& expression, bool descending, const std::string& id_column);

// Runs `select_sql` + " WHERE " + where + " " + tail (ORDER BY, LIMIT …), calling fn per row.
Status for_each_row(Database& db, const std::string& select_sql, const Where& where,
                    const std::string& tail, const std::function<void(const soci::row&)>& fn);
// The same, for a caller whose per-row work can fail (an export writing rows): stops at the
// first error and returns it.
Status for_each_row_until(Database& db, const std::string& select_sql, const Where& where,
                          const std::string& tail,
                          const std::function<Status(const soci::row&)>& fn);
// COUNT(*) of `from_sql` + " WHERE " + where.
Result<long long> count_rows(Database& db, const std::string& from_sql, const Where& where);
// " LIMIT n OFFSET m" for a page, as it is: no cap here (a limit on what a user may ask for is
// the API's, and it says so).
std::string limit_clause(const Page& page);

}  // namespace baoxue::store
