// The demo county's casework of 送教上门 and 家访: plans for the children taught at home (the
// student registry marks them 送教上门) with a term of session logs, and home visits to the
// key-group pupils of the schools of one township. Written through the store and the rules,
// after a census (the plans copy the latest ledger); deterministic for a given as-of day.
#pragma once

#include <string>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::demo {

// One plan per child taught at home for the school year of `as_of`, sessions from its start
// to `as_of`: twice a week, most plans on schedule, a few behind (shorter sessions, weeks
// missed), two term plans with a reduced target that they have reached. Returns the plans
// made; a child who already has a plan this school year keeps it (running twice adds nothing).
Result<long> seed_home_teaching(store::Database& db, const std::string& county, const Date& as_of);

// Home visits this term (from the term start to `as_of`) to about two thirds of the key-group
// pupils of the schools of the township with the most open suspected entries (where the demo
// sign-ins school_a and school_b work), and a correction. Returns the visits written; nothing
// when that township already has visits this term.
Result<long> seed_home_visits(store::Database& db, const std::string& county, const Date& as_of);

}  // namespace baoxue::demo
