// Property test on seeded synthetic lists: ~20 000 children, 2% of student rows with one error
// and 0.3% with two, 1% of school-age children missing from the student list, twins, namesakes
// and pupils from other counties. The thresholds are the census requirements: an automatic
// "enrolled" must almost never be wrong (a wrong one hides a child), most children must be
// settled automatically, and few left for a person.

#include <gtest/gtest.h>

#include <cstdio>

#include "match/matcher.h"
#include "match/synthetic_lists.h"

namespace baoxue::match {
namespace {

MatchQuality run(std::uint64_t seed, SyntheticOptions o = {}) {
  o.seed = seed;
  const SyntheticLists lists = make_synthetic_lists(o);
  MatchOptions m;
  m.as_of = o.as_of;
  const auto results = match_lists(lists.hukou, lists.xueji, m);
  const MatchQuality q = assess(lists, results);
  std::printf(
      "seed %llu: %zu hukou, %zu xueji; enrolled %zu (correct %zu), probable %zu, "
      "suspected %zu, out of band %zu; precision %.5f recall %.5f probable %.3f%%\n",
      static_cast<unsigned long long>(seed), lists.hukou.size(), lists.xueji.size(), q.enrolled,
      q.enrolled_correct, q.probable, q.suspected, q.out_of_band, q.precision(), q.recall(),
      100 * q.probable_share());
  return q;
}

TEST(NoisyLists, AutomaticMatchesArePreciseAndAlmostComplete) {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    const MatchQuality q = run(seed);
    EXPECT_GE(q.precision(), 0.999);
    EXPECT_GE(q.recall(), 0.99);
    EXPECT_LE(q.probable_share(), 0.03);
  }
}

TEST(NoisyLists, NoTrulyOutOfSchoolChildIsEverEnrolledToSomeoneElse) {
  for (std::uint64_t seed : {4u, 5u}) {
    SyntheticOptions o;
    o.dropped = 0.05;  // more of them, to make the property bite
    o.twins = 0.05;
    o.namesakes = 0.03;
    const MatchQuality q = run(seed, o);
    EXPECT_GT(q.out_of_school, 500u);
    EXPECT_EQ(q.out_of_school_enrolled, 0u);
  }
}

TEST(NoisyLists, HeavierNoiseStillNeverTradesPrecision) {
  SyntheticOptions o;
  o.noise = 0.10;
  o.double_noise = 0.02;
  const MatchQuality q = run(6, o);
  EXPECT_GE(q.precision(), 0.999);
  EXPECT_GE(q.recall(), 0.97);
}

}  // namespace
}  // namespace baoxue::match
