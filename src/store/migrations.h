// Versioned schema. A migration is a list of statements applied in one transaction and recorded
// in schema_migrations; released migrations are never edited, only followed by new ones.
#pragma once

#include <string>
#include <vector>

namespace baoxue::store {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> statements;  // portable SQL: runs unchanged on SQLite and PostgreSQL
};

const std::vector<Migration>& migrations();

}  // namespace baoxue::store
