// Helpers for the reader specifications: read everything, build files, convert test text.
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "ingest/row_reader.h"

namespace baoxue::ingest::testing {

using Rows = std::vector<SheetRow>;

inline std::string data_file(const std::string& name) {
  return std::string(BAOXUE_TEST_DATA_DIR) + "/" + name;
}

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Every row until the end; the reader's final status is left for the test to check.
inline Rows read_all(RowReader& reader) {
  Rows rows;
  SheetRow row;
  while (reader.next(row)) rows.push_back(row);
  return rows;
}

// Every row, and the reader must have ended cleanly.
inline Rows read_ok(RowReader& reader) {
  Rows rows = read_all(reader);
  EXPECT_TRUE(reader.status().ok()) << reader.status().error().message;
  return rows;
}

inline std::vector<std::string> cells(std::initializer_list<const char*> list) {
  return {list.begin(), list.end()};
}

inline std::string convert(const std::string& utf8, const char* to) {
  iconv_t cd = iconv_open(to, "UTF-8");
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  iconv(cd, &in, &in_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}
inline std::string to_gbk(const std::string& utf8) { return convert(utf8, "GBK"); }
inline std::string to_utf16le(const std::string& utf8) { return convert(utf8, "UTF-16LE"); }

// A scratch directory per test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("baoxue_reader_") + info->test_suite_name() + "_" + info->name() + "_" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  ~TempDir() { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

// An xlsx assembled from literal parts, for cases LibreOffice would not write on its own.
inline std::string make_zip(const std::string& path,
                            const std::map<std::string, std::string>& parts) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(za, nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
  }
  EXPECT_EQ(zip_close(za), 0);
  return read_bytes(path);
}

inline const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

inline std::string workbook_xml(const std::string& sheets, bool date1904 = false) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)") +
         (date1904 ? R"(<workbookPr date1904="1"/>)" : "<workbookPr/>") + "<sheets>" + sheets +
         "</sheets></workbook>";
}

inline std::string sheet_xml(const std::string& rows, const std::string& merges = "") {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E9"/><sheetData>)") +
         rows + "</sheetData>" + merges + "</worksheet>";
}

// Styles: xf 0 general, xf 1 built-in date (14), xf 2 custom 年月日 date, xf 3 a time, xf 4 "0.00".
inline const char* kStyles = R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="[$-F400]h:mm:ss\ AM/PM"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="2"/></cellXfs>
</styleSheet>)";

inline std::map<std::string, std::string> xlsx_parts(const std::string& sheet1,
                                                     const std::string& shared,
                                                     const std::string& sheets_xml,
                                                     const std::string& sheet2 = "",
                                                     bool date1904 = false) {
  std::map<std::string, std::string> parts = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml", workbook_xml(sheets_xml, date1904)},
      {"xl/_rels/workbook.xml.rels", kWorkbookRels},
      {"xl/styles.xml", kStyles},
      {"xl/worksheets/sheet1.xml", sheet1},
  };
  if (!shared.empty()) parts["xl/sharedStrings.xml"] = shared;
  if (!sheet2.empty()) parts["xl/worksheets/sheet2.xml"] = sheet2;
  return parts;
}

}  // namespace baoxue::ingest::testing
