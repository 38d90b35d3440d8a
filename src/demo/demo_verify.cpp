#include "demo/demo_verify.h"

#include <set>

#include "demo/county_model.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"
#include "verify/workflow.h"

namespace baoxue::demo {
namespace {

store::HistoryClock on(const Date& day, int hour_utc = 2) {
  char at[32];
  std::snprintf(at, sizeof at, "%sT%02d:00:00Z", day.iso().c_str(), hour_utc);
  return store::HistoryClock(at);
}

// The comparisons of a census run: what the county's lists said, which verification answers.
const std::set<std::string> kCensus = {"hukou_xueji", "xueji_present", "village_hukou", "group",
                                       "xueji_status"};

}  // namespace

Result<DemoVerifyResult> verify_by_truth(store::Database& db, const std::string& county,
                                         const Date& as_of, uint64_t seed, int school_year) {
  // What verification finds for each ID number: the child's category, or E for a registration
  // with no child behind it (a duplicate, a wrong entry).
  const County truth = build_county(seed, school_year);
  std::map<std::string, std::pair<std::string, std::string>> found;
  for (const Child& c : truth.children) {
    if (c.person.id_number.empty()) continue;
    std::string category = c.truth;
    if (category == "enrolled") category = "A";
    if (category == "out_of_band") category = "H";
    if (category.size() != 1) continue;
    found[c.person.id_number] = {category, c.truth_note.empty() ? "入户核实" : c.truth_note};
  }
  for (const PhantomRow& p : truth.phantoms)
    if (!p.id_number.empty()) found.emplace(p.id_number, std::make_pair("E", p.truth_note));

  auto open = store::suspected_entries(db, county, "open");
  if (!open) return open.error();
  std::vector<long long> ids;
  std::map<long long, std::pair<std::string, std::string>> finding;
  DemoVerifyResult out;
  auto tasks_now = [&](const std::vector<long long>& entries) {
    return store::tasks_of_entries(db, county, entries);
  };
  std::vector<long long> all_ids;
  for (const auto& e : *open) all_ids.push_back(e.id);
  auto existing = tasks_now(all_ids);
  if (!existing) return existing.error();
  std::set<long long> dispatched;
  for (const auto& t : *existing) dispatched.insert(t.entry_id);
  for (const auto& e : *open) {
    auto it = found.find(e.id_number);
    if (!kCensus.count(e.comparison) || dispatched.count(e.id) || it == found.end()) {
      ++out.left;
      continue;
    }
    ids.push_back(e.id);
    finding[e.id] = it->second;
  }
  if (ids.empty()) return out;

  core::Scope county_scope;
  county_scope.county = county;
  county_scope.role = core::Role::kCountyAdmin;
  const verify::Actor county_actor{county, county_scope, "county_admin"};
  const Date sent = as_of.plus_days(-30), answered = as_of.plus_days(-24),
             approved = as_of.plus_days(-21);
  Status st = db.transaction([&]() -> Status {
    {
      auto clock = on(sent);
      verify::DispatchRequest d;
      d.entry_ids = ids;
      d.to = "residence";
      d.deadline = sent.plus_days(10).iso();
      d.today = sent.iso();
      auto r = verify::dispatch(db, county_actor, d);
      if (!r) return r.error();
    }
    auto tasks = tasks_now(ids);
    if (!tasks) return tasks.error();
    for (const store::Task& t : *tasks) {
      auto f = finding.find(t.entry_id);
      if (f == finding.end()) continue;
      // The unit the task went to answers it.
      core::Scope scope = county_scope;
      scope.role = t.assignee_kind == "village" ? core::Role::kVillage : core::Role::kTownship;
      scope.township_code = t.township_code;
      scope.village_code = t.assignee_kind == "village" ? t.assignee_code : "";
      const verify::Actor unit{county, scope, "demo"};
      {
        auto clock = on(answered);
        auto s = verify::submit(db, unit, t.id, f->second.first, f->second.second, {});
        if (!s) return s.error();
      }
      auto clock = on(approved, 3);
      auto r = verify::review(db, county_actor, t.id, "approve", "", approved);
      if (!r) return r.error();
      ++out.verified;
      ++out.by_category[f->second.first];
    }
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::demo
