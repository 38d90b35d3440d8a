// Verification tasks: the worker's list, evidence files, submitting a finding, the county's
// review, a township taking a task over. Who may do what is the workflow's table
// (core/task_flow.h via verify::may_take); every change is audited.
#include <filesystem>

#include "api/call.h"
#include "api/verification_json.h"
#include "core/labels.h"
#include "core/task_flow.h"
#include "ledger/run_ledger.h"

namespace baoxue::api {
namespace {

Result<Response> tasks(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  const Params p = c.query();
  std::vector<std::string> states = core::task_states();
  states.push_back("overdue");
  auto state = p.choice("state", states, "", "task_filter");
  if (!state) return state.error();
  auto sort = p.sort({"deadline", "name", "township"});
  if (!sort) return sort.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  store::TaskQuery q{*state, today->iso(), *sort};
  auto found = find_page<store::Paged<store::Task>>(*asked, [&](const store::Page& pg) {
    return store::find_tasks(c.db, c.county(), q, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [tasks, served] = found.value();
  json rows = json::array();
  for (const auto& t : tasks.rows) {
    auto e = store::suspected_entry_by_id(c.db, c.county(), t.entry_id, c.scope);
    if (!e) return e.error();
    if (!e.value()) continue;
    rows.push_back(entry_row(c, *e.value(), &t, today->iso()));
  }
  return page_response(tasks.total, served, rows);
}

verify::EvidenceStore evidence_store(const Call& c) {
  return verify::EvidenceStore(c.options.data_dir + "/evidence");
}

Result<Response> upload_evidence(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto file =
      verify::add_evidence(c.db, c.actor(), evidence_store(c), *id, c.req.file_name, c.req.body);
  if (!file) return file.error();
  if (Status st = c.audit("upload_evidence", "verification_task", std::to_string(*id),
                          file->name + "（" + count_text(file->size) + " 字节）");
      !st)
    return st.error();
  return json_response({{"evidence",
                         {{"id", file->id},
                          {"name", file->name},
                          {"size", file->size},
                          {"content_type", file->content_type},
                          {"url", "/api/evidence/" + std::to_string(file->id)}}}});
}

// The file itself: shown in the page (a photo's thumbnail, a PDF in a tab) with ?inline=1,
// otherwise downloaded. Either way a view of personal data, audited.
Result<Response> evidence(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto shown = c.query().choice("inline", {"0", "1"}, "0");
  if (!shown) return shown.error();
  auto file = store::evidence_by_id(c.db, c.county(), *id, c.scope);
  if (!file) return file.error();
  if (!file.value()) return make_error("not_found", "没有这份证明材料");
  const std::string path = evidence_store(c).path_of(file.value()->sha256);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error("internal", "evidence file missing: " + file.value()->sha256);
  if (Status st =
          c.audit("view_evidence", "evidence_file", std::to_string(*id), file.value()->name);
      !st)
    return st.error();
  Response r;
  r.file = path;
  r.content_type = file.value()->content_type;
  r.attachment = file.value()->name;
  r.inline_file = *shown == "1";
  return r;
}

Result<Response> task_response(Call& c, const store::Task& t) {
  auto today = c.today();
  if (!today) return today.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  auto d = task_detail(c, t, today->iso(), *people);
  if (!d) return d.error();
  return json_response({{"task", *d}});
}

Result<Response> submit(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto body = c.body();
  if (!body) return body.error();
  auto category = body->string("category", true);
  if (!category) return category.error();
  auto note = body->string("note");
  if (!note) return note.error();
  auto files = body->ids("evidence_ids", 50);
  if (!files) return files.error();
  auto task = verify::submit(c.db, c.actor(), *id, *category, *note, *files);
  if (!task) return task.error();
  if (Status st = c.audit(
          "submit", "verification_task", std::to_string(*id),
          "核查类别 " + *category + "，附证明材料 " + std::to_string(files->size()) + " 份");
      !st)
    return st.error();
  return task_response(c, *task);
}

Result<Response> review(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto body = c.body();
  if (!body) return body.error();
  auto decision = body->string("decision", true);
  if (!decision) return decision.error();
  auto reason = body->string("reason");
  if (!reason) return reason.error();
  auto today = c.today();
  if (!today) return today.error();
  auto task = verify::review(c.db, c.actor(), *id, *decision, *reason, *today);
  if (!task) return task.error();
  if (c.options.ledgers != nullptr) c.options.ledgers->standing_changed(c.db, c.county());
  if (Status st = c.audit(*decision, "verification_task", std::to_string(*id),
                          core::label_zh("task_action", *decision) + "（核查类别 " +
                              task->category + "）" + (reason->empty() ? "" : "：" + *reason));
      !st)
    return st.error();
  return task_response(c, *task);
}

Result<Response> take_over(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto body = c.body();
  if (!body) return body.error();
  auto reason = body->string("reason");
  if (!reason) return reason.error();
  auto task = verify::take_over(c.db, c.actor(), *id, *reason);
  if (!task) return task.error();
  if (Status st = c.audit("take_over", "verification_task", std::to_string(*id), *reason); !st)
    return st.error();
  return task_response(c, *task);
}

}  // namespace

void add_task_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/tasks", tasks});
  r.push_back({"POST", "/api/tasks/{id}/evidence", upload_evidence, true, kEvidenceBody});
  r.push_back({"POST", "/api/tasks/{id}/submit", submit, true, kJsonBody});
  r.push_back({"POST", "/api/tasks/{id}/review", review, true, kJsonBody});
  r.push_back({"POST", "/api/tasks/{id}/take_over", take_over, true, kJsonBody});
  r.push_back({"GET", "/api/evidence/{id}", evidence});
}

}  // namespace baoxue::api
