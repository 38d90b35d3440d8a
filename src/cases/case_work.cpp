#include "cases/case_work.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/id_number.h"
#include "core/labels.h"
#include "ledger/standing.h"
#include "notice/notice.h"
#include "store/county_repository.h"
#include "store/query.h"
#include "store/record_file_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "store/user_repository.h"
#include "verify/evidence_store.h"

namespace baoxue::cases {
namespace {

using core::CaseActor;
using core::Role;

const Error kNotFound{"not_found", "没有这份劝返复学档案，或不在您的管辖范围内"};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

Result<EscalationRules> rules_of(store::Database& db, const std::string& county) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  return EscalationRules::from(*settings);
}

// A date typed into a form: valid, and not in the future.
Result<Date> past_date(const std::string& text, const std::string& field, const Date& today) {
  auto d = Date::parse_iso(text);
  if (!d) return make_error("bad_request", field + "应为日期，如 " + today.iso());
  if (*d > today) return make_error("bad_request", field + "不能晚于今天（" + today.iso() + "）");
  return *d;
}

// A case taken up again (reopened, relapsed): no end, no closing, no pending request.
void clear_ending(store::Case& c) {
  c.prior_state.clear();
  c.end_reason.clear();
  c.closed_at.clear();
  c.closed_by.clear();
}

// Recomputes what the case keeps from its attempts, notices and notes — counts, the last
// attempt, the next due day — and stamps it updated.
Status refresh(store::Database& db, const std::string& county, store::Case& c, const Date& today) {
  auto rules = rules_of(db, county);
  if (!rules) return rules.error();
  auto attempts = store::attempts_of_case(db, county, c.id);
  if (!attempts) return attempts.error();
  std::set<long long> corrected;
  for (const auto& a : *attempts)
    if (a.corrects_id) corrected.insert(*a.corrects_id);
  CaseFacts f;
  f.state = c.state;
  f.opened_on = Date::parse_iso(c.opened_at.substr(0, 10)).value_or(today);
  c.attempts = c.refusals = 0;
  c.last_attempt_date.clear();
  const store::Attempt* last = nullptr;
  for (const auto& a : *attempts) {
    if (corrected.count(a.id)) continue;
    ++c.attempts;
    if (a.outcome == "refused") ++c.refusals;
    if (!last || a.attempt_date >= last->attempt_date) last = &a;
  }
  if (last) {
    c.last_attempt_date = last->attempt_date;
    f.last_attempt = Date::parse_iso(last->attempt_date);
    f.promised_next = Date::parse_iso(last->next_due);
  }
  // Attempts before a reopening belong to the earlier round: the clock restarts at reopening.
  auto steps = store::steps_of_case(db, county, c.id);
  if (!steps) return steps.error();
  for (const auto& s : *steps)
    if (s.to == core::kCaseStart && s.from != s.to) {  // opened or reopened, not a plan or notice
      auto at = Date::parse_iso(s.at.substr(0, 10));
      if (at && *at > f.opened_on) f.opened_on = *at;
    }
  if (f.last_attempt && *f.last_attempt < f.opened_on)
    f.last_attempt.reset(), f.promised_next.reset();
  f.refusals = static_cast<int>(c.refusals);
  auto notices = store::notices_of_case(db, county, c.id);
  if (!notices) return notices.error();
  c.notice_deadline.clear();
  for (const auto& n : *notices)
    if (n.kind == "deadline_notice") c.notice_deadline = n.deadline;
  f.notice_deadline = Date::parse_iso(c.notice_deadline);
  f.returned_on = Date::parse_iso(c.return_date);
  auto notes = store::follow_ups_of_case(db, county, c.id);
  if (!notes) return notes.error();
  for (const auto& n : *notes) {
    auto d = Date::parse_iso(n.note_date);
    if (d && (!f.last_follow_up || *d > *f.last_follow_up)) f.last_follow_up = d;
  }
  const Escalation e = escalate(f, *rules, today);
  c.next_due = e.next_due ? e.next_due->iso() : "";
  if (e.follow_up_until) c.follow_up_until = e.follow_up_until->iso();
  c.updated_at = store::now_utc();
  return {};
}

Status record_step(store::Database& db, const std::string& county, long long case_id,
                   const std::string& by, const std::string& action, const std::string& from,
                   const std::string& to, const std::string& reason,
                   const nlohmann::json& detail = nullptr) {
  store::CaseStep s;
  s.case_id = case_id;
  s.by = by;
  s.action = action;
  s.from = from;
  s.to = to;
  s.reason = reason;
  if (!detail.is_null()) s.detail = detail.dump();
  return store::insert_case_step(db, county, s);
}

// The county's school with this code, or an error that says it is not one.
Result<store::School> school_of(store::Database& db, const std::string& county,
                                const std::string& code) {
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  for (const auto& x : *schools)
    if (x.id == code) return x;
  return make_error("bad_request", "学校标识码 " + code + " 不是本县的学校");
}

// The school that will answer for a case on the education line: the child's last school; for a
// child never enrolled, the school whose catchment (划片) holds his village — a primary school
// below grade 7 of his age, else one that teaches junior grades. None found: the plan names one.
Status place_from(store::Database& db, const std::string& county, store::Case& c,
                  const store::DropoutEntry& d) {
  c.township_code = d.township_code;
  c.village_code = d.village_code;
  c.school_code = d.school_code;
  c.school_name = d.school_name;
  c.grade = d.grade;
  c.class_number = d.class_number;
  if (!c.school_code.empty() || d.village_code.empty()) return {};
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  const bool junior = d.grade && *d.grade >= 7;
  for (const auto& x : *schools) {
    const bool serves = std::find(x.catchment_villages.begin(), x.catchment_villages.end(),
                                  d.village_code) != x.catchment_villages.end();
    const bool fits = x.type == "nine_year" || (junior ? x.type == "junior" : x.type == "primary");
    if (serves && fits) {
      c.school_code = x.id;
      c.school_name = x.name;
      return {};
    }
  }
  return {};
}

}  // namespace

