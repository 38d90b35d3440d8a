// CSV/TSV reader: streamed, any of the encodings in encoding.h, delimiter detected.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "ingest/reader_util.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// Buffer sizes; the defaults suit production, tests shrink them to split multibyte characters
// and records across chunk boundaries. How long a record may be is a limit
// (ReadOptions::limits.max_line_bytes), not tuning.
struct CsvTuning {
  std::size_t chunk_size = 64 * 1024;   // bytes read from the source at a time
  std::size_t detect_size = 64 * 1024;  // prefix that decides the encoding and the delimiter
};

// What a CSV file is, decided from its first bytes (CsvTuning::detect_size of them): the
// encoding (a BOM, UTF-16 without one, UTF-8, else GB18030; or as forced by ReadOptions), and
// the delimiter (tab for .tsv and UTF-16, else the one the first lines use most).
struct CsvFormat {
  std::string encoding;        // canonical (encoding.h): "utf-8", "gb18030", "utf-16le", …
  std::size_t bom_length = 0;  // bytes at the start that are not text
  char delimiter = ',';
  std::string kind = "csv";  // "csv", "tsv" or "txt", for descriptions
};

// `prefix`: the file's first bytes; `at_eof`: they are the whole file. Errors: encoding_unknown.
Result<CsvFormat> detect_csv_format(std::string_view prefix, bool at_eof, const std::string& name,
                                    const ReadOptions& options);

// One record at a time from decoded text: RFC 4180, leniently — a quote inside an unquoted cell
// is text, text after a closing quote is kept, a line without anything on it is a record without
// cells. The streaming reader and the range reader (csv_ranges.h) share it, so a file is split
// into the same records whichever reads it.
// A record as views of the text it was parsed from, for readers that look at each record once
// and keep nothing of it: no cell is copied unless quotes had to be undone in it. The views are
// valid until the next parse into the same CsvCells, and while the text lives.
class CsvCells {
 public:
  std::size_t size() const { return cells_.size(); }
  std::string_view operator[](std::size_t i) const { return cells_[i]; }
  const std::vector<std::string_view>& cells() const { return cells_; }

 private:
  friend class CsvCellsBuilder;  // csv_reader.cpp
  std::vector<std::string_view> cells_;
  std::string scratch_;                                      // cells put together from pieces
  std::vector<std::pair<std::size_t, std::size_t>> pieced_;  // (cell, offset in scratch_)
};

class CsvRecordParser {
 public:
  enum class Parse {
    kRecord,        // `row` holds the record; `pos` is past it
    kNeedMore,      // the record may go on past the end of `text` (only when !eof)
    kEnd,           // nothing left (only when eof)
    kUnterminated,  // a quote opened and never closed before the end (only when eof)
    kTooManyCells,  // the record has more than max_cells cells (`pos` does not move)
  };
  // max_cells: a record with more cells is refused as soon as the parser gets there, before it
  // has built them (a line of a million commas would be a million cells).
  explicit CsvRecordParser(char delimiter, std::size_t max_cells = SIZE_MAX);
  // Parses the record at text[pos]. `eof`: nothing follows `text`. `pos` moves only on kRecord.
  Parse parse(std::string_view text, std::size_t& pos, bool eof, SheetRow& row) const;
  // The same record, as views.
  Parse parse(std::string_view text, std::size_t& pos, bool eof, CsvCells& row) const;
  char delimiter() const { return delimiter_; }

 private:
  template <typename Cells>
  Parse parse_into(std::string_view text, std::size_t& pos, bool eof, Cells& cells) const;

  char delimiter_;
  std::size_t max_cells_;
  std::array<bool, 256> special_{};
};

// name: the file's name as the user knows it (for messages, and ".tsv" means tab-separated).
Result<std::unique_ptr<RowReader>> open_csv(std::unique_ptr<ByteSource> source,
                                            const std::string& name, const ReadOptions& options,
                                            const CsvTuning& tuning = {});

}  // namespace baoxue::ingest
