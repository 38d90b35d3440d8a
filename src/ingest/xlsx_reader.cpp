#include "ingest/xlsx_reader.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "ingest/encoding.h"
#include "ingest/reader_util.h"

namespace baoxue::ingest {
namespace {

constexpr int kMaxColumns = 16384;         // XFD, Excel's limit
constexpr long kMaxRow = 1048576;          // Excel's limit
constexpr long kMaxMergeCells = 1000000;   // a merge larger than this is not a clerk's merge
constexpr std::size_t kChunk = 64 * 1024;  // decompressed bytes fed to expat at a time
constexpr zip_uint64_t kMaxSmallPart = 64u * 1024 * 1024;  // workbook, rels, styles

// ---- small helpers -------------------------------------------------------------------------

std::string_view local_name(std::string_view name) {
  // Element names arrive as written, "row" or "x:row" (some generators use a prefix for the
  // main namespace); namespace processing is off because it costs a fifth of the parse.
  const std::size_t cut = name.rfind(':');
  return cut == std::string_view::npos ? name : name.substr(cut + 1);
}

// Attribute names here are one or a few letters; comparing by hand avoids a strlen per attribute.
const char* find_attr(const XML_Char** attrs, std::string_view name) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    const char* a = attrs[i];
    std::size_t k = 0;
    while (k < name.size() && a[k] == name[k]) ++k;
    if (k == name.size() && a[k] == '\0') return attrs[i + 1];
  }
  return nullptr;
}

pugi::xml_attribute find_attr_local(const pugi::xml_node& node, std::string_view local,
                                    bool prefixed) {
  for (pugi::xml_attribute a : node.attributes()) {
    const std::string_view n = a.name();
    const bool has_prefix = n.find(':') != std::string_view::npos;
    if (has_prefix == prefixed && local_name(n) == local) return a;
  }
  return {};
}

// Excel stores characters XML cannot hold as _xHHHH_ (e.g. _x000D_ for CR).
std::string decode_ooxml_escapes(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      char32_t cp = 0;
      bool hex = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const char c = s[i + k];
        int d;
        if (c >= '0' && c <= '9') {
          d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
          d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
          d = c - 'A' + 10;
        } else {
          hex = false;
          break;
        }
        cp = cp * 16 + static_cast<char32_t>(d);
      }
      if (hex && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        if (cp != 0) append_utf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// "AB12" -> column 27 (0-based), row 12; column only if the row part is absent.
bool parse_cell_ref(std::string_view ref, int& col, long& row) {
  std::size_t i = 0;
  long c = 0;
  while (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t letters = i;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    const char u = static_cast<char>(ref[i] & ~0x20);
    c = c * 26 + (u - 'A' + 1);
    if (c > kMaxColumns) return false;
    ++i;
  }
  if (i == letters) return false;
  while (i < ref.size() && ref[i] == '$') ++i;
  long r = 0;
  const std::size_t digits = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9') {
    r = r * 10 + (ref[i] - '0');
    if (r > kMaxRow) return false;
    ++i;
  }
  if (i != ref.size()) return false;
  col = static_cast<int>(c - 1);
  row = i == digits ? 0 : r;
  return true;
}

