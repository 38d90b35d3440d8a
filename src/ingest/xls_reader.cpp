#include "ingest/xls_reader.h"

#include <freexl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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

Error not_a_workbook(const std::string& name) {
  return make_error("file_not_spreadsheet",
                    quoted_file_name(name) +
                        "是 Office 文件，但不是 Excel 工作簿（可能是 Word 文档）：请导入 .xlsx、"
                        ".xls 或 .csv 名单");
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

  // Whether the header and the FAT could be read.
  bool ok() const { return ok_; }

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

// What the reader learns of an .xls from its bytes before FreeXL opens it: what FreeXL will
// allocate, and the merged ranges FreeXL does not report.
struct XlsOutline {
  bool compound = false;  // the compound file's header and FAT could be read
  bool ok = false;        // the workbook stream was found and walked
  // Cells FreeXL will allocate (16 bytes each, filled in at once), an upper bound: every
  // DIMENSION record of every substream, and for a sheet without one the largest grid of the
  // workbook (FreeXL sizes it from the cells it meets, and fills it in for the active sheet).
  std::uint64_t grid_cells = 0;
  std::uint64_t shared_strings = 0;                           // what the SST record announces
  std::map<std::string, std::vector<XlsMergedRange>> merges;  // by sheet name
  std::uint64_t merge_count = 0;                              // all sheets', before the cap
};

class XlsReader final : public RowReader {
 public:
  XlsReader(const void* handle, std::string name, const ReadLimits& limits)
      : handle_(handle), name_(std::move(name)), limits_(limits) {}
  ~XlsReader() override { freexl_close(handle_); }

  Status init(const ReadOptions& options, XlsOutline& outline) {
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
    if (columns_ > limits_.max_columns)
      return limit_error("too_many_columns", name_, "工作表“" + sheet_name_ + "”", "列数",
                         format_count(limits_.max_columns) + " 列（列数上限）");
    if (rows_ > static_cast<std::uint64_t>(std::max(limits_.max_rows, 0L)))
      return limit_error(
          "too_many_rows", name_, "工作表“" + sheet_name_ + "”", "行数",
          format_count(static_cast<std::uint64_t>(limits_.max_rows)) + " 行（行数上限）");
    merges_ = std::move(outline.merges[sheet_name_]);
    return {};
  }

  bool next(SheetRow& row) override {
    while (status_.ok() && next_row_ < rows_) {
      const unsigned int r = next_row_++;
      row.number = static_cast<long>(r) + 1;
      row.cells.clear();
      std::size_t bytes = 0;
      for (unsigned short c = 0; c < columns_; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(handle_, r, c, &v) != FREEXL_OK) {
          status_ = xls_broken(name_);
          return false;
        }
        std::string text = cell_text(v);
        if (text.empty()) continue;
        if (!set_cell(row, c, text, bytes)) return false;
      }
      // Merged ranges: every covered cell shows the top-left value, as in the xlsx reader.
      while (next_merge_ < merges_.size() && merges_[next_merge_].r1 <= r) {
        const XlsMergedRange& m = merges_[next_merge_];
        std::string value = value_at(m.r1, m.c1);
        if (!value.empty()) {
          active_bytes_ += value.size();
          // Merges that do not overlap put their values in this row: together they are row text.
          if (active_bytes_ > limits_.max_row_bytes) return row_too_long(row.number);
          active_.push_back({next_merge_, std::move(value)});
        }
        ++next_merge_;
      }
      for (const Active& a : active_) {
        const XlsMergedRange& m = merges_[a.index];
        if (r < m.r1 || r > m.r2) continue;
        for (unsigned c = m.c1; c <= m.c2; ++c)
          if (!set_cell(row, c, a.value, bytes)) return false;
      }
      std::erase_if(active_, [&](const Active& a) {
        if (merges_[a.index].r2 > r) return false;
        active_bytes_ -= a.value.size();
        return true;
      });
      // FreeXL reports a full grid; rows with nothing in them are not rows of the list.
      if (!row.cells.empty()) return true;
    }
    return false;
  }

  Status status() const override { return status_; }
  std::string description() const override { return "xls，工作表“" + sheet_name_ + "”"; }
  std::string encoding() const override { return ""; }

 private:
  struct Active {
    std::size_t index;  // into merges_
    std::string value;  // the top-left cell's text
  };

  std::string where(long row, unsigned col) const {
    return "工作表“" + sheet_name_ + "”第 " + format_count(static_cast<std::uint64_t>(row)) +
           " 行 " + column_name(col) + " 列";
  }
  bool row_too_long(long row) {
    status_ = limit_error(
        "row_too_long", name_,
        "工作表“" + sheet_name_ + "”第 " + format_count(static_cast<std::uint64_t>(row)) + " 行",
        "一行的文字合计（含合并单元格重复的内容）",
        format_bytes(limits_.max_row_bytes) + "（每行文字上限）");
    return false;
  }
  // Sets a cell of `row`, whose text so far is `bytes`; false (status_ set) past a limit.
  bool set_cell(SheetRow& row, unsigned col, std::string_view text, std::size_t& bytes) {
    if (text.size() > limits_.max_cell_bytes) {
      status_ = limit_error("cell_too_long", name_, where(row.number, col), "单元格文字",
                            format_bytes(limits_.max_cell_bytes) + "（单元格文字上限）");
      return false;
    }
    const std::size_t old = col < row.cells.size() ? row.cells[col].size() : 0;
    if (bytes - old + text.size() > limits_.max_row_bytes) return row_too_long(row.number);
    if (row.cells.size() <= col) row.cells.resize(col + 1u);
    row.cells[col].assign(text);
    bytes = bytes - old + text.size();
    return true;
  }

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
  ReadLimits limits_;
  std::string sheet_name_;
  unsigned int rows_ = 0;
  unsigned short columns_ = 0;
  unsigned int next_row_ = 0;
  std::vector<XlsMergedRange> merges_;  // sorted by first row
  std::size_t next_merge_ = 0;
  std::vector<Active> active_;
  std::size_t active_bytes_ = 0;
  Status status_;
};

