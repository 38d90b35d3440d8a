// The audit log for the county's administrator: who did what, when, from where and for which
// unit, in Chinese; filtered by user, unit, action and date; exported like any list.
#include "api/call.h"
#include "api/exports.h"
#include "api/places.h"
#include "core/labels.h"
#include "store/audit_repository.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

// The start of the county's calendar day `day` as a UTC instant (the log keeps UTC): the days
// [from, to] a clerk picks are the instants [start of from, start of the day after to).
std::string local_day_start_utc(const std::string& day, int utc_offset_hours) {
  const auto d = Date::parse_iso(day);
  const long minutes = d->days_since_epoch() * 1440L - utc_offset_hours * 60L;
  const Date utc_day = Date::from_days_since_epoch(minutes / 1440);  // dates after 1970
  const long rest = minutes - utc_day.days_since_epoch() * 1440L;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02ld:%02ld:00Z", utc_day.iso().c_str(), rest / 60, rest % 60);
  return buf;
}

// The filters; `unit` names a township (with its villages and schools), a village or a school.
Result<store::AuditQuery> audit_query(store::Database& db, const std::string& county,
                                      const Params& p) {
  store::AuditQuery q;
  q.username = p.text("user");
  auto action = p.choice("action", core::label_codes("audit_action"), "", "audit_action");
  if (!action) return action.error();
  q.action = *action;
  auto unit = p.code("unit");
  if (!unit) return unit.error();
  if (!unit->empty()) {
    q.unit_codes.push_back(*unit);
    core::Scope all;
    all.county = county;
    all.role = core::Role::kCountyAdmin;
    auto places = places_in_scope(db, county, all);
    if (!places) return places.error();
    for (const auto& r : places->all_regions)
      if (r.parent_code == *unit) q.unit_codes.push_back(r.code);
    for (const auto& s : places->all_schools)
      if (s.township_code == *unit) q.unit_codes.push_back(s.id);
  }
  auto from = p.date("from");
  if (!from) return from.error();
  auto to = p.date("to");
  if (!to) return to.error();
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const int offset = settings->get_int("county.utc_offset_hours");
  if (!from->empty()) q.from = local_day_start_utc(*from, offset);
  if (!to->empty()) q.to = local_day_start_utc(Date::parse_iso(*to)->plus_days(1).iso(), offset);
  return q;
}

Result<Response> audit(Call& c) {
  if (c.scope.role != core::Role::kCountyAdmin) return forbidden("查看审计日志");
  const Params p = c.query();
  auto query = audit_query(c.db, c.county(), p);
  if (!query) return query.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::AuditEntry>>(*asked, [&](const store::Page& pg) {
    return store::find_audit(c.db, c.county(), *query, pg);
  });
  if (!found) return found.error();
  const auto& [entries, served] = found.value();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  json rows = json::array();
  for (const auto& e : entries.rows)
    rows.push_back({{"id", e.id},
                    {"at", e.at},
                    {"username", e.username},
                    {"user_name", e.user_id ? people->name_of(e.username) : ""},
                    {"unit_code", e.unit_code},
                    {"unit_name", places->unit_name(e.unit_code)},
                    {"action", e.action},
                    {"object_type", e.object_type},
                    {"object_id", e.object_id},
                    {"detail", e.detail},
                    {"address", e.address}});
  return page_response(entries.total, served, rows);
}

}  // namespace

Result<ExportPlan> plan_audit_export(store::Database& db, const ExportRequest& r) {
  if (r.scope.role != core::Role::kCountyAdmin)
    return make_error("forbidden", "您的账号没有权限导出审计日志");
  auto query = audit_query(db, r.county, Params(r.params));
  if (!query) return query.error();
  auto places = places_in_scope(db, r.county, r.scope);
  if (!places) return places.error();
  auto people = People::load(db, r.county, *places);
  if (!people) return people.error();
  ExportPlan plan;
  plan.title = "审计日志";
  plan.object_type = "audit_log";
  plan.header = {"时间（UTC）", "用户名",   "姓名", "单位",    "操作",
                 "对象",        "对象编号", "说明", "来源地址"};
  plan.write = [query = *query, r, places = *places, people = *people](
                   store::Database& db, const RowSink& sink) -> Status {
    return store::for_each_audit(db, r.county, query, [&](const store::AuditEntry& e) {
      return sink({e.at, e.username, e.user_id ? people.name_of(e.username) : "",
                   places.unit_name(e.unit_code), core::label_zh("audit_action", e.action),
                   e.object_type.empty() ? "" : core::label_zh("audit_object", e.object_type),
                   e.object_id, e.detail, e.address});
    });
  };
  return plan;
}

void add_audit_routes(std::vector<Route>& r) { r.push_back({"GET", "/api/audit", audit}); }

}  // namespace baoxue::api
