// Specification of the audit group commit: every request's entries are on file before its
// completion runs, however many requests share a commit, and nothing queued is lost at shutdown.
#include "api/audit_writer.h"

#include <atomic>
#include <future>
#include <set>
#include <thread>

#include "store/rows.h"
#include "support/store_fixture.h"

namespace baoxue::api {
namespace {

class AuditGroupCommit : public baoxue::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    create_county();
  }
  static std::vector<store::AuditEntry> view(int request) {
    store::AuditEntry e;
    e.county = "410308";
    e.username = "wangli";
    e.action = "view_child";
    e.object_id = std::to_string(request);
    e.address = "192.0.2.7";
    return {e};
  }
};

TEST_P(AuditGroupCommit, EachRequestIsCompletedOnlyOnceItsEntryIsCommitted) {
  constexpr int kThreads = 4, kEach = 100;
  std::atomic<int> completed{0}, missing{0};
  {
    AuditWriter writer(url());
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t)
      workers.emplace_back([&, t] {
        auto db = store::Database::open(url());  // a worker's own connection, as in the server
        ASSERT_TRUE(db.ok());
        for (int i = 0; i < kEach; ++i) {
          const int request = t * kEach + i;
          std::promise<void> done;
          writer.submit(view(request), [&](const Status& st) {
            EXPECT_TRUE(st.ok()) << st.error().message;
            ++completed;
            done.set_value();
          });
          done.get_future().wait();
          // Visible to another connection the moment the request completes.
          if (store::query_int(db.value()->sql(),
                               "SELECT COUNT(*) FROM audit_log WHERE object_id = '" +
                                   std::to_string(request) + "'") != 1)
            ++missing;
        }
      });
    for (auto& w : workers) w.join();
  }
  EXPECT_EQ(completed, kThreads * kEach);
  EXPECT_EQ(missing, 0);
  EXPECT_EQ(store::query_int(db().sql(), "SELECT COUNT(DISTINCT id) FROM audit_log"),
            kThreads * kEach);
}

TEST_P(AuditGroupCommit, WhatIsQueuedAtShutdownIsStillWritten) {
  std::atomic<int> completed{0};
  {
    AuditWriter writer(url());
    for (int i = 0; i < 50; ++i)
      writer.submit(view(i), [&](const Status& st) {
        EXPECT_TRUE(st.ok());
        ++completed;
      });
  }  // destroyed at once: it drains its queue first
  EXPECT_EQ(completed, 50);
  EXPECT_EQ(store::query_int(db().sql(), "SELECT COUNT(*) FROM audit_log"), 50);
}

TEST_P(AuditGroupCommit, ADatabaseThatCannotBeOpenedFailsEveryRequestInsteadOfShowingIt) {
  AuditWriter writer("postgresql://nobody@127.0.0.1:1/none");
  std::promise<Status> result;
  writer.submit(view(1), [&](const Status& st) { result.set_value(st); });
  const Status st = result.get_future().get();
  EXPECT_FALSE(st.ok());
}

BAOXUE_ON_BOTH_ENGINES(AuditGroupCommit);

}  // namespace
}  // namespace baoxue::api
