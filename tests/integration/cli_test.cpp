// Specification of the `baoxue` command as a clerk or a script uses it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/csv.h"
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

namespace {

using baoxue::testing::read_csv;

// The first comparison on the demo county's noisy files: every child on no student list is
// found, and no noisy record of a pupil is reported as out of school.
TEST_F(CliWithDatabase, MatchingTheDemoCountysFilesFindsExactlyItsOutOfSchoolChildren) {
  CliRun demo = run("demo --db " + dir_ + "/d.db --files " + dir_ + "/files");
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  CliRun m = run("match --hukou " + dir_ + "/files/hukou_410308.csv --xueji " + dir_ +
                 "/files/xueji_410308.xlsx --as-of 2026-10-15 --out " + dir_ + "/result.csv");
  ASSERT_EQ(m.exit_code, 0) << m.out;

  std::map<std::string, std::pair<std::string, std::string>> truth;  // hukou_row → truth, xueji
  for (auto& t : read_csv(dir_ + "/files/truth_410308.csv"))
    if (!t["hukou_row"].empty()) truth[t["hukou_row"]] = {t["truth"], t["xueji_row"]};
  long automatic = 0, correct = 0, should_match = 0, suspected_pupils = 0;
  std::map<std::string, int> suspected;
  for (const auto& [h, t] : truth) should_match += !t.second.empty();
  auto result = read_csv(dir_ + "/result.csv");
  ASSERT_EQ(result.size(), truth.size());
  for (auto& r : result) {
    const auto& t = truth.at(r["hukou_row"]);
    if (r["status"] == "enrolled") {
      ++automatic;
      correct += r["xueji_row"] == t.second;
    } else if (r["status"] == "suspected") {
      ++suspected[t.first];
      suspected_pupils += t.first == "enrolled";
    }
  }
  EXPECT_GE(static_cast<double>(correct) / automatic, 0.999);
  EXPECT_GE(static_cast<double>(correct) / should_match, 0.99);
  EXPECT_EQ(suspected_pupils, 0);  // no pupil behind a noisy record is sent for a home visit
  for (const char* cat : {"A", "B", "C", "D", "F", "G", "H", "I", "J", "K", "L", "M"})
    EXPECT_GT(suspected[cat], 0) << cat;  // each child on no student list is found
  int out_of_school = 0;
  for (const char* cat : {"I", "J", "K", "L", "M"}) out_of_school += suspected[cat];
  EXPECT_EQ(out_of_school, 12);
}

}  // namespace

namespace {

using baoxue::testing::read_csv;

// The census on the demo county's files imported into `db`: the same decisions as file mode,
// and the suspected ledger holds exactly the children on no student list.
void expect_census_like_file_mode(const std::string& dir, const std::string& db) {
  const std::string files = dir + "/files";
  CliRun demo = run("demo --db " + dir + "/demo.db --files " + files);
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  CliRun census_first = run("census --db " + db + " --as-of 2026-10-15");
  EXPECT_EQ(census_first.exit_code, 1);
  EXPECT_NE(census_first.out.find("导入"), std::string::npos) << census_first.out;
  for (const char* list : {"hukou files/hukou_410308.csv", "xueji files/xueji_410308.xlsx"}) {
    std::string args = list;
    args.replace(args.find("files/"), 6, files + "/");
    CliRun imported = run("import " + args + " --county 410308 --whole --db " + db);
    ASSERT_EQ(imported.exit_code, 0) << imported.out;
  }
  CliRun census = run("census --json --db " + db + " --as-of 2026-10-15");
  ASSERT_EQ(census.exit_code, 0) << census.out;
  auto c = nlohmann::json::parse(census.out);
  EXPECT_EQ(c["suspected"], 61);
  EXPECT_EQ(c["probable"], 0);
  EXPECT_EQ(c["entries"]["opened"], 61);

  CliRun from_db = run("ledger decisions --explain --db " + db + " --out " + dir + "/db.csv");
  ASSERT_EQ(from_db.exit_code, 0) << from_db.out;
  CliRun from_files =
      run("match --explain --hukou " + files + "/hukou_410308.csv --xueji " + files +
          "/xueji_410308.xlsx --as-of 2026-10-15 --out " + dir + "/files.csv");
  ASSERT_EQ(from_files.exit_code, 0) << from_files.out;
  const auto a = read_csv(dir + "/db.csv"), b = read_csv(dir + "/files.csv");
  ASSERT_EQ(a.size(), b.size());
  long differ = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && ++differ <= 3)
      ADD_FAILURE() << "row " << i + 1 << ": database " << a[i].at("hukou_row") << " "
                    << a[i].at("status") << " " << a[i].at("xueji_row") << " "
                    << a[i].at("explanation") << " / files " << b[i].at("hukou_row") << " "
                    << b[i].at("status") << " " << b[i].at("xueji_row") << " "
                    << b[i].at("explanation");
  EXPECT_EQ(differ, 0);

