// match_bench: cross-match N synthetic children (household list) against their student list.
//
//   match_bench [N=1000000] [seed]
//
// The lists carry the census noise of synthetic_lists.h (2% one error, 0.3% two, 1% dropped,
// twins, namesakes, 5% pupils from other counties). Prints the time of match_lists alone, peak
// RSS of the whole process (lists included), and the quality of the automatic decisions against
// the known truth. Target: 1M x 1M within 5 s including file reading on 2 cores, under 2 GB.

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "match/matcher.h"
#include "match/synthetic_lists.h"

namespace {

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
}

}  // namespace

int main(int argc, char** argv) {
  using namespace baoxue::match;
  using Clock = std::chrono::steady_clock;
  SyntheticOptions o;
  o.children = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  if (argc > 2) o.seed = std::strtoull(argv[2], nullptr, 10);

  const auto t0 = Clock::now();
  const SyntheticLists lists = make_synthetic_lists(o);
  const auto t1 = Clock::now();
  std::printf("generated %zu hukou, %zu xueji rows in %.2f s (peak RSS %.0f MiB)\n",
              lists.hukou.size(), lists.xueji.size(),
              std::chrono::duration<double>(t1 - t0).count(), peak_rss_mib());

  MatchOptions m;
  m.as_of = o.as_of;
  const auto t2 = Clock::now();
  const auto results = match_lists(lists.hukou, lists.xueji, m);
  const auto t3 = Clock::now();
  const MatchQuality q = assess(lists, results);

  std::printf("match_lists: %.3f s, peak RSS %.0f MiB\n",
              std::chrono::duration<double>(t3 - t2).count(), peak_rss_mib());
  std::printf(
      "enrolled %zu (correct %zu of %zu matchable), probable %zu, suspected %zu, "
      "out of band %zu\n",
      q.enrolled, q.enrolled_correct, q.matchable, q.probable, q.suspected, q.out_of_band);
  std::printf("precision %.5f  recall %.5f  probable share %.3f%%  out-of-school enrolled %zu\n",
              q.precision(), q.recall(), 100 * q.probable_share(), q.out_of_school_enrolled);
  return 0;
}
