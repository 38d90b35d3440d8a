#include "verify/workflow.h"

#include "core/date.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::verify {
namespace {

const Error kNotFound{"not_found", "没有找到该核查任务"};

Result<core::Code> category_of(store::Database& db, const std::string& county,
                               const std::string& code) {
  auto codes = store::load_codes(db, county, "verification_category");
  if (!codes) return codes.error();
  for (const core::Code& c : codes.value())
    if (c.code == code) return c;
  return make_error("category_unknown", "核查类别“" + code + "”不存在，请从 A–M 中选择");
}

bool valid_date(const std::string& s) { return Date::parse_iso(s).has_value(); }

}  // namespace

const Transition* find_transition(const std::string& state, const std::string& action) {
  for (const Transition& t : kTransitions)
    if (state == t.from && action == t.action) return &t;
  return nullptr;
}

bool is_county_operator(const core::Scope& scope) {
  return scope.role == core::Role::kCountyAdmin || scope.role == core::Role::kCountyStaff;
}

Result<DispatchResult> dispatch(store::Database& db, const Actor& actor,
                                const DispatchRequest& request) {
  if (!is_county_operator(actor.scope))
    return make_error("forbidden", "只有县教育局管理员和专干可以派发核查任务");
  if (!valid_date(request.deadline))
    return make_error("bad_request", "请填写核查截止日期（YYYY-MM-DD）");
  if (request.deadline < request.today) return make_error("bad_request", "截止日期不能早于今天");
  if (request.to != "residence" && request.to != "school")
    return make_error("bad_request", "派发对象应为“户籍所在地”（residence）或“学校”（school）");

  auto regions = store::list_regions(db, actor.county);
  if (!regions) return regions.error();
  auto region_name = [&](const std::string& code) {
    for (const auto& r : regions.value())
      if (r.code == code) return r.name;
    return std::string();
  };
  auto region_parent = [&](const std::string& code) {
    for (const auto& r : regions.value())
      if (r.code == code) return r.parent_code;
    return std::string();
  };
  store::School school;
  if (request.to == "school") {
    auto schools = store::list_schools(db, actor.county);
    if (!schools) return schools.error();
    bool found = false;
    for (const auto& s : schools.value())
      if (s.id == request.school_code) school = s, found = true;
    if (!found)
      return make_error("school_not_found",
                        "本县没有学校标识码为“" + request.school_code + "”的学校");
  }

  // The entries to send: the listed ones (each must be visible and open), or all open ones
  // without an active task.
  std::vector<store::SuspectedEntry> entries;
  store::EntryQuery query;
  query.status = "open";
  query.today = request.today;
  if (request.all_undispatched) query.task = "undispatched";
  DispatchResult result;
  if (request.all_undispatched) {
    auto page = store::find_suspected_entries(db, actor.county, query, actor.scope,
                                              store::Page{1, 1000000});
    if (!page) return page.error();
    entries = std::move(page->rows);
  } else {
    for (long long id : request.entry_ids) {
      auto e = store::suspected_entry_by_id(db, actor.county, id, actor.scope);
      if (!e) return e.error();
      if (!e.value()) {
        result.skipped.push_back({id, "没有该疑似记录"});
      } else if (e.value()->status != "open") {
        result.skipped.push_back({id, "已销号"});
      } else {
        entries.push_back(std::move(*e.value()));
      }
    }
  }
  Status st = db.transaction([&]() -> Status {
    for (const store::SuspectedEntry& e : entries) {
      store::Task t;
      t.entry_id = e.id;
      t.deadline = request.deadline;
      if (request.to == "school") {
        t.assignee_kind = "school";
        t.assignee_code = school.id;
        t.assignee_name = school.name;
        t.school_code = school.id;
        t.township_code = school.township_code;
      } else if (!e.village_code.empty()) {
        t.assignee_kind = "village";
        t.assignee_code = e.village_code;
        t.assignee_name = region_name(e.village_code);
        t.village_code = e.village_code;
        t.township_code = e.township_code.empty() ? region_parent(e.village_code) : e.township_code;
      } else if (!e.township_code.empty()) {
        t.assignee_kind = "township";
        t.assignee_code = e.township_code;
        t.assignee_name = region_name(e.township_code);
        t.township_code = e.township_code;
      } else {
        result.skipped.push_back({e.id, "户籍地址未能对应到乡镇或村，请派发给学校或先补全地址"});
        continue;
      }
      if (t.assignee_name.empty()) t.assignee_name = t.assignee_code;
      Status put = store::insert_task(db, actor.county, t, actor.username, "");
      if (!put) {
        if (put.error().code != "task_exists") return put;
        result.skipped.push_back({e.id, "已派发，正在核查中"});
        continue;
      }
      ++result.dispatched;
    }
    return {};
  });
  if (!st) return st.error();
  return result;
}

