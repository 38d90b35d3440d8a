// 送教上门: plans (一人一案 for severely disabled children taught at home) with their progress —
// the list (filters, counts, behind-schedule alerts), the plan page (plan, progress, session
// log, photos), making a plan, recording a session, ending a plan, the photos, the export.
#include <cmath>
#include <sstream>

#include "api/call.h"
#include "api/exports.h"
#include "api/places.h"
#include "api/record_files.h"
#include "api/verification_json.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "store/home_teaching_repository.h"
#include "teaching/plan_list.h"
#include "teaching/plan_rules.h"

namespace baoxue::api {
namespace {

const char* const kOwner = "home_teaching_plan";

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// 1 decimal: hours as people write them.
double hours(double h) { return std::round(h * 10) / 10; }

// "张老师、李老师" (or commas) as a list.
json name_list(const std::string& text) {
  json out = json::array();
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',' || text[i] == ';') {
      flush();
      ++i;
    } else {
      cur += text[i++];
    }
  }
  flush();
  return out;
}

json progress_json(const store::HomeTeachingPlan& plan, const teaching::Progress& p) {
  return {{"hours_done", hours(p.hours_done)},
          {"sessions", p.sessions},
          {"hours_expected", hours(p.hours_expected)},
          {"shortfall", hours(p.shortfall)},
          {"behind", p.behind},
          {"reached", p.reached},
          {"visits_last_7_days", p.visits_last_7_days},
          {"visits_short", p.visits_short},
          {"percent", hours(p.percent)},
          {"state", teaching::progress_state(plan, p)}};
}

json plan_json(const store::HomeTeachingPlan& p, const Places& places, bool full_numbers) {
  return {{"id", p.id},
          {"name", p.name},
          {"sex", p.sex},
          {"birth_date", p.birth_date},
          {"id_number", full_numbers ? p.id_number : core::mask_id_number(p.id_number)},
          {"township_code", p.township_code},
          {"village_code", p.village_code},
          {"township", places.name_of(p.township_code)},
          {"village", places.name_of(p.village_code)},
          {"school_code", p.school_code},
          {"school_name", p.school_name},
          {"grade", optional_int(p.grade)},
          {"class_number", optional_int(p.class_number)},
          {"disability_category", p.disability_category},
          {"disability_grade", p.disability_grade},
          {"assessment", p.assessment},
          {"teachers", name_list(p.teachers)},
          {"subjects", name_list(p.subjects)},
          {"visits_per_week", p.visits_per_week},
          {"hours_target", hours(p.hours_target)},
          {"school_year", p.school_year},
          {"start_date", p.start_date},
          {"end_date", p.end_date},
          {"status", p.status},
          {"created_at", p.created_at}};
}

Result<store::PlanQuery> plan_query(const Params& p) {
  store::PlanQuery q;
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  auto status = p.choice("status", {"active", "ended", "all"}, "all", "home_teaching_status");
  if (!status) return status.error();
  q.status = *status == "all" ? "" : *status;
  q.q = p.text("q");
  const std::string year = p.text("school_year");
  if (!year.empty()) {
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos)
      return make_error("bad_request", "参数 school_year 应为学年开始的年份，如 2026");
    q.school_year = std::stoi(year);
  }
  return q;
}

Result<bool> behind_filter(const Params& p) {
  auto behind = p.choice("behind", {"0", "1"}, "0");
  if (!behind) return behind.error();
  return *behind == "1";
}

// The plan, when it is inside the user's scope (404 alike when absent or outside).
Result<store::HomeTeachingPlan> plan_in_scope(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto plan = store::plan_by_id(c.db, c.county(), *id, c.scope);
  if (!plan) return plan.error();
  if (!plan.value()) return make_error("not_found", "没有这份送教计划");
  return *plan.value();
}

