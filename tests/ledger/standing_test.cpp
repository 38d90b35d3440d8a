// Specification of a child's standing on the 适龄儿童台账 (ledger::standing_of): what the census
// found on its day, together with what verification found since.
#include "ledger/standing.h"

#include <gtest/gtest.h>

#include "core/labels.h"

namespace baoxue::ledger {
namespace {

// The default verification categories: A–H not out of school, I–M out of school.
const std::vector<core::Code> kCategories = [] {
  std::vector<core::Code> out;
  for (const core::Code& c : core::default_codes())
    if (c.table == "verification_category") out.push_back(c);
  return out;
}();

store::SuspectedEntry entry(const std::string& status, const std::string& category = "") {
  store::SuspectedEntry e;
  e.id = 7;
  e.status = status;
  e.close_category = category;
  return e;
}

store::DropoutEntry dropout(const std::string& status, const std::string& category = "K") {
  store::DropoutEntry d;
  d.id = 3;
  d.status = status;
  d.category = category;
  return d;
}

TEST(Standing, AChildTheRunFindsInSchoolWithNothingOpenIsInSchool) {
  EXPECT_EQ(standing_of("enrolled", nullptr, nullptr, kCategories).code, "in_school");
  EXPECT_EQ(standing_of("probable", nullptr, nullptr, kCategories).code, "probable");
  EXPECT_EQ(standing_of("out_of_band", nullptr, nullptr, kCategories).code, "out_of_band");
}

TEST(Standing, AnOpenSuspectedEntryMakesHimPendingWhateverTheRunSays) {
  const auto open = entry("open");
  for (const char* status : {"suspected", "enrolled", "probable", "out_of_band"}) {
    const Standing s = standing_of(status, &open, nullptr, kCategories);
    EXPECT_EQ(s.code, "pending") << status;
    EXPECT_EQ(s.entry_id, 7);
  }
}

TEST(Standing, AnEntryClosedAsNotOutOfSchoolStandsWhenTheRunSuspectsHimOnTheSameFacts) {
  const auto closed = entry("closed", "E");
  const Standing s = standing_of("suspected", &closed, nullptr, kCategories);
  EXPECT_EQ(s.code, "verified");
  EXPECT_EQ(s.category, "E");
  // Found in school by a later run: in school, the old finding kept on the entry.
  EXPECT_EQ(standing_of("enrolled", &closed, nullptr, kCategories).code, "in_school");
}

TEST(Standing, AnOpenDropoutEntryMakesHimADropoutEvenWhileTheRegistryStillListsHim) {
  const auto closed = entry("closed", "K");
  const auto open = dropout("open", "K");
  for (const char* status : {"suspected", "enrolled"}) {
    const Standing s = standing_of(status, &closed, &open, kCategories);
    EXPECT_EQ(s.code, "dropout") << status;
    EXPECT_EQ(s.category, "K");
    EXPECT_EQ(s.dropout_id, 3);
  }
}

TEST(Standing, ASuspectedChildWithNoEntryYetIsPending) {
  EXPECT_EQ(standing_of("suspected", nullptr, nullptr, kCategories).code, "pending");
}

TEST(Standing, EveryStandingHasANameInBothLanguages) {
  for (const char* code :
       {"in_school", "probable", "verified", "pending", "dropout", "out_of_band"}) {
    const core::Code* l = core::find_label("standing", code);
    ASSERT_NE(l, nullptr) << code;
    EXPECT_FALSE(l->label_zh.empty());
    EXPECT_FALSE(l->label_en.empty());
  }
}

}  // namespace
}  // namespace baoxue::ledger
