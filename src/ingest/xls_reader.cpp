#include "ingest/xls_reader.h"

#include <freexl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/reader_util.h"

namespace baoxue::ingest {
namespace {

Error password_protected(const std::string& name) {
  return make_error("file_password_protected",
                    quoted_file_name(name) +
                        "文件设置了打开密码：请在 Excel 中取消密码（文件→信息→保护工作簿）后另存为 "
                        ".xlsx 再导入");
}

Error xls_broken(const std::string& name) {
  return make_error("file_corrupt", quoted_file_name(name) +
                                        "是 .xls 文件，但已损坏或无法读取：请用 Excel 或 WPS "
                                        "打开后另存为 .xlsx 再导入；若打不开，请向发送方重新索取");
}

// ---- merged ranges: FreeXL does not report them, so read the MERGEDCELLS records ourselves ----
//
// Only what is needed: the compound file's FAT, the directory, the "Workbook" stream, its
// BOUNDSHEET records (sheet name -> offset of the sheet's records) and the sheet's MERGEDCELLS
// records. Every read is bounds-checked; on anything unexpected the merges are simply not known.

std::uint32_t le32(std::string_view b, std::size_t off) {
  if (off + 4 > b.size()) return 0xFFFFFFFFu;
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[off])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[off + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[off + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[off + 3])) << 24;
}
unsigned le16(std::string_view b, std::size_t off) {
  if (off + 2 > b.size()) return 0xFFFFu;
  return static_cast<unsigned>(static_cast<unsigned char>(b[off])) |
         static_cast<unsigned>(static_cast<unsigned char>(b[off + 1])) << 8;
}

class CompoundFile {
 public:
  explicit CompoundFile(std::string_view bytes) : b_(bytes) {
    const unsigned shift = le16(b_, 0x1E);
    if (shift != 9 && shift != 12) return;
    sector_ = std::size_t{1} << shift;
    mini_cutoff_ = le32(b_, 0x38);
    // FAT sectors: 109 listed in the header, the rest in the DIFAT chain.
    std::vector<std::uint32_t> fat_sectors;
    for (std::size_t i = 0; i < 109; ++i) {
      const std::uint32_t s = le32(b_, 0x4C + 4 * i);
      if (s >= 0xFFFFFFFAu) break;
      fat_sectors.push_back(s);
    }
    std::uint32_t difat = le32(b_, 0x44);
    for (std::size_t guard = 0; difat < 0xFFFFFFFAu && guard < 1000; ++guard) {
      const std::size_t base = offset(difat);
      for (std::size_t i = 0; i + 1 < sector_ / 4; ++i) {
        const std::uint32_t s = le32(b_, base + 4 * i);
        if (s < 0xFFFFFFFAu) fat_sectors.push_back(s);
      }
      difat = le32(b_, base + sector_ - 4);
    }
    for (const std::uint32_t s : fat_sectors) {
      const std::size_t base = offset(s);
      if (base + sector_ > b_.size()) return;
      for (std::size_t i = 0; i < sector_ / 4; ++i) fat_.push_back(le32(b_, base + 4 * i));
    }
    ok_ = true;
  }

  // The named stream's bytes (root storage only), empty if absent.
  std::string stream(std::u16string_view name) const {
    if (!ok_) return {};
    const std::string dir = chain(le32(b_, 0x30), fat_, sector_, [&](std::uint32_t s) {
      return std::string_view(b_).substr(std::min(offset(s), b_.size()), sector_);
    });
    std::string root;
    for (std::size_t e = 0; e + 128 <= dir.size(); e += 128) {
      const unsigned name_len = le16(dir, e + 64);
      const unsigned type = static_cast<unsigned char>(dir[e + 66]);
      const std::uint32_t start = le32(dir, e + 116);
      const std::uint32_t size = le32(dir, e + 120);
      if (type == 5) {  // root: its stream is the mini stream
        root = chain(start, fat_, sector_, [&](std::uint32_t s) {
          return std::string_view(b_).substr(std::min(offset(s), b_.size()), sector_);
        });
        continue;
      }
      if (type != 2 || name_len < 2 || name_len > 64 || name_len - 2 != name.size() * 2) continue;
      bool same = true;
      for (std::size_t i = 0; i < name.size() && same; ++i) same = le16(dir, e + 2 * i) == name[i];
      if (!same) continue;
      std::string data;
      if (size < mini_cutoff_) {
        // Small streams live in 64-byte mini sectors inside the root's stream.
        std::vector<std::uint32_t> mini_fat;
        const std::string mf = chain(le32(b_, 0x3C), fat_, sector_, [&](std::uint32_t s) {
          return std::string_view(b_).substr(std::min(offset(s), b_.size()), sector_);
        });
        for (std::size_t i = 0; i + 4 <= mf.size(); i += 4) mini_fat.push_back(le32(mf, i));
        data = chain(start, mini_fat, 64, [&](std::uint32_t s) {
          return std::string_view(root).substr(
              std::min<std::size_t>(std::size_t{s} * 64, root.size()), 64);
        });
      } else {
        data = chain(start, fat_, sector_, [&](std::uint32_t s) {
          return std::string_view(b_).substr(std::min(offset(s), b_.size()), sector_);
        });
      }
      if (data.size() > size) data.resize(size);
      return data;
    }
    return {};
  }

