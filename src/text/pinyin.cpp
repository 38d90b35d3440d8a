// pinyin_key, pinyin_syllables and pinyin_initials: one pass over the folded input, emitting a
// syllable per Han character from the generated table.

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "fold.h"
#include "han_table.h"
#include "name.h"
#include "utf8.h"

namespace baoxue::text {

namespace {

using internal::FoldedChar;
using internal::kDropped;
using internal::kMiddleDot;
using internal::Syllable;

constexpr Syllable make_syllable(std::string_view s) {
  Syllable out{};
  for (std::size_t i = 0; i < s.size(); ++i) out.text[i] = s[i];
  out.size = static_cast<std::uint8_t>(s.size());
  return out;
}

// Two-character surnames whose reading differs from reading each character on its own; written
// out here because they are few, stable and easy to review. (欧阳, 司马, 诸葛 ... read correctly
// character by character and need no entry.)
struct CompoundSurname {
  char32_t first, second;
  Syllable first_syllable, second_syllable;
};
constexpr CompoundSurname kCompoundSurnames[] = {
    {U'万', U'俟', make_syllable("mo"), make_syllable("qi")},
    {U'尉', U'迟', make_syllable("yu"), make_syllable("chi")},
    {U'单', U'于', make_syllable("chan"), make_syllable("yu")},
    {U'长', U'孙', make_syllable("zhang"), make_syllable("sun")},
    {U'澹', U'台', make_syllable("tan"), make_syllable("tai")},
};

const Syllable& surname_syllable(char32_t cp, std::uint32_t ordinary) {
  const internal::SurnameReading* begin = internal::kSurnameReadings;
  const internal::SurnameReading* end = begin + internal::kSurnameReadingCount;
  const auto* it = std::lower_bound(
      begin, end, cp, [](const internal::SurnameReading& r, char32_t c) { return r.cp < c; });
  return internal::kSyllables[it != end && it->cp == cp ? it->syllable : ordinary];
}

// Next character of name_key(name) starting at *pos: skips what name_key removes.
// Returns false at the end of input.
bool next_key_char(std::string_view name, std::size_t* pos, FoldedChar* out) {
  while (*pos < name.size()) {
    *out = internal::fold_code_point(decode_next(name, pos));
    if (out->cp != kDropped && out->cp != kMiddleDot) return true;
  }
  return false;
}

bool is_ascii_letter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

// Calls sink(const Syllable&) for each Han syllable and sink(std::string_view) for each run of
// ASCII letters, in order. The views are short-lived; the sink must copy what it keeps.
template <typename Sink>
void for_each_syllable(std::string_view name, Sink&& sink) {
  std::size_t pos = 0;
  FoldedChar c;
  bool first = true;  // surname position: first character of the key
  std::string latin;  // pending run of ASCII letters, emitted as one syllable
  while (next_key_char(name, &pos, &c)) {
    if (is_ascii_letter(c.cp)) {
      latin.push_back(internal::ascii_lower(c.cp));
      first = false;
      continue;
    }
    if (!latin.empty()) {
      sink(std::string_view(latin));
      latin.clear();
    }
    if (c.syllable == 0) {
      first = false;
      continue;
    }
    if (!first) {
      sink(internal::kSyllables[c.syllable]);
      continue;
    }
    first = false;
    bool compound = false;
    for (const CompoundSurname& s : kCompoundSurnames) {
      if (s.first != c.cp) continue;
      std::size_t peek = pos;
      FoldedChar next;
      if (next_key_char(name, &peek, &next) && next.cp == s.second) {
        sink(s.first_syllable);
        sink(s.second_syllable);
        pos = peek;
        compound = true;
      }
      break;
    }
    if (!compound) sink(surname_syllable(c.cp, c.syllable));
  }
  if (!latin.empty()) sink(std::string_view(latin));
}

std::string_view view_of(std::string_view s) { return s; }
std::string_view view_of(const Syllable& s) { return s.view(); }

// Accumulates a key on the stack and builds the std::string once, so short keys never allocate
// and a Han syllable is one fixed-size copy.
class KeyBuilder {
 public:
  void operator()(const Syllable& s) {
    if (size_ + sizeof(s.text) > sizeof(buffer_)) return operator()(s.view());
    std::memcpy(buffer_ + size_, s.text, sizeof(s.text));
    size_ += s.size;
  }
  void operator()(std::string_view s) {
    if (size_ + s.size() > sizeof(buffer_)) {
      overflow_.append(buffer_, size_);
      overflow_.append(s);
      size_ = 0;
      return;
    }
    std::memcpy(buffer_ + size_, s.data(), s.size());
    size_ += s.size();
  }
  std::string take() {
    if (overflow_.empty()) return std::string(buffer_, size_);
    overflow_.append(buffer_, size_);
    return std::move(overflow_);
  }

 private:
  char buffer_[128];
  std::size_t size_ = 0;
  std::string overflow_;  // only for absurdly long names
};

}  // namespace

std::string pinyin_key(std::string_view name) {
  KeyBuilder key;
  for_each_syllable(name, key);
  return key.take();
}

std::vector<std::string> pinyin_syllables(std::string_view name) {
  std::vector<std::string> out;
  for_each_syllable(name, [&out](const auto& s) { out.emplace_back(view_of(s)); });
  return out;
}

std::string pinyin_initials(std::string_view name) {
  std::string out;
  for_each_syllable(name, [&out](const auto& s) { out.push_back(view_of(s).front()); });
  return out;
}

}  // namespace baoxue::text