bool speaks_for_township(const Actor& actor, const store::Case& c) {
  const core::Scope& s = actor.scope;
  return s.operates_county() || (s.role == Role::kTownship && s.township_code == c.township_code);
}

bool may_take(const Actor& actor, const store::Case& c, const core::CaseTransition& t) {
  const core::Scope& s = actor.scope;
  if (!s.may_write() || c.state != t.from) return false;
  switch (t.who) {
    case CaseActor::kWorker:
      return true;  // he sees the case (the store's scope), and is no inspector
    case CaseActor::kTownship:
      return speaks_for_township(actor, c);
    case CaseActor::kCounty:
      return s.operates_county();
  }
  return false;
}

Result<store::Case> case_in_reach(store::Database& db, const Actor& actor, long long id) {
  auto c = store::case_by_id(db, actor.county, id, actor.scope);
  if (!c) return c.error();
  if (!c.value()) return kNotFound;
  return *c.value();
}

bool may_work(const Actor& actor, const store::Case& c) {
  return actor.scope.may_write() && c.state != core::kCaseClosed;
}

std::vector<std::string> actions_for(const Actor& actor, const store::Case& c, const Date& today) {
  std::vector<std::string> out;
  for (const core::CaseTransition& t : core::kCaseTransitions) {
    if (!may_take(actor, c, t)) continue;
    if ((t.needs & core::kNeedFollowUpOver) &&
        !(Date::parse_iso(c.follow_up_until) && today >= *Date::parse_iso(c.follow_up_until)))
      continue;
    out.push_back(t.action);
  }
  return out;
}

Escalation escalation_of(const store::Case& c, const EscalationRules& rules, const Date& today) {
  Escalation e;
  e.next_due = Date::parse_iso(c.next_due);
  e.follow_up_until = Date::parse_iso(c.follow_up_until);
  const bool open = c.state != core::kCaseClosed;
  e.overdue = open && e.next_due && today > *e.next_due;
  e.notice_due = c.state == "persuading" && c.notice_deadline.empty() &&
                 c.refusals >= rules.refusals_before_notice;
  const auto deadline = Date::parse_iso(c.notice_deadline);
  e.escalated = c.state == "persuading" && deadline && today > *deadline;
  return e;
}

