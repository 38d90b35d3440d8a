// CSV/TSV reader: streamed, any of the encodings in encoding.h, delimiter detected.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.h"
#include "ingest/reader_util.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// Buffer sizes; the defaults suit production, tests shrink them to split multibyte characters
// and records across chunk boundaries.
struct CsvTuning {
  std::size_t chunk_size = 64 * 1024;   // bytes read from the source at a time
  std::size_t detect_size = 64 * 1024;  // prefix that decides the encoding and the delimiter
  std::size_t max_record_bytes = 16 * 1024 * 1024;  // one record longer than this is an error
};

// name: the file's name as the user knows it (for messages, and ".tsv" means tab-separated).
Result<std::unique_ptr<RowReader>> open_csv(std::unique_ptr<ByteSource> source,
                                            const std::string& name, const ReadOptions& options,
                                            const CsvTuning& tuning = {});

}  // namespace baoxue::ingest
