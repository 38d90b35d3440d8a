#include "ingest/xlsx_reader.h"

#include <expat.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>
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
// Markup that expat must hold whole before it reports it (a tag with its attributes, a comment):
// a real one is under a kilobyte. Expat buffers a longer one however long it is, so one past
// this is refused as damage — a gigabyte attribute would otherwise sit in expat's buffer.
constexpr std::size_t kMaxXmlToken = 1 << 20;
// Rows parsed ahead of the caller: past this much, the sheet's parser pauses until they are
// taken. One 64 KB chunk of XML can name a 128 KB shared string in thousands of cells.
constexpr std::size_t kQueueBytes = 2 << 20;
// What a real workbook's small parts hold, far below these; beyond them the file is damaged.
constexpr std::size_t kMaxSheets = 10000;         // <sheet> entries of workbook.xml
constexpr std::size_t kMaxNameBytes = 4096;       // a sheet name, a relationship's id or target
constexpr std::size_t kMaxNumberFormats = 65536;  // Excel keeps ~250 custom number formats
constexpr std::size_t kMaxCellFormats = 1 << 20;  // Excel keeps at most 64,000 cell formats

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

// The attribute whose local name is `local`, with a namespace prefix or without ("r:id" / "id").
const char* find_attr_local(const XML_Char** attrs, std::string_view local, bool prefixed) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    const std::string_view n = attrs[i];
    const bool has_prefix = n.find(':') != std::string_view::npos;
    if (has_prefix == prefixed && local_name(n) == local) return attrs[i + 1];
  }
  return nullptr;
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

// ---- what one file may cost ----------------------------------------------------------------

// The file being read, its limits, and the bytes inflated from it so far.
struct Context {
  std::string name;  // as the user knows it, for messages
  ReadLimits limits;
  std::uint64_t inflated = 0;  // counted against limits.max_decompressed_bytes

  Error limit(const std::string& code, const std::string& where, const std::string& what,
              const std::string& limit) const {
    return limit_error(code, name, where, what, limit);
  }
  Error too_much_inflated(const std::string& part) const {
    return limit("file_too_large_decompressed", "",
                 "解压后的内容（读到“" + sanitize_utf8(part) + "”时）",
                 format_bytes(limits.max_decompressed_bytes) +
                     "（解压总量上限），这通常是损坏或"
                     "特意构造的文件");
  }
};

// ---- the zip's central directory, before libzip reads it -----------------------------------

// The number of entries the end-of-central-directory records claim, or nullopt when no record is
// found (libzip then refuses the file itself). Every candidate record in the last 64 KB that
// libzip could take counts — its directory lies before it and is long enough for its entries
// (46 bytes at least each) — and the largest claim wins, so a file cannot show one count here
// and another to libzip, and a stray signature in compressed data does not count.
// read(offset, n, out): reads n bytes at offset (fewer at the end); false on an error.
using ReadAt = std::function<bool(std::uint64_t, std::size_t, std::string&)>;

std::uint64_t le(std::string_view b, std::size_t off, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(b[off + i]);
  return v;
}

std::optional<std::uint64_t> zip_entry_count(std::uint64_t size, const ReadAt& read) {
  constexpr std::size_t kEocd = 22;
  if (size < kEocd) return std::nullopt;
  const std::uint64_t tail_size = std::min<std::uint64_t>(size, kEocd + 65535);
  std::string tail;
  if (!read(size - tail_size, static_cast<std::size_t>(tail_size), tail) ||
      tail.size() != tail_size)
    return std::nullopt;
  std::optional<std::uint64_t> most;
  for (std::size_t at = tail.size() - kEocd + 1; at-- > 0;) {
    if (tail.compare(at, 4, "PK\x05\x06") != 0) continue;
    const std::uint64_t record = size - tail_size + at;
    auto plausible = [&](std::uint64_t count, std::uint64_t cd_size, std::uint64_t cd_offset) {
      return cd_size <= record && cd_offset <= record - cd_size && cd_size / 46 >= count;
    };
    std::uint64_t count = std::max(le(tail, at + 8, 2), le(tail, at + 10, 2));
    if (!plausible(count, le(tail, at + 12, 4), le(tail, at + 16, 4))) count = 0;
    // A zip64 locator just before the record points at the zip64 record, whose counts are
    // 64-bit.
    if (record >= 20) {
      std::string locator;
      if (read(record - 20, 20, locator) && locator.size() == 20 &&
          locator.compare(0, 4, "PK\x06\x07") == 0) {
        std::string z64;
        if (read(le(locator, 8, 8), 56, z64) && z64.size() == 56 &&
            z64.compare(0, 4, "PK\x06\x06") == 0) {
          const std::uint64_t count64 = std::max(le(z64, 24, 8), le(z64, 32, 8));
          if (plausible(count64, le(z64, 40, 8), le(z64, 48, 8))) count = std::max(count, count64);
        }
      }
    }
    most = std::max(most.value_or(0), count);
  }
  return most;
}

Status check_zip_entries(const Context& ctx, std::uint64_t size, const ReadAt& read) {
  const auto count = zip_entry_count(size, read);
  if (count && *count > ctx.limits.max_zip_entries)
    return ctx.limit("too_many_zip_entries", "",
                     "压缩包内的文件数（" + format_count(*count) + " 个）",
                     format_count(ctx.limits.max_zip_entries) +
                         " 个（xlsx 内部文件数上限；真实的工作簿只有几十个）");
  return {};
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

  // A whole member of at most `max` bytes (the "mimetype" of an OpenDocument file); nullopt if
  // missing, unreadable or longer.
  std::optional<std::string> read_small(const std::string& name, std::size_t max) const {
    const auto index = locate(name);
    if (!index) return std::nullopt;
    zip_file_t* f = zip_fopen_index(za_, *index, 0);
    if (f == nullptr) return std::nullopt;
    std::string out(max + 1, '\0');
    std::size_t have = 0;
    bool ok = true;
    while (have < out.size()) {
      const zip_int64_t got = zip_fread(f, out.data() + have, out.size() - have);
      if (got < 0) ok = false;
      if (got <= 0) break;
      have += static_cast<std::size_t>(got);
    }
    zip_fclose(f);
    if (!ok || have > max) return std::nullopt;
    out.resize(have);
    return out;
  }

  // The size the directory states for a member: inflating it may not give more.
  std::optional<zip_uint64_t> stated_size(zip_uint64_t index) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za_, index, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0)
      return std::nullopt;
    return st.size;
  }

  zip_t* get() const { return za_; }

 private:
  zip_t* za_;
};

