#include "verify/evidence_store.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "auth/password.h"

namespace baoxue::verify {
namespace {

bool starts_with(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

std::string extension(std::string_view name) {
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return "";
  std::string ext(name.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

std::string allowed_content_type(std::string_view name, std::string_view bytes) {
  using namespace std::string_view_literals;
  if (starts_with(bytes, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n"sv)) return "image/png";
  if (starts_with(bytes, "GIF87a"sv) || starts_with(bytes, "GIF89a"sv)) return "image/gif";
  if (starts_with(bytes, "RIFF"sv) && starts_with(bytes, "WEBP"sv, 8)) return "image/webp";
  if (starts_with(bytes, "ftyp"sv, 4) &&
      (starts_with(bytes, "heic"sv, 8) || starts_with(bytes, "heix"sv, 8) ||
       starts_with(bytes, "mif1"sv, 8) || starts_with(bytes, "msf1"sv, 8)))
    return "image/heic";
  if (starts_with(bytes, "%PDF-"sv)) return "application/pdf";
  const std::string ext = extension(name);
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) {  // OLE2: old Office
    if (ext == "doc") return "application/msword";
    if (ext == "xls") return "application/vnd.ms-excel";
    if (ext == "ppt") return "application/vnd.ms-powerpoint";
    return "";
  }
  if (starts_with(bytes, "PK\x03\x04"sv)) {  // zip: OOXML and OpenDocument
    if (ext == "docx")
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (ext == "xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (ext == "pptx")
      return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    if (ext == "odt") return "application/vnd.oasis.opendocument.text";
    if (ext == "ods") return "application/vnd.oasis.opendocument.spreadsheet";
    return "";
  }
  return "";
}

std::string EvidenceStore::path_of(const std::string& sha256) const {
  return root_ + "/" + sha256.substr(0, 2) + "/" + sha256;
}

Result<StoredFile> EvidenceStore::put(std::string_view name, std::string_view bytes) const {
  if (bytes.empty()) return make_error("evidence_empty", "文件“" + std::string(name) + "”是空的");
  if (bytes.size() > kMaxEvidenceBytes)
    return make_error("evidence_too_large",
                      "文件“" + std::string(name) + "”超过 10 MB，请压缩后再上传");
  StoredFile f;
  f.content_type = allowed_content_type(name, bytes);
  if (f.content_type.empty())
    return make_error("evidence_type_not_allowed",
                      "文件“" + std::string(name) +
                          "”的类型不能作为证明材料。可上传：照片（jpg、png、gif、webp、heic）、"
                          "PDF、Word、Excel、PowerPoint、WPS/OpenDocument 文档");
  f.size = bytes.size();
  f.sha256 = auth::sha256_hex(bytes);
  const std::string path = path_of(f.sha256);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return f;  // stored before: same bytes
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  // Written beside its final name, then renamed: a reader never sees half a file.
  const std::string temp = path + ".tmp" + std::to_string(::getpid()) + "-" +
                           std::to_string(reinterpret_cast<std::uintptr_t>(&f));
  {
    std::ofstream out(temp, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::filesystem::remove(temp, ec);
      return make_error("evidence_write_failed",
                        "证明材料保存失败（磁盘已满或无权限？）：" + root_);
    }
  }
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return make_error("evidence_write_failed", "证明材料保存失败：" + ec.message());
  }
  return f;
}

}  // namespace baoxue::verify
