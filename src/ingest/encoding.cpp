#include "ingest/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <vector>

namespace baoxue::ingest {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Length of the well-formed UTF-8 sequence at s[i], 0 if invalid, -1 if valid so far but cut off
// by the end of the input.
int utf8_sequence_length(const unsigned char* s, std::size_t n, std::size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return 1;
  int len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  for (int k = 1; k < len; ++k) {
    if (i + k >= n) return -1;
    const unsigned char b = s[i + k];
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return 0;
  }
  return len;
}

class Utf8Decoder final : public Decoder {
 public:
  bool decode(std::string_view in, bool final, std::string& out) override {
    std::string joined;
    const std::string_view data = take_carry(in, joined);
    const std::size_t valid = utf8_valid_prefix(data);
    std::size_t take = valid;
    bool bad = false;
    if (valid < data.size()) {
      const std::size_t tail = utf8_incomplete_tail(data);
      if (!final && tail > 0 && valid == data.size() - tail) {
        carry_.assign(data.substr(valid));
      } else {
        bad = true;
      }
    }
    const void* nul = std::memchr(data.data(), '\0', take);
    if (nul != nullptr) {
      take = static_cast<std::size_t>(static_cast<const char*>(nul) - data.data());
      out.append(data.data(), take);
      problem_ = Problem::kNul;
      return false;
    }
    out.append(data.data(), take);
    if (bad) {
      problem_ = Problem::kInvalid;
      return false;
    }
    return true;
  }
};

class IconvDecoder final : public Decoder {
 public:
  explicit IconvDecoder(iconv_t cd) : cd_(cd) {}
  ~IconvDecoder() override { iconv_close(cd_); }

  bool decode(std::string_view in, bool final, std::string& out) override {
    // Only a sequence carried over from the last chunk needs joining to this one; otherwise the
    // input is converted where it lies (iconv does not write to it, whatever its signature says).
    std::string joined;
    const std::string_view data = take_carry(in, joined);
    char* src = const_cast<char*>(data.data());
    std::size_t src_left = data.size();
    const std::size_t start = out.size();
    bool ok = true;
    while (src_left > 0) {
      const std::size_t before = out.size();
      // GB18030 -> UTF-8 at most doubles (2 bytes -> 3, 4 -> 4); UTF-16 -> UTF-8 at most 1.5x.
      const std::size_t room = src_left * 2 + 16;
      out.resize(before + room);
      char* dst = out.data() + before;
      std::size_t dst_left = room;
      const std::size_t r = iconv(cd_, &src, &src_left, &dst, &dst_left);
      const int err = errno;
      out.resize(before + (room - dst_left));
      if (r != static_cast<std::size_t>(-1)) break;
      if (err == E2BIG) continue;
      if (err == EINVAL && !final) {  // a sequence cut by the chunk boundary
        carry_.assign(src, src_left);
        break;
      }
      ok = false;  // EILSEQ, or EINVAL at the very end
      break;
    }
    return settle(out, start, ok);
  }

 private:
  iconv_t cd_;
};

// GB18030 without a round trip through iconv for every character: ASCII is copied, and the
// two-byte (GBK) codes that lists are written in are looked up in a table that iconv itself fills,
// once per process. Everything else — four-byte codes, bytes iconv rejects, a character cut off
// at the end of a chunk — is handed to iconv one character at a time, so output, errors and
// carried bytes are exactly iconv's. (iconv alone spent a sixth of the time of reading a
// million-row household list.)
class Gb18030Decoder final : public Decoder {
 public:
  explicit Gb18030Decoder(iconv_t cd) : cd_(cd) {}
  ~Gb18030Decoder() override { iconv_close(cd_); }

  bool decode(std::string_view in, bool final, std::string& out) override {
    std::string joined;
    const std::string_view data = take_carry(in, joined);
    const Table& table = two_byte_table();
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const auto* const end = p + data.size();
    const std::size_t start = out.size();
    // A character never becomes more than one and a half times its bytes in UTF-8 (two bytes
    // become at most three, four bytes at most four).
    out.resize(start + data.size() + data.size() / 2 + 8);
    char* dst = out.data() + start;
    bool ok = true;
    while (p < end) {
      // ASCII, eight bytes at a time where it can.
      while (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        if (w & 0x8080808080808080ULL) break;
        std::memcpy(dst, p, 8);
        p += 8;
        dst += 8;
      }
      if (p == end) break;
      if (*p < 0x80) {
        *dst++ = static_cast<char>(*p++);
        continue;
      }
      if (end - p >= 2 && *p >= 0x81 && *p <= 0xFE && p[1] >= 0x40 && p[1] <= 0xFE &&
          p[1] != 0x7F) {
        const std::uint32_t e = table[(p[0] - 0x81) * 191 + (p[1] - 0x40)];
        if (e != 0) {
          // All four bytes at once (the room allows it); the fourth, the length, is overwritten
          // by whatever comes next.
          static_assert(std::endian::native == std::endian::little);
          std::memcpy(dst, &e, 4);
          dst += e >> 24;
          p += 2;
          continue;
        }
      }
      // One character (at most four bytes) through iconv. Keep the room for the rest: iconv
      // may map a single byte to more than one and a half.
      const std::size_t written = static_cast<std::size_t>(dst - out.data());
      const std::size_t need = written + 16 + static_cast<std::size_t>(end - p) * 3 / 2 + 8;
      if (need > out.size()) {
        out.resize(need);
        dst = out.data() + written;
      }
      const std::size_t window = std::min<std::size_t>(4, static_cast<std::size_t>(end - p));
      char* src = const_cast<char*>(reinterpret_cast<const char*>(p));
      std::size_t src_left = window;
      std::size_t dst_left = 16;
      char buf[16];
      char* bdst = buf;
      const std::size_t r = iconv(cd_, &src, &src_left, &bdst, &dst_left);
      const int err = errno;
      const std::size_t used = window - src_left;
      std::memcpy(dst, buf, static_cast<std::size_t>(bdst - buf));
      dst += bdst - buf;
      p += used;
      if (r != static_cast<std::size_t>(-1) || used > 0) continue;
      // Incomplete only if the window reached the end of the input (no character is longer).
      if (err == EINVAL && window == static_cast<std::size_t>(end - p) && !final) {
        carry_.assign(reinterpret_cast<const char*>(p), static_cast<std::size_t>(end - p));
        break;
      }
      ok = false;  // EILSEQ, or EINVAL at the very end
      break;
    }
    out.resize(static_cast<std::size_t>(dst - out.data()));
    return settle(out, start, ok);
  }

