#include "ingest/fields.h"

#include <array>
#include <cstdlib>
#include <map>

#include "core/tsv.h"

namespace baoxue::embedded {
extern const std::string_view header_aliases_tsv;
}

namespace baoxue::ingest {
namespace {

constexpr std::array<const char*, kFieldCount> kKeys = {"name",
                                                        "id_number",
                                                        "id_type",
                                                        "student_no",
                                                        "birth_date",
                                                        "sex",
                                                        "ethnicity",
                                                        "school_code",
                                                        "school_name",
                                                        "grade",
                                                        "class_name",
                                                        "enrollment_status",
                                                        "address",
                                                        "township",
                                                        "village",
                                                        "guardian_name",
                                                        "guardian_relation",
                                                        "guardian_phone",
                                                        "disability_category",
                                                        "disability_grade",
                                                        "school_type",
                                                        "village_code",
                                                        "day",
                                                        "session",
                                                        "attendance",
                                                        "movement_kind",
                                                        "moved_on",
                                                        "from_school",
                                                        "to_school",
                                                        "to_school_code",
                                                        "to_province",
                                                        "confirmed_on",
                                                        "row_no"};

constexpr std::array<const char*, kFieldCount> kLabels = {
    "姓名",       "身份证号",       "证件类型",   "学籍号",   "出生日期", "性别",     "民族",
    "学校标识码", "学校名称",       "年级",       "班级",     "学籍状态", "地址",     "乡镇",
    "村（居）",   "监护人",         "与户主关系", "联系电话", "残疾类别", "残疾等级", "办学类型",
    "区划代码",   "日期",           "时段",       "出勤情况", "异动类型", "异动日期", "原学校",
    "去向学校",   "去向学校标识码", "去向省份",   "确认日期", "序号"};

// Removes what people decorate headers with: spaces of every width, required-field stars,
// a trailing colon.
std::string clean_header(std::string_view h) {
  std::string out;
  for (size_t i = 0; i < h.size();) {
    const auto c = static_cast<unsigned char>(h[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '*') {
      ++i;
    } else if (h.substr(i, 3) == "\u3000" || h.substr(i, 3) == "\u203B" ||
               h.substr(i, 3) == "\uFF0A") {  // ideographic space, ※, ＊
      i += 3;
    } else {
      out.push_back(h[i]);
      ++i;
    }
  }
  for (const char* colon : {":", "\uFF1A"}) {
    const std::string c = colon;
    if (out.size() > c.size() && out.compare(out.size() - c.size(), c.size(), c) == 0)
      out.resize(out.size() - c.size());
  }
  return out;
}

// "联系电话（手机）" → "联系电话"; only a bracket at the end, so "乡镇（街道）" stays whole first.
std::string drop_trailing_note(const std::string& h) {
  for (const char* open : {"（", "("}) {
    const size_t at = h.rfind(open);
    if (at != std::string::npos && at > 0 &&
        (h.size() >= 3 && (h.compare(h.size() - 3, 3, "）") == 0 || h.back() == ')')))
      return h.substr(0, at);
  }
  return h;
}

const std::map<std::string, Field>& aliases() {
  static const std::map<std::string, Field> m = [] {
    std::map<std::string, Field> out;
    core::for_each_tsv_row(embedded::header_aliases_tsv, [&](size_t, std::vector<std::string> f) {
      if (f.size() < 2) return;
      for (int k = 0; k < kFieldCount; ++k) {
        if (f[0] != kKeys[k]) continue;
        for (const std::string& alias : core::split_fields(f[1], '|'))
          out.emplace(clean_header(alias), static_cast<Field>(k));
      }
    });
    return out;
  }();
  return m;
}

// Reads the leading run of ASCII digits from s starting at *pos.
std::optional<long> read_number(std::string_view s, size_t* pos) {
  long v = 0;
  size_t start = *pos;
  while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9' && *pos - start < 9)
    v = v * 10 + (s[(*pos)++] - '0');
  if (*pos == start) return std::nullopt;
  return v;
}

// Chinese numerals used in grades and classes: 一 … 十二.
std::optional<int> chinese_number(std::string_view s) {
  static const std::array<std::string_view, 10> kDigits = {"〇", "一", "二", "三", "四",
                                                           "五", "六", "七", "八", "九"};
  if (s == "十") return 10;
  if (s.substr(0, 3) == "十") {
    for (int d = 1; d <= 9; ++d)
      if (s.substr(3) == kDigits[d]) return 10 + d;
  }
  for (int d = 0; d <= 9; ++d)
    if (s == kDigits[d]) return d;
  return std::nullopt;
}

std::string fold_digits(std::string_view s) {  // full-width digits → ASCII
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i, 2) == "\xEF\xBC" && i + 2 < s.size() &&
        static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      out.push_back(static_cast<char>('0' + static_cast<unsigned char>(s[i + 2]) - 0x90));
      i += 3;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

bool strip_prefix(std::string& s, std::string_view p) {
  if (s.compare(0, p.size(), p) != 0) return false;
  s.erase(0, p.size());
  return true;
}

bool strip_suffix(std::string& s, std::string_view p) {
  if (s.size() < p.size() || s.compare(s.size() - p.size(), p.size(), p) != 0) return false;
  s.resize(s.size() - p.size());
  return true;
}

}  // namespace

const char* field_key(Field f) { return f == Field::kExtra ? "extra" : kKeys[static_cast<int>(f)]; }
const char* field_label(Field f) {
  return f == Field::kExtra ? "其他" : kLabels[static_cast<int>(f)];
}

Field field_for_header(std::string_view header) {
  const std::string h = clean_header(header);
  if (h.empty()) return Field::kExtra;
  const auto& a = aliases();
  if (auto it = a.find(h); it != a.end()) return it->second;
  if (auto it = a.find(drop_trailing_note(h)); it != a.end()) return it->second;
  return Field::kExtra;
}

std::string_view trim_view(std::string_view s) {
  auto is_space_at = [&](size_t i, size_t* len) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') return *len = 1, true;
    if (s.substr(i, 3) == "\u3000") return *len = 3, true;
    if (s.substr(i, 2) == "\u00A0") return *len = 2, true;
    return false;
  };
  size_t b = 0, len = 0;
  while (b < s.size() && is_space_at(b, &len)) b += len;
  size_t e = s.size();
  while (e > b) {
    if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n') {
      --e;
    } else if (e - b >= 3 && s.substr(e - 3, 3) == "\u3000") {
      e -= 3;
    } else if (e - b >= 2 && s.substr(e - 2, 2) == "\u00A0") {
      e -= 2;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

std::optional<Date> parse_date_text(std::string_view text, bool allow_serial) {
  const std::string s = fold_digits(trim(text));
  if (s.empty()) return std::nullopt;
  size_t pos = 0;
  auto y = read_number(s, &pos);
  if (!y) return std::nullopt;
  if (pos == s.size()) {
    if (pos == 8) {  // 20150302
      const int yy = static_cast<int>(*y / 10000), mm = static_cast<int>(*y / 100 % 100),
                dd = static_cast<int>(*y % 100);
      if (Date::is_valid(yy, mm, dd)) return Date{yy, mm, dd};
      return std::nullopt;
    }
    // Excel serial: day 1 is 1900-01-01 and Excel counts a 1900-02-29 that never was, so from
    // day 61 on the count is one ahead. Only five digits (1927–2173) are taken as a serial: a
    // bare "2015" in a date column is a year, not 1905-07-07.
    if (allow_serial && pos == 5) return Date{1899, 12, 30}.plus_days(*y);
    return std::nullopt;
  }
  if (pos != 4) return std::nullopt;
  // Separator after the year: - / . 年
  auto skip_sep = [&](std::initializer_list<std::string_view> seps) {
    for (auto sep : seps) {
      if (s.compare(pos, sep.size(), sep) == 0) {
        pos += sep.size();
        return true;
      }
    }
    return false;
  };
  if (!skip_sep({"-", "/", ".", "年"})) return std::nullopt;
  auto m = read_number(s, &pos);
  if (!m || !skip_sep({"-", "/", ".", "月"})) return std::nullopt;
  auto d = read_number(s, &pos);
  if (!d) return std::nullopt;
  skip_sep({"日"});
  // Allow a time part after a space ("2015-03-02 00:00:00"), nothing else.
  if (pos < s.size() && s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
  if (!Date::is_valid(static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d)))
    return std::nullopt;
  return Date{static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d)};
}

std::optional<int> parse_grade(std::string_view text) {
  std::string s = fold_digits(trim(text));
  std::string t;
  for (char c : s)
    if (c != ' ') t.push_back(c);
  int offset = 0;
  if (strip_prefix(t, "初中") || strip_prefix(t, "初级中学"))
    offset = 6;
  else if (strip_prefix(t, "初"))
    offset = 6;
  else
    strip_prefix(t, "小学");
  strip_suffix(t, "年级");
  strip_suffix(t, "年");
  std::optional<int> n;
  if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos && t.size() <= 2) {
    n = std::atoi(t.c_str());
  } else {
    n = chinese_number(t);
  }
  if (!n) return std::nullopt;
  const int g = *n + offset;
  if (g < 1 || g > 9 || (offset == 6 && *n > 3)) return std::nullopt;
  return g;
}

std::optional<int> parse_class_number(std::string_view text) {
  std::string s = fold_digits(trim(text));
  // "三年级(2)班": keep what follows the grade.
  if (size_t at = s.find("年级"); at != std::string::npos) s = s.substr(at + 6);
  std::string t;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '(' || s[i] == ')' || s[i] == ' ') {
      ++i;
    } else if (s.compare(i, 3, "（") == 0 || s.compare(i, 3, "）") == 0) {
      i += 3;
    } else {
      t.push_back(s[i++]);
    }
  }
  strip_suffix(t, "班");
  if (t.empty()) return std::nullopt;
  if (t.find_first_not_of("0123456789") == std::string::npos && t.size() <= 4) {
    const int v = std::atoi(t.c_str());
    // 101 / 0701: grade then a two-digit class number.
    if (t.size() >= 3) return v % 100 > 0 ? std::optional<int>(v % 100) : std::nullopt;
    return v > 0 ? std::optional<int>(v) : std::nullopt;
  }
  auto n = chinese_number(t);
  if (n && *n > 0) return n;
  return std::nullopt;
}

std::optional<std::string> parse_sex(std::string_view text) {
  const std::string s = trim(text);
  if (s == "男" || s == "男性" || s == "M" || s == "m" || s == "1" || s == "男生") return "男";
  if (s == "女" || s == "女性" || s == "F" || s == "f" || s == "2" || s == "女生") return "女";
  return std::nullopt;
}

}  // namespace baoxue::ingest
