// 疑似台账, verification tasks, evidence files, the dropout ledger and the verification summary.
#include <fstream>
#include <iterator>

#include "api/call.h"
#include "core/id_number.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "store/verification_repository.h"
#include "verify/summary.h"

namespace baoxue::api {
namespace {

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json task_json(const store::Task& t, const std::string& day) {
  return {{"id", t.id},
          {"entry_id", t.entry_id},
          {"state", t.state},
          {"assignee_kind", t.assignee_kind},
          {"assignee_code", t.assignee_code},
          {"assignee_name", t.assignee_name},
          {"deadline", t.deadline},
          {"overdue", (t.state == "assigned" || t.state == "returned") && t.deadline < day},
          {"category", t.category},
          {"dispatched_at", t.dispatched_at},
          {"dispatched_by", t.dispatched_by},
          {"decided_at", t.decided_at},
          {"decided_by", t.decided_by}};
}

json entry_row(const store::SuspectedEntry& e, const store::Task* task, const std::string& day) {
  return {{"id", e.id},
          {"name", e.name},
          {"sex", e.sex},
          {"birth_date", e.birth_date},
          {"id_number", core::mask_id_number(e.id_number)},
          {"township", e.township},
          {"village", e.village},
          {"township_code", e.township_code},
          {"village_code", e.village_code},
          {"school_code", e.school_code},
          {"school_name", e.school_name},
          {"grade", optional_int(e.grade)},
          {"comparison", e.comparison},
          {"reason", e.reason},
          {"poverty", e.poverty},
          {"key_groups", e.key_groups},
          {"status", e.status},
          {"opened_at", e.opened_at},
          {"closed_at", e.closed_at},
          {"close_category", e.close_category},
          {"task", task ? task_json(*task, day) : json(nullptr)}};
}

store::EntryQuery entry_query(const Call& c) {
  store::EntryQuery q;
  q.status = c.query("status") == "all" ? "" : c.query("status");
  q.township_code = c.query("township");
  q.school_code = c.query("school");
  q.q = c.query("q");
  q.task = c.query("task");
  q.today = today();
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
  auto found = store::find_suspected_entries(c.db, c.county(), entry_query(c), c.scope, c.page());
  if (!found) return found.error();
  std::vector<long long> ids;
  for (const auto& e : found->rows) ids.push_back(e.id);
  auto tasks = latest_tasks(c, ids);
  if (!tasks) return tasks.error();
  const std::string day = today();
  json rows = json::array();
  for (const auto& e : found->rows) {
    auto t = tasks->find(e.id);
    rows.push_back(entry_row(e, t == tasks->end() ? nullptr : &t->second, day));
  }
  return json_response(
      {{"total", found->total}, {"page", c.page().page}, {"size", c.page().size}, {"rows", rows}});
}

Result<json> task_detail(Call& c, const store::Task& t) {
  json out = task_json(t, today());
  auto subs = store::submissions_of_task(c.db, c.county(), t.id);
  if (!subs) return subs.error();
  auto files = store::evidence_of_task(c.db, c.county(), t.id);
  if (!files) return files.error();
  auto categories = store::load_codes(c.db, c.county(), "verification_category");
  if (!categories) return categories.error();
  auto file_json = [](const store::EvidenceFile& f) {
    return json{{"id", f.id},         {"name", f.name},
                {"size", f.size},     {"content_type", f.content_type},
                {"sha256", f.sha256}, {"uploaded_at", f.uploaded_at}};
  };
  json submissions = json::array();
  for (const auto& s : subs.value()) {
    std::string label;
    for (const auto& k : categories.value())
      if (k.code == s.category) label = k.label_zh;
    json evidence = json::array();
    for (const auto& f : files.value())
      if (f.submission_id && *f.submission_id == s.id) evidence.push_back(file_json(f));
    submissions.push_back({{"id", s.id},
                           {"category", s.category},
                           {"category_label", label},
                           {"note", s.note},
                           {"submitted_by", s.submitted_by},
                           {"submitted_at", s.submitted_at},
                           {"evidence", evidence}});
  }
  json pending = json::array();  // uploaded, not yet submitted
  for (const auto& f : files.value())
    if (!f.submission_id) pending.push_back(file_json(f));
  auto moves = store::transitions_of_task(c.db, c.county(), t.id);
  if (!moves) return moves.error();
  json transitions = json::array();
  for (const auto& m : moves.value())
    transitions.push_back(
        {{"at", m.at}, {"by", m.by}, {"from", m.from}, {"to", m.to}, {"reason", m.reason}});
  out["submissions"] = submissions;
  out["pending_evidence"] = pending;
  out["transitions"] = transitions;
  return out;
}

Result<Response> suspected_entry(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto found = store::suspected_entry_by_id(c.db, c.county(), *id, c.scope);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "没有这条疑似记录");
  const store::SuspectedEntry& e = *found.value();
  auto tasks = store::tasks_of_entries(c.db, c.county(), {e.id});
  if (!tasks) return tasks.error();
  const std::string day = today();
  json out = entry_row(e, tasks->empty() ? nullptr : &tasks->back(), day);
  const bool full = sees_full_numbers(c.scope);
  out["id_number"] = full ? e.id_number : core::mask_id_number(e.id_number);
  out["guardian_phone"] = full ? e.guardian_phone : core::mask_phone_number(e.guardian_phone);
  out["guardian_name"] = e.guardian_name;
  out["address"] = e.address;
  out["student_no"] = e.student_no;
  out["close_note"] = e.close_note;
  out["closed_by"] = e.closed_by;
  out["evidence_text"] = e.evidence;
  json all = json::array();
  for (const auto& t : tasks.value()) {
    auto d = task_detail(c, t);
    if (!d) return d.error();
    all.push_back(*d);
  }
  out["tasks"] = all;
  if (Status st = c.audit("view_suspected", "suspected_entry", std::to_string(e.id),
                          full ? "full_numbers" : "masked");
      !st)
    return st.error();
  return json_response(out);
}

Result<Response> export_suspected(Call& c) {
  auto found =
      store::find_suspected_entries(c.db, c.county(), entry_query(c), c.scope, {1, 1000000});
  if (!found) return found.error();
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : found->rows)
    rows.push_back({std::to_string(e.id), e.name, e.sex, e.birth_date,
                    core::mask_id_number(e.id_number), e.township, e.village, e.school_name,
                    e.reason, e.poverty ? "是" : "", e.status == "open" ? "未销号" : "已销号",
                    e.close_category});
  if (Status st = c.audit("export_suspected", "suspected_entries", "",
                          std::to_string(rows.size()) + " rows");
      !st)
    return st.error();
  return xlsx_response("疑似失学辍学台账.xlsx", "疑似失学辍学台账",
                       {"编号", "姓名", "性别", "出生日期", "身份证号", "乡镇", "村(居)", "学校",
                        "疑似原因", "脱贫家庭", "状态", "核查类别"},
                       rows);
}

