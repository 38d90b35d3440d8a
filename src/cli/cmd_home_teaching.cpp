// `baoxue home-teaching list [--db …] [--county CODE] [--as-of DATE] [--json]`: the 送教上门
// plans with their progress as of the county's today (or --as-of).
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "core/labels.h"
#include "store/county_repository.h"
#include "teaching/plan_list.h"

namespace baoxue::cli {
namespace {

std::string one_decimal(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << v;
  return s.str();
}

// Display width of UTF-8 text: CJK characters take two columns.
std::size_t width(const std::string& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += n >= 3 ? 2 : 1;
    i += n;
  }
  return w;
}

std::string pad(const std::string& s, std::size_t w) {
  const std::size_t have = width(s);
  return s + std::string(have < w ? w - have : 0, ' ');
}

}  // namespace

void add_home_teaching_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("home-teaching", "送教上门：送教计划及进度");
  cmd->require_subcommand(1);
  struct Args : DbArgs {
    std::string as_of;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* list = cmd->add_subcommand("list", "送教计划清单：已送教次数、课时、目标课时、是否滞后");
  add_db_options(list, *args);
  list->add_option("--as-of", args->as_of, "按哪一天计算进度（YYYY-MM-DD，默认本县今天）");
  list->add_flag("--json", args->json, "输出 JSON 数组");
  list->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    auto day = county_day(*db, county, args->as_of);
    if (!day) {
      exit_code = 2;
      return;
    }
    core::Scope all;
    all.county = county;
    all.role = core::Role::kCountyAdmin;
    auto rows = teaching::plans_with_progress(*db, county, {}, all, *day);
    if (!rows) {
      std::cerr << rows.error().message << "\n";
      return;
    }
    if (args->json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : *rows)
        out.push_back({{"name", r.plan.name},
                       {"school", r.plan.school_name},
                       {"sessions", r.progress.sessions},
                       {"hours", r.progress.hours_done},
                       {"hours_target", r.plan.hours_target},
                       {"behind", r.progress.behind}});
      std::cout << out.dump(2) << "\n";
      exit_code = 0;
      return;
    }
    long behind = 0, reached = 0;
    std::cout << "送教上门计划（截至 " << day->iso() << "）共 " << rows->size() << " 份\n";
    std::cout << pad("姓名", 10) << pad("学校", 24) << pad("送教次数", 10) << pad("已完成课时", 12)
              << pad("应完成课时", 12) << pad("目标课时", 10) << "进度\n";
    for (const auto& r : *rows) {
      behind += r.progress.behind;
      reached += r.progress.reached;
      std::cout << pad(r.plan.name, 10) << pad(r.plan.school_name, 24)
                << pad(std::to_string(r.progress.sessions), 10)
                << pad(one_decimal(r.progress.hours_done), 12)
                << pad(one_decimal(r.progress.hours_expected), 12)
                << pad(one_decimal(r.plan.hours_target), 10)
                << core::label_zh("home_teaching_progress",
                                  teaching::progress_state(r.plan, r.progress))
                << "\n";
    }
    std::cout << "其中进度滞后 " << behind << " 份，已达成目标课时 " << reached << " 份\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
