// Minimal UTF-8 decoding and encoding.
//
// Registry exports arrive in whatever encoding the county's software produced, and a stray GBK
// byte must not abort a million-row match. So decoding never fails: each maximal ill-formed
// subsequence (Unicode 15, section 3.9) becomes one U+FFFD, the same count ICU and browsers give,
// and decoding resumes at the next byte that could start a character.
//
// Header-only and inline because every per-character loop in the project sits on top of it.

#ifndef BAOXUE_TEXT_UTF8_H_
#define BAOXUE_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace baoxue::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[*pos] and advances *pos past it.
// Requires *pos < s.size().
inline char32_t decode_next(std::string_view s, std::size_t* pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = *pos;
  const unsigned lead = p[i++];
  if (lead < 0x80) {
    *pos = i;
    return lead;
  }
  // Allowed range of the second byte excludes overlongs, surrogates and values past U+10FFFF.
  unsigned need;
  unsigned lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (lead >= 0xC2 && lead <= 0xDF) {
    need = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    need = 2;
    cp = lead & 0x0F;
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    need = 3;
    cp = lead & 0x07;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
  } else {
    *pos = i;
    return kReplacementChar;
  }
  for (unsigned k = 0; k < need; ++k) {
    if (i >= n) break;
    const unsigned c = p[i];
    if (c < lo || c > hi) break;
    lo = 0x80;
    hi = 0xBF;
    cp = (cp << 6) | (c & 0x3F);
    ++i;
    if (k + 1 == need) {
      *pos = i;
      return cp;
    }
  }
  *pos = i;  // Consumed the maximal subpart; the offending byte is looked at again.
  return kReplacementChar;
}

// Appends the UTF-8 encoding of cp. Surrogates and values past U+10FFFF become U+FFFD so the
// output is always valid UTF-8.
inline void append_utf8(std::string* out, char32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  char buf[4];
  std::size_t len;
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    len = 4;
  }
  out->append(buf, len);
}

// Decodes all of s; convenient for algorithms that need random access to code points.
inline std::u32string decode_all(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t pos = 0; pos < s.size();) out.push_back(decode_next(s, &pos));
  return out;
}

}  // namespace baoxue::text

#endif  // BAOXUE_TEXT_UTF8_H_
