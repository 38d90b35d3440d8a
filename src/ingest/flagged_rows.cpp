#include "ingest/flagged_rows.h"

#include <filesystem>

#include "ingest/fields.h"
#include "ingest/header.h"
#include "ingest/list_reader.h"
#include "ingest/table_writer.h"

namespace baoxue::ingest {

std::string flagged_rows_path(const std::string& input, long flagged) {
  const std::filesystem::path p(input);
  const char* ext = flagged + 2 >= 1048576 ? ".csv" : ".xlsx";
  return (p.parent_path() / (p.stem().string() + "_问题行" + ext)).string();
}

Status write_flagged_rows(const std::string& input, const std::string& kind,
                          const ReadOptions& options, const std::map<long, std::string>& flagged,
                          const std::string& report) {
  auto opened = ListReader::open(input, kind, options);
  if (!opened) return opened.error();
  ListReader& lr = *opened.value();
  std::vector<std::string> header = lr.header().cells;
  std::size_t problems_at = header.size();
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == kProblemsColumn) problems_at = i;
  if (problems_at == header.size()) header.push_back(kProblemsColumn);
  auto format = table_format_for(report, "utf-8-bom");
  if (!format) return format.error();
  auto writer = TableWriter::open(report, *format, "问题行",
                                  "以下各行未导入：请按“问题说明”修改后，直接导入本文件", header);
  if (!writer) return writer.error();
  SheetRow row;
  while (lr.next(row)) {
    auto it = flagged.find(row.number);
    if (it == flagged.end()) continue;
    row.cells.resize(header.size());
    row.cells[problems_at] = it->second;
    if (Status st = writer.value()->add_row(row.cells); !st) return st;
  }
  if (Status st = lr.status(); !st) return st;
  return writer.value()->close();
}

Result<std::unique_ptr<ListReader>> open_checked(const std::string& path, const std::string& kind,
                                                 const ReadOptions& options,
                                                 const std::string& table,
                                                 const std::string& columns, CheckedRows& out) {
  auto opened = ListReader::open(path, kind, options);
  if (!opened) {
    if (opened.error().code == "no_header")
      return make_error("no_header", "在文件 " + path + " 的前 " +
                                         std::to_string(kHeaderSearchRows) + " 行中没有找到" +
                                         table + "的表头：表头应有 " + columns + " 这几列");
    return opened.error();
  }
  const Header& header = opened.value()->header();
  out.format = opened.value()->description();
  out.header_row = header.row_number;
  for (std::size_t i = 0; i < header.cells.size(); ++i)
    out.columns.push_back(
        {header.cells[i], header.fields[i] == Field::kExtra ? "" : field_label(header.fields[i])});
  return opened;
}

nlohmann::json checked_rows_json(const std::string& kind, const CheckedRows& r) {
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& [row, problem] : r.problems)
    problems.push_back({{"row", row}, {"problem", problem}});
  const char* outcome = r.rows > 0 && r.accepted == 0 ? "all_rejected"
                        : r.flagged > 0               ? "partly_rejected"
                                                      : "ok";
  return {{"kind", kind},          {"outcome", outcome},
          {"format", r.format},    {"header_row", r.header_row},
          {"rows", r.rows},        {"accepted", r.accepted},
          {"rejected", r.flagged}, {"problems", problems}};
}

}  // namespace baoxue::ingest
