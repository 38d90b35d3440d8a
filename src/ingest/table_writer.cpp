#include "ingest/table_writer.h"

#include <iconv.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace baoxue::ingest {
namespace {

// Excel's own limits; libxlsxwriter enforces them too, but checking first keeps rows atomic.
constexpr std::uint32_t kXlsxMaxRows = 1048576;
constexpr std::size_t kXlsxMaxCols = 16384;
constexpr std::size_t kXlsxMaxCellUtf16 = 32767;
constexpr std::size_t kSheetNameMaxUtf16 = 31;

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string errno_text(int err) { return std::generic_category().message(err); }

// Decodes one UTF-8 sequence at s[i]; strict (no overlong forms, no surrogates, <= U+10FFFF).
// Returns the sequence length, or 0 if the bytes there are not valid UTF-8.
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, min = 0x80, *cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, min = 0x800, *cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, *cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b & 0x3F);
  }
  if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF)) return 0;
  return len;
}

struct TextScan {
  bool valid = true;
  std::size_t bad_offset = 0;  // first invalid byte when !valid
  bool has_nul = false;
  std::size_t utf16_units = 0;
  std::size_t display_width = 0;  // CJK counts 2, for column widths
};

TextScan scan_text(std::string_view s) {
  TextScan r;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(s, i, &cp);
    if (n == 0) {
      r.valid = false;
      r.bad_offset = i;
      return r;
    }
    if (cp == 0) r.has_nul = true;
    r.utf16_units += cp >= 0x10000 ? 2 : 1;
    r.display_width += cp >= 0x1100 ? 2 : 1;
    i += n;
  }
  return r;
}

std::string column_letters(std::size_t col) {  // 0 -> "A", 26 -> "AA"
  std::string s;
  for (std::size_t n = col + 1; n > 0; n = (n - 1) / 26)
    s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

// Excel forbids []:*?/\ in sheet names and a leading or trailing apostrophe, and allows 31
// characters (counted in UTF-16). Input is valid UTF-8 here.
std::string sanitize_sheet_name(std::string_view in) {
  std::string out;
  std::size_t units = 0;
  for (std::size_t i = 0; i < in.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(in, i, &cp);
    const std::string_view piece = in.substr(i, n);
    i += n;
    if (cp < 0x20 || std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos)
      continue;
    const std::size_t w = cp >= 0x10000 ? 2 : 1;
    if (units + w > kSheetNameMaxUtf16) break;
    units += w;
    out.append(piece);
  }
  while (!out.empty() && out.front() == '\'') out.erase(out.begin());
  while (!out.empty() && out.back() == '\'') out.pop_back();
  return out.empty() ? "Sheet1" : out;
}

}  // namespace

// Where a row sits in the file, for error messages a clerk can act on.
struct RowRef {
  const std::string& path;
  const std::vector<std::string>& header;
  int row;  // 1-based, counting title and header rows as Excel shows them
  bool is_title;

  std::string cell(std::size_t col) const {
    if (is_title) return "文件 " + path + " 第 " + std::to_string(row) + " 行（标题）";
    std::string s = "文件 " + path + " 第 " + std::to_string(row) + " 行第 " +
                    std::to_string(col + 1) + " 列（" + column_letters(col) + " 列";
    if (col < header.size() && !header[col].empty()) s += "“" + header[col] + "”";
    return s + "）";
  }
};

struct TableWriter::Sink {
  virtual ~Sink() = default;
  virtual Status write_title(const std::string& title, std::size_t header_cols,
                             const RowRef& ref) = 0;
  // Cells are valid UTF-8 without NUL. header: bold, and rows above it stay in view.
  virtual Status write_row(const std::vector<std::string>& cells, bool header,
                           const RowRef& ref) = 0;
  // Rows already formatted as CSV (append_csv_row), for UTF-8 CSV sinks.
  virtual Status write_csv_text(std::string_view text) = 0;
  virtual Status close() = 0;
};