Status open_case_for_dropout(store::Database& db, const std::string& county,
                             const store::DropoutEntry& d, const std::string& by,
                             const Date& today) {
  auto existing = store::case_of_child(db, county, d.child_key);
  if (!existing) return existing.error();
  if (!existing.value()) {
    store::Case c;
    c.child_key = d.child_key;
    c.dropout_id = d.id;
    if (Status st = place_from(db, county, c, d); !st) return st;
    c.cause_category = d.category;
    c.cause_note = d.note;
    c.state = core::kCaseStart;
    c.opened_by = by;
    if (Status st = store::insert_case(db, county, c); !st) return st;
    if (Status st = record_step(db, county, c.id, by, "open", "", c.state,
                                "核查确认失学辍学，建立劝返复学档案");
        !st)
      return st;
    if (Status st = refresh(db, county, c, today); !st) return st;
    return store::update_case(db, county, c, c.state);
  }
  // He came back and dropped out again: the same case, for the new entry.
  store::Case c = *existing.value();
  const std::string from = c.state;
  if (from != core::kCaseClosed && c.dropout_id != d.id) {
    // The earlier entry is superseded by this one.
    if (Status st = store::set_dropout_status(db, county, c.dropout_id, "closed", by, "",
                                              "再次确认辍学，由新的辍学记录接续");
        !st)
      return st;
  }
  c.dropout_id = d.id;
  if (Status st = place_from(db, county, c, d); !st) return st;
  c.cause_category = d.category;
  c.cause_note = d.note;
  c.state = core::kCaseStart;
  clear_ending(c);
  c.return_school_code.clear(), c.return_school_name.clear(), c.return_class.clear();
  c.return_date.clear(), c.follow_up_until.clear(), c.return_grade.reset();
  if (Status st = record_step(db, county, c.id, by, "reopen", from, c.state,
                              "再次核查确认失学辍学，重新劝返");
      !st)
    return st;
  if (Status st = refresh(db, county, c, today); !st) return st;
  return store::update_case(db, county, c, from);
}

Result<bool> reopen_on_relapse(store::Database& db, const std::string& county,
                               const std::string& child_key, const std::string& reason,
                               const std::string& by, const Date& today) {
  auto existing = store::case_of_child(db, county, child_key);
  if (!existing) return existing.error();
  if (!existing.value()) return false;
  store::Case c = *existing.value();
  const bool following = c.state == "returned";
  const bool closed_back = c.state == core::kCaseClosed && c.end_reason == "returned";
  if (!following && !closed_back) return false;
  const std::string from = c.state;
  Status st = db.transaction([&]() -> Status {
    if (closed_back)
      if (Status s = store::set_dropout_status(db, county, c.dropout_id, "open", by); !s) return s;
    c.state = core::kCaseStart;
    clear_ending(c);
    if (Status s = record_step(db, county, c.id, by, following ? "relapse" : "reopen", from,
                               c.state, reason);
        !s)
      return s;
    if (Status s = refresh(db, county, c, today); !s) return s;
    if (Status s = store::update_case(db, county, c, from); !s) return s;
    return ledger::refresh_standing(db, county, c.child_key);
  });
  if (!st) return st.error();
  return true;
}

Result<long> reopen_after_census(store::Database& db, const std::string& county, long long run_id,
                                 const std::string& by, const Date& today) {
  // The run's new entries of children with a case that may relapse; each one checked by the rule.
  store::Where w;
  w.equals("e.county_code", county).equals("e.opened_run_id", std::to_string(run_id));
  w.add("c.state IN ('returned', 'closed')");
  std::vector<std::pair<std::string, std::string>> found;  // child, the entry's reason
  Status st = store::for_each_row(
      db,
      "SELECT e.child_key, e.reason FROM suspected_entries e JOIN cases c ON c.county_code = "
      "e.county_code AND c.child_key = e.child_key",
      w, "ORDER BY e.id", [&](const soci::row& r) {
        found.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
      });
  if (!st) return st.error();
  long reopened = 0;
  for (const auto& [child, reason] : found) {
    auto done = reopen_on_relapse(db, county, child, "复学后再次列入疑似失学辍学台账：" + reason,
                                  by, today);
    if (!done) return done.error();
    if (*done) ++reopened;
  }
  return reopened;
}

