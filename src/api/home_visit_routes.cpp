// 家访登记: the register of home visits to any pupil (inside the user's scope, newest first,
// audited: it holds what families said), logging a visit with its photos, and this term's
// coverage of the key groups (留守, 困境, 残疾, 脱贫户, …): which of their pupils were visited.
#include <map>

#include "api/call.h"
#include "api/places.h"
#include "api/record_files.h"
#include "api/verification_json.h"
#include "attendance/escalate.h"
#include "core/labels.h"
#include "store/county_repository.h"
#include "store/home_teaching_repository.h"
#include "store/home_visit_repository.h"

namespace baoxue::api {
namespace {

const char* const kOwner = "home_visit";

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

std::string files_prefix(long long id) {
  return "/api/home-visits/" + std::to_string(id) + "/files";
}

json visit_json(const store::HomeVisit& v, const People& people,
                const std::vector<store::RecordFile>& files) {
  json photos = json::array();
  for (const auto& f : files) photos.push_back(record_file_json(f, files_prefix(v.id)));
  return {{"id", v.id},
          {"name", v.name},
          {"school_code", v.school_code},
          {"school_name", v.school_name},
          {"grade", optional_int(v.grade)},
          {"class_number", optional_int(v.class_number)},
          {"key_groups", csv_array(v.key_groups)},
          {"visit_date", v.visit_date},
          {"method", v.method},
          {"visitors", v.visitors},
          {"met", v.met},
          {"content", v.content},
          {"follow_up", v.follow_up},
          {"corrects_id", optional_int(v.corrects_id)},
          {"corrected", v.corrected},
          {"recorded_by", v.recorded_by},
          {"recorded_by_name", people.name_of(v.recorded_by)},
          {"recorded_by_unit", people.unit_of(v.recorded_by)},
          {"recorded_at", v.recorded_at},
          {"files", photos}};
}

Result<Response> visits(Call& c) {
  const Params p = c.query();
  store::VisitQuery q;
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  auto method = p.choice("method", core::label_codes("visit_method"), "", "visit_method");
  if (!method) return method.error();
  q.method = *method;
  auto groups = c.codes("key_group");
  if (!groups) return groups.error();
  std::vector<std::string> group_codes;
  for (const auto& g : *groups) group_codes.push_back(g.code);
  auto group = p.choice("key_group", group_codes);
  if (!group) return group.error();
  q.key_group = *group;
  auto from = p.date("from");
  if (!from) return from.error();
  q.from = *from;
  auto to = p.date("to");
  if (!to) return to.error();
  q.to = *to;
  q.q = p.text("q");
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::HomeVisit>>(*asked, [&](const store::Page& pg) {
    return store::find_visits(c.db, c.county(), q, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  json out = json::array();
  for (const auto& v : rows.rows) {
    auto files = store::files_of_owner(c.db, c.county(), kOwner, v.id);
    if (!files) return files.error();
    out.push_back(visit_json(v, *people, *files));
  }
  if (!rows.rows.empty()) {
    if (Status st = c.audit("view_home_visits", "home_visits", "",
                            "家访登记第 " + std::to_string(served.page.page) + " 页，" +
                                std::to_string(rows.rows.size()) + " 条（共 " +
                                count_text(rows.total) + " 条）");
        !st)
      return st.error();
  }
  return page_response(rows.total, served, out);
}

Result<Response> record_visit(Call& c) {
  if (!c.scope.may_write()) return forbidden("登记家访");
  auto body = c.body();
  if (!body) return body.error();
  // The pupil first: one outside the user's scope is not found, whatever else was sent.
  auto child = child_named(c, *body, "家访的学生", "学生");
  if (!child) return child.error();
  auto date_text = body->string("visit_date", true);
  if (!date_text) return date_text.error();
  auto date = Date::parse_iso(*date_text);
  if (!date) return make_error("bad_request", "家访日期应为 年-月-日，如 2026-10-12");
  auto today = c.today();
  if (!today) return today.error();
  if (*date > *today) return make_error("bad_request", "家访日期不能晚于今天，请在家访后登记");
  auto method = body->string("method", true);
  if (!method) return method.error();
  if (core::find_label("visit_method", *method) == nullptr)
    return make_error("bad_request",
                      "家访方式应为 入户家访（home）、电话家访（phone）或 "
                      "联合家访（joint）");
  auto visitors = body->string("visitors", true);
  if (!visitors) return visitors.error();
  auto met = body->string("met");
  if (!met) return met.error();
  auto content = body->string("content", true);
  if (!content) return content.error();
  auto follow_up = body->string("follow_up");
  if (!follow_up) return follow_up.error();
  auto corrects = body->number("corrects_id");
  if (!corrects) return corrects.error();
  const store::PlanChild& ch = *child;
  store::HomeVisit v;
  if (corrects.value()) {
    const long long target = static_cast<long long>(*corrects.value());
    auto old = store::visit_by_id(c.db, c.county(), target, c.scope);
    if (!old) return old.error();
    if (!old.value() || old.value()->child_key != ch.child_key)
      return make_error("not_found", "这名学生没有要更正的那条家访记录");
    if (old.value()->corrected)
      return make_error("bad_request", "那条家访记录已被更正过，请更正最新的一条");
    v.corrects_id = target;
  }
  v.child_key = ch.child_key;
  v.name = ch.name;
  v.township_code = ch.township_code;
  v.village_code = ch.village_code;
  v.school_code = ch.school_code;
  v.school_name = ch.school_name;
  v.grade = ch.grade;
  v.class_number = ch.class_number;
  v.key_groups = ch.key_groups;
  v.visit_date = date->iso();
  v.method = *method;
  v.visitors = *visitors;
  v.met = *met;
  v.content = *content;
  v.follow_up = *follow_up;
  v.recorded_by = c.user->username;
  // The visit answers the pupil's open attendance tasks it covers (a call, a visit, a joint
  // visit): one transaction, so a task is never closed by a visit that was not kept.
  long long tasks_closed = 0;
  if (Status st = c.db.transaction([&]() -> Status {
        if (Status s = store::insert_visit(c.db, c.county(), v); !s) return s;
        if (v.corrects_id) return {};
        auto closed = attendance::answer_tasks(c.db, c.county(), v.child_key, v.method,
                                               v.visit_date, v.id, c.user->username);
        if (!closed) return closed.error();
        tasks_closed = closed.value();
        return {};
      });
      !st)
    return st.error();
  if (Status st =
          c.audit("record_home_visit", kOwner, std::to_string(v.id),
                  v.name + "，" + v.visit_date + "，" + core::label_zh("visit_method", v.method) +
                      (v.corrects_id ? "（更正第 " + std::to_string(*v.corrects_id) + " 条记录）"
                                     : std::string()));
      !st)
    return st.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  return json_response({{"visit", visit_json(v, *people, {})}, {"tasks_closed", tasks_closed}});
}

// This term's coverage: the key-group pupils of a school (or of the user's scope), visited or
// not since the term began (census.term_days), counted per group, and a page of the pupils.
Result<Response> coverage(Call& c) {
  const Params p = c.query();
  std::string township_code, village_code, school_code;
  if (Status st = p.places(township_code, village_code, school_code); !st) return st.error();
  if (school_code.empty() && !c.scope.school_code.empty()) school_code = c.scope.school_code;
  auto groups = c.codes("key_group");
  if (!groups) return groups.error();
  std::vector<std::string> group_codes;
  for (const auto& g : *groups) group_codes.push_back(g.code);
  auto group = p.choice("key_group", group_codes);
  if (!group) return group.error();
  auto visited = p.choice("visited", {"0", "1"});
  if (!visited) return visited.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto today = c.today();
  if (!today) return today.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  const Date term_start = settings->census_day(*today);
  auto pupils = store::key_group_pupils(c.db, c.county(), c.scope, township_code, school_code,
                                        term_start.iso(), today->iso());
  if (!pupils) return pupils.error();
  std::map<std::string, std::pair<long long, long long>> per_group;  // pupils, visited
  long long visited_n = 0;
  std::vector<const store::KeyGroupPupil*> shown;
  for (const auto& pupil : *pupils) {
    visited_n += pupil.visits > 0;
    bool in_group = group->empty();
    std::size_t start = 0;
    while (start <= pupil.key_groups.size()) {
      std::size_t end = pupil.key_groups.find(',', start);
      if (end == std::string::npos) end = pupil.key_groups.size();
      const std::string g = pupil.key_groups.substr(start, end - start);
      if (!g.empty()) {
        auto& [n, v] = per_group[g];
        ++n;
        v += pupil.visits > 0;
        in_group = in_group || g == *group;
      }
      start = end + 1;
    }
    if (in_group && (visited->empty() || (*visited == "1") == (pupil.visits > 0)))
      shown.push_back(&pupil);
  }
  json by_group = json::array();
  for (const auto& g : *groups) {  // in the code table's order
    auto it = per_group.find(g.code);
    if (it == per_group.end()) continue;
    by_group.push_back({{"group", g.code},
                        {"pupils", it->second.first},
                        {"visited", it->second.second},
                        {"not_visited", it->second.first - it->second.second}});
  }
  auto found = page_in_memory(*asked, shown);
  if (!found) return found.error();
  const auto& [page, served] = found.value();
  json rows = json::array();
  for (const auto* pupil : page.rows)
    rows.push_back({{"child_id", pupil->ledger_id},
                    {"name", pupil->name},
                    {"sex", pupil->sex},
                    {"school_code", pupil->school_code},
                    {"school_name", pupil->school_name},
                    {"grade", optional_int(pupil->grade)},
                    {"class_number", optional_int(pupil->class_number)},
                    {"key_groups", csv_array(pupil->key_groups)},
                    {"visits", pupil->visits},
                    {"last_visit", pupil->last_visit}});
  if (!rows.empty()) {
    if (Status st = c.audit("view_home_visits", "home_visits", school_code,
                            "重点群体家访覆盖（" + term_start.iso() + " 起），" +
                                std::to_string(rows.size()) + " 名学生");
        !st)
      return st.error();
  }
  json out = {{"total", page.total},
              {"page", served.page.page},
              {"size", served.page.size},
              {"rows", rows},
              {"school", school_code},
              {"term", {{"start", term_start.iso()}, {"to", today->iso()}}},
              {"pupils", static_cast<long long>(pupils->size())},
              {"visited", visited_n},
              {"not_visited", static_cast<long long>(pupils->size()) - visited_n},
              {"groups", by_group}};
  if (!served.notice.empty()) out["notice"] = served.notice;
  return json_response(out);
}

Result<store::HomeVisit> visit_in_scope(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto v = store::visit_by_id(c.db, c.county(), *id, c.scope);
  if (!v) return v.error();
  if (!v.value()) return make_error("not_found", "没有这条家访记录");
  return *v.value();
}

Result<Response> upload(Call& c) {
  auto v = visit_in_scope(c);
  if (!v) return v.error();
  return upload_record_file(c, kOwner, v->id, files_prefix(v->id));
}

Result<Response> file(Call& c) {
  auto v = visit_in_scope(c);
  if (!v) return v.error();
  auto file_id = c.id("file");
  if (!file_id) return file_id.error();
  return send_record_file(c, kOwner, v->id, *file_id);
}

}  // namespace

void add_home_visit_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/home-visits", visits});
  r.push_back({"POST", "/api/home-visits", record_visit, true, kJsonBody});
  r.push_back({"GET", "/api/home-visits/coverage", coverage});
  r.push_back({"POST", "/api/home-visits/{id}/files", upload, true, kEvidenceBody});
  r.push_back({"GET", "/api/home-visits/{id}/files/{file}", file});
}

}  // namespace baoxue::api
