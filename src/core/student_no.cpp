#include "core/student_no.h"

#include <algorithm>

#include "core/id_number.h"

namespace baoxue::core {

Result<StudentNo> parse_student_no(std::string_view input) {
  const std::string s = normalize_id_form(input);  // same form rules: spaces, full width, x→X
  if (s.empty()) return make_error("student_no_empty", "学籍号为空");
  char prefix = s[0];
  if (prefix >= 'a' && prefix <= 'z') prefix = static_cast<char>(prefix - 'a' + 'A');
  if (prefix != 'G' && prefix != 'J' && prefix != 'L') {
    return make_error("student_no_prefix",
                      "学籍号 " + s + " 应以 G、J 或 L 开头：请从全国学籍系统导出的原始号码复制");
  }
  // Counted after the prefix, in characters that may appear there: ASCII digits and capitals.
  // A byte count would let "G＇" plus a 15-digit number through and link it to a made-up ID.
  const std::string body = s.substr(1);
  const bool plain = std::all_of(body.begin(), body.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  });
  if (!plain || body.size() != 18) {
    return make_error(
        "student_no_length",
        "学籍号 " + s + " 应为一个字母加 18 位数字或大写字母：请从全国学籍系统导出的原始号码复制");
  }
  StudentNo r{
      prefix == 'G' ? StudentNoKind::kG : (prefix == 'J' ? StudentNoKind::kJ : StudentNoKind::kL),
      std::string(1, prefix) + body,
      {}};
  if (r.kind == StudentNoKind::kG) {
    IdNumber id = parse_id_number(body);
    if (id.valid) r.id_number = id.normalized;
  }
  return r;
}

}  // namespace baoxue::core
