// Specification of `baoxue serve` as a browser and an operator meet it: health check, sign-in
// with an HttpOnly session cookie, CSRF on writes, and a clean stop on SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
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
    const std::string web = dir_ + "/web";
    std::filesystem::create_directories(web);
    shell("echo '<!doctype html><title>保学</title>' > " + web + "/index.html");
    // As many connections as a county's morning allows (1,000 and the server's own).
    rlimit files{};
    getrlimit(RLIMIT_NOFILE, &files);
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
    pid_ = fork();
    if (pid_ == 0) {
      execl(BAOXUE_BIN, BAOXUE_BIN, "serve", "--db", db_.c_str(), "--port",
            std::to_string(port_).c_str(), "--web-root", web.c_str(), static_cast<char*>(nullptr));
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

// A raw HTTP exchange: what the server answers to `request` sent as it is (the refusals below
// come before any body, so none is sent).
std::string raw_http(int port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "";
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  close(fd);
  return out;
}

TEST_F(Server, ABodyOverItsRoutesLimitIsRefusedWith413BeforeItIsRead) {
  // 200 MB announced to the sign-in route, and not one byte of it sent: the answer comes at once.
  const auto start = std::chrono::steady_clock::now();
  const std::string out =
      raw_http(port_,
               "POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: 209715200\r\n\r\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_EQ(out.rfind("HTTP/1.1 413", 0), 0u) << out;
  EXPECT_NE(out.find("body_too_large"), std::string::npos) << out;
  EXPECT_NE(out.find("8192"), std::string::npos) << out;  // the sign-in route's limit
  // An import may be larger than that, up to the server's upload limit.
  const std::string import = raw_http(
      port_,
      "POST /api/imports?kind=hukou HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n");
  EXPECT_EQ(import.rfind("HTTP/1.1 413", 0), 0u) << import;
}

TEST_F(Server, AnOversizedUrlIs414AndOversizedHeadersAre431) {
  const std::string long_url = raw_http(
      port_, "GET /api/children?q=" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(long_url.rfind("HTTP/1.1 414", 0), 0u) << long_url.substr(0, 200);
  const std::string big_headers = raw_http(
      port_,
      "GET /api/children HTTP/1.1\r\nHost: x\r\nCookie: " + std::string(64000, 'c') + "\r\n\r\n");
  EXPECT_EQ(big_headers.rfind("HTTP/1.1 431", 0), 0u) << big_headers.substr(0, 200);
  // And the server goes on answering.
  EXPECT_EQ(curl(base_ + "/healthz"), "ok");
}

TEST_F(Server, PagesCarryAContentSecurityPolicyAndRefuseFraming) {
  const std::string page = curl("-i " + base_ + "/");
  EXPECT_NE(page.find("X-Frame-Options: DENY"), std::string::npos) << page.substr(0, 600);
  EXPECT_NE(page.find("X-Content-Type-Options: nosniff"), std::string::npos);
  const std::string api = curl("-i " + base_ + "/api/session");
  EXPECT_NE(api.find("X-Content-Type-Options: nosniff"), std::string::npos);
  EXPECT_NE(api.find("Cache-Control: no-store"), std::string::npos);
}

// A signed-in clerk whose initial password is changed: his session cookie.
std::string signed_in_cookie(const std::string& base, const std::string& dir) {
  const std::string jar = dir + "/jar";
  const std::string out = shell("curl -s -c " + jar + " -X POST " + base +
                                "/api/session -d '{\"username\":\"wangli\",\"password\":"
                                "\"Huimeng2026\"}'");
  const std::string csrf = nlohmann::json::parse(out)["csrf"];
  shell("curl -s -b " + jar + " -H 'X-CSRF-Token: " + csrf + "' -X POST " + base +
        "/api/session/password -d '{\"old_password\":\"Huimeng2026\",\"new_password\":"
        "\"Huimeng2027ok\"}'");
  const std::string cookies = shell("grep baoxue_session " + jar);
  return "baoxue_session=" + cookies.substr(cookies.rfind('\t') + 1, 64);
}

TEST_F(Server, StopsWithinFiveSecondsAndExitsZeroUnderAThousandConnections) {
  const std::string cookie = signed_in_cookie(base_, dir_);
  ASSERT_EQ(curl("-b " + cookie + " -o /dev/null -w '%{http_code}' " + base_ + "/api/dashboard"),
            "200");
  // wrk keeps 1,000 connections busy on the dashboard, the ledger and a detail view.
  const std::string lua = dir_ + "/load.lua";
  std::ofstream(lua) << "local i = 0\n"
                        "local paths = {'/api/dashboard', '/api/children?page=2', "
                        "'/api/children/7'}\n"
                        "request = function()\n"
                        "  i = i + 1\n"
                        "  return wrk.format('GET', paths[(i % 3) + 1], {['Cookie'] = '"
                     << cookie << "'})\nend\n";
  const std::string load = "wrk -t2 -c1000 -d30s --timeout 10s -s " + lua + " " + base_ + " > " +
                           dir_ + "/wrk.log 2>&1 & echo $!";
  const std::string wrk_pid = shell(load);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  ASSERT_EQ(kill(pid_, 0), 0) << "the server died under load";
  const auto start = std::chrono::steady_clock::now();
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  const auto took = std::chrono::steady_clock::now() - start;
  pid_ = -1;
  shell("kill " + wrk_pid + " 2>/dev/null");
  EXPECT_LT(took, std::chrono::seconds(5));
  ASSERT_TRUE(WIFEXITED(status)) << "signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
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