// Streams one zip member through expat, calling back a handler object. Memory stays at one
// chunk plus what expat holds of an unfinished piece of markup (kMaxXmlToken at most); the
// inflated bytes are counted against the file's budget as they come, when `ctx` is given.
class XmlStream {
 public:
  struct Handler {
    virtual ~Handler() = default;
    virtual void start(std::string_view local, const XML_Char** attrs) = 0;
    virtual void end(std::string_view local) = 0;
    virtual void text(const char* s, int len) = 0;
    // Set by the handler inside a callback: stop for good (it keeps its own error), or pause
    // until step() is called again (its output is full).
    bool abort = false;
    bool pause = false;
  };

  enum class Step {
    kMore,             // call again
    kDone,             // the document ended
    kZipError,         // the member cannot be inflated, or inflates past its stated size
    kXmlError,         // not well-formed, or the handler aborted
    kTooMuchInflated,  // the file's budget of inflated bytes is spent
    kTokenTooLong,     // a piece of markup longer than kMaxXmlToken
    kDoctype,          // a DTD, which OOXML parts never have
  };

  // `ctx`: null for a member already counted (the sheet, read a second time).
  XmlStream(zip_file_t* file, Handler* handler, Context* ctx, std::optional<zip_uint64_t> size)
      : file_(file), handler_(handler), ctx_(ctx), stated_size_(size) {
    parser_ = XML_ParserCreate(nullptr);
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XmlStream::on_start, &XmlStream::on_end);
    XML_SetCharacterDataHandler(parser_, &XmlStream::on_text);
    // Everything else (comments, declarations, whitespace outside elements) only marks progress.
    XML_SetDefaultHandlerExpand(parser_, &XmlStream::on_other);
    // Entities declared in a DTD are how an XML bomb multiplies text; OOXML has no DTD.
    XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::on_doctype);
  }
  ~XmlStream() {
    if (parser_ != nullptr) XML_ParserFree(parser_);
    if (file_ != nullptr) zip_fclose(file_);
  }
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Feeds one chunk, or goes on after a pause.
  Step step() {
    XML_Status status;
    if (suspended_) {
      suspended_ = false;
      status = XML_ResumeParser(parser_);
    } else {
      if (last_fed_) return Step::kDone;
      char* buf = static_cast<char*>(XML_GetBuffer(parser_, static_cast<int>(kChunk)));
      if (buf == nullptr) return Step::kXmlError;
      const zip_int64_t got = zip_fread(file_, buf, kChunk);
      if (got < 0) return Step::kZipError;
      fed_ += static_cast<std::uint64_t>(got);
      if (stated_size_ && fed_ > *stated_size_) return Step::kZipError;
      if (ctx_ != nullptr) {
        ctx_->inflated += static_cast<std::uint64_t>(got);
        if (ctx_->inflated > ctx_->limits.max_decompressed_bytes) return Step::kTooMuchInflated;
      }
      last_fed_ = got == 0;
      status = XML_ParseBuffer(parser_, static_cast<int>(got), last_fed_);
    }
    if (status == XML_STATUS_SUSPENDED) {
      suspended_ = true;
      return Step::kMore;
    }
    if (status != XML_STATUS_OK) return doctype_ ? Step::kDoctype : Step::kXmlError;
    if (fed_ - progress_ > kMaxXmlToken) return Step::kTokenTooLong;
    return last_fed_ ? Step::kDone : Step::kMore;
  }

  // Everything at once (the small parts and the shared strings).
  Step run() {
    Step s;
    while ((s = step()) == Step::kMore) {
    }
    return s;
  }

  long xml_line() const { return static_cast<long>(XML_GetCurrentLineNumber(parser_)); }

 private:
  static XmlStream* self(void* p) { return static_cast<XmlStream*>(p); }
  void after_callback() {
    const XML_Index at = XML_GetCurrentByteIndex(parser_);
    if (at >= 0) progress_ = std::max(progress_, static_cast<std::uint64_t>(at));
    if (handler_->abort) {
      XML_StopParser(parser_, XML_FALSE);
    } else if (handler_->pause) {
      handler_->pause = false;
      XML_StopParser(parser_, XML_TRUE);
    }
  }
  static void on_start(void* p, const XML_Char* name, const XML_Char** attrs) {
    self(p)->handler_->start(local_name(name), attrs);
    self(p)->after_callback();
  }
  static void on_end(void* p, const XML_Char* name) {
    self(p)->handler_->end(local_name(name));
    self(p)->after_callback();
  }
  static void on_text(void* p, const XML_Char* s, int len) {
    self(p)->handler_->text(s, len);
    self(p)->after_callback();
  }
  static void on_other(void* p, const XML_Char*, int) { self(p)->after_callback(); }
  static void on_doctype(void* p, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    self(p)->doctype_ = true;
    XML_StopParser(self(p)->parser_, XML_FALSE);
  }

  zip_file_t* file_;
  Handler* handler_;
  Context* ctx_;
  std::optional<zip_uint64_t> stated_size_;
  XML_Parser parser_ = nullptr;
  std::uint64_t fed_ = 0;       // bytes given to expat
  std::uint64_t progress_ = 0;  // where the last reported piece of the document started
  bool last_fed_ = false, suspended_ = false, doctype_ = false;
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

