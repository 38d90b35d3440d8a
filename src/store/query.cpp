#include "store/query.h"

#include <algorithm>

#include "store/rows.h"

namespace baoxue::store {

Where& Where::equals(const std::string& column, const std::string& value) {
  if (value.empty()) return *this;
  return add(column + " = ?", {value});
}

Where& Where::add(const std::string& condition, const std::vector<std::string>& values) {
  // Placeholders are numbered across the whole query: :p0, :p1, …
  std::string text;
  std::size_t used = 0;
  for (char c : condition) {
    if (c == '?' && used < values.size()) {
      text += ":p" + std::to_string(values_.size());
      values_.push_back(values[used++]);
    } else {
      text += c;
    }
  }
  parts_.push_back("(" + text + ")");
  return *this;
}

std::string Where::sql() const {
  if (parts_.empty()) return "(1 = 1)";
  std::string s;
  for (const auto& p : parts_) s += (s.empty() ? "" : " AND ") + p;
  return s;
}

namespace {

// A prepared statement with the Where's values bound in order.
void bind(soci::statement& st, const Where& where) {
  for (const std::string& v : where.values()) st.exchange(soci::use(v));
}

}  // namespace

Status for_each_row_until(Database& db, const std::string& select_sql, const Where& where,
                          const std::string& tail,
                          const std::function<Status(const soci::row&)>& fn) {
  return guarded([&]() -> Status {
    soci::row row;
    soci::statement st(db.sql());
    st.alloc();
    st.prepare(select_sql + " WHERE " + where.sql() + " " + tail);
    st.exchange(soci::into(row));
    bind(st, where);
    st.define_and_bind();
    st.execute(false);
    while (st.fetch())
      if (Status done = fn(row); !done) return done;
    return {};
  });
}

Status for_each_row(Database& db, const std::string& select_sql, const Where& where,
                    const std::string& tail, const std::function<void(const soci::row&)>& fn) {
  return for_each_row_until(db, select_sql, where, tail, [&](const soci::row& r) -> Status {
    fn(r);
    return {};
  });
}

Result<long long> count_rows(Database& db, const std::string& from_sql, const Where& where) {
  long long n = 0;
  Status st = for_each_row(db, "SELECT COUNT(*) " + from_sql, where, "",
                           [&](const soci::row& r) { n = row_int(r, 0); });
  if (!st) return st.error();
  return n;
}

std::string limit_clause(const Page& page) {
  const long long offset = static_cast<long long>(std::max(page.page, 1) - 1) * page.size;
  return " LIMIT " + std::to_string(page.size) + " OFFSET " + std::to_string(offset);
}

std::string order_by(const std::string& expression, bool descending, const std::string& id_column) {
  return "ORDER BY (" + expression + " IS NULL), " + expression + (descending ? " DESC" : "") +
         ", " + id_column;
}

}  // namespace baoxue::store