Result<Response> plans(Call& c) {
  const Params p = c.query();
  auto query = plan_query(p);
  if (!query) return query.error();
  auto behind = behind_filter(p);
  if (!behind) return behind.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto today = c.today();
  if (!today) return today.error();
  // Every plan of the filters (a county has tens): the counts over them, the page from them.
  auto all = teaching::plans_with_progress(c.db, c.county(), *query, c.scope, *today);
  if (!all) return all.error();
  long long active = 0, behind_n = 0, reached = 0;
  double done = 0;
  std::vector<const teaching::PlanWithProgress*> shown;
  for (const auto& row : all.value()) {
    active += row.plan.status == "active";
    behind_n += row.progress.behind;
    reached += row.progress.reached;
    done += row.progress.hours_done;
    if (!*behind || row.progress.behind) shown.push_back(&row);
  }
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto found = find_page<store::Paged<const teaching::PlanWithProgress*>>(
      *asked,
      [&](const store::Page& pg) -> Result<store::Paged<const teaching::PlanWithProgress*>> {
        store::Paged<const teaching::PlanWithProgress*> out;
        out.total = static_cast<long long>(shown.size());
        const std::size_t from = static_cast<std::size_t>(pg.page - 1) * pg.size;
        for (std::size_t i = from; i < shown.size() && i < from + pg.size; ++i)
          out.rows.push_back(shown[i]);
        return out;
      });
  if (!found) return found.error();
  const auto& [page, served] = found.value();
  json rows = json::array();
  for (const auto* row : page.rows) {
    json r = plan_json(row->plan, *places, false);
    r["progress"] = progress_json(row->plan, row->progress);
    rows.push_back(r);
  }
  json out = {{"total", page.total},
              {"page", served.page.page},
              {"size", served.page.size},
              {"rows", rows},
              {"as_of", today->iso()},
              {"counts",
               {{"plans", static_cast<long long>(all->size())},
                {"active", active},
                {"behind", behind_n},
                {"reached", reached},
                {"hours_done", hours(done)}}}};
  if (!served.notice.empty()) out["notice"] = served.notice;
  return json_response(out);
}

// The plan page: the plan, its progress today, the session log (newest first, with who
// recorded each and its photos), every file, and what the user may do.
Result<json> plan_page(Call& c, const store::HomeTeachingPlan& plan) {
  auto today = c.today();
  if (!today) return today.error();
  auto calendar = teaching::county_calendar(c.db, c.county());
  if (!calendar) return calendar.error();
  auto sessions = store::sessions_of_plans(c.db, c.county(), {plan.id});
  if (!sessions) return sessions.error();
  const teaching::Progress progress = teaching::progress_of(
      teaching::terms_of(plan), teaching::lines_of(*sessions), *today, *calendar);
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  auto files = store::files_of_owner(c.db, c.county(), kOwner, plan.id);
  if (!files) return files.error();
  const std::string prefix = "/api/home-teaching/" + std::to_string(plan.id) + "/files";
  std::map<long long, long long> corrected_by;
  for (const auto& s : *sessions)
    if (s.corrects_id) corrected_by[*s.corrects_id] = s.id;
  json log = json::array();
  for (auto it = sessions->rbegin(); it != sessions->rend(); ++it) {
    const store::TeachingSession& s = *it;
    json photos = json::array();
    for (const auto& f : *files)
      if (f.attached_type == "home_teaching_session" && f.attached_id == s.id)
        photos.push_back(record_file_json(f, prefix));
    auto by = corrected_by.find(s.id);
    log.push_back({{"id", s.id},
                   {"session_date", s.session_date},
                   {"hours", hours(s.hours)},
                   {"teacher", s.teacher},
                   {"content", s.content},
                   {"corrects_id", optional_int(s.corrects_id)},
                   {"corrected_by", by == corrected_by.end() ? json(nullptr) : json(by->second)},
                   {"counted", by == corrected_by.end()},
                   {"recorded_by", s.recorded_by},
                   {"recorded_by_name", people->name_of(s.recorded_by)},
                   {"recorded_by_unit", people->unit_of(s.recorded_by)},
                   {"recorded_at", s.recorded_at},
                   {"files", photos}});
  }
  json all_files = json::array();
  for (const auto& f : *files) all_files.push_back(record_file_json(f, prefix));
  json actions = json::array();
  if (c.scope.may_write() && plan.status == "active") actions = {"record_session", "end", "upload"};
  json plan_out = plan_json(plan, *places, sees_full_numbers(c.scope));
  plan_out["created_by_name"] = people->name_of(plan.created_by);
  return json{{"plan", plan_out},   {"progress", progress_json(plan, progress)},
              {"sessions", log},    {"files", all_files},
              {"actions", actions}, {"as_of", today->iso()}};
}

