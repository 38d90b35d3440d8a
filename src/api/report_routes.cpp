// 四个一 reports: which units of the user's scope owe a report for a period and which have
// submitted (late or on time), a unit's draft drawn from the data now, submitting (which
// freezes it as the next version), a frozen report with its versions and what each changed, and
// its workbook in the official layout. A school reports for itself, a township for its
// roll-up, the bureau for the county; an inspector reads.
#include <filesystem>

#include "api/call.h"
#include "core/labels.h"
#include "report/report.h"
#include "store/county_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::api {
namespace {

namespace fs = std::filesystem;

// The units whose reports the user sees: his school; his township and its schools; for the
// bureau the county, every township and every school.
Result<std::vector<report::Unit>> units_in_scope(const Call& c,
                                                 std::map<std::string, std::string>* township_of) {
  using core::Role;
  if (!c.scope.county_wide() && c.scope.role != Role::kTownship &&
      c.scope.role != Role::kSchoolAdmin)
    return forbidden("查看报表");
  auto schools = store::list_schools(c.db, c.county());
  if (!schools) return schools.error();
  auto regions = store::list_regions(c.db, c.county());
  if (!regions) return regions.error();
  std::vector<report::Unit> out;
  if (c.scope.county_wide()) {
    auto counties = store::list_counties(c.db);
    if (!counties) return counties.error();
    for (const auto& k : counties.value())
      if (k.code == c.county()) out.push_back({"county", k.code, k.name});
  }
  for (const auto& r : regions.value())
    if (r.level == "township" && (c.scope.county_wide() || (c.scope.role == Role::kTownship &&
                                                            r.code == c.scope.township_code)))
      out.push_back({"township", r.code, r.name});
  for (const auto& s : schools.value()) {
    if (township_of) (*township_of)[s.id] = s.township_code;
    if (c.scope.county_wide() ||
        (c.scope.role == Role::kTownship && s.township_code == c.scope.township_code) ||
        (c.scope.role == Role::kSchoolAdmin && s.id == c.scope.school_code))
      out.push_back({"school", s.id, s.name});
  }
  return out;
}

Result<report::Unit> unit_named(const Call& c, const std::string& level, const std::string& code) {
  auto units = units_in_scope(c, nullptr);
  if (!units) return units.error();
  for (const auto& u : units.value())
    if (u.level == level && u.code == code) return u;
  return make_error("not_found", "没有这个单位的报表");
}

// Whether the user submits this unit's report: the school itself, the township itself, the
// bureau's operators for the county.
bool submits(const Call& c, const report::Unit& u) {
  using core::Role;
  if (u.level == "school")
    return c.scope.role == Role::kSchoolAdmin && c.scope.school_code == u.code;
  if (u.level == "township")
    return c.scope.role == Role::kTownship && c.scope.township_code == u.code;
  return c.scope.operates_county();
}

Result<report::Period> period_asked(const Call& c, const Params& p) {
  auto kind = p.choice("kind", {"monthly", "quarterly", "term"}, "monthly", "report_kind");
  if (!kind) return kind.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  std::string code = p.text("period");
  if (code.empty()) {
    auto today = c.today();
    if (!today) return today.error();
    return report::period_holding(*kind, *today, settings.value());
  }
  return report::period_of(*kind, code, settings.value());
}

json report_meta(const store::Report& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"period", r.period},
          {"unit", {{"level", r.unit_level}, {"code", r.unit_code}, {"name", r.unit_name}}},
          {"version", r.version},
          {"digest", r.digest},
          {"preparer", r.preparer},
          {"approver", r.approver},
          {"note", r.note},
          {"submitted_at", r.submitted_at},
          {"submitted_by", r.submitted_by},
          {"changes", r.changes.empty() ? json::array() : json::parse(r.changes, nullptr, false)}};
}

json period_json(const report::Period& p) {
  return {{"kind", p.kind},       {"code", p.code},   {"label", p.label},
          {"from", p.from.iso()}, {"to", p.to.iso()}, {"due", p.due.iso()}};
}

Result<Response> status(Call& c) {
  const Params p = c.query();
  auto period = period_asked(c, p);
  if (!period) return period.error();
  std::map<std::string, std::string> township_of;
  auto units = units_in_scope(c, &township_of);
  if (!units) return units.error();
  auto latest = store::latest_reports(c.db, c.county(), period->kind, period->code);
  if (!latest) return latest.error();
  std::map<std::string, const store::Report*> by_unit;
  for (const auto& r : latest.value()) by_unit[r.unit_code] = &r;
  auto today = c.today();
  if (!today) return today.error();
  json rows = json::array();
  std::map<std::string, long long> counts;
  for (const auto& u : units.value()) {
    auto it = by_unit.find(u.code);
    std::string state;
    json row = {{"unit", {{"level", u.level}, {"code", u.code}, {"name", u.name}}},
                {"township_code", u.level == "school" ? township_of[u.code] : std::string()},
                {"may_submit", submits(c, u)}};
    if (it != by_unit.end()) {
      const store::Report& r = *it->second;
      // Late: submitted after the due day (its date on the county's calendar is close enough:
      // the timestamp is UTC, the due day ends at midnight China time, 8 hours earlier).
      state = r.submitted_at.substr(0, 10) > period->due.iso() ? "late" : "submitted";
      row["report_id"] = r.id;
      row["version"] = r.version;
      row["submitted_at"] = r.submitted_at;
    } else {
      state = *today > period->due ? "overdue" : "missing";
    }
    row["status"] = state;
    ++counts[state];
    rows.push_back(std::move(row));
  }
  return json_response({{"period", period_json(*period)}, {"counts", counts}, {"rows", rows}});
}

