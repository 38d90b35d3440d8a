// Date: a plain calendar date (birth, roll call, visit). School life happens on dates, not
// instants, so these carry no time zone; timestamps are stored separately in UTC.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace baoxue {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  // Days since 1970-01-01 (negative before), proleptic Gregorian.
  long days_since_epoch() const;
  static Date from_days_since_epoch(long days);
  Date plus_days(long n) const { return from_days_since_epoch(days_since_epoch() + n); }

  std::string iso() const;  // "YYYY-MM-DD"
  // Strict "YYYY-MM-DD"; nullopt for anything else or for a day that does not exist.
  static std::optional<Date> parse_iso(std::string_view s);
  static bool is_valid(int year, int month, int day);
  // Today in the given UTC offset (China: +8 hours, no daylight saving).
  static Date today(int utc_offset_hours = 8);
};

// Whole years from `birth` to `on` (age in full years as of `on`).
int full_years(const Date& birth, const Date& on);

}  // namespace baoxue
