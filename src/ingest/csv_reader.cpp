#include "ingest/csv_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <utility>

#include "ingest/encoding.h"
#include "ingest/reader_util.h"

namespace baoxue::ingest {
namespace {

constexpr std::array<char, 3> kDelimiters = {',', '\t', ';'};

std::string delimiter_name(char d) {
  switch (d) {
    case '\t':
      return "制表符分隔";
    case ';':
      return "分号分隔";
    default:
      return "逗号分隔";
  }
}

// Byte-order mark: the encoding it announces and its length, or {"", 0}.
std::pair<std::string, std::size_t> detect_bom(std::string_view p) {
  if (p.size() >= 3 && p.substr(0, 3) == "\xEF\xBB\xBF") return {"utf-8", 3};
  if (p.size() >= 2 && p.substr(0, 2) == "\xFF\xFE") return {"utf-16le", 2};
  if (p.size() >= 2 && p.substr(0, 2) == "\xFE\xFF") return {"utf-16be", 2};
  return {"", 0};
}

// UTF-16 without a BOM (some tools drop it): lists are full of ASCII digits and delimiters, each of
// which has a zero byte on one side only. Chinese characters alone would not show this, so this
// only catches files with some ASCII, which lists always have.
std::string sniff_utf16(std::string_view p) {
  const std::size_t n = std::min<std::size_t>(p.size(), 4096) & ~std::size_t{1};
  if (n < 8) return "";
  std::size_t zero_even = 0, zero_odd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    zero_even += p[i] == '\0';
    zero_odd += p[i + 1] == '\0';
  }
  const std::size_t units = n / 2;
  if (zero_odd * 5 >= units && zero_even * 50 <= units) return "utf-16le";
  if (zero_even * 5 >= units && zero_odd * 50 <= units) return "utf-16be";
  return "";
}

// Delimiter from the first lines: the candidate found (outside quotes) on the most lines, then
// the most often; a title row without delimiters does not spoil the vote.
char detect_delimiter(std::string_view text) {
  std::array<int, 3> lines_with{}, total{};
  std::array<int, 3> in_line{};
  bool in_quotes = false;
  int lines = 0;
  auto end_line = [&] {
    for (std::size_t k = 0; k < 3; ++k) {
      lines_with[k] += in_line[k] > 0;
      total[k] += in_line[k];
      in_line[k] = 0;
    }
    ++lines;
  };
  for (std::size_t i = 0; i < text.size() && lines < 50; ++i) {
    const char c = text[i];
    if (c == '"') {
      in_quotes = !in_quotes;
    } else if (!in_quotes && (c == '\n' || c == '\r')) {
      end_line();
    } else if (!in_quotes) {
      for (std::size_t k = 0; k < 3; ++k) in_line[k] += c == kDelimiters[k];
    }
  }
  end_line();
  std::size_t best = 0;
  for (std::size_t k = 1; k < 3; ++k) {
    if (lines_with[k] > lines_with[best] ||
        (lines_with[k] == lines_with[best] && total[k] > total[best]))
      best = k;
  }
  return kDelimiters[best];
}

class CsvReader final : public RowReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, std::string name, const CsvTuning& tuning)
      : source_(std::move(source)), name_(std::move(name)), tuning_(tuning) {
    if (tuning_.chunk_size == 0) tuning_.chunk_size = 1;
    if (tuning_.detect_size == 0) tuning_.detect_size = 1;
  }

  Status init(const ReadOptions& options) {
    std::string prefix(tuning_.detect_size, '\0');
    std::size_t have = 0;
    bool at_eof = false;
    while (have < prefix.size()) {
      const long got = source_->read(prefix.data() + have, prefix.size() - have);
      if (got < 0) return read_error();
      if (got == 0) {
        at_eof = true;
        break;
      }
      have += static_cast<std::size_t>(got);
    }
    prefix.resize(have);
    auto format = detect_csv_format(prefix, at_eof, name_, options);
    if (!format) return format.error();
    format_ = std::move(format.value());
    decoder_ = make_decoder(format_.encoding);
    decode(std::string_view(prefix).substr(format_.bom_length), at_eof);
    limits_ = options.limits;
    parser_ = CsvRecordParser(format_.delimiter, limits_.max_columns);
    return {};
  }

  bool next(SheetRow& row) override {
    if (!status_.ok() || done_) return false;
    while (true) {
      const bool eof = source_done_ && problem_ == Decoder::Problem::kNone;
      const std::size_t start = pos_;
      switch (parser_.parse(text_, pos_, eof, row)) {
        case Parse::kRecord:
          if (pos_ - start > limits_.max_line_bytes) return line_too_long();
          if (records_ >= limits_.max_rows)
            return fail(limit_error(
                "too_many_rows", name_, "", "记录数（行数）",
                format_count(static_cast<std::uint64_t>(limits_.max_rows)) + " 行（行数上限）"));
          row.number = ++records_;
          return check_cells(row);
        case Parse::kEnd:
          done_ = true;
          return false;
        case Parse::kUnterminated:
          return fail("file_corrupt", quoted_file_name(name_) + "第 " + record_no() +
                                          " 条记录的引号没有配对，从这里到文件末尾都成了一个单元"
                                          "格：请用 Excel 打开检查这一行后另存为 .xlsx 再导入");
        case Parse::kTooManyCells:
          return fail(limit_error("too_many_columns", name_, "第 " + record_no() + " 条记录",
                                  "列数", format_count(limits_.max_columns) + " 列（列数上限）"));
        case Parse::kNeedMore:
          break;
      }
      // The record is not complete yet: it is held whole until it is, so its length is checked
      // before each more chunk is read.
      if (text_.size() - pos_ > limits_.max_line_bytes) return line_too_long();
      if (!fill()) return fail_decoding();
    }
  }

  Status status() const override { return status_; }
  std::string description() const override {
    return format_.kind + "，" + encoding_display_name(format_.encoding) + " 编码，" +
           delimiter_name(format_.delimiter);
  }
  std::string encoding() const override { return format_.encoding; }
  const CsvFormat* csv_format() const override { return &format_; }

 private:
  using Parse = CsvRecordParser::Parse;

  std::string record_no() const { return std::to_string(records_ + 1); }

  Status read_error() {
    return make_error("file_corrupt", "读取" + quoted_file_name(name_) +
                                          "时出错：请确认文件完整（例如已下载完毕）后重试");
  }

  bool fail(const std::string& code, const std::string& message) {
    status_ = make_error(code, message);
    return false;
  }
  bool fail(Error e) {
    status_ = std::move(e);
    return false;
  }

  bool line_too_long() {
    return fail(limit_error("line_too_long", name_, "第 " + record_no() + " 条记录",
                            "这条记录的文字（若有引号没有配对，其后的内容会连成一条记录）",
                            format_bytes(limits_.max_line_bytes) + "（每行文字上限）"));
  }

  // The record's cells against the cell and row limits (the line limit bounds them already
  // unless those are set lower).
  bool check_cells(const SheetRow& row) {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      if (row.cells[i].size() > limits_.max_cell_bytes)
        return fail(
            limit_error("cell_too_long", name_,
                        "第 " + std::to_string(row.number) + " 条记录 " + column_name(i) + " 列",
                        "单元格文字", format_bytes(limits_.max_cell_bytes) + "（单元格文字上限）"));
      bytes += row.cells[i].size();
    }
    if (bytes > limits_.max_row_bytes)
      return fail(limit_error("row_too_long", name_, "第 " + std::to_string(row.number) + " 条记录",
                              "一行的文字合计",
                              format_bytes(limits_.max_row_bytes) + "（每行文字上限）"));
    return true;
  }

  bool fail_decoding() {
    if (read_error_) {
      status_ = read_error();
      return false;
    }
    if (problem_ == Decoder::Problem::kNul)
      return fail("file_corrupt", quoted_file_name(name_) + "第 " + record_no() +
                                      " 条记录含有空字节（NUL），文件可能已损坏或不是文本表格：请"
                                      "用 Excel 打开检查后另存为 .xlsx 再导入");
    std::string advice;
    const std::string& encoding = format_.encoding;
    if (encoding == "utf-8")
      advice =
          "文件前面是 UTF-8，这里却不是，可能混用了 GBK 和 UTF-8。请用 Excel 或 WPS 打开后"
          "另存为 .xlsx 再导入；若整个文件都是 GBK，可指定编码 gb18030";
    else if (encoding == "gb18030")
      advice =
          "请用 Excel 或 WPS 打开后另存为 .xlsx 或“CSV UTF-8”再导入；若文件其实是 "
          "UTF-8，可指定编码 utf-8";
    else
      advice = "请用 Excel 或 WPS 打开后另存为 .xlsx 再导入";
    return fail("encoding_unknown", quoted_file_name(name_) + "第 " + record_no() +
                                        " 条记录含有不是 " + encoding_display_name(encoding) +
                                        " 编码的字节：" + advice);
  }

  void decode(std::string_view bytes, bool final) {
    if (!decoder_->decode(bytes, final, text_)) {
      problem_ = decoder_->problem();
      source_done_ = true;
    } else if (final) {
      source_done_ = true;
    }
  }

  // One more chunk of text; false when nothing more can come (end, bad bytes, read error).
  bool fill() {
    if (source_done_) return false;
    if (pos_ > 0) {
      text_.erase(0, pos_);
      pos_ = 0;
    }
    raw_.resize(tuning_.chunk_size);
    const long got = source_->read(raw_.data(), raw_.size());
    if (got < 0) {
      read_error_ = true;
      source_done_ = true;
      problem_ = Decoder::Problem::kInvalid;
      return false;
    }
    decode(std::string_view(raw_.data(), static_cast<std::size_t>(got)), got == 0);
    return true;
  }

  std::unique_ptr<ByteSource> source_;
  std::string name_;
  CsvTuning tuning_;
  ReadLimits limits_;
  std::unique_ptr<Decoder> decoder_;
  CsvFormat format_;
  CsvRecordParser parser_{','};  // set once the delimiter is known
  std::string raw_;
  std::string text_;  // decoded UTF-8 not yet consumed past pos_
  std::size_t pos_ = 0;
  bool source_done_ = false;
  bool read_error_ = false;
  Decoder::Problem problem_ = Decoder::Problem::kNone;
  long records_ = 0;
  bool done_ = false;
  Status status_;
};

}  // namespace

