#include "match/scoring.h"

#include <cstdlib>
#include <string_view>

#include "match/digits.h"
#include "text/name.h"

namespace baoxue::match {

namespace {

int digit(std::uint64_t id17, int i) { return static_cast<int>(id17 / kPow10[16 - i] % 10); }

// The names' keys are read only when the hashes leave the question open (rare: different
// names sharing their first character), so the hot loop does not touch the text.
NameOutcome compare_names(const RowRef& a, const RowRef& b) {
  const std::uint64_t ha = a.f.name, hb = b.f.name, pa = a.f.pinyin, pb = b.f.pinyin;
  if (ha == 0 || hb == 0) return NameOutcome::kMissing;
  if (ha == hb) return NameOutcome::kExact;
  if (pa != 0 && pa == pb) return NameOutcome::kHomophone;
  // Jaro–Winkler ≥ 0.9 between different short Chinese names needs a shared first character
  // (2–4 characters with one differing stay below 0.89), so skip the costly call otherwise;
  // long names (minority names written out) are always compared. Decided on RowKeys, so the
  // text is read only when it is compared.
  const RowKeys ra = a.keys != nullptr ? *a.keys : row_keys(a.table, a.index);
  const RowKeys rb = b.keys != nullptr ? *b.keys : row_keys(b.table, b.index);
  const bool worth_it =
      (ra.name_size > 12 && rb.name_size > 12) ||
      (ra.name_size >= 3 && rb.name_size >= 3 && ra.name_prefix == rb.name_prefix);
  if (worth_it && text::jaro_winkler(a.table.name_key(a.index), b.table.name_key(b.index)) >= 0.9)
    return NameOutcome::kSimilar;
  return NameOutcome::kDifferent;
}

// As written by different clerks: "城关镇" and "城关" agree, so does "东村" inside "东村村委会".
// (The table keeps places trimmed of spaces and tabs.)
PlaceOutcome compare_places(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return PlaceOutcome::kMissing;
  if (a == b || a.find(b) != std::string_view::npos || b.find(a) != std::string_view::npos)
    return PlaceOutcome::kAgree;
  return PlaceOutcome::kDisagree;
}

BirthOutcome compare_births(const Features& a, const Features& b) {
  if (a.birth == kNoDate || b.birth == kNoDate) return BirthOutcome::kMissing;
  if (a.birth == b.birth) return BirthOutcome::kExact;
  if (std::abs(a.birth - b.birth) == 1) return BirthOutcome::kOneDayOff;
  const Date& x = a.birth_date;
  const Date& y = b.birth_date;
  if (x.year == y.year && x.month == y.day && x.day == y.month)
    return BirthOutcome::kDayMonthSwapped;
  if (x.year == y.year && x.month == y.month) return BirthOutcome::kSameYearMonth;
  return BirthOutcome::kDifferent;
}

}  // namespace

RowKeys row_keys(const PersonTable& table, std::size_t index) {
  const std::string_view name = table.name_key(index);
  RowKeys k;
  k.name_size = static_cast<std::uint32_t>(name.size());
  for (std::size_t i = 0; i < name.size() && i < 3; ++i)
    k.name_prefix |= static_cast<std::uint32_t>(static_cast<unsigned char>(name[i])) << (8 * i);
  k.township = table.township_id(index);
  k.village = table.village_id(index);
  return k;
}

IdOutcome compare_id(const IdKey& a, const IdKey& b) {
  const bool usable_a = a.state == IdState::kValid || a.state == IdState::kInvalid;
  const bool usable_b = b.state == IdState::kValid || b.state == IdState::kInvalid;
  if (!usable_a || !usable_b) return IdOutcome::kMissing;
  const bool both_valid = a.state == IdState::kValid && b.state == IdState::kValid;
  if (a.id17 == b.id17) {
    if (a.check == b.check) return both_valid ? IdOutcome::kExact : IdOutcome::kExactInvalid;
    return IdOutcome::kOneDigitTypo;  // the check character itself mistyped
  }
  // Digit by digit from the right (dividing by the constant 10 is a multiplication; the
  // sequence digits, which differ first between two children, are checked first).
  int diffs = 0, left = -1, right = -1;  // the differing positions (0 = leftmost digit)
  std::uint64_t x = a.id17, y = b.id17;
  for (int i = 16; i >= 0; --i, x /= 10, y /= 10) {
    if (x % 10 == y % 10) continue;
    if (++diffs > 2) return IdOutcome::kDifferent;
    if (right < 0) right = i;
    left = i;
  }
  if (diffs == 1) return both_valid ? IdOutcome::kNearBothValid : IdOutcome::kOneDigitTypo;
  if (right == left + 1 && digit(a.id17, left) == digit(b.id17, right) &&
      digit(a.id17, right) == digit(b.id17, left))
    return both_valid ? IdOutcome::kNearBothValid : IdOutcome::kAdjacentSwap;
  return IdOutcome::kDifferent;
}

void compare_identity(const RowRef& a, const RowRef& b, Comparison& c) {
  const Features& fa = a.f;
  const Features& fb = b.f;
  c.name = compare_names(a, b);
  c.birth = compare_births(fa, fb);
  c.sex = (fa.sex == 0 || fb.sex == 0)
              ? SexOutcome::kMissing
              : (fa.sex == fb.sex ? SexOutcome::kAgree : SexOutcome::kDisagree);
  c.id = compare_id(fa.id, fb.id);
}

void compare_context(const RowRef& a, const RowRef& b, Comparison& c) {
  const Features& fa = a.f;
  const Features& fb = b.f;
  if (fa.guardian == 0 || fb.guardian == 0) {
    c.guardian = NameOutcome::kMissing;
  } else if (fa.guardian == fb.guardian) {
    c.guardian = NameOutcome::kExact;
  } else if (fa.guardian_pinyin != 0 && fa.guardian_pinyin == fb.guardian_pinyin) {
    c.guardian = NameOutcome::kHomophone;
  } else {
    c.guardian = NameOutcome::kDifferent;
  }
  const std::uint32_t ta = a.keys != nullptr ? a.keys->township : a.table.township_id(a.index);
  const std::uint32_t tb = b.keys != nullptr ? b.keys->township : b.table.township_id(b.index);
  const std::uint32_t va = a.keys != nullptr ? a.keys->village : a.table.village_id(a.index);
  const std::uint32_t vb = b.keys != nullptr ? b.keys->village : b.table.village_id(b.index);
  c.township = compare_places(a.table.place(ta), b.table.place(tb));
  c.village = compare_places(a.table.place(va), b.table.place(vb));
}

Comparison compare(const RowRef& a, const RowRef& b) {
  Comparison c;
  compare_identity(a, b, c);
  compare_context(a, b, c);
  return c;
}

double identity_weight(const Comparison& c) {
  return name_weight(c.name) + birth_weight(c.birth) + sex_weight(c.sex) + id_weight(c.id);
}

double context_weight(const Comparison& c) {
  return guardian_weight(c.guardian) + township_weight(c.township) + village_weight(c.village);
}

double name_weight(NameOutcome o) {
  switch (o) {
    case NameOutcome::kExact:
      return Weights::kNameExact;
    case NameOutcome::kHomophone:
      return Weights::kNameHomophone;
    case NameOutcome::kSimilar:
      return Weights::kNameSimilar;
    case NameOutcome::kDifferent:
      return Weights::kNameDifferent;
    case NameOutcome::kMissing:
      return 0;
  }
  return 0;
}

double birth_weight(BirthOutcome o) {
  switch (o) {
    case BirthOutcome::kExact:
      return Weights::kBirthExact;
    case BirthOutcome::kOneDayOff:
      return Weights::kBirthOneDayOff;
    case BirthOutcome::kDayMonthSwapped:
      return Weights::kBirthSwapped;
    case BirthOutcome::kSameYearMonth:
      return Weights::kBirthSameYearMonth;
    case BirthOutcome::kDifferent:
      return Weights::kBirthDifferent;
    case BirthOutcome::kMissing:
      return 0;
  }
  return 0;
}

double sex_weight(SexOutcome o) {
  switch (o) {
    case SexOutcome::kAgree:
      return Weights::kSexAgree;
    case SexOutcome::kDisagree:
      return Weights::kSexDisagree;
    case SexOutcome::kMissing:
      return 0;
  }
  return 0;
}

double id_weight(IdOutcome o) {
  switch (o) {
    case IdOutcome::kExact:
      return Weights::kIdExact;
    case IdOutcome::kExactInvalid:
      return Weights::kIdExactInvalid;
    case IdOutcome::kOneDigitTypo:
    case IdOutcome::kAdjacentSwap:
      return Weights::kIdTypo;
    case IdOutcome::kNearBothValid:
      return Weights::kIdNearBothValid;
    case IdOutcome::kDifferent:
      return Weights::kIdDifferent;
    case IdOutcome::kMissing:
      return 0;
  }
  return 0;
}

double guardian_weight(NameOutcome o) {
  switch (o) {
    case NameOutcome::kExact:
      return Weights::kGuardianExact;
    case NameOutcome::kHomophone:
    case NameOutcome::kSimilar:
      return Weights::kGuardianHomophone;
    case NameOutcome::kDifferent:
      return Weights::kGuardianDifferent;
    case NameOutcome::kMissing:
      return 0;
  }
  return 0;
}

double township_weight(PlaceOutcome o) {
  return o == PlaceOutcome::kAgree      ? Weights::kTownshipAgree
         : o == PlaceOutcome::kDisagree ? Weights::kTownshipDisagree
                                        : 0;
}

double village_weight(PlaceOutcome o) {
  return o == PlaceOutcome::kAgree      ? Weights::kVillageAgree
         : o == PlaceOutcome::kDisagree ? Weights::kVillageDisagree
                                        : 0;
}

double total_weight(const Comparison& c) { return identity_weight(c) + context_weight(c); }

const char* outcome_code(NameOutcome o) {
  switch (o) {
    case NameOutcome::kExact:
      return "exact";
    case NameOutcome::kHomophone:
      return "homophone";
    case NameOutcome::kSimilar:
      return "similar";
    case NameOutcome::kDifferent:
      return "different";
    case NameOutcome::kMissing:
      return "missing";
  }
  return "";
}

const char* outcome_code(BirthOutcome o) {
  switch (o) {
    case BirthOutcome::kExact:
      return "exact";
    case BirthOutcome::kOneDayOff:
      return "one_day_off";
    case BirthOutcome::kDayMonthSwapped:
      return "day_month_swapped";
    case BirthOutcome::kSameYearMonth:
      return "same_year_month";
    case BirthOutcome::kDifferent:
      return "different";
    case BirthOutcome::kMissing:
      return "missing";
  }
  return "";
}

const char* outcome_code(SexOutcome o) {
  switch (o) {
    case SexOutcome::kAgree:
      return "agree";
    case SexOutcome::kDisagree:
      return "disagree";
    case SexOutcome::kMissing:
      return "missing";
  }
  return "";
}

const char* outcome_code(IdOutcome o) {
  switch (o) {
    case IdOutcome::kExact:
      return "exact";
    case IdOutcome::kExactInvalid:
      return "exact_invalid";
    case IdOutcome::kOneDigitTypo:
      return "one_digit_typo";
    case IdOutcome::kAdjacentSwap:
      return "adjacent_swap";
    case IdOutcome::kNearBothValid:
      return "near_both_valid";
    case IdOutcome::kDifferent:
      return "different";
    case IdOutcome::kMissing:
      return "missing";
  }
  return "";
}

const char* outcome_code(PlaceOutcome o) {
  switch (o) {
    case PlaceOutcome::kAgree:
      return "agree";
    case PlaceOutcome::kDisagree:
      return "disagree";
    case PlaceOutcome::kMissing:
      return "missing";
  }
  return "";
}

}  // namespace baoxue::match