Result<store::Attempt> log_attempt(store::Database& db, const Actor& actor, long long case_id,
                                   const AttemptInput& in, const Date& today) {
  auto found = case_in_reach(db, actor, case_id);
  if (!found) return found.error();
  store::Case c = *found;
  if (!actor.scope.may_write())
    return make_error("forbidden", "督学账号只能查看，不能登记劝返记录");
  if (c.state != "persuading")
    return make_error("case_not_open", "该档案当前为“" + core::label_zh("case_state", c.state) +
                                           "”，不在劝返中，不能登记劝返记录");
  auto date = past_date(in.date, "劝返日期", today);
  if (!date) return date.error();
  if (!core::find_label("attempt_method", in.method))
    return make_error("bad_request", "请选择劝返方式（电话、入户、联合家访或约谈）");
  if (!core::find_label("attempt_outcome", in.outcome))
    return make_error("bad_request", "请选择劝返结果（同意返校、考虑中、拒绝返校或未见到人）");
  if (blank(in.visitors)) return make_error("bad_request", "请填写参与劝返的人员（双线人员姓名）");
  if (!in.next_due.empty()) {
    auto next = Date::parse_iso(in.next_due);
    if (!next) return make_error("bad_request", "下一步期限应为日期，如 " + today.iso());
    if (*next < *date) return make_error("bad_request", "下一步期限不能早于本次劝返日期");
  }
  store::Attempt a;
  a.case_id = c.id;
  a.attempt_date = date->iso();
  a.method = in.method;
  a.visitors = in.visitors;
  a.met = in.met;
  a.said = in.said;
  a.outcome = in.outcome;
  a.next_step = in.next_step;
  a.next_due = in.next_due;
  a.corrects_id = in.corrects_id;
  a.recorded_by = actor.username;
  Status st = db.transaction([&]() -> Status {
    if (in.corrects_id) {
      auto all = store::attempts_of_case(db, actor.county, c.id);
      if (!all) return all.error();
      bool mine = false, already = false;
      for (const auto& x : *all) {
        if (x.id == *in.corrects_id) mine = true;
        if (x.corrects_id == in.corrects_id) already = true;
      }
      if (!mine) return make_error("attempt_not_found", "要更正的劝返记录不属于该档案");
      if (already) return make_error("bad_request", "这条劝返记录已被更正过，请更正最新的那一条");
    }
    if (Status s = store::insert_attempt(db, actor.county, a); !s) return s;
    if (Status s = store::attach_record_files(db, actor.county, "case", c.id, "case_attempt", a.id,
                                              in.file_ids);
        !s)
      return s;
    const std::string state = c.state;
    if (Status s = refresh(db, actor.county, c, today); !s) return s;
    return store::update_case(db, actor.county, c, state);
  });
  if (!st) return st.error();
  return a;
}

