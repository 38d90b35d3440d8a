// make_match_files N DIR [seed]: the seeded noisy lists of match/synthetic_lists.h as the files a
// county bureau receives, for `baoxue match` and the sqlite3 baseline (scripts/bench.sh match).
//
//   DIR/hukou.csv  household registry as the police export it: GB18030 CSV, 12 columns
//   DIR/xueji.csv  student registry export: UTF-8 CSV, 16 columns, in the schools' order
//                  (CSV, not xlsx: a sheet holds at most 1,048,576 rows)
//   DIR/truth.csv  hukou_row,xueji_row,truth,xueji_noise,note — what each row really is
//                  (bench/score_match.py); truth is enrolled | dropped | out_of_band | migrant
//   DIR/as_of      the census day the lists were drawn for (give it to `baoxue match --as-of`)
//
// The noise is in the written cells, as a clerk would see it: the traditional character in the
// name, the mistyped ID (and the G 学籍号 holding the same typo), the blank ID cell, the J/L
// 学籍号 with no ID, the birth date a day off or with day and month swapped. The same N and seed
// give the same files, and the same lists as match_bench's in-memory ones.
//
// Memory: rows stream to the household file; the student rows wait in one buffer (~170 bytes
// each) until the schools' order is known. 10M children need about 2 GB.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/school_age.h"
#include "ingest/table_writer.h"
#include "match/synthetic_lists.h"

namespace {

using baoxue::Date;
using baoxue::ingest::TableFormat;
using baoxue::ingest::TableWriter;
using baoxue::match::WrittenRow;

constexpr char kSep = '\x1f';  // between cells of a buffered student row; never in a cell

const char* const kGradeNames[] = {"一年级", "二年级", "三年级", "四年级", "五年级",
                                   "六年级", "七年级", "八年级", "九年级"};
const char* const kTownships[] = {"城关镇", "常袋镇",   "会盟镇", "平乐镇", "送庄镇", "白鹤镇",
                                  "朝阳镇", "小浪底镇", "麻屯镇", "横水镇", "王良镇", "新庄镇"};

// Cells that do not identify anyone (phone numbers, class) from the row number, so that they do
// not disturb the lists' random stream.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::string phone(std::uint64_t seed) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "13%09llu",
                static_cast<unsigned long long>(mix(seed) % 1000000000ull));
  return buf;
}

std::string date_text(const Date& d, bool compact) {
  char buf[16];
  std::snprintf(buf, sizeof buf, compact ? "%04d%02d%02d" : "%04d-%02d-%02d", d.year, d.month,
                d.day);
  return buf;
}

std::string county_name(const std::string& area) {
  static const std::map<std::string, std::string> kNames = {
      {"410308", "孟津区"}, {"410302", "老城区"}, {"410303", "西工区"}, {"410304", "瀍河回族区"},
      {"410307", "偃师区"}, {"410311", "洛龙区"}, {"410323", "新安县"}, {"410324", "栾川县"},
      {"410325", "嵩县"},   {"410326", "汝阳县"}, {"410327", "宜阳县"}, {"410328", "洛宁县"},
      {"410329", "伊川县"}};
  const auto it = kNames.find(area);
  return it == kNames.end() ? std::string() : it->second;
}

int township_index(const std::string& township) {
  for (int t = 0; t < 12; ++t)
    if (township == kTownships[t]) return t;
  return 0;
}

class FileSink : public baoxue::match::SyntheticSink {
 public:
  FileSink(std::unique_ptr<TableWriter> hukou, const Date& as_of)
      : hukou_(std::move(hukou)), as_of_(as_of) {}

  void hukou_row(std::size_t h, const WrittenRow& r, long pupil) override {
    cells_ = {std::to_string(h + 1),
              r.name,
              r.male ? "男" : "女",
              "汉族",
              date_text(r.birth, true),
              r.id_number,
              "河南省洛阳市" + county_name(r.area) + r.township + r.village +
                  std::to_string(1 + h % 9) + "组",
              r.township,
              r.village,
              r.guardian,
              "子女",
              phone(h)};
    check(hukou_->add_row(cells_));
    pupil_of_.push_back(static_cast<std::int32_t>(pupil));
    in_band_.push_back(baoxue::core::school_age(r.birth, as_of_).in_compulsory_band);
    kin_.push_back(r.kin);
    household_township_ = r.township;
  }

  void pupil_row(std::size_t p, const WrittenRow& r, long h) override {
    // The school is where the household lives (a blank township cell does not move the child).
    const std::string& township = h >= 0 ? household_township_ : r.township;
    const int grade = std::clamp(baoxue::core::school_age(r.birth, as_of_).expected_grade, 1, 9);
    const int t = township_index(township);
    char code[16];
    std::snprintf(code, sizeof code, "11410308%02d", 2 * t + (grade > 6 ? 2 : 1));
    const std::string cells[] = {code,
                                 township + (grade > 6 ? "初级中学" : "中心小学"),
                                 kGradeNames[grade - 1],
                                 "(" + std::to_string(1 + mix(p) % 6) + ")班",
                                 r.name,
                                 r.male ? "男" : "女",
                                 date_text(r.birth, false),
                                 r.id_number,
                                 r.student_no,
                                 "汉族",
                                 "在读",
                                 r.village.empty() ? "" : "河南省洛阳市" + r.township + r.village,
                                 r.township,
                                 r.village,
                                 r.guardian,
                                 r.guardian.empty() ? "" : phone(p + (1ull << 40))};
    offsets_.push_back(buffer_.size());
    for (const std::string& c : cells) (buffer_ += c) += kSep;
    child_of_.push_back(static_cast<std::int32_t>(h));
    noise_.push_back(r.noise);
  }