Result<store::EvidenceFile> add_evidence(store::Database& db, const Actor& actor,
                                         const EvidenceStore& files, long long task_id,
                                         const std::string& name, std::string_view bytes) {
  if (!actor.scope.may_write()) return make_error("forbidden", "督学账号只能查看，不能上传");
  auto task = store::task_by_id(db, actor.county, task_id, actor.scope, true);
  if (!task) return task.error();
  if (!task.value()) return kNotFound;
  if (!find_transition(task.value()->state, "submit"))
    return make_error("task_not_open", "该核查任务已提交或已审核，不能再上传材料");
  auto stored = files.put(name, bytes);
  if (!stored) return stored.error();
  store::EvidenceFile e;
  e.task_id = task_id;
  e.sha256 = stored->sha256;
  e.name = name.empty() ? "证明材料" : name;
  e.content_type = stored->content_type;
  e.size = static_cast<long long>(stored->size);
  e.uploaded_by = actor.username;
  if (Status st = store::insert_evidence(db, actor.county, e); !st) return st.error();
  return e;
}

Result<store::Task> submit(store::Database& db, const Actor& actor, long long task_id,
                           const std::string& category, const std::string& note,
                           const std::vector<long long>& evidence_ids) {
  if (!actor.scope.may_write()) return make_error("forbidden", "督学账号只能查看，不能提交");
  auto task = store::task_by_id(db, actor.county, task_id, actor.scope, true);
  if (!task) return task.error();
  if (!task.value()) return kNotFound;
  const Transition* move = find_transition(task.value()->state, "submit");
  if (!move) return make_error("task_not_open", "该核查任务已提交或已审核，不能重复提交");
  auto code = category_of(db, actor.county, category);
  if (!code) return code.error();
  if (note.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("note_required",
                      "请填写核查情况说明（见到本人了吗？在哪里上学？凭什么证明？）");
  Status st = db.transaction([&]() -> Status {
    store::Submission s;
    s.task_id = task_id;
    s.category = category;
    s.note = note;
    s.submitted_by = actor.username;
    if (Status put = store::insert_submission(db, actor.county, s); !put) return put;
    auto attached = store::attach_evidence(db, actor.county, task_id, s.id, evidence_ids);
    if (!attached) return attached.error();
    return store::move_task(db, actor.county, task_id, move->from, move->to, actor.username,
                            category + " " + code->label_zh, category);
  });
  if (!st) return st.error();
  auto after = store::task_by_id(db, actor.county, task_id, actor.scope, true);
  if (!after) return after.error();
  return *after.value();
}

Result<store::Task> review(store::Database& db, const Actor& actor, long long task_id,
                           const std::string& decision, const std::string& reason) {
  if (!is_county_operator(actor.scope))
    return make_error("forbidden", "只有县教育局管理员和专干可以审核");
  auto task = store::task_by_id(db, actor.county, task_id, actor.scope);
  if (!task) return task.error();
  if (!task.value()) return kNotFound;
  const store::Task& t = *task.value();
  const Transition* move = find_transition(t.state, decision);
  if (!move) {
    if (decision != "approve" && decision != "return")
      return make_error("bad_request", "审核结果应为 approve（通过）或 return（退回）");
    return make_error("task_not_open", "该核查任务尚未提交或已审核");
  }
  if (decision == "return" && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("reason_required", "退回时请写明原因，便于核查人补充");
  auto submissions = store::submissions_of_task(db, actor.county, task_id);
  if (!submissions) return submissions.error();
  if (submissions->empty()) return make_error("task_not_open", "该核查任务还没有提交结果");
  const store::Submission& last = submissions->back();
  auto code = category_of(db, actor.county, last.category);
  if (!code) return code.error();

  Status st = db.transaction([&]() -> Status {
    if (Status m = store::move_task(db, actor.county, task_id, move->from, move->to, actor.username,
                                    reason);
        !m)
      return m;
    if (decision != "approve") return {};
    const bool out_of_school = code->flag("out_of_school");
    auto entry = store::suspected_entry_by_id(db, actor.county, t.entry_id, actor.scope);
    if (!entry) return entry.error();
    if (!entry.value()) return kNotFound;
    const store::SuspectedEntry& e = *entry.value();
    const std::string close_note =
        last.note + (reason.empty() ? "" : "（审核意见：" + reason + "）");
    if (Status c = store::close_suspected_entry(db, actor.county, e.id, last.category, close_note,
                                                actor.username);
        !c)
      return c;
    if (!out_of_school) return {};
    store::DropoutEntry d;
    d.suspected_entry_id = e.id;
    d.task_id = task_id;
    d.child_key = e.child_key;
    d.name = e.name, d.sex = e.sex, d.birth_date = e.birth_date, d.id_number = e.id_number;
    d.township = e.township, d.village = e.village;
    d.township_code = e.township_code, d.village_code = e.village_code;
    d.address = e.address, d.guardian_name = e.guardian_name, d.guardian_phone = e.guardian_phone;
    d.school_code = e.school_code, d.school_name = e.school_name, d.grade = e.grade;
    d.class_number = e.class_number;
    d.poverty = e.poverty;
    d.key_groups = e.key_groups;
    d.category = last.category;
    d.note = last.note;
    d.opened_by = actor.username;
    return store::insert_dropout(db, actor.county, d);
  });
  if (!st) return st.error();
  auto after = store::task_by_id(db, actor.county, task_id, actor.scope);
  if (!after) return after.error();
  return *after.value();
}

}  // namespace baoxue::verify