Result<store::Case> take(store::Database& db, const Actor& actor, long long case_id,
                         const TransitionInput& in, const Date& today) {
  auto found = case_in_reach(db, actor, case_id);
  if (!found) return found.error();
  store::Case c = *found;
  const core::CaseTransition* t = core::find_case_transition(c.state, in.action);
  if (!t)
    return make_error("transition_not_allowed",
                      "档案当前为“" + core::label_zh("case_state", c.state) + "”，不能" +
                          core::label_zh("case_action", in.action));
  if (!may_take(actor, c, *t))
    return make_error("forbidden", "您的账号不能" + core::label_zh("case_action", in.action) +
                                       (t->who == CaseActor::kCounty ? "（需县教育局审核）" : ""));
  if ((t->needs & core::kNeedReason) && blank(in.reason))
    return make_error("reason_required",
                      "请写明" + core::label_zh("case_action", in.action) + "的原因");
  nlohmann::json detail = nlohmann::json::object();
  const std::string from = c.state;
  c.state = *t->to ? t->to : c.prior_state;
  if (c.state.empty()) c.state = core::kCaseStart;
  if (t->needs & core::kNeedReturnSchool) {
    auto date = past_date(in.return_date, "返校日期", today);
    if (!date) return date.error();
    std::string school_name = in.school_name;
    if (!in.school_code.empty()) {
      auto school = school_of(db, actor.county, in.school_code);
      if (!school) return school.error();
      school_name = school->name;
    }
    if (blank(school_name)) return make_error("bad_request", "请填写接收学校");
    if (blank(in.class_name)) return make_error("bad_request", "请填写就读班级");
    c.return_school_code = in.school_code;
    c.return_school_name = school_name;
    c.return_grade = in.grade;
    c.return_class = in.class_name;
    c.return_date = date->iso();
    c.adaptation_plan = in.adaptation_plan;
    // The receiving school follows him up: the case moves to it.
    if (!in.school_code.empty()) {
      c.school_code = in.school_code;
      c.school_name = school_name;
      c.grade = in.grade;
      c.class_number.reset();
    }
    detail = {{"school_code", in.school_code},
              {"school_name", school_name},
              {"grade", in.grade ? nlohmann::json(*in.grade) : nlohmann::json(nullptr)},
              {"class", in.class_name},
              {"return_date", c.return_date},
              {"adaptation_plan", in.adaptation_plan}};
  }
  if ((t->needs & core::kNeedAssessment) && blank(in.reason))
    return make_error("reason_required",
                      "请写明送教上门所依据的评估意见（如县残疾人教育专家委员会评估）");
  if (t->needs & core::kNeedFollowUpOver) {
    const auto until = Date::parse_iso(c.follow_up_until);
    if (!until || today < *until)
      return make_error("follow_up_not_over",
                        "跟踪期到 " + c.follow_up_until + " 结束，期满后方可申请销号");
  }
  if (std::string(t->to) == "closing") {
    std::string end = in.end_reason.empty() ? core::implied_case_end(from) : in.end_reason;
    if (t->needs & core::kNeedEndReason) {
      const core::Code* e = core::find_label("case_end", end);
      if (!e || end == "returned" || end == "home_teaching")
        return make_error("bad_request",
                          "请选择销号原因：依法延缓入学/休学、依法免予入学、迁出本县、超龄或死亡");
      if (e->flag("proof") && in.file_ids.empty())
        return make_error(
            "proof_required",
            e->label_zh +
                "须上传证明材料（如县级医院或残疾人教育专家委员会的证明、去向证明、死亡证明）");
    }
    c.prior_state = from;
    c.end_reason = end;
    detail["end_reason"] = end;
  }
  if (std::string(t->action) == "reject_close") {
    c.end_reason.clear();
    c.prior_state.clear();
  }
  if (std::string(t->action) == "relapse" || std::string(t->action) == "reopen") clear_ending(c);
  if (c.state == core::kCaseClosed) {
    c.closed_at = store::now_utc();
    c.closed_by = actor.username;
  }
  if (!in.file_ids.empty()) detail["files"] = in.file_ids;
  Status st = db.transaction([&]() -> Status {
    store::CaseStep step;
    step.case_id = c.id;
    step.by = actor.username;
    step.action = t->action;
    step.from = from;
    step.to = c.state;
    step.reason = in.reason;
    if (!detail.empty()) step.detail = detail.dump();
    if (Status s = store::insert_case_step(db, actor.county, step); !s) return s;
    if (Status s = store::attach_record_files(db, actor.county, "case", c.id, "case_transition",
                                              step.id, in.file_ids);
        !s)
      return s;
    if (c.state == core::kCaseClosed) {
      if (Status s =
              store::set_dropout_status(db, actor.county, c.dropout_id, "closed", actor.username,
                                        c.end_reason, core::label_zh("case_end", c.end_reason));
          !s)
        return s;
    } else if (from == core::kCaseClosed) {
      if (Status s =
              store::set_dropout_status(db, actor.county, c.dropout_id, "open", actor.username);
          !s)
        return s;
    }
    if (Status s = refresh(db, actor.county, c, today); !s) return s;
    if (Status s = store::update_case(db, actor.county, c, from); !s) return s;
    if (c.state == core::kCaseClosed || from == core::kCaseClosed)
      return ledger::refresh_standing(db, actor.county, c.child_key);
    return {};
  });
  if (!st) return st.error();
  return c;
}

