#include "ingest/csv_ranges.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "ingest/encoding.h"
#include "ingest/reader_util.h"

namespace baoxue::ingest {
namespace {

// A record this long is no list row; the streaming reader decides what it is (it refuses
// records over ReadLimits::max_line_bytes).
constexpr std::size_t kMaxRecordBytes = 1 << 20;

// How far past a nominal cut to look for a line end before giving up on cutting there.
constexpr std::size_t kCutSearchBytes = 1 << 20;

bool cuttable(const CsvFormat& f) { return f.encoding == "utf-8" || f.encoding == "gb18030"; }

// Reads exactly n bytes at offset (fewer only at the end of the file); false on a read error.
bool read_at(int fd, std::uint64_t offset, char* buf, std::size_t n, std::size_t* got) {
  *got = 0;
  while (*got < n) {
    const ssize_t r = ::pread(fd, buf + *got, n - *got, static_cast<off_t>(offset + *got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) break;
    *got += static_cast<std::size_t>(r);
  }
  return true;
}

Error unreadable(const std::string& path) {
  return make_error("file_corrupt", "读取" + quoted_file_name(path) +
                                        "时出错：请确认文件完整（例如已下载完毕）后重试");
}

}  // namespace

Result<std::vector<CsvRange>> cut_csv_file(const std::string& path, const CsvFormat& format,
                                           std::size_t range_bytes) {
  std::vector<CsvRange> ranges;
  if (!cuttable(format)) return ranges;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return make_error("file_not_found", "无法打开" + quoted_file_name(path) +
                                            "（没有读取权限或正被占用）：请关闭正在使用它的"
                                            "程序，或把文件复制到别处后再导入");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return unreadable(path);
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  range_bytes = std::max<std::size_t>(range_bytes, 1);
  std::string window(4096, '\0');  // a line end is usually within a few hundred bytes
  std::uint64_t begin = std::min<std::uint64_t>(format.bom_length, size);
  // The last range takes up to one and a half ranges' worth rather than leave a sliver.
  while (size - begin > range_bytes + range_bytes / 2) {
    const std::uint64_t nominal = begin + range_bytes;
    std::uint64_t cut = 0;
    for (std::uint64_t at = nominal; cut == 0 && at < size && at - nominal < kCutSearchBytes;) {
      std::size_t got = 0;
      if (!read_at(fd, at, window.data(), window.size(), &got)) {
        ::close(fd);
        return unreadable(path);
      }
      if (got == 0) break;
      if (const void* nl = std::memchr(window.data(), '\n', got))
        cut = at + static_cast<std::uint64_t>(static_cast<const char*>(nl) - window.data()) + 1;
      at += got;
    }
    if (cut == 0 || cut >= size) break;  // no line end near: the rest is one range
    ranges.push_back({begin, cut});
    begin = cut;
  }
  ranges.push_back({begin, size});
  ::close(fd);
  return ranges;
}

CsvRangeReader::~CsvRangeReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool CsvRangeReader::load(const std::string& path, const CsvFormat& format, const CsvRange& range,
                          bool last, const ReadLimits& limits) {
  last_ = last;
  max_record_bytes_ =
      limits.max_line_bytes < kMaxRecordBytes ? limits.max_line_bytes + 1 : kMaxRecordBytes;
  max_cell_bytes_ = limits.max_cell_bytes;
  max_row_bytes_ = limits.max_row_bytes;
  lines_ = 0;
  text_.clear();
  if (!cuttable(format) || range.end < range.begin) return false;
  if (fd_ >= 0 && path != path_) {
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ < 0) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    path_ = path;
  }
  if (fd_ < 0) return false;
  parser_ = CsvRecordParser(format.delimiter, limits.max_columns);
  const auto n = static_cast<std::size_t>(range.end - range.begin);
  if (raw_.size() < n) {
    raw_.reserve(n);
    prefault(raw_.data(), raw_.capacity());
    raw_.resize(n);
  }
  std::size_t got = 0;
  if (!read_at(fd_, range.begin, raw_.data(), n, &got) || got != n) return false;
  // The decoders ask for twice the input's size as room to decode into.
  if (text_.capacity() < 2 * n + 64) {
    text_.reserve(2 * n + 64);
    prefault(text_.data(), text_.capacity());
  }
  // Every range but the last ends at a line end, so a character cut short is an error in each.
  auto decoder = make_decoder(format.encoding);
  if (decoder == nullptr || !decoder->decode(std::string_view(raw_.data(), n), true, text_))
    return false;
  lines_ = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
  return true;
}

bool CsvRangeReader::parse(const std::function<void(const CsvCells&)>& on_record) {
  using Parse = CsvRecordParser::Parse;
  std::size_t pos = 0;
  while (true) {
    const std::size_t start = pos;
    switch (parser_.parse(text_, pos, last_, row_)) {
      case Parse::kRecord:
        if (pos - start >= max_record_bytes_) return false;
        {
          std::size_t bytes = 0;
          for (std::string_view cell : row_.cells()) {
            if (cell.size() > max_cell_bytes_) return false;
            bytes += cell.size();
          }
          if (bytes > max_row_bytes_) return false;
        }
        on_record(row_);
        break;
      case Parse::kEnd:
        return true;
      case Parse::kNeedMore:
        // Not the last range: it stands on its own if its last record ended at its end.
        return pos == text_.size();
      case Parse::kUnterminated:
      case Parse::kTooManyCells:
        return false;
    }
  }
}

}  // namespace baoxue::ingest
