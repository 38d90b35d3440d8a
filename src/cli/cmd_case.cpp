// `baoxue case list|notice`: the persuade-to-return cases from the command line (scripts and
// checks): the list as JSON or a table, and a notice issued and written to a PDF file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cases/case_work.h"
#include "cli/commands.h"
#include "core/case_flow.h"
#include "core/labels.h"
#include "store/audit_repository.h"
#include "store/county_repository.h"
#include "verify/evidence_store.h"

namespace baoxue::cli {
namespace {

// A state or filter by its code or its Chinese name (劝返中, 已销号, 劝返逾期…).
std::optional<std::string> status_code(const std::string& typed) {
  if (typed.empty()) return std::string();
  for (const char* table : {"case_state", "case_filter"})
    for (const std::string& code : core::label_codes(table))
      if (typed == code || typed == core::label_zh(table, code)) return code;
  return std::nullopt;
}

// The files' directory as `baoxue serve` chooses it.
std::string data_dir_of(const DbArgs& a, const std::string& given) {
  if (!given.empty()) return given;
  return a.db.find("://") == std::string::npos ? a.db + ".files" : std::string("baoxue-files");
}

// The command line acts as the county bureau.
cases::Actor cli_actor(const std::string& county) {
  cases::Actor a;
  a.county = county;
  a.scope.county = county;
  a.scope.role = core::Role::kCountyAdmin;
  a.username = "cli";
  return a;
}

}  // namespace

void add_case_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("case", "劝返复学档案：列出档案，出具劝返通知书或限期返校通知书");
  cmd->require_subcommand(1);

  struct ListArgs : DbArgs {
    std::string status;
    bool json = false;
  };
  auto la = std::make_shared<ListArgs>();
  auto* list = cmd->add_subcommand("list", "列出劝返复学档案（每个档案一行）");
  add_db_options(list, *la);
  list->add_option("--status", la->status,
                   "状态或筛选：劝返中、已返校（跟踪期）、送教上门、待县级审核销号、已销号、"
                   "未销号、劝返逾期、应发限期返校通知书、已上报县级（也可写代码）");
  list->add_flag("--json", la->json, "输出 JSON 数组");
  list->callback([la, &exit_code] {
    exit_code = 2;
    auto status = status_code(la->status);
    if (!status) {
      std::cerr << "--status 不认识“" << la->status << "”：可用劝返中、已返校（跟踪期）、送教上门、"
                << "待县级审核销号、已销号、未销号、劝返逾期、应发限期返校通知书、已上报县级\n";
      return;
    }
    exit_code = 1;
    std::string county;
    auto db = open_county(*la, county);
    if (!db) return;
    auto settings = store::load_settings(*db, county);
    if (!settings) {
      std::cerr << settings.error().message << "\n";
      return;
    }
    const Date today = settings->county_today();
    const auto rules = cases::EscalationRules::from(*settings);
    store::CaseQuery q;
    q.filter = *status;
    q.today = today.iso();
    q.refusals_before_notice = rules.refusals_before_notice;
    const cases::Actor actor = cli_actor(county);
    nlohmann::json out = nlohmann::json::array();
    Status st = store::for_each_case(*db, county, q, actor.scope, [&](const store::Case& k) {
      const cases::Escalation e = cases::escalation_of(k, rules, today);
      out.push_back(
          {{"id", k.id},
           {"name", k.name},
           {"status", core::label_zh("case_state", k.state)},
           {"attempts", k.attempts},
           {"last_attempt", k.last_attempt_date.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(k.last_attempt_date)},
           {"next_due", e.next_due ? nlohmann::json(e.next_due->iso()) : nlohmann::json(nullptr)},
           {"overdue", e.overdue}});
      return Status{};
    });
    if (!st) {
      std::cerr << st.error().message << "\n";
      return;
    }
    if (la->json) {
      std::cout << out.dump() << "\n";
    } else {
      std::cout << "劝返复学档案 " << out.size() << " 份（" << today.iso() << "）\n";
      for (const auto& o : out)
        std::cout << "  " << o["id"].get<long long>() << "  " << o["name"].get<std::string>()
                  << "  " << o["status"].get<std::string>() << "  劝返 "
                  << o["attempts"].get<long long>() << " 次"
                  << (o["next_due"].is_null() ? ""
                                              : "  下一步期限 " + o["next_due"].get<std::string>())
                  << (o["overdue"].get<bool>() ? "  【逾期】" : "") << "\n";
    }
    exit_code = 0;
  });

  struct NoticeArgs : DbArgs {
    long long case_id = 0;
    std::string kind, out, deadline, contact, phone, data_dir;
  };
  auto na = std::make_shared<NoticeArgs>();
  auto* notice = cmd->add_subcommand("notice", "为档案出具通知书（PDF），并写到 --out 文件");
  add_db_options(notice, *na);
  notice->add_option("CASE", na->case_id, "档案编号")->required();
  notice->add_option("--kind", na->kind, "劝返通知书 或 限期返校通知书")->required();
  notice->add_option("--out", na->out, "写出的 PDF 文件")->required();
  notice->add_option("--deadline", na->deadline, "返校期限 YYYY-MM-DD（默认按县设置的天数）");
  notice->add_option("--contact", na->contact, "家长可联系的人（默认工作组第一位有电话的人）");
  notice->add_option("--phone", na->phone, "联系电话");
  notice->add_option("--data-dir", na->data_dir,
                     "附件存放目录（与 baoxue serve 相同，默认 SQLite 数据库旁的 <库名>.files）");
  notice->callback([na, &exit_code] {
    exit_code = 2;
    std::string kind;
    for (const std::string& code : core::label_codes("notice_kind"))
      if (na->kind == code || na->kind == core::label_zh("notice_kind", code)) kind = code;
    if (kind.empty()) {
      std::cerr << "--kind 应为 劝返通知书 或 限期返校通知书，收到“" << na->kind << "”\n";
      return;
    }
    exit_code = 1;
    std::string county;
    auto db = open_county(*na, county);
    if (!db) return;
    auto settings = store::load_settings(*db, county);
    if (!settings) {
      std::cerr << settings.error().message << "\n";
      return;
    }
    const Date today = settings->county_today();
    const verify::EvidenceStore files(data_dir_of(*na, na->data_dir) + "/evidence");
    cases::NoticeRequest r{kind, na->deadline, na->contact, na->phone};
    auto issued = cases::issue_notice(*db, cli_actor(county), na->case_id, r, files, today);
    if (!issued) {
      std::cerr << issued.error().message << "\n";
      return;
    }
    // On the record like a notice issued from the web: the command line acts as the bureau.
    store::AuditEntry e;
    e.county = county;
    e.username = "cli";
    e.unit_code = county;
    e.action = "issue_notice";
    e.object_type = "case";
    e.object_id = std::to_string(na->case_id);
    e.detail = core::label_zh("notice_kind", kind) + " " + issued->notice.number + "，返校期限 " +
               issued->notice.deadline + "（命令行）";
    e.address = "命令行";
    if (Status st = store::append_audit(*db, e); !st) {
      std::cerr << st.error().message << "\n";
      return;
    }
    std::error_code ec;
    std::filesystem::copy_file(files.path_of(issued->notice.sha256), na->out,
                               std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) {
      std::cerr << "通知书已出具（" << issued->notice.number << "），但写不出 " << na->out << "："
                << ec.message() << "\n";
      return;
    }
    std::cout << core::label_zh("notice_kind", kind) << " " << issued->notice.number
              << "，返校期限 " << issued->notice.deadline << "，已写到 " << na->out << "\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
