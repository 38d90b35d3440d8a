#include "core/student_no.h"

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
  if (s.size() != 19) {
    return make_error("student_no_length", "学籍号 " + s + " 应为 19 位（字母加 18 位），实际为 " +
                                               std::to_string(s.size()) + " 位");
  }
  StudentNo r{prefix == 'G' ? StudentNoKind::kG
                            : (prefix == 'J' ? StudentNoKind::kJ : StudentNoKind::kL),
              std::string(1, prefix) + s.substr(1), {}};
  if (r.kind == StudentNoKind::kG) {
    IdNumber id = parse_id_number(s.substr(1));
    if (id.valid) r.id_number = id.normalized;
  }
  return r;
}

}  // namespace baoxue::core
