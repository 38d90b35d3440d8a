// Reading what a client sent — the query string, a JSON body — with checks: a value of the wrong
// type or outside its set is a 400 whose Chinese message names the field and what it accepts,
// never a 500 and never silently ignored. Internal to src/api.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/query.h"

namespace baoxue::api {

// The largest page a list serves; a larger `size` is refused (the export is for everything).
inline constexpr int kMaxPageSize = 200;

// The page a list served, and a note when it is not the one asked for.
struct PageServed {
  store::Page page;
  std::string notice;  // "第 9 页超出范围（共 3 页），已显示最后一页"
};

class Params {
 public:
  explicit Params(const std::map<std::string, std::string>& values) : values_(values) {}
  // The value, or "" when absent.
  std::string text(const std::string& key) const;
  // A value from a fixed set ("" allowed: absent means `fallback`). The message lists the
  // accepted values by their names where the labels table `labels` has them.
  Result<std::string> choice(const std::string& key, const std::vector<std::string>& allowed,
                             const std::string& fallback = "",
                             const std::string& labels = "") const;
  // A region or school code: digits only, or absent.
  Result<std::string> code(const std::string& key) const;
  // YYYY-MM-DD, or absent.
  Result<std::string> date(const std::string& key) const;
  // page (≥ 1, default 1) and size (1..kMaxPageSize, default 20).
  Result<store::Page> page() const;
  // sort (one of `fields`, or absent) and order (asc | desc).
  Result<store::Sort> sort(const std::vector<std::string>& fields) const;
  // The place filters every ledger takes: township, village and school codes.
  Status places(std::string& township, std::string& village, std::string& school) const;

 private:
  const std::map<std::string, std::string>& values_;
};

// Runs find(page); a page past the end is served as the last page, and the answer says so.
template <typename Paged, typename Find>
Result<std::pair<Paged, PageServed>> find_page(const store::Page& asked, Find&& find) {
  auto got = find(asked);
  if (!got) return got.error();
  PageServed served{asked, ""};
  if (got->rows.empty() && got->total > 0 && asked.page > 1) {
    const long long last = (got->total + asked.size - 1) / asked.size;
    if (asked.page > last) {
      served.page.page = static_cast<int>(last);
      served.notice = "第 " + std::to_string(asked.page) + " 页超出范围（共 " +
                      std::to_string(last) + " 页），已显示最后一页";
      got = find(served.page);
      if (!got) return got.error();
    }
  }
  return std::make_pair(std::move(got.value()), served);
}

// One page of a list computed whole in memory (a coverage roll-up), served as find_page serves one.
template <typename T>
Result<std::pair<store::Paged<T>, PageServed>> page_in_memory(const store::Page& asked,
                                                              const std::vector<T>& all) {
  return find_page<store::Paged<T>>(asked, [&](const store::Page& pg) -> Result<store::Paged<T>> {
    store::Paged<T> out;
    out.total = static_cast<long long>(all.size());
    const std::size_t from = static_cast<std::size_t>(pg.page - 1) * pg.size;
    for (std::size_t i = from; i < all.size() && i < from + pg.size; ++i)
      out.rows.push_back(all[i]);
    return out;
  });
}

// A JSON object body.
class Body {
 public:
  // bad_request when the text is not JSON or not an object.
  static Result<Body> parse(std::string_view text);
  // A string field; absent: `fallback` (or an error when required).
  Result<std::string> string(const std::string& key, bool required = false,
                             const std::string& fallback = "") const;
  Result<bool> boolean(const std::string& key, bool fallback = false) const;
  // Several optional string fields at once, into the places given; the first bad one is the
  // error.
  Status fill(std::initializer_list<std::pair<const char*, std::string*>> fields) const;
  // A number (or its text); absent, null or "": nullopt.
  Result<std::optional<double>> number(const std::string& key) const;
  // A whole number (or its digits as a string); absent, null or "": nullopt.
  Result<std::optional<long long>> integer(const std::string& key) const;
  // An array of positive integers, at most `max` of them (more is an error that says so).
  Result<std::vector<long long>> ids(const std::string& key, std::size_t max) const;
  // An object of string (or number) values, e.g. a list's filters; absent: empty.
  Result<std::map<std::string, std::string>> strings(const std::string& key) const;
  const nlohmann::json& json() const { return body_; }

 private:
  explicit Body(nlohmann::json body) : body_(std::move(body)) {}
  nlohmann::json body_;
};

}  // namespace baoxue::api
