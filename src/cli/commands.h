// The `baoxue` command's subcommands. Each registers itself on the CLI11 app and returns the
// process exit code from its run function: 0 done, 1 the work failed, 2 the input was unusable.
#pragma once

#include <CLI/CLI.hpp>

namespace baoxue::cli {

// Database location shared by the subcommands: --db PATH|postgresql://…
inline constexpr const char* kDefaultDb = "baoxue.db";

void add_id_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_summary_command(CLI::App& app, int& exit_code);
void add_import_command(CLI::App& app, int& exit_code);
void add_match_command(CLI::App& app, int& exit_code);

}  // namespace baoxue::cli
