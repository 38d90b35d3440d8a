#include "demo/demo_home_teaching.h"

#include <algorithm>
#include <map>

#include "demo/rng.h"
#include "store/county_repository.h"
#include "store/home_teaching_repository.h"
#include "store/home_visit_repository.h"
#include "store/ledger_repository.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/school_repository.h"
#include "teaching/plan_list.h"
#include "teaching/plan_rules.h"

namespace baoxue::demo {
namespace {

core::Scope county_scope(const std::string& county) {
  core::Scope s;
  s.county = county;
  s.role = core::Role::kCountyAdmin;
  return s;
}

// 0 = Monday.
int weekday(const Date& d) { return static_cast<int>(((d.days_since_epoch() % 7) + 10) % 7); }

// The ID numbers of the pupils the student registry marks as taught at home.
Result<std::vector<std::string>> home_taught_ids(store::Database& db, const std::string& county) {
  store::Where where;
  where.add("r.county_code = ?", {county})
      .add("l.kind = 'xueji'")
      .add("r.enrollment_status IN ('送教上门', 'home_taught')")
      .add("r.id_number IS NOT NULL AND r.id_number <> ''");
  std::vector<std::string> ids;
  Status st = store::for_each_row(
      db,
      "SELECT r.id_number FROM current_records r JOIN source_lists l ON l.county_code = "
      "r.county_code AND l.id = r.list_id",
      where, "ORDER BY r.id_number",
      [&](const soci::row& r) { ids.push_back(store::row_text(r, 0)); });
  if (!st) return st.error();
  return ids;
}

struct Lesson {
  std::string subject, content;
};

// What a session teaches, by the child's disability.
std::vector<Lesson> lessons_for(const std::string& category) {
  if (category == "肢体")
    return {{"语文", "语文识字：认读“日、月、水、火”，描红练习"},
            {"数学", "数学：10 以内的加法，实物点数"},
            {"康复训练", "康复训练：下肢站立与扶走训练 20 分钟，指导家长做被动活动"},
            {"语文", "语文：朗读儿歌《小小的船》，练习握笔写字"},
            {"康复训练", "康复训练：上肢抓握、精细动作（串珠、拧瓶盖）"}};
  if (category == "精神")
    return {{"沟通与交往", "沟通训练：看图说话，练习打招呼和表达需要"},
            {"生活适应", "生活适应：认识钱币，模拟购物"},
            {"语文", "语文识字：认读家人称谓和常用字"},
            {"沟通与交往", "情绪管理：用表情卡说出自己的心情"}};
  if (category == "多重")
    return {{"生活自理训练", "生活自理训练：洗手、用勺进食，穿脱外衣"},
            {"感知觉训练", "感统训练：触觉刷、平衡板，视觉追踪"},
            {"康复训练", "康复训练：坐姿保持与翻身练习，指导家长按摩"},
            {"生活自理训练", "生活自理训练：认识并整理自己的物品"}};
  return {{"生活适应", "生活自理训练：穿脱衣服、系扣子，饭前洗手"},
          {"语文", "语文识字：认读“人、口、手、上、下”，看图识字"},
          {"数学", "数学：认识 1—10，按数取物"},
          {"康复训练", "康复训练：精细动作（串珠、剪纸），注意力训练"},
          {"生活适应", "生活适应：认识家庭住址和父母电话，安全教育"}};
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "、") + s;
  return out;
}

}  // namespace

