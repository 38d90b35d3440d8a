// `baoxue indicators --db DB --from DATE --to DATE [--school CODE [--grade N --class N] |
//  --township CODE] [--json] [--detail]`: the official indicators of a unit over a period
// (indicators/indicators.h), read from the lists over time, the movements and the ledgers.
// `baoxue movement sweep [--as-of DATE]`: enters unconfirmed transfers and unexplained departures
// in the 疑似台账 (movement/sweep.h) — what a movement or 学籍 import does, for a day passing.
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "core/labels.h"
#include "indicators/indicators.h"
#include "movement/sweep.h"
#include "store/county_repository.h"

namespace baoxue::cli {
namespace {

std::string percent(const std::optional<double>& r) {
  if (!r) return "—（分母为0）";
  // Two decimals, unless that would round a shortfall up to 100% (52,375 of 52,377).
  std::ostringstream s;
  const int digits = *r < 1 && *r * 100 >= 99.995 ? 3 : 2;
  s << std::fixed << std::setprecision(digits) << *r * 100 << "%";
  return s.str();
}

void print_text(const indicators::Figures& f) {
  std::cout << f.unit.name << "　" << f.from << " 至 " << f.to << "\n"
            << "  巩固率 " << percent(f.retention_rate) << " = 期末在籍 " << f.end << " ÷ 应在籍 "
            << f.expected << "（期初 " << f.start << " + 转入 " << f.transfers_in
            << " − 转出（已确认） " << f.transfers_out << " − 正常减员 " << f.normal_losses
            << "）\n"
            << "  辍学率 " << percent(f.dropout_rate) << " = 辍学 " << f.dropouts << " ÷ 期初 "
            << f.start << "（小学 " << percent(f.primary.dropout_rate) << "，初中 "
            << percent(f.junior.dropout_rate) << "）\n"
            << "  无异动记录离开名单 " << f.unexplained << " 人，转出未确认 "
            << f.unconfirmed_transfers << " 人，休学 " << f.suspensions << " 人\n";
  if (f.enrolment_rate)
    std::cout << "  入学率 " << percent(f.enrolment_rate) << " = " << *f.school_age_in_school
              << " ÷ " << *f.school_age_hukou << "（户籍适龄儿童）\n";
  if (f.disabled)
    std::cout << "  残疾儿童入学率 " << percent(f.disabled_enrolment_rate) << " = (随班就读 "
              << *f.disabled_ordinary << " + 特教学校 " << *f.disabled_special << " + 送教上门 "
              << *f.disabled_home << ") ÷ " << *f.disabled << "\n";
  std::cout << "  疑似失学辍学 " << f.suspected_open << " 人（本期新增 " << f.suspected_opened
            << "，核实不属失学辍学 " << f.verified << "），辍学未返 " << f.dropouts_open
            << " 人，本期劝返 " << f.returned << " 人；" << (f.cleared ? "已动态清零" : "未清零")
            << "\n";
  if (f.rebound)
    std::cout << "  ⚠ 辍学率较上期（" << percent(f.previous_dropout_rate) << "）上升\n";
  for (const auto& t : f.targets_missed)
    std::cout << "  ⚠ 未达目标：" << core::label_zh("indicator", t) << "\n";
}

}  // namespace

void add_indicators_command(CLI::App& app, int& exit_code) {
  struct Args : DbArgs {
    std::string from, to, school, township, stage = "primary";
    int grade = 0, class_number = 0, cohort = 0;
    bool json = false, detail = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "indicators",
      "控辍指标：巩固率、辍学率、入学率、残疾儿童入学率及各项人数（按学校、乡镇或全县）");
  add_db_options(cmd, *args);
  cmd->add_option("--from", args->from, "起始日期（含），如 2026-09-01");
  cmd->add_option("--to", args->to, "截止日期（含），如 2027-03-01");
  cmd->add_option("--cohort", args->cohort,
                  "届巩固率：入学年份（该学年一年级或七年级入学的一届），代替 --from、--to");
  cmd->add_option("--stage", args->stage,
                  "届巩固率的学段：primary 小学（6 年）或 junior 初中（3 年）")
      ->check(CLI::IsMember({"primary", "junior"}))
      ->capture_default_str();
  auto* school = cmd->add_option("--school", args->school, "学校标识码：只算这所学校");
  cmd->add_option("--township", args->township, "乡镇区划代码（12 位）：只算这个乡镇")
      ->excludes(school);
  cmd->add_option("--grade", args->grade, "年级（与 --school、--class 一起：只算这个班）")
      ->needs(school);
  cmd->add_option("--class", args->class_number, "班号")->needs(school);
  cmd->add_flag("--json", args->json, "输出一行 JSON（比率为小数，人数为整数）");
  cmd->add_flag("--detail", args->detail, "列出每项人数背后的学生");
  cmd->callback([args, &exit_code] {
    exit_code = 1;
    std::optional<Date> from, to;
    if (args->cohort == 0) {
      from = Date::parse_iso(args->from);
      to = Date::parse_iso(args->to);
      if (!from || !to || *to < *from) {
        std::cerr << "--from、--to 应为 YYYY-MM-DD，且起始不晚于截止\n";
        exit_code = 2;
        return;
      }
    }
    if ((args->grade > 0) != (args->class_number > 0)) {
      std::cerr << "按班统计需同时给出 --grade 和 --class\n";
      exit_code = 2;
      return;
    }
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    indicators::Unit unit{indicators::Level::kCounty, county};
    if (!args->township.empty()) unit = {indicators::Level::kTownship, args->township};
    if (!args->school.empty()) unit = {indicators::Level::kSchool, args->school};
    if (args->grade > 0) {
      unit.level = indicators::Level::kClass;
      unit.grade = args->grade;
      unit.class_number = args->class_number;
    }
    if (args->cohort > 0) {  // 届巩固率: the stage's years from the cohort's entry
      auto settings = store::load_settings(*db, county);
      if (!settings) {
        std::cerr << settings.error().message << "\n";
        return;
      }
      const auto [first, last] = indicators::cohort_span(args->stage, args->cohort, *settings);
      auto facts = indicators::load_facts(*db, county, first.iso(), last.iso(), true);
      if (!facts) {
        std::cerr << facts.error().message << "\n";
        return;
      }
      const indicators::Cohort c = indicators::cohort(facts.value(), unit, args->stage,
                                                      args->cohort, settings->county_today());
      if (args->json) {
        std::cout << indicators::to_json(c).dump() << "\n";
      } else {
        std::cout << c.unit.name << "　" << c.entry_year << "级"
                  << (c.stage == "junior" ? "初中" : "小学") << "（" << c.from << " 至 " << c.to
                  << "）\n  届巩固率 "
                  << (c.completed ? percent(c.cohort_retention_rate)
                                  : std::string("—（该届尚未毕业）"))
                  << " = 毕业 " << c.graduates << " ÷ （入学 " << c.entrants << " + 转入 "
                  << c.transfers_in << " − 转出（已确认） " << c.transfers_out << "）\n";
      }
      exit_code = 0;
      return;
    }
    const auto [span_from, span_to] = indicators::facts_span(*from, *to);
    auto facts = indicators::load_facts(*db, county, span_from.iso(), span_to.iso(), args->detail);
    if (!facts) {
      std::cerr << facts.error().message << "\n";
      return;
    }
    if (unit.level == indicators::Level::kSchool || unit.level == indicators::Level::kClass) {
      if (!facts->schools.count(unit.code)) {
        std::cerr << "本县学校中没有学校标识码 " << unit.code << "：请核对 --school\n";
        exit_code = 2;
        return;
      }
    } else if (unit.level == indicators::Level::kTownship &&
               !facts->township_names.count(unit.code)) {
      std::cerr << "本县没有乡镇区划代码 " << unit.code << "：请核对 --township\n";
      exit_code = 2;
      return;
    }
    const indicators::Figures f =
        indicators::compute(facts.value(), unit, *from, *to, args->detail);
    if (args->json)
      std::cout << indicators::to_json(f).dump() << "\n";
    else
      print_text(f);
    exit_code = 0;
  });
}

void add_movement_command(CLI::App& app, int& exit_code) {
  struct Args : DbArgs {
    std::string as_of;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("movement", "学籍异动");
  cmd->require_subcommand(1);
  auto* sweep = cmd->add_subcommand(
      "sweep", "把逾期未确认的转出、无异动记录离开学籍名单的学生列入疑似失学辍学台账");
  add_db_options(sweep, *args);
  sweep->add_option("--as-of", args->as_of, "按哪一天判断逾期（默认今天）");
  sweep->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    auto day = county_day(*db, county, args->as_of);
    if (!day) {
      exit_code = 2;
      return;
    }
    auto r = movement::sweep(*db, county, *day);
    if (!r) {
      std::cerr << r.error().message << "\n";
      return;
    }
    if (r->no_census)
      std::cout << "本县还没有运行过比对，疑似台账无从列入：请先运行 baoxue census\n";
    else
      std::cout << "列入疑似失学辍学台账：转学未确认 " << r->transfers_overdue
                << " 人，学籍名单消失 " << r->departures << " 人（已在台账中的 "
                << r->already_suspected << " 人未重复列入）\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
