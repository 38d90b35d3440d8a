// baoxue: the command-line face of the engine (控辍保学). See README.md.
#include <clocale>
#include <iostream>

#include "cli/commands.h"
#include "store/county_repository.h"

namespace baoxue::cli {

void add_db_options(CLI::App* cmd, DbArgs& a) {
  cmd->add_option("--db", a.db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--county", a.county, "县区代码（6 位）；库中只有一个县区时可省略");
}

std::unique_ptr<store::Database> open_county(const DbArgs& a, std::string& county) {
  auto db = store::Database::open(a.db);
  if (!db) {
    std::cerr << db.error().message << "\n";
    return nullptr;
  }
  auto chosen = store::choose_county(*db.value(), a.county);
  if (!chosen) {
    std::cerr << chosen.error().message << "\n";
    return nullptr;
  }
  county = chosen.value();
  return std::move(db.value());
}

std::optional<Date> as_of_option(const std::string& text) {
  if (text.empty()) return Date::today();
  auto d = Date::parse_iso(text);
  if (!d) std::cerr << "--as-of 应为 YYYY-MM-DD 格式的日期，如 2026-09-01\n";
  return d;
}

std::optional<Date> county_day(store::Database& db, const std::string& county,
                               const std::string& as_of) {
  if (!as_of.empty()) return as_of_option(as_of);
  auto settings = store::load_settings(db, county);
  return settings ? settings->county_today() : Date::today();
}

}  // namespace baoxue::cli

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C.UTF-8");
  CLI::App app{"保学 Baoxue —— 控辍保学：适龄儿童台账、疑似失学辍学核查、劝返复学"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "baoxue 0.1.0");
  int exit_code = 0;
  baoxue::cli::add_id_command(app, exit_code);
  baoxue::cli::add_demo_command(app, exit_code);
  baoxue::cli::add_demo_users_command(app, exit_code);
  baoxue::cli::add_demo_casework_command(app, exit_code);
  baoxue::cli::add_demo_verify_command(app, exit_code);
  baoxue::cli::add_summary_command(app, exit_code);
  baoxue::cli::add_case_command(app, exit_code);
  baoxue::cli::add_setting_command(app, exit_code);
  baoxue::cli::add_home_teaching_command(app, exit_code);
  baoxue::cli::add_attendance_command(app, exit_code);
  baoxue::cli::add_indicators_command(app, exit_code);
  baoxue::cli::add_movement_command(app, exit_code);
  baoxue::cli::add_import_command(app, exit_code);
  baoxue::cli::add_match_command(app, exit_code);
  baoxue::cli::add_census_command(app, exit_code);
  baoxue::cli::add_ledger_command(app, exit_code);
  baoxue::cli::add_user_command(app, exit_code);
  baoxue::cli::add_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
