// Build-time generator for han_tables.cpp (see han_table.h for the layout).
//
// ICU's Han-Latin transliterator and OpenCC cost microseconds per call, which is far too slow for
// millions of registry rows, but their answers for a single character never change. So we ask
// them once per code point here and the runtime only indexes a dense array.
//
// Usage: gen_text_tables <opencc t2s.json> <output.cpp>

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "han_table.h"

namespace {

using baoxue::text::internal::han_block_offset;
using baoxue::text::internal::han_index;
using baoxue::text::internal::kHanBlocks;
using baoxue::text::internal::kHanTableSize;
using baoxue::text::internal::kSyllableBits;
using baoxue::text::internal::kSyllableMask;

// Surname readings that ICU's Han-Latin/Names gets wrong or does not know. Each is the usual
// reading of the character as a family name in mainland registers.
struct ManualReading {
  const char* han;
  const char* syllable;
};
constexpr ManualReading kManualSurnames[] = {
    // Names says pu; the Korean-Chinese surname is piao.
    {"朴", "piao"},
    // ICU says mou.
    {"缪", "miao"},
    // Names says mu, the rarer reading.
    {"牟", "mou"},
    // Names says yu, which is only right inside 尉迟 (handled at runtime).
    {"尉", "wei"},
    // Names says diao.
    {"刀", "dao"},
    // Names says bao.
    {"薄", "bo"},
    // Names already agrees on these; pinned so that a future ICU cannot silently change them.
    {"单", "shan"},
    {"曾", "zeng"},
    {"解", "xie"},
    {"仇", "qiu"},
    {"区", "ou"},
    {"查", "zha"},
    {"盖", "ge"},
    {"乐", "yue"},
};

// Ordinary readings overridden everywhere in a name. ICU takes the first kMandarin reading, which
// for a few characters is the reading in common words rather than in names.
constexpr ManualReading kManualReadings[] = {
    // ICU says bo (萝卜); in names (卜, 阿卜杜) it is always bu.
    {"卜", "bu"},
    // ICU says zhang; given names (长江, 长青) read chang. The surname 长孙 is handled at runtime.
    {"长", "chang"},
    // ICU says dou; as a surname and in place names it is du.
    {"都", "du"},
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "gen_text_tables: %s\n", message.c_str());
  std::exit(1);
}

std::string to_utf8(char32_t cp) {
  std::string out;
  icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(out);
  return out;
}

char32_t single_code_point(const std::string& utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(utf8);
  if (s.countChar32() != 1) return 0;
  return static_cast<char32_t>(s.char32At(0));
}

class Tools {
 public:
  explicit Tools(const char* opencc_config) {
    UErrorCode status = U_ZERO_ERROR;
    han_latin_.reset(icu::Transliterator::createInstance("Han-Latin", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) die(std::string("Han-Latin: ") + u_errorName(status));
    names_.reset(icu::Transliterator::createInstance("Han-Latin/Names", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) die(std::string("Han-Latin/Names: ") + u_errorName(status));
    nfd_ = icu::Normalizer2::getNFDInstance(status);
    nfc_ = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) die(std::string("normalizer: ") + u_errorName(status));
    t2s_ = opencc_open(opencc_config);
    if (t2s_ == reinterpret_cast<opencc_t>(-1)) die(std::string("opencc: ") + opencc_error());
  }
  ~Tools() { opencc_close(t2s_); }

  // Compatibility ideographs first go to their canonical unified form (NFC), then OpenCC maps
  // traditional to simplified. Iterated because a few OpenCC targets are themselves mapped.
  char32_t simplify(char32_t cp) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString nfc = nfc_->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), status);
    if (U_SUCCESS(status) && nfc.countChar32() == 1) cp = static_cast<char32_t>(nfc.char32At(0));
    for (int round = 0; round < 3; ++round) {
      std::string in = to_utf8(cp);
      char* out = opencc_convert_utf8(t2s_, in.data(), in.size());
      if (out == nullptr) break;
      char32_t next = single_code_point(out);
      opencc_convert_utf8_free(out);
      // A target outside the table (e.g. 孾 -> U+2A9C0 in Extension C) would have no reading and
      // no glyph in most fonts; keeping the original is the better key.
      if (next == 0 || next == cp || han_index(next) < 0) break;
      cp = next;
    }
    return cp;
  }

  std::string reading(char32_t cp, bool as_surname) {
    if (!as_surname) {
      for (const ManualReading& m : kManualReadings) {
        if (single_code_point(m.han) == cp) return m.syllable;
      }
    }
    icu::UnicodeString s(static_cast<UChar32>(cp));
    (as_surname ? names_ : han_latin_)->transliterate(s);
    return toneless(s);
  }

 private:
  // "lǚ" -> "lv", "zhāng" -> "zhang"; empty if ICU returned anything but Latin letters (it
  // echoes characters it has no reading for).
  std::string toneless(const icu::UnicodeString& latin) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString d = nfd_->normalize(latin, status);
    if (U_FAILURE(status)) return {};
    std::string out;
    for (int32_t i = 0; i < d.length(); i = d.moveIndex32(i, 1)) {
      UChar32 c = d.char32At(i);
      if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
      if (c >= 'a' && c <= 'z') {
        out.push_back(static_cast<char>(c));
      } else if (c == 0x0308 && !out.empty() && out.back() == 'u') {
        out.back() = 'v';  // ü is written v, as on every Chinese keyboard.
      } else if ((c >= 0x0300 && c <= 0x036F) || c == ' ' || c == '\'') {
        // Tone marks and syllable separators carry nothing for matching.
      } else {
        return {};
      }
    }
    return out;
  }

  std::unique_ptr<icu::Transliterator> han_latin_;
  std::unique_ptr<icu::Transliterator> names_;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  opencc_t t2s_;
};