Result<Response> dispatch(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  verify::DispatchRequest r;
  const json& b = *body;
  if (b.contains("entry_ids") && b["entry_ids"].is_array())
    for (const auto& id : b["entry_ids"])
      if (id.is_number_integer()) r.entry_ids.push_back(id.get<long long>());
  r.all_undispatched = b.value("all_undispatched", false);
  r.to = b.value("to", "residence");
  r.school_code = b.value("school_code", "");
  r.deadline = b.value("deadline", "");
  r.today = today();
  if (r.entry_ids.empty() && !r.all_undispatched)
    return make_error("bad_request", "请选择要派发的疑似记录");
  auto result = verify::dispatch(c.db, c.actor(), r);
  if (!result) return result.error();
  json skipped = json::array();
  for (const auto& [id, why] : result->skipped) skipped.push_back({{"id", id}, {"reason", why}});
  if (Status st = c.audit("dispatch", "suspected_entries", "",
                          std::to_string(result->dispatched) + " to " + r.to);
      !st)
    return st.error();
  return json_response({{"dispatched", result->dispatched}, {"skipped", skipped}});
}

Result<Response> tasks(Call& c) {
  store::TaskQuery q{c.query("state"), today()};
  auto found = store::find_tasks(c.db, c.county(), q, c.scope, c.page());
  if (!found) return found.error();
  const std::string day = today();
  json rows = json::array();
  for (const auto& t : found->rows) {
    auto e = store::suspected_entry_by_id(c.db, c.county(), t.entry_id, c.scope);
    if (!e) return e.error();
    if (!e.value()) continue;
    rows.push_back(entry_row(*e.value(), &t, day));
  }
  return json_response(
      {{"total", found->total}, {"page", c.page().page}, {"size", c.page().size}, {"rows", rows}});
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
  return json_response({{"evidence",
                         {{"id", file->id},
                          {"name", file->name},
                          {"size", file->size},
                          {"content_type", file->content_type},
                          {"sha256", file->sha256}}}});
}

