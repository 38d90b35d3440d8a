// The at-risk roll (易流失学生花名册) of a county on a day: every pupil on the latest ledger with a
// school, his features read from the stored roll calls, key groups, his head teacher's flags, the
// case ledger (dropped out and came back), his 学籍 record's changes of school this school year,
// and his age against his grade; assessed by the county's model. The model is fitted on the
// county's own history when it has enough of it: the same features a term earlier, and who
// entered the dropout ledger since; otherwise the settings' points serve, and the roll says so.
#pragma once

#include <string>
#include <vector>

#include "core/scope.h"
#include "risk/assess.h"
#include "risk/features.h"
#include "risk/model.h"
#include "store/database.h"

namespace baoxue::risk {

struct RollRow {
  long long ledger_id = 0;
  std::string child_key, name, sex, school_code, school_name, township_code, village_code;
  int grade = 0, class_number = 0;
  Features features;
  Assessment assessment;
};

struct Roll {
  Model model;
  Thresholds thresholds;
  std::string model_note;     // why these weights: fitted on whose history, or why not
  std::vector<RollRow> rows;  // the scope's pupils (one school's when asked), most points first
};

// `school_code` "" for the whole scope. `fit_model`: try the county's history (a term back).
Result<Roll> at_risk_roll(store::Database& db, const std::string& county, const Date& day,
                          const core::Scope& scope, const std::string& school_code,
                          bool fit_model = true);

// The features of the scope's pupils on `day`, by child key (what the roll and the fit read).
Result<std::vector<RollRow>> pupils_with_features(store::Database& db, const std::string& county,
                                                  const Date& day, const core::Scope& scope,
                                                  const std::string& school_code);

}  // namespace baoxue::risk
