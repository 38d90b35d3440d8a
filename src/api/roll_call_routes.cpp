// 上下午两点名: the classes a user takes roll for, a class's roll-call sheet for a session (its
// pupils, present by default, with the leave recorded beforehand and each one's absence streak),
// taking or correcting it the same day, and what each correction changed. Saving a roll call
// sets the streak rules going for the class (attendance/escalate.h).
#include <map>
#include <set>

#include "api/call.h"
#include "api/places.h"
#include "attendance/alerts.h"
#include "attendance/escalate.h"
#include "core/labels.h"
#include "store/leave_repository.h"
#include "store/roll_call_repository.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::api {
namespace {

// Only those who keep the class's roll take it: its head teacher, and the school.
bool may_take_roll(const core::Scope& scope, const store::ClassRef& cls) {
  if (scope.role == core::Role::kSchoolAdmin) return scope.school_code == cls.school_code;
  if (scope.role == core::Role::kTeacher)
    return scope.school_code == cls.school_code && scope.class_grade == cls.grade &&
           scope.class_number == cls.class_number;
  return false;
}

json class_json(const store::ClassSummary& s) {
  return {{"school_code", s.cls.school_code},
          {"school_name", s.school_name},
          {"grade", s.cls.grade},
          {"class_number", s.cls.class_number},
          {"class_name", core::class_label(s.cls.grade, s.cls.class_number)},
          {"pupils", s.pupils}};
}

// The class a request names (school_code, grade, class_number), inside the user's scope: a
// class he cannot see is not found.
struct NamedClass {
  store::ClassSummary summary;
  std::vector<store::Pupil> roster;  // inside the user's scope
  std::string village_code;          // the school's
};
Result<NamedClass> class_named(Call& c, const std::map<std::string, std::string>& v) {
  auto get = [&](const char* k) {
    auto it = v.find(k);
    return it == v.end() ? std::string() : it->second;
  };
  const std::string school = get("school_code");
  if (school.empty() && c.scope.role != core::Role::kTeacher && c.scope.school_code.empty())
    return make_error("bad_request", "请选择学校（school_code）");
  store::ClassRef cls;
  cls.school_code = school.empty() ? c.scope.school_code : school;
  try {
    const std::string g = get("grade"), n = get("class_number");
    cls.grade = g.empty() ? static_cast<int>(c.scope.class_grade) : std::stoi(g);
    cls.class_number = n.empty() ? static_cast<int>(c.scope.class_number) : std::stoi(n);
  } catch (const std::exception&) {
    return make_error("bad_request", "年级（grade）和班级（class_number）应为数字");
  }
  if (cls.grade < 1 || cls.grade > 9 || cls.class_number < 1)
    return make_error("bad_request", "请选择年级（1–9）和班级");
  for (char ch : cls.school_code)
    if (ch < '0' || ch > '9') return make_error("bad_request", "学校标识码应为数字");
  // The class's pupils inside the scope: none, and the class is not his to see.
  auto roster = store::class_roster(c.db, c.county(), cls, &c.scope);
  if (!roster) return roster.error();
  if (roster->empty()) return make_error("not_found", "没有这个班级，或不在您的管辖范围内");
  auto place = store::school_place(c.db, c.county(), cls.school_code);
  if (!place) return place.error();
  NamedClass out;
  out.summary.cls = cls;
  out.summary.school_name = roster->front().school_name;
  out.summary.township_code = place->first;
  out.village_code = place->second;
  out.summary.pupils = static_cast<long long>(roster->size());
  out.roster = std::move(roster.value());
  return out;
}

Result<std::string> session_of(const std::string& text) {
  if (text == "am" || text == "上午") return std::string("am");
  if (text == "pm" || text == "下午") return std::string("pm");
  return make_error("bad_request", "时段（session）应为 上午（am）或 下午（pm）");
}

// The leave in force for each pupil of the class on `day`.
using LeaveOf = std::map<std::string, store::LeaveRecord>;  // by child key

Result<LeaveOf> leave_on(Call& c, const store::ClassRef& cls, const std::string& day) {
  auto leave = store::class_leave(c.db, c.county(), cls, day, day);
  if (!leave) return leave.error();
  std::map<std::string, store::LeaveRecord> out;
  for (auto& l : leave.value()) out[l.child_key] = std::move(l);
  return out;
}

json leave_json(const store::LeaveRecord& l) {
  return {{"id", l.id},
          {"kind", l.kind},
          {"kind_name", core::label_zh("leave_kind", l.kind)},
          {"from_day", l.from_day},
          {"to_day", l.to_day},
          {"reason", l.reason}};
}

// The sheet: every pupil with his mark at this session (taken, or what leave makes it), his
// leave and his streak on the day.
}  // namespace

