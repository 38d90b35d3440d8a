// The `baoxue` command's subcommands. Each registers itself on the CLI11 app and returns the
// process exit code from its run function: 0 done, 1 the work failed, 2 the input was unusable.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::cli {

// Database location shared by the subcommands: --db PATH|postgresql://…
inline constexpr const char* kDefaultDb = "baoxue.db";

// --db and --county, as every command that works on one county takes them.
struct DbArgs {
  std::string db = kDefaultDb, county;
};
void add_db_options(CLI::App* cmd, DbArgs& a);
// Opens the database and picks the county (named, or the only one); prints the error and returns
// null on failure.
std::unique_ptr<store::Database> open_county(const DbArgs& a, std::string& county);

// The census day of --as-of (YYYY-MM-DD), today when empty; prints the error and returns nullopt
// when the text is not a date (the command then exits 2).
std::optional<Date> as_of_option(const std::string& text);
// The day of --as-of, else the county's today (its calendar, county.utc_offset_hours).
std::optional<Date> county_day(store::Database& db, const std::string& county,
                               const std::string& as_of);

void add_id_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_demo_users_command(CLI::App& app, int& exit_code);
void add_demo_casework_command(CLI::App& app, int& exit_code);
void add_demo_verify_command(CLI::App& app, int& exit_code);
void add_summary_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_match_command(CLI::App& app, int& exit_code);
void add_census_command(CLI::App& app, int& exit_code);
void add_ledger_command(CLI::App& app, int& exit_code);
void add_user_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_case_command(CLI::App& app, int& exit_code);
void add_setting_command(CLI::App& app, int& exit_code);
void add_home_teaching_command(CLI::App& app, int& exit_code);
void add_attendance_command(CLI::App& app, int& exit_code);
void add_indicators_command(CLI::App& app, int& exit_code);
void add_movement_command(CLI::App& app, int& exit_code);

}  // namespace baoxue::cli
