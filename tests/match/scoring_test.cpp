// Specifications for the field comparisons and the ordering of their weights.

#include "match/scoring.h"

#include <gtest/gtest.h>

#include "match/blocking.h"
#include "match/features.h"
#include "match/synthetic_lists.h"

namespace baoxue::match {
namespace {

const Date kBirth{2015, 3, 12};

IdKey key_of(const std::string& id) { return id_key(make_person("某", id, kBirth, "")); }

TEST(IdComparison, OneMistypedDigitBreaksTheChecksumAndIsATypo) {
  const std::string id = make_id("410308", kBirth, 12);
  for (std::size_t pos = 0; pos < 17; ++pos) {
    std::string typo = id;
    typo[pos] = typo[pos] == '9' ? '0' : static_cast<char>(typo[pos] + 1);
    SCOPED_TRACE(typo);
    EXPECT_EQ(key_of(typo).state, IdState::kInvalid);
    EXPECT_EQ(compare_id(key_of(id), key_of(typo)), IdOutcome::kOneDigitTypo);
  }
}

TEST(IdComparison, AnAdjacentSwapIsATypo) {
  const std::string id = make_id("410308", kBirth, 12);
  std::string swapped = id;
  std::swap(swapped[15], swapped[16]);
  EXPECT_EQ(compare_id(key_of(id), key_of(swapped)), IdOutcome::kAdjacentSwap);
}

TEST(IdComparison, TwoValidNumbersOneDigitApartAreTwoPeople) {
  // Twins: sequence codes 011 and 013.
  EXPECT_EQ(
      compare_id(key_of(make_id("410308", kBirth, 11)), key_of(make_id("410308", kBirth, 13))),
      IdOutcome::kNearBothValid);
  EXPECT_LT(id_weight(IdOutcome::kNearBothValid), 0);
}

TEST(IdComparison, BlankOrMalformedNumbersAreNoEvidence) {
  EXPECT_EQ(compare_id(key_of(""), key_of(make_id("410308", kBirth, 11))), IdOutcome::kMissing);
  EXPECT_EQ(compare_id(key_of("41030820150312"), key_of(make_id("410308", kBirth, 11))),
            IdOutcome::kMissing);
  EXPECT_EQ(id_weight(IdOutcome::kMissing), 0);
}

TEST(Weights, AgreementCountsMoreTheCloserItIs) {
  EXPECT_GT(name_weight(NameOutcome::kExact), name_weight(NameOutcome::kHomophone));
  EXPECT_GT(name_weight(NameOutcome::kHomophone), name_weight(NameOutcome::kSimilar));
  EXPECT_GT(name_weight(NameOutcome::kSimilar), name_weight(NameOutcome::kMissing));
  EXPECT_GT(name_weight(NameOutcome::kMissing), name_weight(NameOutcome::kDifferent));
  EXPECT_GT(birth_weight(BirthOutcome::kExact), birth_weight(BirthOutcome::kOneDayOff));
  EXPECT_GT(birth_weight(BirthOutcome::kOneDayOff), 0);
  EXPECT_GT(birth_weight(BirthOutcome::kDayMonthSwapped), 0);
  EXPECT_LT(birth_weight(BirthOutcome::kSameYearMonth), 0);  // namesakes born days apart
  EXPECT_GT(id_weight(IdOutcome::kOneDigitTypo), 0);
  EXPECT_LT(id_weight(IdOutcome::kDifferent), 0);
}

TEST(Weights, NoSingleNearMissWithoutAnIdReachesTheEnrolledThreshold) {
  const MatchOptions o;
  const double best_other = name_weight(NameOutcome::kExact) + sex_weight(SexOutcome::kAgree);
  EXPECT_LT(best_other + birth_weight(BirthOutcome::kOneDayOff), o.enrolled_threshold);
  EXPECT_LT(best_other + birth_weight(BirthOutcome::kDayMonthSwapped), o.enrolled_threshold);
  EXPECT_LT(birth_weight(BirthOutcome::kExact) + name_weight(NameOutcome::kHomophone) +
                sex_weight(SexOutcome::kAgree),
            o.enrolled_threshold);
  // …while namesakes a week apart are not even worth a look.
  EXPECT_LT(best_other + birth_weight(BirthOutcome::kSameYearMonth), o.probable_threshold);
  // The gap between the thresholds is at least the margin, so a candidate below the probable
  // threshold can never make an enrolled one ambiguous unnoticed.
  EXPECT_GE(o.enrolled_threshold - o.probable_threshold, o.ambiguity_margin);
}

TEST(Blocking, ATypoOrSwapAnywhereInTheFirst17DigitsSharesAMaskedKey) {
  const std::string id = make_id("410308", kBirth, 12);
  const IdKey k = key_of(id);
  auto shares = [&](const std::string& other) {
    const IdKey o = key_of(other);
    for (int p = 0; p < 16; ++p)
      if (id_mask_key(k.id17, p) == id_mask_key(o.id17, p)) return true;
    return false;
  };
  for (std::size_t pos = 0; pos < 17; ++pos) {
    std::string typo = id;
    typo[pos] = typo[pos] == '9' ? '0' : static_cast<char>(typo[pos] + 1);
    EXPECT_TRUE(shares(typo)) << typo;
    if (pos < 16) {
      std::string swapped = id;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_TRUE(shares(swapped)) << swapped;
    }
  }
  EXPECT_FALSE(shares(make_id("410308", Date{2016, 4, 13}, 12)));
}

}  // namespace
}  // namespace baoxue::match
