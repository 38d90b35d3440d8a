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

}  // namespace baoxue::core