Result<store::CasePerson> add_person(store::Database& db, const Actor& actor, long long case_id,
                                     const PersonInput& in) {
  auto c = case_in_reach(db, actor, case_id);
  if (!c) return c.error();
  if (!may_work(actor, *c)) return make_error("forbidden", "该档案已销号或您的账号只能查看");
  const core::Code* duty = core::find_label("case_duty", in.duty);
  if (!duty)
    return make_error("bad_request", "请选择责任人的职责（乡镇包联干部、村干部、校长、班主任等）");
  std::string name = in.name;
  if (!in.username.empty()) {  // one of the county's accounts: named as the account is
    auto user = store::find_user(db, in.username);
    if (!user) return user.error();
    if (!user.value() || user.value()->county != actor.county)
      return make_error("bad_request", "没有账号“" + in.username + "”");
    if (blank(name)) name = user.value()->display_name;
  }
  if (blank(name)) return make_error("bad_request", "请填写责任人姓名");
  store::CasePerson p;
  p.case_id = c->id;
  p.line = duty->attrs.count("line") ? duty->attrs.at("line") : "education";
  p.duty = in.duty;
  p.name = name;
  p.phone = in.phone;
  p.username = in.username;
  p.added_by = actor.username;
  if (Status st = store::insert_case_person(db, actor.county, p); !st) return st.error();
  return p;
}

Status remove_person(store::Database& db, const Actor& actor, long long case_id,
                     long long person_id) {
  auto c = case_in_reach(db, actor, case_id);
  if (!c) return c.error();
  if (!may_work(actor, *c)) return make_error("forbidden", "该档案已销号或您的账号只能查看");
  return store::remove_case_person(db, actor.county, c->id, person_id, actor.username);
}

Result<store::Case> set_plan(store::Database& db, const Actor& actor, long long case_id,
                             const std::string& measures, const std::string& target_date,
                             const std::string& school_code, const Date& today) {
  auto found = case_in_reach(db, actor, case_id);
  if (!found) return found.error();
  store::Case c = *found;
  if (!may_work(actor, c)) return make_error("forbidden", "该档案已销号或您的账号只能查看");
  if (blank(measures)) return make_error("bad_request", "请填写一人一案的帮扶措施");
  if (!target_date.empty() && !Date::parse_iso(target_date))
    return make_error("bad_request", "目标日期应为日期，如 " + today.iso());
  nlohmann::json detail = {{"measures", measures}, {"target_date", target_date}};
  if (!school_code.empty() && school_code != c.school_code) {
    auto school = school_of(db, actor.county, school_code);
    if (!school) return school.error();
    c.school_code = school->id;
    c.school_name = school->name;
    c.class_number.reset();
    detail["school_code"] = school->id;
    detail["school_name"] = school->name;
  }
  c.plan_measures = measures;
  c.plan_target_date = target_date;
  c.updated_at = store::now_utc();
  Status st = db.transaction([&]() -> Status {
    if (Status s = record_step(db, actor.county, c.id, actor.username, "plan", c.state, c.state,
                               "制定/修改一人一案", detail);
        !s)
      return s;
    return store::update_case(db, actor.county, c, c.state);
  });
  if (!st) return st.error();
  return c;
}

Result<store::FollowUp> add_follow_up(store::Database& db, const Actor& actor, long long case_id,
                                      const std::string& date, const std::string& attendance,
                                      const std::string& note, const Date& today) {
  auto found = case_in_reach(db, actor, case_id);
  if (!found) return found.error();
  store::Case c = *found;
  if (!actor.scope.may_write()) return make_error("forbidden", "督学账号只能查看");
  if (c.state != "returned")
    return make_error("case_not_open", "跟踪记录只在“已返校（跟踪期）”时登记");
  auto d = past_date(date, "记录日期", today);
  if (!d) return d.error();
  if (blank(note)) return make_error("bad_request", "请填写跟踪情况");
  store::FollowUp f;
  f.case_id = c.id;
  f.note_date = d->iso();
  f.attendance = attendance;
  f.note = note;
  f.recorded_by = actor.username;
  Status st = db.transaction([&]() -> Status {
    if (Status s = store::insert_follow_up(db, actor.county, f); !s) return s;
    const std::string state = c.state;
    if (Status s = refresh(db, actor.county, c, today); !s) return s;
    return store::update_case(db, actor.county, c, state);
  });
  if (!st) return st.error();
  return f;
}

