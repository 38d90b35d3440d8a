// Internal to baoxue_text: the per-code-point folding shared by normalize_name, name_key and the
// pinyin functions. Keeping one definition guarantees pinyin_key(x) is the pinyin of
// name_key(x) without materialising name_key first.

#ifndef BAOXUE_TEXT_FOLD_H_
#define BAOXUE_TEXT_FOLD_H_

#include <cstdint>

#include "han_table.h"

namespace baoxue::text::internal {

inline constexpr char32_t kMiddleDot = 0x00B7;
inline constexpr char32_t kDropped = 0;  // whitespace and invisible characters

struct FoldedChar {
  char32_t cp;             // kDropped, kMiddleDot, or the canonical code point
  std::uint32_t syllable;  // index into kSyllables for Han with a reading, else 0
};

// Whitespace as typed or pasted into name fields, plus invisible format characters that Excel
// and web forms smuggle in (zero-width joiners, BOM, soft hyphen). None of them is ever part of
// a name, so they are removed rather than turned into a separator.
constexpr bool is_invisible(char32_t cp) {
  if (cp < 0x20 || cp == 0x20 || cp == 0x7F) return true;  // includes \t \n \r and C0 controls
  switch (cp) {
    case 0x0085:
    case 0x00A0:
    case 0x00AD:
    case 0x1680:
    case 0x180E:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x2060:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200D;  // en quad .. zero-width joiner
  }
}

// Look-alikes of the middle dot that separates parts of transliterated minority names
// (阿卜杜·热合曼). Input methods, fonts and OCR produce all of these; U+0387 and U+2E31 are not
// in the original list but are visually identical and cost nothing.
constexpr bool is_dot(char32_t cp) {
  switch (cp) {
    case '.':
    case 0x00B7:  // middle dot
    case 0x0387:  // Greek ano teleia
    case 0x2022:  // bullet
    case 0x2027:  // hyphenation point
    case 0x2219:  // bullet operator
    case 0x22C5:  // dot operator
    case 0x2E31:  // word separator middle dot
    case 0x30FB:  // katakana middle dot
    case 0xFF0E:  // full-width full stop
    case 0xFF65:  // half-width katakana middle dot
      return true;
    default:
      return false;
  }
}

inline FoldedChar fold_code_point(char32_t cp) {
  // Han first: it is almost every character we see.
  const std::ptrdiff_t index = han_index(cp);
  if (index >= 0) {
    const std::uint32_t entry = kHanEntries[index];
    const std::uint32_t target = entry >> kSyllableBits;
    return {target != 0 ? kSimplifiedTargets[target - 1] : cp, entry & kSyllableMask};
  }
  if (is_invisible(cp)) return {kDropped, 0};
  if (is_dot(cp)) return {kMiddleDot, 0};
  if (cp >= 0xFF01 && cp <= 0xFF5E) return {cp - 0xFEE0, 0};  // full-width ASCII
  return {cp, 0};
}

constexpr char ascii_lower(char32_t cp) {
  return static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
}

}  // namespace baoxue::text::internal

#endif  // BAOXUE_TEXT_FOLD_H_
