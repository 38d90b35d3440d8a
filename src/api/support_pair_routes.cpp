// 结对帮扶 (support pairs, DOMAIN.md §6): a teacher paired with each left-behind or high-risk
// pupil, the pair's log (a weekly record, a monthly talk, a call to the parents each term — the
// county's cadence, cases/support_cadence.h), which contacts are late, and each school's coverage:
// every pupil who needs a pair has one.
//
// Who does what: the school arranges pairs and keeps their log — the head teacher for his class,
// the school's administrator for the school (the paired teacher is named, not a user account, so
// the clerk or head teacher who records a contact need not be him). The township and the county
// read the lists and the coverage and chase the schools; they do not pair a school's teachers
// themselves. The inspector reads. A pair outside the user's scope is not found (404), before
// anything he sent is read.
#include <map>

#include "api/call.h"
#include "api/places.h"
#include "api/risk_set.h"
#include "api/verification_json.h"
#include "cases/support_cadence.h"
#include "core/labels.h"
#include "store/county_repository.h"
#include "store/support_pair_repository.h"

namespace baoxue::api {
namespace {

const char* const kOwner = "support_pair";

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json class_name(const std::optional<long long>& grade, const std::optional<long long>& number) {
  return grade && number ? json(core::class_label(*grade, *number)) : json(nullptr);
}

// The school's roles: they pair their pupils with teachers and keep the pairs' logs.
bool arranges_pairs(const core::Scope& scope) {
  return scope.role == core::Role::kSchoolAdmin || scope.role == core::Role::kTeacher;
}

Error not_arranger(const std::string& what) {
  return {"forbidden", "结对帮扶由学校安排和登记（班主任、学校管理员），您的账号不能" + what};
}

// What the rule reads of a stored pair.
cases::PairFacts facts_of(const store::SupportPair& p) {
  cases::PairFacts f;
  f.since = Date::parse_iso(p.since).value_or(Date{});
  for (const auto& [kind, day] : p.last_contact)
    if (auto d = Date::parse_iso(day)) f.last_contact[kind] = *d;
  f.ended = !p.ended_on.empty();
  return f;
}

bool is_overdue(const store::SupportPair& p, const cases::CadenceRules& rules, const Date& today) {
  for (const auto& k : cases::cadence(facts_of(p), rules, today))
    if (k.overdue) return true;
  return false;
}

json pair_json(const store::SupportPair& p, const cases::CadenceRules& rules, const Date& today) {
  json due = json::array(), overdue_kinds = json::array(), overdue_names = json::array();
  for (const auto& k : cases::cadence(facts_of(p), rules, today)) {
    due.push_back(
        {{"kind", k.kind},
         {"kind_name", core::label_zh("support_contact_kind", k.kind)},
         {"last_contact", k.last_contact ? json(k.last_contact->iso()) : json(nullptr)},
         {"due_on", k.due_on.iso()},
         {"overdue", k.overdue},
         {"overdue_since", k.overdue_since ? json(k.overdue_since->iso()) : json(nullptr)},
         {"days_overdue", k.days_overdue}});
    if (k.overdue) {
      overdue_kinds.push_back(k.kind);
      overdue_names.push_back(core::label_zh("support_contact_kind", k.kind));
    }
  }
  const std::string status = p.ended_on.empty() ? "active" : "ended";
  return {{"id", p.id},
          {"name", p.name},
          {"township_code", p.township_code},
          {"school_code", p.school_code},
          {"school_name", p.school_name},
          {"grade", optional_int(p.grade)},
          {"class_number", optional_int(p.class_number)},
          {"class_name", class_name(p.grade, p.class_number)},
          {"teacher", p.teacher},
          {"teacher_phone", p.teacher_phone},
          {"reason", p.reason},
          {"since", p.since},
          {"status", status},
          {"status_name", core::label_zh("support_pair_status", status)},
          {"ended_on", p.ended_on.empty() ? json(nullptr) : json(p.ended_on)},
          {"end_note", p.end_note},
          {"last_contact", p.last_contact},
          {"cadence", due},
          {"overdue", !overdue_kinds.empty()},
          {"overdue_kinds", overdue_kinds},
          {"overdue_names", overdue_names}};
}

// The county's today and its cadence: what a pair's contacts are measured against.
struct Clock {
  Date today;
  cases::CadenceRules rules;
  json pair(const store::SupportPair& p) const { return pair_json(p, rules, today); }
};

Result<Clock> clock_of(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  return Clock{*today, cases::CadenceRules::from(settings.value())};
}

Result<Response> pairs(Call& c) {
  const Params p = c.query();
  store::PairQuery q;
  std::string village;
  if (Status st = p.places(q.township_code, village, q.school_code); !st) return st.error();
  auto status = p.choice("status", {"active", "ended", "all"}, "active", "support_pair_status");
  if (!status) return status.error();
  q.status = *status == "all" ? "" : *status;
  auto overdue = p.choice("overdue", {"0", "1"});
  if (!overdue) return overdue.error();
  q.teacher = p.text("teacher");
  q.q = p.text("q");
  auto asked = p.page();
  if (!asked) return asked.error();
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  if (*overdue == "1")
    for (const auto& [kind, days] : clock->rules.kinds)
      if (days > 0) q.overdue_before[kind] = cases::overdue_before(days, clock->today).iso();
  auto found = find_page<store::Paged<store::SupportPair>>(*asked, [&](const store::Page& pg) {
    return store::find_pairs(c.db, c.county(), q, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  json out = json::array();
  for (const auto& pair : rows.rows) out.push_back(clock->pair(pair));
  if (!rows.rows.empty()) {
    if (Status st = c.audit("view_support_pairs", "support_pairs", "",
                            "结对帮扶第 " + std::to_string(served.page.page) + " 页，" +
                                std::to_string(rows.rows.size()) + " 条（共 " +
                                count_text(rows.total) + " 条）");
        !st)
      return st.error();
  }
  json body = page_json(rows.total, served, out);
  body["today"] = clock->today.iso();
  return json_response(body);
}

Result<std::optional<Date>> day_field(const Body& body, const std::string& key,
                                      const std::string& what, const Date& today) {
  auto text = body.string(key);
  if (!text) return text.error();
  if (text->empty()) return std::optional<Date>();
  auto day = Date::parse_iso(*text);
  if (!day) return make_error("bad_request", what + "应为 年-月-日，如 2026-10-12");
  if (*day > today) return make_error("bad_request", what + "不能晚于今天");
  return std::optional<Date>(*day);
}

Result<Response> create_pair(Call& c) {
  if (!arranges_pairs(c.scope)) return not_arranger("安排结对帮扶");
  auto body = c.body();
  if (!body) return body.error();
  // The pupil first: one outside the user's scope is not found, whatever else was sent.
  auto child = child_named(c, *body, "结对帮扶的学生", "学生");
  if (!child) return child.error();
  auto teacher = body->string("teacher", true);
  if (!teacher) return teacher.error();
  auto phone = body->string("teacher_phone");
  if (!phone) return phone.error();
  if (phone->size() > 20 || phone->find_first_not_of("0123456789- +") != std::string::npos)
    return make_error("bad_request", "帮扶教师电话只能是数字（可带 - 或空格），如 13800000000");
  auto reason = body->string("reason", true);
  if (!reason) return reason.error();
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  auto since = day_field(*body, "since", "结对日期", clock->today);
  if (!since) return since.error();
  const store::PlanChild& ch = *child;
  store::SupportPair p;
  p.child_key = ch.child_key;
  p.name = ch.name;
  p.township_code = ch.township_code;
  p.village_code = ch.village_code;
  p.school_code = ch.school_code;
  p.school_name = ch.school_name;
  p.grade = ch.grade;
  p.class_number = ch.class_number;
  p.teacher = *teacher;
  p.teacher_phone = *phone;
  p.reason = *reason;
  p.since = since->value_or(clock->today).iso();
  p.created_by = c.user->username;
  if (Status st = store::insert_pair(c.db, c.county(), p); !st) return st.error();
  if (Status st = c.audit("create_support_pair", kOwner, std::to_string(p.id),
                          p.name + "，帮扶教师 " + p.teacher + "，" + p.since + " 起");
      !st)
    return st.error();
  return json_response({{"pair", clock->pair(p)}}, 201);
}

Result<store::SupportPair> pair_in_scope(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto p = store::pair_by_id(c.db, c.county(), *id, c.scope);
  if (!p) return p.error();
  if (!p.value()) return make_error("not_found", "没有这个结对帮扶");
  return *p.value();
}

Result<Response> pair(Call& c) {
  auto p = pair_in_scope(c);
  if (!p) return p.error();
  auto log = store::contacts_of(c.db, c.county(), p->id);
  if (!log) return log.error();
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  json contacts = json::array();
  for (const auto& k : *log)
    contacts.push_back({{"id", k.id},
                        {"kind", k.kind},
                        {"kind_name", core::label_zh("support_contact_kind", k.kind)},
                        {"contact_date", k.contact_date},
                        {"content", k.content},
                        {"recorded_by", k.recorded_by},
                        {"recorded_by_name", people->name_of(k.recorded_by)},
                        {"recorded_by_unit", people->unit_of(k.recorded_by)},
                        {"recorded_at", k.recorded_at}});
  json out = clock->pair(*p);
  out["created_by"] = p->created_by;
  out["created_by_name"] = people->name_of(p->created_by);
  out["created_at"] = p->created_at;
  out["contacts"] = contacts;
  if (Status st = c.audit("view_support_pair", kOwner, std::to_string(p->id), p->name); !st)
    return st.error();
  return json_response({{"pair", out}, {"today", clock->today.iso()}});
}

Result<Response> record_contact(Call& c) {
  if (!arranges_pairs(c.scope)) return not_arranger("登记帮扶记录");
  auto p = pair_in_scope(c);
  if (!p) return p.error();
  auto body = c.body();
  if (!body) return body.error();
  if (!p->ended_on.empty())
    return make_error("pair_not_active",
                      "这个结对帮扶已于 " + p->ended_on + " 结束，不能再登记帮扶记录");
  auto kind = body->string("kind", true);
  if (!kind) return kind.error();
  if (core::find_label("support_contact_kind", *kind) == nullptr)
    return make_error("bad_request",
                      "帮扶方式应为 每周帮扶记录（weekly_record）、每月谈心（monthly_talk）或 "
                      "每学期家长电话（term_call）");
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  auto day = day_field(*body, "contact_date", "帮扶日期", clock->today);
  if (!day) return day.error();
  const Date on = day->value_or(clock->today);
  if (on.iso() < p->since) return make_error("bad_request", "帮扶日期不能早于结对日期 " + p->since);
  auto content = body->string("content", true);
  if (!content) return content.error();
  store::SupportContact k;
  k.pair_id = p->id;
  k.kind = *kind;
  k.contact_date = on.iso();
  k.content = *content;
  k.recorded_by = c.user->username;
  if (Status st = store::insert_contact(c.db, c.county(), k); !st) return st.error();
  if (Status st = c.audit(
          "record_support_contact", kOwner, std::to_string(p->id),
          p->name + "，" + k.contact_date + "，" + core::label_zh("support_contact_kind", k.kind));
      !st)
    return st.error();
  auto& last = p->last_contact[k.kind];
  last = std::max(last, k.contact_date);
  return json_response({{"contact",
                         {{"id", k.id},
                          {"kind", k.kind},
                          {"kind_name", core::label_zh("support_contact_kind", k.kind)},
                          {"contact_date", k.contact_date},
                          {"content", k.content},
                          {"recorded_by", k.recorded_by},
                          {"recorded_at", k.recorded_at}}},
                        {"pair", clock->pair(*p)}},
                       201);
}

Result<Response> end(Call& c) {
  if (!arranges_pairs(c.scope)) return not_arranger("结束结对帮扶");
  auto p = pair_in_scope(c);
  if (!p) return p.error();
  auto body = c.body();
  if (!body) return body.error();
  auto note = body->string("note", true);
  if (!note) return note.error();
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  if (Status st = store::end_pair(c.db, c.county(), p->id, clock->today.iso(), *note); !st)
    return st.error();
  if (Status st = c.audit("end_support_pair", kOwner, std::to_string(p->id),
                          p->name + "，帮扶教师 " + p->teacher + "，" + *note);
      !st)
    return st.error();
  p->ended_on = clock->today.iso();
  p->end_note = *note;
  return json_response({{"pair", clock->pair(*p)}});
}

// Per school: the pupils who need a pair (left behind, or high risk: api/risk_set.h), how many
// have one, the active pairs and how many of them are late; and a page of the pupils who need a
// pair and have none.
Result<Response> coverage(Call& c) {
  const Params p = c.query();
  std::string township_code, village_code, school_code;
  if (Status st = p.places(township_code, village_code, school_code); !st) return st.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto clock = clock_of(c);
  if (!clock) return clock.error();
  auto risk = risk_high_keys(c.db, c.county(), c.scope, clock->today, c.options.risk_models);
  if (!risk) return risk.error();
  std::set<std::string> high;
  for (const auto& [key, why] : *risk) high.insert(key);
  auto pupils = store::ledger_pupils(c.db, c.county(), c.scope, township_code, school_code,
                                     {"left_behind"}, high);
  if (!pupils) return pupils.error();
  auto paired = store::paired_child_keys(c.db, c.county());
  if (!paired) return paired.error();
  store::PairQuery active;
  active.township_code = township_code;
  active.school_code = school_code;
  active.status = "active";
  auto pairs = store::all_pairs(c.db, c.county(), active, c.scope);
  if (!pairs) return pairs.error();

  struct SchoolCount {
    std::string name;
    long long needing = 0, paired = 0, pairs = 0, overdue = 0;
  };
  std::map<std::string, SchoolCount> schools;
  SchoolCount total;
  std::vector<const store::LedgerPupil*> unpaired;
  for (const auto& pupil : *pupils) {
    SchoolCount& s = schools[pupil.school_code];
    s.name = pupil.school_name;
    const bool has = paired->count(pupil.child_key) > 0;
    ++s.needing, ++total.needing;
    s.paired += has, total.paired += has;
    if (!has) unpaired.push_back(&pupil);
  }
  for (const auto& pair : *pairs) {
    SchoolCount& s = schools[pair.school_code];
    if (s.name.empty()) s.name = pair.school_name;
    const bool late = is_overdue(pair, clock->rules, clock->today);
    ++s.pairs, ++total.pairs;
    s.overdue += late, total.overdue += late;
  }
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  std::map<std::string, std::string> township_of;
  for (const auto& s : places->all_schools) township_of[s.id] = s.township_code;
  json by_school = json::array();
  for (const auto& [code, s] : schools)
    by_school.push_back({{"school_code", code},
                         {"school_name", s.name},
                         {"township_code", township_of[code]},
                         {"township_name", places->name_of(township_of[code])},
                         {"needing", s.needing},
                         {"paired", s.paired},
                         {"unpaired", s.needing - s.paired},
                         {"pairs", s.pairs},
                         {"overdue_pairs", s.overdue}});

  auto found = page_in_memory(*asked, unpaired);
  if (!found) return found.error();
  const auto& [page, served] = found.value();
  json rows = json::array();
  for (const auto* pupil : page.rows) {
    json needs = json::array();
    if (("," + pupil->key_groups + ",").find(",left_behind,") != std::string::npos)
      needs.push_back("left_behind");
    json why = json::array();
    if (auto it = risk->find(pupil->child_key); it != risk->end()) {
      needs.push_back("high_risk");
      why = it->second;
    }
    rows.push_back({{"child_id", pupil->ledger_id},
                    {"name", pupil->name},
                    {"sex", pupil->sex},
                    {"school_code", pupil->school_code},
                    {"school_name", pupil->school_name},
                    {"grade", optional_int(pupil->grade)},
                    {"class_number", optional_int(pupil->class_number)},
                    {"class_name", class_name(pupil->grade, pupil->class_number)},
                    {"key_groups", csv_array(pupil->key_groups)},
                    {"needs", needs},
                    {"risk_reasons", why}});
  }
  if (!rows.empty()) {
    if (Status st = c.audit("view_support_pairs", "support_pairs", school_code,
                            "结对帮扶覆盖，未结对学生 " + std::to_string(rows.size()) + " 名");
        !st)
      return st.error();
  }
  json out = page_json(page.total, served, rows);
  out["today"] = clock->today.iso();
  out["needing"] = total.needing;
  out["paired"] = total.paired;
  out["unpaired"] = total.needing - total.paired;
  out["pairs"] = total.pairs;
  out["overdue_pairs"] = total.overdue;
  out["schools"] = by_school;
  return json_response(out);
}

}  // namespace

void add_support_pair_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/support-pairs", pairs});
  r.push_back({"POST", "/api/support-pairs", create_pair, true, kJsonBody});
  // Before {id}, which would take "coverage" for an id.
  r.push_back({"GET", "/api/support-pairs/coverage", coverage});
  r.push_back({"GET", "/api/support-pairs/{id}", pair});
  r.push_back({"POST", "/api/support-pairs/{id}/contacts", record_contact, true, kJsonBody});
  r.push_back({"POST", "/api/support-pairs/{id}/end", end, true, kJsonBody});
}

}  // namespace baoxue::api
