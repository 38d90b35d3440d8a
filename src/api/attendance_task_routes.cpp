// The tasks absence streaks give (attendance/escalate.h): the head teacher's list of calls and
// visits due, the school's, the township's and the county's, and the overdue ones rolled up by
// school and township. A task is closed by logging the home visit that answers it (家访登记).
#include <map>

#include "api/call.h"
#include "api/places.h"
#include "core/labels.h"
#include "store/attendance_task_repository.h"
#include "store/roll_call_repository.h"

namespace baoxue::api {
namespace {

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

json task_json(const store::AttendanceTask& t, const std::string& today, long long child_id) {
  const bool overdue = t.status == "open" && t.due_on < today;
  return {
      {"id", t.id},
      {"child_id", child_id ? json(child_id) : json(nullptr)},
      {"name", t.name},
      {"school_code", t.school_code},
      {"school_name", t.school_name},
      {"grade", optional_int(t.grade)},
      {"class_number", optional_int(t.class_number)},
      {"class_name", t.grade && t.class_number ? json(core::class_label(*t.grade, *t.class_number))
                                               : json(nullptr)},
      {"streak_since", t.streak_since},
      {"level", t.level},
      {"action", t.action},
      {"action_name", core::label_zh("attendance_action", t.action)},
      {"visit_method", t.action == "phone_guardian" ? "phone"
                       : t.action == "home_visit"   ? "home"
                                                    : "joint"},
      {"due_on", t.due_on},
      {"status", t.status},
      {"status_name",
       overdue ? std::string("已逾期") : core::label_zh("attendance_task_status", t.status)},
      {"overdue", overdue},
      {"created_at", t.created_at},
      {"closed_at", t.closed_at},
      {"closed_by", t.closed_by},
      {"close_note", t.close_note},
      {"home_visit_id", optional_int(t.home_visit_id)}};
}

Result<Response> tasks(Call& c) {
  const Params p = c.query();
  store::AttendanceTaskQuery q;
  std::string village;
  if (Status st = p.places(q.township_code, village, q.school_code); !st) return st.error();
  auto status = p.choice("status", {"open", "overdue", "done", "cancelled"}, "");
  if (!status) return status.error();
  q.status = *status;
  auto today = c.today();
  if (!today) return today.error();
  q.today = today->iso();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::AttendanceTask>>(*asked, [&](const store::Page& pg) {
    return store::find_attendance_tasks(c.db, c.county(), q, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  // The pupil's id on the latest ledger: what the home-visit form that answers a task takes.
  std::vector<std::string> keys;
  for (const auto& t : rows.rows) keys.push_back(t.child_key);
  auto pupils = store::pupils_by_keys(c.db, c.county(), keys);
  if (!pupils) return pupils.error();
  json out = json::array();
  for (const auto& t : rows.rows) {
    auto it = pupils->find(t.child_key);
    out.push_back(task_json(t, q.today, it == pupils->end() ? 0 : it->second.ledger_id));
  }
  return page_response(rows.total, served, out);
}

Result<Response> rollups(Call& c) {
  auto today = c.today();
  if (!today) return today.error();
  auto found = store::task_rollups(c.db, c.county(), today->iso(), c.scope);
  if (!found) return found.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  json schools = json::array();
  std::map<std::string, std::pair<long long, long long>> by_township;
  long long open = 0, overdue = 0;
  for (const auto& r : found.value()) {
    schools.push_back({{"school_code", r.school_code},
                       {"school_name", r.school_name},
                       {"township_code", r.township_code},
                       {"township_name", places->name_of(r.township_code)},
                       {"open", r.open},
                       {"overdue", r.overdue}});
    by_township[r.township_code].first += r.open;
    by_township[r.township_code].second += r.overdue;
    open += r.open;
    overdue += r.overdue;
  }
  json townships = json::array();
  for (const auto& [code, n] : by_township)
    townships.push_back({{"township_code", code},
                         {"township_name", places->name_of(code)},
                         {"open", n.first},
                         {"overdue", n.second}});
  return json_response({{"today", today->iso()},
                        {"open", open},
                        {"overdue", overdue},
                        {"schools", schools},
                        {"townships", townships}});
}

}  // namespace

void add_attendance_task_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/attendance/tasks", tasks});
  r.push_back({"GET", "/api/attendance/task-rollups", rollups});
}

}  // namespace baoxue::api
