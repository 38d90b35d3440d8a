// Runs long work (imports, census runs, mass dispatch, exports) as jobs: the request that asks
// for it gets the job's id at once (202), the work runs on the runner's own threads with their
// own database connections, and anyone may look at its progress and outcome later — a closed
// page or a slow network cuts nothing.
//
// Two lanes, each one thread: work that writes (its transaction takes SQLite's write lock, so
// two would only queue on it) and work that only reads (exports), so that a long import never
// holds back a clerk's export.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/progress.h"
#include "store/database.h"
#include "store/job_repository.h"

namespace baoxue::jobs {

// What a job's work gets: its own connection, the progress to report (and to ask whether to go
// on), and its record, whose result (JSON text) and file it fills in.
struct Context {
  store::Database& db;
  core::Progress& progress;
  store::Job& job;
};
using Work = std::function<Status(Context&)>;

enum class Lane { kWrites, kReads };

class JobRunner {
 public:
  explicit JobRunner(std::string db_url);
  ~JobRunner();  // stop(0): whatever still runs is asked to stop and waited for

  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Records the job (queued, in `db`) and runs it in order on its lane.
  Result<store::Job> submit(store::Database& db, store::Job job, Lane lane, Work work);

  // The job as it stands: live progress while this runner has it, else its record.
  Result<std::optional<store::Job>> find(store::Database& db, const std::string& county,
                                         long long id);

  // Asks the running work to stop and refuses new jobs; queued ones are marked failed. Waits up
  // to `grace` for the lanes to finish; true when nothing runs any more.
  bool stop(std::chrono::milliseconds grace);

 private:
  struct Item {
    store::Job job;
    Work work;
  };
  struct LaneState {
    std::deque<std::shared_ptr<Item>> queue;
    std::thread thread;
    bool busy = false;
  };
  void run_lane(LaneState& lane);
  void finish(store::Database* db, store::Job& job);
  void publish(const store::Job& job);

  std::string db_url_;
  std::mutex mutex_;
  std::condition_variable wake_, idle_;
  bool stopping_ = false;
  std::map<std::pair<std::string, long long>, store::Job> live_;  // by county and id
  LaneState lanes_[2];
};

}  // namespace baoxue::jobs