// How a small part (rels, workbook, styles) read: its handler's result is usable only on kOk.
enum class PartRead { kOk, kMissing, kBroken };

// Streams a small part through `handler`. Errors that are limits (the inflated budget) come back
// as an Error; damage as kBroken.
Result<PartRead> read_part(const Zip& zip, Context& ctx, const std::string& name,
                           XmlStream::Handler& handler) {
  const auto index = zip.locate(name);
  if (!index) return PartRead::kMissing;
  zip_file_t* f = zip_fopen_index(zip.get(), *index, 0);
  if (f == nullptr) return PartRead::kBroken;
  XmlStream stream(f, &handler, &ctx, zip.stated_size(*index));
  switch (stream.run()) {
    case XmlStream::Step::kDone:
      return handler.abort ? PartRead::kBroken : PartRead::kOk;
    case XmlStream::Step::kTooMuchInflated:
      return ctx.too_much_inflated(name);
    default:
      return PartRead::kBroken;
  }
}

// The relationships of a part that are wanted: by type suffix ("/officeDocument") or by id,
// the first of each. Nothing else is kept, however many the part lists.
class RelsHandler final : public XmlStream::Handler {
 public:
  RelsHandler(std::string base_dir, std::vector<std::string> types, std::vector<std::string> ids)
      : dir_(std::move(base_dir)),
        types_(std::move(types)),
        ids_(std::move(ids)),
        by_type_(types_.size()),
        by_id_(ids_.size()) {}
  void start(std::string_view local, const XML_Char** attrs) override {
    if (local != "Relationship") return;
    const char* mode = find_attr(attrs, "TargetMode");
    if (mode != nullptr && std::string_view(mode) == "External") return;
    const char* target = find_attr(attrs, "Target");
    if (target == nullptr || std::strlen(target) > kMaxNameBytes) return;
    const std::string_view type = find_attr(attrs, "Type") ? find_attr(attrs, "Type") : "";
    const std::string_view id = find_attr(attrs, "Id") ? find_attr(attrs, "Id") : "";
    for (std::size_t i = 0; i < types_.size(); ++i)
      if (by_type_[i].empty() && type.ends_with(types_[i]))
        by_type_[i] = resolve_target(dir_, target);
    for (std::size_t i = 0; i < ids_.size(); ++i)
      if (by_id_[i].empty() && id == ids_[i]) by_id_[i] = resolve_target(dir_, target);
  }
  void end(std::string_view) override {}
  void text(const char*, int) override {}
  const std::string& of_type(std::size_t i) const { return by_type_[i]; }
  const std::string& of_id(std::size_t i) const { return by_id_[i]; }

 private:
  std::string dir_;
  std::vector<std::string> types_, ids_;
  std::vector<std::string> by_type_, by_id_;
};

std::string rels_name(const std::string& part) {
  const std::string dir = dir_of(part);
  return dir + "_rels/" + part.substr(dir.size()) + ".rels";
}

struct SheetInfo {
  std::string name, rel_id;
  bool hidden = false;
};

// workbook.xml: the sheets in order and the date system.
class WorkbookHandler final : public XmlStream::Handler {
 public:
  void start(std::string_view local, const XML_Char** attrs) override {
    if (local == "workbookPr") {
      const char* v = find_attr(attrs, "date1904");
      date1904 = v != nullptr && (std::string_view(v) == "1" || std::string_view(v) == "true");
    } else if (local == "sheet") {
      const char* name = find_attr(attrs, "name");
      const char* id = find_attr_local(attrs, "id", true);
      if (sheets.size() >= kMaxSheets || (name && std::strlen(name) > kMaxNameBytes) ||
          (id && std::strlen(id) > kMaxNameBytes)) {
        abort = true;  // no workbook has this: the part is damaged
        return;
      }
      const char* state = find_attr(attrs, "state");
      const std::string_view s = state ? state : "";
      sheets.push_back(
          {sanitize_utf8(name ? name : ""), id ? id : "", s == "hidden" || s == "veryHidden"});
    }
  }
  void end(std::string_view) override {}
  void text(const char*, int) override {}

  std::vector<SheetInfo> sheets;
  bool date1904 = false;
};

// ---- shared strings ------------------------------------------------------------------------

// The shared strings back to back in one buffer, with where each ends: 4 bytes of index a
// string instead of a std::string's 32, and no allocation per string. The buffer is reserved at
// the limit (address space only: pages are backed as they are written), so it never moves and
// never exists twice while growing.
class SharedStrings {
 public:
  void reserve(std::size_t count, std::size_t bytes) {
    ends_.reserve(count);
    text_.reserve(bytes);
  }
  std::size_t size() const { return ends_.size(); }
  std::size_t bytes() const { return text_.size(); }
  void add(std::string_view s) {
    text_.append(s);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }
  std::string_view operator[](std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_).substr(begin, ends_[i] - begin);
  }

 private:
  std::string text_;
  std::vector<std::uint32_t> ends_;
};

