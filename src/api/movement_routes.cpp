// 学籍异动: the movements a user's schools sent or received (newest first, audited: names and
// numbers of pupils), each with its state — a transfer out awaiting the receiving school,
// overdue (in the 疑似台账), confirmed — and the receiving school's confirmation ("来得明白").
#include "api/call.h"
#include "core/labels.h"
#include "movement/confirm.h"
#include "movement/kinds.h"
#include "store/county_repository.h"
#include "store/movement_repository.h"

namespace baoxue::api {
namespace {

json movement_json(const store::Movement& m, const movement::Kinds& kinds, const Date& today,
                   int confirm_days, const core::Scope& scope) {
  const movement::Effect effect = kinds.effect_of(m.kind);
  const std::string state = movement::state_of(m, effect, today, confirm_days);
  const bool receiving = scope.role == core::Role::kSchoolAdmin &&
                         scope.school_code == m.to_school_code && !m.to_school_code.empty();
  const bool may_confirm = effect == movement::Effect::kTransferOut && m.confirmed_on.empty() &&
                           !m.to_township_code.empty() && (receiving || scope.operates_county());
  auto optional_int = [](const std::optional<long long>& v) {
    return v ? json(*v) : json(nullptr);
  };
  return {{"id", m.id},
          {"kind", m.kind},
          {"kind_label", kinds.label(m.kind)},
          {"state", state},
          {"name", m.name},
          {"student_no", m.student_no},
          {"grade", optional_int(m.grade)},
          {"class_number", optional_int(m.class_number)},
          {"moved_on", m.moved_on},
          {"from_school_code", m.from_school_code},
          {"from_school_name", m.from_school_name},
          {"to_school_code", m.to_school_code},
          {"to_school_name", m.to_school_name},
          {"to_province", m.to_province},
          {"in_county", !m.to_township_code.empty()},
          {"confirmed_on", m.confirmed_on.empty() ? json(nullptr) : json(m.confirmed_on)},
          {"entry_id", optional_int(m.entry_id)},
          {"may_confirm", may_confirm}};
}

Status readable(const Call& c) {
  using core::Role;
  if (c.scope.county_wide() || c.scope.role == Role::kTownship ||
      c.scope.role == Role::kSchoolAdmin)
    return {};
  return forbidden("查看学籍异动");
}

Result<Response> movements(Call& c) {
  if (Status st = readable(c); !st) return st.error();
  const Params p = c.query();
  auto kinds = movement::load_kinds(c.db, c.county());
  if (!kinds) return kinds.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  auto today = c.today();
  if (!today) return today.error();
  const int confirm_days = settings->get_int("movement.confirm_days");
  store::MovementQuery q;
  std::string village;
  if (Status st = p.places(q.township_code, village, q.school_code); !st) return st.error();
  auto kind = p.choice("kind", [&] {
    std::vector<std::string> all;
    for (auto e :
         {movement::Effect::kTransferOut, movement::Effect::kTransferIn,
          movement::Effect::kNormalLoss, movement::Effect::kDropout, movement::Effect::kSuspend,
          movement::Effect::kResume, movement::Effect::kGraduate, movement::Effect::kNone})
      for (auto& k : kinds->codes_with(e)) all.push_back(k);
    return all;
  }());
  if (!kind) return kind.error();
  if (!kind->empty()) q.kinds = {*kind};
  auto state = p.choice("state", {"awaiting", "overdue", "confirmed"}, "", "movement_state");
  if (!state) return state.error();
  if (!state->empty()) {
    q.kinds = kinds->codes_with(movement::Effect::kTransferOut);
    if (*state == "confirmed") {
      q.confirmed_only = true;
    } else {
      q.unconfirmed_only = true;
      // Overdue: moved more than confirm_days ago; awaiting: within them.
      const std::string edge = today->plus_days(-confirm_days - 1).iso();
      if (*state == "overdue")
        q.to = edge;
      else
        q.from = today->plus_days(-confirm_days).iso();
    }
  }
  auto from = p.date("from");
  if (!from) return from.error();
  if (!from->empty()) q.from = std::max(q.from, *from);
  auto to = p.date("to");
  if (!to) return to.error();
  if (!to->empty()) q.to = q.to.empty() ? *to : std::min(q.to, *to);
  q.q = p.text("q");
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::Movement>>(*asked, [&](const store::Page& pg) {
    return store::find_movements(c.db, c.county(), q, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  json out = json::array();
  for (const auto& m : rows.rows)
    out.push_back(movement_json(m, *kinds, *today, confirm_days, c.scope));
  if (!rows.rows.empty())
    if (Status st = c.audit("view_movements", "movements", "",
                            "学籍异动第 " + std::to_string(served.page.page) + " 页，" +
                                std::to_string(rows.rows.size()) + " 条（共 " +
                                count_text(rows.total) + " 条）");
        !st)
      return st.error();
  json page = page_json(rows.total, served, out);
  page["confirm_days"] = confirm_days;
  return json_response(page);
}

Result<Response> confirm(Call& c) {
  if (!c.scope.may_write()) return forbidden("确认转学接收");
  auto id = c.id();
  if (!id) return id.error();
  auto today = c.today();
  if (!today) return today.error();
  auto done = movement::confirm_transfer(c.db, c.county(), *id, c.scope, *today, c.user->username);
  if (!done) {
    if (done.error().code == "movement_not_found")
      return make_error("not_found", done.error().message);
    if (done.error().code == "not_receiving_school")
      return make_error("forbidden", done.error().message);
    return make_error("bad_request", done.error().message);
  }
  const store::Movement& m = done->movement;
  if (Status st = c.audit("confirm_movement", "movement", std::to_string(m.id),
                          m.name + "，自" + m.from_school_name + "转入" + m.to_school_name + "，" +
                              m.confirmed_on + " 确认接收" +
                              (done->entry_closed ? "（转学未确认的疑似记录随之销号）" : ""));
      !st)
    return st.error();
  auto kinds = movement::load_kinds(c.db, c.county());
  if (!kinds) return kinds.error();
  auto settings = store::load_settings(c.db, c.county());
  if (!settings) return settings.error();
  return json_response(
      {{"movement",
        movement_json(m, *kinds, *today, settings->get_int("movement.confirm_days"), c.scope)},
       {"entry_closed", done->entry_closed}});
}

}  // namespace

void add_movement_routes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/movements", movements});
  routes.push_back({"POST", "/api/movements/{id}/confirm", confirm});
}

}  // namespace baoxue::api
