// The SQL condition that keeps a query inside a user's scope, for tables that place their rows
// by township_code, village_code and school_code (the ledgers). A scope that names no usable
// place sees nothing, never everything.
#pragma once

#include <string>

#include "core/scope.h"

namespace baoxue::store {

// "TRUE"-like for county-wide roles, else e.g. "(t.township_code = '410308100000')". `alias`
// is the table's alias in the query ("" for none).
// Rows of tables without grade and class_number (tasks): `rows_have_class` false, and a teacher
// sees none of them.
std::string scope_condition(const core::Scope& scope, const std::string& alias,
                            bool rows_have_class = true);

}  // namespace baoxue::store
