// Persons (children) and their guardians. A person is one real child; the lists that mention
// him (户籍, 学籍, village and key-group lists) link to him, they are not him.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct Guardian {
  long long id = 0;
  std::string name;
  std::string relation;  // 父亲, 母亲, 祖父母, …
  std::string phone;
};

struct Person {
  long long id = 0;  // assigned on insert
  std::string name;
  std::string id_number;   // normalised 18 characters, or empty when unknown
  std::string birth_date;  // YYYY-MM-DD, or empty
  std::string sex;         // 男 | 女 | empty
  std::string ethnicity;
  std::string residence_village;  // 12-digit code of the village he lives in
  std::string hukou_address;
  bool hukou_local = true;  // household registered in this county
  std::vector<Guardian> guardians;
  // Matching keys, derived from `name` on insert (text::name_key, text::pinyin_key): stored so
  // that blocking queries can use an index, never set by callers.
  std::string name_key;
  std::string pinyin_key;
};

// Assigns ids to the persons and their guardians.
Status insert_persons(Database& db, const std::string& county, std::vector<Person>& persons);
Result<std::optional<Person>> find_person(Database& db, const std::string& county, long long id);
Result<std::vector<Person>> find_persons_by_id_number(Database& db, const std::string& county,
                                                      const std::string& id_number);

}  // namespace baoxue::store
