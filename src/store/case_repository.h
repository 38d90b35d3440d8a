// Persuade-to-return cases (劝返复学档案) and what hangs on them: the responsible people, the
// attempts (劝返记录), state changes, notices and follow-up notes. The rules are in src/cases
// (when a case is late, who may move it); this file only reads and writes. Attempts,
// transitions, notices and notes are append-only: no code path updates or deletes them.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct Case {
  long long id = 0;
  std::string child_key;
  long long dropout_id = 0;  // the child's latest 辍学台账 entry
  // Where the case is worked (its scope): the child's township and village, the responsible
  // school (the receiving school once he is back) and his class there.
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string cause_category, cause_note;
  std::string state, prior_state, end_reason;
  std::string plan_measures, plan_target_date;  // 一人一案
  std::string return_school_code, return_school_name;
  std::optional<long long> return_grade;
  std::string return_class, return_date, follow_up_until, adaptation_plan;
  long long attempts = 0, refusals = 0;  // attempts that stand (not corrected)
  std::string last_attempt_date, next_due, notice_deadline;
  std::string opened_at, opened_by, updated_at, closed_at, closed_by;
  // The child, read from the dropout entry (not written through the case).
  std::string name, sex, birth_date, id_number, township, village, address, guardian_name,
      guardian_phone, key_groups;
};

// Assigns id. The database refuses a second case for the same child (case_exists).
Status insert_case(Database& db, const std::string& county, Case& c);
// Writes every column the workflow changes, only if the case is still in `expected_state`
// (someone else may have acted first: case_changed).
Status update_case(Database& db, const std::string& county, const Case& c,
                   const std::string& expected_state);
// Empty when absent or outside the scope.
Result<std::optional<Case>> case_by_id(Database& db, const std::string& county, long long id,
                                       const core::Scope& scope);
// The child's case whatever the scope (the workflow opens and reopens cases).
Result<std::optional<Case>> case_of_child(Database& db, const std::string& county,
                                          const std::string& child_key);

struct CaseQuery {
  // A state, "open" (any not closed), overdue, notice_due, escalated, or "" (all).
  std::string filter;
  std::string township_code, village_code, school_code;
  std::string person;  // a responsible person's name (part of it)
  std::string q;       // name or ID number, as the ledgers search
  std::string today;   // for overdue and escalated
  int refusals_before_notice = 3;
  Sort sort;  // name, opened_at, next_due, last_attempt_date, township, school
};
const std::vector<std::string>& case_sort_fields();
Result<Paged<Case>> find_cases(Database& db, const std::string& county, const CaseQuery& query,
                               const core::Scope& scope, const Page& page);
Status for_each_case(Database& db, const std::string& county, const CaseQuery& query,
                     const core::Scope& scope, const std::function<Status(const Case&)>& fn);
// The query's cases counted by state, and how many of them are overdue, notice due and escalated
// (the query's own filter is ignored: these are the counts beside the filter buttons).
Result<std::map<std::string, long long>> count_cases(Database& db, const std::string& county,
                                                     const CaseQuery& query,
                                                     const core::Scope& scope);

// Open cases and overdue ones rolled up by township and school, and by responsible person.
struct CaseRollup {
  std::string key, name;  // township or school code and name; a person's name and duty
  long long open = 0, not_back = 0, overdue = 0, notice_due = 0, escalated = 0;
};
struct CaseRollups {
  std::vector<CaseRollup> townships, schools, people;
};
Result<CaseRollups> roll_up_cases(Database& db, const std::string& county, const CaseQuery& query,
                                  const core::Scope& scope);

struct CasePerson {
  long long id = 0, case_id = 0;
  std::string line, duty, name, phone, username;
  std::string added_at, added_by, removed_at, removed_by;
};
Status insert_case_person(Database& db, const std::string& county, CasePerson& p);
// Takes the person off the case (the row stays, with who and when). Errors: not_found.
Status remove_case_person(Database& db, const std::string& county, long long case_id,
                          long long person_id, const std::string& by);
Result<std::vector<CasePerson>> people_of_case(Database& db, const std::string& county,
                                               long long case_id);

struct Attempt {
  long long id = 0, case_id = 0;
  std::string attempt_date, method, visitors, met, said, outcome, next_step, next_due;
  std::optional<long long> corrects_id;
  std::string recorded_by, recorded_at;
};
Status insert_attempt(Database& db, const std::string& county, Attempt& a);
Result<std::vector<Attempt>> attempts_of_case(Database& db, const std::string& county,
                                              long long case_id);

struct CaseStep {  // one row of case_transitions
  long long id = 0, case_id = 0;
  std::string at, by, action, from, to, reason;
  std::string detail;  // JSON
};
Status insert_case_step(Database& db, const std::string& county, CaseStep& s);
Result<std::vector<CaseStep>> steps_of_case(Database& db, const std::string& county,
                                            long long case_id);

struct Notice {
  long long id = 0, case_id = 0;
  std::string kind, number, issuer, issued_on, deadline, sha256;
  long long size = 0;
  std::string issued_by, issued_at;
};
// How many notices of `kind` the county numbered in `year` (the next number is this + 1).
Result<long long> notices_in_year(Database& db, const std::string& county, const std::string& kind,
                                  int year);
// Errors: notice_number_taken when another notice took the number meanwhile.
Status insert_notice(Database& db, const std::string& county, Notice& n);
Result<std::vector<Notice>> notices_of_case(Database& db, const std::string& county,
                                            long long case_id);

struct FollowUp {
  long long id = 0, case_id = 0;
  std::string note_date, attendance, note, recorded_by, recorded_at;
};
Status insert_follow_up(Database& db, const std::string& county, FollowUp& f);
Result<std::vector<FollowUp>> follow_ups_of_case(Database& db, const std::string& county,
                                                 long long case_id);

}  // namespace baoxue::store
