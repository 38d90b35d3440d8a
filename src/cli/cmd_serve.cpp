// `baoxue serve [--db …] [--bind 127.0.0.1] [--port 8080]`: the web system's server.
#include <iostream>

#include "cli/commands.h"
#include "http/server.h"

namespace baoxue::cli {

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<http::ServerOptions>();
  auto* cmd =
      app.add_subcommand("serve", "启动网页服务（JSON 接口在 /api 下）；Ctrl-C 或 SIGTERM 停止");
  cmd->add_option("--db", options->db_url, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--bind", options->bind, "监听地址")->capture_default_str();
  cmd->add_option("--port", options->port, "端口")->capture_default_str();
  cmd->add_option("--workers", options->workers, "数据库工作线程数")->capture_default_str();
  cmd->callback([options, &exit_code] {
    Status st = http::serve(*options);
    if (!st) {
      std::cerr << st.error().message << "\n";
      exit_code = 1;
      return;
    }
    std::cout << "保学服务已停止\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