namespace {

Error create_failed(const std::string& path, int err) {
  return make_error("table_create_failed",
                    "无法创建文件 " + path + "（" + errno_text(err) +
                        "）：请确认目录存在、有写入权限且文件未被 Excel 等程序占用");
}

Error csv_only(const std::string& path) {
  return make_error("table_format_unsupported",
                    "按 CSV 格式整段写入只适用于逗号分隔的 UTF-8 CSV 文件，无法写入 " + path);
}

// RFC 4180, plus leading/trailing blanks: Excel and many importers trim unquoted ones.
void append_csv_cell(std::string& line, std::string_view cell, char sep) {
  const bool quote =
      std::any_of(cell.begin(), cell.end(),
                  [&](char c) { return c == sep || c == '"' || c == '\r' || c == '\n'; }) ||
      (!cell.empty() &&
       (cell.front() == ' ' || cell.back() == ' ' || cell.front() == '\t' || cell.back() == '\t'));
  if (!quote) {
    line.append(cell);
    return;
  }
  line.push_back('"');
  for (char ch : cell) {
    if (ch == '"') line.push_back('"');
    line.push_back(ch);
  }
  line.push_back('"');
}

class XlsxSink final : public TableWriter::Sink {
 public:
  static Result<std::unique_ptr<TableWriter::Sink>> create(const std::string& path,
                                                           const std::string& sheet_name) {
    // libxlsxwriter only touches the file in workbook_close(); find a bad path now, not after a
    // million rows.
    if (std::FILE* probe = std::fopen(path.c_str(), "wb")) {
      std::fclose(probe);
    } else {
      return create_failed(path, errno);
    }
    auto sink = std::unique_ptr<XlsxSink>(new XlsxSink(path));
    // constant_memory: each finished row goes to a temp file, so memory stays flat; the price is
    // that rows must be written in order (which a stream does anyway) and strings are stored
    // inline rather than in the shared-strings table.
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    sink->wb_ = workbook_new_opt(path.c_str(), &options);
    if (sink->wb_ != nullptr) {
      sink->ws_ = workbook_add_worksheet(sink->wb_, sanitize_sheet_name(sheet_name).c_str());
    }
    if (sink->ws_ == nullptr) {
      // Free without writing, and take the probe file away: nothing usable was created.
      if (sink->wb_ != nullptr) lxw_workbook_free(sink->wb_);
      sink->wb_ = nullptr;
      std::error_code ec;
      std::filesystem::remove(path, ec);
      return make_error("table_xlsx_error", "无法创建 Excel 文件 " + path +
                                                "（临时文件或内存不足）：请检查临时目录的磁盘空间");
    }
    sink->bold_ = workbook_add_format(sink->wb_);
    format_set_bold(sink->bold_);
    sink->title_ = workbook_add_format(sink->wb_);
    format_set_bold(sink->title_);
    format_set_font_size(sink->title_, 14);
    format_set_align(sink->title_, LXW_ALIGN_CENTER);
    format_set_align(sink->title_, LXW_ALIGN_VERTICAL_CENTER);
    return std::unique_ptr<TableWriter::Sink>(std::move(sink));
  }

  ~XlsxSink() override {
    if (wb_ != nullptr) (void)close();
  }

  Status write_title(const std::string& title, std::size_t header_cols,
                     const RowRef& ref) override {
    if (Status s = check_row({title}, ref); !s) return s;
    worksheet_set_row(ws_, row_, 24, nullptr);  // room for the 14 pt title font
    const lxw_error e =
        header_cols >= 2
            ? worksheet_merge_range(ws_, row_, 0, row_,
                                    static_cast<lxw_col_t>(std::min(header_cols, kXlsxMaxCols) - 1),
                                    title.c_str(), title_)
            : worksheet_write_string(ws_, row_, 0, title.c_str(), title_);
    if (e != LXW_NO_ERROR) return xlsx_error(e, ref.cell(0));
    ++row_;
    return {};
  }

  Status write_row(const std::vector<std::string>& cells, bool header, const RowRef& ref) override {
    if (Status s = check_row(cells, ref); !s) return s;
    if (widths_.size() < cells.size()) widths_.resize(cells.size(), 0);
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;  // an empty string cell is no cell in xlsx either
      // Always a string: worksheet_write_number is never used, so nothing becomes 4.10308E+17.
      const lxw_error e = worksheet_write_string(ws_, row_, static_cast<lxw_col_t>(c),
                                                 cells[c].c_str(), header ? bold_ : nullptr);
      if (e != LXW_NO_ERROR) return xlsx_error(e, ref.cell(c));
      widths_[c] = std::max(widths_[c], scan_text(cells[c]).display_width);
    }
    ++row_;
    if (header) worksheet_freeze_panes(ws_, row_, 0);
    return {};
  }