Result<Response> download_evidence(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto file = store::evidence_by_id(c.db, c.county(), *id, c.scope);
  if (!file) return file.error();
  if (!file.value()) return make_error("not_found", "没有这份证明材料");
  std::ifstream in(evidence_store(c).path_of(file.value()->sha256), std::ios::binary);
  if (!in) return make_error("internal", "证明材料文件缺失（" + file.value()->sha256 + "）");
  Response r;
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  r.content_type = file.value()->content_type;
  r.attachment = file.value()->name;
  if (Status st = c.audit("view_evidence", "evidence_file", std::to_string(*id)); !st)
    return st.error();
  return r;
}

Result<Response> task_response(Call& c, const store::Task& t) {
  auto d = task_detail(c, t);
  if (!d) return d.error();
  return json_response({{"task", *d}});
}

Result<Response> submit(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto body = c.body();
  if (!body) return body.error();
  std::vector<long long> files;
  if (body->contains("evidence_ids") && (*body)["evidence_ids"].is_array())
    for (const auto& f : (*body)["evidence_ids"])
      if (f.is_number_integer()) files.push_back(f.get<long long>());
  auto task = verify::submit(c.db, c.actor(), *id, body->value("category", ""),
                             body->value("note", ""), files);
  if (!task) return task.error();
  return task_response(c, *task);
}

Result<Response> review(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto body = c.body();
  if (!body) return body.error();
  auto task =
      verify::review(c.db, c.actor(), *id, body->value("decision", ""), body->value("reason", ""));
  if (!task) return task.error();
  return task_response(c, *task);
}

// ---- 辍学台账 ----

Result<std::vector<core::Code>> categories(Call& c) {
  return store::load_codes(c.db, c.county(), "verification_category");
}

json dropout_row(const store::DropoutEntry& d, const std::vector<core::Code>& cats) {
  std::string label;
  for (const auto& k : cats)
    if (k.code == d.category) label = k.label_zh;
  return {{"id", d.id},
          {"suspected_entry_id", d.suspected_entry_id},
          {"name", d.name},
          {"sex", d.sex},
          {"birth_date", d.birth_date},
          {"id_number", core::mask_id_number(d.id_number)},
          {"township", d.township},
          {"village", d.village},
          {"township_code", d.township_code},
          {"school_name", d.school_name},
          {"category", d.category},
          {"category_label", label},
          {"note", d.note},
          {"opened_at", d.opened_at},
          {"status", d.status},
          {"poverty", d.poverty},
          {"key_groups", d.key_groups}};
}

store::DropoutQuery dropout_query(const Call& c) {
  return {c.query("status") == "all" ? "" : c.query("status"), c.query("township"),
          c.query("school"), c.query("category"), c.query("q")};
}

Result<Response> dropouts(Call& c) {
  auto cats = categories(c);
  if (!cats) return cats.error();
  auto found = store::find_dropouts(c.db, c.county(), dropout_query(c), c.scope, c.page());
  if (!found) return found.error();
  json rows = json::array();
  for (const auto& d : found->rows) rows.push_back(dropout_row(d, *cats));
  return json_response(
      {{"total", found->total}, {"page", c.page().page}, {"size", c.page().size}, {"rows", rows}});
}

