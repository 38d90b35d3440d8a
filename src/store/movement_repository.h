// 学籍异动 as stored: a pupil's transfer, suspension, death, … (movement/movement.h says what each
// kind means for the indicators). One movement of a kind per pupil and day; a file sent again
// with a confirmation date filled in updates the movement it names, never adds a second.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct Movement {
  long long id = 0;
  std::string kind;     // code table movement_kind
  std::string subject;  // "sn:" + 学籍号, else "id:" + ID number: how he was named
  std::optional<long long> record_id;  // his 学籍 record, when the registry has him
  std::string name, student_no, id_number;
  std::optional<long long> grade, class_number;
  std::string moved_on;  // YYYY-MM-DD
  std::string from_school_code, from_school_name, from_township_code;
  std::string to_school_code, to_school_name, to_township_code, to_province;
  std::string confirmed_on, confirmed_by;  // the receiving school's confirmation
  std::optional<long long> entry_id;       // the 疑似 entry an unconfirmed transfer opened
  std::optional<long long> batch_id;       // the import it came from (none: entered by hand)
  long row_number = 0;
  std::string note, recorded_at, recorded_by;
};

enum class Saved { kInserted, kUpdated, kUnchanged };
// Inserts the movement, or updates the one of the same subject, kind and day when any of its
// facts differ (the confirmation, the schools, the note). Sets m.id either way.
Result<Saved> save_movement(Database& db, const std::string& county, Movement& m);

struct MovementQuery {
  std::string from, to;            // moved_on within (inclusive); empty = open
  std::vector<std::string> kinds;  // empty = any
  std::string school_code;         // from or to this school
  std::string township_code;       // from or to a school of this township
  bool unconfirmed_only = false;   // no confirmation yet
  bool confirmed_only = false;
  std::string q;  // name prefix, 学籍号 or ID number
  std::optional<long long> record_id;
};
// Visible to a school when it sent or received the pupil, to a township when one of its schools
// did, county-wide to the bureau; a teacher or village sees none.
Result<Paged<Movement>> find_movements(Database& db, const std::string& county,
                                       const MovementQuery& query, const core::Scope& scope,
                                       const Page& page);
// Every movement the query selects, by day (the indicators; no scope: the caller's is applied
// to the figures).
Result<std::vector<Movement>> movements_where(Database& db, const std::string& county,
                                              const MovementQuery& query);
Result<std::optional<Movement>> movement_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope);
Status confirm_movement(Database& db, const std::string& county, long long id,
                        const std::string& day, const std::string& by);
Status set_movement_entry(Database& db, const std::string& county, long long id,
                          long long entry_id);

// A 学籍 record as the movements are matched against: current or retired (a pupil transferred
// out leaves the list, and his movement still names him).
struct RegistryRecord {
  long long id = 0;
  std::string record_key, name, name_key, student_no, id_number, school_code, school_name;
  std::optional<long long> grade, class_number;
  bool current = true;
};
Result<std::vector<RegistryRecord>> registry_records(Database& db, const std::string& county);

}  // namespace baoxue::store
