// ReadLimits: how much one list file may make a reader hold, and how much work it may ask for.
//
// Uploads come from clerks' machines and from whatever system exported them; a damaged file or a
// crafted one (a 1 MB xlsx whose one cell inflates to a gigabyte, 52 million empty shared
// strings) must not take the server's memory. The readers stream what can be streamed — sheet XML
// is parsed as it is inflated, CSV text as it is decoded — and these limits bound what must be
// kept (the shared strings, one row, the merged ranges, FreeXL's in-memory workbook) and the work
// a file can ask for (bytes to inflate, rows, cells). They are checked while reading, before the
// memory is taken: a part is never inflated whole to be measured.
//
// A limit that is hit is an error, never a silent cut: its code (below) is stable, and its
// Chinese message names the file, the limit and its value, where it was hit (sheet, row, column
// when known) and what to do. Callers pass the limits in (ImportOptions::limits,
// PersonListOptions::limits, ReadOptions::limits). The defaults suit a county's real lists — a
// 500,000-row student list with 20 columns and shared strings (measured: 2 million distinct
// texts, 33 MB, 10 million cells, 430 MB of XML) uses about a third of each — and keep
// what one reader can be made to hold, whatever the file, under about 180 MB, so that an import
// (SQLite's 64 MiB page cache, the process itself) stays under 300 MB:
//   shared strings   8,000,000 × 4 B of index + 96 MiB of text        ≈ 133 MB
//   rows             the rows parsed ahead (2 MiB) and the 30 rows held while the header is
//                    looked for, each ≤ 256 KiB of text + 16,384 × 32 B of cells  ≈ 25 MB
//   merged ranges    1,000,000 × 16 B                                   = 16 MB
//   zip directory    20,000 entries × ~250 B (libzip)                   =  5 MB
//   xls (instead)    32 MiB of file read once; FreeXL's grid 4 Mi cells × 16 B = 64 MiB, and
//                    its strings, no more than the file holds
// Two imports at once hold twice that: a server that runs them side by side should queue them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace baoxue::ingest {

struct ReadLimits {
  // ---- every format ------------------------------------------------------------------------

  // The text of one cell, in UTF-8 bytes. Excel holds at most 32,767 characters in a cell, at
  // most 96 KiB in UTF-8 for Chinese text. Code cell_too_long.
  std::size_t max_cell_bytes = 128 * 1024;
  // The text of one row, its cells together. A merged range repeats its value into every cell it
  // covers, so a row can carry far more than the file spells out (a 100 KB value merged across
  // 16,384 columns would be 1.6 GB); a real row is a few hundred bytes, and two cells of
  // Excel's longest fit. Code row_too_long.
  std::size_t max_row_bytes = 256 * 1024;
  // Columns of one row: Excel's own limit (XFD). A CSV line of a million commas is a million
  // cells of 32 bytes each before it is anything else. Code too_many_columns.
  std::size_t max_columns = 16384;
  // Rows (CSV: records, blank ones included). Spreadsheets cannot go past 1,048,576 (xlsx) or
  // 65,536 (xls) rows anyway; for CSV this bounds the work and the database space a file can ask
  // for, and what import's per-row checks hold (a duplicate row costs 24 bytes until the batch
  // is checked). The largest county has about 2.5 million people; a registry of all of them
  // fits twice. File-mode matching, which reads whole registries on the command line, allows
  // more (match_list.h). Code too_many_rows.
  long max_rows = 5'000'000;
  // Cells of an xlsx sheet, every <c> element counted, empty ones included: they cost parsing
  // and nothing else, so this bounds time. 500,000 rows × 20 columns is 10 million; a full
  // 1,048,576-row sheet of 20 columns passes. Code too_many_cells.
  std::uint64_t max_cells = 30'000'000;

  // ---- CSV / TSV ---------------------------------------------------------------------------

  // One record, in UTF-8 bytes after decoding (a quoted cell may span lines; the record is what
  // counts). A real row is under 1 KB; a record must be held whole to be parsed. Code
  // line_too_long.
  std::size_t max_line_bytes = 1024 * 1024;

  // ---- xlsx --------------------------------------------------------------------------------

  // Bytes inflated from the workbook's parts, all parts together, each part counted once (the
  // sheet is read twice, the merged ranges first). Inflating streams, so this bounds time, not
  // memory: a 500,000 × 20 sheet is about 0.7 GB of XML. Code file_too_large_decompressed.
  std::uint64_t max_decompressed_bytes = 3ull << 30;
  // Shared strings are held in memory, because cells refer to them in any order: 4 bytes of
  // index each plus their text (at most 4 GiB − 1 in all: 32-bit offsets). A 500,000-row list
  // has 2 to 4 million distinct texts (ID numbers, 学籍号, names, addresses, phones), 35 to
  // 60 MB. Codes too_many_shared_strings, shared_strings_too_large.
  std::size_t max_shared_strings = 8'000'000;
  std::size_t max_shared_string_bytes = 96u << 20;
  // Parts in the xlsx zip: libzip reads the whole central directory when it opens a file, some
  // 250 bytes an entry, so a 500 MB upload of empty entries would take gigabytes. A workbook has
  // a few dozen parts, one with many sheets and pictures a few thousand. Code
  // too_many_zip_entries.
  std::size_t max_zip_entries = 20'000;
  // Merged ranges of the sheet, 16 bytes each while it is read. A list whose every household
  // spans merged cells has a few per household. Code too_many_merged_ranges.
  std::size_t max_merged_ranges = 1'000'000;

  // ---- xls (read by FreeXL, which loads the whole workbook when it opens it) ----------------

  // The file itself: FreeXL keeps every text of every sheet, and the merged ranges are read from
  // the file's bytes. A 65,536-row sheet of registry data is about 20 MB. Code file_too_large.
  std::uint64_t max_xls_file_bytes = 32u << 20;
  // FreeXL allocates and fills a 16-byte cell for every row × column of every sheet's stated
  // dimensions, whether the cells exist or not: 4 Mi cells is 64 MiB, 65,536 rows × 64 columns.
  // Code too_many_cells.
  std::uint64_t max_xls_grid_cells = 4u << 20;
};

}  // namespace baoxue::ingest
