#include "match/scoring.h"

#include <cstdlib>
#include <string_view>

#include "match/digits.h"
#include "text/name.h"

namespace baoxue::match {

namespace {

int digit(std::uint64_t id17, int i) { return static_cast<int>(id17 / kPow10[16 - i] % 10); }

NameOutcome compare_names(std::uint64_t ha, std::uint64_t hb, std::uint64_t pa, std::uint64_t pb,
                          std::string_view ka, std::string_view kb) {
  if (ha == 0 || hb == 0) return NameOutcome::kMissing;
  if (ha == hb) return NameOutcome::kExact;
  if (pa != 0 && pa == pb) return NameOutcome::kHomophone;
  // Jaro–Winkler ≥ 0.9 between different short Chinese names needs a shared first character
  // (2–4 characters with one differing stay below 0.89), so skip the costly call otherwise;
  // long names (minority names written out) are always compared.
  const bool worth_it = (ka.size() > 12 && kb.size() > 12) ||
                        (ka.size() >= 3 && kb.size() >= 3 && ka.substr(0, 3) == kb.substr(0, 3));
  if (worth_it && text::jaro_winkler(ka, kb) >= 0.9) return NameOutcome::kSimilar;
  return NameOutcome::kDifferent;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// As written by different clerks: "城关镇" and "城关" agree, so does "东村" inside "东村村委会".
PlaceOutcome compare_places(std::string_view a, std::string_view b) {
  a = trim(a);
  b = trim(b);
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

IdOutcome compare_id(const IdKey& a, const IdKey& b) {
  const bool usable_a = a.state == IdState::kValid || a.state == IdState::kInvalid;
  const bool usable_b = b.state == IdState::kValid || b.state == IdState::kInvalid;
  if (!usable_a || !usable_b) return IdOutcome::kMissing;
  const bool both_valid = a.state == IdState::kValid && b.state == IdState::kValid;
  if (a.id17 == b.id17) {
    if (a.check == b.check) return both_valid ? IdOutcome::kExact : IdOutcome::kExactInvalid;
    return IdOutcome::kOneDigitTypo;  // the check character itself mistyped
  }
  int diffs = 0, first = -1, second = -1;
  for (int i = 0; i < 17; ++i) {
    if (digit(a.id17, i) != digit(b.id17, i)) {
      if (++diffs > 2) return IdOutcome::kDifferent;
      (first < 0 ? first : second) = i;
    }
  }
  if (diffs == 1) return both_valid ? IdOutcome::kNearBothValid : IdOutcome::kOneDigitTypo;
  if (second == first + 1 && digit(a.id17, first) == digit(b.id17, second) &&
      digit(a.id17, second) == digit(b.id17, first))
    return both_valid ? IdOutcome::kNearBothValid : IdOutcome::kAdjacentSwap;
  return IdOutcome::kDifferent;
}

void compare_identity(const Person& a, const Features& fa, const Person& b, const Features& fb,
                      Comparison& c) {
  c.name = compare_names(fa.name, fb.name, fa.pinyin, fb.pinyin, a.name_key, b.name_key);
  c.birth = compare_births(fa, fb);
  c.sex = (fa.sex == 0 || fb.sex == 0)
              ? SexOutcome::kMissing
              : (fa.sex == fb.sex ? SexOutcome::kAgree : SexOutcome::kDisagree);
  c.id = compare_id(fa.id, fb.id);
}

void compare_context(const Person& a, const Features& fa, const Person& b, const Features& fb,
                     Comparison& c) {
  if (fa.guardian == 0 || fb.guardian == 0) {
    c.guardian = NameOutcome::kMissing;
  } else if (fa.guardian == fb.guardian) {
    c.guardian = NameOutcome::kExact;
  } else if (fa.guardian_pinyin != 0 && fa.guardian_pinyin == fb.guardian_pinyin) {
    c.guardian = NameOutcome::kHomophone;
  } else {
    c.guardian = NameOutcome::kDifferent;
  }
  c.township = compare_places(a.township, b.township);
  c.village = compare_places(a.village, b.village);
}

Comparison compare(const Person& a, const Features& fa, const Person& b, const Features& fb) {
  Comparison c;
  compare_identity(a, fa, b, fb, c);
  compare_context(a, fa, b, fb, c);
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
