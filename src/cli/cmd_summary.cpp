// `baoxue summary [--db …] [--county CODE] [--json]`: the county at a glance, read back from
// the database.
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "store/county_summary.h"
#include "store/ledger_repository.h"

namespace baoxue::cli {
namespace {

long long at(const std::map<std::string, long long>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? 0 : it->second;
}

void print_text(const store::CountySummary& s, const std::vector<core::Code>& school_types,
                const std::vector<core::Code>& groups) {
  std::cout << s.county.name << "（" << s.county.province << s.county.prefecture << "，"
            << s.county.code << "）\n"
            << "  乡镇（街道） " << s.townships << " 个，村（居）委会 " << s.villages << " 个\n"
            << "  学校 " << s.schools << " 所：";
  bool first = true;
  for (const auto& t : school_types) {
    if (const long long n = at(s.schools_by_type, t.code); n > 0) {
      std::cout << (first ? "" : "，") << t.label_zh << " " << n << " 所";
      first = false;
    }
  }
  std::cout << "；班级 " << s.classes << " 个\n"
            << "  在校生 " << s.students << " 人：小学（1–6 年级） " << s.primary_students
            << " 人，初中（7–9 年级） " << s.junior_students << " 人\n"
            << "  人员信息库 " << s.persons << " 人，其中本县户籍 " << s.hukou_local_persons
            << " 人（建库时登记的人员；适龄儿童台账以最近一次比对为准，见 census）\n";
  const long long disabled = at(s.disabled_by_placement, "ordinary_class") +
                             at(s.disabled_by_placement, "special_school") +
                             at(s.disabled_by_placement, "home_teaching") +
                             at(s.disabled_by_placement, "not_enrolled");
  std::cout << "  适龄残疾儿童 " << disabled << " 人：随班就读 "
            << at(s.disabled_by_placement, "ordinary_class") << " 人，特教学校就读 "
            << at(s.disabled_by_placement, "special_school") << " 人，送教上门 "
            << at(s.disabled_by_placement, "home_teaching") << " 人，未安置 "
            << at(s.disabled_by_placement, "not_enrolled") << " 人\n"
            << "  脱贫户、监测户、低保户家庭子女（去重） " << s.poverty_children << " 人\n"
            << "  重点群体：\n";
  for (const auto& g : groups)
    std::cout << "    " << g.label_zh << " " << at(s.key_groups, g.code) << " 人\n";
}

}  // namespace

void add_summary_command(CLI::App& app, int& exit_code) {
  struct Args : DbArgs {
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("summary",
                                 "县区概况：学校、在校生、重点群体、残疾儿童安置（从数据库读出）");
  add_db_options(cmd, *args);
  cmd->add_flag("--json", args->json, "输出 JSON");
  cmd->callback([args, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    auto s = store::county_summary(*db, county);
    if (!s) {
      std::cerr << s.error().message << "\n";
      return;
    }
    auto groups = store::load_codes(*db, county, "key_group");
    auto school_types = store::load_codes(*db, county, "school_type");
    if (!groups || !school_types) {
      std::cerr << (groups ? school_types.error() : groups.error()).message << "\n";
      return;
    }
    if (args->json) {
      const auto& v = s.value();
      nlohmann::json j = {{"county", {{"code", v.county.code}, {"name", v.county.name}}},
                          {"townships", v.townships},
                          {"villages", v.villages},
                          {"schools", v.schools},
                          {"schools_by_type", v.schools_by_type},
                          {"classes", v.classes},
                          {"students", v.students},
                          {"primary_students", v.primary_students},
                          {"junior_students", v.junior_students},
                          {"persons", v.persons},
                          {"hukou_local_persons", v.hukou_local_persons},
                          {"key_groups", v.key_groups},
                          {"poverty_children", v.poverty_children},
                          {"disabled_by_placement", v.disabled_by_placement}};
      std::cout << j.dump() << "\n";
    } else {
      print_text(s.value(), school_types.value(), groups.value());
      // The ledger's own numbers, as census and the web name them.
      auto run = store::latest_match_run(*db, county);
      if (run && run.value())
        std::cout << "  最近一次比对（第 " << run.value()->id << " 次，基准日 "
                  << run.value()->as_of << "）：适龄儿童台账共 " << run.value()->children
                  << " 人，其中义务教育年龄段内 " << run.value()->in_band << " 人\n";
    }
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
