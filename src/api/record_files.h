// Files of records other than verification tasks (store/record_file_repository.h): one upload
// and one download for every owner, so each resource's routes only check that the owner is in
// the user's scope and then hand over. Internal to src/api.
#pragma once

#include "api/call.h"
#include "store/record_file_repository.h"

namespace baoxue::api {

// Stores the request body (named by X-File-Name) as a file of the owner, audited as
// `upload_file` on `owner_type`. The caller has checked that the user may write to the owner.
// Answers {"file": {id, name, size, content_type, url}}; `url_prefix` + "/" + id is where it
// is read back ("/api/cases/12/files").
Result<Response> upload_record_file(Call& c, const std::string& owner_type, long long owner_id,
                                    const std::string& url_prefix);
// Sends one of the owner's files (?inline=1 to show it in the page), audited as a view. The
// caller has checked that the user sees the owner.
Result<Response> send_record_file(Call& c, const std::string& owner_type, long long owner_id,
                                  long long file_id);
// A file as the API shows it.
json record_file_json(const store::RecordFile& f, const std::string& url_prefix);

}  // namespace baoxue::api
