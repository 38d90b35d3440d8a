#include "match/blocking.h"

#include <algorithm>

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
  std::sort(entries_.begin(), entries_.end());
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](const BlockEntry& a, const BlockEntry& b) {
                               return a.key == b.key && a.row == b.row;
                             }),
                 entries_.end());
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < entries_.size(); ++i)
    if (i == 0 || entries_[i].key != entries_[i - 1].key) ++distinct;
  std::size_t cap = 16;
  while (cap < distinct * 2) cap <<= 1;
  mask_ = cap - 1;
  slots_.assign(cap, Slot{0, 0, 0});
  rows_.resize(entries_.size());
  for (std::size_t i = 0; i < entries_.size();) {
    std::size_t j = i;
    while (j < entries_.size() && entries_[j].key == entries_[i].key) {
      rows_[j] = entries_[j].row;
      ++j;
    }
    std::size_t s = static_cast<std::size_t>(entries_[i].key) & mask_;
    while (slots_[s].count != 0) s = (s + 1) & mask_;
    slots_[s] =
        Slot{entries_[i].key, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)};
    i = j;
  }
  std::vector<BlockEntry>().swap(entries_);
}

std::span<const std::uint32_t> BlockIndex::find(std::uint64_t key) const {
  if (slots_.empty()) return {};
  for (std::size_t s = static_cast<std::size_t>(key) & mask_;; s = (s + 1) & mask_) {
    const Slot& slot = slots_[s];
    if (slot.count == 0) return {};
    if (slot.key == key) return {rows_.data() + slot.begin, slot.count};
  }
}

}  // namespace baoxue::match