Result<CsvFormat> detect_csv_format(std::string_view prefix, bool at_eof, const std::string& name,
                                    const ReadOptions& options) {
  std::string forced;
  if (!options.encoding.empty()) {
    forced = normalize_encoding_name(options.encoding);
    if (forced.empty())
      return make_error("encoding_unknown", "不支持指定的编码“" + options.encoding +
                                                "”：可用 utf-8、utf-16、gb18030"
                                                "（gbk、gb2312、cp936 按 gb18030 读取）");
  }
  CsvFormat f;
  const auto [bom_encoding, bom_length] = detect_bom(prefix);
  if (!forced.empty()) {
    f.encoding = forced;
    if (forced == "utf-16")
      f.encoding = bom_encoding.rfind("utf-16", 0) == 0 ? bom_encoding : "utf-16le";
    if (bom_encoding == f.encoding) f.bom_length = bom_length;
  } else if (!bom_encoding.empty()) {
    f.encoding = bom_encoding;
    f.bom_length = bom_length;
  } else if (std::string utf16 = sniff_utf16(prefix); !utf16.empty()) {
    f.encoding = utf16;
  } else {
    // The prefix may end inside a character; that is not a reason to call it GB18030.
    const std::size_t valid = utf8_valid_prefix(prefix);
    const std::size_t tail = utf8_incomplete_tail(prefix);
    const bool utf8 =
        valid == prefix.size() || (!at_eof && tail > 0 && valid + tail == prefix.size());
    f.encoding = utf8 ? "utf-8" : "gb18030";
  }
  auto decoder = make_decoder(f.encoding);
  if (decoder == nullptr)
    return make_error("encoding_unknown", "系统缺少 " + encoding_display_name(f.encoding) +
                                              " 编码转换，无法读取" + quoted_file_name(name) +
                                              "：请把文件另存为 .xlsx 再导入");
  const std::string ext = file_extension(name);
  f.kind = ext == "tsv" || ext == "txt" ? ext : "csv";
  if (ext == "tsv" || f.encoding == "utf-16le" || f.encoding == "utf-16be") {
    f.delimiter = '\t';
  } else {
    // The delimiter is voted on the text the prefix decodes to, up to a bad byte if any.
    std::string text;
    decoder->decode(prefix.substr(f.bom_length), at_eof, text);
    f.delimiter = detect_delimiter(text);
  }
  return f;
}

