// Fuzz target: the ID number and 学籍号 parsers see every string a clerk or Excel can produce, so
// they must never crash and must never call a malformed number valid.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/id_number.h"
#include "core/student_no.h"
#include "fuzz_check.h"

namespace {


bool is_digit(char c) { return c >= '0' && c <= '9'; }

void check_valid_id(std::string_view id) {
  FUZZ_CHECK(id.size() == 18);
  for (std::size_t i = 0; i < 17; ++i) FUZZ_CHECK(is_digit(id[i]));
  FUZZ_CHECK(baoxue::core::id_check_char(id.substr(0, 17)) == id[17]);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baoxue::core;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // A fixed "today", so that a run is reproducible whatever the date.
  const baoxue::Date today{2026, 9, 1};

  const std::string form = normalize_id_form(input);
  FUZZ_CHECK(form.size() <= input.size());          // only folds and drops, never adds
  FUZZ_CHECK(form.find('x') == std::string::npos);  // lower-case x is always folded
  FUZZ_CHECK(normalize_id_form(form) == form);      // idempotent
  const IdNumber id = parse_id_number(input, today);
  FUZZ_CHECK(id.input == input);
  FUZZ_CHECK(id.valid == id.errors.empty());
  for (const auto& f : id.errors) FUZZ_CHECK(!f.code.empty() && !f.message.empty());
  for (const auto& f : id.warnings) FUZZ_CHECK(!f.code.empty() && !f.message.empty());
  if (id.valid) {
    check_valid_id(id.normalized);
    FUZZ_CHECK(id.birth_date.has_value() && id.sex.has_value());
    FUZZ_CHECK(!(*id.birth_date > today));
    FUZZ_CHECK(id.area_code == id.normalized.substr(0, 6));
    FUZZ_CHECK((id.normalized[16] - '0') % 2 == 1 ? *id.sex == Sex::kMale
                                                  : *id.sex == Sex::kFemale);
    // The normalised number is a fixed point: parsing it again gives the same answer.
    const IdNumber again = parse_id_number(id.normalized, today);
    FUZZ_CHECK(again.valid && again.normalized == id.normalized);
  }

  // id_check_char on arbitrary bytes: '\0' unless exactly 17 digits.
  const char check = id_check_char(input);
  if (check != '\0') {
    FUZZ_CHECK(size == 17);
    FUZZ_CHECK(is_digit(check) || check == 'X');
  }

  const auto student = parse_student_no(input);
  if (student.ok()) {
    const StudentNo& s = student.value();
    FUZZ_CHECK(s.normalized.size() == 19);
    FUZZ_CHECK(s.normalized[0] == 'G' || s.normalized[0] == 'J' || s.normalized[0] == 'L');
    // Only a G number links to a person; an L number shaped like an ID must never do so.
    if (s.kind != StudentNoKind::kG) FUZZ_CHECK(s.id_number.empty());
    if (!s.id_number.empty()) {
      check_valid_id(s.id_number);
      // Only the 18 characters after the prefix can be the linked ID: the regression corpus holds
      // "G＇" + a 15-digit number, which once linked to a made-up ID.
      FUZZ_CHECK(s.id_number == s.normalized.substr(1));
    }
  } else {
    FUZZ_CHECK(!student.error().code.empty() && !student.error().message.empty());
  }
  return 0;
}
