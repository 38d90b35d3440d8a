// Reference data, the dashboard and the three ledgers: lists (masked), detail views (full
// numbers for the roles that work with families, audited) and exports (audited).
#include <algorithm>
#include <set>

#include "api/call.h"
#include "core/id_number.h"
#include "ledger/run_json.h"
#include "ledger/run_ledger.h"
#include "store/county_repository.h"
#include "store/dashboard_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "store/verification_repository.h"

namespace baoxue::api {
namespace {

const std::vector<std::pair<std::string, std::string>> kStatuses = {
    {"enrolled", "在校"},
    {"probable", "待人工确认"},
    {"suspected", "疑似失学辍学"},
    {"out_of_band", "不在义务教育年龄段"}};

std::string status_label(const std::string& code) {
  for (const auto& [c, label] : kStatuses)
    if (c == code) return label;
  return code;
}

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// The townships and schools a user may pick from.
struct Places {
  std::vector<store::Region> townships;
  std::vector<store::School> schools;
  std::string name_of(const std::string& code) const {
    for (const auto& t : townships)
      if (t.code == code) return t.name;
    for (const auto& s : schools)
      if (s.id == code) return s.name;
    return "";
  }
};

Result<Places> places_in_scope(store::Database& db, const std::string& county,
                               const core::Scope& scope) {
  using core::Role;
  Places p;
  auto regions = store::list_regions(db, county);
  if (!regions) return regions.error();
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  for (const auto& r : regions.value()) {
    if (r.level != "township") continue;
    if (scope.county_wide() || r.code == scope.township_code) p.townships.push_back(r);
  }
  for (const auto& s : schools.value()) {
    const bool in = scope.county_wide() ||
                    (scope.role == Role::kTownship && s.township_code == scope.township_code) ||
                    ((scope.role == Role::kSchoolAdmin || scope.role == Role::kTeacher) &&
                     s.id == scope.school_code) ||
                    (scope.role == Role::kVillage && !s.village_code.empty() &&
                     s.village_code == scope.village_code);
    if (in) p.schools.push_back(s);
  }
  return p;
}

Result<Response> meta(Call& c) {
  auto counties = store::list_counties(c.db);
  if (!counties) return counties.error();
  json county = {{"code", c.county()}, {"name", ""}};
  for (const auto& k : counties.value())
    if (k.code == c.county()) county["name"] = k.name;
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  json townships = json::array(), schools = json::array();
  for (const auto& t : places->townships) townships.push_back({{"code", t.code}, {"name", t.name}});
  for (const auto& s : places->schools)
    schools.push_back({{"code", s.id}, {"name", s.name}, {"township_code", s.township_code}});
  auto categories = store::load_codes(c.db, c.county(), "verification_category");
  if (!categories) return categories.error();
  json cats = json::array();
  for (const auto& k : categories.value())
    cats.push_back({{"code", k.code},
                    {"label", k.label_zh},
                    {"label_en", k.label_en},
                    {"out_of_school", k.flag("out_of_school")}});
  auto groups = store::load_codes(c.db, c.county(), "key_group");
  if (!groups) return groups.error();
  json key_groups = json::array();
  for (const auto& g : groups.value())
    key_groups.push_back({{"code", g.code}, {"label", g.label_zh}, {"label_en", g.label_en}});
  json statuses = json::array();
  for (const auto& [code, label] : kStatuses)
    statuses.push_back({{"code", code}, {"label", label}});
  const bool county_op = is_county_role(c.scope);
  return json_response({{"county", county},
                        {"townships", townships},
                        {"schools", schools},
                        {"categories", cats},
                        {"key_groups", key_groups},
                        {"statuses", statuses},
                        {"permissions",
                         {{"dispatch", county_op},
                          {"review", county_op},
                          {"verify", c.scope.may_write() && !c.scope.county_wide()},
                          {"import", county_op},
                          {"audit", c.scope.role == core::Role::kCountyAdmin},
                          {"full_id", sees_full_numbers(c.scope)}}}});
}

// Opening instants to "YYYY-MM-DD".
std::string day_of(const std::string& instant) { return instant.substr(0, 10); }

Result<Response> dashboard(Call& c) {
  auto run = store::latest_match_run(c.db, c.county());
  if (!run) return run.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  json out;
  out["run"] = nullptr;
  std::map<std::string, json> by_township, by_school;
  auto township_row = [&](const std::string& code) -> json& {
    json& row = by_township[code];
    if (row.is_null())
      row = {{"code", code},       {"name", code.empty() ? "（地址不明）" : places->name_of(code)},
             {"children", 0},      {"suspected_open", 0},
             {"dropouts_open", 0}, {"overdue", 0}};
    return row;
  };
  auto school_row = [&](const std::string& code, const std::string& township) -> json& {
    json& row = by_school[code];
    if (row.is_null())
      row = {{"code", code},  {"name", places->name_of(code)}, {"township_code", township},
             {"children", 0}, {"suspected_open", 0},           {"dropouts_open", 0}};
    return row;
  };
  long long children = 0;
  if (run.value()) {
    const store::MatchRun& r = *run.value();
    out["run"] = ledger::run_json(r);
    auto counts = store::children_by_place(c.db, c.county(), r.id, c.scope);
    if (!counts) return counts.error();
    json status_totals = json::object();
    for (const auto& p : counts.value()) {
      children += p.count;
      township_row(p.township_code)["children"] =
          township_row(p.township_code)["children"].get<long long>() + p.count;
      if (!p.school_code.empty())
        school_row(p.school_code, p.township_code)["children"] =
            school_row(p.school_code, p.township_code)["children"].get<long long>() + p.count;
      status_totals[p.status] = status_totals.value(p.status, 0LL) + p.count;
    }
    out["status_totals"] = status_totals;
  }
  auto open = store::open_entries_by_place(c.db, c.county(), c.scope);
  if (!open) return open.error();
  long long suspected_open = 0, dropouts_open = 0;
  for (const auto& p : open.value()) {
    const std::string key = p.status == "dropout" ? "dropouts_open" : "suspected_open";
    (p.status == "dropout" ? dropouts_open : suspected_open) += p.count;
    json& t = township_row(p.township_code);
    t[key] = t[key].get<long long>() + p.count;
    if (!p.school_code.empty()) {
      json& s = school_row(p.school_code, p.township_code);
      s[key] = s[key].get<long long>() + p.count;
    }
  }
  out["ledgers"] = {
      {"children", children}, {"suspected_open", suspected_open}, {"dropouts_open", dropouts_open}};
  auto tasks = store::task_counts(c.db, c.county(), c.scope, today());
  if (!tasks) return tasks.error();
  out["tasks"] = json::object();
  for (const char* k : {"undispatched", "assigned", "submitted", "returned", "overdue"})
    out["tasks"][k] = tasks->count(k) ? tasks->at(k) : 0;
  // Open entries at the end of each day something opened or closed, and today.
  auto spans = store::entry_spans(c.db, c.county(), c.scope);
  if (!spans) return spans.error();
  std::set<std::string> days = {today()};
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
  out["by_township"] = json::array();
  for (auto& [code, row] : by_township) out["by_township"].push_back(row);
  out["by_school"] = json::array();
  for (auto& [code, row] : by_school) out["by_school"].push_back(row);
  return json_response(out);
}

// ---- 适龄儿童台账 ----

// A JSON string, UTF-8 as it is (the rows come from the database, where import put valid UTF-8).
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

// One row of the 适龄儿童台账 as the lists show it (numbers masked). Written by hand: a page of
// rows through nlohmann's objects cost more than the rest of the request together.
void append_child_row(std::string& out, const store::LedgerChild& ch) {
  auto key = [&](const char* k) {
    out += out.back() == '{' ? "\"" : ",\"";
    out += k;
    out += "\":";
  };
  auto text = [&](const char* k, std::string_view v) {
    key(k);
    append_quoted(out, v);
  };
  auto number = [&](const char* k, const std::optional<long long>& v) {
    key(k);
    out += v ? std::to_string(*v) : "null";
  };
  auto boolean = [&](const char* k, bool v) {
    key(k);
    out += v ? "true" : "false";
  };
  out += '{';
  number("id", ch.id);
  text("name", ch.name);
  text("sex", ch.sex);
  text("birth_date", ch.birth_date);
  text("id_number", core::mask_id_number(ch.id_number));
  text("township", ch.township);
  text("village", ch.village);
  text("township_code", ch.township_code);
  text("village_code", ch.village_code);
  text("school_code", ch.school_code);
  text("school_name", ch.school_name);
  number("grade", ch.grade);
  text("status", ch.status);
  text("status_label", status_label(ch.status));
  boolean("in_band", ch.in_band);
  text("key_groups", ch.key_groups);
  text("on_lists", ch.on_lists);
  boolean("poverty", ch.poverty);
  out += '}';
}

json child_row(const store::LedgerChild& ch) {
  std::string row;
  append_child_row(row, ch);
  return json::parse(row);
}

store::ChildQuery child_query(const Call& c) {
  return {c.query("q"), c.query("township"), c.query("school"), c.query("status"),
          c.query("group")};
}

Result<long long> latest_run_id(Call& c) {
  if (c.options.ledgers != nullptr) return c.options.ledgers->latest_run(c.db, c.county());
  auto run = store::latest_match_run(c.db, c.county());
  if (!run) return run.error();
  return run.value() ? run.value()->id : 0;
}

// The latest run's ledger in memory, when the server keeps it there (null: query the database).
Result<std::shared_ptr<const ledger::RunLedger>> latest_ledger(Call& c, long long run) {
  if (c.options.ledgers == nullptr || run == 0) return std::shared_ptr<const ledger::RunLedger>();
  return c.options.ledgers->get(c.db, c.county(), run);
}

Result<Response> children(Call& c) {
  auto run = latest_run_id(c);
  if (!run) return run.error();
  auto ledger = latest_ledger(c, *run);
  if (!ledger) return ledger.error();
  store::Paged<const store::LedgerChild*> found;
  store::Paged<store::LedgerChild> read;  // owns the rows when they come from the database
  if (ledger.value()) {
    found = ledger.value()->find(child_query(c), c.scope, c.page());
  } else {
    auto rows = store::find_children(c.db, c.county(), *run, child_query(c), c.scope, c.page());
    if (!rows) return rows.error();
    read = std::move(rows.value());
    found.total = read.total;
    for (const auto& r : read.rows) found.rows.push_back(&r);
  }
  Response r;
  r.body = "{\"total\":" + std::to_string(found.total) +
           ",\"page\":" + std::to_string(c.page().page) +
           ",\"size\":" + std::to_string(c.page().size) + ",\"rows\":[";
  for (std::size_t i = 0; i < found.rows.size(); ++i) {
    if (i > 0) r.body += ',';
    append_child_row(r.body, *found.rows[i]);
  }
  r.body += "]}";
  return r;
}

// The child of the latest run from memory when the server keeps it there, else (an older
// run's row, or no memory) from the database; both apply the scope.
Result<std::optional<store::LedgerChild>> find_child(Call& c, long long id) {
  if (c.options.ledgers != nullptr) {
    auto run = latest_run_id(c);
    if (!run) return run.error();
    auto ledger = latest_ledger(c, *run);
    if (!ledger) return ledger.error();
    if (ledger.value())
      if (const store::LedgerChild* row = ledger.value()->by_id(id, c.scope))
        return std::optional<store::LedgerChild>(*row);
  }
  return store::child_by_id(c.db, c.county(), id, c.scope);
}

Result<Response> child(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto found = find_child(c, *id);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "没有这名儿童的记录");
  const store::LedgerChild& ch = *found.value();
  json out = child_row(ch);
  const bool full = sees_full_numbers(c.scope);
  if (full) out["id_number"] = ch.id_number;
  out["guardian_name"] = ch.guardian_name;
  out["expected_grade"] = optional_int(ch.expected_grade);
  // His suspected entries, if any (by the same child key).
  auto entries = store::entries_of_child(c.db, c.county(), ch.child_key, c.scope);
  if (!entries) return entries.error();
  json mine = json::array();
  for (const auto& e : entries.value())
    mine.push_back({{"id", e.id}, {"status", e.status}, {"reason", e.reason}});
  out["suspected_entries"] = mine;
  if (Status st = c.audit("view_child", "ledger_child", std::to_string(ch.id),
                          full ? "full_numbers" : "masked");
      !st)
    return st.error();
  return json_response(out);
}

Result<Response> export_children(Call& c) {
  auto run = latest_run_id(c);
  if (!run) return run.error();
  auto found = store::find_children(c.db, c.county(), *run, child_query(c), c.scope, {1, 1000000});
  if (!found) return found.error();
  std::vector<std::vector<std::string>> rows;
  for (const auto& ch : found->rows)
    rows.push_back({ch.name, ch.sex, ch.birth_date, core::mask_id_number(ch.id_number), ch.township,
                    ch.village, ch.school_name, ch.grade ? std::to_string(*ch.grade) : "",
                    status_label(ch.status), ch.key_groups});
  if (Status st = c.audit("export_children", "ledger_children", std::to_string(*run),
                          std::to_string(rows.size()) + " rows");
      !st)
    return st.error();
  return xlsx_response("适龄儿童台账.xlsx", "适龄儿童台账",
                       {"姓名", "性别", "出生日期", "身份证号", "乡镇", "村(居)", "学校", "年级",
                        "状态", "重点群体"},
                       rows);
}

}  // namespace

void add_ledger_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/meta", meta});
  r.push_back({"GET", "/api/dashboard", dashboard});
  r.push_back({"GET", "/api/children", children});
  r.push_back({"GET", "/api/children/export", export_children});
  r.push_back({"GET", "/api/children/{id}", child});
}

}  // namespace baoxue::api