namespace {

std::string grade_text(std::optional<long long> grade) {
  static const char* kNames[] = {"一年级", "二年级", "三年级", "四年级", "五年级",
                                 "六年级", "七年级", "八年级", "九年级"};
  if (!grade || *grade < 1 || *grade > 9) return "";
  return kNames[*grade - 1];
}

// The county's own name and its places' names by code: what a notice names.
struct PlaceNames {
  std::string county;
  std::map<std::string, std::string> by_code;
  std::string of(const std::string& code) const {
    auto it = by_code.find(code);
    return it == by_code.end() ? std::string() : it->second;
  }
};
Result<PlaceNames> place_names(store::Database& db, const std::string& county) {
  auto regions = store::list_regions(db, county);
  if (!regions) return regions.error();
  PlaceNames out;
  for (const auto& r : *regions) {
    out.by_code[r.code] = r.name;
    if (r.level == "county") out.county = r.name;
  }
  return out;
}

// The unit that signs: a 限期返校通知书 is the township government's (a street's office); a
// 劝返通知书 is the issuing user's own unit.
Result<std::string> issuer_of(store::Database& db, const Actor& actor, const store::Case& c,
                              const std::string& kind, const PlaceNames& names) {
  auto name_of = [&](const std::string& code) { return names.of(code); };
  auto government = [](const std::string& township) {
    if (township.empty()) return std::string();
    const std::string street = "街道";
    if (township.size() >= street.size() &&
        township.compare(township.size() - street.size(), street.size(), street) == 0)
      return township + "办事处";
    return township + "人民政府";
  };
  if (kind == "deadline_notice") return government(name_of(c.township_code));
  const core::Scope& s = actor.scope;
  if (!s.school_code.empty()) {
    auto schools = store::list_schools(db, actor.county);
    if (!schools) return schools.error();
    for (const auto& x : *schools)
      if (x.id == s.school_code) return x.name;
  }
  if (s.role == Role::kVillage) return name_of(s.village_code) + "村民委员会";
  if (s.role == Role::kTownship) return government(name_of(s.township_code));
  return names.county + "教育局";
}

}  // namespace

