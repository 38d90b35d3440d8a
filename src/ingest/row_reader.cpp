// open_table: decides what a file is from its first bytes (extensions lie: an ".xls" saved by a
// web system is often HTML or CSV) and hands it to the matching reader.
#include "ingest/row_reader.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "ingest/csv_reader.h"
#include "ingest/reader_util.h"
#include "ingest/xls_reader.h"
#include "ingest/xlsx_reader.h"

namespace baoxue::ingest {
namespace {

enum class Kind { kZip, kCfb, kHtml, kOtherBinary, kText };

constexpr std::string_view kZipMagic = "PK\x03\x04";
constexpr std::string_view kCfbMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool contains_nocase(std::string_view s, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (starts_with_nocase(s.substr(i), needle)) return true;
  return false;
}

Kind sniff(std::string_view head) {
  if (head.starts_with(kZipMagic)) return Kind::kZip;
  if (head.starts_with(kCfbMagic)) return Kind::kCfb;
  for (std::string_view magic :
       {std::string_view("%PDF"), std::string_view("\x89PNG"), std::string_view("\xFF\xD8\xFF"),
        std::string_view("Rar!"), std::string_view("7z\xBC\xAF"), std::string_view("\x1F\x8B"),
        std::string_view("{\\rtf")})
    if (head.starts_with(magic)) return Kind::kOtherBinary;
  std::string_view t = head;
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);
  while (!t.empty() && (t[0] == ' ' || t[0] == '\t' || t[0] == '\r' || t[0] == '\n'))
    t.remove_prefix(1);
  // Web systems' "导出 Excel" often writes an HTML table (or Excel 2003 XML) named .xls.
  for (std::string_view tag :
       {"<html", "<table", "<!doctype html", "<head", "<body", "<meta", "<style", "mime-version:"})
    if (starts_with_nocase(t, tag)) return Kind::kHtml;
  if (starts_with_nocase(t, "<?xml") &&
      (contains_nocase(t, "<html") || contains_nocase(t, "<workbook") ||
       contains_nocase(t, "office:spreadsheet")))
    return Kind::kHtml;
  return Kind::kText;
}

// Password-protected xlsx files are CFB containers holding an "EncryptedPackage" stream.
// Directory entries are 128-byte aligned and start with the UTF-16LE name, whose byte length
// (34, with the terminator) sits at offset 64; checking those two facts at each aligned offset
// avoids parsing the FAT.
// `first`: the offset in the file of bytes[0], a multiple of 128.
bool cfb_has_encrypted_package(std::string_view bytes, std::uint64_t first = 0) {
  static const std::string name = [] {
    std::string n;
    for (char c : std::string_view("EncryptedPackage")) {
      n += c;
      n += '\0';
    }
    return n + std::string(2, '\0');
  }();
  for (std::size_t off = first >= 512 ? 0 : 512 - first; off + 128 <= bytes.size(); off += 128) {
    if (bytes.compare(off, name.size(), name) != 0) continue;
    const std::size_t len = static_cast<unsigned char>(bytes[off + 64]) |
                            (static_cast<unsigned char>(bytes[off + 65]) << 8);
    if (len == name.size()) return true;
  }
  return false;
}

// The same for a file, read a megabyte at a time: an upload can be hundreds of megabytes, and
// only a few of its bytes are looked at.
bool cfb_file_has_encrypted_package(const std::string& path) {
  auto source = file_source(path);
  if (source == nullptr) return false;
  constexpr std::size_t kBlock = 1 << 20;  // a multiple of 128: entries never straddle blocks
  std::string buf(kBlock, '\0');
  for (std::uint64_t first = 0;; first += kBlock) {
    std::size_t have = 0;
    while (have < kBlock) {
      const long got = source->read(buf.data() + have, kBlock - have);
      if (got <= 0) break;
      have += static_cast<std::size_t>(got);
    }
    if (cfb_has_encrypted_package(std::string_view(buf).substr(0, have), first)) return true;
    if (have < kBlock) return false;
  }
}

Error password_protected(const std::string& name) {
  return make_error("file_password_protected",
                    quoted_file_name(name) +
                        "文件设置了打开密码：请在 Excel 中取消密码（文件→信息→保护工作簿）后另存为 "
                        ".xlsx 再导入");
}

Error not_spreadsheet(const std::string& name, Kind kind) {
  if (kind == Kind::kHtml)
    return make_error("file_not_spreadsheet",
                      quoted_file_name(name) +
                          "看起来是 Excel 文件，实际是网页（HTML）或 XML 表格，多见于从网上系统"
                          "“导出 Excel”得到的文件：请用 Excel 打开后“另存为”Excel 工作簿（.xlsx）"
                          "再导入");
  return make_error(
      "file_not_spreadsheet",
      quoted_file_name(name) +
          "不是表格文件（可能是 PDF、图片或压缩包）：请导入 .xlsx、.xls 或 .csv 名单");
}

// The CFB case: an encrypted xlsx, or a real .xls. FreeXL reads only from a path.
Result<std::unique_ptr<RowReader>> open_cfb(bool encrypted_package, const std::string& path,
                                            const std::string& name, const ReadOptions& options) {
  if (encrypted_package || file_extension(name) == "xlsx") return password_protected(name);
  return open_xls_file(path, name, options);
}

}  // namespace

