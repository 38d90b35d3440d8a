// 控辍指标: the official indicators of the user's unit over a period (default: this month so
// far), with its townships' and schools' rows against the targets, and the monthly trend of
// enrolment, suspected children and open dropouts for the dashboard's charts. A school sees its
// own figures, a township its schools, the bureau everything; the children behind each count
// (detail=1) are personal data and their view is audited.
#include <cstdlib>

#include "api/call.h"
#include "indicators/indicators.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

// The unit a user's figures are of, and whether he may ask for another (a township's school).
Result<indicators::Unit> unit_for(const Call& c, const std::string& township,
                                  const std::string& school) {
  using core::Role;
  using indicators::Level;
  indicators::Unit own{Level::kCounty, c.county()};
  if (c.scope.role == Role::kTownship) own = {Level::kTownship, c.scope.township_code};
  if (c.scope.role == Role::kSchoolAdmin) own = {Level::kSchool, c.scope.school_code};
  if (!c.scope.county_wide() && c.scope.role != Role::kTownship &&
      c.scope.role != Role::kSchoolAdmin)
    return forbidden("查看控辍指标");
  if (!school.empty()) {
    if (own.level == Level::kSchool && school != own.code)
      return make_error("not_found", "没有这所学校");
    return indicators::Unit{Level::kSchool, school};
  }
  if (!township.empty()) {
    if (own.level != Level::kCounty && township != own.code)
      return make_error("not_found", "没有这个乡镇");
    return indicators::Unit{Level::kTownship, township};
  }
  return own;
}

// The unit the query names (township, school), within the user's.
Result<indicators::Unit> unit_asked(const Call& c, const Params& p) {
  auto township = p.code("township");
  if (!township) return township.error();
  auto school = p.code("school");
  if (!school) return school.error();
  return unit_for(c, *township, *school);
}

Result<Response> figures(Call& c) {
  const Params p = c.query();
  auto unit = unit_asked(c, p);
  if (!unit) return unit.error();
  auto today = c.today();
  if (!today) return today.error();
  auto from_text = p.date("from");
  if (!from_text) return from_text.error();
  auto to_text = p.date("to");
  if (!to_text) return to_text.error();
  const Date to = to_text->empty() ? *today : *Date::parse_iso(*to_text);
  const Date from = from_text->empty() ? Date{to.year, to.month, 1} : *Date::parse_iso(*from_text);
  if (to < from) return make_error("bad_request", "起始日期（from）不能晚于截止日期（to）");
  auto detail = p.choice("detail", {"0", "1"}, "0");
  if (!detail) return detail.error();
  const bool names = *detail == "1";
  auto figures_json = [&]() -> Result<json> {
    const auto [span_from, span_to] = indicators::facts_span(from, to);
    auto facts = indicators::load_facts(c.db, c.county(), span_from.iso(), span_to.iso(), names);
    if (!facts) return facts.error();
    if (unit->level == indicators::Level::kSchool) {
      auto it = facts->schools.find(unit->code);
      if (it == facts->schools.end() || (c.scope.role == core::Role::kTownship &&
                                         it->second.township_code != c.scope.township_code))
        return make_error("not_found", "没有这所学校");
    } else if (unit->level == indicators::Level::kTownship &&
               !facts->township_names.count(unit->code)) {
      return make_error("not_found", "没有这个乡镇");
    }
    indicators::Figures total = indicators::compute(facts.value(), *unit, from, to, names);
    // The whole roll at the start and the end is the registry's list, not an answer to "who is
    // behind this count" (a county's would be 100,000 rows).
    total.children.erase("start");
    total.children.erase("end");
    const indicators::RollUp r = indicators::roll_up(facts.value(), *unit, from, to);
    json townships = json::array(), schools = json::array();
    for (const auto& t : r.townships) townships.push_back(indicators::to_json(t));
    for (const auto& s : r.schools) schools.push_back(indicators::to_json(s));
    if (names)
      if (Status st =
              c.audit("view_indicators", "indicators", unit->code,
                      total.unit.name + " " + total.from + " 至 " + total.to + " 控辍指标及名单");
          !st)
        return st.error();
    const core::Settings& s = facts->settings;
    return json{{"figures", indicators::to_json(total)},
                {"townships", townships},
                {"schools", schools},
                {"census_as_of", facts->census_as_of},
                {"targets",
                 {{"primary_dropout_rate", s.get("target.primary_dropout_rate")},
                  {"junior_dropout_rate", s.get("target.junior_dropout_rate")},
                  {"retention_rate", s.get("target.retention_rate")},
                  {"disabled_enrolment_rate", s.get("target.disabled_enrolment_rate")}}}};
  };
  // The children behind the counts are read afresh, and their view audited, every time; the
  // figures alone are kept until the county's data change.
  if (names) {
    auto out = figures_json();
    if (!out) return out.error();
    return json_response(*out);
  }
  return kept_view(
      c, "indicators|" + scope_key(c.scope) + "|" + unit->code + "|" + from.iso() + "|" + to.iso(),
      figures_json);
}

