// Specification: a CSV file is cut for reading on several threads only at line ends, into ranges
// that cover its text exactly; ranges give the streaming reader's records, and a range whose
// records do not end at its end (a line break inside a quoted cell) says so.
#include "ingest/csv_ranges.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reader_test_util.h"

namespace baoxue::ingest {
namespace {

CsvFormat format_of(const std::string& path) {
  auto r = open_table(path, {});
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  if (!r.ok() || (*r)->csv_format() == nullptr) return {};
  return *(*r)->csv_format();
}

std::vector<std::vector<std::string>> records_of(CsvRangeReader& reader, bool* ok) {
  std::vector<std::vector<std::string>> out;
  *ok = reader.parse(
      [&](const CsvCells& row) { out.emplace_back(row.cells().begin(), row.cells().end()); });
  return out;
}

TEST(CsvRanges, CutsFallJustAfterLineEndsAndCoverTheText) {
  testing::TempDir dir;
  std::string text = "\xEF\xBB\xBF姓名,身份证号\r\n";
  for (int i = 0; i < 200; ++i) text += "王" + std::to_string(i) + ",410308201109010013\r\n";
  const std::string path = dir.file("名单.csv");
  testing::write_bytes(path, text);
  const CsvFormat format = format_of(path);
  auto ranges = cut_csv_file(path, format, 300);
  ASSERT_TRUE(ranges.ok()) << ranges.error().message;
  ASSERT_GT(ranges->size(), 10u);
  EXPECT_EQ(ranges->front().begin, 3u);  // after the BOM
  EXPECT_EQ(ranges->back().end, text.size());
  for (std::size_t i = 0; i + 1 < ranges->size(); ++i) {
    EXPECT_EQ((*ranges)[i].end, (*ranges)[i + 1].begin);
    EXPECT_EQ(text[(*ranges)[i].end - 1], '\n');
  }
}

TEST(CsvRanges, RangesGiveTheStreamingReadersRecords) {
  testing::TempDir dir;
  std::string text = "姓名,备注\n";
  for (int i = 0; i < 100; ++i) text += "王" + std::to_string(i) + ",\"甲,\"\"乙\"\"\"\n";
  const std::string path = dir.file("名单.csv");
  testing::write_bytes(path, testing::to_gbk(text));
  auto stream = open_table(path, {});
  ASSERT_TRUE(stream.ok());
  const testing::Rows want = testing::read_ok(**stream);
  const CsvFormat format = format_of(path);
  auto ranges = cut_csv_file(path, format, 200);
  ASSERT_TRUE(ranges.ok());
  CsvRangeReader reader;
  std::vector<std::vector<std::string>> got;
  for (std::size_t i = 0; i < ranges->size(); ++i) {
    ASSERT_TRUE(reader.load(path, format, (*ranges)[i], i + 1 == ranges->size()));
    bool ok = false;
    for (auto& r : records_of(reader, &ok)) got.push_back(std::move(r));
    EXPECT_TRUE(ok) << "range " << i;
  }
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_EQ(got[i], want[i].cells) << i;
}

TEST(CsvRanges, ARangeThatEndsInsideAQuotedCellDoesNotStandOnItsOwn) {
  testing::TempDir dir;
  const std::string text = "姓名,地址\n王五,\"台荫村\n3组\"\n李四,雷河村\n";
  const std::string path = dir.file("名单.csv");
  testing::write_bytes(path, text);
  const CsvFormat format = format_of(path);
  const std::uint64_t inside = text.find("3组");  // just after the line break in the cell
  CsvRangeReader reader;
  ASSERT_TRUE(reader.load(path, format, {0, inside}, false));
  bool ok = true;
  records_of(reader, &ok);
  EXPECT_FALSE(ok);
}

TEST(CsvRanges, Utf16IsNotCut) {
  testing::TempDir dir;
  std::string text = "姓名\t身份证号\r\n";
  for (int i = 0; i < 100; ++i) text += "王" + std::to_string(i) + "\t410308201109010013\r\n";
  const std::string path = dir.file("名单.txt");
  testing::write_bytes(path, "\xFF\xFE" + testing::to_utf16le(text));
  auto ranges = cut_csv_file(path, format_of(path), 100);
  ASSERT_TRUE(ranges.ok());
  EXPECT_TRUE(ranges->empty());
}

}  // namespace
}  // namespace baoxue::ingest
