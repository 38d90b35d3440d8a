// `baoxue import KIND FILE [--db …] [--county CODE] [--group NAME] [--sheet NAME]
//  [--encoding ENC] [--report PATH] [--json]`: one list file into the county's lists; KIND
// attendance: a file of roll calls from a school system (attendance/import.h).
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "attendance/import.h"
#include "cli/commands.h"
#include "ingest/importer.h"
#include "ingest/reader_util.h"
#include "movement/import.h"
#include "movement/sweep.h"
#include "store/county_repository.h"

namespace baoxue::cli {
namespace {

void print_text(const ingest::ImportResult& r) {
  if (r.already_imported) {
    std::cout << "该文件内容已于 " << r.imported_at << " 导入过（" << r.list_name << "，批次 "
              << r.batch << "），本次未重复导入\n";
    return;
  }
  std::cout << "已导入" << r.list_name << "（批次 " << r.batch << "，名单日期 " << r.list_date
            << "）：" << r.format << "，表头在第 " << r.header_row << " 行\n"
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

std::string n(long long v) { return ingest::format_count(static_cast<std::uint64_t>(v)); }

void print_attendance(const attendance::ImportOutcome& r) {
  std::cout << "已导入考勤（点名记录）：" << r.format << "，表头在第 " << r.header_row << " 行\n"
            << "  数据 " << n(r.rows) << " 行：导入 " << n(r.accepted) << " 行，问题行 "
            << n(r.flagged) << " 行（未导入）\n";
  if (!r.first_day.empty())
    std::cout << "  日期 " << r.first_day << (r.last_day != r.first_day ? " 至 " + r.last_day : "")
              << "，涉及 " << n(r.classes) << " 个班\n";
  std::cout << "  点名：新建 " << n(r.created) << " 次，更正 " << n(r.corrected) << " 次（改动 "
            << n(r.marks_changed) << " 人次），未变 " << n(r.unchanged) << " 次\n"
            << "  连续旷课：新增任务 " << n(r.escalation.tasks_added) << " 项，取消 "
            << n(r.escalation.tasks_cancelled) << " 项，列入疑似失学辍学台账 "
            << n(r.escalation.entries_opened) << " 人，重开劝返 " << n(r.escalation.cases_reopened)
            << " 件\n";
  std::string extra;
  for (const auto& [header, field] : r.columns)
    if (field.empty() && !header.empty() && header != "问题说明")
      extra += (extra.empty() ? "" : "、") + header;
  if (!extra.empty()) std::cout << "  未使用的列：" << extra << "\n";
  for (const auto& [row, problem] : r.problems)
    std::cout << "  第 " << row << " 行：" << problem << "\n";
  if (r.flagged > static_cast<long>(r.problems.size()))
    std::cout << "  ……另有 " << n(r.flagged - static_cast<long>(r.problems.size()))
              << " 个问题行\n";
  if (!r.report.empty())
    std::cout << "  问题行及原因已写入：" << r.report
              << "\n  请按“问题说明”修改后直接导入该文件（只改动其中各行）\n";
}

// The command line on the audit log: acting as the bureau.
store::AuditEntry cli_audit(const std::string& county) {
  store::AuditEntry e;
  e.username = "cli";
  e.unit_code = county;
  e.address = "命令行";
  return e;
}

// A file checked row by row (考勤, 学籍异动), on the record like an import from the web: the
// import with the command's options, its outcome as JSON or in words.
template <typename Options, typename Outcome>
void run_checked(store::Database& db, const std::string& file, const ingest::ImportOptions& o,
                 bool json, int& exit_code,
                 Result<Outcome> (*run)(store::Database&, const std::string&, const Options&),
                 nlohmann::json (*to_json)(const Outcome&), void (*print)(const Outcome&)) {
  Options c;
  c.county = o.county;
  c.sheet = o.sheet;
  c.encoding = o.encoding;
  c.report = o.report;
  c.user = o.user;
  c.audit = cli_audit(o.county);
  auto r = run(db, file, c);
  if (!r) {
    std::cerr << r.error().message << "\n";
    exit_code = ingest::is_unreadable_file_error(r.error()) ? 2 : 1;
    return;
  }
  if (json) {
    nlohmann::json j = to_json(r.value());
    j["report"] = r->report.empty() ? nullptr : nlohmann::json(r->report);
    std::cout << j.dump() << "\n";
  } else {
    print(r.value());
  }
  exit_code = 0;
}

void print_movement(const movement::ImportOutcome& r) {
  std::cout << "已导入学籍异动：" << r.format << "，表头在第 " << r.header_row << " 行\n"
            << "  数据 " << n(r.rows) << " 行：导入 " << n(r.accepted) << " 行，问题行 "
            << n(r.flagged) << " 行（未导入）\n"
            << "  异动：新增 " << n(r.inserted) << " 条，更新 " << n(r.updated) << " 条，未变 "
            << n(r.unchanged) << " 条；其中转往本县学校 " << n(r.in_county_transfers)
            << " 条（未确认的由接收学校在系统中确认）\n"
            << "  列入疑似失学辍学台账：转学未确认 " << n(r.sweep.transfers_overdue)
            << " 人，学籍名单消失 " << n(r.sweep.departures) << " 人\n";
  if (r.sweep.no_census) std::cout << "  （本县还没有运行过比对，暂不列入疑似台账）\n";
  for (const auto& [row, problem] : r.problems)
    std::cout << "  第 " << row << " 行：" << problem << "\n";
  if (!r.report.empty()) std::cout << "  问题行及原因已写入：" << r.report << "\n";
}

}  // namespace

void add_import_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = kDefaultDb, file;
    ingest::ImportOptions options;
    std::string list_date;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd =
      app.add_subcommand("import",
                         "导入名单：xueji 学籍、hukou 户籍、village 村委会、group "
                         "重点群体、school 学校、present 在校；attendance 考勤（点名记录）；"
                         "movement 学籍异动");
  std::vector<std::string> kinds = ingest::kImportKinds;
  kinds.push_back("attendance");
  kinds.push_back("movement");
  cmd->add_option("KIND", args->options.kind, "名单类型")->required()->check(CLI::IsMember(kinds));
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
  cmd->add_option("--list-date", args->list_date,
                  "名单日期：名单所反映的日期（截至日期），默认今天；学籍名单须按日期先后导入");
  cmd->add_flag("--json", args->json, "输出一行 JSON");
  cmd->callback([args, &exit_code] {
    auto db = store::Database::open(args->db);
    if (!db) {
      std::cerr << db.error().message << "\n";
      exit_code = 1;
      return;
    }
    if (!args->list_date.empty()) {
      auto d = Date::parse_iso(args->list_date);
      if (!d) {
        std::cerr << "--list-date 应为 YYYY-MM-DD，如 2027-03-01\n";
        exit_code = 2;
        return;
      }
      args->options.list_date = d;
    }
    if (args->options.kind == "movement") {
      if (!args->options.group.empty() || args->options.whole || args->options.list_date) {
        std::cerr << "导入学籍异动不用 --group、--whole 或 --list-date（每行有异动日期）\n";
        exit_code = 2;
        return;
      }
      run_checked(*db.value(), args->file, args->options, args->json, exit_code,
                  &movement::import_movements, &movement::outcome_json, &print_movement);
      return;
    }
    if (args->options.kind == "attendance") {
      if (!args->options.group.empty() || args->options.whole) {
        std::cerr << "导入考勤不用 --group 或 --whole\n";
        exit_code = 2;
        return;
      }
      run_checked(*db.value(), args->file, args->options, args->json, exit_code,
                  &attendance::import_attendance, &attendance::outcome_json, &print_attendance);
      return;
    }
    auto r = ingest::import_file(*db.value(), args->file, args->options);
    if (!r) {
      std::cerr << r.error().message << "\n";
      exit_code = ingest::is_unreadable_file_error(r.error()) ? 2 : 1;
      return;
    }
    // A 学籍 list that left pupils out: those no movement explains are suspected (sweep.h).
    if (args->options.kind == "xueji" && r->retired > 0) {
      auto county = store::choose_county(*db.value(), args->options.county);
      auto settings = county ? store::load_settings(*db.value(), county.value())
                             : Result<core::Settings>(county.error());
      auto swept = settings ? movement::sweep(*db.value(), county.value(), settings->county_today())
                            : Result<movement::SweepOutcome>(settings.error());
      if (!swept) {
        std::cerr << "名单已导入，但核对离开名单的学生时出错：" << swept.error().message << "\n";
        exit_code = 1;
        return;
      }
      if (!args->json && swept->departures > 0)
        std::cout << "  离开学籍名单且无学籍异动记录的 " << swept->departures
                  << " 名学生已列入疑似失学辍学台账（来源：学籍名单消失）\n";
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
                          {"list_date", v.list_date},
                          {"already_imported", v.already_imported}};
      std::cout << j.dump() << "\n";
    } else {
      print_text(r.value());
    }
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
