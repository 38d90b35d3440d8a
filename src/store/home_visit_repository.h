// 家访登记: teachers' (and cadres') visits to any pupil's home, not only a dropout's, and which
// pupils of the key groups (留守, 困境, 残疾, 脱贫户, …) a term's visits reached. Append-only: a
// correction is a new row naming the one it corrects, which then no longer counts. The pupil's
// place is copied onto the visit and scopes it like a ledger row.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct HomeVisit {
  long long id = 0;
  std::string child_key, name;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string key_groups;  // the pupil's, as the latest ledger had them on the day
  std::string visit_date;
  std::string method;  // home | phone | joint (labels table visit_method)
  std::string visitors, met, content, follow_up;
  std::optional<long long> corrects_id;
  std::string recorded_by, recorded_at;
  bool corrected = false;  // read only: a later row corrects this one
};

// Assigns id (and recorded_at when empty).
Status insert_visit(Database& db, const std::string& county, HomeVisit& v);

struct VisitQuery {
  std::string township_code, village_code, school_code;
  std::string q;  // the start of a name, or an ID-number tail (matched on the child key)
  std::string method, key_group;
  std::string from, to;  // visit_date range, both included; "" open
  std::string child_key;
  bool with_corrected = false;  // also rows a later row corrects
};
// Visits inside the scope, newest first, one page, and how many the query selects.
Result<Paged<HomeVisit>> find_visits(Database& db, const std::string& county, const VisitQuery& q,
                                     const core::Scope& scope, const Page& page);
// Empty when there is no such visit or it lies outside the scope.
Result<std::optional<HomeVisit>> visit_by_id(Database& db, const std::string& county, long long id,
                                             const core::Scope& scope);

// A pupil of a key group on the latest census ledger, with the visits (counted rows, any
// visitor) he had from `from` to `to`.
struct KeyGroupPupil {
  long long ledger_id = 0;
  std::string child_key, name, sex, school_code, school_name, key_groups;
  std::optional<long long> grade, class_number;
  long visits = 0;
  std::string last_visit;  // "" when none
};
// The latest run's pupils (children with a school) who belong to at least one key group,
// inside the scope, of `township_code` (where they live) and `school_code` when given, by school,
// grade, class and name.
Result<std::vector<KeyGroupPupil>> key_group_pupils(Database& db, const std::string& county,
                                                    const core::Scope& scope,
                                                    const std::string& township_code,
                                                    const std::string& school_code,
                                                    const std::string& from, const std::string& to);

}  // namespace baoxue::store
