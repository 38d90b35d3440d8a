#include "api/audit_writer.h"

namespace baoxue::api {

AuditWriter::AuditWriter(std::string db_url)
    : db_url_(std::move(db_url)), thread_([this] { run(); }) {}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void AuditWriter::submit(std::vector<store::AuditEntry> entries, Done done) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back({std::move(entries), std::move(done)});
  }
  wake_.notify_one();
}

void AuditWriter::run() {
  std::unique_ptr<store::Database> db;
  Status opened;
  if (auto d = store::Database::open(db_url_); d) {
    db = std::move(d.value());
    // The views waiting on this commit must answer within the server's handling limit: when a
    // long import holds SQLite's write lock, they answer "busy, try again" instead.
    db->set_busy_timeout(std::chrono::seconds(4));
    db->set_cache_kib(2 * 1024);  // it only appends
  } else {
    opened = d.error();
  }
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to write
      batch.swap(queue_);
    }
    // While this batch commits, the next one queues up: the busier the server, the more
    // entries share a commit.
    Status st = opened;
    if (db) {
      std::vector<store::AuditEntry*> all;
      for (Job& j : batch)
        for (store::AuditEntry& e : j.entries) all.push_back(&e);
      st = store::append_audit(*db, all);
    }
    for (Job& j : batch) j.done(st);
  }
}

}  // namespace baoxue::api
