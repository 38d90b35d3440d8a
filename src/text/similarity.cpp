// Code-point string similarity for the matcher. Names are short (2-4 characters, rarely over 20
// for minority names), so the work is dominated by decoding and allocation; both are kept on the
// stack for the common case.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "name.h"
#include "utf8.h"

namespace baoxue::text {

namespace {

// Fixed inline storage with a heap fallback, so short names never touch the allocator.
template <typename T, std::size_t N>
class SmallArray {
 public:
  explicit SmallArray(std::size_t n, T fill = T()) : size_(n) {
    if (n > N)
      heap_.assign(n, fill);
    else
      std::fill_n(inline_.begin(), n, fill);
  }
  T* data() { return size_ > N ? heap_.data() : inline_.data(); }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data()[i]; }

 private:
  std::size_t size_;
  std::array<T, N> inline_;
  std::vector<T> heap_;
};

using CodePoints = SmallArray<char32_t, 64>;

CodePoints decode(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < s.size(); ++n) decode_next(s, &pos);
  CodePoints out(n);
  std::size_t i = 0;
  for (std::size_t pos = 0; pos < s.size();) out[i++] = decode_next(s, &pos);
  return out;
}

}  // namespace

int edit_distance_cp(std::string_view a, std::string_view b) {
  CodePoints x = decode(a);
  CodePoints y = decode(b);
  if (x.size() < y.size()) std::swap(x, y);  // the row is the shorter string
  const std::size_t m = y.size();
  SmallArray<int, 65> row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= x.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[m];
}

double jaro_winkler(std::string_view a, std::string_view b) {
  CodePoints x = decode(a);
  CodePoints y = decode(b);
  const std::size_t n = x.size(), m = y.size();
  if (n == 0 && m == 0) return 1.0;
  if (n == 0 || m == 0) return 0.0;

  const std::size_t window = std::max(n, m) / 2 > 0 ? std::max(n, m) / 2 - 1 : 0;
  SmallArray<unsigned char, 64> x_matched(n, 0);
  SmallArray<unsigned char, 64> y_matched(m, 0);
  std::size_t matches = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(m, i + window + 1);
    for (std::size_t j = lo; j < hi; ++j) {
      if (y_matched[j] || x[i] != y[j]) continue;
      x_matched[i] = y_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;

  std::size_t half_transpositions = 0;
  for (std::size_t i = 0, j = 0; i < n; ++i) {
    if (!x_matched[i]) continue;
    while (!y_matched[j]) ++j;
    if (x[i] != y[j]) ++half_transpositions;
    ++j;
  }
  const double mt = static_cast<double>(matches);
  const double jaro = (mt / n + mt / m + (mt - half_transpositions / 2.0) / mt) / 3.0;

  std::size_t prefix = 0;
  while (prefix < 4 && prefix < n && prefix < m && x[prefix] == y[prefix]) ++prefix;
  return jaro + prefix * 0.1 * (1.0 - jaro);
}

}  // namespace baoxue::text
