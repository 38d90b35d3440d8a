#include "ingest/reader_util.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
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
