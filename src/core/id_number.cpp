#include "core/id_number.h"

#include <cstdio>
#include <optional>

#include "core/area_codes.h"

namespace baoxue::core {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

// Excel turns a long number typed into a General cell into "4.10308E+17": the digits are gone.
bool looks_like_excel_scientific(std::string_view s) {
  const size_t e = s.find_first_of("Ee");
  if (e == std::string_view::npos || e == 0) return false;
  for (size_t i = 0; i < e; ++i)
    if (!is_digit(s[i]) && s[i] != '.') return false;
  size_t i = e + 1;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return i < s.size() && all_digits(s.substr(i));
}

std::string format(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

// 港澳台居民居住证 (2018) carry a GB 11643 number whose address code is the same for every holder:
// 810000 Hong Kong, 820000 Macao, 830000 Taiwan (《港澳台居民居住证申领发放办法》, 国办发〔2018〕81
// 号). 83 is no GB/T 2260 province, so it is known only as this one code.
const char* residence_permit_holder(std::string_view code6) {
  if (code6 == "810000") return "香港居民";
  if (code6 == "820000") return "澳门居民";
  if (code6 == "830000") return "台湾居民";
  return nullptr;
}

// The 2023 外国人永久居留身份证 (issued from 1 December 2023). Layout, from the 国家移民管理局
// notes for adapting systems (《新版外国人永久居留身份证适配性改造要点》 and 《…机读信息规则（2023
// 版）》, reproduced e.g. at eastcoms.com/service/pro/840.html, 2023-10-20): the number follows the
// 公民身份号码 standard, 18 characters (17 digits + a MOD 11-2 check character computed as for
// citizens); the first digit 9 marks a foreigner (citizens' numbers begin 1-8); the old card's
// 3-letter country code becomes a 3-digit numeric one. Its published example 932682198501010017
// (issued in 江苏省 32, nationality 682 Saudi Arabia, born 1985-01-01, male) fixes the positions:
//   1: 9 | 2-3: issuing province (GB/T 2260) | 4-6: nationality (ISO 3166-1 numeric) |
//   7-14: birth date | 15-17: sequence, odd for men as in GB 11643 | 18: check character.
// The issuing province is the exit-entry administration of a mainland province-level division,
// so it must be a current province code other than 71 (台湾), 81 and 82 (香港, 澳门).
std::optional<AreaInfo> foreigner_issuing_province(std::string_view s18) {
  if (s18.size() != 18 || s18[0] != '9') return std::nullopt;
  const std::string code2(s18.substr(1, 2));
  if (code2 == "71" || code2 == "81" || code2 == "82") return std::nullopt;
  auto p = find_address_code(code2 + "0000");
  if (!p || p->level != AreaLevel::kProvince || !p->current) return std::nullopt;
  return p;
}

}  // namespace

const char* sex_label(Sex s) { return s == Sex::kMale ? "男" : "女"; }

// Length of the well-formed UTF-8 sequence at in[i], or 0 when the byte there starts none.
size_t utf8_length(std::string_view in, size_t i) {
  const auto c = static_cast<unsigned char>(in[i]);
  const size_t n = c < 0x80           ? 1
                   : (c >> 5) == 0x6  ? 2
                   : (c >> 4) == 0xE  ? 3
                   : (c >> 3) == 0x1E ? 4
                                      : 0;
  if (n == 0 || i + n > in.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(in[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

std::string normalize_id_form(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    const size_t n = utf8_length(in, i);
    if (n == 0) {
      // A byte that is not text becomes '?': it keeps the number invalid (and the output no
      // longer than the input) instead of vanishing and letting garbage pass as a number.
      out.push_back('?');
      ++i;
      continue;
    }
    const std::string_view cp = in.substr(i, n);
    i += n;
    if (cp == " " || cp == "\t" || cp == "\r" || cp == "\n" || cp == "\xC2\xA0" ||
        cp == "\xE3\x80\x80") {
      continue;  // spaces, incl. no-break and ideographic
    }
    if ((cp == "'" || cp == "\xEF\xBC\x87") && out.empty()) continue;  // Excel's text prefix
    if (n == 3 && cp[0] == '\xEF' && cp[1] == '\xBC' && static_cast<unsigned char>(cp[2]) >= 0x90 &&
        static_cast<unsigned char>(cp[2]) <= 0x99) {
      out.push_back(static_cast<char>('0' + (static_cast<unsigned char>(cp[2]) - 0x90)));  // ０-９
    } else if (cp == "\xEF\xBC\xB8" || cp == "\xEF\xBD\x98" || cp == "x") {  // Ｘ ｘ x
      out.push_back('X');
    } else {
      out.append(cp);
    }
  }
  // Excel text formula ="410308…" as some systems export it; unwrapped until none is left, so a
  // second normalisation changes nothing.
  while (out.size() >= 3 && out.compare(0, 2, "=\"") == 0 && out.back() == '"')
    out = out.substr(2, out.size() - 3);
  return out;
}

char id_check_char(std::string_view first17) {
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  if (first17.size() != 17 || !all_digits(first17)) return '\0';
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

IdNumber parse_id_number(std::string_view input, const Date& today) {
  IdNumber r;
  r.input = std::string(input);
  std::string s = normalize_id_form(input);
  r.normalized = s;
  auto error = [&](std::string code, std::string msg) {
    r.errors.push_back({std::move(code), std::move(msg)});
  };

  if (s.empty()) {
    error("id_empty", "身份证号为空：请补录公民身份号码；确无号码的，请在备注中说明原因");
    return r;
  }
  if (looks_like_excel_scientific(s)) {
    error("id_excel_number",
          "身份证号被 Excel 存成了数字（" + s +
              "），后几位已丢失：请把该列设为“文本”格式，再从户口簿或原始资料重新录入");
    return r;
  }
  const bool fifteen = s.size() == 15 && all_digits(s);
  if (fifteen) {
    // Old numbers: YYMMDD birth date, no check character. Everyone holding one was born in the
    // 1900s (they were replaced from 1999 on).
    std::string body = s.substr(0, 6) + "19" + s.substr(6);
    s = body + id_check_char(body);
    r.normalized = s;
    r.warnings.push_back(
        {"id_15_digit", "15 位旧身份证号，已按国家标准升为 18 位 " + s + "，请核对后更新"});
  } else if (s.size() != 18) {
    error("id_length",
          format("身份证号应为 18 位，实际为 %zu 位（%s）：请对照户口簿核对是否多录或漏录",
                 s.size(), s.c_str()));
    return r;
  }
  if (!all_digits(std::string_view(s).substr(0, 17)) || !(is_digit(s[17]) || s[17] == 'X')) {
    error("id_bad_chars", "身份证号只能由数字组成，最后一位可以是 X（" + s + "）：请去掉其他字符");
    return r;
  }

  r.area_code = s.substr(0, 6);
  if (auto issuer = fifteen ? std::optional<AreaInfo>() : foreigner_issuing_province(s)) {
    r.foreign_permanent_resident = true;
    r.nationality_code = s.substr(3, 3);
    r.area_name = "外国人永久居留身份证（" + issuer->province + "签发）";
  } else if (const char* holder = residence_permit_holder(r.area_code)) {
    r.area_name = std::string("港澳台居民居住证（") + holder + "）";
  } else if (auto area = find_address_code(r.area_code)) {
    r.area_name = area->full_name();
    if (!area->current) r.area_last_seen = area->last_seen;
  } else if (!is_known_province(s.substr(0, 2))) {
    // No province ever had this code: the number cannot have been issued (a mistyped first digit,
    // or another document's number in the ID column).
    error("id_province_unknown",
          s[0] == '9' && !fifteen
              ? "身份证号前两位 " + s.substr(0, 2) +
                    " 不是省级行政区划代码，号码无效；外国人永久居留身份证号码以 9 开头，"
                    "第 2–3 位是签发地的省级代码，这里的 " +
                    s.substr(1, 2) + " 不是：请对照证件核对"
              : "身份证号前两位 " + s.substr(0, 2) +
                    " 不是省级行政区划代码，号码无效：请对照户口簿或证件核对前几位");
  } else {
    r.warnings.push_back(
        {"id_area_unknown",
         "地区码 " + r.area_code +
             " 不在 1980 年以来的行政区划代码中：请核对前 6 位；号码的其余部分无误时仍可使用"});
  }

  const int y = std::stoi(s.substr(6, 4)), m = std::stoi(s.substr(10, 2)),
            d = std::stoi(s.substr(12, 2));
  if (!Date::is_valid(y, m, d) || y < 1900) {
    error("id_birth_date", "身份证号中的出生日期 " + s.substr(6, 8) + " 不存在：请核对第 7–14 位");
  } else if (Date{y, m, d} > today) {
    error("id_birth_future",
          "身份证号中的出生日期 " + s.substr(6, 8) + " 晚于今天：请核对第 7–14 位");
  } else {
    r.birth_date = Date{y, m, d};
  }
  r.sex = ((s[16] - '0') % 2 == 1) ? Sex::kMale : Sex::kFemale;

  const char expected = id_check_char(std::string_view(s).substr(0, 17));
  if (expected != s[17]) {
    error("id_checksum",
          format("校验位应为 %c，实际为 "
                 "%c：号码中有录错的数字（常见为一位错或相邻两位颠倒），请对照%s核对",
                 expected, s[17], r.foreign_permanent_resident ? "永居证" : "户口簿"));
  }
  r.valid = r.errors.empty();
  return r;
}

std::string canonical_id_number(std::string_view input) {
  IdNumber r = parse_id_number(input);
  return r.valid ? r.normalized : std::string();
}

std::string mask_id_number(std::string_view id) {
  if (id.size() >= 15)
    return std::string(id.substr(0, 6)) + std::string(id.size() - 10, '*') +
           std::string(id.substr(id.size() - 4));
  if (id.size() <= 2) return std::string(id.size(), '*');
  return std::string(1, id.front()) + std::string(id.size() - 2, '*') + id.back();
}

std::string mask_phone_number(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone);
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

}  // namespace baoxue::core
