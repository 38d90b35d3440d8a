#include "ingest/reader_util.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace baoxue::ingest {
namespace {

class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::FILE* f) : f_(f) {}
  ~FileSource() override { std::fclose(f_); }
  long read(char* buf, std::size_t n) override {
    const std::size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_)) return -1;
    return static_cast<long>(got);
  }

 private:
  std::FILE* f_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  long read(char* buf, std::size_t n) override {
    const std::size_t take = std::min(n, bytes_.size() - pos_);
    if (take > 0) std::memcpy(buf, bytes_.data() + pos_, take);
    pos_ += take;
    return static_cast<long>(take);
  }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> file_source(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return nullptr;
  return std::make_unique<FileSource>(f);
}

std::unique_ptr<ByteSource> memory_source(std::string_view bytes) {
  return std::make_unique<MemorySource>(bytes);
}

std::string quoted_file_name(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return "“" + std::string(base) + "”";
}

std::string file_extension(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = base.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(base.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return ext;
}

Error limit_error(const std::string& code, std::string_view file, const std::string& where,
                  const std::string& what, const std::string& limit) {
  return make_error(code, quoted_file_name(file) + where + (where.empty() ? "" : "：") + what +
                              "超过上限 " + limit + "。请检查文件是否损坏，或拆分后分批导入");
}

std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string format_bytes(std::uint64_t bytes) {
  static const struct {
    std::uint64_t unit;
    const char* name;
  } kUnits[] = {{std::uint64_t{1} << 30, " GB"}, {std::uint64_t{1} << 20, " MB"}, {1024, " KB"}};
  for (const auto& u : kUnits)
    if (bytes >= u.unit && bytes % u.unit == 0) return format_count(bytes / u.unit) + u.name;
  return format_count(bytes) + " 字节";
}

std::string column_name(std::size_t column) {
  std::string name;
  for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

namespace {

// Whole pages of `size` inside [begin, begin + bytes): {first, end}, empty when there are none.
std::pair<std::uintptr_t, std::uintptr_t> inner_pages(void* begin, std::size_t bytes,
                                                      std::uintptr_t size) {
  const auto b = (reinterpret_cast<std::uintptr_t>(begin) + size - 1) & ~(size - 1);
  const auto e = (reinterpret_cast<std::uintptr_t>(begin) + bytes) & ~(size - 1);
  return {b, e > b ? e : b};
}

}  // namespace

void advise_huge_pages(void* begin, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  // Only whole huge pages: advising part of one cannot make it huge, and would split the
  // mapping into more pieces than needed.
  const auto [b, e] = inner_pages(begin, bytes, std::uintptr_t{2} << 20);
  if (e > b) ::madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);
#endif
}

void prefault(void* begin, std::size_t bytes) {
  advise_huge_pages(begin, bytes);
#ifdef MADV_POPULATE_WRITE
  const auto [b, e] = inner_pages(begin, bytes, 4096);
  if (e > b) ::madvise(reinterpret_cast<void*>(b), e - b, MADV_POPULATE_WRITE);
#endif
}

}  // namespace baoxue::ingest