class SharedStringsHandler final : public XmlStream::Handler {
 public:
  SharedStringsHandler(SharedStrings& out, const Context& ctx) : out_(out), ctx_(ctx) {
    // The index is 32-bit: a limit set higher than that is held at 4 GiB − 1.
    max_bytes_ = std::min<std::uint64_t>(ctx.limits.max_shared_string_bytes,
                                         std::numeric_limits<std::uint32_t>::max());
  }
  void start(std::string_view local, const XML_Char**) override {
    if (local == "si") {
      if (out_.size() >= ctx_.limits.max_shared_strings) {
        fail(ctx_.limit("too_many_shared_strings", "", "共享字符串表的条目数",
                        format_count(ctx_.limits.max_shared_strings) + " 个（共享字符串数上限）"));
        return;
      }
      in_si_ = true;
      cur_.clear();
    } else if (local == "rPh") {
      ++phonetic_;  // furigana runs are not part of the text
    } else if (local == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void end(std::string_view local) override {
    if (local == "si" && in_si_) {
      const std::string text = decode_ooxml_escapes(std::move(cur_));
      cur_.clear();
      in_si_ = false;
      if (out_.bytes() + text.size() > max_bytes_) {
        fail(ctx_.limit("shared_strings_too_large", "", "共享字符串表的文字合计",
                        format_bytes(max_bytes_) + "（共享字符串总量上限）"));
        return;
      }
      out_.add(text);
    } else if (local == "rPh") {
      if (phonetic_ > 0) --phonetic_;
    } else if (local == "t") {
      in_t_ = false;
    }
  }
  void text(const char* s, int len) override {
    if (!in_t_ || abort) return;
    cur_.append(s, static_cast<std::size_t>(len));
    if (cur_.size() > ctx_.limits.max_cell_bytes)
      fail(ctx_.limit("cell_too_long", "共享字符串表第 " + format_count(out_.size() + 1) + " 项",
                      "单元格文字",
                      format_bytes(ctx_.limits.max_cell_bytes) +
                          "（单元格文字上限；Excel 一格最多 32,767 个字）"));
  }

  const std::optional<Error>& error() const { return error_; }

 private:
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
    abort = true;
  }

  SharedStrings& out_;
  const Context& ctx_;
  std::uint64_t max_bytes_;
  std::string cur_;
  bool in_si_ = false, in_t_ = false;
  int phonetic_ = 0;
  std::optional<Error> error_;
};

// ---- styles --------------------------------------------------------------------------------

// styles.xml: which cell formats (xf, by index) show dates. Only the number format of each is
// kept, and the custom formats' verdicts, not their codes.
class StylesHandler final : public XmlStream::Handler {
 public:
  void start(std::string_view local, const XML_Char** attrs) override {
    if (local == "numFmt" && in_num_fmts_) {
      if (custom_.size() >= kMaxNumberFormats) {
        abort = true;
        return;
      }
      const char* id = find_attr(attrs, "numFmtId");
      const char* code = find_attr(attrs, "formatCode");
      const int n = id ? std::atoi(id) : -1;
      custom_.emplace_back(n, is_date_format(n, code ? code : ""));
    } else if (local == "numFmts") {
      in_num_fmts_ = true;
    } else if (local == "cellXfs") {
      in_cell_xfs_ = true;
      depth_ = 0;
    } else if (in_cell_xfs_) {
      if (depth_++ == 0 && local == "xf") {
        if (xf_formats_.size() >= kMaxCellFormats) {
          abort = true;
          return;
        }
        const char* id = find_attr(attrs, "numFmtId");
        xf_formats_.push_back(id ? std::atoi(id) : 0);
      }
    }
  }
  void end(std::string_view local) override {
    if (local == "numFmts") {
      in_num_fmts_ = false;
    } else if (local == "cellXfs") {
      in_cell_xfs_ = false;
    } else if (in_cell_xfs_ && depth_ > 0) {
      --depth_;
    }
  }
  void text(const char*, int) override {}

  // Per cell format: whether it shows a date (a custom format of the same id wins, the last one
  // if several).
  std::vector<bool> date_formats() const {
    std::unordered_map<int, bool> custom;
    for (const auto& [id, date] : custom_) custom[id] = date;
    std::vector<bool> out;
    out.reserve(xf_formats_.size());
    for (const int id : xf_formats_) {
      const auto it = custom.find(id);
      out.push_back(it != custom.end() ? it->second : is_date_format(id, ""));
    }
    return out;
  }

 private:
  std::vector<std::pair<int, bool>> custom_;
  std::vector<int> xf_formats_;
  bool in_num_fmts_ = false, in_cell_xfs_ = false;
  int depth_ = 0;
};

// ---- merged cells: the cheap first pass ----------------------------------------------------

struct Merge {
  std::int32_t r1, r2, c1, c2;
};

// false: the range is not one the reader repeats (malformed, one cell, too large).
bool parse_merge(std::string_view ref, Merge& m) {
  const std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos) return false;
  int c1, c2;
  long r1, r2;
  if (!parse_cell_ref(ref.substr(0, colon), c1, r1) ||
      !parse_cell_ref(ref.substr(colon + 1), c2, r2) || r1 == 0 || r2 == 0)
    return false;
  if (r2 < r1) std::swap(r1, r2);
  if (c2 < c1) std::swap(c1, c2);
  if ((r2 - r1 + 1) * static_cast<long>(c2 - c1 + 1) > kMaxMergeCells) return false;
  if (r1 == r2 && c1 == c2) return false;
  m = {static_cast<std::int32_t>(r1), static_cast<std::int32_t>(r2), c1, c2};
  return true;
}

