#include "store/job_repository.h"

#include "store/bulk_insert.h"
#include "store/rows.h"

namespace baoxue::store {
namespace {

const char* const kJobSelect =
    "SELECT county_code, id, kind, state, phase, done, total, params, result, error_code, "
    "error_message, user_id, username, created_at, started_at, finished_at, file_path, "
    "file_name FROM jobs";

Job read_job(const soci::row& r) {
  Job j;
  j.county = row_text(r, 0);
  j.id = row_int(r, 1);
  j.kind = row_text(r, 2);
  j.state = row_text(r, 3);
  j.phase = row_text(r, 4);
  j.done = row_int(r, 5);
  j.total = row_int(r, 6, -1);
  std::size_t i = 7;
  for (std::string* s : {&j.params, &j.result, &j.error_code, &j.error_message})
    *s = row_text(r, i++);
  j.user_id = row_int(r, i++);
  for (std::string* s :
       {&j.username, &j.created_at, &j.started_at, &j.finished_at, &j.file_path, &j.file_name})
    *s = row_text(r, i++);
  return j;
}

Result<std::vector<Job>> select_jobs(Database& db, const std::string& where,
                                     const std::vector<std::string>& values) {
  return guarded([&]() -> Result<std::vector<Job>> {
    std::vector<Job> out;
    soci::row row;
    soci::statement st(db.sql());
    st.alloc();
    st.prepare(std::string(kJobSelect) + " WHERE " + where);
    st.exchange(soci::into(row));
    for (const std::string& v : values) st.exchange(soci::use(v));
    st.define_and_bind();
    st.execute(false);
    while (st.fetch()) out.push_back(read_job(row));
    return out;
  });
}

}  // namespace

Status insert_job(Database& db, Job& job) {
  return db.transaction([&]() -> Status {
    job.id = db.reserve_ids("jobs", 1);
    job.created_at = now_utc();
    job.state = "queued";
    BulkInsert put(db, "jobs",
                   {"county_code", "id", "kind", "state", "done", "total", "params", "user_id",
                    "username", "created_at"},
                   1);
    put.text(job.county).integer(job.id).text(job.kind).text(job.state).integer(job.done);
    put.integer(job.total).text(job.params).integer(job.user_id).text(job.username);
    put.text(job.created_at);
    return put.end_row();
  });
}

Status update_job(Database& db, const Job& j) {
  return guarded([&]() -> Status {
    NullableText phase(j.phase), result(j.result), code(j.error_code), message(j.error_message),
        started(j.started_at), finished(j.finished_at), path(j.file_path), name(j.file_name);
    db.sql() << "UPDATE jobs SET state = :s, phase = :p, done = :d, total = :t, result = :r, "
                "error_code = :ec, error_message = :em, started_at = :sa, finished_at = :fa, "
                "file_path = :fp, file_name = :fn WHERE county_code = :c AND id = :i",
        soci::use(j.state), soci::use(phase.value, phase.ind), soci::use(j.done),
        soci::use(j.total), soci::use(result.value, result.ind), soci::use(code.value, code.ind),
        soci::use(message.value, message.ind), soci::use(started.value, started.ind),
        soci::use(finished.value, finished.ind), soci::use(path.value, path.ind),
        soci::use(name.value, name.ind), soci::use(j.county), soci::use(j.id);
    return {};
  });
}

Result<std::optional<Job>> job_by_id(Database& db, const std::string& county, long long id) {
  auto found = select_jobs(db, "county_code = :c AND id = :i", {county, std::to_string(id)});
  if (!found) return found.error();
  if (found->empty()) return std::optional<Job>();
  return std::optional<Job>(found->front());
}

Result<std::vector<Job>> jobs_of_user(Database& db, const std::string& county, long long user_id,
                                      int limit) {
  return select_jobs(
      db, "county_code = :c AND user_id = :u ORDER BY id DESC LIMIT " + std::to_string(limit),
      {county, std::to_string(user_id)});
}

Result<long long> fail_unfinished_jobs(Database& db, const std::string& message) {
  return guarded([&]() -> Result<long long> {
    const std::string at = now_utc();
    soci::statement st = (db.sql().prepare << "UPDATE jobs SET state = 'failed', error_code = "
                                              "'interrupted', error_message = :m, finished_at = "
                                              ":a WHERE state IN ('queued', 'running')",
                          soci::use(message), soci::use(at));
    st.execute(true);
    return static_cast<long long>(st.get_affected_rows());
  });
}

Result<std::vector<Job>> jobs_with_files_before(Database& db, const std::string& before) {
  return select_jobs(db, "file_path IS NOT NULL AND finished_at < :b ORDER BY county_code, id",
                     {before});
}

}  // namespace baoxue::store