class SyllableIds {
 public:
  SyllableIds() { names_.push_back(""); }
  std::uint32_t id(const std::string& syllable) {
    if (syllable.empty()) return 0;
    if (syllable.size() > baoxue::text::internal::Syllable::kCapacity) die("syllable too long");
    auto [it, inserted] = ids_.emplace(syllable, static_cast<std::uint32_t>(names_.size()));
    if (inserted) names_.push_back(syllable);
    if (names_.size() > (1u << kSyllableBits)) die("too many distinct syllables");
    return it->second;
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) die("usage: gen_text_tables <t2s.json> <output.cpp>");
  Tools tools(argv[1]);
  SyllableIds syllables;

  std::vector<std::uint32_t> entries(kHanTableSize, 0);
  std::vector<char32_t> targets;
  std::map<char32_t, std::uint32_t> target_index;
  std::map<char32_t, std::uint32_t> surnames;  // simplified cp -> syllable id
  std::map<char32_t, std::string> default_reading;

  for (std::size_t b = 0; b < std::size(kHanBlocks); ++b) {
    for (char32_t cp = kHanBlocks[b].first; cp <= kHanBlocks[b].last; ++cp) {
      char32_t simplified = tools.simplify(cp);
      auto cached = default_reading.find(simplified);
      if (cached == default_reading.end()) {
        cached = default_reading.emplace(simplified, tools.reading(simplified, false)).first;
        std::string surname = tools.reading(simplified, true);
        if (!surname.empty() && surname != cached->second) {
          surnames[simplified] = syllables.id(surname);
        }
      }
      std::uint32_t entry = syllables.id(cached->second);
      if (simplified != cp) {
        auto [it, inserted] =
            target_index.emplace(simplified, static_cast<std::uint32_t>(targets.size()));
        if (inserted) targets.push_back(simplified);
        entry |= (it->second + 1) << kSyllableBits;
      }
      entries[han_block_offset(b) + (cp - kHanBlocks[b].first)] = entry;
    }
  }
  // The runtime relies on conversion being idempotent: a target is itself simplified and has the
  // same reading, so pinyin_key(x) == pinyin_key(name_key(x)).
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::uint32_t target = entries[i] >> kSyllableBits;
    if (target == 0) continue;
    const std::uint32_t t = entries[han_index(targets[target - 1])];
    if ((t >> kSyllableBits) != 0 || (t & kSyllableMask) != (entries[i] & kSyllableMask)) {
      die("conversion is not idempotent at table index " + std::to_string(i));
    }
  }
  for (const ManualReading& m : kManualSurnames) {
    char32_t cp = single_code_point(m.han);
    if (cp == 0) die(std::string("bad manual entry ") + m.han);
    if (default_reading[cp] == m.syllable) {
      surnames.erase(cp);
    } else {
      surnames[cp] = syllables.id(m.syllable);
    }
  }

  std::ofstream out(argv[2], std::ios::binary);
  if (!out) die(std::string("cannot write ") + argv[2]);
  out << "// Generated by gen_text_tables from ICU Han-Latin and OpenCC t2s. Do not edit.\n"
         "#include \"han_table.h\"\n\nnamespace baoxue::text::internal {\n\n";
  out << "const std::uint32_t kHanEntries[kHanTableSize] = {\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out << "0x" << std::hex << entries[i] << std::dec << (i % 16 == 15 ? ",\n" : ",");
  }
  out << "};\n\nconst char32_t kSimplifiedTargets[] = {\n";
  for (std::size_t i = 0; i < targets.size(); ++i) {
    out << "0x" << std::hex << static_cast<std::uint32_t>(targets[i]) << std::dec
        << (i % 16 == 15 ? ",\n" : ",");
  }
  out << "0};\n\nconst Syllable kSyllables[] = {\n";
  for (const std::string& s : syllables.names()) {
    out << "{\"" << s << "\", " << s.size() << "},\n";
  }
  out << "};\nconst std::size_t kSyllableCount = " << syllables.names().size() << ";\n\n";
  out << "const SurnameReading kSurnameReadings[] = {\n";
  for (const auto& [cp, id] : surnames) {
    out << "{0x" << std::hex << static_cast<std::uint32_t>(cp) << std::dec << ", " << id
        << "},  // " << to_utf8(cp) << " " << syllables.names()[id] << "\n";
  }
  out << "};\nconst std::size_t kSurnameReadingCount = " << surnames.size() << ";\n\n";
  out << "}  // namespace baoxue::text::internal\n";
  out.close();
  if (!out) die(std::string("write failed: ") + argv[2]);
  std::fprintf(stderr,
               "gen_text_tables: %zu entries, %zu t2s targets, %zu syllables, %zu surnames\n",
               entries.size(), targets.size(), syllables.names().size(), surnames.size());
  return 0;
}