bool parse_long(std::string_view s, long& out) {
  if (s.empty() || s.size() > 9) return false;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Days since 1970-01-01 -> civil date (H. Hinnant's algorithm).
void civil_from_days(long z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long yy = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

std::string format_date(int y, unsigned m, unsigned d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

// ---- zip access ----------------------------------------------------------------------------

class Zip {
 public:
  explicit Zip(zip_t* za) : za_(za) {}
  ~Zip() { zip_discard(za_); }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;

  std::optional<zip_uint64_t> locate(const std::string& name) const {
    const zip_int64_t i = zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE);
    if (i < 0) return std::nullopt;
    return static_cast<zip_uint64_t>(i);
  }

  // A whole (small) member; nullopt if missing, unreadable or too large.
  std::optional<std::string> read_all(const std::string& name) const {
    const auto index = locate(name);
    if (!index) return std::nullopt;
    zip_file_t* f = zip_fopen_index(za_, *index, 0);
    if (f == nullptr) return std::nullopt;
    std::string out;
    char buf[kChunk];
    bool ok = true;
    while (true) {
      const zip_int64_t got = zip_fread(f, buf, sizeof buf);
      if (got < 0) {
        ok = false;
        break;
      }
      if (got == 0) break;
      out.append(buf, static_cast<std::size_t>(got));
      if (out.size() > kMaxSmallPart) {
        ok = false;
        break;
      }
    }
    zip_fclose(f);
    if (!ok) return std::nullopt;
    return out;
  }

  zip_t* get() const { return za_; }

 private:
  zip_t* za_;
};

// Streams one zip member through expat, calling back a handler object.
class XmlStream {
 public:
  struct Handler {
    virtual ~Handler() = default;
    virtual void start(std::string_view local, const XML_Char** attrs) = 0;
    virtual void end(std::string_view local) = 0;
    virtual void text(const char* s, int len) = 0;
  };

  XmlStream(zip_file_t* file, Handler* handler) : file_(file), handler_(handler) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlStream::on_text);
  }
  ~XmlStream() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
    if (file_ != nullptr) zip_fclose(file_);
  }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  enum class Step { kMore, kDone, kZipError, kXmlError };

  // Feeds one chunk. kMore: call again; kDone: the document ended.
  Step step() {
    char* buf = static_cast<char*>(XML_GetBuffer(parser_, static_cast<int>(kChunk)));
    if (buf == nullptr) return Step::kXmlError;
    const zip_int64_t got = zip_fread(file_, buf, kChunk);
    if (got < 0) return Step::kZipError;
    const bool last = got == 0;
    if (XML_ParseBuffer(parser_, static_cast<int>(got), last) != XML_STATUS_OK)
      return Step::kXmlError;
    return last ? Step::kDone : Step::kMore;
  }

  // Everything at once, for the shared strings.
  Step run() {
    Step s;
    while ((s = step()) == Step::kMore) {
    }
    return s;
  }

  long xml_line() const { return static_cast<long>(XML_GetCurrentLineNumber(parser_)); }

 private:
  static void on_start(void* self, const XML_Char* name, const XML_Char** attrs) {
    static_cast<XmlStream*>(self)->handler_->start(local_name(name), attrs);
  }
  static void on_end(void* self, const XML_Char* name) {
    static_cast<XmlStream*>(self)->handler_->end(local_name(name));
  }
  static void on_text(void* self, const XML_Char* s, int len) {
    static_cast<XmlStream*>(self)->handler_->text(s, len);
  }

  zip_file_t* file_;
  Handler* handler_;
  XML_Parser parser_ = nullptr;
};

// ---- workbook structure --------------------------------------------------------------------

std::string dir_of(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

// A relationship target relative to the part's folder ("worksheets/sheet1.xml", "../x.xml",
// "/xl/worksheets/sheet1.xml") -> a zip member name.
std::string resolve_target(const std::string& base_dir, std::string target) {
  std::replace(target.begin(), target.end(), '\\', '/');
  std::string path = target.starts_with("/") ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = std::min(path.find('/', start), path.size());
    const std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct Relationship {
  std::string id, type, target;
};

std::vector<Relationship> read_rels(const Zip& zip, const std::string& part) {
  std::vector<Relationship> rels;
  const std::string dir = dir_of(part);
  const std::string name = dir + "_rels/" + part.substr(dir.size()) + ".rels";
  const auto xml = zip.read_all(name);
  if (!xml) return rels;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) return rels;
  for (pugi::xml_node n : doc.document_element().children()) {
    if (local_name(n.name()) != "Relationship") continue;
    if (std::string_view(n.attribute("TargetMode").value()) == "External") continue;
    rels.push_back({n.attribute("Id").value(), n.attribute("Type").value(),
                    resolve_target(dir, n.attribute("Target").value())});
  }
  return rels;
}

std::string rel_of_type(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& r : rels)
    if (r.type.ends_with(suffix)) return r.target;
  return "";
}

struct SheetInfo {
  std::string name, part;
  bool hidden = false;
};

// ---- shared strings ------------------------------------------------------------------------

