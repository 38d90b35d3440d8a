// Roll calls (上下午两点名): a class's roll at one session of one day, stored as the fact that the
// class took roll plus the pupils who were not present. A school year of a 500,000-pupil county
// is then about four million small rows and the absences, instead of two hundred million marks.
// A roll call is corrected by saving it again: the marks are replaced, the revision goes up and
// each changed mark is kept in its history.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/scope.h"
#include "store/database.h"

namespace baoxue::store {

// A class as the ledgers place a pupil: school (学校标识码), grade 1–9, class number in the grade.
struct ClassRef {
  std::string school_code;
  int grade = 0, class_number = 0;
  bool operator<(const ClassRef& o) const {
    return std::tie(school_code, grade, class_number) <
           std::tie(o.school_code, o.grade, o.class_number);
  }
  bool operator==(const ClassRef& o) const = default;
};

// A pupil of a class on the latest census ledger.
struct Pupil {
  long long ledger_id = 0;  // GET /api/children's id
  std::string child_key, name, sex, birth_date, student_no, id_number;
  std::string township_code, village_code, school_name, key_groups, standing;
};
// The class's pupils on the latest run, by name (empty when there is no run). `scope` null: all.
Result<std::vector<Pupil>> class_roster(Database& db, const std::string& county,
                                        const ClassRef& cls, const core::Scope* scope);

// Every pupil of the latest run with a school (学籍), with his class as far as the run knows it
// (grade and class 0 when unknown) and the school's township: what an import of roll calls
// identifies a county's rows against, read in one query instead of a roster per class and handed
// to `fn` one at a time (a county has half a million). Returns the run's id, 0 (and no pupils)
// when there is no run.
struct EnrolledPupil {
  ClassRef cls;
  std::string child_key, name, student_no, id_number, school_name, township_code;
};
Result<long long> for_each_enrolled_pupil(Database& db, const std::string& county,
                                          const std::function<void(EnrolledPupil&)>& fn);

// The classes on the latest run inside the scope (one school's when `school_code` is given), with
// how many pupils each has, by school, grade and class.
struct ClassSummary {
  ClassRef cls;
  std::string school_name, township_code;
  long long pupils = 0;
};
Result<std::vector<ClassSummary>> classes_in_scope(Database& db, const std::string& county,
                                                   const core::Scope& scope,
                                                   const std::string& school_code);

// The school's township and village codes (empty when the school is not on the county's list):
// where its roll calls sit for scope.
Result<std::pair<std::string, std::string>> school_place(Database& db, const std::string& county,
                                                         const std::string& school_code);

// The pupils with these child keys on the latest run, by key (those it does not hold are absent).
Result<std::map<std::string, Pupil>> pupils_by_keys(Database& db, const std::string& county,
                                                    const std::vector<std::string>& keys);

struct RollCallMark {
  std::string child_key;
  std::string mark;  // attendance_mark code, never "present"
};

struct RollCall {
  long long id = 0;
  ClassRef cls;
  std::string day;                          // YYYY-MM-DD
  std::string session;                      // am | pm
  std::string township_code, village_code;  // the school's
  long long pupils = 0;                     // on the roster when it was taken
  std::string source;                       // phone | import
  long long revision = 1;
  std::string taken_by, taken_at, updated_at;
  std::vector<RollCallMark> marks;
};

// What saving did: a new roll call, a correction (with how many marks changed), or nothing (the
// same marks again: imports are idempotent).
struct SaveOutcome {
  enum Kind { kCreated, kCorrected, kUnchanged } kind = kCreated;
  long long id = 0;
  long long changed = 0;
};
// Saves `call` (marks with a child key at most once; the caller checks the codes). A second save
// for the same class, day and session is a correction by `call.taken_by` with `call.source`.
Result<SaveOutcome> save_roll_call(Database& db, const std::string& county, const RollCall& call);

// Many new roll calls at once (the demo county's term, an import's new sessions): assigns their
// ids. A roll call already taken for the same class and session is refused by the database.
Status insert_roll_calls(Database& db, const std::string& county, std::vector<RollCall>& calls);

// The class's roll call at that session, with its marks; empty when none was taken.
Result<std::optional<RollCall>> roll_call_of(Database& db, const std::string& county,
                                             const ClassRef& cls, const std::string& day,
                                             const std::string& session);

struct RollCallChange {
  long long revision = 0;
  std::string child_key, old_mark, new_mark, source, changed_by, changed_at;
};
Result<std::vector<RollCallChange>> roll_call_history(Database& db, const std::string& county,
                                                      long long roll_call_id);

// Roll calls taken on `day` inside the scope (a school's day: which classes took roll, how many
// were absent). `school_code` "" for all the scope holds.
Result<std::vector<RollCall>> roll_calls_on(Database& db, const std::string& county,
                                            const std::string& day, const std::string& school_code,
                                            const core::Scope& scope);

// A class's roll calls and exceptions over a stretch of days: what the streak rule reads.
struct ClassHistory {
  ClassRef cls;
  std::map<std::string, int> roll_calls;  // by day: how many the class took
  // By pupil: (day, mark) for each exception, in day order.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> marks;
};
// Every class that took roll from `from` to `to` (both included), with its exceptions; only
// `school_code`'s classes when given, only `cls` when given.
Result<std::vector<ClassHistory>> class_histories(Database& db, const std::string& county,
                                                  const std::string& from, const std::string& to,
                                                  const std::string& school_code = "",
                                                  const std::optional<ClassRef>& cls = {});
// The classes with a truant mark from `from` to `to` (one school's when given): where a streak
// can be.
Result<std::vector<ClassRef>> classes_with_truancy(Database& db, const std::string& county,
                                                   const std::string& from, const std::string& to,
                                                   const std::string& school_code = "");
// The classes with a pupil away (truant or on leave) at every roll call his class took on `day`
// who was truant at some roll call from `truant_from` to `day`: where a streak can run through
// `day`. One school's when given.
Result<std::vector<ClassRef>> classes_with_pupils_away(Database& db, const std::string& county,
                                                       const std::string& day,
                                                       const std::string& truant_from,
                                                       const std::string& school_code = "");
// The classes that took roll on `day`.
Result<std::vector<ClassRef>> classes_on_day(Database& db, const std::string& county,
                                             const std::string& day,
                                             const std::string& school_code = "");
// Each class's last roll-call day (roll_call_classes), for the classes whose last day lies from
// `from` to `to`; one school's when given. The county's latest of them all: `latest_class_day`.
Result<std::vector<std::pair<ClassRef, std::string>>> classes_last_taking_roll(
    Database& db, const std::string& county, const std::string& from, const std::string& to,
    const std::string& school_code = "");
Result<std::string> latest_class_day(Database& db, const std::string& county);
// The county's last day with a roll call on or before `on` ("" when none).
Result<std::string> last_roll_call_day(Database& db, const std::string& county,
                                       const std::string& on);

}  // namespace baoxue::store