// <mergeCells> follows <sheetData>, so the ranges are collected by scanning the decompressed
// sheet for "mergeCell" tags without parsing XML; the real parse then fills merged cells as rows
// stream past. This pass is the one that counts the sheet's inflated bytes.
//
// A run of more than kMaxXmlToken bytes without a '<' is no real sheet's (a cell holds at most
// 32,767 characters, some 200 KB escaped): the scan stops there (`cut`) rather than inflate a
// gigabyte of one cell before the parse can refuse it. The parse then fails at that cell or, if
// it gets past it, at the end of the sheet, so no sheet is read whole with ranges unseen.
Status scan_merges(const Zip& zip, zip_uint64_t index, Context& ctx, const std::string& part,
                   const std::string& sheet_name, std::vector<Merge>& merges, bool& cut) {
  cut = false;
  std::uint64_t since_lt = 0;                           // bytes since the last '<'
  const Error broken = make_error("file_corrupt", "");  // replaced by the caller's wording
  zip_file_t* f = zip_fopen_index(zip.get(), index, 0);
  if (f == nullptr) return broken;
  const auto stated = zip.stated_size(index);
  std::string window;
  std::vector<char> buf(kChunk);
  std::uint64_t read = 0;
  Status result;
  while (result.ok()) {
    const zip_int64_t got = zip_fread(f, buf.data(), buf.size());
    if (got < 0) {
      result = broken;
      break;
    }
    if (got == 0) break;
    read += static_cast<std::uint64_t>(got);
    ctx.inflated += static_cast<std::uint64_t>(got);
    if (stated && read > *stated) {
      result = broken;
      break;
    }
    if (ctx.inflated > ctx.limits.max_decompressed_bytes) {
      result = ctx.too_much_inflated(part);
      break;
    }
    if (const void* lt = ::memrchr(buf.data(), '<', static_cast<std::size_t>(got))) {
      since_lt = static_cast<std::uint64_t>(buf.data() + got - static_cast<const char*>(lt) - 1);
    } else {
      since_lt += static_cast<std::uint64_t>(got);
    }
    if (since_lt > kMaxXmlToken) {
      cut = true;
      break;
    }
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
        Merge m;
        if ((q == '"' || q == '\'') && end != std::string_view::npos &&
            parse_merge(tag_text.substr(r + 5, end - r - 5), m)) {
          if (merges.size() >= ctx.limits.max_merged_ranges) {
            result = ctx.limit(
                "too_many_merged_ranges", "工作表“" + sheet_name + "”", "合并单元格的数目",
                format_count(ctx.limits.max_merged_ranges) + " 处（合并单元格上限）");
            break;
          }
          merges.push_back(m);
        }
      }
      at = close;
    }
    window.erase(0, keep_from);
  }
  zip_fclose(f);
  std::sort(merges.begin(), merges.end(),
            [](const Merge& a, const Merge& b) { return a.r1 < b.r1; });
  return result;
}

// ---- the sheet -----------------------------------------------------------------------------

std::size_t text_bytes(const SheetRow& row) {
  std::size_t n = 0;
  for (const auto& c : row.cells) n += c.size();
  return n;
}

// What a row holds in memory, for the queue's budget.
std::size_t memory_of(const SheetRow& row) {
  return sizeof(SheetRow) + row.cells.capacity() * sizeof(std::string) + text_bytes(row);
}

class SheetHandler final : public XmlStream::Handler {
 public:
  SheetHandler(const SharedStrings& shared, const std::vector<bool>& date_xf, bool date1904,
               std::vector<Merge> merges, const Context& ctx, std::string sheet_name)
      : shared_(shared),
        date_xf_(date_xf),
        date1904_(date1904),
        merges_(std::move(merges)),
        ctx_(ctx),
        limits_(ctx.limits),
        sheet_name_(std::move(sheet_name)) {}

  bool failed() const { return error_.has_value() || !damage_.empty(); }
  // A limit that was hit (its own code), or else damage described for file_corrupt.
  const std::optional<Error>& limit_error() const { return error_; }
  const std::string& damage() const { return damage_; }
  bool sheet_done() const { return sheet_done_; }

  // Rows ready for the caller, in order.
  bool pop(SheetRow& row) {
    if (out_.empty()) return false;
    row = std::move(out_.front());
    out_.pop_front();
    queued_ -= std::min(queued_, row_memory_.front());
    row_memory_.pop_front();
    return true;
  }

  // Rows absent from the XML but covered by a merge, still to be handed out before the row that
  // follows them (see fill_gap).
  bool gap_pending() const { return gap_next_ <= gap_end_; }

