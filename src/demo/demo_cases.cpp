#include "demo/demo_cases.h"

#include <map>

#include "cases/case_work.h"
#include "store/case_repository.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "store/user_repository.h"
#include "verify/evidence_store.h"
#include "verify/workflow.h"

namespace baoxue::demo {
namespace {

// What happens to each child, in the order of the village's open entries.
struct Story {
  const char* category;
  const char* finding;
  const char* stage;  // persuading_late | refusals | escalated | fresh | returned | closing |
                      // closed | home_teaching
};

const Story kStories[] = {
    {"K", "厌学，长期沉迷手机游戏，在家不愿上学", "persuading_late"},
    {"L", "随父母外出务工，在广州一家餐馆帮工", "refusals"},
    {"L", "家长认为读书无用，留在家中务农", "escalated"},
    {"K", "学习跟不上，初一下学期起不再到校", "returned"},
    {"M", "离家后一度失联，已由派出所找到", "closing"},
    {"I", "因病休养后未按时返校，病已痊愈", "closed"},
    {"J", "重度脑瘫，生活不能自理，经县残疾人教育专家委员会评估", "home_teaching"},
    {"K", "与同学发生矛盾后不愿到校", "fresh"},
};

// Each step is stamped with the day it happened (10:00 in the county, 02:00 UTC).
store::HistoryClock on(const Date& day, int hour_utc = 2) {
  char at[32];
  std::snprintf(at, sizeof at, "%sT%02d:00:00Z", day.iso().c_str(), hour_utc);
  return store::HistoryClock(at);
}

// A step of the workflow refused: which step, and why.
Error check(const Error& e, const std::string& what) { return {e.code, what + "：" + e.message}; }

}  // namespace

Result<DemoCasesResult> seed_cases(store::Database& db, const std::string& county,
                                   const Date& as_of, const std::string& files_dir) {
  auto users = store::list_users(db, county);
  if (!users) return users.error();
  std::map<std::string, store::User> by_name;
  for (const auto& u : *users) by_name[u.username] = u;
  for (const char* needed : {"county_admin", "village", "township", "school_a"})
    if (!by_name.count(needed))
      return make_error("demo_users_missing", "请先运行 baoxue demo-users 建立演示账号");
  const store::User& village_user = by_name["village"];
  const store::User& school_user = by_name["school_a"];

  core::Scope county_scope;
  county_scope.county = county;
  county_scope.role = core::Role::kCountyAdmin;
  core::Scope village_scope = county_scope;
  village_scope.role = core::Role::kVillage;
  village_scope.township_code = village_user.township_code;
  village_scope.village_code = village_user.village_code;
  core::Scope township_scope = county_scope;
  township_scope.role = core::Role::kTownship;
  township_scope.township_code = village_user.township_code;
  core::Scope school_scope = county_scope;
  school_scope.role = core::Role::kSchoolAdmin;
  school_scope.school_code = school_user.school_code;

  const verify::Actor county_actor{county, county_scope, "county_admin"};
  const verify::Actor village_actor{county, village_scope, "village"};
  const cases::Actor township_case{county, township_scope, "township"};
  const cases::Actor village_actor_case{county, village_scope, "village"};
  const cases::Actor school_case{county, school_scope, "school_a"};
  const cases::Actor county_case{county, county_scope, "county_admin"};

  // The demo village's open entries first (its cadre verifies them), then others of its
  // township, then any (school A verifies those): oldest first.
  auto open = store::suspected_entries(db, county, "open");
  if (!open) return open.error();
  std::vector<long long> in_village, by_school;
  for (int pass = 0; pass < 3; ++pass)
    for (const auto& e : *open) {
      if (in_village.size() + by_school.size() >= std::size(kStories)) break;
      const bool village = e.village_code == village_user.village_code;
      const bool township = e.township_code == village_user.township_code;
      if (pass == 0 && village) in_village.push_back(e.id);
      if (pass == 1 && township && !village) by_school.push_back(e.id);
      if (pass == 2 && !township) by_school.push_back(e.id);
    }
  std::vector<long long> picked = in_village;
  picked.insert(picked.end(), by_school.begin(), by_school.end());
  if (picked.size() < std::size(kStories))
    return make_error("demo_too_few_entries", "演示县的疑似记录不足，无法生成劝返复学演示档案");

  // Verification 45 days ago: dispatched, found out of school, approved by the county.
  const Date verified = as_of.plus_days(-45);
  for (const auto& [ids, to] :
       {std::pair{in_village, "residence"}, std::pair{by_school, "school"}}) {
    if (ids.empty()) continue;
    verify::DispatchRequest dispatch;
    dispatch.entry_ids = ids;
    dispatch.to = to;
    if (std::string(to) == "school") dispatch.school_code = school_user.school_code;
    dispatch.deadline = verified.plus_days(10).iso();
    dispatch.today = verified.iso();
    auto clock = on(verified.plus_days(-10), 1);
    auto sent = verify::dispatch(db, county_actor, dispatch);
    if (!sent) return check(sent.error(), "派发核查");
  }
  auto tasks = store::tasks_of_entries(db, county, picked);
  if (!tasks) return tasks.error();
  std::map<long long, long long> task_of;
  for (const auto& t : *tasks) task_of[t.entry_id] = t.id;
  const verify::Actor school_actor{county, school_scope, "school_a"};

  DemoCasesResult out;
  const verify::EvidenceStore files(files_dir);
  for (std::size_t i = 0; i < picked.size(); ++i) {
    const Story& story = kStories[i];
    const long long task = task_of[picked[i]];
    const bool village_task = i < in_village.size();
    auto submitted_clock = on(verified.plus_days(-3));
    auto submitted = verify::submit(db, village_task ? village_actor : school_actor, task,
                                    story.category, story.finding, {});
    if (!submitted) return check(submitted.error(), "提交核查结果");
    auto approved_clock = on(verified, 1);
    auto approved = verify::review(db, county_actor, task, "approve", "", verified);
    if (!approved) return check(approved.error(), "审核");
    auto entry = store::suspected_entry_by_id(db, county, picked[i], county_scope);
    if (!entry || !entry.value()) return make_error("demo_case_missing", "演示档案未建立");
    auto k = store::case_of_child(db, county, entry.value()->child_key);
    if (!k || !k.value()) return make_error("demo_case_missing", "演示档案未建立");
    const long long id = k.value()->id;
    // Who goes: the village cadre for his village's children, school A's staff for the others
    // (the plan makes school A the school they return to).
    const cases::Actor& village_case = village_task ? village_actor_case : school_case;
    ++out.cases;

    // The working group on both lines.
    for (auto [duty, name, phone] :
         std::vector<std::array<std::string, 3>>{{"township_cadre", "李建国", "13937901122"},
                                                 {"village_cadre", "王春生", "13598763344"},
                                                 {"principal", "赵志强", "13703795566"},
                                                 {"head_teacher", "陈丽", "15037917788"}}) {
      auto p = cases::add_person(db, county_case, id, {duty, name, phone, ""});
      if (!p) return check(p.error(), "工作组");
    }
    auto planned = on(verified.plus_days(2));
    auto plan = cases::set_plan(db, county_case, id,
                                "双线包保：村干部每周入户一次，班主任每周电话联系；返校后安排"
                                "结对教师补课，落实营养改善计划",
                                as_of.plus_days(30).iso(), school_user.school_code, verified);
    if (!plan) return check(plan.error(), "一人一案");

    auto attempt = [&](int days_ago, const char* method, const char* outcome, const char* said,
                       const char* next = "") -> Status {
      cases::AttemptInput a;
      a.date = as_of.plus_days(-days_ago).iso();
      a.method = method;
      a.visitors =
          std::string(method) == "phone" ? "陈丽（班主任）" : "王春生（村干部）、陈丽（班主任）";
      a.met = "父亲、母亲";
      a.said = said;
      a.outcome = outcome;
      a.next_step = next;
      auto clock = on(as_of.plus_days(-days_ago), 3);
      auto done = cases::log_attempt(db, village_case, id, a, as_of.plus_days(-days_ago));
      if (!done) return check(done.error(), "劝返记录");
      ++out.attempts;
      return {};
    };
    const std::string stage = story.stage;
    Status st;
    if (stage == "persuading_late") {
      st = attempt(40, "phone", "considering", "电话讲解义务教育法，家长表示再考虑", "入户劝返");
      if (st) st = attempt(30, "home_visit", "considering", "入户面谈，孩子不愿去，家长犹豫");
    } else if (stage == "refusals" || stage == "escalated") {
      st = attempt(38, "phone", "refused", "家长称孩子已在外打工，不愿回来");
      if (st) st = attempt(31, "home_visit", "refused", "入户讲解法律责任，家长仍拒绝");
      if (st) st = attempt(24, "joint_visit", "refused", "乡镇、村、学校联合家访，家长拒绝");
      if (st && stage == "escalated") {
        auto clock = on(as_of.plus_days(-21), 4);
        auto n = cases::issue_notice(db, township_case, id,
                                     {"deadline_notice", as_of.plus_days(-6).iso(), "", ""}, files,
                                     as_of.plus_days(-21));
        if (!n) return check(n.error(), "限期返校通知书");
        ++out.notices;
      }
    } else if (stage == "fresh") {
      st = attempt(1, "home_visit", "agreed", "班主任与村干部入户谈心，孩子同意下周一返校",
                   "周一到校报到");
    } else {
      // Persuaded and back in school: the receiving school confirms, and follows him up.
      const int back_days = stage == "returned" ? 30 : 130;
      st = attempt(back_days + 8, "home_visit", "considering", "入户劝返，家长同意考虑");
      if (st) st = attempt(back_days + 2, "joint_visit", "agreed", "联合家访，家长同意送回学校");
      if (st && stage == "home_teaching") {
        cases::TransitionInput t;
        t.action = "start_home_teaching";
        t.reason = "县残疾人教育专家委员会评估：重度残疾，不能到校就读，适宜送教上门";
        auto clock = on(as_of.plus_days(-back_days), 5);
        auto moved = cases::take(db, village_case, id, t, as_of.plus_days(-back_days));
        if (!moved) return check(moved.error(), "转为送教上门");
      } else if (st) {
        cases::TransitionInput t;
        t.action = "confirm_return";
        t.school_code = school_user.school_code;
        t.grade = entry.value()->grade;
        t.class_name = "（" + std::to_string(1 + i % 3) + "）班";
        t.return_date = as_of.plus_days(-back_days).iso();
        t.adaptation_plan = "班主任每周谈心一次，结对教师补习语文、数学，暂免期中考试排名";
        auto clock = on(as_of.plus_days(-back_days), 5);
        auto moved = cases::take(db, school_case, id, t, as_of.plus_days(-back_days));
        if (!moved) return check(moved.error(), "确认返校");
        for (int m = back_days - 25; m > 0 && st; m -= 30) {
          auto clock = on(as_of.plus_days(-m), 6);
          auto note =
              cases::add_follow_up(db, school_case, id, as_of.plus_days(-m).iso(), "全勤",
                                   "到校正常，作业能按时完成，情绪稳定", as_of.plus_days(-m));
          if (!note) return check(note.error(), "跟踪记录");
        }
        if (stage == "closing" || stage == "closed") {
          cases::TransitionInput close;
          close.action = "request_close";
          auto clock = on(as_of.plus_days(-3));
          auto req = cases::take(db, school_case, id, close, as_of.plus_days(-3));
          if (!req) return check(req.error(), "申请销号");
        }
        if (stage == "closed") {
          cases::TransitionInput ok;
          ok.action = "approve_close";
          auto clock = on(as_of.plus_days(-1));
          auto done = cases::take(db, county_case, id, ok, as_of.plus_days(-1));
          if (!done) return check(done.error(), "审核销号");
        }
      }
    }
    if (!st) return st.error();
  }
  return out;
}

}  // namespace baoxue::demo