class SharedStringsHandler final : public XmlStream::Handler {
 public:
  explicit SharedStringsHandler(std::vector<std::string>& out) : out_(out) {}
  void start(std::string_view local, const XML_Char** attrs) override {
    if (local == "sst") {
      // Trust the count only so far: it is a hint for reserve(), not a promise.
      long count = 0;
      if (const char* c = find_attr(attrs, "uniqueCount"); c && parse_long(c, count))
        out_.reserve(static_cast<std::size_t>(std::min(count, 1000000L)));
    } else if (local == "si") {
      in_si_ = true;
      cur_.clear();
    } else if (local == "rPh") {
      ++phonetic_;  // furigana runs are not part of the text
    } else if (local == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void end(std::string_view local) override {
    if (local == "si") {
      out_.push_back(decode_ooxml_escapes(std::move(cur_)));
      cur_.clear();
      in_si_ = false;
    } else if (local == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (local == "t") {
      in_t_ = false;
    }
  }
  void text(const char* s, int len) override {
    if (in_t_) cur_.append(s, static_cast<std::size_t>(len));
  }

 private:
  std::vector<std::string>& out_;
  std::string cur_;
  bool in_si_ = false, in_t_ = false;
  int phonetic_ = 0;
};

// ---- styles --------------------------------------------------------------------------------

std::vector<bool> read_date_styles(const Zip& zip, const std::string& part) {
  std::vector<bool> date_xf;
  if (part.empty()) return date_xf;
  const auto xml = zip.read_all(part);
  if (!xml) return date_xf;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) return date_xf;
  std::vector<std::pair<int, std::string>> custom;
  pugi::xml_node cell_xfs;
  for (pugi::xml_node n : doc.document_element().children()) {
    const std::string_view local = local_name(n.name());
    if (local == "numFmts") {
      for (pugi::xml_node f : n.children())
        if (local_name(f.name()) == "numFmt")
          custom.emplace_back(f.attribute("numFmtId").as_int(-1),
                              f.attribute("formatCode").value());
    } else if (local == "cellXfs") {
      cell_xfs = n;
    }
  }
  for (pugi::xml_node xf : cell_xfs.children()) {
    if (local_name(xf.name()) != "xf") continue;
    const int id = xf.attribute("numFmtId").as_int(0);
    std::string_view code;
    for (const auto& [cid, ccode] : custom)
      if (cid == id) code = ccode;
    date_xf.push_back(is_date_format(id, code));
  }
  return date_xf;
}

// ---- merged cells: the cheap first pass ----------------------------------------------------

struct Merge {
  long r1, r2;
  int c1, c2;
  std::string value;
};

void add_merge(std::string_view ref, std::vector<Merge>& merges) {
  const std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos) return;
  int c1, c2;
  long r1, r2;
  if (!parse_cell_ref(ref.substr(0, colon), c1, r1) ||
      !parse_cell_ref(ref.substr(colon + 1), c2, r2) || r1 == 0 || r2 == 0)
    return;
  if (r2 < r1) std::swap(r1, r2);
  if (c2 < c1) std::swap(c1, c2);
  if ((r2 - r1 + 1) * static_cast<long>(c2 - c1 + 1) > kMaxMergeCells) return;
  if (r1 == r2 && c1 == c2) return;
  merges.push_back({r1, r2, c1, c2, {}});
}

// <mergeCells> follows <sheetData>, so the ranges are collected by scanning the decompressed
// sheet for "mergeCell" tags without parsing XML; the real parse then fills merged cells as rows
// stream past.
bool scan_merges(zip_t* za, zip_uint64_t index, std::vector<Merge>& merges) {
  zip_file_t* f = zip_fopen_index(za, index, 0);
  if (f == nullptr) return false;
  std::string window;
  std::vector<char> buf(kChunk);
  bool ok = true;
  while (true) {
    const zip_int64_t got = zip_fread(f, buf.data(), buf.size());
    if (got < 0) {
      ok = false;
      break;
    }
    if (got == 0) break;
    window.append(buf.data(), static_cast<std::size_t>(got));
    std::size_t keep_from = window.size() > 16 ? window.size() - 16 : 0;
    std::size_t at = 0;
    while ((at = window.find("mergeCell", at)) != std::string::npos) {
      const std::size_t after = at + 9;
      if (after >= window.size()) {
        keep_from = std::min(keep_from, at);
        break;
      }
      const char next = window[after];
      const bool tag = at > 0 && (window[at - 1] == '<' || window[at - 1] == ':') &&
                       (next == ' ' || next == '\t' || next == '\r' || next == '\n');
      if (!tag) {
        at = after;
        continue;
      }
      const std::size_t close = window.find('>', after);
      if (close == std::string::npos) {
        // The tag continues in the next chunk, unless it is absurdly long.
        if (window.size() - at < 4096) keep_from = std::min(keep_from, at);
        break;
      }
      const std::string_view tag_text(window.data() + after, close - after);
      std::size_t r = tag_text.find("ref=");
      while (r != std::string_view::npos && r > 0 &&
             !std::isspace(static_cast<unsigned char>(tag_text[r - 1])))
        r = tag_text.find("ref=", r + 4);
      if (r != std::string_view::npos && r + 5 < tag_text.size()) {
        const char q = tag_text[r + 4];
        const std::size_t end = tag_text.find(q, r + 5);
        if ((q == '"' || q == '\'') && end != std::string_view::npos)
          add_merge(tag_text.substr(r + 5, end - r - 5), merges);
      }
      at = close;
    }
    window.erase(0, keep_from);
  }
  zip_fclose(f);
  std::sort(merges.begin(), merges.end(),
            [](const Merge& a, const Merge& b) { return a.r1 < b.r1; });
  return ok;
}

// ---- the sheet -----------------------------------------------------------------------------

class SheetHandler final : public XmlStream::Handler {
 public:
  SheetHandler(const std::vector<std::string>& shared, const std::vector<bool>& date_xf,
               bool date1904, std::vector<Merge> merges, std::deque<SheetRow>& out)
      : shared_(shared),
        date_xf_(date_xf),
        date1904_(date1904),
        merges_(std::move(merges)),
        out_(out) {}

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  bool sheet_done() const { return sheet_done_; }

