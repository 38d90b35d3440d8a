#include "risk/roll.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "attendance/streak.h"
#include "core/school_age.h"
#include "risk/fit.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/query.h"
#include "store/roll_call_repository.h"
#include "store/rows.h"

namespace baoxue::risk {
namespace {

// How far back the fit looks: the features a term ago, and who dropped out since.
constexpr long kFitTermDays = 120;

Status each(store::Database& db, const std::string& sql, const store::Where& w,
            const std::string& tail, const std::function<void(const soci::row&)>& fn) {
  return store::for_each_row(db, sql, w, tail, fn);
}

// First day of the school year that `day` falls in.
Date school_year_start(const Date& day, const core::SchoolAgeRules& rules) {
  return Date{core::school_year_of(day, rules), rules.school_year_start_month,
              rules.school_year_start_day};
}

}  // namespace

Result<std::vector<RollRow>> pupils_with_features(store::Database& db, const std::string& county,
                                                  const Date& day, const core::Scope& scope,
                                                  const std::string& school_code) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  std::vector<RollRow> rows;
  if (!run.value()) return rows;
  auto children = store::ledger_children(db, county, run.value()->id, "", &scope);
  if (!children) return children.error();
  std::unordered_map<long long, std::size_t> by_record;  // 学籍 record → row
  std::unordered_map<std::string, std::size_t> by_key;
  for (const auto& c : children.value()) {
    if (c.school_code.empty() || !c.grade || !c.class_number) continue;
    if (!school_code.empty() && c.school_code != school_code) continue;
    if (c.standing == "dropout" || c.standing == "out_of_band") continue;  // not in school
    RollRow r;
    r.ledger_id = c.id;
    r.child_key = c.child_key;
    r.name = c.name;
    r.sex = c.sex;
    r.school_code = c.school_code;
    r.school_name = c.school_name;
    r.township_code = c.township_code;
    r.village_code = c.village_code;
    r.grade = static_cast<int>(*c.grade);
    r.class_number = static_cast<int>(*c.class_number);
    Features& f = r.features;
    f.grade = r.grade;
    for (std::size_t s = 0, e; s <= c.key_groups.size(); s = e + 1) {
      e = c.key_groups.find(',', s);
      if (e == std::string::npos) e = c.key_groups.size();
      if (e > s) f.key_groups.push_back(c.key_groups.substr(s, e - s));
    }
    if (c.expected_grade && *c.expected_grade > *c.grade)
      f.over_age_years = static_cast<int>(*c.expected_grade - *c.grade);
    if (c.xueji_record_id) by_record[*c.xueji_record_id] = rows.size();
    by_key[c.child_key] = rows.size();
    rows.push_back(std::move(r));
  }
  if (rows.empty()) return rows;
  const Date year_start = school_year_start(day, settings->school_age_rules());
  const std::string ys = year_start.iso(), d = day.iso();

  // Attendance this school year: his class's roll calls, and those he missed.
  std::map<store::ClassRef, long long> class_calls;
  {
    store::Where w;
    w.add("county_code = ?", {county});
    w.add("day >= ?", {ys});
    w.add("day <= ?", {d});
    if (!school_code.empty()) w.add("school_code = ?", {school_code});
    Status st = each(db, "SELECT school_code, grade, class_number, COUNT(*) FROM roll_calls", w,
                     "GROUP BY school_code, grade, class_number", [&](const soci::row& r) {
                       class_calls[{store::row_text(r, 0), static_cast<int>(store::row_int(r, 1)),
                                    static_cast<int>(store::row_int(r, 2))}] = store::row_int(r, 3);
                     });
    if (!st) return st.error();
  }
  std::unordered_map<std::string, long long> missed;
  {
    store::Where w;
    w.add("county_code = ?", {county});
    w.add("day >= ?", {ys});
    w.add("day <= ?", {d});
    w.add("mark IN ('truant', 'sick_leave', 'personal_leave')");
    Status st =
        each(db, "SELECT child_key, COUNT(*) FROM roll_call_marks", w, "GROUP BY child_key",
             [&](const soci::row& r) { missed[store::row_text(r, 0)] = store::row_int(r, 1); });
    if (!st) return st.error();
  }
  for (auto& r : rows) {
    auto it = class_calls.find({r.school_code, r.grade, r.class_number});
    if (it == class_calls.end() || it->second == 0) continue;
    auto m = missed.find(r.child_key);
    const double away = m == missed.end() ? 0 : static_cast<double>(m->second);
    r.features.attendance_rate = std::max(0.0, 1.0 - away / static_cast<double>(it->second));
  }
  // Days away without leave in the last 30 (the streak rule's kind of day), for the classes
  // with a truant mark in them; the school days those 30 days held, for every class.
  const Date from30 = day.plus_days(-29);
  auto histories = store::class_histories(db, county, from30.iso(), d, school_code);
  if (!histories) return histories.error();
  std::map<store::ClassRef, const store::ClassHistory*> history_of;
  for (const auto& h : histories.value()) history_of[h.cls] = &h;
  for (auto& r : rows) {
    auto it = history_of.find({r.school_code, r.grade, r.class_number});
    if (it == history_of.end()) continue;
    const store::ClassHistory& h = *it->second;
    r.features.school_days_30 = static_cast<int>(h.roll_calls.size());
    auto marks = h.marks.find(r.child_key);
    if (marks == h.marks.end()) continue;
    std::map<std::string, std::vector<attendance::Mark>> on_day;
    for (const auto& [day_text, mark] : marks->second)
      if (auto mk = attendance::mark_of(mark)) on_day[day_text].push_back(*mk);
    for (const auto& [day_text, exceptions] : on_day) {
      auto calls = h.roll_calls.find(day_text);
      auto date = Date::parse_iso(day_text);
      if (calls == h.roll_calls.end() || !date) continue;
      if (attendance::day_kind({*date, calls->second, exceptions}) ==
          attendance::DayKind::kUnexcused)
        ++r.features.truant_days_30;
    }
  }
  // His head teacher's flag of a learning difficulty, still standing.
  {
    store::Where w;
    w.add("county_code = ?", {county});
    w.add("flag = 'learning_difficulty'");
    w.add("cleared_at IS NULL");
    w.add("set_at <= ?", {d + "T23:59:59Z"});
    Status st = each(db, "SELECT child_key FROM pupil_flags", w, "", [&](const soci::row& r) {
      auto it = by_key.find(store::row_text(r, 0));
      if (it != by_key.end()) rows[it->second].features.learning_difficulty_flag = true;
    });
    if (!st) return st.error();
  }
  // Dropped out and came back: his case follows him up, or was closed as returned.
  {
    store::Where w;
    w.add("county_code = ?", {county});
    w.add("(state = 'returned' OR (state = 'closed' AND end_reason = 'returned'))");
    Status st = each(db, "SELECT child_key FROM cases", w, "", [&](const soci::row& r) {
      auto it = by_key.find(store::row_text(r, 0));
      if (it != by_key.end()) rows[it->second].features.returned_after_dropout = true;
    });
    if (!st) return st.error();
  }
  // Changes of school on his 学籍 record imported this school year.
  {
    store::Where w;
    w.add("c.county_code = ?", {county});
    w.add("c.field = 'school_code'");
    w.add("b.imported_at >= ?", {ys});
    w.add("b.imported_at <= ?", {d + "T23:59:59Z"});
    Status st = each(db,
                     "SELECT c.record_id, COUNT(*) FROM list_record_changes c JOIN import_batches "
                     "b ON b.county_code = c.county_code AND b.id = c.batch_id",
                     w, "GROUP BY c.record_id", [&](const soci::row& r) {
                       auto it = by_record.find(store::row_int(r, 0));
                       if (it != by_record.end())
                         rows[it->second].features.transfers_this_year =
                             static_cast<int>(store::row_int(r, 1));
                     });
    if (!st) return st.error();
  }
  return rows;
}

