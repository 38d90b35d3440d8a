// The dashboard: the three ledgers' counts inside the user's scope, task counts, counts by
// township, village and school, and the open entries over time. It reads the whole scope, so
// its answer is kept per county and scope (Options::views) until the county's data changes.
#include <set>

#include "api/call.h"
#include "api/places.h"
#include "core/labels.h"
#include "ledger/run_json.h"
#include "store/case_repository.h"
#include "store/county_repository.h"
#include "store/dashboard_repository.h"
#include "store/ledger_repository.h"
#include "teaching/plan_list.h"

namespace baoxue::api {

// The run as a user of any scope may see it: when and by whom; the county-wide counts only
// for county-wide roles.
json run_for(const core::Scope& scope, const store::MatchRun& r) {
  if (scope.county_wide()) return ledger::run_json(r);
  return {{"id", r.id},
          {"as_of", r.as_of},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at}};
}

namespace {

// Opening instants to "YYYY-MM-DD".
std::string day_of(const std::string& instant) { return instant.substr(0, 10); }

Result<json> compute(Call& c, const std::string& today) {
  auto run = store::latest_match_run(c.db, c.county());
  if (!run) return run.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  json out;
  out["run"] = run.value() ? run_for(c.scope, *run.value()) : json(nullptr);
  const std::vector<std::string> standings = core::label_codes("standing");
  // Rows per place: children of the compulsory band, open suspected and dropout entries.
  std::map<std::string, json> by[3];  // township, village, school
  auto place_row = [&](int level, const std::string& code) -> json& {
    json& row = by[level][code];
    if (row.is_null()) {
      row = {{"code", code},
             {"name", code.empty() ? "（地址不明）" : places->name_of(code)},
             {"children", 0},
             {"suspected_open", 0},
             {"dropouts_open", 0}};
    }
    return row;
  };
  auto add = [&](const store::PlaceCount& p, const char* key) {
    const std::string codes[3] = {p.township_code, p.village_code, p.school_code};
    for (int level = 0; level < 3; ++level) {
      if (level > 0 && codes[level].empty()) continue;  // schools: pupils only
      json& row = place_row(level, codes[level]);
      row[key] = row[key].get<long long>() + p.count;
    }
  };
  json ledgers = {{"children", 0}, {"children_out_of_band", 0}};
  for (const std::string& s : standings) ledgers[s] = 0;
  if (run.value()) {
    auto counts = store::children_by_place(c.db, c.county(), run.value()->id, c.scope);
    if (!counts) return counts.error();
    for (const auto& p : counts.value()) {
      if (!p.in_band) {
        ledgers["children_out_of_band"] =
            ledgers["children_out_of_band"].get<long long>() + p.count;
        continue;
      }
      ledgers["children"] = ledgers["children"].get<long long>() + p.count;
      if (ledgers.contains(p.status))
        ledgers[p.status] = ledgers[p.status].get<long long>() + p.count;
      add(p, "children");
    }
  }
  auto open = store::open_entries_by_place(c.db, c.county(), c.scope);
  if (!open) return open.error();
  long long suspected_open = 0, dropouts_open = 0;
  for (const auto& p : open.value()) {
    const bool dropout = p.status == "dropout";
    (dropout ? dropouts_open : suspected_open) += p.count;
    add(p, dropout ? "dropouts_open" : "suspected_open");
  }
  ledgers["suspected_open"] = suspected_open;
  ledgers["dropouts_open"] = dropouts_open;
  out["ledgers"] = ledgers;
  auto tasks = store::task_counts(c.db, c.county(), c.scope, today);
  if (!tasks) return tasks.error();
  out["tasks"] = json::object();
  for (const auto& [k, v] : tasks.value()) out["tasks"][k] = v;
  // Open entries at the end of each day something opened or closed, and today.
  auto spans = store::entry_spans(c.db, c.county(), c.scope);
  if (!spans) return spans.error();
  std::set<std::string> days = {today};
  for (const auto& s : spans.value()) {
    days.insert(day_of(s.opened_at));
    if (!s.closed_at.empty()) days.insert(day_of(s.closed_at));
  }
  json timeline = json::array();
  for (const std::string& d : days) {
    long long sus = 0, drop = 0;
    for (const auto& s : spans.value()) {
      const bool open_then =
          day_of(s.opened_at) <= d && (s.closed_at.empty() || day_of(s.closed_at) > d);
      if (open_then) (s.kind == "dropout" ? drop : sus)++;
    }
    timeline.push_back({{"date", d}, {"suspected_open", sus}, {"dropouts_open", drop}});
  }
  out["open_over_time"] = timeline;
  // 劝返复学 and 动态清零: cases by state, how many are late, and how many children are not back.
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  store::CaseQuery cq;
  cq.today = today;
  cq.refusals_before_notice = settings->get_int("case.refusals_before_notice");
  auto cases = store::count_cases(c.db, c.county(), cq, c.scope);
  if (!cases) return cases.error();
  out["cases"] = *cases;
  // 送教上门: the plans being taught and how many are behind schedule (the alert).
  auto day = Date::parse_iso(today);
  store::PlanQuery pq;
  pq.status = "active";
  auto plans = teaching::plans_with_progress(c.db, c.county(), pq, c.scope, day.value_or(Date{}));
  if (!plans) return plans.error();
  long long behind = 0;
  for (const auto& p : *plans) behind += p.progress.behind ? 1 : 0;
  out["home_teaching"] = {{"active", static_cast<long long>(plans->size())}, {"behind", behind}};
  const char* names[3] = {"by_township", "by_village", "by_school"};
  for (int level = 0; level < 3; ++level) {
    out[names[level]] = json::array();
    for (auto& [code, row] : by[level]) out[names[level]].push_back(row);
  }
  out["as_of"] = today;
  return out;
}

Result<Response> dashboard(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  return kept_view(c, "dashboard|" + today->iso() + "|" + scope_key(c.scope),
                   [&] { return compute(c, today->iso()); });
}

}  // namespace

void add_dashboard_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/dashboard", dashboard});
}

}  // namespace baoxue::api