  Status write_csv_text(std::string_view) override { return csv_only(path_); }

  Status close() override {
    if (wb_ == nullptr) return {};
    // Widths from the widest cell seen; cols are written when the workbook is assembled, so
    // setting them last works in constant_memory mode.
    for (std::size_t c = 0; c < widths_.size(); ++c) {
      const double width = static_cast<double>(std::clamp<std::size_t>(widths_[c] + 2, 10, 50));
      worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           nullptr);
    }
    const lxw_error e = workbook_close(wb_);  // frees the workbook whatever the outcome
    wb_ = nullptr;
    if (e != LXW_NO_ERROR) {
      return make_error("table_xlsx_error", "写入 Excel 文件 " + path_ + " 失败（libxlsxwriter：" +
                                                lxw_strerror(e) +
                                                "）：请确认目录存在、有写入权限且磁盘空间足够");
    }
    return {};
  }

 private:
  explicit XlsxSink(std::string path) : path_(std::move(path)) {}

  // Everything that could make a write fail half-way through a row, checked before any cell.
  Status check_row(const std::vector<std::string>& cells, const RowRef& ref) const {
    if (row_ >= kXlsxMaxRows) {
      return make_error(
          "table_too_many_rows",
          "文件 " + path_ + " 已达 Excel 的上限 1048576 行：请改用 CSV 格式或按学校分文件导出");
    }
    if (cells.size() > kXlsxMaxCols) {
      return make_error("table_too_many_columns",
                        ref.cell(kXlsxMaxCols) + "超出 Excel 的上限 16384 列");
    }
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (scan_text(cells[c]).utf16_units > kXlsxMaxCellUtf16) {
        return make_error(
            "table_cell_too_long",
            ref.cell(c) + "超过 Excel 单元格上限 32767 个字符：请缩短内容或改用 CSV 格式");
      }
    }
    return {};
  }

  Status xlsx_error(lxw_error e, const std::string& where) const {
    return make_error("table_xlsx_error",
                      where + "写入失败（libxlsxwriter：" + std::string(lxw_strerror(e)) + "）");
  }

  std::string path_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format* bold_ = nullptr;
  lxw_format* title_ = nullptr;
  lxw_row_t row_ = 0;
  std::vector<std::size_t> widths_;
};

class CsvSink final : public TableWriter::Sink {
 public:
  static Result<std::unique_ptr<TableWriter::Sink>> create(const std::string& path,
                                                           TableFormat format) {
    auto sink = std::unique_ptr<CsvSink>(new CsvSink(path));
    const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
    sink->sep_ = ext == ".tsv" ? '\t' : ',';
    if (format == TableFormat::kCsvGb18030) {
      sink->cd_ = iconv_open("GB18030", "UTF-8");
      if (sink->cd_ == reinterpret_cast<iconv_t>(-1)) {
        return make_error("table_encoding_failed", "系统不支持 GB18030 编码转换（" +
                                                       errno_text(errno) + "），无法写入 " + path +
                                                       "：请改用 UTF-8 格式");
      }
    }
    sink->file_ = std::fopen(path.c_str(), "wb");
    if (sink->file_ == nullptr) return create_failed(path, errno);
    std::setvbuf(sink->file_, nullptr, _IOFBF, 1 << 16);
    if (format == TableFormat::kCsvUtf8Bom) {
      // The BOM is how Excel on Windows recognises a CSV as UTF-8 rather than the ANSI code page.
      if (Status s = sink->put("\xEF\xBB\xBF"); !s) return s.error();
    }
    return std::unique_ptr<TableWriter::Sink>(std::move(sink));
  }

  ~CsvSink() override {
    (void)close();
    if (cd_ != reinterpret_cast<iconv_t>(-1)) iconv_close(cd_);
  }

  Status write_title(const std::string& title, std::size_t, const RowRef& ref) override {
    return write_row({title}, false, ref);
  }

