#include "verify/workflow.h"

#include "cases/case_work.h"
#include "core/date.h"
#include "core/labels.h"
#include "ledger/standing.h"
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

// The task as it stands after a change (the actor can still see it: he just worked on it).
Result<store::Task> task_after(store::Database& db, const Actor& actor, long long task_id) {
  auto after = store::task_by_id(db, actor.county, task_id, actor.scope);
  if (!after) return after.error();
  if (!after.value()) return kNotFound;
  return *after.value();
}

}  // namespace

bool is_county_operator(const core::Scope& scope) { return scope.operates_county(); }

bool may_take(const Actor& actor, const store::Task& task, const core::TaskTransition& move) {
  using core::Role;
  const core::Scope& s = actor.scope;
  switch (move.who) {
    case core::TaskActor::kAssignee:
      return (s.role == Role::kTownship && task.assignee_kind == "township" &&
              task.assignee_code == s.township_code) ||
             (s.role == Role::kVillage && task.assignee_kind == "village" &&
              task.assignee_code == s.village_code) ||
             (s.role == Role::kSchoolAdmin && task.assignee_kind == "school" &&
              task.assignee_code == s.school_code);
    case core::TaskActor::kAssigneeParent:
      return s.role == Role::kTownship && !s.township_code.empty() &&
             (task.assignee_kind == "village" || task.assignee_kind == "school") &&
             task.township_code == s.township_code;
    case core::TaskActor::kCounty:
      return is_county_operator(s);
  }
  return false;
}

std::vector<std::string> actions_for(const Actor& actor, const store::Task& task) {
  std::vector<std::string> out;
  for (const core::TaskTransition& t : core::kTaskTransitions)
    if (task.state == t.from && may_take(actor, task, t)) out.push_back(t.action);
  return out;
}

namespace {

// The task as the actor may work on it with `action`: found inside his scope, in a state that
// allows the action, and his to take. Errors: not_found, task_not_open, forbidden.
Result<std::pair<store::Task, const core::TaskTransition*>> task_for(store::Database& db,
                                                                     const Actor& actor,
                                                                     long long task_id,
                                                                     const std::string& action) {
  if (!actor.scope.may_write())
    return make_error("forbidden", "督学账号只能查看，不能办理核查任务");
  auto task = store::task_by_id(db, actor.county, task_id, actor.scope);
  if (!task) return task.error();
  if (!task.value()) return kNotFound;
  const store::Task& t = *task.value();
  const core::TaskTransition* move = core::find_task_transition(t.state, action);
  if (!move)
    return make_error("task_not_open", "该核查任务当前为“" + core::label_zh("task_state", t.state) +
                                           "”，不能" + core::label_zh("task_action", action));
  if (!may_take(actor, t, *move))
    return make_error("forbidden", "该核查任务派给了" + t.assignee_name + "，您的账号不能" +
                                       core::label_zh("task_action", action));
  return std::make_pair(t, move);
}

}  // namespace

