// Who was on the student registry (学籍), where, on any date. Each 学籍 import carries the date its
// list describes; a record's stay in one state (school, grade, class, status) is a spell from the
// list date that first showed it to the list date of the batch that changed or retired it. A
// spell [from_date, to_date) holds on D when from_date <= D < to_date (an open spell: to_date
// empty). Spells are written by the import, never by a reader, so a report of a past month reads
// the lists as they stood then.
#pragma once

#include <functional>
#include <string>

#include "store/database.h"

namespace baoxue::store {

// After a 学籍 batch dated `list_date` was merged (and, for a whole list, its absent records
// retired): the spells of records it retired or whose school, grade, class or status it changed
// end on `list_date`; every record it names without an open spell opens one from `list_date`.
Status record_spells(Database& db, const std::string& county, long long list_id, long long batch_id,
                     const std::string& list_date);

// The latest list date among the list's batches; "" when it has none.
Result<std::string> latest_list_date(Database& db, const std::string& county, long long list_id);

struct Spell {
  long long record_id = 0;
  std::string record_key;
  std::string name, student_no, id_number;  // as the list had them
  std::string school_code, school_name;
  int grade = 0, class_number = 0;  // 0: not given
  std::string status;               // as the list wrote it (code or Chinese label); "" = not given
  std::string from_date, to_date;   // to_date "" while open
  bool holds_on(const std::string& day) const {
    return from_date <= day && (to_date.empty() || day < to_date);
  }
};

// Every spell that holds on some day of [from, to] (ISO dates), one at a time, in no particular
// order (f may move from the spell it is given).
// Without `names`, name, student_no, id_number and record_key are left empty, and school_name
// is given only when school_code is missing (a roll-up counts; only a detailed answer names the
// children).
Status for_each_spell(Database& db, const std::string& county, const std::string& from,
                      const std::string& to, const std::function<void(Spell&)>& f,
                      bool names = true);

// The spells that ended because their record left the list (a whole list no longer named it) and
// has not come back: the pupil's last state before he left, to_date the list date that left him
// out.
Status for_each_departure(Database& db, const std::string& county,
                          const std::function<void(Spell&)>& f);

}  // namespace baoxue::store
