// Reading result rows the same way on both engines. SQLite and PostgreSQL report different
// column types for the same query (COUNT is BIGINT on one, INTEGER or text on the other), and
// SOCI's row::get<T> insists on the exact type; these helpers convert instead.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace baoxue::store {

long long row_int(const soci::row& r, std::size_t i, long long if_null = 0);
std::optional<long long> row_optional_int(const soci::row& r, std::size_t i);  // NULL: nullopt
std::string row_text(const soci::row& r, std::size_t i, const std::string& if_null = "");
double row_double(const soci::row& r, std::size_t i, double if_null = 0);

// A bound text parameter that is NULL when empty: keeps "unknown" distinct from a value.
struct NullableText {
  std::string value;
  soci::indicator ind;
  explicit NullableText(std::string v = {})
      : value(std::move(v)), ind(value.empty() ? soci::i_null : soci::i_ok) {}
  void set(std::string v) {
    value = std::move(v);
    ind = value.empty() ? soci::i_null : soci::i_ok;
  }
};

// Runs a single-value COUNT/SUM query and returns it as an integer.
long long query_int(soci::session& sql, const std::string& query);

}  // namespace baoxue::store