Result<Date> day_or_today(const std::string& text, const Date& today) {
  if (text.empty()) return today;
  auto d = Date::parse_iso(text);
  if (!d) return make_error("bad_request", "日期（day）应为 年-月-日，如 2026-12-07");
  return *d;
}

std::string display_name_of(store::Database& db, const std::string& username) {
  auto u = store::find_user(db, username);
  return u && u.value() ? u.value()->display_name : username;
}

namespace {

// What a caller has already read of the class on the day (a roll call just saved: its leave,
// and the streaks its escalation acted on), so the sheet does not read it again.
struct Known {
  const LeaveOf* leave = nullptr;
  const std::vector<attendance::PupilStreak>* streaks = nullptr;
};

Result<json> sheet_json(Call& c, const NamedClass& named, const Date& day,
                        const std::string& session, const Date& today, Known known = {}) {
  const store::ClassSummary& cls = named.summary;
  const std::vector<store::Pupil>& roster = named.roster;
  auto taken = store::roll_call_of(c.db, c.county(), cls.cls, day.iso(), session);
  if (!taken) return taken.error();
  LeaveOf read_leave;
  const LeaveOf* leave = known.leave;
  if (leave == nullptr) {
    auto l = leave_on(c, cls.cls, day.iso());
    if (!l) return l.error();
    read_leave = std::move(l.value());
    leave = &read_leave;
  }
  std::vector<attendance::PupilStreak> read_streaks;
  const std::vector<attendance::PupilStreak>* streaks = known.streaks;
  if (streaks == nullptr) {
    auto s = attendance::class_streaks(c.db, c.county(), cls.cls, day);
    if (!s) return s.error();
    read_streaks = std::move(s.value());
    streaks = &read_streaks;
  }
  std::map<std::string, std::string> marks;
  if (taken.value())
    for (const auto& m : taken.value()->marks) marks[m.child_key] = m.mark;
  std::map<std::string, const attendance::Streak*> streak_of;
  for (const auto& s : *streaks) streak_of[s.child_key] = &s.streak;
  json pupils = json::array();
  std::map<std::string, long long> counts;
  for (const auto& p : roster) {
    std::string mark = "present";
    auto lv = leave->find(p.child_key);
    if (taken.value()) {
      if (auto it = marks.find(p.child_key); it != marks.end()) mark = it->second;
    } else if (lv != leave->end()) {
      mark = lv->second.kind;
    }
    ++counts[mark];
    json row = {{"id", p.ledger_id},
                {"name", p.name},
                {"sex", p.sex},
                {"student_no", p.student_no},
                {"mark", mark},
                {"mark_name", core::label_zh("attendance_mark", mark)},
                {"standing", p.standing},
                {"standing_name", core::label_zh("standing", p.standing)},
                {"leave", lv == leave->end() ? json(nullptr) : leave_json(lv->second)},
                {"streak", 0},
                {"streak_since", nullptr}};
    if (auto it = streak_of.find(p.child_key); it != streak_of.end()) {
      row["streak"] = it->second->days;
      row["streak_since"] = it->second->since->iso();
    }
    pupils.push_back(std::move(row));
  }
  json count_json = json::object();
  for (const auto& [mark, n] : counts) count_json[mark] = n;
  json out = {
      {"class", class_json(cls)}, {"day", day.iso()},
      {"session", session},       {"session_name", core::label_zh("attendance_session", session)},
      {"today", today.iso()},     {"may_take", may_take_roll(c.scope, cls.cls) && day == today},
      {"pupils", pupils},         {"counts", count_json},
      {"taken", nullptr}};
  if (taken.value()) {
    const store::RollCall& r = *taken.value();
    out["taken"] = {{"id", r.id},
                    {"revision", r.revision},
                    {"source", r.source},
                    {"source_name", core::label_zh("attendance_source", r.source)},
                    {"taken_by", r.taken_by},
                    {"taken_by_name", display_name_of(c.db, r.taken_by)},
                    {"taken_at", r.taken_at},
                    {"updated_at", r.updated_at}};
  }
  return out;
}

Result<Response> classes(Call& c) {
  const Params p = c.query();
  auto school = p.code("school_code");
  if (!school) return school.error();
  if (school->empty() && c.scope.school_code.empty())
    return make_error("bad_request",
                      "请选择学校（school_code）：全县或全乡镇的班级太多，按学校查看");
  auto found = store::classes_in_scope(c.db, c.county(), c.scope,
                                       school->empty() ? c.scope.school_code : *school);
  if (!found) return found.error();
  json rows = json::array();
  for (const auto& s : found.value()) {
    json row = class_json(s);
    row["may_take"] = may_take_roll(c.scope, s.cls);
    rows.push_back(std::move(row));
  }
  return json_response({{"total", rows.size()}, {"rows", rows}});
}

Result<Response> sheet(Call& c) {
  const Params p = c.query();
  auto cls = class_named(c, c.req.query);
  if (!cls) return cls.error();
  auto today = c.today();
  if (!today) return today.error();
  auto day = day_or_today(p.text("day"), *today);
  if (!day) return day.error();
  auto session = session_of(p.text("session").empty() ? "am" : p.text("session"));
  if (!session) return session.error();
  auto out = sheet_json(c, *cls, *day, *session, *today);
  if (!out) return out.error();
  if (Status st =
          c.audit("view_roll_call", "roll_call", "",
                  cls->summary.school_name +
                      core::class_label(cls->summary.cls.grade, cls->summary.cls.class_number) +
                      " " + day->iso() + core::label_zh("attendance_session", *session) + "点名表");
      !st)
    return st.error();
  return json_response(*out);
}

Result<Response> take(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  std::map<std::string, std::string> where;
  for (const char* k : {"school_code", "grade", "class_number"}) {
    const json& v = body->json().contains(k) ? body->json()[k] : json(nullptr);
    if (v.is_string()) where[k] = v.get<std::string>();
    if (v.is_number_integer()) where[k] = std::to_string(v.get<long long>());
  }
  // The class first: one outside the user's scope is not found, whatever else was sent.
  auto cls = class_named(c, where);
  if (!cls) return cls.error();
  if (!may_take_roll(c.scope, cls->summary.cls))
    return forbidden("为这个班点名（只有本班班主任和本校可以点名）");
  auto today = c.today();
  if (!today) return today.error();
  auto day_text = body->string("day");
  if (!day_text) return day_text.error();
  auto day = day_or_today(*day_text, *today);
  if (!day) return day.error();
  if (*day != *today)
    return make_error("bad_request", "只能为今天（" + today->iso() +
                                         "）点名或更正今天的点名；以往的点名请由学校系统导入");
  auto session_text = body->string("session", true);
  if (!session_text) return session_text.error();
  auto session = session_of(*session_text);
  if (!session) return session.error();
  auto sent = body->strings("marks");
  if (!sent) return sent.error();
  const std::vector<store::Pupil>& roster = cls->roster;
  std::map<std::string, const store::Pupil*> by_id;
  for (const auto& p : roster) by_id[std::to_string(p.ledger_id)] = &p;
  std::map<std::string, std::string> marks;  // by child key, "present" included
  for (const auto& [id, mark_text] : sent.value()) {
    auto it = by_id.find(id);
    if (it == by_id.end())
      return make_error("roster_changed",
                        "点名表中有学生已不在本班名单上（名单已随最新比对更新），请刷新后重新点名");
    auto mark = attendance::mark_of(mark_text);
    if (!mark)
      return make_error("bad_request", it->second->name + " 的出勤情况“" + mark_text +
                                           "”无法识别：应为 出勤、迟到、早退、病假、事假 或 旷课");
    marks[it->second->child_key] = attendance::mark_code(*mark);
  }
  auto leave = leave_on(c, cls->summary.cls, day->iso());
  if (!leave) return leave.error();
  store::RollCall call;
  call.cls = cls->summary.cls;
  call.day = day->iso();
  call.session = *session;
  call.township_code = cls->summary.township_code;
  call.village_code = cls->village_code;
  call.pupils = static_cast<long long>(roster.size());
  call.source = "phone";
  call.taken_by = c.user->username;
  for (const auto& p : roster) {
    std::string mark = "present";
    if (auto it = marks.find(p.child_key); it != marks.end())
      mark = it->second;
    else if (auto lv = leave->find(p.child_key); lv != leave->end())
      mark = lv->second.kind;  // on leave, unless the teacher marked him otherwise
    if (mark != "present") call.marks.push_back({p.child_key, mark});
  }
  store::SaveOutcome saved;
  attendance::Escalation escalation;
  Status st = c.db.transaction([&]() -> Status {
    auto s = store::save_roll_call(c.db, c.county(), call);
    if (!s) return s.error();
    saved = s.value();
    if (saved.kind == store::SaveOutcome::kUnchanged) return {};
    auto e =
        attendance::escalate_class(c.db, c.county(), cls->summary.cls, *today, c.user->username);
    if (!e) return e.error();
    escalation = e.value();
    return {};
  });
  if (!st) return st.error();
  const std::string class_text =
      cls->summary.school_name +
      core::class_label(cls->summary.cls.grade, cls->summary.cls.class_number) + " " + day->iso() +
      core::label_zh("attendance_session", *session);
  const char* what = saved.kind == store::SaveOutcome::kCreated     ? "点名"
                     : saved.kind == store::SaveOutcome::kCorrected ? "更正点名"
                                                                    : "重新提交点名（无变化）";
  if (Status a = c.audit(
          saved.kind == store::SaveOutcome::kCorrected ? "correct_roll_call" : "take_roll_call",
          "roll_call", std::to_string(saved.id),
          class_text + what + "：应到 " + std::to_string(call.pupils) + " 人，未出勤 " +
              std::to_string(call.marks.size()) + " 人");
      !a)
    return a.error();
  // An unchanged roll call was not escalated: its sheet reads the streaks.
  auto out =
      sheet_json(c, *cls, *day, *session, *today,
                 {&leave.value(),
                  saved.kind == store::SaveOutcome::kUnchanged ? nullptr : &escalation.streaks});
  if (!out) return out.error();
  (*out)["outcome"] = saved.kind == store::SaveOutcome::kCreated     ? "created"
                      : saved.kind == store::SaveOutcome::kCorrected ? "corrected"
                                                                     : "unchanged";
  (*out)["changed"] = saved.changed;
  (*out)["escalation"] = {{"tasks_added", escalation.tasks_added},
                          {"tasks_cancelled", escalation.tasks_cancelled},
                          {"entries_opened", escalation.entries_opened},
                          {"cases_reopened", escalation.cases_reopened}};
  return json_response(*out, saved.kind == store::SaveOutcome::kCreated ? 201 : 200);
}

Result<Response> history(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  // The roll call must be one the user can see: read it through the scope first.
  store::Where w;
  w.add("r.county_code = ?", {c.county()});
  w.add("r.id = ?", {std::to_string(*id)});
  std::optional<store::ClassRef> cls;
  Status st = store::for_each_row(
      c.db, "SELECT r.school_code, r.grade, r.class_number FROM roll_calls r",
      w.add(store::scope_condition(c.scope, "r")), "", [&](const soci::row& r) {
        cls = store::ClassRef{r.get<std::string>(0), static_cast<int>(store::row_int(r, 1)),
                              static_cast<int>(store::row_int(r, 2))};
      });
  if (!st) return st.error();
  if (!cls) return make_error("not_found", "没有这次点名，或不在您的管辖范围内");
  auto changes = store::roll_call_history(c.db, c.county(), *id);
  if (!changes) return changes.error();
  auto roster = store::class_roster(c.db, c.county(), *cls, nullptr);
  if (!roster) return roster.error();
  std::map<std::string, std::string> names;
  for (const auto& p : roster.value()) names[p.child_key] = p.name;
  json rows = json::array();
  for (const auto& ch : changes.value())
    rows.push_back({{"revision", ch.revision},
                    {"name", names.count(ch.child_key) ? names[ch.child_key] : "（已不在本班）"},
                    {"old_mark", ch.old_mark},
                    {"old_mark_name", core::label_zh("attendance_mark", ch.old_mark)},
                    {"new_mark", ch.new_mark},
                    {"new_mark_name", core::label_zh("attendance_mark", ch.new_mark)},
                    {"source_name", core::label_zh("attendance_source", ch.source)},
                    {"changed_by", ch.changed_by},
                    {"changed_by_name", display_name_of(c.db, ch.changed_by)},
                    {"changed_at", ch.changed_at}});
  return json_response({{"total", rows.size()}, {"rows", rows}});
}

}  // namespace

void add_roll_call_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/roll-call/classes", classes});
  r.push_back({"GET", "/api/roll-call", sheet});
  r.push_back({"POST", "/api/roll-call", take, true, kJsonBody});
  r.push_back({"GET", "/api/roll-call/{id}/history", history});
}

}  // namespace baoxue::api