Result<Response> draft(Call& c) {
  const Params p = c.query();
  auto period = period_asked(c, p);
  if (!period) return period.error();
  auto level = p.choice("level", {"school", "township", "county"}, "", "report_level");
  if (!level) return level.error();
  auto unit = unit_named(c, *level, p.text("code"));
  if (!unit) return unit.error();
  auto today = c.today();
  if (!today) return today.error();
  auto content = report::draft(c.db, c.county(), *period, *unit, *today);
  if (!content) {
    if (content.error().code == "period_not_started")
      return make_error("bad_request", content.error().message);
    return content.error();
  }
  const std::string digest = report::digest_of(content.value());
  auto versions = store::report_versions(c.db, c.county(), period->kind, period->code, unit->code);
  if (!versions) return versions.error();
  json latest = nullptr;
  json changes = json::array();
  if (!versions->empty()) {
    latest = report_meta(versions->back());
    changes = report::report_changes(json::parse(versions->back().content), content.value());
  }
  if (Status st = c.audit("view_report", "report", unit->code,
                          unit->name + " " + period->label + " " +
                              core::label_zh("report_kind", period->kind) + "（草稿）");
      !st)
    return st.error();
  return json_response({{"period", period_json(*period)},
                        {"content", content.value()},
                        {"digest", digest},
                        {"latest", latest},
                        {"differs", !versions->empty() && versions->back().digest != digest},
                        {"changes", changes},
                        {"may_submit", submits(c, *unit)}});
}

Result<Response> submit(Call& c) {
  if (!c.scope.may_write()) return forbidden("上报报表");
  auto body = c.body();
  if (!body) return body.error();
  std::string kind, period_code, level, code, preparer, approver, note;
  if (Status st = body->fill({{"kind", &kind},
                              {"period", &period_code},
                              {"level", &level},
                              {"code", &code},
                              {"preparer", &preparer},
                              {"approver", &approver},
                              {"note", &note}});
      !st)
    return st.error();
  auto unit = unit_named(c, level, code);
  if (!unit) return unit.error();
  if (!submits(c, *unit))
    return forbidden("上报" + unit->name + "的报表（学校报本校，乡镇报本乡镇，县教育局报全县）");
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  auto period = report::period_of(kind.empty() ? "monthly" : kind, period_code, settings.value());
  if (!period) return period.error();
  auto today = c.today();
  if (!today) return today.error();
  auto saved = report::submit(c.db, c.county(), *period, *unit,
                              {preparer, approver, note, c.user->username}, *today);
  if (!saved) {
    const std::string& code_ = saved.error().code;
    if (code_ == "report_unchanged" || code_ == "period_not_started")
      return make_error("bad_request", saved.error().message);
    return saved.error();
  }
  if (Status st = c.audit(
          "submit_report", "report", std::to_string(saved->id),
          unit->name + " " + period->label + " " + core::label_zh("report_kind", period->kind) +
              " 第 " + std::to_string(saved->version) + " 版，指纹 " + saved->digest.substr(0, 12));
      !st)
    return st.error();
  return json_response({{"report", report_meta(*saved)}}, 201);
}

// A frozen report, when its unit is in the user's scope.
Result<store::Report> frozen(const Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto r = store::report_by_id(c.db, c.county(), *id);
  if (!r) return r.error();
  if (!r.value()) return make_error("not_found", "没有这份报表");
  auto unit = unit_named(c, r.value()->unit_level, r.value()->unit_code);
  if (!unit) return unit.error();
  return *r.value();
}

Result<Response> show(Call& c) {
  auto r = frozen(c);
  if (!r) return r.error();
  auto versions = store::report_versions(c.db, c.county(), r->kind, r->period, r->unit_code);
  if (!versions) return versions.error();
  json list = json::array();
  for (const auto& v : versions.value()) list.push_back(report_meta(v));
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  auto period = report::period_of(r->kind, r->period, settings.value());
  if (!period) return period.error();
  if (Status st =
          c.audit("view_report", "report", std::to_string(r->id),
                  r->unit_name + " " + period->label + " 第 " + std::to_string(r->version) + " 版");
      !st)
    return st.error();
  json meta = report_meta(*r);
  meta["digest_verified"] = report::digest_of(json::parse(r->content)) == r->digest;
  return json_response({{"report", meta},
                        {"period", period_json(*period)},
                        {"content", json::parse(r->content)},
                        {"versions", list}});
}

Result<Response> workbook(Call& c) {
  auto r = frozen(c);
  if (!r) return r.error();
  const fs::path path = fs::path(c.options.data_dir) / "reports" /
                        ("report-" + c.county() + "-" + std::to_string(r->id) + ".xlsx");
  std::error_code ec;
  if (!fs::exists(path, ec)) {  // a frozen report never changes: written once, kept
    fs::create_directories(path.parent_path(), ec);
    const fs::path part = path.string() + ".part";
    if (Status st = report::write_xlsx(*r, part.string()); !st) return st.error();
    fs::rename(part, path, ec);
    if (ec) return make_error("report_not_written", "报表文件无法保存，请联系管理员");
  }
  if (Status st =
          c.audit("export_report", "report", std::to_string(r->id),
                  r->unit_name + " " + r->period + " 第 " + std::to_string(r->version) + " 版");
      !st)
    return st.error();
  Response out;
  out.file = path.string();
  out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  out.attachment = r->unit_name + "_" + r->period + "_第" + std::to_string(r->version) + "版.xlsx";
  return out;
}

}  // namespace

void add_report_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/reports", status});
  routes.push_back({"GET", "/api/reports/draft", draft});
  routes.push_back({"POST", "/api/reports", submit});
  routes.push_back({"GET", "/api/reports/{id}", show});
  routes.push_back({"GET", "/api/reports/{id}/xlsx", workbook});
}

}  // namespace baoxue::api
