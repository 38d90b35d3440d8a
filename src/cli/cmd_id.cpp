// `baoxue id [--json] NUMBER...`: checks 公民身份号码, one line per number.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/id_number.h"

namespace baoxue::cli {
namespace {

nlohmann::json findings(const std::vector<core::Finding>& fs) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& f : fs) a.push_back({{"code", f.code}, {"message", f.message}});
  return a;
}

void print(const core::IdNumber& id, bool json) {
  if (json) {
    nlohmann::json j = {
        {"input", id.input},
        {"normalized", id.normalized},
        {"valid", id.valid},
        {"birth_date", id.birth_date ? nlohmann::json(id.birth_date->iso()) : nullptr},
        {"sex", id.sex ? nlohmann::json(core::sex_label(*id.sex)) : nullptr},
        {"area_code", id.area_code.empty() ? nullptr : nlohmann::json(id.area_code)},
        {"area_name", id.area_name.empty() ? nullptr : nlohmann::json(id.area_name)},
        {"area_last_seen", id.area_last_seen ? nlohmann::json(*id.area_last_seen) : nullptr},
        {"foreign_permanent_resident", id.foreign_permanent_resident},
        {"nationality_code",
         id.nationality_code.empty() ? nullptr : nlohmann::json(id.nationality_code)},
        {"warnings", findings(id.warnings)},
        {"errors", findings(id.errors)}};
    // Invalid UTF-8 in the input must not abort the line: replace it.
    std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::cout << id.normalized << "  " << (id.valid ? "有效" : "无效");
  if (id.birth_date) std::cout << "  " << id.birth_date->iso();
  if (id.sex) std::cout << "  " << core::sex_label(*id.sex);
  if (!id.area_name.empty()) std::cout << "  " << id.area_name;
  if (id.area_last_seen) std::cout << "（旧区划代码，沿用至 " << *id.area_last_seen << " 年）";
  std::cout << "\n";
  for (const auto& e : id.errors) std::cout << "  错误：" << e.message << "\n";
  for (const auto& w : id.warnings) std::cout << "  提示：" << w.message << "\n";
}

}  // namespace

void add_id_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("id", "校验公民身份号码（GB 11643）：出生日期、性别、地区、校验位");
  auto numbers = std::make_shared<std::vector<std::string>>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("NUMBER", *numbers, "身份证号，可多个")->required();
  cmd->add_flag("--json", *json, "每个号码输出一行 JSON");
  // Checking is the command's work: an invalid number is a result, not a failure (exit 0).
  cmd->callback([numbers, json, &exit_code] {
    for (const auto& n : *numbers) print(core::parse_id_number(n), *json);
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
