// 公民身份号码 (GB 11643-1999): normalisation, 15→18 conversion and validation.
//
// Lists arrive typed by hand and round-tripped through Excel, so the parser is forgiving about
// form (full-width digits, lower-case x, spaces, a leading apostrophe) and strict about content
// (length, real birth date, check character). The first six digits are checked against every
// GB/T 2260 code since 1980 (core/area_codes.h): a code that ever existed is a real place (a number
// keeps the code in force when it was issued, so guardians carry codes of prefectures abolished
// decades ago) and passes silently; a code that never existed is a warning; a province code that
// never existed makes the number invalid.
//
// The 2023 外国人永久居留身份证 (foreigner's permanent residence ID card, issued from 1 December
// 2023) has the same shape: 18 characters, the same birth date, sequence and check character, but
// '9' first, then the issuing province and a nationality code instead of the address code. It is
// valid and flagged (IdNumber::foreign_permanent_resident).
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
  std::string area_code;  // first six digits (for a foreigner's number: 9, province, nationality)
  // "河南省洛阳市孟津区"; a historical code is named as it was ("河南省周口地区商水县"); a
  // foreigner's number "外国人永久居留身份证（江苏省签发）"; empty when unknown.
  std::string area_name;
  // Set when the address code no longer exists: the year of the last list that carried it
  // (412723 → 1999), so a caller can say "旧区划代码" next to area_name.
  std::optional<int> area_last_seen;
  // A 2023 外国人永久居留身份证 number (9 + issuing province + nationality + birth date + sequence
  // + check): birth_date, sex and the check character read as for a citizen.
  bool foreign_permanent_resident = false;
  std::string nationality_code;  // its digits 4-6: ISO 3166-1 numeric ("682"); else empty
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
