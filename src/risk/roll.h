// The at-risk roll (易流失学生花名册) of a county on a day: every pupil on the latest ledger with a
// school, his features read from the stored roll calls, key groups, his head teacher's flags, the
// case ledger (dropped out and came back), his 学籍 record's changes of school this school year,
// and his age against his grade; assessed by the county's model. The model is fitted on the
// county's own history when it has enough of it: the same features a term earlier, and who
// entered the dropout ledger since; otherwise the settings' points serve, and the roll says so.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
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

// The weights a county's roll uses on a day, and why.
struct CountyModel {
  Model model;
  Thresholds thresholds;
  std::string note;  // fitted on whose history, or why the settings' points serve
};

struct Roll {
  CountyModel model;
  std::vector<RollRow> rows;  // the scope's pupils (one school's when asked), most points first
};

// The county's model on `day` from its settings; `fit_model`: fitted on the county's history (a
// term back) when it has enough. The fit reads every pupil of the county as he was a term ago: a
// server keeps the answer for the day (ModelCache).
Result<CountyModel> county_model(store::Database& db, const std::string& county, const Date& day,
                                 bool fit_model = true);

// `school_code` "" for the whole scope.
Result<Roll> at_risk_roll(store::Database& db, const std::string& county, const Date& day,
                          const core::Scope& scope, const std::string& school_code,
                          const CountyModel& model);

// County models kept for their day, per county and risk.* settings (a change of weights or
// thresholds is a new entry). Only the latest day's are kept. Thread-safe.
class ModelCache {
 public:
  // The kept model, or the one `county_model` gives (then kept).
  Result<CountyModel> get(store::Database& db, const std::string& county, const Date& day);

 private:
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, CountyModel>> kept_;  // county → (key, model)
};

// The model from `cache` when there is one, else computed.
Result<CountyModel> county_model_from(ModelCache* cache, store::Database& db,
                                      const std::string& county, const Date& day);

// The features of the scope's pupils on `day`, by child key (what the roll and the fit read).
Result<std::vector<RollRow>> pupils_with_features(store::Database& db, const std::string& county,
                                                  const Date& day, const core::Scope& scope,
                                                  const std::string& school_code);

}  // namespace baoxue::risk