  Status write_row(const std::vector<std::string>& cells, bool, const RowRef& ref) override {
    if (file_ == nullptr)
      return make_error("table_closed", "文件 " + path_ + " 已关闭，不能再写入");
    line_.clear();
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) line_.push_back(sep_);
      if (cd_ == reinterpret_cast<iconv_t>(-1)) {
        append_csv_cell(line_, cells[c], sep_);
      } else {
        if (Status s = convert(cells[c], ref, c); !s) return s;
        // GB18030 trail bytes are >= 0x40: never '"', ',' or CR/LF.
        append_csv_cell(line_, converted_, sep_);
      }
    }
    line_ += "\r\n";  // CRLF, as Excel writes CSV
    return put(line_);
  }

  Status write_csv_text(std::string_view text) override {
    if (file_ == nullptr)
      return make_error("table_closed", "文件 " + path_ + " 已关闭，不能再写入");
    if (cd_ != reinterpret_cast<iconv_t>(-1) || sep_ != ',') return csv_only(path_);
    return put(text);
  }

  Status close() override {
    if (file_ == nullptr) return {};
    const bool failed = std::ferror(file_) != 0;
    const int err = errno;
    const bool close_failed = std::fclose(file_) != 0;
    file_ = nullptr;
    if (failed || close_failed) return write_failed(close_failed ? errno : err);
    return {};
  }

 private:
  explicit CsvSink(std::string path) : path_(std::move(path)) {}

  Status put(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
      return write_failed(errno);
    }
    return {};
  }

  Status write_failed(int err) const {
    return make_error("table_write_failed", "写入文件 " + path_ + " 失败（" + errno_text(err) +
                                                "）：请检查磁盘空间后重新导出");
  }

  // UTF-8 -> GB18030 for one cell, so that a failure can name the column.
  Status convert(const std::string& cell, const RowRef& ref, std::size_t col) {
    iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // reset shift state
    // GB18030 needs at most 4 bytes per character and UTF-8 at least 1: 4x always fits.
    converted_.resize(cell.size() * 4 + 4);
    char* in = const_cast<char*>(cell.data());
    std::size_t in_left = cell.size();
    char* out = converted_.data();
    std::size_t out_left = converted_.size();
    if (iconv(cd_, &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) {
      const int err = errno;
      const std::size_t at = cell.size() - in_left;
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(cell[at]));
      return make_error("table_encoding_failed",
                        ref.cell(col) + "第 " + std::to_string(at + 1) + " 字节（" + byte +
                            "）处的字符无法转换为 GB18030（" + errno_text(err) +
                            "）：请核对该单元格内容，或改用 UTF-8 格式导出");
    }
    converted_.resize(converted_.size() - out_left);
    return {};
  }

  std::string path_;
  std::FILE* file_ = nullptr;
  iconv_t cd_ = reinterpret_cast<iconv_t>(-1);
  char sep_ = ',';
  std::string line_;
  std::string converted_;
};

}  // namespace

Result<TableFormat> table_format_for(const std::string& path, const std::string& encoding) {
  const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
  std::string enc;
  for (char c : ascii_lower(encoding))
    if (c != '-' && c != '_' && c != ' ') enc.push_back(c);
  TableFormat csv;
  if (enc.empty() || enc == "utf8") {
    csv = TableFormat::kCsvUtf8;
  } else if (enc == "utf8bom" || enc == "utf8sig") {
    csv = TableFormat::kCsvUtf8Bom;
  } else if (enc == "gb18030" || enc == "gbk" || enc == "gb2312" || enc == "cp936") {
    csv = TableFormat::kCsvGb18030;
  } else {
    return make_error("table_encoding_unknown",
                      "不支持的编码“" + encoding + "”：请使用 utf-8、utf-8-bom 或 gb18030");
  }
  if (ext == ".xlsx") return TableFormat::kXlsx;
  if (ext == ".csv" || ext == ".tsv") return csv;
  return make_error("table_format_unknown",
                    "无法从文件名 " + path + " 判断表格格式：请使用 .xlsx、.csv 或 .tsv 扩展名");
}

TableWriter::TableWriter(std::string path, std::unique_ptr<Sink> sink,
                         std::vector<std::string> header, int first_data_row)
    : path_(std::move(path)),
      sink_(std::move(sink)),
      header_(std::move(header)),
      next_row_(first_data_row) {}

TableWriter::~TableWriter() { (void)close(); }

