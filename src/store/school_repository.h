// Schools with their catchment villages, and the classes inside them.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct School {
  std::string id;  // 学校标识码, 10 digits
  std::string name;
  std::string type;  // code table school_type: primary, junior, nine_year, special, teaching_point
  std::string township_code;
  std::string village_code;  // where it stands; may be empty
  std::string address;
  bool small_scale = false;                     // 乡村小规模学校 (< 100 pupils)
  bool boarding = false;                        // 寄宿制
  std::vector<std::string> catchment_villages;  // 划片招生: villages whose children it serves
};

struct SchoolClass {
  long long id = 0;  // assigned on insert
  std::string school_id;
  int school_year = 0;  // 2026 = the 2026–2027 school year
  int grade = 1;        // 1..9
  int number = 1;       // 1 = (1)班
  std::string name;     // "七年级(1)班"
  std::string head_teacher;
};

Status insert_schools(Database& db, const std::string& county, const std::vector<School>& schools);
Result<std::vector<School>> list_schools(Database& db, const std::string& county);

// Inserts the school, or updates name, type, township and flags of the one with the same id
// (catchments are left as they are).
Status upsert_school(Database& db, const std::string& county, const School& school);

// Assigns ids to the classes.
Status insert_classes(Database& db, const std::string& county, std::vector<SchoolClass>& classes);
Result<std::vector<SchoolClass>> list_classes(Database& db, const std::string& county,
                                              const std::string& school_id);

}  // namespace baoxue::store