  // The suspected ledger is the children the truth file says are on no student list.
  std::map<std::string, std::string> truth;  // hukou_row → category
  for (auto& t : read_csv(files + "/truth_410308.csv"))
    if (!t["hukou_row"].empty()) truth[t["hukou_row"]] = t["truth"];
  long suspected_pupils = 0;
  for (const auto& r : a)
    if (r.at("status") == "suspected")
      suspected_pupils += truth.at(r.at("hukou_row")) == "enrolled";
  EXPECT_EQ(suspected_pupils, 0);
  CliRun ledger = run("ledger suspected --status open --db " + db);
  ASSERT_EQ(ledger.exit_code, 0) << ledger.out;
  EXPECT_EQ(std::count(ledger.out.begin(), ledger.out.end(), '\n'), 62);  // header + 61
  // ID numbers masked: the area code (old or new) and the last four only.
  EXPECT_NE(ledger.out.find("********"), std::string::npos);
  EXPECT_FALSE(std::regex_search(ledger.out, std::regex("[0-9]{17}[0-9X]")));  // no full ID
  EXPECT_FALSE(std::regex_search(ledger.out, std::regex("1[0-9]{10}")));       // no full phone

  // A second run finds the same children and opens nothing new.
  CliRun again = run("census --json --db " + db + " --as-of 2026-10-15");
  ASSERT_EQ(again.exit_code, 0) << again.out;
  auto g = nlohmann::json::parse(again.out);
  EXPECT_EQ(g["entries"]["opened"], 0);
  EXPECT_EQ(g["entries"]["still_open"], 61);

  // Bringing them back: the demo's cases at every stage, read back as a script would.
  CliRun schools = run("import school " + files + "/schools_410308.xlsx --db " + db);
  ASSERT_EQ(schools.exit_code, 0) << schools.out;
  CliRun users = run("demo-users --db " + db);
  ASSERT_EQ(users.exit_code, 0) << users.out;
  CliRun casework =
      run("demo-casework --db " + db + " --as-of 2026-12-06 --data-dir " + dir + "/store");
  ASSERT_EQ(casework.exit_code, 0) << casework.out;
  CliRun cases = run("case list --json --db " + db);
  ASSERT_EQ(cases.exit_code, 0) << cases.out;
  const auto list = nlohmann::json::parse(cases.out);
  ASSERT_EQ(list.size(), 8u) << cases.out;
  std::map<std::string, int> by_status;
  for (const auto& k : list) {
    ++by_status[k["status"].get<std::string>()];
    for (const char* key :
         {"id", "name", "status", "attempts", "last_attempt", "next_due", "overdue"})
      EXPECT_TRUE(k.contains(key)) << key << " " << k.dump();
  }
  EXPECT_EQ(by_status["劝返中"], 4) << cases.out;
  EXPECT_EQ(by_status["已销号"], 1);
  EXPECT_EQ(by_status["已返校（跟踪期）"], 1);
  EXPECT_EQ(by_status["待县级审核销号"], 1);
  EXPECT_EQ(by_status["送教上门"], 1);
  CliRun persuading = run("case list --json --status 劝返中 --db " + db);
  ASSERT_EQ(persuading.exit_code, 0) << persuading.out;
  const auto open = nlohmann::json::parse(persuading.out);
  EXPECT_EQ(open.size(), 4u);
  EXPECT_EQ(run("case list --status 不存在 --db " + db).exit_code, 2);
  // A notice issued from the command line is a PDF whose text is the notice.
  const std::string pdf = dir + "/notice.pdf";
  CliRun notice =
      run("case notice " + std::to_string(open[0]["id"].get<long long>()) +
          " --kind 劝返通知书 --db " + db + " --data-dir " + dir + "/store --out " + pdf);
  ASSERT_EQ(notice.exit_code, 0) << notice.out;
  FILE* p = popen(("pdftotext -enc UTF-8 " + pdf + " -").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string words;
  std::array<char, 4096> buf{};
  for (size_t n; (n = fread(buf.data(), 1, buf.size(), p)) > 0;) words.append(buf.data(), n);
  ASSERT_EQ(pclose(p), 0);
  EXPECT_NE(words.find("劝返通知书"), std::string::npos) << words;
  EXPECT_NE(words.find(open[0]["name"].get<std::string>()), std::string::npos) << words;
  // 送教上门: the 36 children taught at home have their plans.
  CliRun plans = run("home-teaching list --json --as-of 2026-12-06 --db " + db);
  ASSERT_EQ(plans.exit_code, 0) << plans.out;
  const auto plan_list = nlohmann::json::parse(plans.out);
  EXPECT_EQ(plan_list.size(), 36u);
  for (const auto& k : plan_list)
    for (const char* key : {"name", "school", "sessions", "hours", "hours_target", "behind"})
      EXPECT_TRUE(k.contains(key)) << key;
  // Settings are the county's, changed without a rebuild; a number stays a number.
  EXPECT_EQ(run("setting set case.follow_up_days 90 --db " + db).exit_code, 0);
  EXPECT_NE(run("setting list --db " + db).out.find("case.follow_up_days\t90"), std::string::npos);
  EXPECT_EQ(run("setting set case.follow_up_days soon --db " + db).exit_code, 2);
  EXPECT_EQ(run("setting set no.such.key 1 --db " + db).exit_code, 2);
  // The rest of the census's suspicions verified as the demo's truth has them, through the
  // workflow: of the 54 open (61 − the casework's 8 + its 考勤 streak's), each is verified or
  // left to the users (the 考勤 entry, a child with no truth); once.
  CliRun verified = run("demo-verify --db " + db + " --as-of 2026-12-06");
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(verified.out, m,
                                std::regex("已完成核查 ([0-9]+) 人.*留待用户核查 ([0-9]+) 人")))
      << verified.out;
  EXPECT_EQ(std::stoi(m[1]) + std::stoi(m[2]), 54) << verified.out;
  EXPECT_GE(std::stoi(m[1]), 40) << verified.out;
  EXPECT_NE(verified.out.find("A 类"), std::string::npos) << verified.out;
  CliRun twice = run("demo-verify --db " + db + " --as-of 2026-12-06");
  EXPECT_NE(twice.out.find("已完成核查 0 人"), std::string::npos) << twice.out;
}

