#include "match/features.h"

#include <string>

#include "core/id_number.h"
#include "text/name.h"

namespace baoxue::match {

namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<Date> id_birth(std::string_view id18) {
  auto num = [&](std::size_t pos, std::size_t len) {
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) v = v * 10 + (id18[i] - '0');
    return v;
  };
  const int y = num(6, 4), m = num(10, 2), d = num(12, 2);
  if (!Date::is_valid(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

}  // namespace

std::uint64_t hash_text(std::string_view s) {
  if (s.empty()) return 0;
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h == 0 ? 1 : h;
}

std::string_view effective_id(const PersonRef& p) {
  if (!p.id_number.empty()) return p.id_number;
  const std::string_view no = p.student_no;
  if (no.size() == 19 && (no[0] == 'G' || no[0] == 'g')) return no.substr(1);
  return {};
}

IdKey id_key(const PersonRef& p) {
  IdKey k;
  const std::string_view id = effective_id(p);
  if (id.empty()) return k;
  if (id.size() != 18 || !all_digits(id.substr(0, 17))) {
    k.state = IdState::kMalformed;
    return k;
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 17; ++i) v = v * 10 + static_cast<std::uint64_t>(id[i] - '0');
  k.id17 = v;
  k.check = id[17] == 'x' ? 'X' : id[17];
  bool valid;
  if (!p.id_number.empty()) {
    valid = p.id_valid;  // ingest has run the full check (area, date not in the future, …)
  } else {               // from a G number: check it here, cheaply
    valid = core::id_check_char(id.substr(0, 17)) == k.check && id_birth(id).has_value();
  }
  k.state = valid ? IdState::kValid : IdState::kInvalid;
  return k;
}

Features extract_features(const PersonRef& p) {
  Features f;
  f.id = id_key(p);
  const std::string_view id = effective_id(p);
  std::optional<Date> from_id;
  if (f.id.state == IdState::kValid || f.id.state == IdState::kInvalid) from_id = id_birth(id);
  // Person.birth first: a typo in the ID's date digits must not also spoil the birth comparison.
  if (p.birth) {
    f.birth_date = *p.birth;
  } else if (from_id) {
    f.birth_date = *from_id;
  }
  if (p.birth || from_id) f.birth = static_cast<std::int32_t>(f.birth_date.days_since_epoch());
  if (f.id.state == IdState::kValid && from_id) {
    f.band_birth = static_cast<std::int32_t>(from_id->days_since_epoch());
  } else if (p.birth) {
    f.band_birth = static_cast<std::int32_t>(p.birth->days_since_epoch());
  }
  if (p.sex == "男") {
    f.sex = 1;
  } else if (p.sex == "女") {
    f.sex = 2;
  } else if (f.id.state == IdState::kValid) {
    f.sex = ((id[16] - '0') % 2 == 1) ? 1 : 2;
  }
  f.name = p.name_key.empty() ? hash_text(text::name_key(p.name)) : hash_text(p.name_key);
  f.pinyin = p.pinyin_key.empty() ? hash_text(text::pinyin_key(p.name)) : hash_text(p.pinyin_key);
  // The halves of name_key: its first character (the surname, as a rule) and the rest. Slicing
  // the UTF-8 costs nothing; a traditional character is already simplified in name_key, and a
  // homophone in either half leaves the other.
  const std::string_view key = p.name_key;
  if (!key.empty()) {
    const unsigned char lead = static_cast<unsigned char>(key.front());
    const std::size_t first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (first < key.size()) {
      f.name_head = hash_text(key.substr(0, first));
      f.name_tail = hash_text(key.substr(first));
    }
  }
  if (!p.guardian_name.empty()) {
    f.guardian = hash_text(text::name_key(p.guardian_name));
    f.guardian_pinyin = hash_text(text::pinyin_key(p.guardian_name));
  }
  return f;
}

}  // namespace baoxue::match
