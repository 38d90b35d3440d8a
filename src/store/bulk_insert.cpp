#include "store/bulk_insert.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace baoxue::store {

BulkInsert::BulkInsert(Database& db, const std::string& table, std::vector<std::string> columns,
                       std::size_t rows_per_execution)
    : db_(db), width_(columns.size()), chunk_(rows_per_execution) {
  std::string names, params;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += (i ? ", " : "") + columns[i];
    params += (i ? ", :p" : ":p") + std::to_string(i);
  }
  sql_ = "INSERT INTO " + table + " (" + names + ") VALUES (" + params + ")";
  values_.resize(width_);
  nulls_.resize(width_);
}

BulkInsert& BulkInsert::on_conflict(const std::string& clause) {
  sql_ += " " + clause;
  return *this;
}

BulkInsert& BulkInsert::text(std::string v) {
  if (column_ >= width_) {  // a value too many: end_row reports it
    ++column_;
    return *this;
  }
  auto& col = values_[column_];
  nulls_[column_].push_back(v.empty() ? soci::i_null : soci::i_ok);
  col.push_back(std::move(v));
  ++column_;
  return *this;
}

BulkInsert& BulkInsert::integer(long long v) { return text(std::to_string(v)); }

BulkInsert& BulkInsert::integer(std::optional<long long> v) { return v ? integer(*v) : text(""); }

BulkInsert& BulkInsert::real(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return text(buf);
}

Status BulkInsert::end_row() {
  if (column_ != width_) {
    // Drop the partial row so the columns stay aligned, and say what went wrong.
    for (std::size_t i = 0; i < std::min(column_, width_); ++i) {
      values_[i].pop_back();
      nulls_[i].pop_back();
    }
    const std::size_t got = std::exchange(column_, 0);
    return make_error("bulk_insert_width", "internal: a row of " + std::to_string(got) +
                                               " values for " + std::to_string(width_) +
                                               " columns in: " + sql_);
  }
  column_ = 0;
  if (++rows_ >= chunk_) return flush();
  return {};
}

Status BulkInsert::flush() {
  if (rows_ == 0) return {};
  Status st = guarded([&]() -> Status {
    soci::statement st(db_.sql());
    for (std::size_t i = 0; i < width_; ++i) st.exchange(soci::use(values_[i], nulls_[i]));
    st.alloc();
    st.prepare(sql_);
    st.define_and_bind();
    st.execute(true);
    return {};
  });
  for (auto& v : values_) v.clear();
  for (auto& n : nulls_) n.clear();
  rows_ = 0;
  return st;
}

}  // namespace baoxue::store
