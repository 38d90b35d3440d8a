#include "ingest/list_reader.h"

#include "ingest/fields.h"
#include "ingest/row_checker.h"

namespace baoxue::ingest {

bool is_blank_row(const SheetRow& r) {
  for (const auto& c : r.cells)
    if (!trim_view(c).empty()) return false;
  return true;
}

bool is_blank_row(const CsvCells& r) {
  for (std::string_view c : r.cells())
    if (!trim_view(c).empty()) return false;
  return true;
}

Result<std::unique_ptr<ListReader>> ListReader::open(const std::string& path,
                                                     const std::string& kind,
                                                     const ReadOptions& options) {
  auto reader = open_table(path, options);
  if (!reader) return reader.error();
  // The header is among the first rows; rows above it are titles and notes.
  std::vector<SheetRow> top;
  SheetRow row;
  while (top.size() < static_cast<size_t>(kHeaderSearchRows) && reader.value()->next(row))
    top.push_back(row);
  if (Status st = reader.value()->status(); !st) return st.error();
  auto header = find_header(top);
  if (!header) {
    return make_error(
        "no_header",
        "在文件 " + path + " 的前 " + std::to_string(kHeaderSearchRows) +
            " 行中没有找到表头（如“姓名”“身份证号”“出生日期”）：请确认表头行存在，且列名写法常见");
  }
  if (Status cols = check_required_columns(kind, *header, path); !cols) return cols.error();
  std::vector<SheetRow> below;
  for (SheetRow& r : top)
    if (r.number > header->row_number) below.push_back(std::move(r));
  return std::unique_ptr<ListReader>(
      new ListReader(std::move(reader.value()), std::move(*header), std::move(below)));
}

bool ListReader::next(SheetRow& row) {
  while (next_buffered_ < buffered_.size()) {
    row = buffered_[next_buffered_++];
    if (!is_blank_row(row)) return true;
  }
  while (reader_->next(row))
    if (!is_blank_row(row)) return true;
  return false;
}

}  // namespace baoxue::ingest
