// Blocking: which student rows a household row is compared with at all.
//
// Only the rows the deterministic ID pass left over are indexed (a few percent of a county), so
// the index is a sorted vector of (key, row) built once, probed by binary search. Several keys,
// union of candidates, so that any single error still leaves a key that agrees:
//   birth date + either half of the name (surname, given name) — catches one wrong
//     character in the name; birth date alone too, while its block is small (kMaxWeakBlock)
//   birth ±1 day, day/month swapped (probed against the birth-date keys) — catches date errors
//   pinyin_key + birth year     — catches homophones and traditional spellings with date errors
//   name_key                    — catches date errors when the pinyin is missing
//   ID with two adjacent digit positions masked (16 keys) — catches one substituted digit
//     anywhere in the first 17 and any adjacent transposition, the check character ignored.
// A block larger than kMaxBlock (a common name, a popular birthday at county scale) is skipped
// rather than truncated: truncation would depend on row order; the other keys still find the
// child, and a key that matches hundreds of rows is no evidence anyway.
// Birth date alone was the first key; its blocks grow with the list (the unmatched rows share
// ~5,500 birthdays), so comparisons grew with the square of the list (4M: 18 s). With half the
// name added, blocks stay small at any size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "match/features.h"

namespace baoxue::match {

inline constexpr std::size_t kMaxBlock = 256;
inline constexpr std::size_t kMaxNameBlock = 32;
inline constexpr std::size_t kMaxWeakBlock = 32;  // birth date alone

struct BlockEntry {
  std::uint64_t key;
  std::uint32_t row;
  friend bool operator<(const BlockEntry& a, const BlockEntry& b) {
    return a.key < b.key || (a.key == b.key && a.row < b.row);
  }
};

// Built once: entries sorted by key into one row array, and an open-addressing table from each
// distinct key to its run. A probe is one or two cache misses, not a binary search's twenty
// (the first version binary-searched and spent most of the 1M benchmark doing so).
// Nine probes in ten find nothing (16 of a row's ~28 keys are its ID with digits masked), and
// at 10M rows the table is ~0.5 GB, so each was a miss for nothing. A bit per table slot's
// worth of key hash, 8 bits per distinct key (2 MB at 1M, 16 MB at 10M: it stays in cache),
// answers most of them: may_contain is false for ~88% of absent keys, never for a present one.
class BlockIndex {
 public:
  void reserve(std::size_t n) { entries_.reserve(n); }
  void add(std::uint64_t key, std::uint32_t row) { entries_.push_back({key, row}); }
  void finish();
  bool may_contain(std::uint64_t key) const {
    const std::size_t bit = filter_bit(key);
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  std::span<const std::uint32_t> find(std::uint64_t key) const;
  // Ask for the memory may_contain(key) and find(key) read first, ahead of the calls.
  void prefetch_filter(std::uint64_t key) const {
    __builtin_prefetch(&filter_[filter_bit(key) >> 6]);
  }
  void prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[slot_of(key)]);
  }
  std::size_t size() const { return rows_.size(); }

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t begin;
    std::uint32_t count;  // 0 = empty slot
  };
  std::vector<BlockEntry> entries_;  // only until finish()
  std::vector<std::uint32_t> rows_;
  // The slot is the key's high bits, so that keys in sorted order fill the table from front to
  // back (finish writes it in one sweep, not at random: at 10M rows it is ~0.5 GB); the filter
  // uses the low bits, independent of the slot's.
  std::size_t slot_of(std::uint64_t key) const { return static_cast<std::size_t>(key >> shift_); }
  std::size_t filter_bit(std::uint64_t key) const {
    return static_cast<std::size_t>(key) & filter_mask_;
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 60;
  std::vector<std::uint64_t> filter_ = std::vector<std::uint64_t>(1, 0);
  std::size_t filter_mask_ = 63;
};

// The keys a student row is filed under.
template <typename Fn>
void for_each_index_key(const Features& f, Fn&& fn);
// The keys a household row looks up (a superset: neighbouring and swapped dates too), each with
// the largest block worth reading: fn(key, max_block). `weak`: also birth date alone and name
// alone. Those two only add candidates whose other keys all failed, and their blocks, capped at
// a fixed size, are read ever more often as the lists grow (on birthdays at the band's edges
// few pupils are left, so the blocks stay under the cap while both lists grow: at 10M they were
// half of all comparisons, ×100 reads for ×10 rows). Household rows well outside the compulsory
// band (a year beyond it) skip them: measured at 10M, dropping them everywhere changed no
// decision and no pupil of any row, only which nearest candidate the note of an unmatched row
// names; keeping them inside the band keeps those notes for the children a clerk must find.
template <typename Fn>
void for_each_probe_key(const Features& f, Fn&& fn, bool weak = true);

// ---- implementation ----

std::uint64_t mix_key(std::uint64_t tag, std::uint64_t value);
enum KeyTag : std::uint64_t {
  kTagBirth = 1,
  kTagPinyinYear,
  kTagName,
  kTagBirthHead,
  kTagBirthTail,
  kTagIdMask
};

// The birth-date keys for day `birth`: fn(key, largest block worth reading).
template <typename Fn>
void for_each_birth_key(const Features& f, std::int32_t birth, Fn&& fn, bool weak = true) {
  const auto day = static_cast<std::uint64_t>(static_cast<std::uint32_t>(birth));
  if (weak) fn(mix_key(kTagBirth, day), kMaxWeakBlock);
  if (f.name_head != 0) fn(mix_key(kTagBirthHead, f.name_head ^ (day << 20)), kMaxBlock);
  if (f.name_tail != 0) fn(mix_key(kTagBirthTail, f.name_tail ^ (day << 20)), kMaxBlock);
}
std::uint64_t id_mask_key(std::uint64_t id17, int pos);  // digits pos, pos+1 masked

// Calls fn(key, largest block worth reading). Name alone is the weakest key (it only adds
// children whose birth date is wrong by more than a day or a swap, and those need an ID typo to
// score anyway, which the ID keys find), so a common name's block is read only when small.
template <typename Fn>
void for_each_key(const Features& f, Fn&& fn, bool weak = true) {
  if (f.birth != kNoDate) for_each_birth_key(f, f.birth, fn, weak);
  if (f.pinyin != 0 && f.birth != kNoDate)
    fn(mix_key(kTagPinyinYear, f.pinyin ^ static_cast<std::uint64_t>(f.birth_date.year)),
       kMaxBlock);
  if (f.name != 0 && weak) fn(mix_key(kTagName, f.name), kMaxNameBlock);
  if (f.id.id17 != kNoId)
    for (int p = 0; p < 16; ++p) fn(id_mask_key(f.id.id17, p), kMaxBlock);
}

template <typename Fn>
void for_each_index_key(const Features& f, Fn&& fn) {
  for_each_key(f, [&](std::uint64_t key, std::size_t) { fn(key); });
}

template <typename Fn>
void for_each_probe_key(const Features& f, Fn&& fn, bool weak) {
  for_each_key(f, fn, weak);
  if (f.birth != kNoDate) {
    for_each_birth_key(f, f.birth - 1, fn, weak);
    for_each_birth_key(f, f.birth + 1, fn, weak);
    const Date& d = f.birth_date;
    if (d.day != d.month && Date::is_valid(d.year, d.day, d.month)) {
      const Date swapped{d.year, d.day, d.month};
      for_each_birth_key(f, static_cast<std::int32_t>(swapped.days_since_epoch()), fn, weak);
    }
  }
}

}  // namespace baoxue::match
