#include "ledger/list_persons.h"

#include "ingest/match_list.h"

namespace baoxue::ledger {

Result<ListRows> load_list(store::Database& db, const std::string& county,
                           const store::SourceList& list) {
  auto records = store::list_records(db, county, list.id);
  if (!records) return records.error();
  ListRows out;
  out.list = list;
  out.records = std::move(records.value());
  out.persons.reserve(out.records.size());
  for (std::size_t i = 0; i < out.records.size(); ++i)
    // The conversion file mode uses, so both paths decide alike.
    out.persons.push_back(ingest::person_from_fields(static_cast<long>(i + 1),
                                                     store::RecordFields(out.records[i].fields)));
  return out;
}

}  // namespace baoxue::ledger