  void start(std::string_view local, const XML_Char** attrs) override {
    if (failed() || sheet_done_) return;
    if (local == "sheetData") {
      in_data_ = true;
      return;
    }
    if (!in_data_) return;
    if (local == "row") {
      long r = last_row_ + 1;
      if (const char* a = find_attr(attrs, "r"); a && *a) {
        if (!parse_long(a, r)) r = -1;
      }
      if (r <= last_row_ || r > kMaxRow) {
        error_ = "行号 " + std::string(find_attr(attrs, "r") ? find_attr(attrs, "r") : "") +
                 " 不合法或顺序错乱";
        return;
      }
      fill_gap(r);
      in_row_ = true;
      row_.number = r;
      row_.cells.clear();
      last_col_ = -1;
    } else if (local == "c" && in_row_) {
      int col = last_col_ + 1;
      if (const char* a = find_attr(attrs, "r"); a && *a) {
        long rr = 0;
        if (!parse_cell_ref(a, col, rr)) {
          error_ = "单元格引用“" + sanitize_utf8(a) + "”不合法";
          return;
        }
      }
      if (col >= kMaxColumns) {
        error_ = "列数超过 Excel 的上限";
        return;
      }
      in_cell_ = true;
      col_ = col;
      last_col_ = col;
      const char* t = find_attr(attrs, "t");
      type_ = t ? t : "";
      style_ = -1;
      if (const char* s = find_attr(attrs, "s"); s) {
        long v;
        if (parse_long(s, v)) style_ = v;
      }
      value_.clear();
      inline_.clear();
    } else if (in_cell_) {
      if (local == "v") {
        in_v_ = true;
      } else if (local == "is") {
        in_is_ = true;
      } else if (local == "rPh") {
        ++phonetic_;
      } else if (local == "t" && in_is_ && phonetic_ == 0) {
        in_t_ = true;
      }
    }
  }

  void end(std::string_view local) override {
    if (failed() || sheet_done_) return;
    if (local == "sheetData") {
      in_data_ = false;
      sheet_done_ = true;
    } else if (local == "row" && in_row_) {
      finish_row();
      in_row_ = false;
    } else if (local == "c" && in_cell_) {
      finish_cell();
      in_cell_ = false;
    } else if (local == "v") {
      in_v_ = false;
    } else if (local == "is") {
      in_is_ = false;
    } else if (local == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (local == "t") {
      in_t_ = false;
    }
  }

  void text(const char* s, int len) override {
    if (in_v_) value_.append(s, static_cast<std::size_t>(len));
    if (in_t_) inline_.append(s, static_cast<std::size_t>(len));
  }

 private:
  void finish_cell() {
    std::string text;
    if (type_ == "s") {
      long i;
      if (parse_long(value_, i) && static_cast<std::size_t>(i) < shared_.size()) text = shared_[i];
    } else if (type_ == "inlineStr") {
      text = decode_ooxml_escapes(std::move(inline_));
    } else if (type_ == "b") {
      text = value_.empty() ? "" : (value_ == "1" || value_ == "true" ? "TRUE" : "FALSE");
    } else if (type_ == "str" || type_ == "e") {
      text = decode_ooxml_escapes(std::move(value_));
    } else if (type_ == "d") {
      // ISO 8601 date cells (strict OOXML): keep the date part.
      text = value_.size() >= 10 && value_[4] == '-' && value_[7] == '-' ? value_.substr(0, 10)
                                                                         : value_;
    } else {
      text = std::move(value_);
      if (style_ >= 0 && static_cast<std::size_t>(style_) < date_xf_.size() && date_xf_[style_] &&
          !text.empty()) {
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end != nullptr && *end == '\0') {
          std::string date = excel_serial_to_date(v, date1904_);
          if (!date.empty()) text = std::move(date);
        }
      }
    }
    if (text.empty()) return;
    if (row_.cells.size() <= static_cast<std::size_t>(col_)) row_.cells.resize(col_ + 1);
    row_.cells[col_] = std::move(text);
  }