CsvRecordParser::CsvRecordParser(char delimiter, std::size_t max_cells)
    : delimiter_(delimiter), max_cells_(max_cells) {
  special_.fill(false);
  special_[static_cast<unsigned char>(delimiter_)] = true;
  special_['\r'] = special_['\n'] = true;
}

namespace {

// How the parser builds cells, for SheetRow (strings) and CsvCells (views). Pieces are parts of
// the text between quotes; a quote undone in a quoted cell is added with quote().
class StringCells {
 public:
  explicit StringCells(SheetRow& row) : row_(row) {}
  void start(std::size_t k) {
    if (k == row_.cells.size()) row_.cells.emplace_back();
    cell_ = &row_.cells[k];
    cell_->clear();
  }
  void piece(const char* p, std::size_t n) { cell_->append(p, n); }
  void quote() { *cell_ += '"'; }
  bool first_empty() const { return row_.cells[0].empty(); }
  void finish(std::size_t n) { row_.cells.resize(n); }

 private:
  SheetRow& row_;
  std::string* cell_ = nullptr;
};

}  // namespace

class CsvCellsBuilder {
 public:
  explicit CsvCellsBuilder(CsvCells& row) : row_(row) {
    row_.cells_.clear();
    row_.scratch_.clear();
    row_.pieced_.clear();
  }
  void start(std::size_t) {  // cells start in order, 0, 1, 2, …
    if (open_) close_cell();
    open_ = true;
    view_ = {};
    in_scratch_ = false;
  }
  void piece(const char* p, std::size_t n) {
    if (n == 0) return;
    if (in_scratch_) {
      row_.scratch_.append(p, n);
    } else if (view_.empty()) {
      view_ = std::string_view(p, n);
    } else {
      to_scratch();
      row_.scratch_.append(p, n);
    }
  }
  void quote() {
    if (!in_scratch_) to_scratch();
    row_.scratch_ += '"';
  }
  bool first_empty() const { return view_.empty() && !in_scratch_; }  // asked of cell 0 only
  void finish(std::size_t n) {
    close_cell();
    row_.cells_.resize(n);
    // The scratch text no longer moves: point the pieced cells into it.
    for (std::size_t i = 0; i < row_.pieced_.size(); ++i) {
      const auto [cell, at] = row_.pieced_[i];
      const std::size_t end =
          i + 1 < row_.pieced_.size() ? row_.pieced_[i + 1].second : row_.scratch_.size();
      if (cell < n) row_.cells_[cell] = std::string_view(row_.scratch_).substr(at, end - at);
    }
  }

