// normalize_name, name_key and contains_han: one pass over the input, table lookups only.

#include <string>
#include <string_view>

#include "fold.h"
#include "name.h"
#include "utf8.h"

namespace baoxue::text {

using internal::fold_code_point;
using internal::kDropped;
using internal::kMiddleDot;

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  // A dot is only written once the next real character arrives; that collapses runs and drops
  // trailing dots without backtracking, and a dot before any character is simply forgotten.
  bool dot_pending = false;
  for (std::size_t pos = 0; pos < name.size();) {
    const char32_t cp = fold_code_point(decode_next(name, &pos)).cp;
    if (cp == kDropped) continue;
    if (cp == kMiddleDot) {
      dot_pending = !out.empty();
      continue;
    }
    if (dot_pending) {
      append_utf8(&out, kMiddleDot);
      dot_pending = false;
    }
    append_utf8(&out, cp);
  }
  return out;
}

std::string name_key(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t pos = 0; pos < name.size();) {
    const char32_t cp = fold_code_point(decode_next(name, &pos)).cp;
    if (cp == kDropped || cp == kMiddleDot) continue;
    if (cp < 0x80) {
      out.push_back(internal::ascii_lower(cp));
    } else {
      append_utf8(&out, cp);
    }
  }
  return out;
}

namespace {

// Unified_Ideograph blocks of Unicode 15 plus the compatibility blocks. Wider than the pinyin
// table on purpose: a character we cannot read is still evidence that a field holds a Chinese
// name.
bool is_han(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2EBEF) ||
         (cp >= 0x2F800 && cp <= 0x2FA1F) || (cp >= 0x30000 && cp <= 0x323AF);
}

}  // namespace

bool contains_han(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    // Han needs at least three bytes, so ASCII is skipped without decoding.
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (is_han(decode_next(text, &pos))) return true;
  }
  return false;
}

}  // namespace baoxue::text