  // Hands out the gap's rows while the queue has room. True when the gap is done (or failed).
  bool produce_gap() {
    while (gap_next_ <= gap_end_ && !failed()) {
      if (queued_ >= kQueueBytes) return false;
      long reach = 0;
      for (const Active& a : active_) reach = std::max<long>(reach, merges_[a.index].r2);
      if (gap_next_ > reach) {
        gap_next_ = gap_end_ + 1;
        break;
      }
      SheetRow synthetic;
      synthetic.number = gap_next_++;
      std::size_t bytes = 0;
      if (!apply_merges(synthetic, bytes)) return true;
      trim(synthetic);
      if (!synthetic.cells.empty()) push(std::move(synthetic));
    }
    if (row_waits_ && !failed()) {
      row_waits_ = false;
      finish_row();
    }
    return true;
  }

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
        damage("行号 " + sanitize_utf8(find_attr(attrs, "r") ? find_attr(attrs, "r") : "") +
               " 不合法或顺序错乱");
        return;
      }
      if (r > limits_.max_rows) {
        fail(ctx_.limit(
            "too_many_rows", where(r), "行数",
            format_count(static_cast<std::uint64_t>(limits_.max_rows)) + " 行（行数上限）"));
        return;
      }
      in_row_ = true;
      row_.number = r;
      row_.cells.clear();
      row_bytes_ = 0;
      last_col_ = -1;
      fill_gap(r);
    } else if (local == "c" && in_row_) {
      if (++cells_ > limits_.max_cells) {
        fail(ctx_.limit("too_many_cells", where(row_.number), "工作表的单元格数（含空单元格）",
                        format_count(limits_.max_cells) + " 个（单元格数上限）"));
        return;
      }
      int col = last_col_ + 1;
      if (const char* a = find_attr(attrs, "r"); a && *a) {
        long rr = 0;
        if (!parse_cell_ref(a, col, rr)) {
          damage("单元格引用“" + sanitize_utf8(a) + "”不合法");
          return;
        }
      }
      if (col >= kMaxColumns) {
        damage("列数超过 Excel 的上限");
        return;
      }
      if (static_cast<std::size_t>(col) >= limits_.max_columns) {
        fail(ctx_.limit("too_many_columns", where(row_.number, col), "列数",
                        format_count(limits_.max_columns) + " 列（列数上限）"));
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
      in_row_ = false;
      // An empty <row/> whose gap is still being handed out ends at once (expat reports the end
      // of an empty element even when paused at its start): it waits for the gap.
      if (gap_pending()) {
        row_waits_ = true;
      } else {
        finish_row();
      }
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
    if (failed()) return;
    std::string* into = in_v_ ? &value_ : in_t_ ? &inline_ : nullptr;
    if (into == nullptr) return;
    into->append(s, static_cast<std::size_t>(len));
    if (into->size() > limits_.max_cell_bytes) cell_too_long();
  }

 private:
  struct Active {
    std::size_t index;  // into merges_
    std::string value;  // the top-left cell's text
  };

  std::string where(long row, int col = -1) const {
    return "工作表“" + sheet_name_ + "”第 " + format_count(static_cast<std::uint64_t>(row)) +
           " 行" + (col >= 0 ? " " + column_name(static_cast<std::size_t>(col)) + " 列" : "");
  }
  void fail(Error e) {
    if (!error_) error_ = std::move(e);
    abort = true;
  }
  void damage(std::string what) {
    if (damage_.empty()) damage_ = std::move(what);
    abort = true;
  }
  void cell_too_long() {
    fail(ctx_.limit(
        "cell_too_long", where(row_.number, col_), "单元格文字",
        format_bytes(limits_.max_cell_bytes) + "（单元格文字上限；Excel 一格最多 32,767 个字）"));
  }
  void row_too_long(long row) {
    fail(ctx_.limit("row_too_long", where(row), "一行的文字合计（含合并单元格重复的内容）",
                    format_bytes(limits_.max_row_bytes) + "（每行文字上限）"));
  }

  // Sets a cell of `row`, whose text so far is `bytes`; false when the row grows past the limit.
  // `text` is moved in (a cell's own text) or copied (a merged value).
  template <typename Text>
  bool set_cell(SheetRow& row, std::size_t col, Text&& text, std::size_t& bytes) {
    const std::size_t old = col < row.cells.size() ? row.cells[col].size() : 0;
    const std::size_t size = std::string_view(text).size();
    if (bytes - old + size > limits_.max_row_bytes) {
      row_too_long(row.number);
      return false;
    }
    if (row.cells.size() <= col) row.cells.resize(col + 1);
    row.cells[col] = std::forward<Text>(text);
    bytes = bytes - old + size;
    return true;
  }

  void finish_cell() {
    std::string text;
    if (type_ == "s") {
      long i;
      if (parse_long(value_, i) && static_cast<std::size_t>(i) < shared_.size())
        text = shared_[static_cast<std::size_t>(i)];
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
    if (text.size() > limits_.max_cell_bytes) {
      cell_too_long();
      return;
    }
    set_cell(row_, static_cast<std::size_t>(col_), std::move(text), row_bytes_);
  }

  // Rows absent from the XML are empty, and are not reported, unless a merge spans them: then
  // they carry the merged value like any other row of the range. They are handed out as the
  // queue has room (a merge may span a million missing rows), before the row that follows.
  void fill_gap(long next_row) {
    gap_next_ = last_row_ + 1;
    gap_end_ = next_row - 1;
    last_row_ = next_row - 1;
    if (!produce_gap()) pause = true;
  }

  // Repeats the active merges' values into `row` (whose text is `bytes`); false on a limit.
  bool apply_merges(SheetRow& row, std::size_t& bytes) {
    const long r = row.number;
    while (next_merge_ < merges_.size() && merges_[next_merge_].r1 <= r) {
      const Merge& m = merges_[next_merge_];
      // A merge whose top-left row is missing has nothing to copy.
      if (m.r1 == r && static_cast<std::size_t>(m.c1) < row.cells.size() &&
          !row.cells[m.c1].empty()) {
        // Well-formed merges do not overlap, so their values together are text of this row;
        // overlapping ones are held to the same limit.
        active_bytes_ += row.cells[m.c1].size();
        if (active_bytes_ > limits_.max_row_bytes) {
          row_too_long(r);
          return false;
        }
        active_.push_back({next_merge_, row.cells[m.c1]});
      }
      ++next_merge_;
    }
    for (const Active& a : active_) {
      const Merge& m = merges_[a.index];
      if (r < m.r1 || r > m.r2) continue;
      for (int c = m.c1; c <= m.c2; ++c)
        if (!set_cell(row, static_cast<std::size_t>(c), a.value, bytes)) return false;
    }
    std::erase_if(active_, [&](const Active& a) {
      if (merges_[a.index].r2 > r) return false;
      active_bytes_ -= a.value.size();
      return true;
    });
    return true;
  }

  static void trim(SheetRow& row) {
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
  }

  void push(SheetRow row) {
    const std::size_t bytes = memory_of(row);
    queued_ += bytes;
    row_memory_.push_back(bytes);
    out_.push_back(std::move(row));
    if (queued_ >= kQueueBytes) pause = true;
  }

  void finish_row() {
    if (!apply_merges(row_, row_bytes_)) return;
    trim(row_);
    last_row_ = row_.number;
    push(std::move(row_));
    row_ = SheetRow{};
  }

  const SharedStrings& shared_;
  const std::vector<bool>& date_xf_;
  bool date1904_;
  std::vector<Merge> merges_;
  std::size_t next_merge_ = 0;
  std::vector<Active> active_;
  std::size_t active_bytes_ = 0;
  const Context& ctx_;
  const ReadLimits& limits_;
  std::string sheet_name_;

  std::deque<SheetRow> out_;
  std::deque<std::size_t> row_memory_;  // memory_of each queued row
  std::size_t queued_ = 0;
  long gap_next_ = 1, gap_end_ = 0;
  bool row_waits_ = false;

  std::optional<Error> error_;
  std::string damage_;
  bool in_data_ = false, sheet_done_ = false, in_row_ = false, in_cell_ = false;
  bool in_v_ = false, in_is_ = false, in_t_ = false;
  int phonetic_ = 0;
  long last_row_ = 0;
  int last_col_ = -1;
  SheetRow row_;
  std::size_t row_bytes_ = 0;
  std::uint64_t cells_ = 0;
  int col_ = 0;
  long style_ = -1;
  std::string type_, value_, inline_;
};

class XlsxReader final : public RowReader {
 public:
  XlsxReader(std::unique_ptr<Zip> zip, Context ctx) : zip_(std::move(zip)), ctx_(std::move(ctx)) {}

  Status init(const ReadOptions& options) {
    // The workbook part: _rels/.rels says where it is; nearly always xl/workbook.xml.
    std::string workbook;
    {
      RelsHandler root("", {"/officeDocument"}, {});
      auto read = read_part(*zip_, ctx_, "_rels/.rels", root);
      if (!read) return read.error();
      if (read.value() == PartRead::kOk) workbook = root.of_type(0);
    }
    if (workbook.empty() || !zip_->locate(workbook)) workbook = "xl/workbook.xml";
    WorkbookHandler book;
    {
      auto read = read_part(*zip_, ctx_, workbook, book);
      if (!read) return read.error();
      if (read.value() == PartRead::kMissing) return not_a_workbook();
      if (read.value() == PartRead::kBroken) return corrupt("工作簿目录");
    }
    if (book.sheets.empty()) return corrupt("工作表列表");

    const SheetInfo* chosen = nullptr;
    if (options.sheet.empty()) {
      // The first sheet a clerk can see; a hidden first sheet is usually a lookup table.
      for (const auto& s : book.sheets)
        if (!s.hidden && chosen == nullptr) chosen = &s;
      if (chosen == nullptr) chosen = &book.sheets.front();
    } else {
      for (const auto& s : book.sheets)
        if (s.name == options.sheet && chosen == nullptr) chosen = &s;
      if (chosen == nullptr) return sheet_not_found(options.sheet, book.sheets);
    }
    sheet_name_ = chosen->name;

    RelsHandler rels(dir_of(workbook), {"/sharedStrings", "/styles"}, {chosen->rel_id});
    bool rels_ok = false;
    {
      auto read = read_part(*zip_, ctx_, rels_name(workbook), rels);
      if (!read) return read.error();
      rels_ok = read.value() == PartRead::kOk;
    }
    const std::string sheet_part = chosen->rel_id.empty() || !rels_ok ? "" : rels.of_id(0);
    const auto sheet_index = sheet_part.empty() ? std::nullopt : zip_->locate(sheet_part);
    if (!sheet_index) return corrupt("工作表“" + sheet_name_ + "”");

    // Shared strings: loaded whole (a list's strings are needed in any order), via expat so the
    // cost is the strings themselves, not a DOM.
    std::string sst = rels_ok ? rels.of_type(0) : "";
    if (sst.empty() && zip_->locate(dir_of(workbook) + "sharedStrings.xml"))
      sst = dir_of(workbook) + "sharedStrings.xml";
    if (!sst.empty()) {
      if (Status s = load_shared_strings(sst); !s) return s;
    }
    std::string styles = rels_ok ? rels.of_type(1) : "";
    if (styles.empty()) styles = dir_of(workbook) + "styles.xml";
    {
      // Number formats only tell dates apart: a styles part that cannot be read leaves numbers
      // as numbers, as before.
      StylesHandler handler;
      auto read = read_part(*zip_, ctx_, styles, handler);
      if (!read) return read.error();
      if (read.value() == PartRead::kOk) date_xf_ = handler.date_formats();
    }

    std::vector<Merge> merges;
    if (Status s =
            scan_merges(*zip_, *sheet_index, ctx_, sheet_part, sheet_name_, merges, scan_cut_);
        !s)
      return s.error().code == "file_corrupt" ? corrupt("工作表“" + sheet_name_ + "”") : s;
    handler_ = std::make_unique<SheetHandler>(shared_, date_xf_, book.date1904, std::move(merges),
                                              ctx_, sheet_name_);
    zip_file_t* f = zip_fopen_index(zip_->get(), *sheet_index, 0);
    if (f == nullptr) return corrupt("工作表“" + sheet_name_ + "”");
    // Already counted by the merge scan: the same bytes again.
    stream_ =
        std::make_unique<XmlStream>(f, handler_.get(), nullptr, zip_->stated_size(*sheet_index));
    return {};
  }

  bool next(SheetRow& row) override {
    while (!handler_->pop(row)) {
      if (!status_.ok() || done_) return false;
      if (handler_->gap_pending()) {
        handler_->produce_gap();
      } else {
        handler_->pause = false;  // asked for outside a callback (the gap above): nothing to pause
        const XmlStream::Step step = stream_->step();
        if (handler_->limit_error()) {
          status_ = *handler_->limit_error();
        } else if (handler_->failed()) {
          status_ = corrupt("工作表“" + sheet_name_ + "”（" + handler_->damage() + "）");
        } else if (step == XmlStream::Step::kTokenTooLong) {
          status_ = corrupt("工作表“" + sheet_name_ + "”第 " + std::to_string(stream_->xml_line()) +
                            " 行 XML 有一段超过 1 MB");
        } else if (step != XmlStream::Step::kMore && step != XmlStream::Step::kDone) {
          status_ = corrupt("工作表“" + sheet_name_ + "”第 " + std::to_string(stream_->xml_line()) +
                            " 行 XML");
        } else if (step == XmlStream::Step::kDone || handler_->sheet_done()) {
          done_ = !handler_->gap_pending();
          // The merge scan stopped at an overlong run that the parse did not refuse (text
          // outside any cell): the ranges after it are unknown.
          if (done_ && scan_cut_)
            status_ = corrupt("工作表“" + sheet_name_ + "”（有一段超过 1 MB 的文字）");
        }
      }
      if (handler_->limit_error() && status_.ok()) status_ = *handler_->limit_error();
      // Rows parsed before an error are still handed out; the error follows them.
    }
    return true;
  }

  Status status() const override { return status_; }
  std::string description() const override { return "xlsx，工作表“" + sheet_name_ + "”"; }
  std::string encoding() const override { return ""; }

 private:
  Status load_shared_strings(const std::string& part) {
    const auto index = zip_->locate(part);
    zip_file_t* f = index ? zip_fopen_index(zip_->get(), *index, 0) : nullptr;
    if (f == nullptr) return {};
    const auto stated = zip_->stated_size(*index);
    // The text is no longer than the part; what the limits allow is reserved (see
    // SharedStrings), the index for as many <si> as the part could hold.
    const std::uint64_t part_bytes = stated.value_or(ctx_.limits.max_shared_string_bytes);
    shared_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(ctx_.limits.max_shared_strings,
                                                                     part_bytes / 5 + 1)),
                    static_cast<std::size_t>(
                        std::min<std::uint64_t>({ctx_.limits.max_shared_string_bytes, part_bytes,
                                                 std::numeric_limits<std::uint32_t>::max()})));
    SharedStringsHandler handler(shared_, ctx_);
    XmlStream stream(f, &handler, &ctx_, stated);
    const XmlStream::Step step = stream.run();
    if (handler.error()) return *handler.error();
    if (step == XmlStream::Step::kTooMuchInflated) return ctx_.too_much_inflated(part);
    if (step != XmlStream::Step::kDone) return corrupt("共享字符串表");
    return {};
  }

  Error corrupt(const std::string& what) const {
    return make_error("file_corrupt", quoted_file_name(ctx_.name) + "已损坏（" + what +
                                          "读不出来）：请用 Excel 或 WPS 打开后另存为 .xlsx "
                                          "再导入；若打不开，请向发送方重新索取");
  }

  Error not_a_workbook() const {
    // An OpenDocument spreadsheet is a zip too; say what it is.
    if (const auto mime = zip_->read_small("mimetype", 4096);
        mime && mime->find("opendocument.spreadsheet") != std::string::npos)
      return make_error("file_not_spreadsheet",
                        quoted_file_name(ctx_.name) +
                            "是 OpenDocument 表格（.ods），不是 Excel 工作簿：请用 WPS 或 "
                            "LibreOffice 打开后另存为 .xlsx 再导入");
    return make_error("file_not_spreadsheet",
                      quoted_file_name(ctx_.name) +
                          "是压缩包，但不是 Excel 工作簿（可能是 Word 文档或普通 zip）：请导入 "
                          ".xlsx、.xls 或 .csv 名单；若它是解压前的压缩包，请先解压");
  }

  Error sheet_not_found(const std::string& wanted, const std::vector<SheetInfo>& sheets) const {
    std::string names;
    for (const auto& s : sheets) names += (names.empty() ? "“" : "、“") + s.name + "”";
    return make_error("sheet_not_found", quoted_file_name(ctx_.name) + "中没有名为“" + wanted +
                                             "”的工作表；现有工作表：" + names +
                                             "。请指定其中之一");
  }

  std::unique_ptr<Zip> zip_;
  Context ctx_;
  std::string sheet_name_;
  SharedStrings shared_;
  std::vector<bool> date_xf_;
  std::unique_ptr<SheetHandler> handler_;
  std::unique_ptr<XmlStream> stream_;
  bool scan_cut_ = false;  // see scan_merges
  bool done_ = false;
  Status status_;
};

