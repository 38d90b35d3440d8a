// The census's records: match runs, their decisions, the school-age children ledger
// (适龄儿童台账) each run builds, and the suspected ledger (疑似失学辍学台账) whose entries live
// across runs until a person closes them. The rules that decide what goes in are in
// src/ledger; this file only reads and writes.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct MatchRun {
  long long id = 0;
  std::string as_of, started_at, finished_at, started_by;
  long hukou_records = 0, village_records = 0, xueji_records = 0, present_records = 0;
  long children = 0, in_band = 0;  // ledger rows, and those of them inside the compulsory band
  long enrolled = 0, probable = 0, suspected = 0, out_of_band = 0;  // 户籍 × 学籍
  long not_present = 0;        // 学籍 × 在校: on the roll, not on the school's present list
  long poverty_suspected = 0;  // suspected or not present, and on a poverty-household list
  long entries_opened = 0, entries_still_open = 0, entries_not_reopened = 0;
};

// Assigns run.id.
Status insert_match_run(Database& db, const std::string& county, MatchRun& run);
Result<std::optional<MatchRun>> latest_match_run(Database& db, const std::string& county);
// The county's runs, newest first.
Result<std::vector<MatchRun>> match_runs(Database& db, const std::string& county, int limit);

struct DecisionRow {
  long long id = 0;
  std::string comparison;  // hukou_xueji | xueji_present | village_hukou | group
  long long record_id = 0;
  std::optional<long long> candidate_record_id;
  std::string decision;  // enrolled | probable | suspected | out_of_band
  double score = 0;
  std::string reason;
  std::string evidence;  // JSON array of {field, outcome, weight}; empty for an ID-number match
};
Status insert_decisions(Database& db, const std::string& county, long long run_id,
                        std::vector<DecisionRow>& rows);
// The run's decisions of one comparison, by record id.
Result<std::vector<DecisionRow>> run_decisions(Database& db, const std::string& county,
                                               long long run_id, const std::string& comparison);

// A decision with the rows it names as a clerk finds them: data rows numbered from 1 under the
// header of the file each record last came from (0 when unknown).
struct DecisionInFile {
  DecisionRow decision;
  long record_row = 0;
  long candidate_row = 0;
};
Result<std::vector<DecisionInFile>> run_decisions_in_files(Database& db, const std::string& county,
                                                           long long run_id,
                                                           const std::string& comparison);

struct LedgerChild {
  long long id = 0;
  std::string child_key;    // "id:<ID number>" or "<list kind>:<record key>"
  long long record_id = 0;  // the household, village or (pupils from elsewhere) student record
  std::string name, sex, birth_date, id_number, township, village, guardian_name;
  std::string township_code, village_code;  // where he lives, resolved from the names; may be empty
  std::string status;                       // enrolled | probable | suspected | out_of_band
  bool in_band = false;
  std::optional<long long> expected_grade;
  std::optional<long long> xueji_record_id;
  std::string school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string on_lists;    // "hukou,xueji,village,group:poverty_alleviated"
  std::string key_groups;  // "poverty_alleviated,left_behind"
  bool poverty = false;
  // What is known of him today (ledger::standing_of): in_school | probable | verified | pending |
  // dropout | out_of_band, the verification category behind verified and dropout, and the
  // entries it rests on. Kept current on the latest run's rows as verification goes on.
  std::string standing, category;
  std::optional<long long> entry_id, dropout_id;
  long long standing_seq = 0;  // when it last changed (0: as the census wrote it)
  std::string search_name;     // text::name_key(name), set by insert_ledger_children
};
Status insert_ledger_children(Database& db, const std::string& county, long long run_id,
                              std::vector<LedgerChild>& rows);
// `status` empty: all. In record order. With a scope, only the rows inside it.
Result<std::vector<LedgerChild>> ledger_children(Database& db, const std::string& county,
                                                 long long run_id, const std::string& status = "",
                                                 const core::Scope* scope = nullptr);

struct SuspectedEntry {
  long long id = 0;
  std::string child_key, comparison, reason_code, reason, evidence, basis;
  long long record_id = 0;
  std::optional<long long> candidate_record_id;
  std::string name, sex, birth_date, id_number, student_no, township, village, address;
  std::string township_code, village_code;
  std::string guardian_name, guardian_phone, school_code, school_name;
  std::optional<long long> grade, class_number;
  bool poverty = false;
  std::string key_groups;
  std::string status = "open";  // open | closed
  long long opened_run_id = 0;
  std::string opened_at;
  long long last_seen_run_id = 0;
  std::optional<long long> in_school_run_id;  // a later run found the child in school
  std::optional<long long> previous_entry_id;
  std::string reopen_reason;
  std::string closed_at, closed_by, close_category, close_note;
};

// Assigns entry.id. The database refuses a second open entry for the same child.
Status insert_suspected_entry(Database& db, const std::string& county, SuspectedEntry& entry);
// Entries of the county: `status` empty = all; by id.
Result<std::vector<SuspectedEntry>> suspected_entries(Database& db, const std::string& county,
                                                      const std::string& status = "",
                                                      const core::Scope* scope = nullptr);
// Each child's most recent entry, open or closed: what a new run compares against.
Result<std::vector<SuspectedEntry>> latest_entry_per_child(Database& db, const std::string& county);
// A run saw these open entries' children suspected again.
Status mark_seen(Database& db, const std::string& county, long long run_id,
                 const std::vector<long long>& entry_ids);
// A run found these entries' children in school (first such run only).
Status mark_in_school(Database& db, const std::string& county, long long run_id,
                      const std::vector<long long>& entry_ids);
