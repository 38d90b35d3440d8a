// The fields that say which child a list row names — name and its keys, ID number, birth date,
// sex, 学籍号 — read from the row's cells. The one place these rules live: import (RowChecker,
// which stores them) and file-mode matching (which reads a million rows and keeps only these)
// both call read_identity, so a child is the same child on both paths.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "ingest/fields.h"

namespace baoxue::ingest {

// The cells, trimmed (trim_view), empty when the list has no such column.
struct IdentityCells {
  std::string_view name;
  std::string_view id_number;
  std::string_view student_no;
  std::string_view birth_date;
  std::string_view sex;
};

struct Identity {
  std::string name;        // text::normalize_name
  std::string name_key;    // text::name_key of name
  std::string pinyin_key;  // text::pinyin_key of name
  std::string id_number;   // normalised; set when the row has an ID or a G 学籍号, valid or not
  bool id_valid = false;
  std::optional<Date> birth;  // from a valid ID number, else from the birth-date cell
  std::string sex;            // 男 | 女 | empty; a valid ID number decides
  std::string student_no;     // normalised when it parses, else as written
};

// What read_identity found wrong, in the order it found it. `value` is the cell as written.
class IdentityProblems {
 public:
  virtual ~IdentityProblems() = default;
  virtual void error(Field f, std::string_view value, const std::string& code,
                     const std::string& message) = 0;
  virtual void warning(Field f, std::string_view value, const std::string& code,
                       const std::string& message) = 0;
};

// Reads the identity of one row. `today` bounds birth dates in ID numbers. `name_required`: an
// empty name is an error (every list but the school list). `problems` may be null when only the
// fields are wanted; the fields do not depend on it.
void read_identity(const IdentityCells& cells, const Date& today, bool name_required, Identity& out,
                   IdentityProblems* problems);

}  // namespace baoxue::ingest
