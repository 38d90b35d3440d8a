// A province's county-level figures at once: the same indicators as compute() gives a county unit
// — start, transfers in and out, normal losses, expected, end, retention, unexplained, dropouts —
// counted in the database (store/province_counts.h), so that 100 counties and 10 million pupils
// are not read into memory. The registry statuses and movement kinds are the default code
// tables' (a province reads every county alike). A specification holds each county's figures
// equal to compute()'s.
#pragma once

#include <vector>

#include "indicators/indicators.h"

namespace baoxue::indicators {

Result<std::vector<Figures>> county_figures(store::Database& db, const Date& from, const Date& to);

}  // namespace baoxue::indicators
