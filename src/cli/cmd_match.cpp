// `baoxue match --hukou FILE --xueji FILE [--as-of YYYY-MM-DD] --out RESULT.csv [--explain]`:
// the first comparison (户籍 × 学籍) on files, without a database — for clerks and benchmarks.
// RESULT.csv (UTF-8): one row per household data row, `hukou_row,status,xueji_row,score,reason`
// (data rows numbered from 1 under the header), and `explanation` with --explain.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <thread>
#include <vector>

#include "cli/commands.h"
#include "ingest/importer.h"
#include "ingest/match_list.h"
#include "ingest/table_writer.h"
#include "match/explain.h"
#include "match/matcher.h"

namespace baoxue::cli {
namespace {

// A number as text, in a buffer of its own (no allocation for each of a million rows).
class NumberText {
 public:
  template <typename T, typename... Format>
  std::string_view operator()(T value, Format... format) {
    const char* end = std::to_chars(buf_, buf_ + sizeof buf_, value, format...).ptr;
    return {buf_, static_cast<std::size_t>(end - buf_)};
  }

 private:
  char buf_[32];
};

// glibc backs malloc's heaps with transparent huge pages only when the process starts with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1. File mode fills and then reads at random hundreds of
// megabytes (the lists' tables, the matcher's indexes); on the virtual machines this runs on,
// where every TLB miss is a two-level page walk, 4 KiB pages cost a quarter of the CPU time
// (measured when the lists were still persons: 1M × 1M files, 3.0 s → 2.0 s wall).
// So match starts itself again, once, with the tunable added, before it has read or written
// anything — unless GLIBC_TUNABLES already says something about it (glibc.malloc.hugetlb=0 keeps
// small pages). If it cannot, it goes on as it is. Small lists (a county of a few ten thousand
// children) are not worth a second process start: 10k × 10k takes 0.06 s either way.
void restart_with_huge_pages(const std::vector<std::string>& inputs) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.hugetlb") != nullptr) return;
  std::uintmax_t bytes = 0;
  for (const auto& path : inputs) {
    std::error_code ec;
    bytes += std::filesystem::file_size(path, ec);
    if (ec) return;  // the reader will say what is wrong with the file
  }
  if (bytes < (64u << 20)) return;
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::string cmdline{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (cmdline.empty()) return;
  std::vector<char*> argv;
  for (std::size_t i = 0; i < cmdline.size(); i += std::strlen(&cmdline[i]) + 1)
    argv.push_back(&cmdline[i]);
  argv.push_back(nullptr);
  const std::string before = tunables != nullptr ? tunables : "";
  const std::string value =
      before.empty() ? "glibc.malloc.hugetlb=1" : before + ":glibc.malloc.hugetlb=1";
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  std::cout.flush();
  ::execv("/proc/self/exe", argv.data());
  if (tunables != nullptr)
    ::setenv("GLIBC_TUNABLES", before.c_str(), 1);
  else
    ::unsetenv("GLIBC_TUNABLES");
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
    restart_with_huge_pages({args->hukou, args->xueji});
    exit_code = 1;
    const auto start = std::chrono::steady_clock::now();
    match::MatchOptions options;
    if (auto d = as_of_option(args->as_of)) {
      options.as_of = *d;
    } else {
      exit_code = 2;
      return;
    }
    // Both lists on both cores: CSV files in ranges, spreadsheets one to a core, each row
    // straight into the lists' tables. Growing the heap 64 MB at a time rather than 128 KB
    // spares the two readers system calls that each stop the other one's page faults (measured
    // when the rows were persons: 1M × 1M GB18030 files, 4 KiB pages, 3.8 s → 2.4 s to read).
    mallopt(M_TOP_PAD, 64 << 20);
    auto lists =
        ingest::read_person_tables({{args->hukou, "hukou"}, {args->xueji, "xueji"}}, options.as_of);
    if (!lists) {
      std::cerr << lists.error().message << "\n";
      exit_code = ingest::is_unreadable_file_error(lists.error()) ? 2 : 1;
      return;
    }
    const match::PersonTable& hukou = lists.value()[0];
    const match::PersonTable& xueji = lists.value()[1];
    const auto read_done = std::chrono::steady_clock::now();
    const match::Matching matching(hukou, xueji, options);
    const auto match_done = std::chrono::steady_clock::now();

    std::vector<std::string> header = {"hukou_row", "status", "xueji_row", "score", "reason"};
    if (args->explain) header.push_back("explanation");
    auto writer =
        ingest::TableWriter::open(args->out, ingest::TableFormat::kCsvUtf8, "result", "", header);
    if (!writer) {
      std::cerr << writer.error().message << "\n";
      return;
    }
    // Each row's result is made as it is written (not held for all rows at once: 2.7 GB at
    // 10M), formatted by hand, a block of rows at a time on both cores, half a block each.
    std::array<std::array<long, 4>, 2> counts{};
    auto format_rows = [&](std::size_t begin, std::size_t end, std::string& text, int part) {
      match::MatchResult r;
      std::string explanation;
      for (std::size_t i = begin; i < end; ++i) {
        // The pupil's row is a read at random (a miss at 10M rows): asked for ahead.
        if (i + 16 < end) matching.prefetch(i + 16);
        matching.result(i, r);
        NumberText hukou_row, xueji_row, score;
        const std::string_view h = hukou_row(hukou.row(r.hukou_index));
        const std::string_view x = r.xueji_index ? xueji_row(xueji.row(*r.xueji_index)) : "";
        const std::string_view score_text = score(r.score, std::chars_format::fixed, 2);  // %.2f
        const std::string_view decision = match::decision_code(r.decision);
        if (args->explain) {
          explanation = match::evidence_text(r.evidence);
          ingest::append_csv_row(text, {h, decision, x, score_text, r.reason, explanation});
        } else {
          ingest::append_csv_row(text, {h, decision, x, score_text, r.reason});
        }
        ++counts[part][static_cast<std::size_t>(r.decision)];
      }
    };
    std::array<std::string, 2> text;
    for (auto& t : text) t.reserve(8 << 20);
    auto flush = [&](std::string& t, std::size_t rows) -> bool {
      Status st = writer.value()->add_csv_rows(t, static_cast<std::int64_t>(rows));
      if (!st) std::cerr << st.error().message << "\n";
      t.clear();
      return st.ok();
    };
    constexpr std::size_t kBlock = 1 << 16;
    const std::size_t n = matching.size();
    for (std::size_t begin = 0; begin < n; begin += kBlock) {
      const std::size_t end = std::min(n, begin + kBlock);
      const std::size_t mid = begin + (end - begin) / 2;
      {
        std::jthread other([&] { format_rows(mid, end, text[1], 1); });
        format_rows(begin, mid, text[0], 0);
      }
      if (!flush(text[0], mid - begin) || !flush(text[1], end - mid)) return;
    }
    if (Status st = writer.value()->close(); !st) {
      std::cerr << st.error().message << "\n";
      return;
    }
    const auto write_done = std::chrono::steady_clock::now();
    auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    auto count = [&](match::Decision d) {
      return counts[0][static_cast<std::size_t>(d)] + counts[1][static_cast<std::size_t>(d)];
    };
    std::cout << "户籍 " << hukou.size() << " 行，学籍 " << xueji.size() << " 行：在校 "
              << count(match::Decision::kEnrolled) << "，待人工确认 "
              << count(match::Decision::kProbable) << "，疑似失学辍学 "
              << count(match::Decision::kSuspected) << "，非义务教育年龄 "
              << count(match::Decision::kOutOfBand) << "\n"
              << std::fixed << std::setprecision(2) << "用时：读取 " << seconds(start, read_done)
              << " 秒，比对 " << seconds(read_done, match_done) << " 秒，写出 "
              << seconds(match_done, write_done) << " 秒；结果已写入 " << args->out << "\n";
    exit_code = 0;
  });
}

}  // namespace baoxue::cli
