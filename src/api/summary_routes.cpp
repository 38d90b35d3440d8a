// The verification summary in the form counties report it, for the user's scope and broken down
// by township, village or school.
#include "api/call.h"
#include "api/places.h"
#include "store/county_repository.h"
#include "verify/summary.h"

namespace baoxue::api {
namespace {

json summary_json(const verify::Summary& s) {
  auto totals = [](const std::vector<verify::CategoryTotal>& v) {
    json a = json::array();
    for (const auto& t : v) a.push_back({{"code", t.code}, {"label", t.label}, {"count", t.count}});
    return a;
  };
  return {
      {"suspected", s.suspected},
      {"pending", s.pending},
      {"not_out_of_school",
       {{"count", s.not_out_of_school}, {"by_category", totals(s.not_out_by_category)}}},
      {"out_of_school", {{"count", s.out_of_school}, {"by_category", totals(s.out_by_category)}}},
      {"text", s.text}};
}

Result<Response> summary(Call& c) {
  const Params p = c.query();
  auto by = p.choice("by", {"township", "village", "school"}, "township");
  if (!by) return by.error();
  auto township = p.code("township");
  if (!township) return township.error();
  const verify::Level level = *by == "village"  ? verify::Level::kVillage
                              : *by == "school" ? verify::Level::kSchool
                                                : verify::Level::kTownship;
  auto outcomes = store::entry_outcomes(c.db, c.county(), c.scope);
  if (!outcomes) return outcomes.error();
  if (!township->empty()) {  // one township's entries only
    std::erase_if(outcomes.value(),
                  [&](const store::CategoryCount& o) { return o.township_code != *township; });
  }
  auto cats = store::load_codes(c.db, c.county(), "verification_category");
  if (!cats) return cats.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  json out = summary_json(verify::summarize(*outcomes, *cats, level, ""));
  json rows = json::array();
  for (const std::string& code : verify::places_of(*outcomes, level)) {
    const verify::Summary s = verify::summarize(*outcomes, *cats, level, code);
    const std::string name = places->name_of(code);
    rows.push_back({{"code", code},
                    {"name", code.empty()   ? "（地址不明）"
                             : name.empty() ? code
                                            : name},
                    {"suspected", s.suspected},
                    {"not_out_of_school", s.not_out_of_school},
                    {"out_of_school", s.out_of_school},
                    {"pending", s.pending},
                    {"text", s.text}});
  }
  out["by"] = *by;
  out["rows"] = rows;
  if (*by == "township") out["by_township"] = rows;
  return json_response(out);
}

}  // namespace

void add_summary_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/verification/summary", summary});
}

}  // namespace baoxue::api
