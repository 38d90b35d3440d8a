// `baoxue setting list|set`: the county's settings (data/settings.tsv gives each its default and
// its meaning), read and changed without a rebuild. A value of a numeric setting must be a number.
#include <iostream>

#include "cli/commands.h"
#include "core/code_tables.h"
#include "store/county_repository.h"

namespace baoxue::cli {

void add_setting_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("setting", "本县设置：查看和修改（如劝返间隔天数、跟踪期、送教课时）");
  cmd->require_subcommand(1);

  auto la = std::make_shared<DbArgs>();
  auto* list = cmd->add_subcommand("list", "列出本县全部设置：键、当前值、说明");
  add_db_options(list, *la);
  list->callback([la, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*la, county);
    if (!db) return;
    auto settings = store::load_settings(*db, county);
    if (!settings) {
      std::cerr << settings.error().message << "\n";
      return;
    }
    for (const core::Setting& s : core::default_settings())
      std::cout << s.key << "\t" << settings->get(s.key) << "\t" << s.description << "\n";
    exit_code = 0;
  });

  struct SetArgs : DbArgs {
    std::string key, value;
  };
  auto sa = std::make_shared<SetArgs>();
  auto* set = cmd->add_subcommand("set", "修改本县的一项设置");
  add_db_options(set, *sa);
  set->add_option("KEY", sa->key, "设置的键，如 case.follow_up_days")->required();
  set->add_option("VALUE", sa->value, "新的值")->required();
  set->callback([sa, &exit_code] {
    exit_code = 2;
    const core::Setting* known = nullptr;
    for (const core::Setting& s : core::default_settings())
      if (s.key == sa->key) known = &s;
    if (known == nullptr) {
      std::cerr << "没有设置“" << sa->key << "”；用 baoxue setting list 查看全部设置\n";
      return;
    }
    const bool numeric = known->value.find_first_not_of("0123456789") == std::string::npos;
    if (numeric &&
        (sa->value.empty() || sa->value.find_first_not_of("0123456789") != std::string::npos)) {
      std::cerr << sa->key << " 应为非负整数（" << known->description << "），收到“" << sa->value
                << "”\n";
      return;
    }
    exit_code = 1;
    std::string county;
    auto db = open_county(*sa, county);
    if (!db) return;
    if (Status st = store::set_setting(*db, county, sa->key, sa->value, "cli"); !st) {
      std::cerr << st.error().message << "\n";
      return;
    }
    std::cout << sa->key << " = " << sa->value << "（" << known->description << "）\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
