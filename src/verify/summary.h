// The verification summary in the form counties report it: "疑似 439 人：非失学辍学 432 人（在校
// 就读有学籍（本省）297 人，…）；失学辍学 7 人（因病 3 人，因残 4 人）", for the whole scope and
// for each township, village or school.
#pragma once

#include <string>
#include <vector>

#include "core/code_tables.h"
#include "store/verification_repository.h"

namespace baoxue::verify {

struct CategoryTotal {
  std::string code, label;
  long long count = 0;
};

// The level a summary is broken down by.
enum class Level { kTownship, kVillage, kSchool };

struct Summary {
  std::string place_code;  // empty: the whole scope
  long long suspected = 0, pending = 0;
  long long not_out_of_school = 0, out_of_school = 0;
  std::vector<CategoryTotal> not_out_by_category, out_by_category;  // categories with a count
  std::string text;
};

// `place_code` empty: everything in `outcomes`; otherwise the entries of that place at `level`.
Summary summarize(const std::vector<store::CategoryCount>& outcomes,
                  const std::vector<core::Code>& categories, Level level,
                  const std::string& place_code);
// The places at `level` that appear in `outcomes`, in code order ("" last when present).
std::vector<std::string> places_of(const std::vector<store::CategoryCount>& outcomes, Level level);

}  // namespace baoxue::verify
