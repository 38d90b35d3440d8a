// `baoxue census [--db …] [--county CODE] [--as-of YYYY-MM-DD] [--json]`: the three comparisons
// over the county's imported lists, building the 适龄儿童台账 and the 疑似台账.
// `baoxue ledger children|suspected [--status S] [--out FILE] [--unmasked]`: the ledgers, on
// screen or to xlsx/csv. `baoxue ledger close ENTRY --category C [--note …] [--by NAME]`: closes
// a suspected entry after verification.
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "cases/case_work.h"
#include "cli/commands.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "ingest/table_writer.h"
#include "ledger/census.h"
#include "ledger/evidence_json.h"
#include "ledger/run_json.h"
#include "ledger/standing.h"
#include "match/explain.h"
#include "store/county_repository.h"
#include "store/dashboard_repository.h"
#include "store/ledger_repository.h"

namespace baoxue::cli {
namespace {

// The run as a clerk reads it: every count says what it counts, and those of the compulsory
// band add up to the band.
void print_run(store::Database& db, const std::string& county, const store::MatchRun& r) {
  std::cout << "第 " << r.id << " 次比对（按 " << r.as_of << " 计算年龄）\n"
            << "  名单：户籍 " << r.hukou_records << " 条，村委会 " << r.village_records
            << " 条，学籍 " << r.xueji_records << " 条，在校名单 " << r.present_records << " 条\n"
            << "  适龄儿童台账共 " << r.children << " 人：义务教育年龄段内 " << r.in_band
            << " 人，年龄段外 " << r.children - r.in_band << " 人（默认不列入台账视图）\n";
  core::Scope whole;
  whole.county = county;
  whole.role = core::Role::kCountyAdmin;
  auto counts = store::children_by_place(db, county, r.id, whole);
  if (counts) {
    std::map<std::string, long long> by;
    for (const auto& p : counts.value())
      if (p.in_band) by[p.status] += p.count;
    std::cout << "  义务教育年龄段内现状：";
    bool first = true;
    for (const std::string& code : core::label_codes("standing")) {
      if (code == "out_of_band") continue;
      std::cout << (first ? "" : "，") << core::label_zh("standing", code) << " " << by[code];
      first = false;
    }
    std::cout << "\n";
  }
  std::cout << "  学籍在册但不在在校名单（名在人不在） " << r.not_present << " 人\n"
            << "  疑似和名在人不在者中脱贫户、监测户、低保户家庭子女 " << r.poverty_suspected
            << " 人（单独统计）\n"
            << "  疑似台账：新登记 " << r.entries_opened << " 条，原有未销号 "
            << r.entries_still_open << " 条，已销号且无新情况未重开 " << r.entries_not_reopened
            << " 条\n";
}

std::string masked(const std::string& id, bool unmasked) {
  return unmasked ? id : core::mask_id_number(id);
}

std::string masked_phone(const std::string& phone, bool unmasked) {
  return unmasked ? phone : core::mask_phone_number(phone);
}

std::string opt(const std::optional<long long>& v) { return v ? std::to_string(*v) : ""; }

// Writes rows to --out (xlsx/csv) or, without it, as tab-separated lines on stdout.
bool emit(const std::string& out, const std::string& title, const std::vector<std::string>& header,
          const std::vector<std::vector<std::string>>& rows) {
  if (out.empty()) {
    auto print = [](const std::vector<std::string>& row) {
      for (std::size_t i = 0; i < row.size(); ++i) std::cout << (i ? "\t" : "") << row[i];
      std::cout << "\n";
    };
    print(header);
    for (const auto& row : rows) print(row);
    return true;
  }
  auto format = ingest::table_format_for(out);
  if (!format) {
    std::cerr << format.error().message << "\n";
    return false;
  }
  // A title row helps a person reading the workbook; a CSV is for programs, header first.
  const bool xlsx = format.value() == ingest::TableFormat::kXlsx;
  Status st = ingest::write_table(out, format.value(), title, xlsx ? title : "", header, rows);
  if (!st) {
    std::cerr << st.error().message << "\n";
    return false;
  }
  std::cout << "已导出 " << rows.size() << " 行到 " << out << "\n";
  return true;
}

}  // namespace

void add_census_command(CLI::App& app, int& exit_code) {
  struct Args : DbArgs {
    std::string as_of;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "census",
      "四查三比对：用已导入的户籍、学籍、村委会、在校和重点群体名单生成适龄儿童台账和疑似台账");
  add_db_options(cmd, *args);
  cmd->add_option("--as-of", args->as_of, "按哪一天判断是否适龄（YYYY-MM-DD），默认今天");
  cmd->add_flag("--json", args->json, "输出 JSON");
  cmd->callback([args, &exit_code] {
    exit_code = 1;
    ledger::CensusOptions o;
    if (auto d = as_of_option(args->as_of)) {
      o.as_of = *d;
    } else {
      exit_code = 2;
      return;
    }
    std::string county;
    auto db = open_county(*args, county);
    if (!db) return;
    auto run = ledger::run_census(*db, county, o);
    if (!run) {
      std::cerr << run.error().message << "\n";
      return;
    }
    auto settings = store::load_settings(*db, county);
    if (!settings) {
      std::cerr << settings.error().message << "\n";
      return;
    }
    auto relapsed =
        cases::reopen_after_census(*db, county, run->id, o.run_by, settings->county_today());
    if (!relapsed) {
      std::cerr << relapsed.error().message << "\n";
      return;
    }
    if (*relapsed > 0 && !args->json)
      std::cout << "复学后再次列入疑似台账、劝返复学档案重新打开：" << *relapsed << " 人\n";
    if (args->json)
      std::cout << ledger::run_json(run.value()).dump() << "\n";
    else
      print_run(*db, county, run.value());
    exit_code = 0;
  });
}

void add_ledger_command(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("ledger", "台账：查看、导出适龄儿童台账和疑似台账，疑似记录核查销号");
  cmd->require_subcommand(1);

  struct ListArgs : DbArgs {
    std::string status, out;
    bool unmasked = false;
  };
  auto list = std::make_shared<ListArgs>();
  auto add_list_options = [&](CLI::App* sub) {
    add_db_options(sub, *list);
    sub->add_option("--out", list->out, "导出到文件（.xlsx 或 .csv）；省略则显示在屏幕上");
    sub->add_flag("--unmasked", list->unmasked,
                  "显示完整身份证号和电话（默认隐去中间位；仅限有权限的人员使用）");
  };

  auto* children = cmd->add_subcommand("children", "适龄儿童台账（最近一次比对）");
  add_list_options(children);
  children->add_option("--status", list->status,
                       "只看某一状态：enrolled|probable|suspected|out_of_band");
  children->callback([list, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*list, county);
    if (!db) return;
    auto run = store::latest_match_run(*db, county);
    if (!run || !run.value()) {
      std::cerr << (run ? "还没有比对结果：请先运行 baoxue census" : run.error().message) << "\n";
      return;
    }
    auto rows = store::ledger_children(*db, county, run.value()->id, list->status);
    if (!rows) {
      std::cerr << rows.error().message << "\n";
      return;
    }
    std::vector<std::vector<std::string>> out;
    for (const auto& c : rows.value())
      out.push_back({c.name, c.sex, c.birth_date, masked(c.id_number, list->unmasked), c.township,
                     c.village, c.status, c.in_band ? "是" : "否", opt(c.expected_grade),
                     c.school_name, opt(c.grade), c.on_lists, c.poverty ? "是" : "否"});
    exit_code = emit(list->out, "适龄儿童台账（" + run.value()->as_of + "）",
                     {"姓名", "性别", "出生日期", "身份证号", "乡镇（街道）", "村（居）", "状态",
                      "义务教育年龄段", "应在年级", "学校", "年级", "所在名单", "脱贫户等"},
                     out)
                    ? 0
                    : 1;
  });

