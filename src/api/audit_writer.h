// Group commit for the audit log. Every detail view and export writes an audit row, and on
// SQLite with synchronous=FULL each commit is an fsync: one commit per view capped the detail
// pages at ~800 req/s. The server hands each response's entries here instead; one thread with
// its own connection commits whatever has queued up meanwhile in one transaction, then calls
// each request's completion, which sends the response. A view is therefore still shown only
// after its audit row is durable; only the commits are shared.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/audit_repository.h"
#include "store/database.h"
#include "store/user_repository.h"

namespace baoxue::api {

class AuditWriter {
 public:
  using Done = std::function<void(const Status&)>;
  // Opens its own connection to db_url on its thread.
  explicit AuditWriter(std::string db_url);
  // Writes what is queued, then stops.
  ~AuditWriter();
  AuditWriter(const AuditWriter&) = delete;
  AuditWriter& operator=(const AuditWriter&) = delete;

  // Queues entries; done(status) runs on the writer's thread once they are committed (or the
  // commit failed).
  void submit(std::vector<store::AuditEntry> entries, Done done);

 private:
  struct Job {
    std::vector<store::AuditEntry> entries;
    Done done;
  };
  void run();

  std::string db_url_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace baoxue::api
