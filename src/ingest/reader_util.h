// Pieces shared by the readers (not part of the public interface): where bytes come from, and the
// wording of messages that name the file.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace baoxue::ingest {

// A stream of bytes: a file on disk or a buffer already in memory (an upload, a fuzz input).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Up to n bytes into buf; 0 at the end; -1 on a read error.
  virtual long read(char* buf, std::size_t n) = 0;
};

// Reads a file with plain stdio; nullptr if it cannot be opened.
std::unique_ptr<ByteSource> file_source(const std::string& path);
// Reads from memory the caller keeps alive while the source is in use.
std::unique_ptr<ByteSource> memory_source(std::string_view bytes);

// "“学生名单.xlsx”": the last path component in Chinese quotes, for messages.
std::string quoted_file_name(std::string_view path);
// Lower-case extension without the dot ("xlsx"), "" if none.
std::string file_extension(std::string_view path);

}  // namespace baoxue::ingest
