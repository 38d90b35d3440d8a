// Census runs (四查三比对) from the browser: started as a job, measured at the term's census day
// unless the clerk picks another; the runs so far.
#include "api/call.h"
#include "api/places.h"
#include "cases/case_work.h"
#include "ledger/census.h"
#include "ledger/run_json.h"
#include "ledger/run_ledger.h"
#include "store/county_repository.h"

namespace baoxue::api {

json run_for(const core::Scope& scope, const store::MatchRun& r);  // dashboard_routes.cpp

namespace {

Result<Response> census(Call& c) {
  if (!is_county_role(c.scope)) return forbidden("运行比对");
  auto body = c.body();
  if (!body) return body.error();
  auto as_of = body->string("as_of");
  if (!as_of) return as_of.error();
  ledger::CensusOptions o;
  if (as_of->empty()) {
    auto settings = store::load_settings(c.db, c.county());
    if (!settings) return settings.error();
    auto today = c.today();
    if (!today) return today.error();
    o.as_of = settings->census_day(*today);
  } else {
    auto date = Date::parse_iso(*as_of);
    if (!date) return make_error("bad_request", "比对基准日应为 YYYY-MM-DD，收到“" + *as_of + "”");
    o.as_of = *date;
  }
  o.run_by = c.user->username;
  const Author author = c.author();
  const std::string county = c.county();
  ledger::RunLedgers* ledgers = c.options.ledgers;
  return start_job(
      c, "census", {{"as_of", o.as_of.iso()}}, jobs::Lane::kWrites,
      [o, author, county, ledgers](jobs::Context& ctx) mutable -> Status {
        o.progress = &ctx.progress;
        auto run = ledger::run_census(ctx.db, county, o);
        if (ledgers != nullptr) ledgers->forget_latest(ctx.db, county);
        if (!run) return run.error();
        auto settings = store::load_settings(ctx.db, county);
        if (!settings) return settings.error();
        auto relapsed = cases::reopen_after_census(ctx.db, county, run->id, author.username,
                                                   settings->county_today());
        if (!relapsed) return relapsed.error();
        store::AuditEntry e = author.entry(
            "census", "match_run", std::to_string(run->id),
            "基准日 " + run->as_of + "：适龄儿童台账 " + count_text(run->children) +
                " 人（义务教育年龄段内 " + count_text(run->in_band) + " 人），新列入疑似 " +
                count_text(run->entries_opened) + " 人" +
                (*relapsed ? "，复学后再次疑似、重新劝返 " + count_text(*relapsed) + " 人" : ""));
        if (Status st = store::append_audit(ctx.db, e); !st) return st;
        ctx.job.result = json{{"run", ledger::run_json(*run)}}.dump();
        return {};
      });
}

Result<Response> runs(Call& c) {
  auto asked = c.query().page();
  if (!asked) return asked.error();
  store::Where mine;
  mine.equals("county_code", c.county());
  auto total = store::count_rows(c.db, "FROM match_runs", mine);
  if (!total) return total.error();
  auto all = store::match_runs(c.db, c.county(), asked->page * asked->size);
  if (!all) return all.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  json rows = json::array();
  for (std::size_t i = static_cast<std::size_t>(asked->page - 1) * asked->size; i < all->size();
       ++i) {
    json run = run_for(c.scope, all.value()[i]);
    run["started_by_name"] = people->name_of(all.value()[i].started_by);
    rows.push_back(run);
  }
  return page_response(*total, {*asked, ""}, rows);
}

}  // namespace

void add_census_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/census", census, true, kSmallBody});
  r.push_back({"GET", "/api/runs", runs});
}

}  // namespace baoxue::api