// The workbook stream of a compound file: "Workbook" (BIFF8), or "Book" (BIFF5), as FreeXL
// looks for them.
std::string workbook_stream(const CompoundFile& cfb) {
  std::string wb = cfb.stream(u"Workbook");
  if (wb.empty()) wb = cfb.stream(u"Book");
  return wb;
}

// Calls visit(type, record) for the BIFF records from `pos` on, until it returns false or the
// stream ends.
template <typename Visit>
void for_records(std::string_view w, std::size_t pos, Visit&& visit) {
  while (pos + 4 <= w.size()) {
    const unsigned type = le16(w, pos), len = le16(w, pos + 2);
    if (pos + 4 + len > w.size()) return;
    if (!visit(pos, type, w.substr(pos + 4, len))) return;
    pos += 4 + len;
  }
}

XlsOutline outline_xls(std::string_view file, std::size_t max_merges) {
  XlsOutline out;
  const CompoundFile cfb(file);
  out.compound = cfb.ok();
  const std::string wb = workbook_stream(cfb);
  if (wb.empty()) return out;
  const std::string_view w(wb);
  out.ok = true;
  // BIFF8 or BIFF5, from the first BOF (FreeXL's rule); the DIMENSION record differs.
  const bool biff8 = w.size() >= 6 && le16(w, 0) == 0x0809 && le16(w, 4) == 0x0600;
  std::map<std::uint32_t, std::string> sheet_at;  // BOUNDSHEET: substream offset -> name
  struct Sub {
    bool dimension = false;
    std::uint64_t max_row = 0, max_col = 0;
  };
  Sub sub;
  std::uint64_t largest = 1;
  std::set<std::uint32_t> declared;  // substreams (by offset) with a DIMENSION record
  std::uint32_t sub_at = 0;
  std::string sheet;  // the substream's sheet, if it is one
  auto close_sub = [&] {
    if (sub.dimension) declared.insert(sub_at);
    // FreeXL sizes a sheet without one from its cells, one more row and column than the largest.
    largest = std::max(largest, (sub.max_row + 2) * (sub.max_col + 2));
  };
  bool in_sub = false;
  for_records(w, 0, [&](std::size_t pos, unsigned type, std::string_view rec) {
    switch (type) {
      case 0x0809:  // BOF
        if (in_sub) close_sub();
        in_sub = true;
        sub = {};
        sub_at = static_cast<std::uint32_t>(pos);
        if (const auto it = sheet_at.find(static_cast<std::uint32_t>(pos)); it != sheet_at.end())
          sheet = it->second;
        else
          sheet.clear();
        break;
      case 0x000A:  // EOF
        if (in_sub) close_sub();
        in_sub = false;
        break;
      case 0x0085:  // BOUNDSHEET
        if (rec.size() >= 8 && rec[5] == 0) sheet_at[le32(rec, 0)] = biff_sheet_name(rec, 6);
        break;
      case 0x00FC:  // SST
        if (rec.size() >= 8)
          out.shared_strings = std::max<std::uint64_t>(out.shared_strings, le32(rec, 4));
        break;
      case 0x0200: {  // DIMENSION
        std::uint64_t rows = 0, cols = 0;
        if (biff8 && rec.size() >= 12) {
          rows = le32(rec, 4);
          cols = le16(rec, 10);
        } else if (rec.size() >= 8) {
          rows = le16(rec, 2);
          cols = le16(rec, 6);
        }
        sub.dimension = true;
        out.grid_cells += rows * cols;
        largest = std::max(largest, rows * cols);
        break;
      }
      case 0x0006:
      case 0x00D6:
      case 0x00FD:
      case 0x0201:  // FORMULA, RSTRING, LABELSST, BLANK
      case 0x0203:
      case 0x0204:
      case 0x0205:
      case 0x027E:  // NUMBER, LABEL, BOOLERR, RK
      case 0x00BD:
      case 0x00BE:  // MULRK, MULBLANK
        if (rec.size() >= 4) {
          sub.max_row = std::max<std::uint64_t>(sub.max_row, le16(rec, 0));
          std::uint64_t col = le16(rec, 2);
          if ((type == 0x00BD || type == 0x00BE) && rec.size() >= 6)
            col = std::max<std::uint64_t>(col, le16(rec, rec.size() - 2));
          sub.max_col = std::max(sub.max_col, col);
        }
        break;
      case 0x00E5:  // MERGEDCELLS
        if (!sheet.empty() && rec.size() >= 2) {
          const unsigned count = le16(rec, 0);
          for (unsigned i = 0; i < count && 2 + 8 * (i + 1) <= rec.size(); ++i) {
            const std::size_t p = 2 + 8 * i;
            XlsMergedRange m{le16(rec, p), le16(rec, p + 2), le16(rec, p + 4), le16(rec, p + 6)};
            if (m.r2 >= m.r1 && m.c2 >= m.c1 && (m.r2 > m.r1 || m.c2 > m.c1) &&
                (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1) <= 1000000u) {
              if (++out.merge_count <= max_merges) out.merges[sheet].push_back(m);
            }
          }
        }
        break;
      default:
        break;
    }
    return true;
  });
  if (in_sub) close_sub();
  // Each sheet without a DIMENSION gets a grid at the end of FreeXL's first pass, sized from
  // whichever sheet is active then: at most the largest of them all.
  for (const auto& [at, name] : sheet_at)
    if (declared.count(at) == 0) out.grid_cells += largest;
  for (auto& [name, ranges] : out.merges)
    std::sort(ranges.begin(), ranges.end(),
              [](const XlsMergedRange& a, const XlsMergedRange& b) { return a.r1 < b.r1; });
  return out;
}

}  // namespace