TEST_F(CliWithDatabase, TheCensusInSQLiteDecidesAsFileModeOnTheDemoCounty) {
  expect_census_like_file_mode(dir_, dir_ + "/census.db");
}

TEST_F(CliWithDatabase, TheCensusInPostgreSQLDecidesAsFileModeOnTheDemoCounty) {
  auto url = baoxue::testing::fresh_postgres_database();
  ASSERT_TRUE(url.ok()) << url.error().message;
  expect_census_like_file_mode(dir_, "'" + url.value() + "'");
}

TEST_F(CliWithDatabase, ClosingASuspectedEntryNeedsAKnownCategory) {
  const std::string db = dir_ + "/close.db";
  CliRun demo = run("demo --db " + db + " --files " + dir_ + "/files");
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  for (const std::string list :
       {"hukou " + dir_ + "/files/hukou_410308.csv", "xueji " + dir_ + "/files/xueji_410308.xlsx"})
    ASSERT_EQ(run("import " + list + " --db " + db).exit_code, 0);
  ASSERT_EQ(run("census --db " + db + " --as-of 2026-10-15").exit_code, 0);
  CliRun bad = run("ledger close 1 --category Z --db " + db);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("A、B、C"), std::string::npos) << bad.out;
  CliRun list = run("ledger suspected --db " + db);
  const auto first_line_end = list.out.find('\n');
  const std::string first_id =
      list.out.substr(first_line_end + 1, list.out.find('\t', first_line_end) - first_line_end - 1);
  CliRun ok =
      run("ledger close " + first_id + " --category E --note 户籍已迁出 --by 李四 --db " + db);
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
  CliRun twice = run("ledger close " + first_id + " --category E --db " + db);
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.out.find("已销号"), std::string::npos) << twice.out;
  CliRun closed = run("ledger suspected --status closed --db " + db);
  EXPECT_NE(closed.out.find("户籍已迁出"), std::string::npos) << closed.out;
}

}  // namespace

namespace {

// Accounts from the command line: placed in the demo county's tree, shown once, reset by stdin.
TEST_F(CliWithDatabase, AccountsAreAddedAtTheirPlaceListedAndReset) {
  const std::string db = dir_ + "/users.db";
  ASSERT_EQ(run("demo --db " + db).exit_code, 0);
  CliRun staff = run("user add wangli --role county_staff --org 410308 --display 王丽 --db " + db);
  ASSERT_EQ(staff.exit_code, 0) << staff.out;
  EXPECT_NE(staff.out.find("初始密码：Bx"), std::string::npos) << staff.out;
  CliRun wrong = run("user add huimeng --role township --org 1141030801 --db " + db);
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.out.find("乡镇（街道）代码"), std::string::npos) << wrong.out;
  CliRun again = run("user add wangli --role county_staff --org 410308 --db " + db);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.out.find("已被使用"), std::string::npos) << again.out;
  CliRun list = run("user list --db " + db);
  ASSERT_EQ(list.exit_code, 0) << list.out;
  EXPECT_NE(list.out.find("wangli\t王丽\t县教育局专干"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("待改密码"), std::string::npos);
  std::ofstream(dir_ + "/weak.txt") << "short\n";
  std::ofstream(dir_ + "/new.txt") << "taiyin2027\n";
  CliRun weak = run("user passwd wangli --password-stdin --db " + db + " < " + dir_ + "/weak.txt");
  EXPECT_EQ(weak.exit_code, 2);
  CliRun reset = run("user passwd wangli --password-stdin --db " + db + " < " + dir_ + "/new.txt");
  EXPECT_EQ(reset.exit_code, 0) << reset.out;
  EXPECT_EQ(reset.out.find("taiyin2027"), std::string::npos);  // a chosen password is not echoed
}

}  // namespace

