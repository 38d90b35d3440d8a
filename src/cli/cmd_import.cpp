// `baoxue import KIND FILE [--db …] [--county CODE] [--group NAME] [--sheet NAME]
//  [--encoding ENC] [--report PATH] [--json]`: one list file into the county's lists.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ingest/importer.h"

namespace baoxue::cli {
namespace {

void print_text(const ingest::ImportResult& r) {
  if (r.already_imported) {
    std::cout << "该文件内容已于 " << r.imported_at << " 导入过（" << r.list_name << "，批次 "
              << r.batch << "），本次未重复导入\n";
    return;
  }
  std::cout << "已导入" << r.list_name << "（批次 " << r.batch << "）：" << r.format
            << "，表头在第 " << r.header_row << " 行\n"
            << "  数据 " << r.rows << " 行：接受 " << r.accepted << " 行（其中 " << r.warnings
            << " 行有提示），拒绝 " << r.rejected << " 行\n"
            << "  名单记录：新增 " << r.inserted << " 条，更新 " << r.updated << " 条，未变 "
            << r.unchanged << " 条"
            << (r.retired > 0
                    ? "；本次文件中没有的旧记录 " + std::to_string(r.retired) + " 条已不再参与比对"
                    : std::string())
            << "\n";
  std::string extra;
  for (const auto& [header, field] : r.columns)
    if (field.empty() && !header.empty()) extra += (extra.empty() ? "" : "、") + header;
  if (!extra.empty()) std::cout << "  未识别的列（原样保留）：" << extra << "\n";
  if (!r.report.empty())
    std::cout << "  未导入的行及原因已写入：" << r.report
              << "\n  请按“问题说明”修改后直接导入该文件\n";
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb, file;
    ingest::ImportOptions options;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("import",
                                 "导入名单：xueji 学籍、hukou 户籍、village 村委会、group "
                                 "重点群体、school 学校、present 在校");
  cmd->add_option("KIND", args->options.kind, "名单类型")
      ->required()
      ->check(CLI::IsMember(ingest::kImportKinds));
  cmd->add_option("FILE", args->file, "名单文件：.xlsx、.xls、.csv、.tsv（编码自动识别）")
      ->required();
  cmd->add_option("--db", args->db, "数据库：文件路径（SQLite）或 postgresql://…")
      ->capture_default_str();
  cmd->add_option("--county", args->options.county, "县区代码（6 位）；库中只有一个县区时可省略");
  cmd->add_option("--group", args->options.group,
                  "重点群体（group 名单必填）：如 脱贫户、残疾儿童、留守儿童");
  cmd->add_option("--sheet", args->options.sheet, "工作表名称；默认第一个");
  cmd->add_option("--encoding", args->options.encoding,
                  "CSV 编码：utf-8、gbk、gb18030、utf-16；默认自动识别");
  cmd->add_option("--report", args->options.report, "问题行文件路径；默认与名单文件放在一起");
  cmd->add_flag("--whole", args->options.whole,
                "该文件是完整名单（全量）：文件中没有的旧记录不再参与比对；只补报部分记录时不要加");
  cmd->add_flag("--json", args->json, "输出一行 JSON");
  cmd->callback([args, &exit_code] {
    auto db = store::Database::open(args->db);
    if (!db) {
      std::cerr << db.error().message << "\n";
      exit_code = 1;
      return;
    }
    auto r = ingest::import_file(*db.value(), args->file, args->options);
    if (!r) {
      std::cerr << r.error().message << "\n";
      exit_code = ingest::is_unreadable_file_error(r.error()) ? 2 : 1;
      return;
    }
    if (args->json) {
      const auto& v = r.value();
      nlohmann::json j = {{"batch", v.batch},
                          {"kind", v.kind},
                          {"rows", v.rows},
                          {"accepted", v.accepted},
                          {"rejected", v.rejected},
                          {"warnings", v.warnings},
                          {"report", v.report.empty() ? nullptr : nlohmann::json(v.report)},
                          {"inserted", v.inserted},
                          {"updated", v.updated},
                          {"unchanged", v.unchanged},
                          {"retired", v.retired},
                          {"already_imported", v.already_imported}};
      std::cout << j.dump() << "\n";
    } else {
      print_text(r.value());
    }
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
