// 送教上门 plans (一人一案 for a severely disabled child taught at home) and their session logs.
// The plan copies the child's particulars from the latest census ledger when it is made; its
// place (township, village, school, class) scopes it like a ledger row. Sessions are
// append-only: a correction is a new row naming the one it corrects. The rules (defaults,
// progress) are in src/teaching; this file only reads and writes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/scope.h"
#include "store/database.h"
#include "store/query.h"

namespace baoxue::store {

struct HomeTeachingPlan {
  long long id = 0;
  std::string child_key;
  std::string name, sex, birth_date, id_number;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string disability_category, disability_grade;
  std::string assessment, teachers, subjects;  // teachers, subjects: "、"-separated as typed
  int visits_per_week = 2;
  double hours_target = 216;
  int school_year = 0;
  std::string start_date, end_date;
  std::string status = "active";  // active | ended
  std::optional<long long> case_id;
  std::string created_by, created_at, updated_at;
};

struct TeachingSession {
  long long id = 0;
  long long plan_id = 0;
  std::string session_date;
  double hours = 0;
  std::string teacher, content;
  std::optional<long long> corrects_id;
  std::string recorded_by, recorded_at;
};

// The child a plan is made for, as the latest census ledger has him, with his disability
// (category, grade) from the 残疾 key-group list where it names them.
struct PlanChild {
  std::string child_key, name, sex, birth_date, id_number;
  std::string township_code, village_code, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string key_groups, disability_category, disability_grade;
};
// A new plan for the child: his particulars and place copied in (the plan is what was decided
// for him then); the caller fills in the rest.
HomeTeachingPlan plan_for(const PlanChild& child);
// Empty when the latest run has no such child, or he lies outside `scope`.
Result<std::optional<PlanChild>> plan_child_by_key(Database& db, const std::string& county,
                                                   const std::string& child_key,
                                                   const core::Scope& scope);
// The child of a ledger row (GET /api/children's id), read from the latest run by its key.
Result<std::optional<PlanChild>> plan_child_by_ledger_id(Database& db, const std::string& county,
                                                         long long ledger_child_id,
                                                         const core::Scope& scope);

// Assigns id and the timestamps. A second plan for the same child and school year is refused
// (plan_exists, naming the plan).
Status insert_plan(Database& db, const std::string& county, HomeTeachingPlan& plan);

struct PlanQuery {
  std::string township_code, village_code, school_code;
  std::string q;       // the start of a name, or an ID number or its tail
  std::string status;  // active | ended | "" (all)
  std::optional<int> school_year;
};
// Every plan the query selects inside the scope, by township, school and name. Plans are few
// (tens in a county); the caller computes progress for each and pages.
Result<std::vector<HomeTeachingPlan>> find_plans(Database& db, const std::string& county,
                                                 const PlanQuery& query, const core::Scope& scope);
// Empty when there is no such plan or it lies outside the scope.
Result<std::optional<HomeTeachingPlan>> plan_by_id(Database& db, const std::string& county,
                                                   long long id, const core::Scope& scope);
// Ends an active plan on `end_date` (plan_not_active when it has ended already).
Status end_plan(Database& db, const std::string& county, long long id, const std::string& end_date);

// Assigns id (and recorded_at when empty).
Status insert_session(Database& db, const std::string& county, TeachingSession& s);
// The session logs of `plan_ids`, every row (corrections too), by plan, date and id.
Result<std::vector<TeachingSession>> sessions_of_plans(Database& db, const std::string& county,
                                                       const std::vector<long long>& plan_ids);

}  // namespace baoxue::store
