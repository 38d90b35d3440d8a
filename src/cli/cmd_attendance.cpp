// `baoxue attendance alerts --db DB --as-of DATE [--school CODE] [--json]`: every pupil whose
// run of school days absent without leave is at least one on the day, with the level reached
// and what is due (attendance/alerts.h — the same computation the server's pages show).
#include <iostream>
#include <nlohmann/json.hpp>

#include "attendance/alerts.h"
#include "cli/commands.h"
#include "core/labels.h"
#include "store/county_repository.h"

namespace baoxue::cli {

void add_attendance_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("attendance", "考勤：连续旷课预警");
  cmd->require_subcommand(1);
  struct Args : DbArgs {
    std::string as_of, school;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* alerts = cmd->add_subcommand(
      "alerts", "连续旷课预警：截至某天连续旷课至少 1 个上学日的学生、所到级别和应办事项");
  add_db_options(alerts, *args);
  alerts->add_option("--as-of", args->as_of, "按哪一天计算（YYYY-MM-DD，默认本县今天）");
  alerts->add_option("--school", args->school, "只看这所学校（学校标识码）");
  alerts->add_flag("--json", args->json, "输出 JSON 数组");
  alerts->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    // A read over scattered pages: a small page cache, as the server's workers have (filling
    // the import-sized one cost more than it saved).
    db->set_cache_kib(8 * 1024);
    auto day = county_day(*db, county, args->as_of);
    if (!day) {
      exit_code = 2;
      return;
    }
    auto settings = store::load_settings(*db, county);
    if (!settings) {
      std::cerr << settings.error().message << "\n";
      return;
    }
    auto rows = attendance::alerts_on(*db, county, *day, args->school,
                                      attendance::LevelRules::from(settings.value()));
    if (!rows) {
      std::cerr << rows.error().message << "\n";
      return;
    }
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& a : rows.value()) {
        nlohmann::json actions = nlohmann::json::array();
        for (const auto& code : a.level.actions_due)
          actions.push_back(core::label_zh("attendance_action", code));
        out.push_back({{"student_no", a.student_no},
                       {"name", a.name},
                       {"school", a.pupil.cls.school_code},
                       {"school_name", a.school_name},
                       {"class", a.class_name},
                       {"grade", a.pupil.cls.grade},
                       {"class_number", a.pupil.cls.class_number},
                       {"streak", a.pupil.streak.days},
                       {"level", a.level.level},
                       {"since", a.pupil.streak.since->iso()},
                       {"actions_due", actions},
                       {"action_codes", a.level.actions_due}});
      }
      std::cout << out.dump(2) << "\n";
    } else {
      std::cout << day->iso() << " 连续旷课预警：" << rows->size() << " 人\n";
      for (const auto& a : rows.value()) {
        std::cout << a.school_name << a.class_name << " " << a.name << "（学籍号 "
                  << (a.student_no.empty() ? "无" : a.student_no) << "） 连续旷课 "
                  << a.pupil.streak.days << " 个上学日（" << a.pupil.streak.since->iso()
                  << " 起），第 " << a.level.level << " 级：";
        for (std::size_t i = 0; i < a.level.actions_due.size(); ++i)
          std::cout << (i ? "；" : "")
                    << core::label_zh("attendance_action", a.level.actions_due[i]);
        std::cout << "\n";
      }
    }
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
