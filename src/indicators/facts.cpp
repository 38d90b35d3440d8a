#include "indicators/facts.h"

#include "core/labels.h"
#include "ingest/phase_timer.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"

namespace baoxue::indicators {
namespace {

void add_flagged(std::set<std::string>& out, const std::vector<core::Code>& codes,
                 const std::string& attr, bool value) {
  for (const auto& c : codes)
    if (c.flag(attr) == value) {
      out.insert(c.code);
      out.insert(c.label_zh);
    }
}

}  // namespace

std::string Facts::school_id(const std::string& code, const std::string& name) const {
  if (!code.empty() && schools.count(code)) return code;
  if (!name.empty())
    if (auto it = school_by_name.find(name); it != school_by_name.end()) return it->second;
  return code;
}

Result<Facts> load_facts(store::Database& db, const std::string& county, const std::string& from,
                         const std::string& to, bool names) {
  ingest::PhaseTimer timer;
  Facts f;
  f.county = county;
  f.from = from;
  f.to = to;
  auto counties = store::list_counties(db);
  if (!counties) return counties.error();
  for (const auto& c : counties.value())
    if (c.code == county) f.county_name = c.name;
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  f.settings = settings.value();
  auto kinds = movement::load_kinds(db, county);
  if (!kinds) return kinds.error();
  f.kinds = std::move(kinds.value());

  auto statuses = store::load_codes(db, county, "enrollment_status");
  if (!statuses) return statuses.error();
  add_flagged(f.on_roll_status, statuses.value(), "in_school", true);
  for (const auto& c : statuses.value()) {
    if (c.code == "home_taught") f.home_status.insert({c.code, c.label_zh});
    if (c.code == "suspended") f.suspended_status.insert({c.code, c.label_zh});
  }
  // 休学 keeps his 学籍: on the roll, not a loss.
  f.on_roll_status.insert(f.suspended_status.begin(), f.suspended_status.end());
  auto categories = store::load_codes(db, county, "verification_category");
  if (!categories) return categories.error();
  for (const auto& c : categories.value()) {
    auto g = c.attrs.find("group");
    if (g != c.attrs.end() && g->second == "in_school") f.in_school_categories.insert(c.code);
    if (!c.flag("out_of_school")) f.not_out_categories.insert(c.code);
  }
  for (const auto& c : core::labels())
    if (c.table == "case_end") {
      auto s = c.attrs.find("standing");
      if (s != c.attrs.end() && s->second == "in_school") f.returned_ends.insert(c.code);
    }

  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  for (auto& s : schools.value()) {
    f.school_by_name[s.name] = s.id;
    f.schools[s.id] = std::move(s);
  }
  auto regions = store::list_regions(db, county);
  if (!regions) return regions.error();
  for (const auto& r : regions.value())
    if (r.level == "township") f.township_names[r.code] = r.name;

  timer.mark("codes");
  if (Status st = store::for_each_spell(
          db, county, from, to, [&](store::Spell& s) { f.spells.push_back(std::move(s)); }, names);
      !st)
    return st.error();
  f.spell_school.reserve(f.spells.size());
  f.spell_on_roll.reserve(f.spells.size());
  for (std::size_t i = 0; i < f.spells.size(); ++i) {
    const std::string& status = f.spells[i].status;
    f.spell_on_roll.push_back(status.empty() || f.on_roll_status.count(status) ? 1 : 0);
    f.spell_school.push_back(f.school_id(f.spells[i].school_code, f.spells[i].school_name));
    f.spells_of_school[f.spell_school.back()].push_back(i);
  }
  timer.mark("spells");
  store::MovementQuery mq;
  mq.from = from;
  mq.to = to;
  auto moves = store::movements_where(db, county, mq);
  if (!moves) return moves.error();
  f.movements = std::move(moves.value());
  auto entries = store::entry_facts(db, county);
  if (!entries) return entries.error();
  f.entries = std::move(entries.value());

  timer.mark("moves");
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  if (run.value()) {
    f.has_census = true;
    f.census_as_of = run.value()->as_of;
    auto hukou = store::hukou_enrolment(db, county, run.value()->id, f.in_school_categories);
    if (!hukou) return hukou.error();
    f.hukou = std::move(hukou.value());
    timer.mark("hukou");
    auto disabled = store::group_children(db, county, run.value()->id, "disabled");
    if (!disabled) return disabled.error();
    f.disabled = std::move(disabled.value());
    timer.mark("disabled");
    auto home = store::home_taught_children(db, county);
    if (!home) return home.error();
    f.home_taught = std::move(home.value());
  }
  return f;
}

}  // namespace baoxue::indicators
