// 全国学籍号 (student registry number). Three kinds, and only one links to a person's ID:
//   G + 18-character ID number — official, the ID is the person's;
//   J + 18 characters — official, for students without a usable ID number;
//   L + 18 characters — temporary, shaped like an ID but NOT linked to the person.
// Treating an L number as an ID would match a child to a stranger, so id_number is set for G only.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baoxue::core {

enum class StudentNoKind { kG, kJ, kL };

struct StudentNo {
  StudentNoKind kind;
  std::string normalized;  // upper-case prefix + 18 characters
  std::string id_number;   // the linked ID number (G only, and only when it validates); else empty
};

Result<StudentNo> parse_student_no(std::string_view input);

}  // namespace baoxue::core