  // Rows absent from the XML are empty, and are not reported, unless a merge spans them: then
  // they carry the merged value like any other row of the range.
  void fill_gap(long next_row) {
    for (long r = last_row_ + 1; r < next_row; ++r) {
      long reach = 0;
      for (const std::size_t i : active_) reach = std::max(reach, merges_[i].r2);
      if (r > reach) break;
      SheetRow synthetic;
      synthetic.number = r;
      apply_merges(synthetic);
      trim(synthetic);
      if (!synthetic.cells.empty()) out_.push_back(std::move(synthetic));
    }
    last_row_ = next_row - 1;
  }

  void apply_merges(SheetRow& row) {
    const long r = row.number;
    while (next_merge_ < merges_.size() && merges_[next_merge_].r1 <= r) {
      Merge& m = merges_[next_merge_];
      // A merge whose top-left row is missing has nothing to copy.
      if (m.r1 == r && static_cast<std::size_t>(m.c1) < row.cells.size() &&
          !row.cells[m.c1].empty()) {
        m.value = row.cells[m.c1];
        active_.push_back(next_merge_);
      }
      ++next_merge_;
    }
    for (const std::size_t i : active_) {
      const Merge& m = merges_[i];
      if (r < m.r1 || r > m.r2) continue;
      if (row.cells.size() <= static_cast<std::size_t>(m.c2)) row.cells.resize(m.c2 + 1);
      for (int c = m.c1; c <= m.c2; ++c) row.cells[c] = m.value;
    }
    std::erase_if(active_, [&](std::size_t i) { return merges_[i].r2 <= r; });
  }

  static void trim(SheetRow& row) {
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
  }

  void finish_row() {
    apply_merges(row_);
    trim(row_);
    last_row_ = row_.number;
    out_.push_back(std::move(row_));
    row_ = SheetRow{};
  }

  const std::vector<std::string>& shared_;
  const std::vector<bool>& date_xf_;
  bool date1904_;
  std::vector<Merge> merges_;
  std::size_t next_merge_ = 0;
  std::vector<std::size_t> active_;
  std::deque<SheetRow>& out_;

  std::string error_;
  bool in_data_ = false, sheet_done_ = false, in_row_ = false, in_cell_ = false;
  bool in_v_ = false, in_is_ = false, in_t_ = false;
  int phonetic_ = 0;
  long last_row_ = 0;
  int last_col_ = -1;
  SheetRow row_;
  int col_ = 0;
  long style_ = -1;
  std::string type_, value_, inline_;
};

class XlsxReader final : public RowReader {
 public:
  XlsxReader(std::unique_ptr<Zip> zip, std::string name)
      : zip_(std::move(zip)), name_(std::move(name)) {}

