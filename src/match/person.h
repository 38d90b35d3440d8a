// The cross-matching engine's view of one list row: the household registry (户籍) and the
// student registry (学籍) rows, normalised by ingest, reduced to what identifies a child.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"

namespace baoxue::match {

struct Person {
  long row = 0;      // the row's number in its list (file mode: data rows from 1 under the header)
  std::string name;  // normalised display form (text::normalize_name)
  std::string name_key;    // text::name_key
  std::string pinyin_key;  // text::pinyin_key
  std::string id_number;   // normalised; may be invalid (a typo is still evidence)
  bool id_valid = false;
  std::optional<Date> birth;
  std::string sex;         // 男 | 女 | empty
  std::string student_no;  // 学籍号 (G/J/L…), student registry only
  std::string guardian_name;
  std::string township;  // as written
  std::string village;   // as written
};

}  // namespace baoxue::match
