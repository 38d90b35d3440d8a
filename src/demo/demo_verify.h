// `baoxue demo-verify`: the demo county's verification done, as the seed 004 district did it —
// every child the census left suspected is dispatched to where he lives, found by the village or
// township to be what the demo's truth says he is (A–M, with the truth's note), and approved by
// the county, through the same workflow a user goes through, on the days passed in. So the
// verification summary reads like 004's: most suspected children are not out of school (in school
// with or without 学籍 here or elsewhere, household-registry reasons, deferral, abroad, over-age),
// a few are (illness, disability, …). Entries of the rules that watch enrolled pupils (考勤,
// 转学未确认, 学籍名单消失) and those already dispatched are left to the users.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::demo {

struct DemoVerifyResult {
  long verified = 0;                        // approved with a category
  std::map<std::string, long> by_category;  // A–M → count
  long left = 0;                            // open entries left to the users
};

// `seed` and `school_year`: those the demo county was built with (the truth is rebuilt from them).
Result<DemoVerifyResult> verify_by_truth(store::Database& db, const std::string& county,
                                         const Date& as_of, uint64_t seed, int school_year);

}  // namespace baoxue::demo
