// What the matcher compares, extracted once per row: the ID number as a number, the birth date
// as a day count, names as 64-bit hashes. The hot loop then compares integers, not strings, and
// allocates nothing.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "core/date.h"
#include "match/person.h"

namespace baoxue::match {

inline constexpr std::uint64_t kNoId = ~std::uint64_t{0};
inline constexpr std::int32_t kNoDate = std::numeric_limits<std::int32_t>::min();

enum class IdState : std::uint8_t {
  kMissing,    // blank, or a J/L 学籍号 only (an L number is NOT the child's ID)
  kValid,      // 18 characters, check character and birth date right
  kInvalid,    // 17 digits + check character, but the checksum or the date is wrong: a typo
  kMalformed,  // something else (too short, letters): unusable for comparison
};

// The ID number part, enough for the deterministic pass.
struct IdKey {
  std::uint64_t id17 = kNoId;  // the first 17 digits as a number (unique, no hashing)
  char check = 0;              // the 18th character
  IdState state = IdState::kMissing;
  friend bool operator==(const IdKey&, const IdKey&) = default;
};

// A row's fields as views, whoever holds them: a Person, or a file reader's reused buffers (so
// that file mode extracts the keys without keeping a Person per row).
struct PersonRef {
  std::string_view name, name_key, pinyin_key, id_number;
  bool id_valid = false;
  std::optional<Date> birth;
  std::string_view sex, student_no, guardian_name, township, village;

  static PersonRef of(const Person& p) {
    return {p.name, p.name_key,   p.pinyin_key,    p.id_number, p.id_valid, p.birth,
            p.sex,  p.student_no, p.guardian_name, p.township,  p.village};
  }
};

// Person.id_number, or when that is blank the ID inside a G 学籍号 ("G" + ID).
std::string_view effective_id(const PersonRef& p);
IdKey id_key(const PersonRef& p);
inline IdKey id_key(const Person& p) { return id_key(PersonRef::of(p)); }

// Everything the probabilistic pass compares.
struct Features {
  IdKey id;
  Date birth_date;                    // valid when birth != kNoDate
  std::int32_t birth = kNoDate;       // days since epoch: Person.birth, else the ID's birth digits
  std::int32_t band_birth = kNoDate;  // for the school-age band: a valid ID's, else Person.birth
  std::uint8_t sex = 0;               // 0 unknown, 1 男, 2 女 (the ID's 17th digit if blank)
  std::uint64_t name = 0;             // hash of name_key; 0 = no name
  std::uint64_t pinyin = 0;           // hash of pinyin_key; 0 = none
  // The name's two halves for blocking: name_key's first character (the surname, as a rule)
  // and the rest. One wrong character leaves one half intact. 0 = none.
  std::uint64_t name_head = 0, name_tail = 0;
  std::uint64_t guardian = 0;  // hash of the guardian's name_key
  std::uint64_t guardian_pinyin = 0;
  friend bool operator==(const Features&, const Features&) = default;
};

Features extract_features(const PersonRef& p);
inline Features extract_features(const Person& p) { return extract_features(PersonRef::of(p)); }

// FNV-1a, never 0 for a non-empty string (0 means "missing").
std::uint64_t hash_text(std::string_view s);

}  // namespace baoxue::match
