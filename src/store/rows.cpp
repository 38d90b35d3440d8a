#include "store/rows.h"

#include <cstdlib>

namespace baoxue::store {

long long row_int(const soci::row& r, std::size_t i, long long if_null) {
  if (r.get_indicator(i) == soci::i_null) return if_null;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
      return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
      return std::atoll(r.get<std::string>(i).c_str());
    default:
      return if_null;
  }
}

std::optional<long long> row_optional_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return row_int(r, i);
}

std::string row_text(const soci::row& r, std::size_t i, const std::string& if_null) {
  if (r.get_indicator(i) == soci::i_null) return if_null;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string:
      return r.get<std::string>(i);
    case soci::dt_integer:
      return std::to_string(r.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(i));
    case soci::dt_double:
      return std::to_string(r.get<double>(i));
    default:
      return if_null;
  }
}

double row_double(const soci::row& r, std::size_t i, double if_null) {
  if (r.get_indicator(i) == soci::i_null) return if_null;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_double:
      return r.get<double>(i);
    case soci::dt_string:
      return std::atof(r.get<std::string>(i).c_str());
    default:
      return static_cast<double>(row_int(r, i, 0));
  }
}

long long query_int(soci::session& sql, const std::string& query) {
  soci::rowset<soci::row> rs = sql.prepare << query;
  for (const soci::row& r : rs) return row_int(r, 0);
  return 0;
}

}  // namespace baoxue::store
