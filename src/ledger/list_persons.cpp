#include "ledger/list_persons.h"

namespace baoxue::ledger {

match::Person to_person(const store::RecordFields& f, long row) {
  match::Person p;
  p.row = row;
  p.name = f.name;
  p.name_key = f.name_key;
  p.pinyin_key = f.pinyin_key;
  p.id_number = f.id_number;
  p.id_valid = f.id_valid;
  if (!f.birth_date.empty()) p.birth = Date::parse_iso(f.birth_date);
  p.sex = f.sex;
  p.student_no = f.student_no;
  p.guardian_name = f.guardian_name;
  p.township = f.township;
  p.village = f.village;
  return p;
}

Result<ListRows> load_list(store::Database& db, const std::string& county,
                           const store::SourceList& list) {
  auto records = store::list_records(db, county, list.id);
  if (!records) return records.error();
  ListRows out;
  out.list = list;
  out.records = std::move(records.value());
  out.persons.reserve(out.records.size());
  for (std::size_t i = 0; i < out.records.size(); ++i)
    out.persons.push_back(to_person(out.records[i].fields, static_cast<long>(i + 1)));
  return out;
}

}  // namespace baoxue::ledger