 private:
  std::size_t offset(std::uint32_t s) const { return (std::size_t{s} + 1) * sector_; }

  template <typename Read>
  static std::string chain(std::uint32_t start, const std::vector<std::uint32_t>& fat,
                           std::size_t unit, Read read) {
    std::string out;
    // A chain can be no longer than the table; a loop in a damaged file ends there.
    for (std::size_t n = 0; start < fat.size() && n <= fat.size(); ++n) {
      out.append(read(start));
      start = fat[start];
    }
    return out;
  }

  std::string_view b_;
  std::size_t sector_ = 512;
  std::uint32_t mini_cutoff_ = 4096;
  std::vector<std::uint32_t> fat_;
  bool ok_ = false;
};

// BIFF8 short Unicode string (BOUNDSHEET name) -> UTF-8.
std::string biff_sheet_name(std::string_view rec, std::size_t off) {
  if (off + 2 > rec.size()) return {};
  const unsigned cch = static_cast<unsigned char>(rec[off]);
  const bool wide = (static_cast<unsigned char>(rec[off + 1]) & 1) != 0;
  std::string out;
  for (unsigned i = 0; i < cch; ++i) {
    const std::size_t p = off + 2 + (wide ? 2 * i : i);
    if (p + (wide ? 2 : 1) > rec.size()) break;
    const char32_t cp = wide ? le16(rec, p) : static_cast<unsigned char>(rec[p]);
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      out += "\xEF\xBF\xBD";
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

class XlsReader final : public RowReader {
 public:
  XlsReader(const void* handle, std::string name) : handle_(handle), name_(std::move(name)) {}
  ~XlsReader() override { freexl_close(handle_); }

  Status init(const ReadOptions& options, std::string_view file_bytes) {
    unsigned int obfuscated = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_PASSWORD, &obfuscated) == FREEXL_OK &&
        obfuscated == FREEXL_BIFF_OBFUSCATED)
      return password_protected(name_);
    unsigned int count = 0;
    if (freexl_get_info(handle_, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
      return xls_broken(name_);
    std::vector<std::string> names;
    for (unsigned short i = 0; i < count; ++i) {
      const char* n = nullptr;
      if (freexl_get_worksheet_name(handle_, i, &n) != FREEXL_OK || n == nullptr) n = "";
      names.push_back(sanitize_utf8(n));
    }
    int chosen = 0;
    if (!options.sheet.empty()) {
      chosen = -1;
      for (std::size_t i = 0; i < names.size() && chosen < 0; ++i)
        if (names[i] == options.sheet) chosen = static_cast<int>(i);
      if (chosen < 0) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "“" : "、“") + n + "”";
        return make_error("sheet_not_found", quoted_file_name(name_) + "中没有名为“" +
                                                 options.sheet + "”的工作表；现有工作表：" + list +
                                                 "。请指定其中之一");
      }
    }
    sheet_name_ = names[chosen];
    if (freexl_select_active_worksheet(handle_, static_cast<unsigned short>(chosen)) != FREEXL_OK ||
        freexl_worksheet_dimensions(handle_, &rows_, &columns_) != FREEXL_OK)
      return xls_broken(name_);
    merges_ = xls_merged_ranges(file_bytes, sheet_name_);
    for (const XlsMergedRange& m : merges_) merge_values_.push_back(value_at(m.r1, m.c1));
    return {};
  }

  bool next(SheetRow& row) override {
    while (status_.ok() && next_row_ < rows_) {
      const unsigned int r = next_row_++;
      row.number = static_cast<long>(r) + 1;
      row.cells.clear();
      for (unsigned short c = 0; c < columns_; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(handle_, r, c, &v) != FREEXL_OK) {
          status_ = xls_broken(name_);
          return false;
        }
        std::string text = cell_text(v);
        if (text.empty()) continue;
        row.cells.resize(c + 1u);
        row.cells[c] = std::move(text);
      }
      // Merged ranges: every covered cell shows the top-left value, as in the xlsx reader.
      for (std::size_t i = 0; i < merges_.size() && merges_[i].r1 <= r; ++i) {
        const XlsMergedRange& m = merges_[i];
        if (r > m.r2 || merge_values_[i].empty()) continue;
        if (row.cells.size() <= m.c2) row.cells.resize(m.c2 + 1u);
        for (unsigned c = m.c1; c <= m.c2; ++c) row.cells[c] = merge_values_[i];
      }
      // FreeXL reports a full grid; rows with nothing in them are not rows of the list.
      if (!row.cells.empty()) return true;
    }
    return false;
  }

