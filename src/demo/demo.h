// `baoxue demo`: a deterministic county faithful to the published figures of 孟津区, written to
// the database and, as the bureau receives them, to files (household registry as GBK CSV,
// student registry and key-group lists as xlsx) with realistic noise, plus a truth file that
// says what each list row really is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::demo {

struct DemoOptions {
  uint64_t seed = 20260901;
  int school_year = 2026;  // the autumn term the lists describe
  std::string files_dir;   // empty: database only
};

struct DemoResult {
  std::string county_code;
  long persons = 0, enrollments = 0, memberships = 0, classes = 0, schools = 0;
  std::vector<std::string> files;  // written, in order
};

// Fails (and writes nothing to the database) when the county already exists there.
Result<DemoResult> create_demo(store::Database& db, const DemoOptions& options);

}  // namespace baoxue::demo
