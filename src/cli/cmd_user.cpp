// `baoxue user add NAME --role ROLE --org CODE [--display 姓名] [--password-stdin]`,
// `baoxue user passwd NAME [--password-stdin]`, `baoxue user list`: accounts for the web system.
// Without --password-stdin an initial password is generated and printed once; either way the
// user must choose his own at first sign-in.
#include <unistd.h>

#include <iostream>

#include "auth/accounts.h"
#include "auth/password.h"
#include "cli/commands.h"

namespace baoxue::cli {
namespace {

// The first line of stdin, or a generated initial password (letters and digits, 12 characters).
std::string initial_password(bool from_stdin, bool& generated) {
  generated = !from_stdin;
  if (from_stdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  // 40 random bits as hex, with letters and a digit guaranteed so it meets the password rules.
  const std::string token = auth::random_token();
  return "Bx" + token.substr(0, 10) + std::to_string(token[10] % 10);
}

}  // namespace

void add_user_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("user", "账号管理：新增账号、重置密码、查看账号");
  cmd->require_subcommand(1);

  struct Args : DbArgs {
    std::string name, role, org, display;
    bool password_stdin = false;
  };
  auto args = std::make_shared<Args>();
  auto db_options = [&](CLI::App* sub) { add_db_options(sub, *args); };

  auto* add = cmd->add_subcommand("add", "新增账号（首次登录须修改密码）");
  add->add_option("NAME", args->name, "用户名（登录名）")->required();
  add->add_option(
         "--role", args->role,
         "角色：county_admin 县教育局管理员、county_staff 县教育局专干、township 乡镇专干、"
         "village 村（居）专干、school_admin 校长/学校管理员、teacher 班主任/教师、"
         "inspector 督学")
      ->required();
  add->add_option("--org", args->org,
                  "所在单位：县区代码、乡镇或村（居）的 12 位区划代码、学校标识码，教师用 "
                  "学校标识码/班级编号")
      ->required();
  add->add_option("--display", args->display, "姓名（显示用）");
  add->add_flag("--password-stdin", args->password_stdin, "从标准输入读初始密码；默认自动生成");
  db_options(add);
  add->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    bool generated = false;
    const std::string password = initial_password(args->password_stdin, generated);
    auto user = auth::create_user(
        *db, {county, args->name, args->display, args->role, args->org, password, "cli"});
    if (!user) {
      std::cerr << user.error().message << "\n";
      exit_code = user.error().code == "username_taken" ? 1 : 2;
      return;
    }
    std::cout << "已新增账号 " << user->username << "（"
              << auth::role_label_zh(auth::scope_of(user.value()).role) << "）";
    if (generated) std::cout << "，初始密码：" << password << "（只显示这一次，首次登录须修改）";
    std::cout << "\n";
    exit_code = 0;
  });

  auto* passwd = cmd->add_subcommand("passwd", "重置密码（用户下次登录须修改）");
  passwd->add_option("NAME", args->name, "用户名")->required();
  passwd->add_flag("--password-stdin", args->password_stdin, "从标准输入读新密码；默认自动生成");
  db_options(passwd);
  passwd->callback([args, &exit_code] {
    exit_code = 1;
    auto db = store::Database::open(args->db);
    if (!db) {
      std::cerr << db.error().message << "\n";
      return;
    }
    auto user = store::find_user(*db.value(), args->name);
    if (!user || !user.value()) {
      std::cerr << (user ? "没有用户名为“" + args->name + "”的账号" : user.error().message) << "\n";
      return;
    }
    bool generated = false;
    const std::string password = initial_password(args->password_stdin, generated);
    // Also ends every session of the account: whoever knew the old password is signed out.
    if (Status st = auth::reset_password(*db.value(), *user.value(), password); !st) {
      std::cerr << st.error().message << "\n";
      if (st.error().code == "password_weak") exit_code = 2;
      return;
    }
    std::cout << "已重置 " << args->name << " 的密码";
    if (generated) std::cout << "：" << password << "（只显示这一次）";
    std::cout << "，已退出其所有登录，下次登录须修改\n";
    exit_code = 0;
  });

  auto* list = cmd->add_subcommand("list", "查看本县账号");
  db_options(list);
  list->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    auto users = store::list_users(*db, county);
    if (!users) {
      std::cerr << users.error().message << "\n";
      return;
    }
    std::cout << "用户名\t姓名\t角色\t乡镇\t村（居）\t学校\t状态\n";
    for (const auto& u : users.value()) {
      const auto role = auth::parse_role(u.role);
      std::cout << u.username << "\t" << u.display_name << "\t"
                << (role ? std::string(auth::role_label_zh(*role)) : u.role) << "\t"
                << u.township_code << "\t" << u.village_code << "\t" << u.school_code << "\t"
                << (u.disabled               ? "已停用"
                    : u.must_change_password ? "待改密码"
                                             : "正常")
                << "\n";
    }
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
