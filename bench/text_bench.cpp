// Throughput of baoxue::text on a county-sized workload: one million synthetic names, the size of
// a large county's combined household and student registers.
//
// The names are generated deterministically (fixed-seed LCG) and mix simplified and traditional
// spellings, 2-4 characters, stray ASCII and ideographic spaces and minority names with assorted
// middle dots, so the slow paths are exercised in realistic proportion.

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/name.h"

namespace {

constexpr std::size_t kNameCount = 1'000'000;

constexpr std::array<std::string_view, 24> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵",   "吴", "周", "徐", "孙",
    "張", "劉", "陳", "楊", "黃", "趙", "吳", "歐陽", "单", "曾", "吕", "司马"};
constexpr std::array<std::string_view, 40> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "偉", "麗", "強", "軍",
    "傑", "濤", "華", "國", "東", "紅", "龍", "鳳", "乐", "晓", "欣", "宇"};
constexpr std::array<std::string_view, 8> kMinorityParts = {"阿卜杜", "热合曼", "买买提", "艾力",
                                                            "古丽",   "努尔",   "扎西",   "卓玛"};
constexpr std::array<std::string_view, 6> kDots = {"·", "•", "・", "．", ".", " "};

class Lcg {
 public:
  std::uint32_t next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state_ >> 33) % bound;
  }

 private:
  std::uint64_t state_ = 20240901;
};

const std::vector<std::string>& names() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    out.reserve(kNameCount);
    Lcg rng;
    for (std::size_t i = 0; i < kNameCount; ++i) {
      std::string name;
      if (rng.next(20) == 0) {  // 5% minority names with a separator
        name.append(kMinorityParts[rng.next(kMinorityParts.size())]);
        name.append(kDots[rng.next(kDots.size())]);
        name.append(kMinorityParts[rng.next(kMinorityParts.size())]);
      } else {
        name.append(kSurnames[rng.next(kSurnames.size())]);
        const std::uint32_t space = rng.next(10);  // 10% with a space after the surname
        if (space == 0) name.append(" ");
        if (space == 1) name.append("\u3000");
        const std::uint32_t given = 1 + rng.next(2);
        for (std::uint32_t g = 0; g < given; ++g) name.append(kGiven[rng.next(kGiven.size())]);
      }
      out.push_back(std::move(name));
    }
    return out;
  }();
  return all;
}

void BM_NormalizeAndPinyinKey(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    std::size_t bytes = 0;
    for (const std::string& n : all) {
      std::string display = baoxue::text::normalize_name(n);
      std::string key = baoxue::text::pinyin_key(n);
      bytes += display.size() + key.size();
    }
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * all.size());
}
BENCHMARK(BM_NormalizeAndPinyinKey)->Unit(benchmark::kMillisecond);

void BM_NormalizeName(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    for (const std::string& n : all) benchmark::DoNotOptimize(baoxue::text::normalize_name(n));
  }
  state.SetItemsProcessed(state.iterations() * all.size());
}
BENCHMARK(BM_NormalizeName)->Unit(benchmark::kMillisecond);

void BM_NameKey(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    for (const std::string& n : all) benchmark::DoNotOptimize(baoxue::text::name_key(n));
  }
  state.SetItemsProcessed(state.iterations() * all.size());
}
BENCHMARK(BM_NameKey)->Unit(benchmark::kMillisecond);

void BM_PinyinKey(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    for (const std::string& n : all) benchmark::DoNotOptimize(baoxue::text::pinyin_key(n));
  }
  state.SetItemsProcessed(state.iterations() * all.size());
}
BENCHMARK(BM_PinyinKey)->Unit(benchmark::kMillisecond);

// The matcher compares candidate pairs within a block; a million comparisons is a typical run.
void BM_JaroWinklerPairs(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 1; i < all.size(); ++i)
      sum += baoxue::text::jaro_winkler(all[i - 1], all[i]);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * (all.size() - 1));
}
BENCHMARK(BM_JaroWinklerPairs)->Unit(benchmark::kMillisecond);

void BM_EditDistancePairs(benchmark::State& state) {
  const auto& all = names();
  for (auto _ : state) {
    long sum = 0;
    for (std::size_t i = 1; i < all.size(); ++i)
      sum += baoxue::text::edit_distance_cp(all[i - 1], all[i]);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * (all.size() - 1));
}
BENCHMARK(BM_EditDistancePairs)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
