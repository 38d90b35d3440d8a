// 请假: leave the head teacher records beforehand (dates, sick or personal, reason), which the
// roll call then starts from; the class's or the school's leave list; cancelling a leave.
#include "api/call.h"
#include "core/labels.h"
#include "store/leave_repository.h"

namespace baoxue::api {
namespace {

json leave_json(const store::LeaveRecord& l) {
  return {
      {"id", l.id},
      {"name", l.name},
      {"school_code", l.school_code},
      {"school_name", l.school_name},
      {"class_name", l.grade && l.class_number ? json(core::class_label(*l.grade, *l.class_number))
                                               : json(nullptr)},
      {"kind", l.kind},
      {"kind_name", core::label_zh("leave_kind", l.kind)},
      {"from_day", l.from_day},
      {"to_day", l.to_day},
      {"reason", l.reason},
      {"recorded_by", l.recorded_by},
      {"recorded_at", l.recorded_at},
      {"cancelled", !l.cancelled_at.empty()},
      {"cancelled_at", l.cancelled_at}};
}

bool keeps_roll(const core::Scope& s) {
  return s.role == core::Role::kTeacher || s.role == core::Role::kSchoolAdmin;
}

Result<Response> list(Call& c) {
  const Params p = c.query();
  auto school = p.code("school_code");
  if (!school) return school.error();
  auto from = p.date("from");
  if (!from) return from.error();
  auto found = store::leave_in_scope(c.db, c.county(), c.scope, *from, *school);
  if (!found) return found.error();
  json rows = json::array();
  for (const auto& l : found.value()) rows.push_back(leave_json(l));
  if (!rows.empty())
    if (Status st = c.audit("view_leave", "leave_records", "",
                            "请假记录 " + std::to_string(rows.size()) + " 条");
        !st)
      return st.error();
  return json_response({{"total", rows.size()}, {"rows", rows}});
}

Result<Response> record(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  // The pupil first: one outside the user's scope is not found, whatever else was sent.
  auto child = child_named(c, *body, "请假的学生", "学生");
  if (!child) return child.error();
  if (!keeps_roll(c.scope)) return forbidden("登记请假（由班主任或学校登记）");
  std::string kind, from_text, to_text, reason;
  if (Status st = body->fill(
          {{"kind", &kind}, {"from_day", &from_text}, {"to_day", &to_text}, {"reason", &reason}});
      !st)
    return st.error();
  if (kind == "病假") kind = "sick_leave";
  if (kind == "事假") kind = "personal_leave";
  if (kind != "sick_leave" && kind != "personal_leave")
    return make_error("bad_request",
                      "请假类别（kind）应为 病假（sick_leave）或 事假（personal_leave）");
  auto from = Date::parse_iso(from_text);
  auto to = Date::parse_iso(to_text.empty() ? from_text : to_text);
  if (!from || !to) return make_error("bad_request", "请假起止日期应为 年-月-日，如 2026-12-07");
  if (*to < *from) return make_error("bad_request", "请假结束日期不能早于开始日期");
  if (to->days_since_epoch() - from->days_since_epoch() > 180)
    return make_error("bad_request", "一次请假不超过 180 天；更长的请按休学办理");
  if (reason.empty()) return make_error("bad_request", "请填写请假事由（reason）");
  const store::PlanChild& ch = *child;
  if (!ch.grade || !ch.class_number || ch.school_code.empty())
    return make_error("bad_request", ch.name + " 在学籍中没有班级，无法登记请假");
  store::LeaveRecord l;
  l.child_key = ch.child_key;
  l.name = ch.name;
  l.township_code = ch.township_code;
  l.village_code = ch.village_code;
  l.school_code = ch.school_code;
  l.school_name = ch.school_name;
  l.grade = ch.grade;
  l.class_number = ch.class_number;
  l.kind = kind;
  l.from_day = from->iso();
  l.to_day = to->iso();
  l.reason = reason;
  l.recorded_by = c.user->username;
  if (Status st = store::insert_leave(c.db, c.county(), l); !st) return st.error();
  if (Status st = c.audit("record_leave", "leave_record", std::to_string(l.id),
                          l.name + " " + core::label_zh("leave_kind", l.kind) + " " + l.from_day +
                              " 至 " + l.to_day);
      !st)
    return st.error();
  return json_response(leave_json(l), 201);
}

Result<Response> cancel(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto found = store::leave_by_id(c.db, c.county(), *id, c.scope);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "没有这条请假记录，或不在您的管辖范围内");
  if (!keeps_roll(c.scope)) return forbidden("撤销请假");
  if (!found.value()->cancelled_at.empty()) return make_error("bad_request", "这条请假已撤销");
  if (Status st = store::cancel_leave(c.db, c.county(), *id, c.user->username); !st)
    return st.error();
  if (Status st = c.audit("cancel_leave", "leave_record", std::to_string(*id),
                          found.value()->name + " 的请假已撤销");
      !st)
    return st.error();
  auto after = store::leave_by_id(c.db, c.county(), *id, c.scope);
  if (!after) return after.error();
  return json_response(leave_json(*after.value()));
}

}  // namespace

void add_leave_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/leave", list});
  r.push_back({"POST", "/api/leave", record, true, kSmallBody});
  r.push_back({"POST", "/api/leave/{id}/cancel", cancel});
}

}  // namespace baoxue::api
