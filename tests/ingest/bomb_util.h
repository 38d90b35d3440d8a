// Crafted files for the limit specifications: zips whose members inflate to gigabytes from a
// megabyte, byte sources that would go on for a gigabyte, and a child process that reads a file
// and reports its peak memory.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "ingest/reader_util.h"
#include "ingest/row_reader.h"

namespace baoxue::ingest::testing {

// A zip member: `prefix`, then `piece` `count` times, then `suffix`.
struct BombPart {
  std::string name;
  std::string prefix;
  std::string piece;
  std::uint64_t count = 0;
  std::string suffix;
};

namespace bomb_detail {

// Raw deflate of `in`, ending with a full flush (the output stands alone: it refers to nothing
// before it and ends on a byte boundary) or with the final block.
inline std::string deflate_piece(z_stream& z, const std::string& in, int flush) {
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    deflate(&z, flush);
    out.append(buf, sizeof buf - z.avail_out);
  } while (z.avail_out == 0 || z.avail_in > 0);
  return out;
}

// crc32 of `piece` repeated `count` times, by doubling.
inline uLong repeated_crc(uLong crc_piece, std::uint64_t len, std::uint64_t count) {
  uLong result = 0;
  bool have = false;
  uLong block = crc_piece;
  std::uint64_t block_len = len;
  for (std::uint64_t n = count; n > 0; n >>= 1) {
    if (n & 1) {
      result = have ? crc32_combine(result, block, static_cast<z_off_t>(block_len)) : block;
      have = true;
    }
    block = crc32_combine(block, block, static_cast<z_off_t>(block_len));
    block_len *= 2;
  }
  return have ? result : 0;
}

inline void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& s, std::uint64_t v) {
  put16(s, static_cast<unsigned>(v & 0xFFFF));
  put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}

}  // namespace bomb_detail

// Writes a zip whose members inflate to prefix + piece × count + suffix while the file holds the
// piece's deflated form `count` times (a 1 MiB piece of one letter deflates to about 1 KB). Sizes
// must stay under 4 GiB (no zip64). Returns the file's size.
inline std::uint64_t write_bomb_zip(const std::string& path, const std::vector<BombPart>& parts) {
  using namespace bomb_detail;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  std::string central;
  std::uint64_t offset = 0;
  for (const BombPart& p : parts) {
    z_stream z{};
    EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
    const std::string head = deflate_piece(z, p.prefix, Z_FULL_FLUSH);
    const std::string body = p.count > 0 ? deflate_piece(z, p.piece, Z_FULL_FLUSH) : "";
    const std::string tail = deflate_piece(z, p.suffix, Z_FINISH);
    deflateEnd(&z);
    const std::uint64_t size = p.prefix.size() + p.piece.size() * p.count + p.suffix.size();
    const std::uint64_t packed = head.size() + body.size() * p.count + tail.size();
    EXPECT_LT(size, std::uint64_t{1} << 32);
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(p.prefix.data()),
                      static_cast<uInt>(p.prefix.size()));
    if (p.count > 0) {
      const uLong piece = crc32(0, reinterpret_cast<const Bytef*>(p.piece.data()),
                                static_cast<uInt>(p.piece.size()));
      crc = crc32_combine(crc, repeated_crc(piece, p.piece.size(), p.count),
                          static_cast<z_off_t>(p.piece.size() * p.count));
    }
    crc = crc32_combine(crc,
                        crc32(0, reinterpret_cast<const Bytef*>(p.suffix.data()),
                              static_cast<uInt>(p.suffix.size())),
                        static_cast<z_off_t>(p.suffix.size()));
    std::string local;
    put32(local, 0x04034b50);
    put16(local, 20);    // version needed
    put16(local, 0);     // flags
    put16(local, 8);     // deflate
    put16(local, 0);     // time
    put16(local, 0x21);  // date: 1980-01-01
    put32(local, crc);
    put32(local, packed);
    put32(local, size);
    put16(local, static_cast<unsigned>(p.name.size()));
    put16(local, 0);
    local += p.name;
    out << local << head;
    for (std::uint64_t i = 0; i < p.count; ++i) out << body;
    out << tail;
    std::string entry;
    put32(entry, 0x02014b50);
    put16(entry, 20);  // made by
    put16(entry, 20);  // needed
    put16(entry, 0);
    put16(entry, 8);
    put16(entry, 0);
    put16(entry, 0x21);
    put32(entry, crc);
    put32(entry, packed);
    put32(entry, size);
    put16(entry, static_cast<unsigned>(p.name.size()));
    put16(entry, 0);  // extra
    put16(entry, 0);  // comment
    put16(entry, 0);  // disk
    put16(entry, 0);  // internal attributes
    put32(entry, 0);  // external attributes
    put32(entry, offset);
    entry += p.name;
    central += entry;
    offset += local.size() + packed;
  }
  std::string end;
  put32(end, 0x06054b50);
  put16(end, 0);
  put16(end, 0);
  put16(end, static_cast<unsigned>(parts.size()));
  put16(end, static_cast<unsigned>(parts.size()));
  put32(end, central.size());
  put32(end, offset);
  put16(end, 0);
  out << central << end;
  out.close();
  return offset + central.size() + end.size();
}

