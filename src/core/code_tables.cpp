#include "core/code_tables.h"

#include <cstdlib>

#include "core/tsv.h"

namespace baoxue::embedded {
extern const std::string_view code_tables_tsv;
extern const std::string_view settings_tsv;
}  // namespace baoxue::embedded

namespace baoxue::core {
namespace {

// Calls f(fields) per data row; a row with fewer than `min_fields` is an error naming its line.
template <typename F>
Status for_each_row(std::string_view tsv, size_t min_fields, const char* what, F f) {
  Status status;
  for_each_tsv_row(tsv, [&](size_t line_no, std::vector<std::string> fields) {
    if (!status) return;
    if (fields.size() < min_fields) {
      status = make_error("defaults_format", std::string(what) + " 第 " + std::to_string(line_no) +
                                                 " 行应至少有 " + std::to_string(min_fields) +
                                                 " 列（以制表符分隔）");
      return;
    }
    f(fields);
  });
  return status;
}

std::pair<int, int> parse_month_day(const std::string& s, std::pair<int, int> fallback) {
  if (s.size() != 5 || s[2] != '-') return fallback;
  return {std::atoi(s.substr(0, 2).c_str()), std::atoi(s.substr(3, 2).c_str())};
}

}  // namespace

std::map<std::string, std::string> parse_attrs(std::string_view text) {
  std::map<std::string, std::string> attrs;
  for (const auto& kv : split_fields(text, ';')) {
    const size_t eq = kv.find('=');
    if (eq != std::string::npos) attrs[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return attrs;
}

std::vector<std::string> split_fields(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string format_attrs(const std::map<std::string, std::string>& attrs) {
  std::string s;
  for (const auto& [k, v] : attrs) s += (s.empty() ? "" : ";") + k + "=" + v;
  return s;
}

Result<std::vector<Code>> parse_code_tables(std::string_view tsv) {
  std::vector<Code> codes;
  std::map<std::string, int> order;
  Status st = for_each_row(tsv, 4, "code_tables.tsv", [&](std::vector<std::string>& f) {
    Code c{f[0], f[1], f[2], f[3], {}, ++order[f[0]]};
    if (f.size() > 4) c.attrs = parse_attrs(f[4]);
    codes.push_back(std::move(c));
  });
  if (!st) return st.error();
  return codes;
}

Result<std::vector<Setting>> parse_settings(std::string_view tsv) {
  std::vector<Setting> settings;
  Status st = for_each_row(tsv, 2, "settings.tsv", [&](std::vector<std::string>& f) {
    settings.push_back({f[0], f[1], f.size() > 2 ? f[2] : ""});
  });
  if (!st) return st.error();
  return settings;
}

// The embedded defaults are part of the build; a malformed file is a build defect, caught by the
// tests, so an empty table here is never silently used.
const std::vector<Code>& default_codes() {
  static const std::vector<Code> codes = [] {
    auto r = parse_code_tables(embedded::code_tables_tsv);
    return r ? r.value() : std::vector<Code>{};
  }();
  return codes;
}

const std::vector<Setting>& default_settings() {
  static const std::vector<Setting> settings = [] {
    auto r = parse_settings(embedded::settings_tsv);
    return r ? r.value() : std::vector<Setting>{};
  }();
  return settings;
}

Settings::Settings() {
  for (const auto& s : default_settings()) values_[s.key] = s.value;
}

std::string Settings::get(const std::string& key) const {
  if (auto it = values_.find(key); it != values_.end()) return it->second;
  for (const auto& s : default_settings())
    if (s.key == key) return s.value;
  return {};
}

const Code* find_code(const std::vector<Code>& table, std::string_view code) {
  for (const Code& c : table)
    if (c.code == code) return &c;
  return nullptr;
}

std::string code_and_label(const std::vector<Code>& table, std::string_view code) {
  if (code.empty()) return "";
  const Code* c = find_code(table, code);
  return c ? std::string(code) + " " + c->label_zh : std::string(code);
}

int Settings::get_int(const std::string& key) const { return std::atoi(get(key).c_str()); }

Date Settings::county_today() const { return Date::today(get_int("county.utc_offset_hours")); }

Date Settings::census_day(const Date& today) const {
  std::optional<Date> best;
  const std::string days = get("census.term_days");
  std::size_t start = 0;
  while (start < days.size()) {
    std::size_t end = days.find(',', start);
    if (end == std::string::npos) end = days.size();
    const std::string md = days.substr(start, end - start);
    start = end + 1;
    const auto [month, day] = parse_month_day(md, {0, 0});
    if (month == 0) continue;
    for (int year : {today.year, today.year - 1}) {
      if (!Date::is_valid(year, month, day)) continue;
      const Date d{year, month, day};
      if (d <= today && (!best || *best < d)) best = d;
    }
  }
  return best.value_or(today);
}

SchoolAgeRules Settings::school_age_rules() const {
  SchoolAgeRules r;
  std::tie(r.cutoff_month, r.cutoff_day) =
      parse_month_day(get("school_age.cutoff"), {r.cutoff_month, r.cutoff_day});
  std::tie(r.school_year_start_month, r.school_year_start_day) = parse_month_day(
      get("school_year.start"), {r.school_year_start_month, r.school_year_start_day});
  if (int v = get_int("school_age.entry_age"); v > 0) r.entry_age = v;
  if (int v = get_int("school_age.compulsory_years"); v > 0) r.compulsory_years = v;
  return r;
}

}  // namespace baoxue::core
