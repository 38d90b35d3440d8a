// Reading one CSV file on several threads. The file is cut at line ends into byte ranges, and
// each range is decoded and parsed on its own (with the streaming reader's CsvRecordParser).
//
// A cut can fall inside a record: a quoted cell may hold a line break. So a range counts only if
// it "stands on its own": its records end exactly where the range ends. When every range does,
// the records are exactly the streaming reader's — the first range starts where the file's text
// starts, and each later one where the records before it ended. When one does not (or holds a
// byte that is not text in the file's encoding, or a record of a megabyte or more), the caller
// reads the file with the streaming reader instead, which also words any error.
//
// A '\n' byte is never part of a longer character in UTF-8 or GB18030, so those can be cut
// anywhere after one; UTF-16 cannot, and is not cut.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/csv_reader.h"
#include "ingest/read_limits.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

struct CsvRange {
  std::uint64_t begin = 0;  // byte offsets in the file
  std::uint64_t end = 0;
};

// Cuts the file's text (after any BOM) into ranges of about `range_bytes`, every one but the
// last ending just after a '\n'. Empty when the file's encoding cannot be cut. Errors:
// file_not_found, file_corrupt (the file cannot be read).
Result<std::vector<CsvRange>> cut_csv_file(const std::string& path, const CsvFormat& format,
                                           std::size_t range_bytes);

// Reads ranges, keeping its buffers from one range to the next: one per thread.
class CsvRangeReader {
 public:
  CsvRangeReader() = default;
  ~CsvRangeReader();
  CsvRangeReader(const CsvRangeReader&) = delete;
  CsvRangeReader& operator=(const CsvRangeReader&) = delete;

  // Reads and decodes a range of the file at `path`, which `format` describes (from
  // RowReader::csv_format). `last`: the range ends the file. False when it cannot be read on its
  // own (see above).
  // `limits`: a record or cell past ReadLimits' limits (or a record of a megabyte or more) is
  // not read here; the range then does not stand on its own, and the streaming reader words
  // the error.
  bool load(const std::string& path, const CsvFormat& format, const CsvRange& range, bool last,
            const ReadLimits& limits = {});
  // Line breaks in the loaded text, plus one: as many as the records it holds unless some
  // end in a bare CR or hold a line break — a size to reserve for, not a count.
  std::size_t lines() const { return lines_; }
  // Calls on_record for every record of the loaded range, in order (the cells are views of the
  // loaded text). False when the range does not stand on its own; the records already handed out
  // are then not the file's.
  bool parse(const std::function<void(const CsvCells&)>& on_record);

 private:
  std::string path_;  // the file fd_ reads
  int fd_ = -1;
  CsvRecordParser parser_{','};
  bool last_ = false;
  std::size_t max_record_bytes_ = 0;
  std::size_t max_cell_bytes_ = 0;
  std::size_t max_row_bytes_ = 0;
  std::string raw_;   // the range's bytes
  std::string text_;  // … decoded
  std::size_t lines_ = 0;
  CsvCells row_;
};

}  // namespace baoxue::ingest