// ---- Searching the ledgers (the web's lists): filtered, scoped, paged. ----

struct ChildQuery {
  std::string q;  // the start of a name, an ID number, or its last four or more characters
  std::string township_code, village_code, school_code;
  std::string status;    // the run's finding (match_status), "" = any
  std::string standing;  // "" = any
  std::string key_group;
  std::string band = "in";  // in: the compulsory age band | out | all
  Sort sort;
};
// The fields a children list sorts by: name, birth_date, township, village, school, grade,
// standing.
const std::vector<std::string>& child_sort_fields();
// How the ledgers read what was typed in the search box: one rule for the SQL and for the
// server's in-memory ledger (ledger::RunLedger). ID-like text comes back with a capital X, as
// ID numbers are stored; a name comes back as its text::name_key (compared with search_name).
struct ChildSearch {
  enum Kind { kNone, kIdNumber, kIdTail, kName } kind = kNone;
  std::string text;
};
ChildSearch child_search(const std::string& typed);
// Adds the search box's condition to `where`, for a table with name/search_name/id_number
// columns under alias prefix `p` ("e." or "").
void add_search(Database& db, Where& where, const std::string& typed, const std::string& p = "");
// The search box on a record that keeps a copy of the pupil's name and his child key (home visits,
// support pairs) under `alias`: an ID number or its tail against the key, else the start of the
// name.
void add_copied_child_search(Where& where, const std::string& typed, const std::string& alias);
Result<Paged<LedgerChild>> find_children(Database& db, const std::string& county, long long run_id,
                                         const ChildQuery& query, const core::Scope& scope,
                                         const Page& page);
// Every row the query selects, in the list's order, one at a time (exports: bounded memory).
Status for_each_child(Database& db, const std::string& county, long long run_id,
                      const ChildQuery& query, const core::Scope& scope,
                      const std::function<Status(const LedgerChild&)>& fn);
// Sets a child's standing on a run's rows (the latest run's, as verification changes it) and
// gives the change the next standing_seq.
Status set_standing(Database& db, const std::string& county, long long run_id,
                    const std::string& child_key, const std::string& standing,
                    const std::string& category, std::optional<long long> entry_id,
                    std::optional<long long> dropout_id);
// The run's finding (status) for a child, or none when he is not on that run's ledger.
Result<std::optional<std::string>> match_status_of(Database& db, const std::string& county,
                                                   long long run_id, const std::string& child_key);
// A run's rows whose standing changed after `after_seq`, in seq order (what a server holding
// the ledger in memory reads to stay current).
Result<std::vector<LedgerChild>> standing_changes(Database& db, const std::string& county,
                                                  long long run_id, long long after_seq);
// The run's row of the pupil whose 学籍 record this is (matched to a household record, or a pupil
// from elsewhere), or none. No scope: for the rules, not for showing.
Result<std::optional<LedgerChild>> child_by_registry_record(Database& db, const std::string& county,
                                                            long long run_id, long long record_id);
// The bases of the county's suspected entries of one comparison, open or closed: what a rule
// that opens an entry once per fact checks before opening another.
Result<std::set<std::string>> entry_bases(Database& db, const std::string& county,
                                          const std::string& comparison);
// Empty when there is no such row or it lies outside the scope (the caller answers 404 alike).
Result<std::optional<LedgerChild>> child_by_id(Database& db, const std::string& county,
                                               long long id, const core::Scope& scope);

struct EntryQuery {
  std::string status;  // open | closed | "" (all)
  std::string township_code, village_code, school_code, q;
  // undispatched | assigned | submitted | returned | approved | overdue | "" (any)
  std::string task;
  std::string today;  // YYYY-MM-DD, for overdue
  std::string child_key;
  Sort sort;
};
// The fields the suspected list sorts by: name, birth_date, township, village, school,
// opened_at, deadline (of the entry's active task).
const std::vector<std::string>& entry_sort_fields();
// An entry is visible when the child lives or studies inside the scope, or when one of its
// verification tasks was sent inside it (a school checking a child who lives elsewhere).
Result<Paged<SuspectedEntry>> find_suspected_entries(Database& db, const std::string& county,
                                                     const EntryQuery& query,
                                                     const core::Scope& scope, const Page& page);
Status for_each_suspected_entry(Database& db, const std::string& county, const EntryQuery& query,
                                const core::Scope& scope,
                                const std::function<Status(const SuspectedEntry&)>& fn);
// The child's most recent entry, or none.
Result<std::optional<SuspectedEntry>> latest_entry_of_child(Database& db, const std::string& county,
                                                            const std::string& child_key);
// A child's entries in brief (what his detail page lists), visible as above, oldest first. One
// small query: the detail view is among the most requested pages.
struct EntryBrief {
  long long id = 0;
  std::string status, reason;
  std::string category, opened_at, closed_at;  // category and closing: once closed
};
Result<std::vector<EntryBrief>> entries_of_child(Database& db, const std::string& county,
                                                 const std::string& child_key,
                                                 const core::Scope& scope);
Result<std::optional<SuspectedEntry>> suspected_entry_by_id(Database& db, const std::string& county,
                                                            long long id, const core::Scope& scope);
// The SQL condition behind that rule, for entries aliased `alias`.
std::string entry_visible(const core::Scope& scope, const std::string& alias);

// Closes an open entry (销号 of a suspicion) with a verification category and a note. Errors:
// entry_not_found, entry_not_open.
Status close_suspected_entry(Database& db, const std::string& county, long long entry_id,
                             const std::string& category, const std::string& note,
                             const std::string& by);

}  // namespace baoxue::store
