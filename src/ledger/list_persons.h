// A county's imported list as the matcher sees it: each current record of the list, in record
// order (the order its rows first arrived), beside the match::Person it stands for.
#pragma once

#include <string>
#include <vector>

#include "match/person.h"
#include "store/database.h"
#include "store/import_repository.h"

namespace baoxue::ledger {

// The fields import normalised, reduced to what identifies a child. File-mode matching builds its
// persons from the same fields, so both paths decide alike.
match::Person to_person(const store::RecordFields& f, long row);

struct ListRows {
  store::SourceList list;
  std::vector<store::ListRecord> records;
  std::vector<match::Person> persons;  // persons[i] is records[i]; row = i + 1
};

Result<ListRows> load_list(store::Database& db, const std::string& county,
                           const store::SourceList& list);

}  // namespace baoxue::ledger
