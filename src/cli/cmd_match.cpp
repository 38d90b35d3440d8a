// `baoxue match --hukou FILE --xueji FILE [--as-of YYYY-MM-DD] --out RESULT.csv [--explain]`:
// the first comparison (户籍 × 学籍) on files, without a database — for clerks and benchmarks.
// RESULT.csv (UTF-8): one row per household data row, `hukou_row,status,xueji_row,score,reason`
// (data rows numbered from 1 under the header), and `explanation` with --explain.
#include <chrono>
#include <iomanip>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/commands.h"
#include "ingest/importer.h"
#include "ingest/list_reader.h"
#include "ingest/row_checker.h"
#include "ingest/table_writer.h"
#include "match/matcher.h"

namespace baoxue::cli {
namespace {

// Reads a list file as the matcher's persons, every data row in file order, rejected rows
// included: a household row the importer would return for fixing still names a child.
Result<std::vector<match::Person>> read_persons(const std::string& path, const std::string& kind,
                                                const Date& today) {
  auto list = ingest::ListReader::open(path, kind, {});
  if (!list) return list.error();
  ingest::RowChecker checker(kind, list.value()->header(), today, nullptr, /*keep_raw=*/false);
  std::vector<match::Person> out;
  ingest::SheetRow row;
  while (list.value()->next(row)) {
    store::SourceRow sr = checker.check(row, 0);
    store::RecordFields& f = sr.fields;
    match::Person& p = out.emplace_back();
    p.row = static_cast<long>(out.size());
    p.name = std::move(f.name);
    p.name_key = std::move(f.name_key);
    p.pinyin_key = std::move(f.pinyin_key);
    p.id_number = std::move(f.id_number);
    p.id_valid = f.id_valid;
    if (!f.birth_date.empty()) p.birth = Date::parse_iso(f.birth_date);
    p.sex = std::move(f.sex);
    p.student_no = std::move(f.student_no);
    p.guardian_name = std::move(f.guardian_name);
    p.township = std::move(f.township);
    p.village = std::move(f.village);
  }
  if (Status st = list.value()->status(); !st) return st.error();
  return out;
}

std::string explanation_text(const match::MatchResult& r) {
  std::string s;
  for (const auto& e : r.evidence) {
    char w[32];
    std::snprintf(w, sizeof w, "%+.1f", e.weight);
    s += (s.empty() ? "" : "; ") + e.field + "=" + e.outcome + " " + w;
  }
  return s;
}

}  // namespace

void add_match_command(CLI::App& app, int& exit_code) {
  struct Args {
    std::string hukou, xueji, out, as_of;
    bool explain = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("match", "户籍与学籍比对（文件方式）：找出疑似失学辍学儿童");
  cmd->add_option("--hukou", args->hukou, "户籍名单文件")->required();
  cmd->add_option("--xueji", args->xueji, "学籍名单文件")->required();
  cmd->add_option("--out", args->out, "结果文件（CSV，UTF-8）")->required();
  cmd->add_option("--as-of", args->as_of, "按哪一天判断是否适龄（YYYY-MM-DD），默认今天");
  cmd->add_flag("--explain", args->explain, "结果中附每项比对的依据和分值");
  cmd->callback([args, &exit_code] {
    exit_code = 1;
    const auto start = std::chrono::steady_clock::now();
    match::MatchOptions options;
    options.as_of = Date::today();
    if (!args->as_of.empty()) {
      auto d = Date::parse_iso(args->as_of);
      if (!d) {
        std::cerr << "--as-of 应为 YYYY-MM-DD 格式的日期\n";
        exit_code = 2;
        return;
      }
      options.as_of = *d;
    }
    // The two lists are independent: read them on both cores at once.
    Result<std::vector<match::Person>> hukou = make_error("", "");
    std::thread reader([&] { hukou = read_persons(args->hukou, "hukou", options.as_of); });
    auto xueji = read_persons(args->xueji, "xueji", options.as_of);
    reader.join();
    if (!hukou || !xueji) {
      const Error& e = hukou ? xueji.error() : hukou.error();
      std::cerr << e.message << "\n";
      exit_code = ingest::is_unreadable_file_error(e) ? 2 : 1;
      return;
    }
    const auto read_done = std::chrono::steady_clock::now();
    const auto results = match::match_lists(hukou.value(), xueji.value(), options);
    const auto match_done = std::chrono::steady_clock::now();

    std::vector<std::string> header = {"hukou_row", "status", "xueji_row", "score", "reason"};
    if (args->explain) header.push_back("explanation");
    auto writer =
        ingest::TableWriter::open(args->out, ingest::TableFormat::kCsvUtf8, "result", "", header);
    if (!writer) {
      std::cerr << writer.error().message << "\n";
      return;
    }
    std::map<std::string, long> counts;
    for (const auto& r : results) {
      char score[32];
      std::snprintf(score, sizeof score, "%.2f", r.score);
      std::vector<std::string> row = {
          std::to_string(hukou.value()[r.hukou_index].row), match::decision_code(r.decision),
          r.xueji_index ? std::to_string(xueji.value()[*r.xueji_index].row) : "", score, r.reason};
      if (args->explain) row.push_back(explanation_text(r));
      if (Status st = writer.value()->add_row(row); !st) {
        std::cerr << st.error().message << "\n";
        return;
      }
      ++counts[match::decision_code(r.decision)];
    }
    if (Status st = writer.value()->close(); !st) {
      std::cerr << st.error().message << "\n";
      return;
    }
    auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    std::cout << "户籍 " << hukou->size() << " 行，学籍 " << xueji->size() << " 行：在校 "
              << counts["enrolled"] << "，待人工确认 " << counts["probable"] << "，疑似失学辍学 "
              << counts["suspected"] << "，非义务教育年龄 " << counts["out_of_band"] << "\n"
              << std::fixed << std::setprecision(2) << "用时：读取 " << seconds(start, read_done)
              << " 秒，比对 " << seconds(read_done, match_done) << " 秒；结果已写入 " << args->out
              << "\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