  Status status() const override { return status_; }
  std::string description() const override { return "xls，工作表“" + sheet_name_ + "”"; }
  std::string encoding() const override { return ""; }

 private:
  std::string value_at(unsigned r, unsigned c) const {
    if (r >= rows_ || c >= columns_) return {};
    FreeXL_CellValue v;
    if (freexl_get_cell_value(handle_, r, static_cast<unsigned short>(c), &v) != FREEXL_OK)
      return {};
    return cell_text(v);
  }

  static std::string cell_text(const FreeXL_CellValue& v) {
    switch (v.type) {
      case FREEXL_CELL_INT:
        return std::to_string(v.value.int_value);
      case FREEXL_CELL_DOUBLE:
        return format_xls_number(v.value.double_value);
      case FREEXL_CELL_TEXT:
      case FREEXL_CELL_SST_TEXT:
      case FREEXL_CELL_TIME:
        return v.value.text_value ? sanitize_utf8(v.value.text_value) : "";
      case FREEXL_CELL_DATE:
      case FREEXL_CELL_DATETIME: {
        const std::string t = v.value.text_value ? sanitize_utf8(v.value.text_value) : "";
        return t.substr(0, 10);  // YYYY-MM-DD; the time of day means nothing in a list
      }
      default:
        return "";
    }
  }

  const void* handle_;
  std::string name_;
  std::string sheet_name_;
  unsigned int rows_ = 0;
  unsigned short columns_ = 0;
  unsigned int next_row_ = 0;
  std::vector<XlsMergedRange> merges_;
  std::vector<std::string> merge_values_;
  Status status_;
};

}  // namespace

std::vector<XlsMergedRange> xls_merged_ranges(std::string_view file,
                                              const std::string& sheet_name) {
  std::vector<XlsMergedRange> merges;
  const CompoundFile cfb(file);
  std::string wb = cfb.stream(u"Workbook");
  if (wb.empty()) return merges;
  const std::string_view w(wb);
  auto for_records = [&](std::size_t pos, auto&& visit) {
    while (pos + 4 <= w.size()) {
      const unsigned type = le16(w, pos), len = le16(w, pos + 2);
      if (pos + 4 + len > w.size()) return;
      if (!visit(type, w.substr(pos + 4, len))) return;
      pos += 4 + len;
    }
  };
  std::size_t sheet_pos = 0;
  bool found = false;
  for_records(0, [&](unsigned type, std::string_view rec) {
    if (type == 0x0085 && rec.size() >= 8 && rec[5] == 0 && biff_sheet_name(rec, 6) == sheet_name &&
        !found) {
      sheet_pos = le32(rec, 0);
      found = true;
    }
    return type != 0x000A;  // EOF of the globals
  });
  if (!found || sheet_pos >= w.size()) return merges;
  bool first = true;
  for_records(sheet_pos, [&](unsigned type, std::string_view rec) {
    if (first && type != 0x0809) return false;  // must start at the sheet's BOF
    first = false;
    if (type == 0x00E5 && rec.size() >= 2) {
      const unsigned count = le16(rec, 0);
      for (unsigned i = 0; i < count && 2 + 8 * (i + 1) <= rec.size(); ++i) {
        const std::size_t p = 2 + 8 * i;
        XlsMergedRange m{le16(rec, p), le16(rec, p + 2), le16(rec, p + 4), le16(rec, p + 6)};
        if (m.r2 >= m.r1 && m.c2 >= m.c1 && (m.r2 > m.r1 || m.c2 > m.c1) &&
            (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1) <= 1000000u)
          merges.push_back(m);
      }
    }
    return type != 0x000A;
  });
  std::sort(merges.begin(), merges.end(),
            [](const XlsMergedRange& a, const XlsMergedRange& b) { return a.r1 < b.r1; });
  return merges;
}

std::string format_xls_number(double value) {
  char buf[64];
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
    if (std::string(buf) == "-0") return "0";
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", value);
  }
  return buf;
}

Result<std::unique_ptr<RowReader>> open_xls_file(const std::string& path, const std::string& name,
                                                 const ReadOptions& options) {
  const void* handle = nullptr;
  const int rc = freexl_open(path.c_str(), &handle);
  if (rc != FREEXL_OK) {
    freexl_close(handle);
    if (rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
      return make_error(
          "file_not_spreadsheet",
          quoted_file_name(name) +
              "是 Office 文件，但不是 Excel 工作簿（可能是 Word 文档）：请导入 .xlsx、"
              ".xls 或 .csv 名单");
    return xls_broken(name);
  }
  // The bytes again, for the merged ranges FreeXL does not report (an .xls is at most a few MB).
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  auto reader = std::make_unique<XlsReader>(handle, name);
  if (Status s = reader->init(options, bytes); !s.ok()) return s.error();
  return std::unique_ptr<RowReader>(std::move(reader));
}

}  // namespace baoxue::ingest
