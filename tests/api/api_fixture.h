// The API as a browser uses it, without sockets: a county with two villages and two schools of
// 会盟镇, three children (two suspected), accounts for every kind of user, and helpers to call
// routes as one of them. Compiled into both API test programs: as it is, and with the server's
// options (BAOXUE_API_SERVER_OPTIONS: sessions remembered, the latest ledger in memory, audit
// entries group-committed, views kept, long work on a job runner), so that every specification
// holds for both.
#pragma once

#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/api.h"
#include "api/audit_writer.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "auth/session_cache.h"
#include "core/labels.h"
#include "ingest/row_reader.h"
#include "jobs/job_runner.h"
#include "ledger/census.h"
#include "ledger/run_ledger.h"
#include "risk/roll.h"
#include "store/school_repository.h"
#include "support/census_fixture.h"

namespace baoxue::api {

using baoxue::testing::child;
using baoxue::testing::kCensusDay;
using baoxue::testing::pupil;
using json = nlohmann::json;

constexpr const char* kPassword = "Baoxue2026ok";
constexpr const char* kTaiyin = "410308100201";  // 台荫村
constexpr const char* kLeihe = "410308100202";   // 雷河村
constexpr const char* kSchoolA = "1141030801";   // 会盟镇中心小学
constexpr const char* kSchoolB = "1141030802";   // 会盟镇第二小学
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, '\x01');

struct Reply {
  int status = 0;
  json body;
  std::string raw, set_cookie;
};

struct Session {
  std::string token, csrf;
};

class ApiTest : public baoxue::testing::CensusTest {
 protected:
  void SetUp() override {
    auth::use_cheap_password_hashing_in_specifications();  // argon2id at its minimum cost
    CensusTest::SetUp();
    char tmpl[] = "/tmp/baoxue-api-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    options_.data_dir = tmpl;
#ifdef BAOXUE_API_SERVER_OPTIONS
    options_.sessions = &sessions_;
    options_.ledgers = &ledgers_;
    options_.defer_audit = true;
    options_.views = &views_;
    options_.risk_models = &risk_models_;
    audit_writer_ = std::make_unique<AuditWriter>(url());
    job_runner_ = std::make_unique<jobs::JobRunner>(url());
    options_.jobs = job_runner_.get();
#endif
    huimeng_villages_and_schools();
    auto li = child("李思琪", "20170305", 22, "女");
    li.village = "雷河村";
    put("hukou", {zhang, li, wang});
    put("xueji", {pupil(wang)});
    auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    ASSERT_EQ(run->suspected, 2);
    for (auto [name, role, org] :
         std::vector<std::array<std::string, 3>>{{"county", "county_admin", "410308"},
                                                 {"taiyin", "village", kTaiyin},
                                                 {"leihe", "village", kLeihe},
                                                 {"school_a", "school_admin", kSchoolA},
                                                 {"school_b", "school_admin", kSchoolB},
                                                 {"inspector", "inspector", "410308"}})
      add_user(name, role, org, /*changed=*/true);
  }

  void TearDown() override {
    job_runner_.reset();
    audit_writer_.reset();
    std::filesystem::remove_all(options_.data_dir);
    CensusTest::TearDown();
  }

  // A class of 中心小学 in the 2026 school year, and `teacher` as its head teacher's account
  // (password already changed). Returns the class's id.
  long long add_class_with_teacher(int grade, int number, const std::string& teacher) {
    std::vector<store::SchoolClass> classes(1);
    classes[0].school_id = kSchoolA;
    classes[0].school_year = 2026;
    classes[0].grade = grade;
    classes[0].number = number;
    classes[0].name = core::class_label(grade, number);
    EXPECT_TRUE(store::insert_classes(db(), "410308", classes).ok());
    add_user(teacher, "teacher", std::string(kSchoolA) + "/" + std::to_string(classes[0].id),
             /*changed=*/true);
    return classes[0].id;
  }

  void add_user(const std::string& name, const std::string& role, const std::string& org,
                bool changed) {
    auto u = auth::create_user(db(), {"410308", name, name, role, org, "Initial2026", "test"});
    ASSERT_TRUE(u.ok()) << u.error().message;
    if (changed) {
      ASSERT_TRUE(auth::change_password(db(), u.value(), kPassword).ok());
    }
  }

