// Fuzz target: CSV/TSV reading. The first byte picks the forced encoding, the name (.csv/.tsv)
// and the chunk size, so multibyte characters, quotes and line ends land on every boundary; the
// rest is the file. The same bytes also go through open_table_bytes, which sniffs the format.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/csv_reader.h"
#include "ingest/xls_reader.h"
#include "reader_fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baoxue::ingest;
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  static const char* const kEncodings[] = {"", "utf-8", "gb18030", "utf-16", "gbk", "", "", ""};
  ReadOptions options;
  options.encoding = kEncodings[mode & 7];
  const std::string name = (mode & 8) ? "名单.tsv" : "名单.csv";
  CsvTuning tuning;
  tuning.chunk_size = 1 + (mode >> 4) * 3;  // 1..46 bytes
  tuning.detect_size = 1 + (mode >> 5) * 9;
  options.limits.max_line_bytes = 1 << 16;

  auto csv = open_csv(memory_source(bytes), name, options, tuning);
  fuzz::drain(csv);

  // Compound files would go to FreeXL, a third-party C library this target does not set out to
  // fuzz; our own part of .xls reading, the merged-range walk, gets the bytes instead.
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
    for (const auto& m : xls_merged_ranges(bytes, "学生名单")) {
      FUZZ_CHECK(m.r1 <= m.r2 && m.c1 <= m.c2);
    }
  } else {
    auto sniffed = open_table_bytes(bytes, name, options);
    fuzz::drain(sniffed);
  }
  return 0;
}