Result<CountyModel> county_model(store::Database& db, const std::string& county, const Date& day,
                                 bool fit_model) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  CountyModel out;
  auto model = model_from(settings.value());
  if (!model) return model.error();
  auto thresholds = thresholds_from(settings.value());
  if (!thresholds) return thresholds.error();
  out.model = model.value();
  out.thresholds = thresholds.value();
  out.note = "采用县里设置的分值";
  if (!fit_model) return out;
  // The county's own history: every pupil as he was a term ago, and who entered the dropout
  // ledger since. The whole county, whatever the user's scope: the weights are the county's.
  const Date then = day.plus_days(-kFitTermDays);
  core::Scope all{county, core::Role::kCountyAdmin};
  auto before = pupils_with_features(db, county, then, all, "");
  if (!before) return before.error();
  std::unordered_set<std::string> dropped;
  store::Where w;
  w.add("county_code = ?", {county});
  w.add("opened_at > ?", {then.iso() + "T23:59:59Z"});
  w.add("opened_at <= ?", {day.iso() + "T23:59:59Z"});
  Status st = each(db, "SELECT child_key FROM dropout_entries", w, "",
                   [&](const soci::row& r) { dropped.insert(store::row_text(r, 0)); });
  if (!st) return st.error();
  std::vector<Sample> samples;
  samples.reserve(before->size());
  for (auto& r : before.value())
    samples.push_back({std::move(r.features), dropped.count(r.child_key) > 0});
  auto options = fit_options_from(settings.value());
  if (!options) return options.error();
  auto fitted = fit(samples, out.model, options.value());
  if (fitted) {
    out.model = fitted.value();
    out.note = "权重按本县数据拟合：" + then.iso() + " 在校的 " +
               std::to_string(fitted->fitted_on) + " 名学生，其后流失 " +
               std::to_string(fitted->positives) + " 人";
  } else {
    out.note = "采用县里设置的分值（" + fitted.error().message + "）";
  }
  return out;
}

Result<Roll> at_risk_roll(store::Database& db, const std::string& county, const Date& day,
                          const core::Scope& scope, const std::string& school_code,
                          const CountyModel& model) {
  Roll roll;
  roll.model = model;
  auto rows = pupils_with_features(db, county, day, scope, school_code);
  if (!rows) return rows.error();
  roll.rows = std::move(rows.value());
  for (auto& r : roll.rows)
    r.assessment = assess(r.features, roll.model.model, roll.model.thresholds);
  std::stable_sort(roll.rows.begin(), roll.rows.end(), [](const RollRow& a, const RollRow& b) {
    return a.assessment.points > b.assessment.points;
  });
  return roll;
}

Result<CountyModel> ModelCache::get(store::Database& db, const std::string& county,
                                    const Date& day) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  std::string key = day.iso();
  for (const auto& [name, value] : settings->values())
    if (name.rfind("risk.", 0) == 0) key += "\n" + name + "=" + value;
  {
    std::lock_guard lock(mutex_);
    auto it = kept_.find(county);
    if (it != kept_.end() && it->second.first == key) return it->second.second;
  }
  // Computed outside the lock: two requests at once both fit, and the later one is kept.
  auto model = county_model(db, county, day);
  if (!model) return model.error();
  std::lock_guard lock(mutex_);
  kept_[county] = {key, model.value()};
  return model;
}

Result<CountyModel> county_model_from(ModelCache* cache, store::Database& db,
                                      const std::string& county, const Date& day) {
  return cache != nullptr ? cache->get(db, county, day) : county_model(db, county, day);
}

}  // namespace baoxue::risk
