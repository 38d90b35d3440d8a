#include "movement/confirm.h"

#include <algorithm>

#include "core/task_flow.h"
#include "ledger/standing.h"
#include "movement/kinds.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"

namespace baoxue::movement {

Result<Confirmed> confirm_transfer(store::Database& db, const std::string& county, long long id,
                                   const core::Scope& scope, const Date& today,
                                   const std::string& by) {
  Confirmed out;
  Status st = db.transaction([&]() -> Status {
    auto found = store::movement_by_id(db, county, id, scope);
    if (!found) return found.error();
    if (!found.value())
      return make_error("movement_not_found", "没有编号为 " + std::to_string(id) + " 的学籍异动");
    store::Movement m = *found.value();
    auto kinds = load_kinds(db, county);
    if (!kinds) return kinds.error();
    if (kinds->effect_of(m.kind) != Effect::kTransferOut)
      return make_error("not_a_transfer", "这条学籍异动是“" + kinds->label(m.kind) +
                                              "”，不是转出：只有转出需要接收学校确认");
    if (!m.confirmed_on.empty())
      return make_error("already_confirmed", "该转学已于 " + m.confirmed_on + " 确认接收");
    const bool receiving =
        scope.role == core::Role::kSchoolAdmin && scope.school_code == m.to_school_code;
    if (!receiving && !scope.operates_county())
      return make_error(
          "not_receiving_school",
          m.to_township_code.empty()
              ? "该生转往县外学校，由学籍系统的接收确认（确认日期）为准，不在本系统确认"
              : "只有接收学校（" + m.to_school_name + "）或县教育局可以确认接收");
    if (Status c = store::confirm_movement(db, county, id, today.iso(), by); !c) return c;
    m.confirmed_on = today.iso();
    m.confirmed_by = by;
    if (m.entry_id) {
      auto entry = store::suspected_entry_by_id(db, county, *m.entry_id,
                                                core::Scope{county, core::Role::kCountyAdmin});
      if (!entry) return entry.error();
      if (entry.value() && entry.value()->status == "open") {
        auto tasks = store::tasks_of_entries(db, county, {*m.entry_id});
        if (!tasks) return tasks.error();
        const auto open = core::open_task_states();
        const bool under_way = std::any_of(tasks->begin(), tasks->end(), [&](const auto& t) {
          return std::find(open.begin(), open.end(), t.state) != open.end();
        });
        if (!under_way) {
          if (Status c = store::close_suspected_entry(
                  db, county, *m.entry_id, "A",
                  "转学已由接收学校" + m.to_school_name + "于 " + m.confirmed_on + " 确认接收", by);
              !c)
            return c;
          if (Status r = ledger::refresh_standing(db, county, entry.value()->child_key); !r)
            return r;
          out.entry_closed = true;
        }
      }
    }
    out.movement = m;
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::movement
