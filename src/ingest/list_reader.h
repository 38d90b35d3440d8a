// ListReader: a list file as its data rows. Opens the file, finds the header below any title
// rows, checks that the header names what the list kind needs, and then hands out the non-blank
// rows below the header. Import and file-mode matching both read lists through it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/csv_reader.h"
#include "ingest/header.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest {

// A row with nothing but spaces in it: below the header, not a data row.
bool is_blank_row(const SheetRow& row);
bool is_blank_row(const CsvCells& row);

class ListReader {
 public:
  // Errors: those of open_table, no_header, missing_columns — all "the file cannot be used".
  static Result<std::unique_ptr<ListReader>> open(const std::string& path, const std::string& kind,
                                                  const ReadOptions& options);

  const Header& header() const { return header_; }
  std::string description() const { return reader_->description(); }
  std::string encoding() const { return reader_->encoding(); }
  const CsvFormat* csv_format() const { return reader_->csv_format(); }

  // The next non-blank row below the header; false at the end or on an error (see status()).
  bool next(SheetRow& row);
  Status status() const { return reader_->status(); }

 private:
  ListReader(std::unique_ptr<RowReader> reader, Header header, std::vector<SheetRow> buffered)
      : reader_(std::move(reader)), header_(std::move(header)), buffered_(std::move(buffered)) {}
  std::unique_ptr<RowReader> reader_;
  Header header_;
  std::vector<SheetRow> buffered_;  // rows read while looking for the header
  size_t next_buffered_ = 0;
};

}  // namespace baoxue::ingest