 private:
  void to_scratch() {
    row_.pieced_.emplace_back(row_.cells_.size(), row_.scratch_.size());
    row_.scratch_.append(view_);
    view_ = {};
    in_scratch_ = true;
  }
  // A pieced cell is pointed into the scratch text once that is complete (finish).
  void close_cell() { row_.cells_.push_back(in_scratch_ ? std::string_view() : view_); }

  CsvCells& row_;
  bool open_ = false;
  std::string_view view_;
  bool in_scratch_ = false;
};

// Parsing restarts from the record's start when the text runs out, which keeps the parser free of
// saved state; records are short, so the re-scan costs little.
template <typename Cells>
CsvRecordParser::Parse CsvRecordParser::parse_into(std::string_view text, std::size_t& pos,
                                                   bool eof, Cells& row) const {
  const char* b = text.data();
  const std::size_t n = text.size();
  std::size_t p = pos;
  if (p == n) return eof ? Parse::kEnd : Parse::kNeedMore;
  std::size_t cells = 0;
  bool quoted_any = false;
  while (true) {
    if (cells == max_cells_) return Parse::kTooManyCells;
    row.start(cells++);
    if (p < n && b[p] == '"') {
      quoted_any = true;
      ++p;
      while (true) {
        const void* q = std::memchr(b + p, '"', n - p);
        if (q == nullptr) return eof ? Parse::kUnterminated : Parse::kNeedMore;
        const std::size_t qi = static_cast<std::size_t>(static_cast<const char*>(q) - b);
        row.piece(b + p, qi - p);
        if (qi + 1 == n && !eof) return Parse::kNeedMore;
        if (qi + 1 < n && b[qi + 1] == '"') {
          row.quote();
          p = qi + 2;
          continue;
        }
        p = qi + 1;
        break;
      }
    }
    const std::size_t s = p;
    while (p < n && !special_[static_cast<unsigned char>(b[p])]) ++p;
    row.piece(b + s, p - s);
    if (p == n) {
      if (!eof) return Parse::kNeedMore;
      break;
    }
    const char c = b[p];
    if (c == delimiter_) {
      ++p;
      continue;
    }
    if (c == '\n') {
      ++p;
      break;
    }
    if (p + 1 == n && !eof) return Parse::kNeedMore;  // CR: is an LF coming?
    p += (p + 1 < n && b[p + 1] == '\n') ? 2 : 1;
    break;
  }
  // A blank line is a record (Excel shows it as a row) without cells.
  if (cells == 1 && !quoted_any && row.first_empty()) cells = 0;
  row.finish(cells);
  pos = p;
  return Parse::kRecord;
}

CsvRecordParser::Parse CsvRecordParser::parse(std::string_view text, std::size_t& pos, bool eof,
                                              SheetRow& row) const {
  StringCells cells(row);
  return parse_into(text, pos, eof, cells);
}

CsvRecordParser::Parse CsvRecordParser::parse(std::string_view text, std::size_t& pos, bool eof,
                                              CsvCells& row) const {
  CsvCellsBuilder cells(row);
  return parse_into(text, pos, eof, cells);
}

Result<std::unique_ptr<RowReader>> open_csv(std::unique_ptr<ByteSource> source,
                                            const std::string& name, const ReadOptions& options,
                                            const CsvTuning& tuning) {
  auto reader = std::make_unique<CsvReader>(std::move(source), name, tuning);
  if (Status s = reader->init(options); !s.ok()) return s.error();
  return std::unique_ptr<RowReader>(std::move(reader));
}

}  // namespace baoxue::ingest