  Status init(const ReadOptions& options) {
    // The workbook part: _rels/.rels says where it is; nearly always xl/workbook.xml.
    std::string workbook = rel_of_type(read_rels(*zip_, ""), "/officeDocument");
    if (workbook.empty() || !zip_->locate(workbook)) workbook = "xl/workbook.xml";
    const auto workbook_xml = zip_->read_all(workbook);
    if (!workbook_xml) return not_a_workbook();
    pugi::xml_document doc;
    if (!doc.load_buffer(workbook_xml->data(), workbook_xml->size())) return corrupt("工作簿目录");
    const std::vector<Relationship> rels = read_rels(*zip_, workbook);

    std::vector<SheetInfo> sheets;
    bool date1904 = false;
    for (pugi::xml_node n : doc.document_element().children()) {
      const std::string_view local = local_name(n.name());
      if (local == "workbookPr") {
        const std::string_view v = n.attribute("date1904").value();
        date1904 = v == "1" || v == "true";
      } else if (local == "sheets") {
        for (pugi::xml_node s : n.children()) {
          if (local_name(s.name()) != "sheet") continue;
          const std::string id = find_attr_local(s, "id", true).value();
          SheetInfo info{sanitize_utf8(s.attribute("name").value()), "", false};
          const std::string_view state = s.attribute("state").value();
          info.hidden = state == "hidden" || state == "veryHidden";
          for (const auto& r : rels)
            if (r.id == id) info.part = r.target;
          sheets.push_back(std::move(info));
        }
      }
    }
    if (sheets.empty()) return corrupt("工作表列表");

    const SheetInfo* chosen = nullptr;
    if (options.sheet.empty()) {
      // The first sheet a clerk can see; a hidden first sheet is usually a lookup table.
      for (const auto& s : sheets)
        if (!s.hidden && chosen == nullptr) chosen = &s;
      if (chosen == nullptr) chosen = &sheets.front();
    } else {
      for (const auto& s : sheets)
        if (s.name == options.sheet && chosen == nullptr) chosen = &s;
      if (chosen == nullptr) return sheet_not_found(options.sheet, sheets);
    }
    sheet_name_ = chosen->name;
    const auto sheet_index = chosen->part.empty() ? std::nullopt : zip_->locate(chosen->part);
    if (!sheet_index) return corrupt("工作表“" + sheet_name_ + "”");

    // Shared strings: loaded whole (a list's strings are needed in any order), via expat so the
    // cost is the strings themselves, not a DOM.
    std::string sst = rel_of_type(rels, "/sharedStrings");
    if (sst.empty() && zip_->locate(dir_of(workbook) + "sharedStrings.xml"))
      sst = dir_of(workbook) + "sharedStrings.xml";
    if (!sst.empty()) {
      const auto index = zip_->locate(sst);
      zip_file_t* f = index ? zip_fopen_index(zip_->get(), *index, 0) : nullptr;
      if (f != nullptr) {
        SharedStringsHandler handler(shared_);
        XmlStream stream(f, &handler);
        if (stream.run() != XmlStream::Step::kDone) return corrupt("共享字符串表");
      }
    }
    std::string styles = rel_of_type(rels, "/styles");
    if (styles.empty()) styles = dir_of(workbook) + "styles.xml";
    date_xf_ = read_date_styles(*zip_, styles);

    std::vector<Merge> merges;
    if (!scan_merges(zip_->get(), *sheet_index, merges))
      return corrupt("工作表“" + sheet_name_ + "”");
    handler_ =
        std::make_unique<SheetHandler>(shared_, date_xf_, date1904, std::move(merges), queue_);
    zip_file_t* f = zip_fopen_index(zip_->get(), *sheet_index, 0);
    if (f == nullptr) return corrupt("工作表“" + sheet_name_ + "”");
    stream_ = std::make_unique<XmlStream>(f, handler_.get());
    return {};
  }

  bool next(SheetRow& row) override {
    while (queue_.empty()) {
      if (!status_.ok() || done_) return false;
      const XmlStream::Step step = stream_->step();
      if (handler_->failed()) {
        status_ = corrupt("工作表“" + sheet_name_ + "”（" + handler_->error() + "）");
      } else if (step == XmlStream::Step::kZipError || step == XmlStream::Step::kXmlError) {
        status_ = corrupt("工作表“" + sheet_name_ + "”第 " + std::to_string(stream_->xml_line()) +
                          " 行 XML");
      } else if (step == XmlStream::Step::kDone || handler_->sheet_done()) {
        done_ = true;
      }
      // Rows parsed before an error are still handed out; the error follows them.
    }
    row = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }

  Status status() const override { return status_; }
  std::string description() const override { return "xlsx，工作表“" + sheet_name_ + "”"; }
  std::string encoding() const override { return ""; }

 private:
  Error corrupt(const std::string& what) const {
    return make_error("file_corrupt", quoted_file_name(name_) + "已损坏（" + what +
                                          "读不出来）：请用 Excel 或 WPS 打开后另存为 .xlsx "
                                          "再导入；若打不开，请向发送方重新索取");
  }