std::vector<XlsMergedRange> xls_merged_ranges(std::string_view file,
                                              const std::string& sheet_name) {
  XlsOutline outline = outline_xls(file, SIZE_MAX);
  return std::move(outline.merges[sheet_name]);
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
  const ReadLimits& limits = options.limits;
  // FreeXL holds the whole workbook once it is open, and fills in a cell for every row × column
  // each sheet claims: what it will take is checked from the file's bytes first.
  std::error_code ec;
  const std::uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return xls_broken(name);
  if (size > limits.max_xls_file_bytes)
    return limit_error("file_too_large", name, "", "这个 .xls 文件（" + format_bytes(size) + "）",
                       format_bytes(limits.max_xls_file_bytes) +
                           "（.xls 文件大小上限：旧版 Excel 文件要整个读入内存；用 Excel 或 WPS "
                           "另存为 .xlsx 后没有这个限制）");
  XlsOutline outline;
  {
    // Read at its known size: no buffer grows past it on the way.
    std::ifstream in(path, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    outline = outline_xls(bytes, limits.max_merged_ranges);
  }
  // A workbook stream that cannot be found is one whose cost cannot be known: FreeXL is not
  // asked to open it.
  if (!outline.ok) return outline.compound ? not_a_workbook(name) : xls_broken(name);
  if (outline.grid_cells > limits.max_xls_grid_cells)
    return limit_error(
        "too_many_cells", name, "",
        "各工作表声明的单元格范围合计（" + format_count(outline.grid_cells) + " 格）",
        format_count(limits.max_xls_grid_cells) +
            " 格（.xls 单元格上限：读取时每格都占内存；另存为 .xlsx 后只计有内容的"
            "单元格）");
  // FreeXL gives up past 1,048,576 shared strings itself; the lower of the two is the limit.
  const std::uint64_t max_strings =
      std::min<std::uint64_t>(limits.max_shared_strings, std::uint64_t{1} << 20);
  if (outline.shared_strings > max_strings)
    return limit_error("too_many_shared_strings", name, "", "共享字符串表的条目数",
                       format_count(max_strings) + " 个（共享字符串数上限）");
  if (outline.merge_count > limits.max_merged_ranges)
    return limit_error("too_many_merged_ranges", name, "", "合并单元格的数目",
                       format_count(limits.max_merged_ranges) + " 处（合并单元格上限）");

  const void* handle = nullptr;
  const int rc = freexl_open(path.c_str(), &handle);
  if (rc != FREEXL_OK) {
    freexl_close(handle);
    return rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND ? not_a_workbook(name) : xls_broken(name);
  }
  auto reader = std::make_unique<XlsReader>(handle, name, limits);
  if (Status s = reader->init(options, outline); !s.ok()) return s.error();
  return std::unique_ptr<RowReader>(std::move(reader));
}

}  // namespace baoxue::ingest
