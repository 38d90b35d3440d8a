// Field-by-field comparison of a household row with a student row, and the weight of each
// outcome.
//
// Weights are log2 likelihood ratios, log2(m/u) (Fellegi–Sunter; Splink calls them "match
// weights"): m = how often the outcome occurs when the two rows ARE the same child, u = how often
// it occurs for two different children who met in a blocking key. They add up; 10 means the
// observation is about a thousand times likelier for the same child. The m/u values below are
// estimates from the error kinds seen in county census rounds (about half of the first-round
// "suspected" children were clerical errors: blank or mistyped IDs, traditional characters,
// homophones, birth dates a day off or day/month swapped) and from the size of a county cohort
// (≈ 5000 birth dates in the school-age span, a few thousand children per year). They are
// deliberately rounded and conservative; re-estimate them (Splink-style EM) once a county's
// confirmed results exist, but keep the ordering, on which the tests depend.
#pragma once

#include <cstddef>
#include <cstdint>

#include "match/features.h"
#include "match/person_table.h"

namespace baoxue::match {

enum class NameOutcome : std::uint8_t { kExact, kHomophone, kSimilar, kDifferent, kMissing };
enum class BirthOutcome : std::uint8_t {
  kExact,
  kOneDayOff,
  kDayMonthSwapped,
  kSameYearMonth,
  kDifferent,
  kMissing
};
enum class SexOutcome : std::uint8_t { kAgree, kDisagree, kMissing };
enum class IdOutcome : std::uint8_t {
  kExact,          // equal and valid (only reaches this pass for duplicated registrations)
  kExactInvalid,   // equal, but fails the checksum: the same wrong number copied on both lists
  kOneDigitTypo,   // one digit differs and the checksum breaks: a typo of this very number
  kAdjacentSwap,   // two neighbouring digits swapped, checksum breaks: likewise
  kNearBothValid,  // one digit / one swap apart but BOTH numbers valid: two real people (twins!)
  kDifferent,
  kMissing,  // blank, J/L number only, or malformed on either side
};
enum class PlaceOutcome : std::uint8_t { kAgree, kDisagree, kMissing };

struct Weights {
  // Name (name_key is simplified, spaces and dots removed, so traditional spellings are exact).
  // m: 92% exact, 4% homophone (张/章), 2% other similar, 2% different (renamed children);
  // u within a block: 1/1000 share a name, 1/30 a pinyin, 1/100 a JW ≥ 0.9 spelling.
  static constexpr double kNameExact = 10.0;
  static constexpr double kNameHomophone = 5.0;
  static constexpr double kNameSimilar = 2.0;
  static constexpr double kNameDifferent = -6.0;
  // Birth date. m: 95% exact, 1% a day off, 0.5% day/month swapped; u over ≈ 5000 dates.
  // Same year and month but a different day is weak evidence AGAINST: namesakes born a week
  // apart are more common than a typo that moves the day by more than one.
  static constexpr double kBirthExact = 10.0;
  static constexpr double kBirthOneDayOff = 4.0;
  static constexpr double kBirthSwapped = 3.5;
  static constexpr double kBirthSameYearMonth = -1.0;
  static constexpr double kBirthDifferent = -6.0;
  // Sex. m 0.98, u 0.5.
  static constexpr double kSexAgree = 1.0;
  static constexpr double kSexDisagree = -4.0;
  // ID number. A single-digit substitution or an adjacent transposition always breaks the GB
  // 11643 checksum (ISO 7064 MOD 11-2 detects both), so "one digit off, one side invalid" is the
  // fingerprint of a typo of this number, while "one digit off, both valid" is two different
  // real numbers — typically twins, whose sequence codes are consecutive.
  static constexpr double kIdExact = 15.0;
  static constexpr double kIdExactInvalid = 12.0;
  static constexpr double kIdTypo = 8.0;
  static constexpr double kIdNearBothValid = -6.0;
  static constexpr double kIdDifferent = -7.0;
  // Guardian: often the father on one list and the mother on the other (m of "different" 0.3),
  // but the same guardian is strong support.
  static constexpr double kGuardianExact = 4.0;
  static constexpr double kGuardianHomophone = 2.0;
  static constexpr double kGuardianDifferent = -1.5;
  // Township and village, as written: families move and schools write their own address.
  static constexpr double kTownshipAgree = 0.5;
  static constexpr double kTownshipDisagree = -0.5;
  static constexpr double kVillageAgree = 1.5;
  static constexpr double kVillageDisagree = -1.0;
};

struct Comparison {
  NameOutcome name = NameOutcome::kMissing;
  BirthOutcome birth = BirthOutcome::kMissing;
  SexOutcome sex = SexOutcome::kMissing;
  IdOutcome id = IdOutcome::kMissing;
  NameOutcome guardian = NameOutcome::kMissing;
  PlaceOutcome township = PlaceOutcome::kMissing;
  PlaceOutcome village = PlaceOutcome::kMissing;
};

// What a comparison reads of a row besides its Features, gathered into 16 bytes: the size and
// first three bytes of name_key (enough to tell whether the spelling must be compared at all)
// and the ids of its places. Without it, every candidate costs three or four more reads at
// random into the list's table (name offsets, name text, township and village ids), which at
// 10M rows are cache misses each: they were half the time of the comparisons.
struct RowKeys {
  std::uint32_t name_size = 0;
  std::uint32_t name_prefix = 0;            // name_key's first min(3, size) bytes, packed
  std::uint32_t township = 0, village = 0;  // PersonTable::place ids
};
RowKeys row_keys(const PersonTable& table, std::size_t index);

// One row of a list as compared: its table and index, and its features at hand (the matcher
// keeps the features of the rows it compares side by side, where the hot loop reads them), and
// optionally its RowKeys likewise (else they are read from the table).
struct RowRef {
  const PersonTable& table;
  std::size_t index;
  const Features& f;
  const RowKeys* keys = nullptr;
};

// No allocation; the hot loop calls this for every candidate pair.
Comparison compare(const RowRef& a, const RowRef& b);
// The same in two steps, so the hot loop can stop early: the identifying fields (ID, name,
// birth date, sex), then the context (guardian, township, village), which can add at most
// kMaxContextWeight. The first reads the features only (and name_key in the rare case a
// spelling must be compared); the second the places too.
void compare_identity(const RowRef& a, const RowRef& b, Comparison& c);
void compare_context(const RowRef& a, const RowRef& b, Comparison& c);
double identity_weight(const Comparison& c);
double context_weight(const Comparison& c);
inline constexpr double kMaxContextWeight =
    Weights::kGuardianExact + Weights::kTownshipAgree + Weights::kVillageAgree;

double name_weight(NameOutcome o);
double birth_weight(BirthOutcome o);
double sex_weight(SexOutcome o);
double id_weight(IdOutcome o);
double guardian_weight(NameOutcome o);
double township_weight(PlaceOutcome o);
double village_weight(PlaceOutcome o);
double total_weight(const Comparison& c);

// Stable English codes for Evidence.outcome.
const char* outcome_code(NameOutcome o);
const char* outcome_code(BirthOutcome o);
const char* outcome_code(SexOutcome o);
const char* outcome_code(IdOutcome o);
const char* outcome_code(PlaceOutcome o);

IdOutcome compare_id(const IdKey& a, const IdKey& b);

}  // namespace baoxue::match
