// 疑似失学辍学台账: the list (masked), the detail view with its verification tasks (full
// numbers for the roles that work with families, audited), dispatching to verification, and
// the export.
#include "api/call.h"
#include "api/exports.h"
#include "api/verification_json.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

Result<store::EntryQuery> entry_query(const Params& p, const Date& today) {
  store::EntryQuery q;
  auto status = p.choice("status", {"open", "closed", "all"}, "", "entry_status");
  if (!status) return status.error();
  q.status = *status == "all" ? "" : *status;
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  q.q = p.text("q");
  auto task = p.choice("task", core::label_codes("task_filter"), "", "task_filter");
  if (!task) return task.error();
  q.task = *task;
  q.today = today.iso();
  auto sort = p.sort(store::entry_sort_fields());
  if (!sort) return sort.error();
  q.sort = *sort;
  return q;
}

// The latest task of each entry.
Result<std::map<long long, store::Task>> latest_tasks(Call& c,
                                                      const std::vector<long long>& entry_ids) {
  auto tasks = store::tasks_of_entries(c.db, c.county(), entry_ids);
  if (!tasks) return tasks.error();
  std::map<long long, store::Task> out;
  for (auto& t : tasks.value()) out[t.entry_id] = t;  // ordered by id: the last one stays
  return out;
}

