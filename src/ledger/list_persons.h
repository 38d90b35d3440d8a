// A county's imported list as the matcher sees it: each current record of the list, in record
// order (the order its rows first arrived), beside the match::Person it stands for.
#pragma once

#include <string>
#include <vector>

#include "match/person.h"
#include "store/database.h"
#include "store/import_repository.h"

namespace baoxue::ledger {

struct ListRows {
  store::SourceList list;
  std::vector<store::ListRecord> records;
  std::vector<match::Person> persons;  // persons[i] is records[i]; row = i + 1
};

Result<ListRows> load_list(store::Database& db, const std::string& county,
                           const store::SourceList& list);

}  // namespace baoxue::ledger
