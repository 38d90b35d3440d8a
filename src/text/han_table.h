// Internal to baoxue_text: layout of the generated Han tables.
//
// gen_text_tables.cpp (build time, ICU + OpenCC) writes han_tables.cpp; the runtime only indexes
// into it. Both sides include this header so they cannot disagree about the layout.

#ifndef BAOXUE_TEXT_HAN_TABLE_H_
#define BAOXUE_TEXT_HAN_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

namespace baoxue::text::internal {

// Code point blocks covered by the dense table, in table order. Names in household registers use
// the BMP blocks almost exclusively; Extensions B-F and the compatibility blocks are included
// because rare-character names (生僻字) are exactly the ones that otherwise fail to match, and
// because OpenCC simplifies several hundred BMP characters to Extension C-F forms. The gaps
// between extensions cost a few kilobytes and keep the lookup to one range check.
struct HanBlock {
  char32_t first;
  char32_t last;  // inclusive
};
inline constexpr HanBlock kHanBlocks[] = {
    {0x3400, 0x4DBF},    // Extension A
    {0x4E00, 0x9FFF},    // Unified Ideographs
    {0xF900, 0xFAFF},    // Compatibility Ideographs
    {0x20000, 0x2EBEF},  // Extensions B-F
    {0x2F800, 0x2FA1F},  // Compatibility Ideographs Supplement
};

constexpr std::size_t han_block_offset(std::size_t block) {
  std::size_t offset = 0;
  for (std::size_t i = 0; i < block; ++i) offset += kHanBlocks[i].last - kHanBlocks[i].first + 1;
  return offset;
}
inline constexpr std::size_t kHanTableSize = han_block_offset(std::size(kHanBlocks));

// One 32-bit entry per code point, so a lookup is a single load:
//   bits  0..11  syllable id into kSyllables (0 = no known reading)
//   bits 12..31  1 + index into kSimplifiedTargets (0 = already simplified)
// The syllable of a traditional character is that of its simplified form, so callers never need a
// second lookup after converting.
inline constexpr int kSyllableBits = 12;
inline constexpr std::uint32_t kSyllableMask = (1u << kSyllableBits) - 1;

// A toneless syllable in fixed-size storage, so appending one is a single 16-byte copy instead of
// a variable-length memcpy call; that copy was a fifth of pinyin_key's time.
struct Syllable {
  static constexpr std::size_t kCapacity = 15;
  char text[kCapacity];  // NUL-padded
  std::uint8_t size;
  std::string_view view() const { return {text, size}; }
};

extern const std::uint32_t kHanEntries[kHanTableSize];
extern const char32_t kSimplifiedTargets[];
extern const Syllable kSyllables[];
extern const std::size_t kSyllableCount;

// Readings a character takes as the first character of a name (单 shan, 曾 zeng, 朴 piao ...),
// sorted by code point; only entries that differ from the ordinary reading.
struct SurnameReading {
  char32_t cp;
  std::uint16_t syllable;
};
extern const SurnameReading kSurnameReadings[];
extern const std::size_t kSurnameReadingCount;

// Index into kHanEntries, or -1 if cp lies outside every block. The branch order puts the
// Unified Ideographs first because nearly every name character lives there.
inline std::ptrdiff_t han_index(char32_t cp) {
  if (cp - 0x4E00u <= 0x9FFFu - 0x4E00u) return han_block_offset(1) + (cp - 0x4E00u);
  if (cp - 0x3400u <= 0x4DBFu - 0x3400u) return han_block_offset(0) + (cp - 0x3400u);
  if (cp - 0xF900u <= 0xFAFFu - 0xF900u) return han_block_offset(2) + (cp - 0xF900u);
  if (cp - 0x20000u <= 0x2EBEFu - 0x20000u) return han_block_offset(3) + (cp - 0x20000u);
  if (cp - 0x2F800u <= 0x2FA1Fu - 0x2F800u) return han_block_offset(4) + (cp - 0x2F800u);
  return -1;
}

}  // namespace baoxue::text::internal

#endif  // BAOXUE_TEXT_HAN_TABLE_H_
