#include "match/blocking.h"

#include <algorithm>
#include <cstddef>
#include <thread>

#include "match/digits.h"

namespace baoxue::match {

// splitmix64 finaliser: keys of different kinds must not collide by construction (birth day 42
// and name hash 42); a rare 64-bit collision only adds a candidate, which scoring then rejects.
std::uint64_t mix_key(std::uint64_t tag, std::uint64_t value) {
  std::uint64_t z = value + tag * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t id_mask_key(std::uint64_t id17, int pos) {
  // Zero digits pos and pos+1 (0 = leftmost of 17), remember which pair was masked.
  const std::uint64_t lo = kPow10[15 - pos];  // place value of digit pos+1
  const std::uint64_t pair = (id17 / lo % 100) * lo;
  return mix_key(kTagIdMask + static_cast<std::uint64_t>(pos) * 16, id17 - pair);
}

void BlockIndex::finish() {
  // Sorted by key, rows ascending within a key: first spread by the key's top 12 bits (one
  // stable pass), then each of the 4096 parts sorted on its own, in cache, on both cores. The
  // same order as one std::sort of the whole, which at 10M rows (11.5M entries) took 1.5 s.
  constexpr int kPartBits = 12;
  constexpr std::size_t kParts = std::size_t{1} << kPartBits;
  std::vector<std::size_t> start(kParts + 1, 0);
  for (const BlockEntry& e : entries_) ++start[(e.key >> (64 - kPartBits)) + 1];
  for (std::size_t p = 0; p < kParts; ++p) start[p + 1] += start[p];
  std::vector<BlockEntry> spread(entries_.size());
  {
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (const BlockEntry& e : entries_) spread[next[e.key >> (64 - kPartBits)]++] = e;
  }
  std::vector<BlockEntry>().swap(entries_);
  auto sort_parts = [&](std::size_t first, std::size_t last) {
    for (std::size_t p = first; p < last; ++p)
      std::sort(spread.begin() + static_cast<std::ptrdiff_t>(start[p]),
                spread.begin() + static_cast<std::ptrdiff_t>(start[p + 1]));
  };
  if (spread.size() >= 100000) {
    std::thread other(sort_parts, kParts / 2, kParts);
    sort_parts(0, kParts / 2);
    other.join();
  } else {
    sort_parts(0, kParts);
  }
  entries_ = std::move(spread);
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const BlockEntry& a, const BlockEntry& b) {
                               return a.key == b.key && a.row == b.row;
                             }),
                 entries_.end());
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (i == 0 || entries_[i].key != entries_[i - 1].key) ++distinct;
  std::size_t cap = 16;
  int cap_bits = 4;
  // At most 60% full: nearly every probe for an absent key is answered by the filter, so the
  // long runs a fuller table gives unsuccessful searches cost little, and the table, the
  // largest piece of memory the matcher touches (fresh memory is slow here), is half as big.
  while (cap * 3 < distinct * 5) {
    cap <<= 1;
    ++cap_bits;
  }
  mask_ = cap - 1;
  shift_ = 64 - cap_bits;
  slots_.assign(cap, Slot{0, 0, 0});
  std::size_t bits = 64;
  while (bits < distinct * 8) bits <<= 1;
  filter_mask_ = bits - 1;
  filter_.assign(bits / 64, 0);
  rows_.resize(entries_.size());
  for (std::size_t i = 0; i < entries_.size();) {
    std::size_t j = i;
    while (j < entries_.size() && entries_[j].key == entries_[i].key) {
      rows_[j] = entries_[j].row;
      ++j;
    }
    const std::size_t bit = filter_bit(entries_[i].key);
    filter_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
    std::size_t s = slot_of(entries_[i].key);
    while (slots_[s].count != 0) s = (s + 1) & mask_;
    slots_[s] =
        Slot{entries_[i].key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
    i = j;
  }
  std::vector<BlockEntry>().swap(entries_);
}

std::span<const std::uint32_t> BlockIndex::find(std::uint64_t key) const {
  if (slots_.empty()) return {};
  for (std::size_t s = slot_of(key);; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.count == 0) return {};
    if (slot.key == key) return {rows_.data() + slot.begin, slot.count};
  }
}

}  // namespace baoxue::match
