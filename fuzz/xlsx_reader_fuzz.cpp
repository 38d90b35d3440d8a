// Fuzz target: xlsx reading. An input starting with "PK" is taken as a whole file (seeds: the
// LibreOffice-made workbooks). Anything else is split at "\n--part--\n" into the sheet XML, the
// shared strings, the styles and the workbook XML, which are zipped into a valid package first:
// mutating a zip directly mostly breaks its checksums, so this is how the fuzzer reaches the XML
// parsing, merged cells, date styles and sheet selection.
#include <zip.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reader_fuzz_check.h"

namespace {

const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)";
const char* kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>)";

// Stored (uncompressed) zip of the given members, in memory.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  std::string out;
  if (src == nullptr) return out;
  zip_source_keep(src);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (za != nullptr) {
    for (const auto& [name, content] : parts) {
      zip_source_t* s = zip_source_buffer(za, content.data(), content.size(), 0);
      const zip_int64_t i = zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
      if (i < 0) {
        zip_source_free(s);
        continue;
      }
      zip_set_file_compression(za, static_cast<zip_uint64_t>(i), ZIP_CM_STORE, 0);
    }
    if (zip_close(za) != 0) zip_discard(za);
    if (zip_source_open(src) == 0) {
      char buf[4096];
      zip_int64_t n;
      while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
      zip_source_close(src);
    }
  }
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace baoxue::ingest;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.starts_with("PK")) {
    auto opened = open_table_bytes(input, "名单.xlsx", {});
    fuzz::drain(opened);
    ReadOptions other;
    other.sheet = "说明";
    auto second = open_table_bytes(input, "名单.xlsx", other);
    fuzz::drain(second);
    return 0;
  }
  std::vector<std::string> pieces;
  constexpr std::string_view kSep = "\n--part--\n";
  std::size_t start = 0;
  while (pieces.size() < 3) {
    const std::size_t at = input.find(kSep, start);
    if (at == std::string_view::npos) break;
    pieces.emplace_back(input.substr(start, at - start));
    start = at + kSep.size();
  }
  pieces.emplace_back(input.substr(start));
  pieces.resize(4);
  const std::string package = zip_parts({
      {"xl/workbook.xml", pieces[3].empty() ? kWorkbook : pieces[3]},
      {"xl/_rels/workbook.xml.rels", kRels},
      {"xl/worksheets/sheet1.xml", pieces[0]},
      {"xl/sharedStrings.xml", pieces[1]},
      {"xl/styles.xml", pieces[2]},
  });
  if (package.empty()) return 0;
  auto opened = open_table_bytes(package, "名单.xlsx", {});
  fuzz::drain(opened);
  return 0;
}