// `unit` repeated to about `bytes` (a piece for BombPart).
inline std::string repeat_to(const std::string& unit, std::size_t bytes) {
  std::string s;
  s.reserve(bytes + unit.size());
  while (s.size() + unit.size() <= bytes) s += unit;
  return s;
}

// A source of `head`, then `piece` until `total` bytes have been given: a file that is never
// written out.
class RepeatingSource final : public ByteSource {
 public:
  RepeatingSource(std::string head, std::string piece, std::uint64_t total)
      : head_(std::move(head)), piece_(std::move(piece)), total_(total) {}
  long read(char* buf, std::size_t n) override {
    std::size_t given = 0;
    while (given < n && at_ < total_) {
      const std::string& from = at_ < head_.size() ? head_ : piece_;
      const std::size_t off = at_ < head_.size() ? at_ : (at_ - head_.size()) % piece_.size();
      const std::size_t take = static_cast<std::size_t>(
          std::min<std::uint64_t>({n - given, from.size() - off, total_ - at_}));
      std::memcpy(buf + given, from.data() + off, take);
      given += take;
      at_ += take;
    }
    read_ += given;
    return static_cast<long>(given);
  }
  std::uint64_t bytes_read() const { return read_; }

 private:
  std::string head_, piece_;
  std::uint64_t total_, at_ = 0, read_ = 0;
};

// What a reader did in a child process: its error (if any), the rows it handed out, and the
// child's peak resident memory while it read.
struct ChildRead {
  bool ok = false;
  std::string code, message;
  long rows = 0;
  long peak_kib = -1;
};

// The child's peak resident memory (VmHWM) in KiB.
inline long peak_rss_kib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

// Opens and reads everything with `open` in a forked child. The child's peak is first reset to
// what it has (the test process it is a copy of), so the figure is the reading's own peak plus
// that starting point: an upper bound of what a fresh process would need.
inline ChildRead read_in_child(const std::function<Result<std::unique_ptr<RowReader>>()>& open) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::close(fds[0]);
    if (std::FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
      std::fputs("5", f);  // resets VmHWM to the current resident size
      std::fclose(f);
    }
    ChildRead r;
    auto reader = open();
    if (!reader.ok()) {
      r.code = reader.error().code;
      r.message = reader.error().message;
    } else {
      SheetRow row;
      while (reader.value()->next(row)) ++r.rows;
      const Status st = reader.value()->status();
      r.ok = st.ok();
      if (!st.ok()) {
        r.code = st.error().code;
        r.message = st.error().message;
      }
    }
    const std::string report = std::string(r.ok ? "1" : "0") + "\n" + r.code + "\n" +
                               std::to_string(r.rows) + "\n" + std::to_string(peak_rss_kib()) +
                               "\n" + r.message;
    std::size_t off = 0;
    while (off < report.size()) {
      const ssize_t n = ::write(fds[1], report.data() + off, report.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string report;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) report.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ChildRead r;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the reading child died";
  std::size_t a = report.find('\n'), b = report.find('\n', a + 1), c = report.find('\n', b + 1),
              d = report.find('\n', c + 1);
  if (d == std::string::npos) return r;
  r.ok = report.substr(0, a) == "1";
  r.code = report.substr(a + 1, b - a - 1);
  r.rows = std::stol(report.substr(b + 1, c - b - 1));
  r.peak_kib = std::stol(report.substr(c + 1, d - c - 1));
  r.message = report.substr(d + 1);
  return r;
}

}  // namespace baoxue::ingest::testing
