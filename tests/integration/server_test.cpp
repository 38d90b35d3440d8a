// Specification of `baoxue serve` as a browser and an operator meet it: health check, sign-in
// with an HttpOnly session cookie, CSRF on writes, and a clean stop on SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

namespace {

std::string shell(const std::string& cmd) {
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  pclose(p);
  return out;
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

class Server : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/baoxue-serve-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    db_ = dir_ + "/d.db";
    ASSERT_NE(shell(std::string(BAOXUE_BIN) + " demo --db " + db_).find("已生成演示县"),
              std::string::npos);
    shell("echo Huimeng2026 | " + std::string(BAOXUE_BIN) +
          " user add wangli --role county_staff --org 410308 --password-stdin --db " + db_);
    port_ = free_port();
    base_ = "http://127.0.0.1:" + std::to_string(port_);
    pid_ = fork();
    if (pid_ == 0) {
      execl(BAOXUE_BIN, BAOXUE_BIN, "serve", "--db", db_.c_str(), "--port",
            std::to_string(port_).c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && shell("curl -s " + base_ + "/healthz") != "ok"; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  std::string curl(const std::string& args) { return shell("curl -s " + args); }

  std::string dir_, db_, base_;
  int port_ = 0;
  pid_t pid_ = -1;
};

TEST_F(Server, AnswersTheHealthCheck) { EXPECT_EQ(curl(base_ + "/healthz"), "ok"); }

TEST_F(Server, SignsInWithAnHttpOnlyStrictCookieAndKnowsTheUserAfterwards) {
  const std::string jar = dir_ + "/cookies";
  const std::string headers = curl("-i -c " + jar + " -X POST " + base_ +
                                   "/api/session -d '{\"username\":\"wangli\",\"password\":"
                                   "\"Huimeng2026\"}'");
  EXPECT_NE(headers.find("HTTP/1.1 200"), std::string::npos) << headers;
  EXPECT_TRUE(std::regex_search(
      headers, std::regex("Set-Cookie: baoxue_session=[0-9a-f]{64}; Path=/; HttpOnly; "
                          "SameSite=Strict")))
      << headers;
  const auto body = nlohmann::json::parse(headers.substr(headers.find("\r\n\r\n") + 4));
  EXPECT_EQ(body["user"]["username"], "wangli");
  EXPECT_EQ(body["user"]["must_change_password"], true);
  const std::string csrf = body["csrf"];
  const auto me = nlohmann::json::parse(curl("-b " + jar + " " + base_ + "/api/session"));
  EXPECT_EQ(me["user"]["role_label"], "县教育局专干");

  // Signing out is a write: without the CSRF token it is refused.
  EXPECT_NE(curl("-b " + jar + " -X DELETE " + base_ + "/api/session").find("csrf_mismatch"),
            std::string::npos);
  EXPECT_NE(
      curl("-b " + jar + " -H 'X-CSRF-Token: " + csrf + "' -X DELETE " + base_ + "/api/session")
          .find("signed_out"),
      std::string::npos);
  EXPECT_NE(curl("-b " + jar + " " + base_ + "/api/session").find("not_signed_in"),
            std::string::npos);
}

TEST_F(Server, AWrongPasswordIs401InChinese) {
  const std::string out = curl("-w '\\n%{http_code}' -X POST " + base_ +
                               "/api/session -d '{\"username\":\"wangli\",\"password\":\"x1\"}'");
  EXPECT_NE(out.find("用户名或密码不正确"), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 3), "401");
  EXPECT_NE(curl("-X POST " + base_ + "/api/session -d 'not json'").find("bad_request"),
            std::string::npos);
}

TEST_F(Server, StopsCleanlyOnSigterm) {
  ASSERT_GT(pid_, 0);
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
