#include "support/pg_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/database.h"

namespace baoxue::testing {
namespace fs = std::filesystem;
namespace {

int free_port() {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  int port = 0;
  if (bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  close(s);
  return port;
}

std::string find_bin_dir() {
  if (const char* env = std::getenv("BAOXUE_PG_BIN")) return env;
  std::string best;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (fs::exists(e.path() / "bin" / "initdb") && e.path().string() > best)
      best = e.path().string();
  }
  return best.empty() ? "" : best + "/bin";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::unique_ptr<PostgresServer>> PostgresServer::start() {
  std::unique_ptr<PostgresServer> pg(new PostgresServer());
  pg->bin_ = find_bin_dir();
  if (pg->bin_.empty())
    return make_error("pg_missing",
                      "PostgreSQL server binaries not found under /usr/lib/postgresql "
                      "(run scripts/setup.sh)");
  char tmpl[] = "/tmp/baoxue-pg-XXXXXX";
  if (!mkdtemp(tmpl)) return make_error("pg_tmp", "cannot create a temp dir");
  pg->dir_ = tmpl;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (!pw) return make_error("pg_user", "running as root but there is no `postgres` user");
    if (chown(pg->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      return make_error("pg_chown", "cannot hand the temp dir to postgres");
    pg->run_as_ = "runuser -u postgres -- ";
  }
  const std::string data = pg->dir_ + "/data", log = pg->dir_ + "/log";
  const std::string initdb = pg->run_as_ + pg->bin_ + "/initdb -D " + data +
                             " -A trust -U baoxue -E UTF8 --locale=C.UTF-8 --no-sync > " +
                             pg->dir_ + "/initdb.log 2>&1";
  if (std::system(initdb.c_str()) != 0)
    return make_error("pg_initdb", "initdb failed: " + read_file(pg->dir_ + "/initdb.log"));
  // A port can be taken between probing and binding; try a few.
  for (int attempt = 0; attempt < 5; ++attempt) {
    pg->port_ = free_port();
    const std::string start = pg->run_as_ + pg->bin_ + "/pg_ctl -D " + data + " -l " + log +
                              " -w -t 60 -o \"-p " + std::to_string(pg->port_) + " -k " + pg->dir_ +
                              " -c listen_addresses=127.0.0.1 -c fsync=off "
                              "-c synchronous_commit=off -c full_page_writes=off\" start "
                              "> /dev/null 2>&1";
    if (std::system(start.c_str()) == 0) return pg;
  }
  return make_error("pg_start", "pg_ctl start failed: " + read_file(log));
}

PostgresServer::~PostgresServer() {
  if (port_) {
    const std::string stop =
        run_as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w stop > /dev/null 2>&1";
    (void)std::system(stop.c_str());
  }
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

Result<std::string> PostgresServer::create_database(const std::string& name) {
  const std::string base = "postgresql://baoxue@127.0.0.1:" + std::to_string(port_) + "/";
  try {
    soci::session admin(soci::postgresql, store::postgres_conninfo(base + "postgres"));
    admin << "CREATE DATABASE " + name;
  } catch (const std::exception& e) {
    return make_error("pg_createdb", e.what());
  }
  return base + name;
}

Result<std::string> fresh_postgres_database() {
  // Deliberately leaked until exit, then stopped by the atexit hook below.
  static Result<std::unique_ptr<PostgresServer>>* server = [] {
    auto* s = new Result<std::unique_ptr<PostgresServer>>(PostgresServer::start());
    std::atexit([] { delete server; });
    return s;
  }();
  if (!server->ok()) return server->error();
  static std::atomic<int> counter{0};
  std::string name = "t";
  name += std::to_string(getpid());
  name += "_";
  name += std::to_string(++counter);
  return server->value()->create_database(name);
}

}  // namespace baoxue::testing
