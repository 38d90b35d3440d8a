// 劝返复学: the case list with its counts and roll-ups, the case page (child, working group, plan,
// attempts, notices, follow-up, timeline, the actions the user may take now), and every write
// on a case. Who may do what is the case workflow's table (core/case_flow.h via
// cases::may_take); every read of a case and every change is audited.
#include "api/call.h"
#include "api/exports.h"
#include "api/places.h"
#include "api/record_files.h"
#include "api/verification_json.h"
#include "cases/case_work.h"
#include "core/case_flow.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "ledger/run_ledger.h"
#include "store/county_repository.h"
#include "store/user_repository.h"
#include "verify/evidence_store.h"

namespace baoxue::api {
namespace {

cases::Actor case_actor(const Call& c) { return {c.county(), c.scope, c.user->username}; }

verify::EvidenceStore files_store(const Call& c) {
  return verify::EvidenceStore(c.options.data_dir + "/evidence");
}

std::string case_url(long long id) { return "/api/cases/" + std::to_string(id) + "/files"; }

json opt(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// The list's filters, shared by the page, the counts, the roll-ups and the export.
Result<store::CaseQuery> case_query(const Params& p, const Date& today,
                                    const cases::EscalationRules& rules) {
  store::CaseQuery q;
  std::vector<std::string> filters = core::case_states();
  for (const std::string& f : core::label_codes("case_filter")) filters.push_back(f);
  auto filter = p.choice("status", filters, "", "case_filter");
  if (!filter) return filter.error();
  q.filter = *filter;
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  q.person = p.text("person");
  q.q = p.text("q");
  q.today = today.iso();
  q.refusals_before_notice = rules.refusals_before_notice;
  auto sort = p.sort(store::case_sort_fields());
  if (!sort) return sort.error();
  q.sort = *sort;
  return q;
}

json escalation_json(const cases::Escalation& e) {
  return {{"next_due", e.next_due ? json(e.next_due->iso()) : json(nullptr)},
          {"follow_up_until", e.follow_up_until ? json(e.follow_up_until->iso()) : json(nullptr)},
          {"overdue", e.overdue},
          {"notice_due", e.notice_due},
          {"escalated", e.escalated}};
}

// A case as the list shows it (numbers masked).
// The township and village are named as the child's dropout entry names them (no lookup per row).
json case_row(const store::Case& k, const cases::EscalationRules& rules, const Date& today) {
  return {{"id", k.id},
          {"name", k.name},
          {"sex", k.sex},
          {"birth_date", k.birth_date},
          {"id_number", core::mask_id_number(k.id_number)},
          {"township", k.township},
          {"village", k.village},
          {"township_code", k.township_code},
          {"village_code", k.village_code},
          {"school_code", k.school_code},
          {"school_name", k.school_name},
          {"grade", opt(k.grade)},
          {"cause_category", k.cause_category},
          {"state", k.state},
          {"end_reason", k.end_reason},
          {"attempts", k.attempts},
          {"refusals", k.refusals},
          {"last_attempt_date", k.last_attempt_date},
          {"notice_deadline", k.notice_deadline},
          {"opened_at", k.opened_at},
          {"escalation", escalation_json(cases::escalation_of(k, rules, today))}};
}

struct CaseContext {
  Date today;
  cases::EscalationRules rules;
};

Result<CaseContext> context(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  return CaseContext{*today, cases::EscalationRules::from(*settings)};
}

Result<Response> list_cases(Call& c) {
  auto ctx = context(c);
  if (!ctx) return ctx.error();
  const Params p = c.query();
  auto query = case_query(p, ctx->today, ctx->rules);
  if (!query) return query.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::Case>>(*asked, [&](const store::Page& pg) {
    return store::find_cases(c.db, c.county(), *query, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  json out = json::array();
  for (const auto& k : rows.rows) out.push_back(case_row(k, ctx->rules, ctx->today));
  auto counts = store::count_cases(c.db, c.county(), *query, c.scope);
  if (!counts) return counts.error();
  json body = page_json(rows.total, served, std::move(out));
  body["counts"] = *counts;
  return json_response(body);
}

Result<Response> rollups(Call& c) {
  auto ctx = context(c);
  if (!ctx) return ctx.error();
  auto query = case_query(c.query(), ctx->today, ctx->rules);
  if (!query) return query.error();
  auto r = store::roll_up_cases(c.db, c.county(), *query, c.scope);
  if (!r) return r.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto rows = [&](const std::vector<store::CaseRollup>& v, bool named_by_code) {
    json out = json::array();
    for (const auto& x : v) {
      std::string name = named_by_code ? places->name_of(x.key) : x.key;
      if (name.empty()) name = x.name.empty() ? "（未定）" : x.name;
      out.push_back({{"key", x.key},
                     {"name", name},
                     {"open", x.open},
                     {"not_back", x.not_back},
                     {"overdue", x.overdue},
                     {"notice_due", x.notice_due},
                     {"escalated", x.escalated}});
    }
    return out;
  };
  return json_response({{"townships", rows(r->townships, true)},
                        {"schools", rows(r->schools, true)},
                        {"people", rows(r->people, false)}});
}

Result<store::Case> visible(Call& c, long long id) {
  return cases::case_in_reach(c.db, case_actor(c), id);
}

// What every write on a case starts with: the case (404 outside the user's scope, before anything
// of the request is read), the county's today and the JSON body.
struct CaseWrite {
  long long id;
  Date today;
  Body body;
};
Result<CaseWrite> case_write(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  if (auto k = visible(c, *id); !k) return k.error();
  auto today = c.today();
  if (!today) return today.error();
  auto body = c.body();
  if (!body) return body.error();
  return CaseWrite{*id, *today, std::move(*body)};
}

json person_json(const store::CasePerson& p, bool full) {
  return {{"id", p.id},
          {"line", p.line},
          {"duty", p.duty},
          {"name", p.name},
          {"phone", full ? p.phone : core::mask_phone_number(p.phone)},
          {"username", p.username},
          {"added_at", p.added_at},
          {"removed_at", p.removed_at}};
}

Result<Response> case_page(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto ctx = context(c);
  if (!ctx) return ctx.error();
  auto k = visible(c, *id);
  if (!k) return k.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  const bool full = sees_full_numbers(c.scope);
  json out = case_row(*k, ctx->rules, ctx->today);
  out["id_number"] = full ? k->id_number : core::mask_id_number(k->id_number);
  out["guardian_name"] = k->guardian_name;
  out["guardian_phone"] = full ? k->guardian_phone : core::mask_phone_number(k->guardian_phone);
  out["address"] = k->address;
  out["key_groups"] = csv_array(k->key_groups);
  out["class_number"] = opt(k->class_number);
  out["cause_note"] = k->cause_note;
  out["dropout_id"] = k->dropout_id;
  out["opened_by_name"] = people->name_of(k->opened_by);
  out["plan"] = {{"measures", k->plan_measures}, {"target_date", k->plan_target_date}};
  out["return"] = {{"school_code", k->return_school_code},
                   {"school_name", k->return_school_name},
                   {"grade", opt(k->return_grade)},
                   {"class", k->return_class},
                   {"date", k->return_date},
                   {"adaptation_plan", k->adaptation_plan},
                   {"follow_up_until", k->follow_up_until}};
  out["closed_at"] = k->closed_at;
  out["closed_by_name"] = k->closed_by.empty() ? "" : people->name_of(k->closed_by);

  auto files = store::files_of_owner(c.db, c.county(), "case", k->id);
  if (!files) return files.error();
  auto files_of = [&](const std::string& type, long long owner) {
    json out = json::array();
    for (const auto& f : *files)
      if (f.attached_type == type && f.attached_id == owner)
        out.push_back(record_file_json(f, case_url(k->id)));
    return out;
  };
  json loose = json::array();
  for (const auto& f : *files)
    if (!f.attached_id) loose.push_back(record_file_json(f, case_url(k->id)));
  out["unattached_files"] = loose;

  auto group = store::people_of_case(c.db, c.county(), k->id);
  if (!group) return group.error();
  json people_json = json::array();
  for (const auto& p : *group)
    if (p.removed_at.empty()) people_json.push_back(person_json(p, full));
  out["people"] = people_json;

  auto attempts = store::attempts_of_case(c.db, c.county(), k->id);
  if (!attempts) return attempts.error();
  std::map<long long, long long> corrected_by;
  for (const auto& a : *attempts)
    if (a.corrects_id) corrected_by[*a.corrects_id] = a.id;
  json attempts_json = json::array();
  for (const auto& a : *attempts)
    attempts_json.push_back(
        {{"id", a.id},
         {"date", a.attempt_date},
         {"method", a.method},
         {"visitors", a.visitors},
         {"met", a.met},
         {"said", a.said},
         {"outcome", a.outcome},
         {"next_step", a.next_step},
         {"next_due", a.next_due},
         {"corrects_id", opt(a.corrects_id)},
         {"corrected_by", corrected_by.count(a.id) ? json(corrected_by[a.id]) : json(nullptr)},
         {"recorded_by_name", people->name_of(a.recorded_by)},
         {"recorded_by_unit", people->unit_of(a.recorded_by)},
         {"recorded_at", a.recorded_at},
         {"files", files_of("case_attempt", a.id)}});
  out["attempts"] = attempts_json;     // the records (the list's `attempts` is their count)
  out["attempt_count"] = k->attempts;  // the records that stand (not corrected)

  auto steps = store::steps_of_case(c.db, c.county(), k->id);
  if (!steps) return steps.error();
  json steps_json = json::array();
  for (const auto& s : *steps)
    steps_json.push_back({{"id", s.id},
                          {"at", s.at},
                          {"action", s.action},
                          {"from", s.from},
                          {"to", s.to},
                          {"reason", s.reason},
                          {"detail", s.detail.empty() ? json(nullptr) : json::parse(s.detail)},
                          {"by_name", people->name_of(s.by)},
                          {"by_unit", people->unit_of(s.by)},
                          {"files", files_of("case_transition", s.id)}});
  out["timeline"] = steps_json;

  auto notices = store::notices_of_case(c.db, c.county(), k->id);
  if (!notices) return notices.error();
  json notices_json = json::array();
  for (const auto& n : *notices) {
    json f = files_of("case_notice", n.id);
    notices_json.push_back({{"id", n.id},
                            {"kind", n.kind},
                            {"number", n.number},
                            {"issuer", n.issuer},
                            {"issued_on", n.issued_on},
                            {"deadline", n.deadline},
                            {"issued_by_name", people->name_of(n.issued_by)},
                            {"file", f.empty() ? json(nullptr) : f.front()}});
  }
  out["notices"] = notices_json;

  auto notes = store::follow_ups_of_case(c.db, c.county(), k->id);
  if (!notes) return notes.error();
  json notes_json = json::array();
  for (const auto& n : *notes)
    notes_json.push_back({{"id", n.id},
                          {"date", n.note_date},
                          {"attendance", n.attendance},
                          {"note", n.note},
                          {"recorded_by_name", people->name_of(n.recorded_by)},
                          {"recorded_at", n.recorded_at}});
  out["follow_ups"] = notes_json;

  // What the user may do now: the workflow's transitions, and the records he may add.
  const cases::Actor actor = case_actor(c);
  out["actions"] = cases::actions_for(actor, *k, ctx->today);
  const bool works = cases::may_work(actor, *k);
  json may = json::array();
  if (works && k->state == "persuading") {
    may.push_back("log_attempt");
    may.push_back("return_notice");
    if (cases::speaks_for_township(actor, *k)) may.push_back("deadline_notice");
  }
  if (works && k->state == "returned") may.push_back("follow_up_note");
  if (works) {
    may.push_back("edit_people");
    may.push_back("edit_plan");
    may.push_back("upload_file");
  }
  out["may"] = may;
  if (Status st = c.audit("view_case", "case", std::to_string(k->id),
                          k->name + (full ? "（完整号码）" : "（号码已遮蔽）"));
      !st)
    return st.error();
  return json_response(out);
}

// After a write: the views kept for the county are stale, and the ledger's standing may have
// moved (a closing, a reopening).
void changed(Call& c) {
  if (c.options.views != nullptr) c.options.views->changed(c.county());
  if (c.options.ledgers != nullptr) c.options.ledgers->standing_changed(c.db, c.county());
}

Result<Response> log_attempt(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  cases::AttemptInput in;
  if (Status st = w->body.fill({{"date", &in.date},
                                {"method", &in.method},
                                {"visitors", &in.visitors},
                                {"met", &in.met},
                                {"said", &in.said},
                                {"outcome", &in.outcome},
                                {"next_step", &in.next_step},
                                {"next_due", &in.next_due}});
      !st)
    return st.error();
  auto corrects = w->body.integer("corrects");
  if (!corrects) return corrects.error();
  in.corrects_id = *corrects;
  auto files = w->body.ids("file_ids", 50);
  if (!files) return files.error();
  in.file_ids = *files;
  auto a = cases::log_attempt(c.db, case_actor(c), w->id, in, w->today);
  if (!a) return a.error();
  if (Status st = c.audit(
          "log_attempt", "case", std::to_string(w->id),
          a->attempt_date + " " + core::label_zh("attempt_method", a->method) + "，" +
              core::label_zh("attempt_outcome", a->outcome) +
              (a->corrects_id ? "（更正第 " + std::to_string(*a->corrects_id) + " 号记录）" : ""));
      !st)
    return st.error();
  changed(c);
  return json_response({{"attempt_id", a->id}});
}

Result<Response> transition(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  cases::TransitionInput in;
  auto action = w->body.string("action", true);
  if (!action) return action.error();
  in.action = *action;
  if (Status st = w->body.fill({{"reason", &in.reason},
                                {"end_reason", &in.end_reason},
                                {"school_code", &in.school_code},
                                {"school_name", &in.school_name},
                                {"class", &in.class_name},
                                {"return_date", &in.return_date},
                                {"adaptation_plan", &in.adaptation_plan}});
      !st)
    return st.error();
  auto grade = w->body.integer("grade");
  if (!grade) return grade.error();
  in.grade = *grade;
  auto files = w->body.ids("file_ids", 50);
  if (!files) return files.error();
  in.file_ids = *files;
  auto k = cases::take(c.db, case_actor(c), w->id, in, w->today);
  if (!k) return k.error();
  std::string detail =
      core::label_zh("case_action", in.action) + " → " + core::label_zh("case_state", k->state);
  if (!k->end_reason.empty()) detail += "（" + core::label_zh("case_end", k->end_reason) + "）";
  if (!in.reason.empty()) detail += "：" + in.reason;
  if (Status st = c.audit("case_transition", "case", std::to_string(w->id), detail); !st)
    return st.error();
  changed(c);
  return json_response({{"state", k->state}});
}

Result<Response> add_person(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  cases::PersonInput in;
  if (Status st = w->body.fill({{"duty", &in.duty},
                                {"name", &in.name},
                                {"phone", &in.phone},
                                {"username", &in.username}});
      !st)
    return st.error();
  auto p = cases::add_person(c.db, case_actor(c), w->id, in);
  if (!p) return p.error();
  if (Status st =
          c.audit("edit_case", "case", std::to_string(w->id),
                  "加入工作组：" + p->name + "（" + core::label_zh("case_duty", p->duty) + "）");
      !st)
    return st.error();
  return json_response({{"person", person_json(*p, true)}});
}

Result<Response> remove_person(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  if (auto k = visible(c, *id); !k) return k.error();
  auto person = c.id("person");
  if (!person) return person.error();
  if (Status st = cases::remove_person(c.db, case_actor(c), *id, *person); !st) return st.error();
  if (Status st = c.audit("edit_case", "case", std::to_string(*id),
                          "移出工作组：第 " + std::to_string(*person) + " 号责任人");
      !st)
    return st.error();
  return json_response({{"removed", *person}});
}

Result<Response> set_plan(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  auto measures = w->body.string("measures", true);
  if (!measures) return measures.error();
  auto target = w->body.string("target_date");
  if (!target) return target.error();
  auto school = w->body.string("school_code");
  if (!school) return school.error();
  auto k = cases::set_plan(c.db, case_actor(c), w->id, *measures, *target, *school, w->today);
  if (!k) return k.error();
  if (Status st = c.audit("edit_case", "case", std::to_string(w->id), "制定/修改一人一案"); !st)
    return st.error();
  return json_response(
      {{"plan", {{"measures", k->plan_measures}, {"target_date", k->plan_target_date}}}});
}

Result<Response> issue_notice(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  cases::NoticeRequest in;
  if (Status st = w->body.fill({{"kind", &in.kind},
                                {"deadline", &in.deadline},
                                {"contact_name", &in.contact_name},
                                {"contact_phone", &in.contact_phone}});
      !st)
    return st.error();
  auto issued = cases::issue_notice(c.db, case_actor(c), w->id, in, files_store(c), w->today);
  if (!issued) return issued.error();
  if (Status st = c.audit("issue_notice", "case", std::to_string(w->id),
                          core::label_zh("notice_kind", in.kind) + " " + issued->notice.number +
                              "，返校期限 " + issued->notice.deadline);
      !st)
    return st.error();
  changed(c);
  return json_response({{"notice",
                         {{"id", issued->notice.id},
                          {"number", issued->notice.number},
                          {"deadline", issued->notice.deadline},
                          {"file", record_file_json(issued->file, case_url(w->id))}}}});
}

Result<Response> follow_up(Call& c) {
  auto w = case_write(c);
  if (!w) return w.error();
  auto date = w->body.string("date", true);
  if (!date) return date.error();
  auto attendance = w->body.string("attendance");
  if (!attendance) return attendance.error();
  auto note = w->body.string("note", true);
  if (!note) return note.error();
  auto f = cases::add_follow_up(c.db, case_actor(c), w->id, *date, *attendance, *note, w->today);
  if (!f) return f.error();
  if (Status st = c.audit("follow_up_note", "case", std::to_string(w->id), f->note_date); !st)
    return st.error();
  changed(c);
  return json_response({{"follow_up_id", f->id}});
}

// The accounts that can join the case's working group: the people of its township, village and
// school, and the county bureau's staff — with the duty each would usually have.
Result<Response> accounts(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto k = visible(c, *id);
  if (!k) return k.error();
  auto users = store::list_users(c.db, c.county());
  if (!users) return users.error();
  auto places =
      places_in_scope(c.db, c.county(), core::Scope{c.county(), core::Role::kCountyAdmin});
  if (!places) return places.error();
  json out = json::array();
  for (const store::User& u : *users) {
    if (u.disabled) continue;
    std::string duty;
    if (u.role == "township" && u.township_code == k->township_code) duty = "township_cadre";
    if (u.role == "village" && u.village_code == k->village_code) duty = "village_cadre";
    if (u.role == "school_admin" && u.school_code == k->school_code) duty = "principal";
    if (u.role == "teacher" && u.school_code == k->school_code) duty = "head_teacher";
    if (u.role == "county_admin" || u.role == "county_staff") duty = "other_education";
    if (duty.empty()) continue;
    const std::string unit = !u.village_code.empty()    ? u.village_code
                             : !u.school_code.empty()   ? u.school_code
                             : !u.township_code.empty() ? u.township_code
                                                        : c.county();
    out.push_back({{"username", u.username},
                   {"name", u.display_name.empty() ? u.username : u.display_name},
                   {"unit", places->unit_name(unit)},
                   {"duty", duty}});
  }
  return json_response({{"accounts", out}});
}

Result<Response> upload_file(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto k = visible(c, *id);
  if (!k) return k.error();
  if (!cases::may_work(case_actor(c), *k))
    return forbidden("上传附件（档案已销号，或账号只能查看）");
  return upload_record_file(c, "case", k->id, case_url(k->id));
}

Result<Response> send_file(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto file = c.id("file");
  if (!file) return file.error();
  auto k = visible(c, *id);
  if (!k) return k.error();
  return send_record_file(c, "case", k->id, *file);
}

}  // namespace

const std::vector<std::string>& case_export_header() {
  static const std::vector<std::string> kHeader = {"劝返状态",    "劝返次数", "最近劝返日期",
                                                   "下一步期限",  "是否逾期", "政府线责任人",
                                                   "教育线责任人"};
  return kHeader;
}

Result<std::vector<std::string>> case_export_cells(store::Database& db, const std::string& county,
                                                   const store::Case& k,
                                                   const cases::EscalationRules& rules,
                                                   const Date& today) {
  auto group = store::people_of_case(db, county, k.id);
  if (!group) return group.error();
  std::string government, education;
  for (const auto& p : *group) {
    if (!p.removed_at.empty()) continue;
    std::string& into = p.line == "government" ? government : education;
    into += (into.empty() ? "" : "；") + p.name + "（" + core::label_zh("case_duty", p.duty) + "）";
  }
  const cases::Escalation e = cases::escalation_of(k, rules, today);
  std::string state = core::label_zh("case_state", k.state);
  if (!k.end_reason.empty()) state += "（" + core::label_zh("case_end", k.end_reason) + "）";
  return std::vector<std::string>{state,
                                  std::to_string(k.attempts),
                                  k.last_attempt_date,
                                  e.next_due ? e.next_due->iso() : "",
                                  e.overdue ? "是" : "否",
                                  government,
                                  education};
}

Result<ExportPlan> plan_cases_export(store::Database& db, const ExportRequest& r) {
  auto settings = store::load_settings(db, r.county);
  if (!settings) return settings.error();
  const cases::EscalationRules rules = cases::EscalationRules::from(*settings);
  auto query = case_query(Params(r.params), r.today, rules);
  if (!query) return query.error();
  ExportPlan plan;
  plan.title = "劝返复学台账";
  plan.object_type = "cases";
  plan.header = {"档案编号", "姓名",   "性别", "出生日期", "身份证号",
                 "乡镇",     "村(居)", "学校", "辍学原因"};
  for (const auto& h : case_export_header()) plan.header.push_back(h);
  plan.header.push_back("建档日期");
  plan.write = [query = *query, r, rules](store::Database& db, const RowSink& sink) -> Status {
    auto cats = store::load_codes(db, r.county, "verification_category");
    if (!cats) return cats.error();
    return store::for_each_case(db, r.county, query, r.scope, [&](const store::Case& k) -> Status {
      std::vector<std::string> row = {std::to_string(k.id),
                                      k.name,
                                      k.sex,
                                      k.birth_date,
                                      core::mask_id_number(k.id_number),
                                      k.township,
                                      k.village,
                                      k.school_name,
                                      core::code_and_label(*cats, k.cause_category)};
      auto cells = case_export_cells(db, r.county, k, rules, r.today);
      if (!cells) return cells.error();
      row.insert(row.end(), cells->begin(), cells->end());
      row.push_back(k.opened_at.substr(0, 10));
      return sink(row);
    });
  };
  return plan;
}

void add_case_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/cases", list_cases});
  r.push_back({"GET", "/api/case-rollups", rollups});
  r.push_back({"GET", "/api/cases/{id}", case_page});
  r.push_back({"POST", "/api/cases/{id}/attempts", log_attempt, true, kJsonBody});
  r.push_back({"POST", "/api/cases/{id}/transitions", transition, true, kJsonBody});
  r.push_back({"GET", "/api/cases/{id}/accounts", accounts});
  r.push_back({"POST", "/api/cases/{id}/people", add_person, true, kJsonBody});
  r.push_back({"POST", "/api/cases/{id}/people/{person}/remove", remove_person, true, kSmallBody});
  r.push_back({"POST", "/api/cases/{id}/plan", set_plan, true, kJsonBody});
  r.push_back({"POST", "/api/cases/{id}/notices", issue_notice, true, kJsonBody});
  r.push_back({"POST", "/api/cases/{id}/follow-ups", follow_up, true, kJsonBody});
  r.push_back({"POST", "/api/cases/{id}/files", upload_file, true, kEvidenceBody});
  r.push_back({"GET", "/api/cases/{id}/files/{file}", send_file});
}

}  // namespace baoxue::api
