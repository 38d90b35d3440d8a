// The product's own vocabulary (data/labels.tsv): what each state, standing, list kind and audit
// action is called in Chinese and English. Users see these names, never the codes; the web app
// gets the whole table from GET /api/meta, exports and audit texts use the Chinese names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/code_tables.h"

namespace baoxue::core {

// Every label, in file order (parsed once from the copy compiled into the binary).
const std::vector<Code>& labels();
// The label of `code` in `table`, or null.
const Code* find_label(std::string_view table, std::string_view code);
// The Chinese name of `code`; the code itself when the table does not name it (a county's own
// code, say), so nothing shown is ever blank for a value that is there.
std::string label_zh(std::string_view table, std::string_view code);
// The codes of one table, in file order.
std::vector<std::string> label_codes(std::string_view table);

// "七年级(3)班": a class as schools name it (grade 1–9, class number in the grade).
std::string class_label(long long grade, long long number);

}  // namespace baoxue::core