Result<DispatchResult> dispatch(store::Database& db, const Actor& actor,
                                const DispatchRequest& request) {
  if (!is_county_operator(actor.scope))
    return make_error("forbidden", "只有县教育局管理员和专干可以派发核查任务");
  if (!valid_date(request.deadline))
    return make_error("bad_request", "请填写核查截止日期（YYYY-MM-DD）");
  if (request.deadline < request.today) return make_error("bad_request", "截止日期不能早于今天");
  if (request.to != "residence" && request.to != "school")
    return make_error("bad_request", "派发对象应为“户籍所在地”（residence）或“学校”（school）");
  core::Progress quiet;
  core::Progress& progress = request.progress ? *request.progress : quiet;

  auto regions = store::list_regions(db, actor.county);
  if (!regions) return regions.error();
  auto region_of = [&](const std::string& code) -> const store::Region* {
    for (const auto& r : regions.value())
      if (r.code == code) return &r;
    return nullptr;
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

  // The entries to send, in brief: the listed ones (each must be visible and open), or every
  // open one in scope without an active task — however many there are.
  struct ToSend {
    long long id;
    std::string village_code, township_code;
  };
  std::vector<ToSend> entries;
  DispatchResult result;
  if (request.all_undispatched) {
    store::EntryQuery query;
    query.status = "open";
    query.today = request.today;
    query.task = "undispatched";
    Status st = store::for_each_suspected_entry(
        db, actor.county, query, actor.scope, [&](const store::SuspectedEntry& e) -> Status {
          entries.push_back({e.id, e.village_code, e.township_code});
          return {};
        });
    if (!st) return st.error();
  } else {
    for (long long id : request.entry_ids) {
      auto e = store::suspected_entry_by_id(db, actor.county, id, actor.scope);
      if (!e) return e.error();
      if (!e.value()) {
        result.skipped.push_back({id, "没有该疑似记录"});
      } else if (e.value()->status != "open") {
        result.skipped.push_back({id, "已销号"});
      } else {
        entries.push_back({e.value()->id, e.value()->village_code, e.value()->township_code});
      }
    }
  }
  if (!progress.phase("dispatch", static_cast<long long>(entries.size())))
    return core::cancelled_error();
  Status st = db.transaction([&]() -> Status {
    for (const ToSend& e : entries) {
      if (!progress.advance()) return core::cancelled_error();
      store::Task t;
      t.entry_id = e.id;
      t.deadline = request.deadline;
      const store::Region* village = e.village_code.empty() ? nullptr : region_of(e.village_code);
      const store::Region* township =
          e.township_code.empty() ? nullptr : region_of(e.township_code);
      if (request.to == "school") {
        t.assignee_kind = "school";
        t.assignee_code = school.id;
        t.assignee_name = school.name;
        t.school_code = school.id;
        t.township_code = school.township_code;
      } else if (village) {
        // The task's township is the village's own (the tree's), whatever the household address
        // said: it decides which township may take the task over.
        t.assignee_kind = "village";
        t.assignee_code = village->code;
        t.assignee_name = village->name;
        t.village_code = village->code;
        t.township_code = village->parent_code;
      } else if (township) {
        t.assignee_kind = "township";
        t.assignee_code = township->code;
        t.assignee_name = township->name;
        t.township_code = township->code;
      } else {
        result.skipped.push_back({e.id, "户籍地址未能对应到乡镇或村，请派发给学校或先补全地址"});
        continue;
      }
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
  progress.tell();
  return result;
}

Result<store::EvidenceFile> add_evidence(store::Database& db, const Actor& actor,
                                         const EvidenceStore& files, long long task_id,
                                         const std::string& name, std::string_view bytes) {
  auto task = task_for(db, actor, task_id, "submit");
  if (!task) return task.error();
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
  auto task = task_for(db, actor, task_id, "submit");
  if (!task) return task.error();
  const core::TaskTransition* move = task->second;
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
  return task_after(db, actor, task_id);
}

Result<store::Task> review(store::Database& db, const Actor& actor, long long task_id,
                           const std::string& decision, const std::string& reason,
                           const Date& today) {
  if (decision != "approve" && decision != "return")
    return make_error("bad_request", "审核结果应为 approve（通过）或 return（退回）");
  auto task = task_for(db, actor, task_id, decision);
  if (!task) return task.error();
  const store::Task& t = task->first;
  const core::TaskTransition* move = task->second;
  if (move->needs_reason && reason.find_first_not_of(" \t\r\n") == std::string::npos)
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
    if (!out_of_school) return ledger::refresh_standing(db, actor.county, e.child_key);
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
    if (Status put = store::insert_dropout(db, actor.county, d); !put) return put;
    if (Status opened = cases::open_case_for_dropout(db, actor.county, d, actor.username, today);
        !opened)
      return opened;
    return ledger::refresh_standing(db, actor.county, e.child_key);
  });
  if (!st) return st.error();
  return task_after(db, actor, task_id);
}

Result<store::Task> take_over(store::Database& db, const Actor& actor, long long task_id,
                              const std::string& reason) {
  auto task = task_for(db, actor, task_id, "take_over");
  if (!task) return task.error();
  const core::TaskTransition* move = task->second;
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error("reason_required",
                      "请写明改由本单位核查的原因（如村干部外出、学校联系不上家长）");
  auto regions = store::list_regions(db, actor.county);
  if (!regions) return regions.error();
  std::string name = actor.scope.township_code;
  for (const auto& r : regions.value())
    if (r.code == actor.scope.township_code) name = r.name;
  const store::Task& t = task->first;
  Status st = db.transaction([&]() -> Status {
    if (Status m = store::reassign_task(db, actor.county, task_id, "township",
                                        actor.scope.township_code, name);
        !m)
      return m;
    return store::move_task(db, actor.county, task_id, move->from, move->to, actor.username,
                            "由" + t.assignee_name + "改由" + name + "核查：" + reason);
  });
  if (!st) return st.error();
  return task_after(db, actor, task_id);
}

}  // namespace baoxue::verify