Result<IssuedNotice> issue_notice(store::Database& db, const Actor& actor, long long case_id,
                                  const NoticeRequest& request, const verify::EvidenceStore& files,
                                  const Date& today) {
  auto found = case_in_reach(db, actor, case_id);
  if (!found) return found.error();
  store::Case c = *found;
  if (!actor.scope.may_write()) return make_error("forbidden", "督学账号只能查看，不能出具通知书");
  if (request.kind != "return_notice" && request.kind != "deadline_notice")
    return make_error("bad_request", "通知书种类应为劝返通知书或限期返校通知书");
  if (request.kind == "deadline_notice" && !speaks_for_township(actor, c))
    return make_error("forbidden",
                      "限期返校通知书由乡镇人民政府（或县教育局）出具（义务教育法第五十八条）");
  if (c.state != "persuading")
    return make_error("case_not_open", "档案当前为“" + core::label_zh("case_state", c.state) +
                                           "”，不在劝返中，不出具通知书");
  auto settings = store::load_settings(db, actor.county);
  if (!settings) return settings.error();
  Date deadline = today.plus_days(settings->get_int("case.notice_deadline_days"));
  if (!request.deadline.empty()) {
    auto d = Date::parse_iso(request.deadline);
    if (!d) return make_error("bad_request", "返校期限应为日期，如 " + deadline.iso());
    if (*d <= today) return make_error("bad_request", "返校期限应晚于今天");
    deadline = *d;
  }
  auto people = store::people_of_case(db, actor.county, c.id);
  if (!people) return people.error();
  std::string contact_name = request.contact_name, contact_phone = request.contact_phone;
  if (contact_name.empty())
    for (const auto& p : *people)
      if (p.removed_at.empty() && !p.phone.empty()) {
        contact_name = p.name, contact_phone = p.phone;
        break;
      }
  if (contact_name.empty())
    return make_error("bad_request",
                      "请填写家长可联系的人和电话（或先在工作组中登记责任人及其电话）");
  if (c.school_name.empty())
    return make_error("bad_request", "通知书要写明返回就读的学校：请先在一人一案中确定接收学校");
  auto names = place_names(db, actor.county);
  if (!names) return names.error();
  const std::string& county_name = names->county;
  auto issuer = issuer_of(db, actor, c, request.kind, *names);
  if (!issuer) return issuer.error();
  auto dropout =
      store::dropout_by_id(db, actor.county, c.dropout_id,
                           core::Scope{.county = actor.county, .role = Role::kCountyAdmin});
  if (!dropout) return dropout.error();

  notice::NoticeFacts facts;
  facts.kind = request.kind;
  facts.county_name = county_name;
  facts.issuer = *issuer;
  facts.child_name = c.name;
  facts.child_sex = c.sex;
  facts.child_birth_date = c.birth_date;
  facts.child_id_masked = core::mask_id_number(c.id_number);
  facts.guardian_name = c.guardian_name;
  facts.address = c.address;
  if (facts.address.empty())  // a registry without addresses: the household's village
    facts.address = county_name + names->of(c.township_code) + names->of(c.village_code);
  facts.school_name = c.school_name;
  facts.grade_text = grade_text(c.grade);
  if (dropout.value()) facts.out_since = dropout.value()->opened_at.substr(0, 10);
  facts.deadline = deadline.iso();
  facts.issue_date = today.iso();
  facts.contact_name = contact_name;
  facts.contact_phone = contact_phone;

  IssuedNotice out;
  Status st = db.transaction([&]() -> Status {
    // The number: the county's short name, the kind, the year and the next serial of the year.
    auto used = store::notices_in_year(db, actor.county, request.kind, today.year);
    if (!used) return used.error();
    std::string short_name = county_name;
    for (const char* suffix : {"区", "县", "市"})
      if (short_name.size() > 3 && short_name.compare(short_name.size() - 3, 3, suffix) == 0)
        short_name.resize(short_name.size() - 3);
    char serial[16];
    std::snprintf(serial, sizeof serial, "%04lld", *used + 1);
    facts.number = short_name + (request.kind == "deadline_notice" ? "限返" : "劝返") + "〔" +
                   std::to_string(today.year) + "〕第" + serial + "号";
    auto doc = notice::compose(facts);
    if (!doc) return doc.error();
    auto pdf = notice::render_pdf(*doc);
    if (!pdf) return pdf.error();
    const std::string file_name = notice::notice_kind_name(request.kind) + "-" + c.name + "-" +
                                  std::to_string(today.year) + "-" + serial + ".pdf";
    auto stored = files.put(file_name, *pdf);
    if (!stored) return stored.error();
    out.notice.case_id = c.id;
    out.notice.kind = request.kind;
    out.notice.number = facts.number;
    out.notice.issuer = *issuer;
    out.notice.issued_on = today.iso();
    out.notice.deadline = deadline.iso();
    out.notice.sha256 = stored->sha256;
    out.notice.size = static_cast<long long>(stored->size);
    out.notice.issued_by = actor.username;
    if (Status s = store::insert_notice(db, actor.county, out.notice); !s) return s;
    out.file.owner_type = "case";
    out.file.owner_id = c.id;
    out.file.attached_type = "case_notice";
    out.file.attached_id = out.notice.id;
    out.file.sha256 = stored->sha256;
    out.file.name = file_name;
    out.file.content_type = stored->content_type;
    out.file.size = out.notice.size;
    out.file.uploaded_by = actor.username;
    if (Status s = store::insert_record_file(db, actor.county, out.file); !s) return s;
    if (Status s = record_step(db, actor.county, c.id, actor.username, "notice", c.state, c.state,
                               notice::notice_kind_name(request.kind) + " " + facts.number,
                               {{"notice_id", out.notice.id}, {"deadline", deadline.iso()}});
        !s)
      return s;
    const std::string state = c.state;
    if (Status s = refresh(db, actor.county, c, today); !s) return s;
    return store::update_case(db, actor.county, c, state);
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::cases