Result<long> seed_home_teaching(store::Database& db, const std::string& county, const Date& as_of) {
  auto ids = home_taught_ids(db, county);
  if (!ids) return ids.error();
  auto calendar = teaching::county_calendar(db, county);
  if (!calendar) return calendar.error();
  const core::Scope all = county_scope(county);
  static const std::vector<std::pair<std::string, std::string>> kTeachers = {
      {"李秀梅", "张建华"}, {"王丽娟", "赵晓燕"}, {"刘志强", "陈静"},
      {"杨帆", "孙玉兰"},   {"郭明辉", "马艳"},   {"黄晓东", "冯丽"}};
  long made = 0;
  Status st = db.transaction([&]() -> Status {
    Rng rng(20260901);
    for (std::size_t i = 0; i < ids->size(); ++i) {
      auto child = store::plan_child_by_key(db, county, "id:" + (*ids)[i], all);
      if (!child) return child.error();
      if (!child.value()) continue;  // not on the latest ledger
      const store::PlanChild& ch = *child.value();
      // Two term plans with a reduced target (reached), four behind, the rest on schedule.
      const bool term_plan = i == 3 || i == 17;
      const bool behind = i == 5 || i == 12 || i == 22 || i == 30;
      teaching::PlanChoice choice;
      choice.school_year = calendar->school_year_of(as_of);
      if (term_plan) {
        choice.end_date = Date{*choice.school_year + 1, 1, 15}.iso();
        choice.hours_target = 72;
      }
      auto settled = teaching::settle_plan(choice, *calendar, as_of);
      if (!settled) return settled.error();
      const std::string category = ch.disability_category.empty() ? "智力" : ch.disability_category;
      const std::vector<Lesson> lessons = lessons_for(category);
      std::vector<std::string> subjects;
      for (const Lesson& l : lessons)
        if (std::find(subjects.begin(), subjects.end(), l.subject) == subjects.end())
          subjects.push_back(l.subject);
      const auto& [t1, t2] = kTeachers[i % kTeachers.size()];
      store::HomeTeachingPlan p = store::plan_for(ch);
      p.assessment = "孟津区残疾人教育专家委员会 " + std::to_string(*choice.school_year) +
                     " 年 8 月评估：" + category + "残疾" + ch.disability_grade +
                     "，目前不能到校就读，建议送教上门，由特殊教育学校教师每周入户送教" +
                     (term_plan ? "；康复治疗期间本学期减量送教，目标 72 课时，学期末复评" : "");
      p.teachers = t1 + "、" + t2;
      p.subjects = join(subjects);
      p.visits_per_week = settled->visits_per_week;
      p.hours_target = settled->hours_target;
      p.school_year = settled->school_year;
      p.start_date = settled->start.iso();
      p.end_date = settled->end.iso();
      p.created_by = "county_admin";
      if (Status put = store::insert_plan(db, county, p); !put) {
        if (put.error().code == "plan_exists") continue;
        return put;
      }
      ++made;
      // Tuesdays and Thursdays (Wednesday and Friday for every other plan), 3 class hours a
      // visit (a behind plan: 2, and three weeks in October missed); none in the National Day
      // week, made up by a third visit the week after.
      const int first_day = (i % 2 == 0) ? 1 : 2;
      const int second_day = first_day + 2;
      long n = 0;
      for (Date d = settled->start; d <= std::min(as_of, settled->end); d = d.plus_days(1)) {
        const int wd = weekday(d);
        const bool golden_week = d.month == 10 && d.day <= 7;
        const bool makeup = d.month == 10 && d.day >= 8 && d.day <= 14 && wd == 5;
        if (!(wd == first_day || wd == second_day || makeup) || golden_week) continue;
        if (!calendar->teaching_day(d)) continue;
        if (behind && d.month == 10 && d.day >= 8 && d.day <= 28) continue;
        if (behind && makeup) continue;
        const Lesson& lesson = lessons[static_cast<std::size_t>(n) % lessons.size()];
        store::TeachingSession s;
        s.plan_id = p.id;
        s.session_date = d.iso();
        s.hours = behind ? 2 : 3;
        s.teacher = (n % 2 == 0) ? t1 : t2;
        s.content =
            lesson.content + (rng.chance(0.3) ? "；家长反馈孩子情绪稳定，能配合完成练习" : "");
        s.recorded_by = s.teacher;  // the demo's teachers have no sign-ins: their names
        s.recorded_at = d.iso() + "T09:30:00Z";
        if (Status put = store::insert_session(db, county, s); !put) return put;
        // One mistaken entry, corrected the next day: the wrong hours no longer count.
        if (i == 0 && n == 3) {
          store::TeachingSession fix = s;
          fix.hours = 2;
          fix.corrects_id = s.id;
          fix.content = s.content + "（更正：实际送教 2 课时，原记录误填）";
          fix.recorded_at = d.plus_days(1).iso() + "T08:00:00Z";
          if (Status put = store::insert_session(db, county, fix); !put) return put;
        }
        ++n;
      }
    }
    return {};
  });
  if (!st) return st.error();
  return made;
}