Result<std::unique_ptr<RowReader>> finish_open(zip_t* za, const std::string& name,
                                               const ReadOptions& options) {
  auto reader =
      std::make_unique<XlsxReader>(std::make_unique<Zip>(za), Context{name, options.limits, 0});
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
  // libzip reads the whole central directory on opening: its size is checked first.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st {};
    Status entries;
    if (::fstat(fd, &st) == 0) {
      const Context ctx{name, options.limits, 0};
      entries = check_zip_entries(ctx, static_cast<std::uint64_t>(st.st_size),
                                  [fd](std::uint64_t offset, std::size_t n, std::string& out) {
                                    out.assign(n, '\0');
                                    std::size_t got = 0;
                                    while (got < n) {
                                      const ssize_t r = ::pread(fd, out.data() + got, n - got,
                                                                static_cast<off_t>(offset + got));
                                      if (r < 0 && errno == EINTR) continue;
                                      if (r < 0) return false;
                                      if (r == 0) break;
                                      got += static_cast<std::size_t>(r);
                                    }
                                    out.resize(got);
                                    return true;
                                  });
    }
    ::close(fd);
    if (!entries) return entries.error();
  }
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  if (za == nullptr) return zip_broken(name);
  return finish_open(za, name, options);
}

Result<std::unique_ptr<RowReader>> open_xlsx_bytes(std::string_view bytes, const std::string& name,
                                                   const ReadOptions& options) {
  const Context ctx{name, options.limits, 0};
  if (Status s =
          check_zip_entries(ctx, bytes.size(),
                            [bytes](std::uint64_t offset, std::size_t n, std::string& out) {
                              out.clear();
                              if (offset < bytes.size())
                                out.assign(bytes.substr(static_cast<std::size_t>(offset), n));
                              return true;
                            });
      !s)
    return s.error();
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
