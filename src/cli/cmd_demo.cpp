// `baoxue demo [--db …] [--seed S] [--files DIR]`: builds the demo county.
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "demo/demo.h"
#include "store/database.h"

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

}  // namespace baoxue::cli