Result<long> seed_home_visits(store::Database& db, const std::string& county, const Date& as_of) {
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const Date term_start = settings->census_day(as_of);
  // The township with the most open suspected entries in one village, as demo-users places
  // its sign-ins.
  auto open = store::suspected_entries(db, county, "open");
  if (!open) return open.error();
  std::map<std::string, int> per_village;
  for (const auto& e : open.value())
    if (!e.village_code.empty()) ++per_village[e.village_code];
  std::string village;
  int most = -1;
  for (const auto& [code, n] : per_village)
    if (n > most) village = code, most = n;
  if (village.empty()) return 0L;
  const std::string township = village.substr(0, 9) + "000";
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  const core::Scope all = county_scope(county);
  long written = 0;
  Status st = db.transaction([&]() -> Status {
    store::VisitQuery already;
    already.township_code = township;
    already.from = term_start.iso();
    store::Page one{1, 1};
    auto existing = store::find_visits(db, county, already, all, one);
    if (!existing) return existing.error();
    if (existing->total > 0) return {};
    Rng rng(20261015);
    static const std::vector<std::string> kMet = {"母亲", "父亲", "祖母", "祖父", "外祖母"};
    static const std::vector<std::string> kHeads = {"王老师", "李老师", "张老师", "刘老师",
                                                    "陈老师", "杨老师", "赵老师", "黄老师"};
    for (const auto& school : schools.value()) {
      if (school.township_code != township) continue;
      auto pupils =
          store::key_group_pupils(db, county, all, "", school.id, term_start.iso(), as_of.iso());
      if (!pupils) return pupils.error();
      for (const auto& pupil : pupils.value()) {
        if (!rng.chance(0.65)) continue;
        const std::string groups = "," + pupil.key_groups + ",";
        auto has = [&](const char* g) {
          return groups.find(std::string(",") + g + ",") != std::string::npos;
        };
        store::HomeVisit v;
        v.child_key = pupil.child_key;
        v.name = pupil.name;
        auto child = store::plan_child_by_key(db, county, pupil.child_key, all);
        if (!child) return child.error();
        if (!child.value()) continue;
        v.township_code = child.value()->township_code;
        v.village_code = child.value()->village_code;
        v.school_code = pupil.school_code;
        v.school_name = pupil.school_name;
        v.grade = pupil.grade;
        v.class_number = pupil.class_number;
        v.key_groups = pupil.key_groups;
        const long span = as_of.days_since_epoch() - term_start.days_since_epoch();
        v.visit_date =
            term_start.plus_days(span > 0 ? static_cast<long>(rng.below(span + 1)) : 0).iso();
        const double roll = rng.unit();
        v.method = roll < 0.7 ? "home" : roll < 0.9 ? "phone" : "joint";
        const std::string head = rng.pick(kHeads);
        v.visitors = v.method == "joint" ? "班主任" + head + "、村委会委员、驻村工作队队员"
                                         : "班主任" + head;
        v.met = has("left_behind") ? (rng.chance(0.6) ? "祖母" : "祖父") : rng.pick(kMet);
        if (has("left_behind"))
          v.content = "父母在外务工，与" + v.met +
                      "交流孩子在家学习和生活情况，叮嘱按时完成作业、注意防溺水；孩子每周与父母"
                      "视频通话";
        else if (has("disabled"))
          v.content = "了解孩子康复和在校适应情况，宣传残疾儿童康复救助政策，家长表示满意";
        else if (has("in_difficulty") || has("unsupported") || has("orphan"))
          v.content = "核实监护和生活保障情况，困境儿童基本生活补贴已按月发放，孩子情绪稳定";
        else if (has("poverty_alleviated") || has("monitored") || has("dibao"))
          v.content = "了解家庭收入和资助落实情况，营养改善计划、“两免一补”已落实，无失学风险";
        else
          v.content = "了解孩子在家学习和生活情况，与家长沟通家庭教育方法";
        v.follow_up = rng.chance(0.3) ? "下月电话回访" : "";
        v.recorded_by = head;  // the demo's head teachers have no sign-ins: their names
        v.recorded_at = v.visit_date + "T10:00:00Z";
        if (Status put = store::insert_visit(db, county, v); !put) return put;
        ++written;
        if (written == 5) {  // a date typed wrong, corrected
          store::HomeVisit fix = v;
          fix.corrects_id = v.id;
          fix.visit_date = v.visit_date < as_of.iso()
                               ? Date::parse_iso(v.visit_date)->plus_days(1).iso()
                               : v.visit_date;
          fix.content = v.content + "（更正家访日期）";
          if (Status put = store::insert_visit(db, county, fix); !put) return put;
          ++written;
        }
      }
    }
    return {};
  });
  if (!st) return st.error();
  return written;
}

}  // namespace baoxue::demo
