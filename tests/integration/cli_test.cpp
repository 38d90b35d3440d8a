// Specification of the `baoxue` command as a clerk or a script uses it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/pg_server.h"

namespace {

struct CliRun {
  int exit_code;
  std::string out;
};

CliRun run(const std::string& args) {
  const std::string cmd = std::string(BAOXUE_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(IdCommand, PrintsOneJsonLinePerNumber) {
  CliRun r = run("id --json 11010519491231002X 110105194912310021");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["input"], "11010519491231002X");
  EXPECT_EQ(lines[0]["valid"], true);
  EXPECT_EQ(lines[0]["sex"], "女");
  EXPECT_EQ(lines[0]["birth_date"], "1949-12-31");
  EXPECT_EQ(lines[0]["area_code"], "110105");
  EXPECT_TRUE(lines[0]["errors"].empty());
  EXPECT_EQ(lines[1]["valid"], false);
  ASSERT_EQ(lines[1]["errors"].size(), 1u);
  EXPECT_EQ(lines[1]["errors"][0]["code"], "id_checksum");
  for (const char* key : {"input", "normalized", "valid", "birth_date", "sex", "area_code",
                          "area_name", "warnings", "errors"})
    EXPECT_TRUE(lines[1].contains(key)) << key;
}

TEST(IdCommand, ReadableOutputIsChinese) {
  CliRun r = run("id 110105194912310021");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("无效"), std::string::npos);
  EXPECT_NE(r.out.find("校验位应为 X"), std::string::npos);
}

class CliWithDatabase : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/baoxue-cli-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(CliWithDatabase, SummaryOnAnEmptyDatabaseSaysWhatToDo) {
  CliRun r = run("summary --db " + dir_ + "/empty.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("baoxue demo"), std::string::npos) << r.out;
}

TEST_F(CliWithDatabase, AnUnwritableDatabasePathIsAClearError) {
  CliRun r = run("summary --db /nonexistent/dir/x.db");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("无法打开数据库"), std::string::npos) << r.out;
}

// The demo county, built by the CLI on each engine and read back by `summary`.
void expect_demo_figures(const std::string& db) {
  CliRun demo = run("demo --db " + db);
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  CliRun summary = run("summary --json --db " + db);
  ASSERT_EQ(summary.exit_code, 0) << summary.out;
  auto s = nlohmann::json::parse(summary.out);
  EXPECT_EQ(s["schools"], 77);
  EXPECT_EQ(s["students"], 52384);
  EXPECT_EQ(s["primary_students"], 34550);
  EXPECT_EQ(s["junior_students"], 17834);
  EXPECT_EQ(s["key_groups"]["poverty_alleviated"], 1332);
  EXPECT_EQ(s["disabled_by_placement"]["ordinary_class"], 229);
  EXPECT_EQ(s["disabled_by_placement"]["special_school"], 72);
  EXPECT_EQ(s["disabled_by_placement"]["home_teaching"], 36);
  CliRun again = run("demo --db " + db);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("已有县区"), std::string::npos) << again.out;
}

TEST_F(CliWithDatabase, DemoThenSummaryOnSQLite) { expect_demo_figures(dir_ + "/baoxue.db"); }

TEST_F(CliWithDatabase, DemoThenSummaryOnPostgreSQL) {
  auto url = baoxue::testing::fresh_postgres_database();
  ASSERT_TRUE(url.ok()) << url.error().message;
  expect_demo_figures("'" + url.value() + "'");
}

}  // namespace
