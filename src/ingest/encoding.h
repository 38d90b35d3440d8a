// Text encodings of the "CSV" files bureaus receive: UTF-8 (with or without BOM), UTF-16 (Excel's
// "Unicode text" export) and GB18030, the superset of the GBK/GB2312/CP936 that Chinese Excel and
// WPS write by default. Everything is converted to UTF-8 in chunks, so a file never has to sit in
// memory whole.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace baoxue::ingest {

// Canonical names used throughout: "utf-8", "utf-16le", "utf-16be", "gb18030".
// normalize_encoding_name: case-insensitive; "utf8"/"utf-8" -> "utf-8", "utf-16"/"utf16"/"unicode"
// -> "utf-16" (byte order still to be decided from the BOM), "utf-16le"/"utf-16be" as such,
// "gbk"/"gb2312"/"cp936"/"gb18030"/"936" -> "gb18030". Anything else -> "".
std::string normalize_encoding_name(std::string_view name);

// Human-readable name for descriptions: "UTF-8", "UTF-16LE", "GB18030".
std::string encoding_display_name(std::string_view canonical);

// Length of the longest prefix of `s` that is well-formed UTF-8 (no overlongs, no surrogates,
// nothing above U+10FFFF).
std::size_t utf8_valid_prefix(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return utf8_valid_prefix(s) == s.size(); }

// Length of an incomplete-but-so-far-valid UTF-8 sequence at the end of `s` (0..3): the bytes a
// chunked reader must carry over to the next chunk rather than call invalid.
std::size_t utf8_incomplete_tail(std::string_view s);

// Replaces every byte that is not part of well-formed UTF-8 with U+FFFD; for text from libraries
// that promise UTF-8 but may not deliver it on a damaged file.
std::string sanitize_utf8(std::string_view s);

// Appends the UTF-8 form of a code point (must be a scalar value: <= 0x10FFFF, not a surrogate).
void append_utf8(std::string& out, char32_t cp);

// Streaming conversion of one encoding to UTF-8. Multibyte sequences split across chunks are
// carried over. The output never contains NUL: a NUL in the text is reported as kNul, because no
// list has one and a file that does is binary or damaged.
class Decoder {
 public:
  enum class Problem { kNone, kInvalid, kNul };
  virtual ~Decoder() = default;
  // Appends the UTF-8 of `in` to `out`. `final`: no more input follows, so an incomplete sequence
  // at the end is invalid. Returns false when the input is bad; everything before the bad byte
  // has been appended, and problem() says what went wrong. After a failure, do not call again.
  virtual bool decode(std::string_view in, bool final, std::string& out) = 0;
  Problem problem() const { return problem_; }

 protected:
  // The common end of a decode() that wrote out[start..]: text stops at a NUL (kNul), a failed
  // conversion is kInvalid. Returns whether the chunk was good.
  bool settle(std::string& out, std::size_t start, bool converted);
  // `in` preceded by the bytes of a sequence the last chunk cut off (joined in `buffer` when
  // there are some); afterwards nothing is carried.
  std::string_view take_carry(std::string_view in, std::string& buffer);
  Problem problem_ = Problem::kNone;
  std::string carry_;  // the start of a sequence the last chunk cut off
};

// canonical: "utf-8", "utf-16le", "utf-16be", "gb18030". nullptr if iconv lacks the encoding.
std::unique_ptr<Decoder> make_decoder(std::string_view canonical);

}  // namespace baoxue::ingest