Result<Response> dropout(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto cats = categories(c);
  if (!cats) return cats.error();
  auto found = store::dropout_by_id(c.db, c.county(), *id, c.scope);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "辍学台账中没有这条记录");
  const store::DropoutEntry& d = *found.value();
  json out = dropout_row(d, *cats);
  const bool full = sees_full_numbers(c.scope);
  out["id_number"] = full ? d.id_number : core::mask_id_number(d.id_number);
  out["guardian_phone"] = full ? d.guardian_phone : core::mask_phone_number(d.guardian_phone);
  out["guardian_name"] = d.guardian_name;
  out["address"] = d.address;
  out["opened_by"] = d.opened_by;
  if (Status st = c.audit("view_dropout", "dropout_entry", std::to_string(d.id),
                          full ? "full_numbers" : "masked");
      !st)
    return st.error();
  return json_response(out);
}

Result<Response> export_dropouts(Call& c) {
  auto cats = categories(c);
  if (!cats) return cats.error();
  auto found = store::find_dropouts(c.db, c.county(), dropout_query(c), c.scope, {1, 1000000});
  if (!found) return found.error();
  std::vector<std::vector<std::string>> rows;
  for (const auto& d : found->rows) {
    const json r = dropout_row(d, *cats);
    rows.push_back({std::to_string(d.id), d.name, d.sex, d.birth_date,
                    core::mask_id_number(d.id_number), d.township, d.village, d.school_name,
                    d.category + " " + r["category_label"].get<std::string>(), d.note,
                    d.status == "open" ? "未复学" : "已销号", d.opened_at.substr(0, 10)});
  }
  if (Status st =
          c.audit("export_dropouts", "dropout_entries", "", std::to_string(rows.size()) + " rows");
      !st)
    return st.error();
  return xlsx_response("辍学台账.xlsx", "辍学台账",
                       {"编号", "姓名", "性别", "出生日期", "身份证号", "乡镇", "村(居)", "学校",
                        "核查类别", "情况说明", "状态", "登记日期"},
                       rows);
}

// ---- summary ----

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
  auto outcomes = store::entry_outcomes(c.db, c.county(), c.scope);
  if (!outcomes) return outcomes.error();
  auto cats = categories(c);
  if (!cats) return cats.error();
  auto regions = store::list_regions(c.db, c.county());
  if (!regions) return regions.error();
  json out = summary_json(verify::summarize(*outcomes, *cats, c.query("township")));
  json rows = json::array();
  for (const std::string& code : verify::townships_of(*outcomes)) {
    const verify::Summary s = verify::summarize(*outcomes, *cats, code);
    std::string name = code.empty() ? "（地址不明）" : code;
    for (const auto& r : regions.value())
      if (r.code == code) name = r.name;
    rows.push_back({{"code", code},
                    {"name", name},
                    {"suspected", s.suspected},
                    {"not_out_of_school", s.not_out_of_school},
                    {"out_of_school", s.out_of_school},
                    {"pending", s.pending},
                    {"text", s.text}});
  }
  out["by_township"] = rows;
  return json_response(out);
}

}  // namespace

void add_verify_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/suspected", suspected});
  r.push_back({"GET", "/api/suspected/export", export_suspected});
  r.push_back({"POST", "/api/suspected/dispatch", dispatch});
  r.push_back({"GET", "/api/suspected/{id}", suspected_entry});
  r.push_back({"GET", "/api/tasks", tasks});
  r.push_back({"POST", "/api/tasks/{id}/evidence", upload_evidence});
  r.push_back({"POST", "/api/tasks/{id}/submit", submit});
  r.push_back({"POST", "/api/tasks/{id}/review", review});
  r.push_back({"GET", "/api/evidence/{id}", download_evidence});
  r.push_back({"GET", "/api/dropouts", dropouts});
  r.push_back({"GET", "/api/dropouts/export", export_dropouts});
  r.push_back({"GET", "/api/dropouts/{id}", dropout});
  r.push_back({"GET", "/api/verification/summary", summary});
}

}  // namespace baoxue::api
