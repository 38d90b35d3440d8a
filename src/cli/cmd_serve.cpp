// `baoxue serve [--db …] [--bind 127.0.0.1] [--port 8080]`: the web system's server.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "http/server.h"

namespace baoxue::cli {
namespace {

// The built web app: web/dist under the working directory, else beside the build directory of
// this binary (build/baoxue → web/dist).
std::string find_web_root() {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_regular_file("web/dist/index.html", ec)) return fs::absolute("web/dist").string();
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path().parent_path() / "web" / "dist";
    if (fs::is_regular_file(beside / "index.html", ec)) return beside.string();
  }
  return "";
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<http::ServerOptions>();
  auto* cmd =
      app.add_subcommand("serve", "启动网页服务（JSON 接口在 /api 下）；Ctrl-C 或 SIGTERM 停止");
  cmd->add_option("--db", options->db_url, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--bind", options->bind, "监听地址")->capture_default_str();
  cmd->add_option("--port", options->port, "端口")->capture_default_str();
  cmd->add_option("--workers", options->workers, "数据库工作线程数")->capture_default_str();
  cmd->add_option("--web-root", options->web_root, "网页文件目录（默认 web/dist）");
  cmd->add_option("--data-dir", options->data_dir,
                  "证明材料、上传文件的存放目录（默认：SQLite 数据库旁的 <库名>.files）");
  auto upload_mb = std::make_shared<std::uint64_t>(options->max_upload_bytes >> 20);
  cmd->add_option("--max-upload-mb", *upload_mb, "导入名单文件的大小上限（MB）")
      ->capture_default_str();
  cmd->add_flag("--secure-cookie", options->secure_cookie,
                "经 HTTPS 访问（或由反向代理终结 HTTPS）：会话 Cookie 加 Secure");
  cmd->add_flag("--trust-proxy", options->trust_proxy,
                "部署在反向代理之后：取 X-Forwarded-For 为来源地址、X-Forwarded-Proto 判断 HTTPS");
  cmd->callback([options, upload_mb, &exit_code] {
    options->max_upload_bytes = *upload_mb << 20;
    if (options->web_root.empty()) options->web_root = find_web_root();
    if (options->data_dir.empty())
      options->data_dir = options->db_url.find("://") == std::string::npos
                              ? options->db_url + ".files"
                              : std::string("baoxue-files");
    if (options->web_root.empty())
      std::cerr << "提示：未找到网页文件（web/dist），只提供 /api 接口\n";
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
