#include "store/record_file_repository.h"

#include "store/bulk_insert.h"
#include "store/query.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* kSelect =
    "SELECT id, owner_type, owner_id, attached_type, attached_id, sha256, name, content_type, "
    "size, uploaded_by, uploaded_at FROM record_files";

RecordFile read(const soci::row& r) {
  RecordFile f;
  f.id = row_int(r, 0);
  f.owner_type = row_text(r, 1);
  f.owner_id = row_int(r, 2);
  f.attached_type = row_text(r, 3);
  f.attached_id = row_optional_int(r, 4);
  f.sha256 = row_text(r, 5);
  f.name = row_text(r, 6);
  f.content_type = row_text(r, 7);
  f.size = row_int(r, 8);
  f.uploaded_by = row_text(r, 9);
  f.uploaded_at = row_text(r, 10);
  return f;
}

}  // namespace

Status insert_record_file(Database& db, const std::string& county, RecordFile& f) {
  return guarded([&]() -> Status {
    f.id = db.reserve_ids("record_files", 1);
    if (f.uploaded_at.empty()) f.uploaded_at = now_utc();
    BulkInsert put(db, "record_files",
                   {"county_code", "id", "owner_type", "owner_id", "attached_type", "attached_id",
                    "sha256", "name", "content_type", "size", "uploaded_by", "uploaded_at"},
                   1);
    put.text(county).integer(f.id).text(f.owner_type).integer(f.owner_id).text(f.attached_type);
    put.integer(f.attached_id).text(f.sha256).text(f.name).text(f.content_type).integer(f.size);
    put.text(f.uploaded_by).text(f.uploaded_at);
    if (Status st = put.end_row(); !st) return st;
    return put.flush();
  });
}

Result<std::vector<RecordFile>> files_of_owner(Database& db, const std::string& county,
                                               const std::string& owner_type, long long owner_id) {
  Where where;
  where.equals("county_code", county)
      .equals("owner_type", owner_type)
      .equals("owner_id", std::to_string(owner_id));
  std::vector<RecordFile> out;
  Status st = for_each_row(db, kSelect, where, "ORDER BY id",
                           [&](const soci::row& r) { out.push_back(read(r)); });
  if (!st) return st.error();
  return out;
}

Result<std::optional<RecordFile>> record_file_by_id(Database& db, const std::string& county,
                                                    long long id) {
  Where where;
  where.equals("county_code", county).equals("id", std::to_string(id));
  std::optional<RecordFile> out;
  Status st = for_each_row(db, kSelect, where, "", [&](const soci::row& r) { out = read(r); });
  if (!st) return st.error();
  return out;
}

Status attach_record_files(Database& db, const std::string& county, const std::string& owner_type,
                           long long owner_id, const std::string& attached_type,
                           long long attached_id, const std::vector<long long>& ids) {
  if (ids.empty()) return {};
  return db.transaction([&]() -> Status {
    auto files = files_of_owner(db, county, owner_type, owner_id);
    if (!files) return files.error();
    for (long long id : ids) {
      const RecordFile* file = nullptr;
      for (const RecordFile& f : files.value())
        if (f.id == id) file = &f;
      if (file == nullptr)
        return make_error("file_not_found",
                          "附件（编号 " + std::to_string(id) + "）不属于这条记录，请重新上传");
      if (!file->attached_id) {
        Status st = guarded([&]() -> Status {
          db.sql() << "UPDATE record_files SET attached_type = :t, attached_id = :a WHERE "
                      "county_code = :c AND id = :i",
              soci::use(attached_type), soci::use(attached_id), soci::use(county), soci::use(id);
          return {};
        });
        if (!st) return st;
      } else if (*file->attached_id != attached_id || file->attached_type != attached_type) {
        RecordFile again = *file;
        again.attached_type = attached_type;
        again.attached_id = attached_id;
        if (Status st = insert_record_file(db, county, again); !st) return st;
      }
    }
    return {};
  });
}

}  // namespace baoxue::store