Result<Response> plan(Call& c) {
  auto p = plan_in_scope(c);
  if (!p) return p.error();
  auto page = plan_page(c, *p);
  if (!page) return page.error();
  const bool full = sees_full_numbers(c.scope);
  if (Status st = c.audit("view_home_teaching_plan", kOwner, std::to_string(p->id),
                          p->name + (full ? "（完整号码）" : "（号码已遮蔽）"));
      !st)
    return st.error();
  return json_response(*page);
}

}  // namespace

Result<store::PlanChild> child_named(Call& c, const Body& body, const std::string& purpose,
                                     const std::string& who) {
  auto child_id = body.number("child_id");
  if (!child_id) return child_id.error();
  if (!child_id.value()) return make_error("bad_request", "请选择" + purpose + "（child_id）");
  auto child = store::plan_child_by_ledger_id(c.db, c.county(),
                                              static_cast<long long>(*child_id.value()), c.scope);
  if (!child) return child.error();
  if (!child.value()) return make_error("not_found", "最近一次比对的适龄儿童台账中没有这名" + who);
  return *child.value();
}

namespace {

Result<Response> create_plan(Call& c) {
  if (!c.scope.may_write()) return forbidden("新建送教计划");
  auto body = c.body();
  if (!body) return body.error();
  // The child first: one outside the user's scope is not found, whatever else was sent.
  auto child = child_named(c, *body, "送教的儿童", "儿童");
  if (!child) return child.error();
  auto assessment = body->string("assessment", true);
  if (!assessment) return assessment.error();
  auto teachers = body->string("teachers", true);
  if (!teachers) return teachers.error();
  auto subjects = body->string("subjects", true);
  if (!subjects) return subjects.error();
  teaching::PlanChoice choice;
  auto year = body->number("school_year");
  if (!year) return year.error();
  if (year.value()) choice.school_year = static_cast<int>(*year.value());
  auto start = body->string("start_date");
  if (!start) return start.error();
  choice.start_date = *start;
  auto end = body->string("end_date");
  if (!end) return end.error();
  choice.end_date = *end;
  auto visits = body->number("visits_per_week");
  if (!visits) return visits.error();
  if (visits.value()) choice.visits_per_week = static_cast<int>(*visits.value());
  auto target = body->number("hours_target");
  if (!target) return target.error();
  choice.hours_target = target.value();
  auto today = c.today();
  if (!today) return today.error();
  auto calendar = teaching::county_calendar(c.db, c.county());
  if (!calendar) return calendar.error();
  auto settled = teaching::settle_plan(choice, *calendar, *today);
  if (!settled) return settled.error();
  const store::PlanChild& ch = *child;
  store::HomeTeachingPlan p = store::plan_for(ch);
  p.assessment = *assessment;
  p.teachers = *teachers;
  p.subjects = *subjects;
  p.visits_per_week = settled->visits_per_week;
  p.hours_target = settled->hours_target;
  p.school_year = settled->school_year;
  p.start_date = settled->start.iso();
  p.end_date = settled->end.iso();
  p.created_by = c.user->username;
  if (Status st = store::insert_plan(c.db, c.county(), p); !st) return st.error();
  if (Status st = c.audit("create_home_teaching_plan", kOwner, std::to_string(p.id),
                          p.name + "，" + std::to_string(p.school_year) + " 学年，每周 " +
                              std::to_string(p.visits_per_week) + " 次，目标 " +
                              count_text(static_cast<long long>(p.hours_target)) + " 课时");
      !st)
    return st.error();
  auto page = plan_page(c, p);
  if (!page) return page.error();
  return json_response(*page);
}

Result<Response> record_session(Call& c) {
  auto p = plan_in_scope(c);
  if (!p) return p.error();
  if (!c.scope.may_write()) return forbidden("记录送教");
  auto body = c.body();
  if (!body) return body.error();
  auto date_text = body->string("session_date", true);
  if (!date_text) return date_text.error();
  auto date = Date::parse_iso(*date_text);
  if (!date) return make_error("bad_request", "送教日期应为 年-月-日，如 2026-10-12");
  auto h = body->number("hours");
  if (!h) return h.error();
  if (!h.value()) return make_error("bad_request", "请填写送教课时（hours）");
  auto teacher = body->string("teacher", true);
  if (!teacher) return teacher.error();
  auto content = body->string("content", true);
  if (!content) return content.error();
  auto files = body->ids("file_ids", 20);
  if (!files) return files.error();
  auto corrects = body->number("corrects_id");
  if (!corrects) return corrects.error();
  auto today = c.today();
  if (!today) return today.error();
  store::TeachingSession s;
  s.plan_id = p->id;
  s.session_date = date->iso();
  s.hours = *h.value();
  s.teacher = *teacher;
  s.content = *content;
  s.recorded_by = c.user->username;
  if (corrects.value()) {
    const long long target = static_cast<long long>(*corrects.value());
    auto log = store::sessions_of_plans(c.db, c.county(), {p->id});
    if (!log) return log.error();
    bool found = false, already = false;
    for (const auto& row : *log) {
      found = found || row.id == target;
      already = already || (row.corrects_id && *row.corrects_id == target);
    }
    if (!found) return make_error("not_found", "这份计划没有要更正的那条送教记录");
    if (already) return make_error("bad_request", "那条送教记录已被更正过，请更正最新的一条");
    s.corrects_id = target;
  }
  if (Status st = teaching::check_session(teaching::terms_of(*p), *date, s.hours, *today,
                                          s.corrects_id.has_value());
      !st)
    return st.error();
  Status saved = c.db.transaction([&]() -> Status {
    if (Status st = store::insert_session(c.db, c.county(), s); !st) return st;
    return store::attach_record_files(c.db, c.county(), kOwner, p->id, "home_teaching_session",
                                      s.id, *files);
  });
  if (!saved) return saved.error();
  std::ostringstream hours_text;
  hours_text << hours(s.hours);
  if (Status st =
          c.audit("record_teaching_session", kOwner, std::to_string(p->id),
                  p->name + "，" + s.session_date + "，" + hours_text.str() + " 课时" +
                      (s.corrects_id ? "（更正第 " + std::to_string(*s.corrects_id) + " 条记录）"
                                     : std::string()) +
                      (files->empty() ? "" : "，附照片 " + std::to_string(files->size()) + " 张"));
      !st)
    return st.error();
  auto page = plan_page(c, *p);
  if (!page) return page.error();
  (*page)["session_id"] = s.id;
  return json_response(*page);
}

Result<Response> end(Call& c) {
  auto p = plan_in_scope(c);
  if (!p) return p.error();
  if (!c.scope.may_write()) return forbidden("结束送教计划");
  auto body = c.body();
  if (!body) return body.error();
  auto reason = body->string("reason", true);
  if (!reason) return reason.error();
  auto end_text = body->string("end_date");
  if (!end_text) return end_text.error();
  auto today = c.today();
  if (!today) return today.error();
  const teaching::PlanTerms terms = teaching::terms_of(*p);
  Date end_date = std::min(*today, terms.end);
  if (!end_text->empty()) {
    auto d = Date::parse_iso(*end_text);
    if (!d) return make_error("bad_request", "结束日期应为 年-月-日");
    end_date = *d;
  }
  if (end_date < terms.start || end_date > terms.end)
    return make_error("bad_request", "结束日期应在计划起止日期之内（" + p->start_date + " 至 " +
                                         p->end_date + "）");
  if (Status st = store::end_plan(c.db, c.county(), p->id, end_date.iso()); !st) return st.error();
  if (Status st = c.audit("end_home_teaching_plan", kOwner, std::to_string(p->id),
                          p->name + "，" + end_date.iso() + " 结束：" + *reason);
      !st)
    return st.error();
  auto again = plan_in_scope(c);
  if (!again) return again.error();
  auto page = plan_page(c, *again);
  if (!page) return page.error();
  return json_response(*page);
}

Result<Response> upload(Call& c) {
  auto p = plan_in_scope(c);
  if (!p) return p.error();
  if (p->status != "active") return make_error("plan_not_active", "这份送教计划已经结束");
  return upload_record_file(c, kOwner, p->id,
                            "/api/home-teaching/" + std::to_string(p->id) + "/files");
}

Result<Response> file(Call& c) {
  auto p = plan_in_scope(c);
  if (!p) return p.error();
  auto file_id = c.id("file");
  if (!file_id) return file_id.error();
  return send_record_file(c, kOwner, p->id, *file_id);
}

}  // namespace

