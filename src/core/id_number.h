// 公民身份号码 (GB 11643-1999): normalisation, 15→18 conversion and validation.
//
// Lists arrive typed by hand and round-tripped through Excel, so the parser is forgiving about
// form (full-width digits, lower-case x, spaces, a leading apostrophe) and strict about content
// (length, real birth date, check character). An unknown area code is only a warning: old codes
// persist in numbers issued before a county was renamed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace baoxue::core {

enum class Sex { kMale, kFemale };
const char* sex_label(Sex s);  // "男" / "女"

struct Finding {
  std::string code;     // stable English code: "id_checksum", "id_area_unknown", …
  std::string message;  // zh-CN, says what to do
};

struct IdNumber {
  std::string input;
  std::string normalized;  // 18 characters when the form allowed it, else the cleaned input
  bool valid = false;      // no errors
  std::optional<Date> birth_date;
  std::optional<Sex> sex;
  std::string area_code;  // first six digits
  std::string area_name;  // "河南省洛阳市孟津区", empty when unknown
  std::vector<Finding> warnings;
  std::vector<Finding> errors;
};

// Cleans the form only: trims and drops spaces (incl. U+3000), a leading apostrophe, folds
// full-width digits and Ｘ, upper-cases x. Does not validate.
std::string normalize_id_form(std::string_view input);

// The check character for the first 17 digits ('0'-'9' or 'X'); '\0' if they are not 17 digits.
char id_check_char(std::string_view first17);

// Full analysis. `today` bounds the birth date (a birth date in the future is an error).
IdNumber parse_id_number(std::string_view input, const Date& today = Date::today());

// Convenience: the normalised 18-character number if valid, else empty.
std::string canonical_id_number(std::string_view input);

// The form shown to anyone not entitled to the full number (PIPL, minors): the area code and the
// last four characters stay, the birth date and sequence become '*' — "410308********0021".
// Shorter (mistyped) numbers keep only their first and last character, and one or two characters
// are masked whole; empty stays empty.
std::string mask_id_number(std::string_view id);

// A phone number shown the same way: the first three and the last four digits stay,
// "138****8000"; a number shorter than seven characters is shown as it is.
std::string mask_phone_number(std::string_view phone);

}  // namespace baoxue::core
