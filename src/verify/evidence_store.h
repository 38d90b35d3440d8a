// Evidence files (证明材料) on disk, one copy per content: <root>/<first two hex digits>/<sha256>.
// A photo uploaded twice, or the same certificate for two siblings, is stored once. Only the
// kinds of file a verification needs are taken, recognised by their first bytes rather than by
// the name or the type the browser claims.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace baoxue::verify {

inline constexpr std::size_t kMaxEvidenceBytes = 10u << 20;  // 10 MiB: a phone photo is 2–5 MiB

struct StoredFile {
  std::string sha256;
  std::string content_type;  // from the content: image/jpeg, application/pdf, …
  std::size_t size = 0;
};

class EvidenceStore {
 public:
  explicit EvidenceStore(std::string root) : root_(std::move(root)) {}
  // Errors: evidence_empty, evidence_too_large, evidence_type_not_allowed (with the allowed
  // kinds), evidence_write_failed.
  Result<StoredFile> put(std::string_view name, std::string_view bytes) const;
  std::string path_of(const std::string& sha256) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// The content type of an allowed file, or empty: images (jpeg, png, gif, webp, heic), pdf and
// office documents (doc/xls/ppt, docx/xlsx/pptx, odt/ods). `name` tells the office formats that
// share a container apart.
std::string allowed_content_type(std::string_view name, std::string_view bytes);

}  // namespace baoxue::verify