  Reply call(const std::string& method, const std::string& path, const Session& s = {},
             const std::string& body = "", std::map<std::string, std::string> query = {},
             const std::string& file_name = "") {
    Request r;
    r.method = method;
    r.path = path;
    r.query = std::move(query);
    r.body = body;
    r.session_token = s.token;
    r.csrf = s.csrf;
    r.file_name = file_name;
    r.address = "192.0.2.7";
    Response out = handle(db(), options_, r);
    if (!out.audit.empty()) {  // as the server does: the reply only once its audit is on file
      std::promise<Status> written;
      audit_writer_->submit(std::move(out.audit), [&](const Status& st) { written.set_value(st); });
      const Status st = written.get_future().get();
      EXPECT_TRUE(st.ok()) << st.error().message;
      if (!st) out = audit_failed(st.error());
    }
    if (!out.file.empty()) {  // a download: its bytes, as the server would send them
      std::ifstream in(out.file, std::ios::binary);
      out.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    Reply reply{out.status, json::parse(out.body, nullptr, false), out.body, out.set_cookie};
    return reply;
  }

  // The rows of an export of `list` with `params`, as the downloaded xlsx holds them (title and
  // header rows left out), and the job that wrote it.
  std::vector<std::vector<std::string>> exported(const Session& s, const std::string& list,
                                                 const json& params = json::object(),
                                                 json* job_out = nullptr) {
    const json job = finished_job(
        call("POST", "/api/exports", s, json{{"list", list}, {"params", params}}.dump()), s);
    if (job_out) *job_out = job;
    EXPECT_EQ(job.value("state", ""), "done") << job.dump();
    if (job.value("state", "") != "done") return {};
    const Reply file = call("GET", job["result"]["file_url"].get<std::string>(), s);
    EXPECT_EQ(file.status, 200) << file.raw.substr(0, 200);
    auto reader = ingest::open_table_bytes(file.raw, "export.xlsx", {});
    EXPECT_TRUE(reader.ok()) << (reader ? "" : reader.error().message);
    std::vector<std::vector<std::string>> rows;
    if (!reader) return rows;
    ingest::SheetRow row;
    while (reader.value()->next(row)) rows.push_back(row.cells);
    EXPECT_GE(rows.size(), 2u);  // title and header
    if (rows.size() >= 2) rows.erase(rows.begin(), rows.begin() + 2);
    EXPECT_EQ(static_cast<long long>(rows.size()), job["result"]["rows"].get<long long>());
    return rows;
  }

  // A job the reply started (202), once it has finished: its record as GET /api/jobs/{id}
  // gives it. Without a job runner the work ran within the request.
  json finished_job(const Reply& started, const Session& s) {
    EXPECT_EQ(started.status, 202) << started.raw;
    if (started.status != 202) return json::object();
    const std::string path =
        "/api/jobs/" + std::to_string(started.body["job"]["id"].get<long long>());
    for (int i = 0; i < 3000; ++i) {
      const Reply r = call("GET", path, s);
      EXPECT_EQ(r.status, 200) << r.raw;
      const std::string state = r.body["job"]["state"];
      if (state == "done" || state == "failed") return r.body["job"];
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "the job did not finish";
    return json::object();
  }

  json dispatch_all(const Session& s, const std::string& to = "residence") {
    const Reply r =
        call("POST", "/api/suspected/dispatch", s,
             json{{"all_undispatched", true}, {"to", to}, {"deadline", "2099-12-31"}}.dump());
    json job = finished_job(r, s);
    EXPECT_EQ(job.value("state", ""), "done") << job.dump();
    return job.value("result", json::object());
  }

  Session sign_in(const std::string& name, const std::string& password = kPassword) {
    const Reply r =
        call("POST", "/api/session", {}, json{{"username", name}, {"password", password}}.dump());
    EXPECT_EQ(r.status, 200) << r.raw;
    Session s;
    const auto start = r.set_cookie.find('=') + 1;
    s.token = r.set_cookie.substr(start, r.set_cookie.find(';') - start);
    s.csrf = r.body.value("csrf", "");
    return s;
  }

  long long entry_of(const Session& s, const std::string& name) {
    const Reply r = call("GET", "/api/suspected", s, "", {{"q", name}});
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["rows"].size(), 1u) << r.raw;
    return r.body["rows"].empty() ? 0 : r.body["rows"][0]["id"].get<long long>();
  }

  const store::RecordFields zhang = child("张浩宇", "20160901", 11);
  const store::RecordFields wang = child("王子涵", "20150612", 33);
  Options options_;
  auth::SessionCache sessions_;
  // Fresh 0: these specifications run censuses directly, as the command line would, and expect
  // the next call to see them (the server looks again at most once a second).
  ledger::RunLedgers ledgers_{std::chrono::seconds(0)};
  ViewCache views_;
  risk::ModelCache risk_models_;
  std::unique_ptr<AuditWriter> audit_writer_;
  std::unique_ptr<jobs::JobRunner> job_runner_;
};

}  // namespace baoxue::api
