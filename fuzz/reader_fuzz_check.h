// Invariants shared by the reader fuzz targets: whatever the bytes, a reader never crashes, hands
// out only valid UTF-8, numbers rows strictly upwards, and explains every failure.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "fuzz_check.h"
#include "ingest/encoding.h"
#include "ingest/row_reader.h"


namespace baoxue::ingest::fuzz {

inline void check_error(const Error& e) {
  FUZZ_CHECK(!e.code.empty());
  FUZZ_CHECK(!e.message.empty());
  FUZZ_CHECK(is_valid_utf8(e.message));
}

// Reads everything (up to a bound that keeps one input fast) and checks each row.
inline void drain(Result<std::unique_ptr<RowReader>>& opened) {
  if (!opened.ok()) {
    check_error(opened.error());
    return;
  }
  RowReader& reader = *opened.value();
  FUZZ_CHECK(is_valid_utf8(reader.description()));
  SheetRow row;
  long last = 0;
  for (long n = 0; n < 200000 && reader.next(row); ++n) {
    FUZZ_CHECK(row.number > last);
    last = row.number;
    for (const auto& cell : row.cells) FUZZ_CHECK(is_valid_utf8(cell));
  }
  if (!reader.status().ok()) check_error(reader.status().error());
}

}  // namespace baoxue::ingest::fuzz
