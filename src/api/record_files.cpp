#include "api/record_files.h"

#include <filesystem>

#include "verify/evidence_store.h"

namespace baoxue::api {
namespace {

verify::EvidenceStore files_store(const Call& c) {
  return verify::EvidenceStore(c.options.data_dir + "/evidence");
}

}  // namespace

json record_file_json(const store::RecordFile& f, const std::string& url_prefix) {
  return {{"id", f.id},
          {"name", f.name},
          {"size", f.size},
          {"content_type", f.content_type},
          {"uploaded_at", f.uploaded_at},
          {"attached_type", f.attached_type},
          {"attached_id", f.attached_id ? json(*f.attached_id) : json(nullptr)},
          {"url", url_prefix + "/" + std::to_string(f.id)}};
}

Result<Response> upload_record_file(Call& c, const std::string& owner_type, long long owner_id,
                                    const std::string& url_prefix) {
  if (!c.scope.may_write()) return forbidden("上传附件");
  auto stored = files_store(c).put(c.req.file_name, c.req.body);
  if (!stored) return stored.error();
  store::RecordFile f;
  f.owner_type = owner_type;
  f.owner_id = owner_id;
  f.sha256 = stored->sha256;
  f.name = c.req.file_name.empty() ? "附件" : c.req.file_name;
  f.content_type = stored->content_type;
  f.size = static_cast<long long>(stored->size);
  f.uploaded_by = c.user->username;
  if (Status st = store::insert_record_file(c.db, c.county(), f); !st) return st.error();
  if (Status st = c.audit("upload_file", owner_type, std::to_string(owner_id),
                          f.name + "（" + count_text(f.size) + " 字节）");
      !st)
    return st.error();
  return json_response({{"file", record_file_json(f, url_prefix)}});
}

Result<Response> send_record_file(Call& c, const std::string& owner_type, long long owner_id,
                                  long long file_id) {
  auto shown = c.query().choice("inline", {"0", "1"}, "0");
  if (!shown) return shown.error();
  auto file = store::record_file_by_id(c.db, c.county(), file_id);
  if (!file) return file.error();
  if (!file.value() || file.value()->owner_type != owner_type || file.value()->owner_id != owner_id)
    return make_error("not_found", "没有这份附件");
  const std::string path = files_store(c).path_of(file.value()->sha256);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return make_error("internal", "record file missing: " + file.value()->sha256);
  if (Status st = c.audit("view_file", owner_type, std::to_string(owner_id), file.value()->name);
      !st)
    return st.error();
  Response r;
  r.file = path;
  r.content_type = file.value()->content_type;
  r.attachment = file.value()->name;
  r.inline_file = *shown == "1";
  return r;
}

}  // namespace baoxue::api
