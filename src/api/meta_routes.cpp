// What the web app needs to speak the user's language and draw his filters: his unit, the
// places in his scope, the code tables and the product's labels, the settings that set
// defaults, and what he may do.
#include "api/call.h"
#include "api/places.h"
#include "auth/role.h"
#include "core/labels.h"
#include "movement/kinds.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

json code_json(const core::Code& c) {
  json j = {{"code", c.code}, {"label", c.label_zh}, {"label_en", c.label_en}};
  // What the web app needs to know of a label besides its name (a case end that needs proof=1,
  // a duty's line).
  if (!c.attrs.empty()) j["attrs"] = c.attrs;
  return j;
}

std::string unit_level(const core::Scope& s) {
  using core::Role;
  switch (s.role) {
    case Role::kTownship:
      return "township";
    case Role::kVillage:
      return "village";
    case Role::kSchoolAdmin:
      return "school";
    case Role::kTeacher:
      return "class";
    default:
      return "county";
  }
}

Result<Response> meta(Call& c) {
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  const std::string unit = unit_code_of(c.scope);
  std::string unit_name = places->unit_name(unit);
  if (c.scope.role == core::Role::kTeacher && c.scope.class_grade > 0)
    unit_name += std::to_string(c.scope.class_grade) + "年级(" +
                 std::to_string(c.scope.class_number) + ")班";
  json townships = json::array(), villages = json::array(), schools = json::array();
  for (const auto& t : places->townships) townships.push_back({{"code", t.code}, {"name", t.name}});
  for (const auto& v : places->villages)
    villages.push_back({{"code", v.code}, {"name", v.name}, {"township_code", v.parent_code}});
  for (const auto& s : places->schools)
    schools.push_back({{"code", s.id},
                       {"name", s.name},
                       {"township_code", s.township_code},
                       {"village_code", s.village_code}});
  auto categories = store::load_codes(c.db, c.county(), "verification_category");
  if (!categories) return categories.error();
  json cats = json::array();
  for (const auto& k : categories.value()) {
    json j = code_json(k);
    j["out_of_school"] = k.flag("out_of_school");
    cats.push_back(j);
  }
  auto groups = store::load_codes(c.db, c.county(), "key_group");
  if (!groups) return groups.error();
  json key_groups = json::array();
  for (const auto& g : groups.value()) key_groups.push_back(code_json(g));
  json labels = json::object();
  for (const core::Code& l : core::labels()) {
    if (!labels.contains(l.table)) labels[l.table] = json::array();
    labels[l.table].push_back(code_json(l));
  }
  // The county's 学籍异动 kinds (its code table, which it may extend) among the labels.
  auto kinds = movement::load_kind_codes(c.db, c.county());
  if (!kinds) return kinds.error();
  labels["movement_kind"] = json::array();
  for (const auto& k : kinds.value()) labels["movement_kind"].push_back(code_json(k));
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  auto today = c.today();
  if (!today) return today.error();
  const bool county_op = is_county_role(c.scope);
  return json_response(
      {{"county", {{"code", c.county()}, {"name", places->county_name}}},
       {"unit",
        {{"level", unit_level(c.scope)},
         {"code", unit},
         {"name", unit_name},
         {"role_label", std::string(auth::role_label_zh(c.scope.role))}}},
       {"townships", townships},
       {"villages", villages},
       {"schools", schools},
       {"categories", cats},
       {"key_groups", key_groups},
       {"labels", labels},
       {"today", today->iso()},
       {"settings",
        {{"verification_deadline_days", settings->get_int("verification.deadline_days")},
         {"case_notice_deadline_days", settings->get_int("case.notice_deadline_days")},
         {"case_follow_up_days", settings->get_int("case.follow_up_days")},
         {"census_day", settings->census_day(*today).iso()}}},
       {"permissions",
        {{"dispatch", county_op},
         {"review", county_op},
         {"verify", c.scope.may_write() && !c.scope.county_wide()},
         {"import", county_op},
         {"audit", c.scope.role == core::Role::kCountyAdmin},
         {"full_id", sees_full_numbers(c.scope)}}}});
}

}  // namespace

void add_meta_routes(std::vector<Route>& r) { r.push_back({"GET", "/api/meta", meta}); }

}  // namespace baoxue::api
