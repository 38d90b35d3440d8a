// Pieces shared by the readers (not part of the public interface): where bytes come from, and the
// wording of messages that name the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"

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

// ---- limits (read_limits.h) ----------------------------------------------------------------

// The error for a ReadLimits limit that a file breaks: `code` (cell_too_long, …) and a message
// "<file><where>：<what>超过上限 <limit>。请检查文件是否损坏，或拆分后分批导入". `where` says
// where it was hit ("工作表“名单”第 12 行 C 列"), empty when nowhere in particular; `what` names
// what was too large and `limit` the limit's value and name ("128 KB（单元格文字上限）").
Error limit_error(const std::string& code, std::string_view file, const std::string& where,
                  const std::string& what, const std::string& limit);
// Sizes and counts as a clerk reads them: "128 KB", "3 GB", "1,000 字节"; "30,000,000".
std::string format_bytes(std::uint64_t bytes);
std::string format_count(std::uint64_t n);
// A 0-based column index as Excel names it: 0 -> "A", 27 -> "AB".
std::string column_name(std::size_t column);

// Memory for large buffers. On the virtual machines this was measured on, the first touch of a
// 4 KiB page costs about 12 µs (a million persons, 320 MB, fault for 2 s page by page), and TLB
// misses are dear; transparent huge pages (2 MiB) asked for at once cost a few hundredths of that.
// Both are advice: on a kernel that does not take it, pages just fault in on first use.
//
// advise_huge_pages: the 2 MiB pages wholly inside the range may be huge pages (for a buffer's
// whole capacity, before it is filled). prefault: the same, and the range's pages are backed now,
// for the part about to be filled.
void advise_huge_pages(void* begin, std::size_t bytes);
void prefault(void* begin, std::size_t bytes);

}  // namespace baoxue::ingest
