// The verification summary in the form counties report it: "疑似 439 人：非失学辍学 432 人（在校
// 就读有学籍（本省）297 人，…）；失学辍学 7 人（因病 3 人，因残 4 人）", for the county and each
// township.
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

struct Summary {
  std::string township_code;  // empty: the whole scope
  long long suspected = 0, pending = 0;
  long long not_out_of_school = 0, out_of_school = 0;
  std::vector<CategoryTotal> not_out_by_category, out_by_category;  // categories with a count
  std::string text;
};

// `township_code` empty: everything in `outcomes`; otherwise that township only.
Summary summarize(const std::vector<store::CategoryCount>& outcomes,
                  const std::vector<core::Code>& categories, const std::string& township_code);
// The townships that appear in `outcomes`, in code order ("" last when present).
std::vector<std::string> townships_of(const std::vector<store::CategoryCount>& outcomes);

}  // namespace baoxue::verify