namespace {

// An ID number of 孟津区 with its check character (GB 11643).
std::string id_number(const std::string& first17) {
  static const int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return first17 + "10X98765432"[sum % 11];
}

// The county's day `days_ago` days back (China: UTC+8), as YYYY-MM-DD.
std::string china_day(int days_ago) {
  const std::time_t t = std::time(nullptr) + 8 * 3600 - days_ago * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A school system's roll calls through `baoxue import attendance`: a pupil away three school days
// gives the streak's tasks, a pupil not on the registry comes back with his row number, the same
// file again changes nothing, and a file that is no roll-call sheet is refused (exit 2).
void expect_attendance_import(const std::string& dir, const std::string& db) {
  const std::string zhang = id_number("41030820170302011"), li = id_number("41030820170302022");
  std::ofstream(dir + "/hukou.csv") << "姓名,公民身份号码,性别,出生日期\n张三," << zhang
                                    << ",男,2017-03-02\n李四," << li << ",男,2017-03-02\n";
  std::ofstream(dir + "/xueji.csv")
      << "学校标识码,学校名称,年级,班级,姓名,身份证件号,全国学籍号\n"
      << "1141030801,孟津区会盟镇中心小学,三年级,(1)班,张三," << zhang << ",G" << zhang << "\n"
      << "1141030801,孟津区会盟镇中心小学,三年级,(1)班,李四," << li << ",G" << li << "\n";
  ASSERT_EQ(run("import hukou " + dir + "/hukou.csv --county 410308 --db " + db).exit_code, 0);
  ASSERT_EQ(run("import xueji " + dir + "/xueji.csv --db " + db).exit_code, 0);
  ASSERT_EQ(run("census --db " + db + " --as-of 2026-10-15").exit_code, 0);
  {
    std::ofstream att(dir + "/考勤.csv");
    att << "日期,时段,学籍号,姓名,出勤情况\n";
    for (int ago : {3, 2, 1})
      for (const char* session : {"上午", "下午"})
        att << china_day(ago) << "," << session << ",G" << li << ",李四,旷课\n"
            << china_day(ago) << "," << session << ",G" << zhang << ",张三,出勤\n";
    att << china_day(1) << ",下午,G410308201703029999,孙七,旷课\n";  // row 14
  }
  CliRun first = run("import attendance " + dir + "/考勤.csv --db " + db);
  ASSERT_EQ(first.exit_code, 0) << first.out;
  EXPECT_NE(first.out.find("数据 13 行：导入 12 行，问题行 1 行"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("点名：新建 6 次"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("新增任务 3 项"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("第 14 行：学籍号：学籍号 G410308201703029999 不在本县最新的学籍台账中"),
            std::string::npos)
      << first.out;
  EXPECT_TRUE(std::filesystem::exists(dir + "/考勤_问题行.xlsx")) << first.out;
  CliRun again = run("import attendance --json " + dir + "/考勤.csv --db " + db);
  ASSERT_EQ(again.exit_code, 0) << again.out;
  auto j = nlohmann::json::parse(again.out);
  EXPECT_EQ(j["roll_calls_created"], 0);
  EXPECT_EQ(j["roll_calls_unchanged"], 6);
  EXPECT_EQ(j["tasks_added"], 0);
  EXPECT_EQ(j["rejected"], 1);
  EXPECT_EQ(j["problems"][0]["row"], 14);
  CliRun wrong = run("import attendance " + dir + "/xueji.csv --db " + db);
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.out.find("缺少必需的列：日期、时段、出勤情况"), std::string::npos) << wrong.out;
}

TEST_F(CliWithDatabase, RollCallsFromASchoolSystemOnSQLite) {
  expect_attendance_import(dir_, dir_ + "/att.db");
}

TEST_F(CliWithDatabase, RollCallsFromASchoolSystemOnPostgreSQL) {
  auto url = baoxue::testing::fresh_postgres_database();
  ASSERT_TRUE(url.ok()) << url.error().message;
  expect_attendance_import(dir_, "'" + url.value() + "'");
}

}  // namespace
