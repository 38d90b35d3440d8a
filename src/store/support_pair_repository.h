// 结对帮扶 (support pairs, DOMAIN.md §6): a teacher paired with a pupil at risk or left behind, and
// the pair's log of contacts (a weekly record, a monthly talk, a call to the parents each term).
// One active pair per pupil; a pair ends with a note and a new one may then be made. Contacts are
// append-only. The pupil's place is copied onto the pair and scopes it like a ledger row; the
// cadence (which contacts are late) is the rule in cases/support_cadence.h.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct SupportPair {
  long long id = 0;
  std::string child_key, name;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string teacher, teacher_phone, reason;
  std::string since;               // the day the pair began
  std::string ended_on, end_note;  // "" while active
  std::string created_by, created_at;
  std::map<std::string, std::string> last_contact;  // read only: kind → its latest contact's day
};

struct SupportContact {
  long long id = 0, pair_id = 0;
  std::string kind;  // labels table support_contact_kind
  std::string contact_date, content, recorded_by, recorded_at;
};

// Assigns id and created_at. A second active pair for the same pupil is refused (pair_exists,
// naming the teacher he is paired with and since when).
Status insert_pair(Database& db, const std::string& county, SupportPair& pair);
// Ends an active pair on `on`; pair_not_active when it has ended already.
Status end_pair(Database& db, const std::string& county, long long id, const std::string& on,
                const std::string& note);
// Assigns id and recorded_at (append-only: nothing changes or removes a contact). The caller
// checks that the pair is active.
Status insert_contact(Database& db, const std::string& county, SupportContact& contact);

struct PairQuery {
  std::string township_code, school_code;
  std::string teacher;    // exactly as recorded
  std::string q;          // the start of a name, or an ID-number tail (matched on the child key)
  std::string status;     // active | ended | "" (both)
  std::string child_key;  // one pupil's pairs
  // Only active pairs late with at least one kind: kind → the cut-off day (cases::overdue_before)
  // — the later of the pair's start and its last contact of that kind is before it. Empty: no
  // such filter.
  std::map<std::string, std::string> overdue_before;
};
// Pairs inside the scope, by school, class and name (active first), one page, each with its last
// contact of every kind, and how many the query selects.
Result<Paged<SupportPair>> find_pairs(Database& db, const std::string& county, const PairQuery& q,
                                      const core::Scope& scope, const Page& page);
// Every pair the query selects (no paging), with the last contacts: the coverage roll-up.
Result<std::vector<SupportPair>> all_pairs(Database& db, const std::string& county,
                                           const PairQuery& q, const core::Scope& scope);
// Empty when there is no such pair or it lies outside the scope (the caller answers 404 alike).
Result<std::optional<SupportPair>> pair_by_id(Database& db, const std::string& county, long long id,
                                              const core::Scope& scope);
// The pair's log, newest first.
Result<std::vector<SupportContact>> contacts_of(Database& db, const std::string& county,
                                                long long pair_id);
// The child keys with an active pair, anywhere in the county (whether a pupil is paired does not
// depend on who asks).
Result<std::set<std::string>> paired_child_keys(Database& db, const std::string& county);

// A pupil of the latest census ledger, as the coverage of pairs (and who needs one) reads him.
struct LedgerPupil {
  long long ledger_id = 0;
  std::string child_key, name, sex, township_code, village_code, school_code, school_name;
  std::string key_groups;
  std::optional<long long> grade, class_number;
};
// The latest run's pupils (children with a school) inside the scope, of `township_code` and
// `school_code` when given, who belong to one of `key_groups` or are among `child_keys`; by
// school, grade, class and name.
Result<std::vector<LedgerPupil>> ledger_pupils(Database& db, const std::string& county,
                                               const core::Scope& scope,
                                               const std::string& township_code,
                                               const std::string& school_code,
                                               const std::vector<std::string>& key_groups,
                                               const std::set<std::string>& child_keys);

}  // namespace baoxue::store