// Month by month, the last `months` months to today: enrolled at each month's end (or today),
// suspected not yet closed, dropouts not yet back, and that month's dropouts.
Result<Response> trend(Call& c) {
  const Params p = c.query();
  auto unit = unit_for(c, "", "");
  if (!unit) return unit.error();
  auto months_text = p.choice("months", {"6", "12", "24"}, "12");
  if (!months_text) return months_text.error();
  const int months = std::stoi(*months_text);
  auto today = c.today();
  if (!today) return today.error();
  Date first{today->year, today->month, 1};
  for (int i = 1; i < months; ++i)
    first = first.month == 1 ? Date{first.year - 1, 12, 1} : Date{first.year, first.month - 1, 1};
  return kept_view(
      c, "trend|" + scope_key(c.scope) + "|" + today->iso() + "|" + *months_text,
      [&]() -> Result<json> {
        auto facts = indicators::load_facts(c.db, c.county(), first.iso(), today->iso());
        if (!facts) return facts.error();
        json rows = json::array();
        for (Date m = first; m <= *today;
             m = m.month == 12 ? Date{m.year + 1, 1, 1} : Date{m.year, m.month + 1, 1}) {
          const Date next = m.month == 12 ? Date{m.year + 1, 1, 1} : Date{m.year, m.month + 1, 1};
          const Date end = std::min(next.plus_days(-1), *today);
          const indicators::Figures f = indicators::compute(facts.value(), *unit, m, end, false);
          char label[16];
          std::snprintf(label, sizeof label, "%04d-%02d", m.year, m.month);
          rows.push_back({{"month", label},
                          {"to", end.iso()},
                          {"enrolled", f.end},
                          {"suspected_open", f.suspected_open},
                          {"dropouts_open", f.dropouts_open},
                          {"dropouts", f.dropouts},
                          {"transfers_in", f.transfers_in},
                          {"transfers_out", f.transfers_out}});
        }
        return json{{"unit", indicators::to_json(indicators::compute(facts.value(), *unit, first,
                                                                     *today, false))["unit"]},
                    {"months", rows}};
      });
}

// 届巩固率 of the user's unit (or a township or school of it): `entry_year`, `stage` (primary |
// junior). A cohort still in school answers its entrants and transfers so far, without a rate.
Result<Response> cohort(Call& c) {
  const Params p = c.query();
  auto unit = unit_asked(c, p);
  if (!unit) return unit.error();
  auto stage = p.choice("stage", {"primary", "junior"}, "primary");
  if (!stage) return stage.error();
  const std::string year_text = p.text("entry_year");
  const int year = std::atoi(year_text.c_str());
  if (year < 2000 || year > 2100 || year_text.size() != 4)
    return make_error("bad_request", "entry_year 应为入学年份（四位数字），如 2020");
  auto today = c.today();
  if (!today) return today.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  const auto [from, to] = indicators::cohort_span(*stage, year, *settings);
  return kept_view(
      c,
      "cohort|" + scope_key(c.scope) + "|" + unit->code + "|" + *stage + "|" + year_text + "|" +
          today->iso(),
      [&]() -> Result<json> {
        auto facts = indicators::load_facts(c.db, c.county(), from.iso(), to.iso(), true);
        if (!facts) return facts.error();
        if (unit->level == indicators::Level::kSchool && !facts->schools.count(unit->code))
          return make_error("not_found", "没有这所学校");
        return indicators::to_json(indicators::cohort(facts.value(), *unit, *stage, year, *today));
      });
}

}  // namespace

void add_indicator_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/indicators", figures});
  routes.push_back({"GET", "/api/indicators/trend", trend});
  routes.push_back({"GET", "/api/indicators/cohort", cohort});
}

}  // namespace baoxue::api