Result<Response> suspected(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  const Params p = c.query();
  auto query = entry_query(p, *today);
  if (!query) return query.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::SuspectedEntry>>(*asked, [&](const store::Page& pg) {
    return store::find_suspected_entries(c.db, c.county(), *query, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [entries, served] = found.value();
  std::vector<long long> ids;
  for (const auto& e : entries.rows) ids.push_back(e.id);
  auto tasks = latest_tasks(c, ids);
  if (!tasks) return tasks.error();
  json rows = json::array();
  for (const auto& e : entries.rows) {
    auto t = tasks->find(e.id);
    rows.push_back(entry_row(c, e, t == tasks->end() ? nullptr : &t->second, today->iso()));
  }
  return page_response(entries.total, served, rows);
}

Result<Response> suspected_entry(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto today = c.today();
  if (!today) return today.error();
  auto found = store::suspected_entry_by_id(c.db, c.county(), *id, c.scope);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "没有这条疑似记录");
  const store::SuspectedEntry& e = *found.value();
  auto tasks = store::tasks_of_entries(c.db, c.county(), {e.id});
  if (!tasks) return tasks.error();
  json out = entry_row(c, e, tasks->empty() ? nullptr : &tasks->back(), today->iso());
  const bool full = sees_full_numbers(c.scope);
  out["id_number"] = full ? e.id_number : core::mask_id_number(e.id_number);
  out["guardian_phone"] = full ? e.guardian_phone : core::mask_phone_number(e.guardian_phone);
  out["guardian_name"] = e.guardian_name;
  out["address"] = e.address;
  out["student_no"] = e.student_no;
  out["close_note"] = e.close_note;
  out["evidence_text"] = e.evidence;
  out["reopen_reason"] = e.reopen_reason;
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  out["closed_by_name"] = e.closed_by.empty() ? "" : people->name_of(e.closed_by);
  json all = json::array();
  for (const auto& t : tasks.value()) {
    auto d = task_detail(c, t, today->iso(), *people);
    if (!d) return d.error();
    all.push_back(*d);
  }
  out["tasks"] = all;
  if (Status st = c.audit("view_suspected", "suspected_entry", std::to_string(e.id),
                          e.name + (full ? "（完整号码）" : "（号码已遮蔽）"));
      !st)
    return st.error();
  return json_response(out);
}

// Who gets the tasks and by when, from the body.
Result<verify::DispatchRequest> dispatch_request(Call& c, const Body& b, const Date& today) {
  verify::DispatchRequest r;
  auto to = b.string("to", false, "residence");
  if (!to) return to.error();
  r.to = *to;
  auto school = b.string("school_code");
  if (!school) return school.error();
  r.school_code = *school;
  auto deadline = b.string("deadline");
  if (!deadline) return deadline.error();
  r.deadline = *deadline;
  if (r.deadline.empty()) {  // the county's usual time allowed
    auto settings = store::load_settings(c.db, c.county());
    if (!settings) return settings.error();
    r.deadline = today.plus_days(settings->get_int("verification.deadline_days")).iso();
  }
  r.today = today.iso();
  return r;
}

std::string dispatch_detail(const verify::DispatchRequest& r, const verify::DispatchResult& d) {
  return "派发 " + count_text(d.dispatched) + " 条到" +
         (r.to == "school" ? "学校" : "户籍所在地（村、乡镇）") + "，截止 " + r.deadline +
         (d.skipped.empty() ? "" : "；未派发 " + count_text(d.skipped.size()) + " 条");
}

json dispatch_json(const verify::DispatchResult& d) {
  json skipped = json::array();
  for (const auto& [id, why] : d.skipped) skipped.push_back({{"id", id}, {"reason", why}});
  return {{"dispatched", d.dispatched}, {"skipped", skipped}};
}

// Chosen entries (at most a page) are dispatched in the request; "all undispatched" — however
// many — runs as a job.
Result<Response> dispatch(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  auto today = c.today();
  if (!today) return today.error();
  auto r = dispatch_request(c, *body, *today);
  if (!r) return r.error();
  auto all = body->boolean("all_undispatched");
  if (!all) return all.error();
  auto ids = body->ids("entry_ids", static_cast<std::size_t>(kMaxPageSize));
  if (!ids) return ids.error();
  if (!*all) {
    if (ids->empty()) return make_error("bad_request", "请选择要派发的疑似记录");
    r->entry_ids = *ids;
    auto result = verify::dispatch(c.db, c.actor(), *r);
    if (!result) return result.error();
    if (Status st = c.audit("dispatch", "suspected_entries", "", dispatch_detail(*r, *result)); !st)
      return st.error();
    return json_response(dispatch_json(*result));
  }
  if (!is_county_role(c.scope)) return forbidden("派发核查任务");
  r->all_undispatched = true;
  const verify::Actor actor = c.actor();
  const Author author = c.author();
  return start_job(c, "dispatch", body->json(), jobs::Lane::kWrites,
                   [r = *r, actor, author](jobs::Context& ctx) mutable -> Status {
                     r.progress = &ctx.progress;
                     auto result = verify::dispatch(ctx.db, actor, r);
                     if (!result) return result.error();
                     store::AuditEntry e =
                         author.entry("dispatch", "suspected_entries", std::to_string(ctx.job.id),
                                      dispatch_detail(r, *result));
                     if (Status st = store::append_audit(ctx.db, e); !st) return st;
                     ctx.job.result = dispatch_json(*result).dump();
                     return {};
                   });
}

}  // namespace

Result<ExportPlan> plan_suspected_export(store::Database& db, const ExportRequest& r) {
  auto query = entry_query(Params(r.params), r.today);
  if (!query) return query.error();
  auto categories = store::load_codes(db, r.county, "verification_category");
  if (!categories) return categories.error();
  ExportPlan plan;
  plan.title = "疑似失学辍学台账";
  plan.object_type = "suspected_entries";
  plan.header = {"编号", "姓名", "性别",     "出生日期", "身份证号", "乡镇",     "村(居)",
                 "学校", "来源", "疑似原因", "脱贫家庭", "状态",     "核查类别", "列入时间"};
  plan.write = [query = *query, r, cats = *categories](store::Database& db,
                                                       const RowSink& sink) -> Status {
    auto category = [&](const std::string& code) { return core::code_and_label(cats, code); };
    return store::for_each_suspected_entry(
        db, r.county, query, r.scope, [&](const store::SuspectedEntry& e) {
          return sink({std::to_string(e.id), e.name, e.sex, e.birth_date,
                       core::mask_id_number(e.id_number), e.township, e.village, e.school_name,
                       core::label_zh("comparison", e.comparison), e.reason, e.poverty ? "是" : "",
                       core::label_zh("entry_status", e.status), category(e.close_category),
                       e.opened_at.substr(0, 10)});
        });
  };
  return plan;
}

void add_suspected_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/suspected", suspected});
  r.push_back({"POST", "/api/suspected/dispatch", dispatch, true, kJsonBody});
  r.push_back({"GET", "/api/suspected/{id}", suspected_entry});
}

}  // namespace baoxue::api