Result<ExportPlan> plan_home_teaching_export(store::Database& db, const ExportRequest& r) {
  const Params p(r.params);
  auto query = plan_query(p);
  if (!query) return query.error();
  auto behind = behind_filter(p);
  if (!behind) return behind.error();
  ExportPlan plan;
  plan.title = "送教上门计划";
  plan.object_type = "home_teaching_plans";
  plan.header = {"编号",     "姓名",     "性别",     "出生日期",   "身份证号", "乡镇",
                 "村(居)",   "学校",     "年级",     "残疾类别",   "残疾等级", "送教教师",
                 "送教科目", "每周次数", "目标课时", "已完成课时", "送教次数", "应完成课时",
                 "进度",     "状态",     "开始日期", "结束日期"};
  plan.write = [query = *query, behind = *behind, r](store::Database& db,
                                                     const RowSink& sink) -> Status {
    auto rows = teaching::plans_with_progress(db, r.county, query, r.scope, r.today, behind);
    if (!rows) return rows.error();
    auto places = places_in_scope(db, r.county, r.scope);
    if (!places) return places.error();
    auto num = [](double v) {
      std::ostringstream s;
      s << hours(v);
      return s.str();
    };
    for (const auto& row : *rows) {
      const auto& pl = row.plan;
      const auto& pr = row.progress;
      if (Status st =
              sink({std::to_string(pl.id),
                    pl.name,
                    pl.sex,
                    pl.birth_date,
                    core::mask_id_number(pl.id_number),
                    places->name_of(pl.township_code),
                    places->name_of(pl.village_code),
                    pl.school_name,
                    pl.grade ? std::to_string(*pl.grade) : "",
                    pl.disability_category,
                    pl.disability_grade,
                    pl.teachers,
                    pl.subjects,
                    std::to_string(pl.visits_per_week),
                    num(pl.hours_target),
                    num(pr.hours_done),
                    std::to_string(pr.sessions),
                    num(pr.hours_expected),
                    core::label_zh("home_teaching_progress", teaching::progress_state(pl, pr)),
                    core::label_zh("home_teaching_status", pl.status),
                    pl.start_date,
                    pl.end_date});
          !st)
        return st;
    }
    return {};
  };
  return plan;
}

void add_home_teaching_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/home-teaching", plans});
  r.push_back({"POST", "/api/home-teaching", create_plan, true, kJsonBody});
  r.push_back({"GET", "/api/home-teaching/{id}", plan});
  r.push_back({"POST", "/api/home-teaching/{id}/sessions", record_session, true, kJsonBody});
  r.push_back({"POST", "/api/home-teaching/{id}/end", end, true, kJsonBody});
  r.push_back({"POST", "/api/home-teaching/{id}/files", upload, true, kEvidenceBody});
  r.push_back({"GET", "/api/home-teaching/{id}/files/{file}", file});
}

}  // namespace baoxue::api