Result<std::unique_ptr<RowReader>> open_table(const std::string& path, const ReadOptions& options) {
  namespace fs = std::filesystem;
  const std::string name = path;
  try {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st))
      return make_error("file_not_found", "找不到文件" + quoted_file_name(name) +
                                              "：请确认文件名和所在文件夹是否正确（" + path + "）");
    if (fs::is_directory(st))
      return make_error("file_not_found",
                        quoted_file_name(name) + "是文件夹，不是文件：请选择其中的名单文件");
    const auto size = fs::file_size(path, ec);
    if (!ec && size == 0)
      return make_error("file_empty", quoted_file_name(name) +
                                          "是空文件（0 字节）：请确认导出或下载已经完成，重新导出"
                                          "后再导入");
    auto source = file_source(path);
    if (source == nullptr)
      return make_error("file_not_found", "无法打开" + quoted_file_name(name) +
                                              "（没有读取权限或正被占用）：请关闭正在使用它的"
                                              "程序，或把文件复制到别处后再导入");
    std::string head(4096, '\0');
    const long got = source->read(head.data(), head.size());
    if (got <= 0)
      return make_error("file_empty", quoted_file_name(name) +
                                          "是空文件或读不出内容：请确认导出或下载已经完成，重新导出"
                                          "后再导入");
    head.resize(static_cast<std::size_t>(got));
    source.reset();

    switch (const Kind kind = sniff(head)) {
      case Kind::kZip:
        return open_xlsx_file(path, name, options);
      case Kind::kCfb:
        return open_cfb(cfb_file_has_encrypted_package(path), path, name, options);
      case Kind::kHtml:
      case Kind::kOtherBinary:
        return not_spreadsheet(name, kind);
      case Kind::kText:
        break;
    }
    auto text = file_source(path);
    if (text == nullptr) return make_error("file_not_found", "无法打开" + quoted_file_name(name));
    return open_csv(std::move(text), name, options);
  } catch (const std::exception& e) {
    return make_error("file_corrupt", "读取" + quoted_file_name(name) + "时出错（" + e.what() +
                                          "）：请用 Excel 打开后另存为 .xlsx 再导入");
  }
}

Result<std::unique_ptr<RowReader>> open_table_bytes(std::string_view bytes,
                                                    const std::string& name_hint,
                                                    const ReadOptions& options) {
  try {
    if (bytes.empty())
      return make_error("file_empty", quoted_file_name(name_hint) +
                                          "是空文件（0 字节）：请确认导出或下载已经完成，重新导出"
                                          "后再导入");
    switch (const Kind kind = sniff(bytes.substr(0, 4096))) {
      case Kind::kZip:
        return open_xlsx_bytes(bytes, name_hint, options);
      case Kind::kCfb: {
        if (cfb_has_encrypted_package(bytes) || file_extension(name_hint) == "xlsx")
          return password_protected(name_hint);
        // FreeXL reads only files: give it a private temporary copy, gone once it is open.
        std::string tmp = (std::filesystem::temp_directory_path() / "baoxue_xls_XXXXXX").string();
        const int fd = ::mkstemp(tmp.data());
        if (fd < 0)
          return make_error("file_corrupt", "无法为" + quoted_file_name(name_hint) +
                                                "建立临时文件：请检查磁盘空间后重试");
        bool written = true;
        for (std::size_t off = 0; off < bytes.size() && written;) {
          const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
          written = n > 0;
          if (written) off += static_cast<std::size_t>(n);
        }
        ::close(fd);
        auto result = written ? open_cfb(false, tmp, name_hint, options)
                              : Result<std::unique_ptr<RowReader>>(make_error(
                                    "file_corrupt", "无法为" + quoted_file_name(name_hint) +
                                                        "建立临时文件：请检查磁盘空间后重试"));
        ::unlink(tmp.c_str());
        return result;
      }
      case Kind::kHtml:
      case Kind::kOtherBinary:
        return not_spreadsheet(name_hint, kind);
      case Kind::kText:
        break;
    }
    return open_csv(memory_source(bytes), name_hint, options);
  } catch (const std::exception& e) {
    return make_error("file_corrupt", "读取" + quoted_file_name(name_hint) + "时出错（" + e.what() +
                                          "）：请用 Excel 打开后另存为 .xlsx 再导入");
  }
}

}  // namespace baoxue::ingest
