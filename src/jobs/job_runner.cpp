#include "jobs/job_runner.h"

#include <iostream>

namespace baoxue::jobs {

JobRunner::JobRunner(std::string db_url) : db_url_(std::move(db_url)) {
  for (LaneState& lane : lanes_) lane.thread = std::thread([this, &lane] { run_lane(lane); });
}

JobRunner::~JobRunner() {
  stop(std::chrono::milliseconds(0));
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (LaneState& lane : lanes_)
    if (lane.thread.joinable()) lane.thread.join();
}

Result<store::Job> JobRunner::submit(store::Database& db, store::Job job, Lane lane, Work work) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error("server_stopping", "服务正在停止，暂不接受新任务，请稍后重试");
  }
  if (Status st = store::insert_job(db, job); !st) return st.error();
  auto item = std::make_shared<Item>(Item{job, std::move(work)});
  {
    std::lock_guard lock(mutex_);
    live_[{job.county, job.id}] = job;
    lanes_[static_cast<int>(lane)].queue.push_back(std::move(item));
  }
  wake_.notify_all();
  return job;
}

Result<std::optional<store::Job>> JobRunner::find(store::Database& db, const std::string& county,
                                                  long long id) {
  {
    std::lock_guard lock(mutex_);
    auto it = live_.find({county, id});
    if (it != live_.end()) return std::optional<store::Job>(it->second);
  }
  return store::job_by_id(db, county, id);
}

void JobRunner::publish(const store::Job& job) {
  std::lock_guard lock(mutex_);
  live_[{job.county, job.id}] = job;
}

void JobRunner::finish(store::Database* db, store::Job& job) {
  job.finished_at = store::now_utc();
  if (db != nullptr) {
    if (Status st = store::update_job(*db, job); !st)
      std::cerr << "job " << job.id << ": its outcome could not be recorded: " << st.error().message
                << std::endl;
  }
  std::lock_guard lock(mutex_);
  live_.erase({job.county, job.id});
}

void JobRunner::run_lane(LaneState& lane) {
  std::unique_ptr<store::Database> db;
  for (;;) {
    std::shared_ptr<Item> item;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !lane.queue.empty(); });
      if (lane.queue.empty()) return;  // stopping, nothing left
      item = std::move(lane.queue.front());
      lane.queue.pop_front();
      lane.busy = true;
    }
    store::Job& job = item->job;
    if (!db) {
      auto opened = store::Database::open(db_url_);
      if (opened) db = std::move(opened.value());
      // Imports keep the large page cache they were tuned with; exports stream and need little.
      if (db && &lane == &lanes_[static_cast<int>(Lane::kReads)]) db->set_cache_kib(8 * 1024);
    }
    bool stop_now = false;
    {
      std::lock_guard lock(mutex_);
      stop_now = stopping_;
    }
    if (!db || stop_now) {
      job.state = "failed";
      job.error_code = db ? "cancelled" : "database_error";
      job.error_message = db ? core::cancelled_error().message : "任务无法连接数据库，请稍后重试";
      finish(db.get(), job);
    } else {
      job.state = "running";
      job.started_at = store::now_utc();
      (void)store::update_job(*db, job);
      publish(job);
      core::Progress progress(
          [this, &job](const std::string& phase, long long done, long long total) {
            std::lock_guard lock(mutex_);
            job.phase = phase;
            job.done = done;
            job.total = total;
            live_[{job.county, job.id}] = job;
            return !stopping_;
          });
      Context context{*db, progress, job};
      Status st;
      try {
        st = item->work(context);
      } catch (const std::exception& e) {  // a defect in the work: the job fails, the lane lives
        std::cerr << "job " << job.id << " (" << job.kind << ") threw: " << e.what() << std::endl;
        st = make_error("internal", "任务执行出错，已记录，请联系管理员");
      }
      job.state = st ? "done" : "failed";
      if (!st) {
        job.error_code = st.error().code;
        job.error_message = st.error().message;
      }
      finish(db.get(), job);
    }
    {
      std::lock_guard lock(mutex_);
      lane.busy = false;
    }
    idle_.notify_all();
  }
}

bool JobRunner::stop(std::chrono::milliseconds grace) {
  std::vector<std::shared_ptr<Item>> dropped;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (LaneState& lane : lanes_) {
      for (auto& item : lane.queue) dropped.push_back(std::move(item));
      lane.queue.clear();
    }
  }
  wake_.notify_all();
  if (!dropped.empty()) {
    auto db = store::Database::open(db_url_);
    for (auto& item : dropped) {
      item->job.state = "failed";
      item->job.error_code = "cancelled";
      item->job.error_message = core::cancelled_error().message;
      finish(db ? db.value().get() : nullptr, item->job);
    }
  }
  std::unique_lock lock(mutex_);
  return idle_.wait_for(lock, grace, [&] {
    for (const LaneState& lane : lanes_)
      if (lane.busy) return false;
    return true;
  });
}

}  // namespace baoxue::jobs
