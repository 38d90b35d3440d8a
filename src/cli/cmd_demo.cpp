// `baoxue demo [--db …] [--seed S] [--files DIR]`: builds the demo county.
#include <array>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>

#include "auth/accounts.h"
#include "cli/commands.h"
#include "demo/demo.h"
#include "demo/demo_attendance.h"
#include "demo/demo_cases.h"
#include "demo/demo_home_teaching.h"
#include "demo/demo_verify.h"
#include "store/county_repository.h"
#include "store/database.h"
#include "store/ledger_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::cli {

void add_demo_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb;
    demo::DemoOptions options;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "demo", "生成演示县（孟津区）：数据库中的学校、学生、重点群体，以及带噪声的名单文件");
  cmd->add_option("--db", args->db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "随机种子：相同种子生成相同数据")
      ->capture_default_str();
  cmd->add_option("--school-year", args->options.school_year, "学年（秋季学期开始的年份）")
      ->capture_default_str();
  cmd->add_option("--files", args->options.files_dir, "名单文件输出目录（户籍、学籍、重点群体）");
  cmd->callback([args, &exit_code] {
    const auto start = std::chrono::steady_clock::now();
    auto db = store::Database::open(args->db);
    if (!db) {
      std::cerr << db.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto result = demo::create_demo(*db.value(), args->options);
    if (!result) {
      std::cerr << result.error().message << "\n";
      exit_code = 1;
      return;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& r = result.value();
    std::cout << "已生成演示县 " << r.county_code << "：学校 " << r.schools << " 所，班级 "
              << r.classes << " 个，儿童 " << r.persons << " 人，学籍 " << r.enrollments
              << " 条，重点群体记录 " << r.memberships << " 条（用时 " << std::fixed
              << std::setprecision(1) << seconds << " 秒）\n";
    for (const auto& f : r.files) std::cout << "  " << f << "\n";
    exit_code = 0;
  });
}

// `baoxue demo-users`: sign-ins for trying the demo county, one per role, placed where the work
// is (the village with the most open suspected entries, two schools of its township). Their
// password needs no change at first sign-in: these accounts are for demonstrations only.
void add_demo_users_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb;
    std::string password = "Demo2026pass";
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("demo-users", "为演示县建立各角色的演示账号（仅供演示）");
  cmd->add_option("--db", args->db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--password", args->password, "演示账号的密码")->capture_default_str();
  cmd->callback([args, &exit_code] {
    exit_code = 1;
    auto db = store::Database::open(args->db);
    if (!db) {
      std::cerr << db.error().message << "\n";
      return;
    }
    store::Database& d = *db.value();
    auto county = store::choose_county(d, "");
    auto regions = county ? store::list_regions(d, county.value())
                          : Result<std::vector<store::Region>>(county.error());
    auto schools = regions ? store::list_schools(d, county.value())
                           : Result<std::vector<store::School>>(regions.error());
    auto open = schools ? store::suspected_entries(d, county.value(), "open")
                        : Result<std::vector<store::SuspectedEntry>>(schools.error());
    if (!open) {
      std::cerr << open.error().message << "\n";
      return;
    }
    std::map<std::string, int> per_village;
    for (const auto& e : open.value())
      if (!e.village_code.empty()) ++per_village[e.village_code];
    std::string village, township;
    int most = -1;
    for (const auto& [code, n] : per_village)
      if (n > most) village = code, most = n;
    for (const auto& r : regions.value()) {
      if (village.empty() && r.level == "village") village = r.code;
      if (r.code == village) township = r.parent_code;
    }
    std::vector<std::string> in_township;
    for (const auto& s : schools.value())
      if (s.township_code == township) in_township.push_back(s.id);
    for (const auto& s : schools.value())
      if (in_township.size() < 2 && s.township_code != township) in_township.push_back(s.id);
    if (village.empty() || in_township.size() < 2) {
      std::cerr << "演示县缺少村或学校，无法建立演示账号\n";
      return;
    }
    // The head teacher of the first class of school_a (the class the demo plants a streak in).
    auto teacher_class = demo::demo_teacher_class(d, county.value(), in_township[0]);
    auto classes = store::list_classes(d, county.value(), in_township[0]);
    std::string teacher_org;
    if (teacher_class && classes)
      for (const auto& c : classes.value())
        if (c.grade == teacher_class->grade && c.number == teacher_class->class_number)
          teacher_org = in_township[0] + "/" + std::to_string(c.id);
    std::vector<std::array<std::string, 4>> users = {
        {"county_admin", "县教育局管理员", "county_admin", county.value()},
        {"county_staff", "县教育局专干", "county_staff", county.value()},
        {"township", "乡镇专干", "township", township},
        {"village", "村专干", "village", village},
        {"school_a", "甲校校长", "school_admin", in_township[0]},
        {"school_b", "乙校校长", "school_admin", in_township[1]},
        {"inspector", "督学", "inspector", county.value()}};
    // The head teacher needs his class on the school's class list (the demo county has one; a
    // county built from imported lists alone may not).
    if (!teacher_org.empty())
      users.push_back({"teacher_a", "甲校班主任", "teacher", teacher_org});
    else
      std::cout << "（学校班级表中没有甲校的班级，未建立班主任演示账号 teacher_a）\n";
    std::cout << "演示账号（密码均为 " << args->password << "）：\n";
    for (const auto& [name, display, role, org] : users) {
      auto u = auth::create_user(
          d, {county.value(), name, display, role, org, args->password, "demo-users"});
      if (!u && u.error().code != "username_taken") {
        std::cerr << name << "：" << u.error().message << "\n";
        return;
      }
      if (u) {
        if (Status st = store::set_password(d, u.value(), u.value().password_hash, false); !st) {
          std::cerr << st.error().message << "\n";
          return;
        }
      }
      std::cout << "  " << name << "\t" << display << "\t" << org << (u ? "" : "（已存在）")
                << "\n";
    }
    exit_code = 0;
  });
}

// `baoxue demo-casework`: the demo county's persuade-to-return cases at their different stages
// (demo/demo_cases.h), after the census and the demo users.
void add_demo_casework_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb, as_of, data_dir;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("demo-casework",
                                 "为演示县生成劝返复学档案（不同办理阶段）、送教上门计划与送教记录"
                                 "、家访登记；须在比对和 demo-users 之后运行");
  cmd->add_option("--db", args->db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--as-of", args->as_of, "演示的“今天” YYYY-MM-DD（默认今天）");
  cmd->add_option("--data-dir", args->data_dir,
                  "附件存放目录（与 baoxue serve 相同，默认 SQLite 数据库旁的 <库名>.files）");
  cmd->callback([args, &exit_code] {
    exit_code = 2;
    auto as_of = as_of_option(args->as_of);
    if (!as_of) return;
    exit_code = 1;
    std::string county;
    auto db = open_county({args->db, ""}, county);
    if (!db) return;
    const std::string dir = !args->data_dir.empty() ? args->data_dir
                            : args->db.find("://") == std::string::npos
                                ? args->db + ".files"
                                : std::string("baoxue-files");
    auto done = demo::seed_cases(*db, county, *as_of, dir + "/evidence");
    if (!done) {
      std::cerr << done.error().message << "\n";
      return;
    }
    auto plans = demo::seed_home_teaching(*db, county, *as_of);
    if (!plans) {
      std::cerr << plans.error().message << "\n";
      return;
    }
    auto visits = demo::seed_home_visits(*db, county, *as_of);
    if (!visits) {
      std::cerr << visits.error().message << "\n";
      return;
    }
    auto roll = demo::seed_attendance(*db, county, *as_of);
    if (!roll) {
      std::cerr << roll.error().message << "\n";
      return;
    }
    std::cout << "劝返复学演示档案 " << done->cases << " 份，劝返记录 " << done->attempts
              << " 条，通知书 " << done->notices << " 份；送教上门计划 " << *plans
              << " 份，家访记录 " << *visits << " 条\n"
              << "本学期点名 " << roll->roll_calls << " 次（未出勤记录 " << roll->marks
              << " 条），请假 " << roll->leave << " 条，连续旷课 " << roll->streaks
              << " 起；预警任务 " << roll->tasks << " 项（已办结 " << roll->answered
              << " 项），因考勤列入疑似台账 " << roll->entries << " 人\n";
    exit_code = 0;
  });
}

// `baoxue demo-verify`: the demo county's census suspicions verified by the truth it was built
// from, through the workflow (demo/demo_verify.h); after demo-casework.
void add_demo_verify_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb, as_of;
    demo::DemoOptions options;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "demo-verify",
      "按演示县的真实情况完成其余疑似儿童的核查（派发、入户核实、县级审核）；须在 "
      "demo-casework 之后运行");
  cmd->add_option("--db", args->db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--as-of", args->as_of, "演示的“今天” YYYY-MM-DD（默认今天）");
  cmd->add_option("--seed", args->options.seed, "生成演示县时用的随机种子")->capture_default_str();
  cmd->add_option("--school-year", args->options.school_year, "生成演示县时用的学年")
      ->capture_default_str();
  cmd->callback([args, &exit_code] {
    exit_code = 2;
    auto as_of = as_of_option(args->as_of);
    if (!as_of) return;
    exit_code = 1;
    std::string county;
    auto db = open_county({args->db, ""}, county);
    if (!db) return;
    auto done =
        demo::verify_by_truth(*db, county, *as_of, args->options.seed, args->options.school_year);
    if (!done) {
      std::cerr << done.error().message << "\n";
      return;
    }
    std::cout << "已完成核查 " << done->verified << " 人（";
    bool first = true;
    for (const auto& [category, n] : done->by_category) {
      std::cout << (first ? "" : "，") << category << " 类 " << n << " 人";
      first = false;
    }
    std::cout << "）；留待用户核查 " << done->left << " 人\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