  Error not_a_workbook() const {
    // An OpenDocument spreadsheet is a zip too; say what it is.
    if (const auto mime = zip_->read_all("mimetype");
        mime && mime->find("opendocument.spreadsheet") != std::string::npos)
      return make_error("file_not_spreadsheet",
                        quoted_file_name(name_) +
                            "是 OpenDocument 表格（.ods），不是 Excel 工作簿：请用 WPS 或 "
                            "LibreOffice 打开后另存为 .xlsx 再导入");
    return make_error("file_not_spreadsheet",
                      quoted_file_name(name_) +
                          "是压缩包，但不是 Excel 工作簿（可能是 Word 文档或普通 zip）：请导入 "
                          ".xlsx、.xls 或 .csv 名单；若它是解压前的压缩包，请先解压");
  }

  Error sheet_not_found(const std::string& wanted, const std::vector<SheetInfo>& sheets) const {
    std::string names;
    for (const auto& s : sheets) names += (names.empty() ? "“" : "、“") + s.name + "”";
    return make_error("sheet_not_found", quoted_file_name(name_) + "中没有名为“" + wanted +
                                             "”的工作表；现有工作表：" + names +
                                             "。请指定其中之一");
  }

  std::unique_ptr<Zip> zip_;
  std::string name_;
  std::string sheet_name_;
  std::vector<std::string> shared_;
  std::vector<bool> date_xf_;
  std::unique_ptr<SheetHandler> handler_;
  std::unique_ptr<XmlStream> stream_;
  std::deque<SheetRow> queue_;
  bool done_ = false;
  Status status_;
};

Result<std::unique_ptr<RowReader>> finish_open(zip_t* za, const std::string& name,
                                               const ReadOptions& options) {
  auto reader = std::make_unique<XlsxReader>(std::make_unique<Zip>(za), name);
  if (Status s = reader->init(options); !s.ok()) return s.error();
  return std::unique_ptr<RowReader>(std::move(reader));
}

Error zip_broken(const std::string& name) {
  return make_error("file_corrupt",
                    quoted_file_name(name) +
                        "不是完整的 xlsx 文件（压缩包已损坏，可能没有下载完整）：请用 Excel 或 "
                        "WPS 打开后另存为 .xlsx 再导入；若打不开，请向发送方重新索取");
}

}  // namespace

std::string excel_serial_to_date(double serial, bool date1904) {
  if (!(serial >= 0) || serial >= 2958466.0) return "";
  long days = static_cast<long>(std::floor(serial));
  // Days from 1970-01-01 of the epochs: 1899-12-30 = -25569, 1904-01-01 = -24107.
  if (date1904) {
    days += -24107;
  } else {
    if (days == 0) return "";
    if (days == 60) return "1900-02-29";  // the day that never was, kept for compatibility
    if (days < 60) ++days;                // before the phantom day Excel is one day ahead
    days += -25569;
  }
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  if (y > 9999) return "";
  return format_date(y, m, d);
}

bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 ||
      (id >= 50 && id <= 54) || id == 57 || id == 58)
    return true;
  if (id < 164 && code.empty()) return false;  // other built-ins: numbers, text, times
  bool date_part = false;
  bool month_or_minute = false;
  bool time_part = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;  // only the first section decides
    if (c == '"') {
      const std::size_t end = code.find('"', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '[') {
      const std::size_t end = code.find(']', i + 1);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else {
      switch (c | 0x20) {
        case 'y':
        case 'd':
          date_part = true;
          break;
        case 'm':
          month_or_minute = true;
          break;
        case 'h':
        case 's':
          time_part = true;
          break;
        default:
          break;
      }
    }
  }
  return date_part || (month_or_minute && !time_part);
}

Result<std::unique_ptr<RowReader>> open_xlsx_file(const std::string& path, const std::string& name,
                                                  const ReadOptions& options) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (za == nullptr) return zip_broken(name);
  return finish_open(za, name, options);
}

Result<std::unique_ptr<RowReader>> open_xlsx_bytes(std::string_view bytes, const std::string& name,
                                                   const ReadOptions& options) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    return zip_broken(name);
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (za == nullptr) {
    zip_source_free(src);
    return zip_broken(name);
  }
  return finish_open(za, name, options);
}

}  // namespace baoxue::ingest
