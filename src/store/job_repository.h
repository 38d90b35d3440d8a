// Jobs: long work (an import, a census run, a mass dispatch, an export) started from the web and
// run off the request, so that nothing is cut by a timeout and the outcome outlives the page
// that asked for it. This file keeps their records; src/jobs runs them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

struct Job {
  long long id = 0;
  std::string county;
  std::string kind;   // import | census | dispatch | export
  std::string state;  // queued | running | done | failed
  std::string phase;  // the work's current phase code ("read_rows", …); empty when not started
  long long done = 0, total = -1;         // units of the phase; total -1 when not known
  std::string params;                     // what was asked, JSON text
  std::string result;                     // JSON text when done
  std::string error_code, error_message;  // when failed
  long long user_id = 0;
  std::string username;
  std::string created_at, started_at, finished_at;
  std::string file_path, file_name;  // an export's file, while it is kept
};

// Assigns job.id and created_at; state queued.
Status insert_job(Database& db, Job& job);
// Writes state, phase, counts, result, error, times and file of the job.
Status update_job(Database& db, const Job& job);
Result<std::optional<Job>> job_by_id(Database& db, const std::string& county, long long id);
// A user's jobs, newest first, at most `limit` (a page: the caller says how many it shows).
Result<std::vector<Job>> jobs_of_user(Database& db, const std::string& county, long long user_id,
                                      int limit);
// Jobs left queued or running by a server that stopped: marked failed with `message`, so that
// nobody waits for them. Returns how many.
Result<long long> fail_unfinished_jobs(Database& db, const std::string& message);
// Finished export jobs older than `before` (UTC instant) that still name a file, all counties.
Result<std::vector<Job>> jobs_with_files_before(Database& db, const std::string& before);

}  // namespace baoxue::store
