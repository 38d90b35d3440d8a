#include "core/labels.h"

namespace baoxue::embedded {
extern const std::string_view labels_tsv;
}

namespace baoxue::core {

const std::vector<Code>& labels() {
  static const std::vector<Code> kLabels = [] {
    auto parsed = parse_code_tables(embedded::labels_tsv);
    return parsed ? parsed.value() : std::vector<Code>{};
  }();
  return kLabels;
}

const Code* find_label(std::string_view table, std::string_view code) {
  for (const Code& c : labels())
    if (c.table == table && c.code == code) return &c;
  return nullptr;
}

std::string label_zh(std::string_view table, std::string_view code) {
  const Code* c = find_label(table, code);
  return c ? c->label_zh : std::string(code);
}

std::vector<std::string> label_codes(std::string_view table) {
  std::vector<std::string> out;
  for (const Code& c : labels())
    if (c.table == table) out.push_back(c.code);
  return out;
}

std::string class_label(long long grade, long long number) {
  static const char* const kGrades[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  const std::string g = grade >= 1 && grade <= 9 ? std::string(kGrades[grade - 1]) + "年级"
                                                 : std::to_string(grade) + "年级";
  return g + "(" + std::to_string(number) + ")班";
}

}  // namespace baoxue::core