 private:
  // UTF-8 of each two-byte code (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F), its bytes in the
  // low three bytes in memory order (little-endian) and their count in the top one; 0 where iconv
  // does not give one to three bytes.
  using Table = std::vector<std::uint32_t>;
  static const Table& two_byte_table() {
    static const Table table = [] {
      Table t(126 * 191, 0);
      iconv_t cd = iconv_open("UTF-8", "GB18030");
      if (cd == reinterpret_cast<iconv_t>(-1)) return t;
      for (int lead = 0x81; lead <= 0xFE; ++lead) {
        for (int trail = 0x40; trail <= 0xFE; ++trail) {
          if (trail == 0x7F) continue;
          char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
          char outb[8];
          char* src = in;
          char* dst = outb;
          std::size_t src_left = 2, dst_left = sizeof outb;
          iconv(cd, nullptr, nullptr, nullptr, nullptr);
          const std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
          const std::size_t len = sizeof outb - dst_left;
          if (r == static_cast<std::size_t>(-1) || src_left != 0 || len == 0 || len > 3) continue;
          std::uint32_t e = static_cast<std::uint32_t>(len) << 24;
          for (std::size_t k = 0; k < len; ++k)
            e |= static_cast<std::uint32_t>(static_cast<unsigned char>(outb[k])) << (8 * k);
          if (std::memchr(outb, '\0', len) != nullptr) continue;
          t[(lead - 0x81) * 191 + (trail - 0x40)] = e;
        }
      }
      iconv_close(cd);
      return t;
    }();
    return table;
  }

  iconv_t cd_;
};

}  // namespace

std::string_view Decoder::take_carry(std::string_view in, std::string& buffer) {
  if (carry_.empty()) return in;
  buffer = std::move(carry_);
  carry_.clear();
  buffer.append(in);
  return buffer;
}

bool Decoder::settle(std::string& out, std::size_t start, bool converted) {
  const void* nul = std::memchr(out.data() + start, '\0', out.size() - start);
  if (nul != nullptr) {
    out.resize(static_cast<std::size_t>(static_cast<const char*>(nul) - out.data()));
    problem_ = Problem::kNul;
    return false;
  }
  if (!converted) {
    problem_ = Problem::kInvalid;
    return false;
  }
  return true;
}

std::string normalize_encoding_name(std::string_view name) {
  std::string n = lower_ascii(name);
  std::string key;
  for (char c : n)
    if (c != '-' && c != '_' && c != ' ') key += c;
  if (key == "utf8") return "utf-8";
  if (key == "utf16" || key == "unicode" || key == "ucs2") return "utf-16";
  if (key == "utf16le") return "utf-16le";
  if (key == "utf16be") return "utf-16be";
  if (key == "gbk" || key == "gb2312" || key == "cp936" || key == "gb18030" || key == "936" ||
      key == "euccn" || key == "ms936")
    return "gb18030";
  return "";
}

std::string encoding_display_name(std::string_view canonical) {
  if (canonical == "utf-8") return "UTF-8";
  if (canonical == "utf-16le") return "UTF-16LE";
  if (canonical == "utf-16be") return "UTF-16BE";
  if (canonical == "gb18030") return "GB18030";
  return std::string(canonical);
}

std::size_t utf8_valid_prefix(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, eight bytes at a time: most of a list is digits and punctuation.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const int len = utf8_sequence_length(p, n, i);
    if (len <= 0) return i;
    i += static_cast<std::size_t>(len);
  }
  return n;
}

std::size_t utf8_incomplete_tail(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  // A lead byte in the last three positions whose sequence runs past the end.
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    const std::size_t i = n - back;
    if ((p[i] & 0xC0) == 0x80) continue;  // continuation byte: look further back
    return utf8_sequence_length(p, n, i) == -1 ? back : 0;
  }
  return 0;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t i = 0;
  while (i < s.size()) {
    const int len = utf8_sequence_length(p, s.size(), i);
    if (len > 0) {
      out.append(s.data() + i, static_cast<std::size_t>(len));
      i += static_cast<std::size_t>(len);
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::unique_ptr<Decoder> make_decoder(std::string_view canonical) {
  if (canonical == "utf-8") return std::make_unique<Utf8Decoder>();
  if (canonical == "gb18030") {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
    return std::make_unique<Gb18030Decoder>(cd);
  }
  const char* from = nullptr;
  if (canonical == "gb18030") from = "GB18030";
  if (canonical == "utf-16le") from = "UTF-16LE";
  if (canonical == "utf-16be") from = "UTF-16BE";
  if (from == nullptr) return nullptr;
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return nullptr;
  return std::make_unique<IconvDecoder>(cd);
}

}  // namespace baoxue::ingest
