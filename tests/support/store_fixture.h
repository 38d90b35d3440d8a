// Runs a store test once on SQLite and once on a real PostgreSQL: the same specification must
// hold on both engines.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/county_repository.h"
#include "store/database.h"
#include "support/pg_server.h"

namespace baoxue::testing {

class StoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::kPostgres) {
      auto url = fresh_postgres_database();
      ASSERT_TRUE(url.ok()) << url.error().message;
      url_ = url.value();
    } else {
      char tmpl[] = "/tmp/baoxue-store-XXXXXX";
      ASSERT_NE(mkdtemp(tmpl), nullptr);
      dir_ = tmpl;
      url_ = dir_ + "/baoxue.db";
    }
    auto db = store::Database::open(url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db.value());
  }

  void TearDown() override {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  void reopen() {
    db_.reset();
    auto db = store::Database::open(url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db.value());
  }

  // 孟津区, the demo county.
  void create_county(const std::string& code = "410308", const std::string& name = "孟津区") {
    Status st = store::create_county(db(), {code, name, "洛阳市", "河南省"});
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

 private:
  std::string url_, dir_;
  std::unique_ptr<store::Database> db_;
};

inline std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info) {
  return info.param == store::Engine::kSqlite ? "SQLite" : "PostgreSQL";
}

#define BAOXUE_ON_BOTH_ENGINES(Suite)                                                           \
  INSTANTIATE_TEST_SUITE_P(Engines, Suite,                                                      \
                           ::testing::Values(store::Engine::kSqlite, store::Engine::kPostgres), \
                           ::baoxue::testing::engine_name)

}  // namespace baoxue::testing
