// Specifications for the field comparisons and the ordering of their weights.

#include "match/scoring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

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

// The index finish() builds (parts sorted on two threads, slots in key order, a filter before the
// table) must answer like the plain map it stands for: every key's rows ascending, nothing for
// a key never added, and its filter never turns a present key away.
TEST(Blocking, TheIndexFindsEveryKeysRowsAndNothingElse) {
  BlockIndex index;
  std::map<std::uint64_t, std::vector<std::uint32_t>> expected;
  std::uint64_t seed = 7;
  auto next = [&] {
    seed = mix_key(1, seed);
    return seed;
  };
  // 150,000 entries (two threads sort them), keys shared by up to five rows, added in row order
  // as the matcher adds them, a few rows filed twice under the same key.
  std::vector<std::uint64_t> keys(40000);
  for (auto& k : keys) k = next();
  for (std::uint32_t row = 0; row < 30000; ++row) {
    for (int j = 0; j < 5; ++j) {
      const std::uint64_t key = keys[next() % keys.size()];
      index.add(key, row);
      auto& rows = expected[key];
      if (rows.empty() || rows.back() != row) rows.push_back(row);
    }
  }
  index.finish();
  std::size_t entries = 0;
  for (const auto& [key, rows] : expected) {
    ASSERT_TRUE(index.may_contain(key));
    const auto block = index.find(key);
    ASSERT_EQ(std::vector<std::uint32_t>(block.begin(), block.end()), rows);
    entries += rows.size();
  }
  EXPECT_EQ(index.size(), entries);
  std::size_t turned_away = 0, absent = 0;
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t key = next();
    if (expected.count(key) != 0) continue;
    ++absent;
    EXPECT_TRUE(index.find(key).empty());
    if (!index.may_contain(key)) ++turned_away;
  }
  EXPECT_GT(turned_away, absent * 8 / 10);  // the filter answers most absent keys
  EXPECT_TRUE(BlockIndex().find(42).empty());
}

// The hot loop compares rows with their RowKeys at hand; the outcome must be the one that
// reading the table gives (names sharing a first character, long names, places as written).
TEST(RowKeys, ComparingWithThemIsComparingWithTheTable) {
  const std::vector<Person> persons = {
      make_person("王小明", "", kBirth, "男", "王大", "城关镇", "东村"),
      make_person("王晓明", "", kBirth, "男", "王大", "城关", "东村村委会"),
      make_person("李小明", "", kBirth, "男", "", "常袋镇", "西村"),
      make_person("阿卜杜热合曼·买买提", "", kBirth, "男"),
      make_person("阿卜杜热合曼·买买堤", "", kBirth, "男", "", "城关镇"),
      make_person("王", "", kBirth, "女"),
      make_person("", "", kBirth, "女"),
  };
  const PersonTable table(persons);
  for (std::size_t i = 0; i < table.size(); ++i) {
    const RowKeys ki = row_keys(table, i);
    for (std::size_t j = 0; j < table.size(); ++j) {
      const RowKeys kj = row_keys(table, j);
      const Comparison plain =
          compare({table, i, table.features(i)}, {table, j, table.features(j)});
      const Comparison keyed =
          compare({table, i, table.features(i), &ki}, {table, j, table.features(j), &kj});
      EXPECT_EQ(total_weight(plain), total_weight(keyed)) << i << " " << j;
      EXPECT_EQ(plain.name, keyed.name) << i << " " << j;
      EXPECT_EQ(plain.township, keyed.township) << i << " " << j;
      EXPECT_EQ(plain.village, keyed.village) << i << " " << j;
    }
  }
  // The spelling comparison is reached at all: long names one character apart.
  EXPECT_EQ(compare({table, 3, table.features(3)}, {table, 4, table.features(4)}).name,
            NameOutcome::kSimilar);
}

TEST(Blocking, AHouseholdRowFarOutsideTheBandLooksUpNeitherBirthDateAloneNorNameAlone) {
  Features f;
  f.birth_date = Date{1990, 3, 12};
  f.birth = static_cast<std::int32_t>(f.birth_date.days_since_epoch());
  f.name = hash_text("王子涵");
  f.name_head = hash_text("王");
  f.name_tail = hash_text("子涵");
  f.pinyin = hash_text("wangzihan");
  std::set<std::uint64_t> all, strong, weak_only;
  for_each_probe_key(f, [&](std::uint64_t k, std::size_t) { all.insert(k); });
  for_each_probe_key(
      f, [&](std::uint64_t k, std::size_t) { strong.insert(k); }, false);
  std::set<std::uint64_t> expected_weak = {mix_key(kTagName, f.name)};
  for (std::int32_t day : {f.birth - 1, f.birth, f.birth + 1,
                           static_cast<std::int32_t>(Date{1990, 12, 3}.days_since_epoch())})
    expected_weak.insert(mix_key(kTagBirth, static_cast<std::uint32_t>(day)));
  for (std::uint64_t k : all)
    if (!strong.count(k)) weak_only.insert(k);
  EXPECT_EQ(weak_only, expected_weak);
  EXPECT_TRUE(std::includes(all.begin(), all.end(), strong.begin(), strong.end()));
  EXPECT_GT(strong.size(), 8u);  // birth date with either half of the name, ±1 day, swapped; pinyin
}

}  // namespace
}  // namespace baoxue::match