  auto* suspected = cmd->add_subcommand("suspected", "疑似失学辍学台账");
  add_list_options(suspected);
  suspected->add_option("--status", list->status, "open（未销号）|closed（已销号）；省略为全部");
  suspected->callback([list, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*list, county);
    if (!db) return;
    auto rows = store::suspected_entries(*db, county, list->status);
    if (!rows) {
      std::cerr << rows.error().message << "\n";
      return;
    }
    std::vector<std::vector<std::string>> out;
    for (const auto& e : rows.value())
      out.push_back({std::to_string(e.id), e.name, e.sex, e.birth_date,
                     masked(e.id_number, list->unmasked), e.township, e.village, e.guardian_name,
                     masked_phone(e.guardian_phone, list->unmasked), e.school_name, opt(e.grade),
                     e.reason, e.poverty ? "是" : "否", e.status == "open" ? "未销号" : "已销号",
                     e.close_category, e.close_note, e.in_school_run_id ? "是" : ""});
    exit_code = emit(list->out, "疑似失学辍学台账",
                     {"编号", "姓名", "性别", "出生日期", "身份证号", "乡镇（街道）", "村（居）",
                      "监护人", "联系电话", "学校", "年级", "疑似原因", "脱贫户等", "状态",
                      "核查类别", "核查说明", "后续比对已在校"},
                     out)
                    ? 0
                    : 1;
  });

  struct DecisionArgs : DbArgs {
    std::string comparison = "hukou_xueji", out;
    bool explain = false;
  };
  auto dec = std::make_shared<DecisionArgs>();
  auto* decisions = cmd->add_subcommand(
      "decisions",
      "比对明细（最近一次比对）：每条名单记录的结论、对应记录和依据，行号为原文件中表头下的第几行");
  add_db_options(decisions, *dec);
  decisions
      ->add_option("--comparison", dec->comparison,
                   "hukou_xueji（户籍×学籍）|xueji_present（学籍×在校）|village_hukou|group")
      ->capture_default_str();
  decisions->add_option("--out", dec->out, "导出到文件（.csv 或 .xlsx）；省略则显示在屏幕上");
  decisions->add_flag("--explain", dec->explain, "附每项比对的依据和分值");
  decisions->callback([dec, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*dec, county);
    if (!db) return;
    auto run = store::latest_match_run(*db, county);
    if (!run || !run.value()) {
      std::cerr << (run ? "还没有比对结果：请先运行 baoxue census" : run.error().message) << "\n";
      return;
    }
    auto rows = store::run_decisions_in_files(*db, county, run.value()->id, dec->comparison);
    if (!rows) {
      std::cerr << rows.error().message << "\n";
      return;
    }
    // The columns of `baoxue match` file mode, so both can be read (and compared) alike.
    const bool hx = dec->comparison == "hukou_xueji";
    std::vector<std::string> header = {hx ? "hukou_row" : "row", "status",
                                       hx ? "xueji_row" : "candidate_row", "score", "reason"};
    if (dec->explain) header.push_back("explanation");
    std::vector<std::vector<std::string>> out;
    for (const auto& r : rows.value()) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", r.decision.score);
      out.push_back({std::to_string(r.record_row), r.decision.decision,
                     r.decision.candidate_record_id ? std::to_string(r.candidate_row) : "", score,
                     r.decision.reason});
      if (dec->explain)
        out.back().push_back(
            match::evidence_text(ledger::stored_evidence(r.decision.evidence, r.decision.score)));
    }
    exit_code = emit(dec->out, "比对明细", header, out) ? 0 : 1;
  });

  struct CloseArgs : DbArgs {
    long long entry = 0;
    std::string category, note, by = "cli";
  };
  auto close = std::make_shared<CloseArgs>();
  auto* close_cmd = cmd->add_subcommand("close", "核查后销号：给疑似记录定核查类别（A–M）");
  add_db_options(close_cmd, *close);
  close_cmd->add_option("entry", close->entry, "疑似台账编号")->required();
  close_cmd->add_option("--category", close->category, "核查类别代码，如 A、E、I")->required();
  close_cmd->add_option("--note", close->note, "核查说明（证明材料、经办情况）");
  close_cmd->add_option("--by", close->by, "经办人");
  close_cmd->callback([close, &exit_code] {
    exit_code = 1;
    std::string county;
    auto db = open_county(*close, county);
    if (!db) return;
    Status st =
        ledger::close_entry(*db, county, close->entry, close->category, close->note, close->by);
    if (!st) {
      std::cerr << st.error().message << "\n";
      if (st.error().code == "category_unknown" || st.error().code == "category_needs_review")
        exit_code = 2;
      return;
    }
    std::cout << "疑似记录 " << close->entry << " 已销号（核查类别 " << close->category << "）\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