  // The student file in the schools' order, then the truth.
  void finish(const std::vector<std::uint32_t>& order, const std::string& dir) {
    check(hukou_->close());
    auto xueji =
        TableWriter::open(dir + "/xueji.csv", TableFormat::kCsvUtf8, "", "",
                          {"学校标识码", "学校名称", "年级", "班级", "姓名", "性别", "出生日期",
                           "身份证件号", "全国学籍号", "民族", "学籍状态", "现住址", "所在乡镇",
                           "所在村", "监护人姓名", "监护人联系电话"});
    check(xueji);
    std::vector<std::uint32_t> row_of(order.size());  // pupil -> student row (from 0)
    for (std::size_t x = 0; x < order.size(); ++x) {
      const std::uint32_t p = order[x];
      row_of[p] = static_cast<std::uint32_t>(x);
      const std::size_t end = p + 1 < offsets_.size() ? offsets_[p + 1] : buffer_.size();
      cells_.clear();
      for (std::size_t at = offsets_[p]; at < end;) {
        const std::size_t sep = buffer_.find(kSep, at);
        cells_.emplace_back(buffer_, at, sep - at);
        at = sep + 1;
      }
      check(xueji.value()->add_row(cells_));
    }
    check(xueji.value()->close());
    std::string().swap(buffer_);

    std::FILE* f = std::fopen((dir + "/truth.csv").c_str(), "w");
    if (!f) fail("cannot write " + dir + "/truth.csv");
    std::fputs("hukou_row,xueji_row,truth,xueji_noise,note\n", f);
    for (std::size_t h = 0; h < pupil_of_.size(); ++h) {
      const std::int32_t p = pupil_of_[h];
      const char* note = kin_[h] == 3   ? "twin;namesake"
                         : kin_[h] == 1 ? "twin"
                         : kin_[h] == 2 ? "namesake"
                                        : "";
      if (p >= 0)
        std::fprintf(f, "%zu,%u,enrolled,%s,%s\n", h + 1, row_of[p] + 1,
                     baoxue::match::noise_label(noise_[p]).c_str(), note);
      else
        std::fprintf(f, "%zu,,%s,,%s\n", h + 1, in_band_[h] ? "dropped" : "out_of_band", note);
    }
    for (std::size_t p = 0; p < child_of_.size(); ++p)
      if (child_of_[p] < 0)
        std::fprintf(f, ",%u,migrant,%s,\n", row_of[p] + 1,
                     baoxue::match::noise_label(noise_[p]).c_str());
    if (std::fclose(f) != 0) fail("cannot write " + dir + "/truth.csv");
  }

  std::size_t hukou_rows() const { return pupil_of_.size(); }
  std::size_t pupils() const { return child_of_.size(); }
  // Student rows carrying this noise bit.
  std::size_t noisy(std::uint16_t bit) const {
    std::size_t n = 0;
    for (std::uint16_t v : noise_) n += (v & bit) != 0;
    return n;
  }

 private:
  [[noreturn]] static void fail(const std::string& message) {
    std::fprintf(stderr, "make_match_files: %s\n", message.c_str());
    std::exit(1);
  }
  template <typename R>
  static void check(const R& r) {
    if (!r) fail(r.error().message);
  }

  std::unique_ptr<TableWriter> hukou_;
  Date as_of_;
  std::vector<std::string> cells_;
  std::string household_township_;
  std::vector<std::int32_t> pupil_of_;  // household row -> pupil, or -1
  std::vector<bool> in_band_;           // household row: of compulsory-school age on as_of
  std::vector<std::uint8_t> kin_;       // household row: KinBit
  std::string buffer_;                  // student rows, cells separated by kSep
  std::vector<std::uint64_t> offsets_;  // pupil -> start in buffer_
  std::vector<std::int32_t> child_of_;  // pupil -> household row, or -1
  std::vector<std::uint16_t> noise_;    // pupil -> NoiseBit
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: make_match_files N DIR [seed]\n");
    return 2;
  }
  using namespace baoxue::match;
  SyntheticOptions o;
  o.children = std::strtoull(argv[1], nullptr, 10);
  if (argc > 3) o.seed = std::strtoull(argv[3], nullptr, 10);
  const std::string dir = argv[2];
  std::filesystem::create_directories(dir);
  const auto start = std::chrono::steady_clock::now();

  auto hukou =
      TableWriter::open(dir + "/hukou.csv", TableFormat::kCsvGb18030, "", "",
                        {"序号", "姓名", "性别", "民族", "出生日期", "公民身份号码", "户籍地址",
                         "乡镇（街道）", "村（居）委会", "户主姓名", "与户主关系", "联系电话"});
  if (!hukou) {
    std::fprintf(stderr, "make_match_files: %s\n", hukou.error().message.c_str());
    return 1;
  }
  FileSink sink(std::move(hukou.value()), o.as_of);
  const std::vector<std::uint32_t> order = stream_synthetic_lists(o, sink);
  sink.finish(order, dir);
  if (std::FILE* f = std::fopen((dir + "/as_of").c_str(), "w")) {
    std::fprintf(f, "%s\n", o.as_of.iso().c_str());
    std::fclose(f);
  }

  std::printf("%zu children: hukou %zu rows, xueji %zu rows, as of %s, %.1f s\n", o.children,
              sink.hukou_rows(), sink.pupils(), o.as_of.iso().c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::printf("student rows with noise:");
  for (unsigned k = 0; k < 9; ++k)
    std::printf(" %s %zu", noise_label(static_cast<std::uint16_t>(1u << k)).c_str(),
                sink.noisy(static_cast<std::uint16_t>(1u << k)));
  std::printf("\n");
  return 0;
}
