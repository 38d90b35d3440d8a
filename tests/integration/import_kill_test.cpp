// Specification: an import killed with SIGKILL halfway leaves the database as it was.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "store/database.h"
#include "store/rows.h"

namespace {

namespace fs = std::filesystem;

int sh(const std::string& cmd) { return std::system(cmd.c_str()); }

long long count(baoxue::store::Database& db, const std::string& sql) {
  return baoxue::store::query_int(db.sql(), sql);
}

TEST(InterruptedImport, AKillDuringALargeImportLeavesTheDatabaseUnchanged) {
  char tmpl[] = "/tmp/baoxue-kill-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = tmpl, db_path = dir + "/baoxue.db";
  const std::string bin = BAOXUE_BIN, make_list = MAKE_LIST_BIN;

  // A database with one committed batch, then a large file to import into it.
  ASSERT_EQ(sh(make_list + " hukou 1000 " + dir + "/small.csv"), 0);
  ASSERT_EQ(sh(bin + " import hukou " + dir + "/small.csv --county 410308 --db " + db_path +
               " > /dev/null"),
            0);
  ASSERT_EQ(sh(make_list + " hukou 150000 " + dir + "/large.csv"), 0);

  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(bin.c_str(), bin.c_str(), "import", "hukou", (dir + "/large.csv").c_str(), "--db",
          db_path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until the import is visibly writing (its uncommitted pages fill the WAL), then kill it.
  const fs::path wal = db_path + "-wal";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool writing = false;
  while (std::chrono::steady_clock::now() < deadline) {
    std::error_code ec;
    if (fs::exists(wal) && fs::file_size(wal, ec) > 8u * 1024 * 1024) {
      writing = true;
      break;
    }
    int status;
    if (waitpid(pid, &status, WNOHANG) == pid) break;  // finished before we could kill it
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(writing) << "the import ended before it could be interrupted";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(status));

  {
    auto db = baoxue::store::Database::open(db_path);
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(count(*db.value(), "SELECT COUNT(*) FROM import_batches"), 1);
    EXPECT_EQ(count(*db.value(), "SELECT COUNT(*) FROM source_rows"), 1000);
    EXPECT_EQ(count(*db.value(), "SELECT COUNT(*) FROM list_records"), 1000);
    std::string integrity;
    db.value()->sql() << "PRAGMA integrity_check", soci::into(integrity);
    EXPECT_EQ(integrity, "ok");
  }
  // Nothing of the killed batch remains, so the same file imports in full afterwards.
  ASSERT_EQ(sh(bin + " import hukou " + dir + "/large.csv --db " + db_path + " > /dev/null"), 0);
  {
    auto db = baoxue::store::Database::open(db_path);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(count(*db.value(), "SELECT COUNT(*) FROM import_batches"), 2);
    EXPECT_EQ(count(*db.value(), "SELECT COUNT(*) FROM source_rows"), 151000);
  }
  fs::remove_all(dir);
}

}  // namespace