Result<std::unique_ptr<TableWriter>> TableWriter::open(const std::string& path, TableFormat format,
                                                       const std::string& sheet_name,
                                                       const std::string& title,
                                                       const std::vector<std::string>& header) {
  if (format == TableFormat::kXlsx) {
    const TextScan scan = scan_text(sheet_name);
    if (!scan.valid || scan.has_nul) {
      return make_error("table_invalid_utf8", "工作表名称不是有效的 UTF-8 文本，无法写入 " + path +
                                                  "：请检查调用方传入的名称");
    }
  }
  auto sink = format == TableFormat::kXlsx ? XlsxSink::create(path, sheet_name)
                                           : CsvSink::create(path, format);
  if (!sink) return sink.error();
  std::unique_ptr<TableWriter> w(new TableWriter(path, std::move(sink.value()), header, 1));
  auto fail = [&](const Status& s) -> Result<std::unique_ptr<TableWriter>> {
    w.reset();  // closes the file before it is removed
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return s.error();
  };
  if (!title.empty()) {
    if (Status s = w->write_checked({title}, RowKind::kTitle); !s) return fail(s);
  }
  if (!header.empty()) {
    if (Status s = w->write_checked(header, RowKind::kHeader); !s) return fail(s);
  }
  return w;
}

Status TableWriter::write_checked(const std::vector<std::string>& cells, RowKind kind) {
  const RowRef ref{path_, header_, next_row_, kind == RowKind::kTitle};
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const TextScan scan = scan_text(cells[c]);
    if (!scan.valid) {
      char byte[8];
      std::snprintf(byte, sizeof byte, "0x%02X",
                    static_cast<unsigned char>(cells[c][scan.bad_offset]));
      return make_error("table_invalid_utf8",
                        ref.cell(c) + "第 " + std::to_string(scan.bad_offset + 1) + " 字节（" +
                            byte + "）不是有效的 UTF-8 文本：该行未写入，请检查数据来源的编码");
    }
    if (scan.has_nul) {
      // libxlsxwriter takes C strings and would silently cut the cell at the NUL.
      return make_error("table_nul_char",
                        ref.cell(c) + "含有空字符（\\0）：该行未写入，请清理该单元格");
    }
  }
  Status s = kind == RowKind::kTitle ? sink_->write_title(cells[0], header_.size(), ref)
                                     : sink_->write_row(cells, kind == RowKind::kHeader, ref);
  if (!s) return s;
  ++next_row_;
  if (kind == RowKind::kData) ++data_rows_;
  return {};
}

Status TableWriter::add_row(const std::vector<std::string>& cells) {
  if (closed_) return make_error("table_closed", "文件 " + path_ + " 已关闭，不能再写入");
  return write_checked(cells, RowKind::kData);
}

Status TableWriter::add_csv_rows(std::string_view text, std::int64_t rows) {
  if (closed_) return make_error("table_closed", "文件 " + path_ + " 已关闭，不能再写入");
  if (Status s = sink_->write_csv_text(text); !s) return s;
  next_row_ += static_cast<int>(rows);
  data_rows_ += rows;
  return {};
}

void append_csv_row(std::string& out, std::initializer_list<std::string_view> cells,
                    char separator) {
  bool first = true;
  for (std::string_view cell : cells) {
    if (!first) out.push_back(separator);
    first = false;
    append_csv_cell(out, cell, separator);
  }
  out += "\r\n";
}

Status TableWriter::close() {
  if (closed_) return {};
  closed_ = true;
  return sink_->close();
}

const std::string& TableWriter::path() const { return path_; }

std::int64_t TableWriter::rows_written() const { return data_rows_; }

Status write_table(const std::string& path, TableFormat format, const std::string& sheet_name,
                   const std::string& title, const std::vector<std::string>& header,
                   const std::vector<std::vector<std::string>>& rows) {
  auto w = TableWriter::open(path, format, sheet_name, title, header);
  if (!w) return w.error();
  Status s;
  for (const auto& row : rows) {
    s = (*w)->add_row(row);
    if (!s) break;
  }
  const Status closed = (*w)->close();
  if (s && !closed) s = closed;
  if (!s) {
    w.value().reset();
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return s;
}

}  // namespace baoxue::ingest
