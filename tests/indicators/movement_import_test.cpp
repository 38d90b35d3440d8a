// Specification of `baoxue import movement` and of list dates: 学籍异动 as the registry system
// exports them come in checked against the county's 学籍 list and schools; rows that cannot stand
// come back with reasons; the same movement again updates, never doubles; 学籍 lists are read in
// the order of the dates they describe. SQLite and PostgreSQL.
#include <filesystem>

#include "ingest/importer.h"
#include "ingest/row_reader.h"
#include "ingest/table_writer.h"
#include "ledger/census.h"
#include "movement/import.h"
#include "store/county_repository.h"
#include "store/movement_repository.h"
#include "support/census_fixture.h"

namespace baoxue::movement {
namespace {

namespace fs = std::filesystem;
using baoxue::testing::child;

const std::vector<std::string> kHeader = {"学籍号", "姓名",     "异动类型", "异动日期",
                                          "原学校", "去向学校", "去向省份", "确认日期"};

class MovementImport : public baoxue::testing::CensusTest {
 protected:
  void SetUp() override {
    CensusTest::SetUp();
    huimeng_villages_and_schools();
    const char* names[] = {"张三", "李四", "王五"};
    std::vector<store::RecordFields> hukou, xueji;
    for (int i = 0; i < 3; ++i) {
      auto c = child(names[i], "20170302", 11 + i * 10);
      hukou.push_back(c);
      xueji.push_back(baoxue::testing::pupil(c));
      sn_.push_back(xueji.back().student_no);
    }
    put("hukou", hukou);
    put("xueji", xueji);
    auto run = ledger::run_census(db(), "410308", {baoxue::testing::kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    today_ = store::load_settings(db(), "410308")->county_today();
    char tmpl[] = "/tmp/baoxue-movement-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    fs::remove_all(dir_);
    CensusTest::TearDown();
  }

  std::string day(int days_ago) const { return today_.plus_days(-days_ago).iso(); }
  std::string write(const std::string& name, const std::vector<std::vector<std::string>>& rows,
                    const std::vector<std::string>& header = kHeader) {
    const std::string path = dir_ + "/" + name;
    auto format = ingest::table_format_for(path, "");
    EXPECT_TRUE(format.ok());
    Status st = ingest::write_table(path, format.value(), "学籍异动", "", header, rows);
    EXPECT_TRUE(st.ok()) << st.error().message;
    return path;
  }
  Result<ImportOutcome> run(const std::string& path) {
    ImportOptions o;
    o.user = "clerk";
    store::AuditEntry e;
    e.username = "clerk";
    e.address = "test";
    o.audit = e;
    return import_movements(db(), path, o);
  }
  std::vector<store::Movement> all() {
    auto m = store::movements_where(db(), "410308", {});
    EXPECT_TRUE(m.ok());
    return m.value();
  }

  std::vector<std::string> sn_;
  Date today_;
  std::string dir_;
};

TEST_P(MovementImport, MovementsComeInByTheRegistrysWordsWithTheirSchoolsFound) {
  auto r = run(write("异动.xlsx", {{sn_[0], "张三", "转学（转出）", day(5), "孟津区会盟镇中心小学",
                                    "孟津区会盟镇第二小学", "", ""},
                                   {sn_[1], "李四", "转出", day(4), "",
                                    "郑州市金水区纬五路第一小学", "河南省", day(2)},
                                   {sn_[2], "王五", "休学", day(3), "", "", "", ""},
                                   {"G410308201703029999", "新同学", "转入", day(1),
                                    "洛阳市实验小学", "孟津区会盟镇中心小学", "", ""}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 4);
  EXPECT_EQ(r->flagged, 0) << (r->problems.empty() ? "" : r->problems[0].second);
  EXPECT_EQ(r->inserted, 4);
  EXPECT_EQ(r->in_county_transfers, 1);
  auto moves = all();
  ASSERT_EQ(moves.size(), 4u);
  const store::Movement& local = moves[0];
  EXPECT_EQ(local.kind, "transfer_out");
  EXPECT_EQ(local.from_school_code, "1141030801");
  EXPECT_EQ(local.to_school_code, "1141030802") << "a county school, found by its name";
  EXPECT_EQ(local.to_township_code, "410308100000");
  EXPECT_TRUE(local.record_id.has_value());
  EXPECT_TRUE(local.confirmed_on.empty());
  const store::Movement& away = moves[1];
  EXPECT_EQ(away.to_school_code, "");
  EXPECT_EQ(away.to_school_name, "郑州市金水区纬五路第一小学");
  EXPECT_EQ(away.to_province, "河南省");
  EXPECT_EQ(away.confirmed_on, day(2));
  EXPECT_EQ(away.from_school_code, "1141030801") << "原学校 left empty: his record's school";
  EXPECT_EQ(moves[2].kind, "suspend");
  EXPECT_EQ(moves[3].kind, "transfer_in");
  EXPECT_FALSE(moves[3].record_id.has_value()) << "a newcomer is not on the list yet";
  EXPECT_EQ(moves[3].to_school_code, "1141030801");
}

TEST_P(MovementImport, RowsThatCannotStandComeBackWithTheirReasonsAndTheRestGoIn) {
  auto r = run(
      write("异动.xlsx", {{sn_[0], "张三", "转学", day(5), "", "", "", ""},
                          {sn_[1], "李四", "转出", "明天", "", "外校", "", ""},
                          {sn_[2], "王六", "死亡", day(3), "", "", "", ""},
                          {"G410308201703029999", "无名", "死亡", day(3), "", "", "", ""},
                          {sn_[1], "李四", "转出", day(9), "", "外校", "", day(12)},
                          {sn_[1], "李四", "转出", today_.plus_days(3).iso(), "", "外校", "", ""},
                          {sn_[2], "王五", "出国（境）", day(2), "", "", "", ""}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 7);
  EXPECT_EQ(r->accepted, 1);
  EXPECT_EQ(r->flagged, 6);
  ASSERT_EQ(r->problems.size(), 6u);
  EXPECT_NE(r->problems[0].second.find("异动类型“转学”无法识别"), std::string::npos)
      << r->problems[0].second;
  EXPECT_NE(r->problems[1].second.find("异动日期“明天”无法识别"), std::string::npos);
  EXPECT_NE(r->problems[2].second.find("与学籍名单（王五）不一致"), std::string::npos);
  EXPECT_NE(r->problems[3].second.find("本县学籍名单中没有该生"), std::string::npos);
  EXPECT_NE(r->problems[4].second.find("早于异动日期"), std::string::npos);
  EXPECT_NE(r->problems[5].second.find("晚于今天"), std::string::npos);
  EXPECT_EQ(outcome_json(*r)["problems"].size(), 6u) << "the page lists the problem rows too";
  ASSERT_FALSE(r->report.empty());
  auto again = ingest::open_table(r->report, {});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(all().size(), 1u);
  EXPECT_EQ(all()[0].kind, "abroad");
}

TEST_P(MovementImport, TheSameMovementAgainUpdatesItsConfirmationAndTheSameFileChangesNothing) {
  const std::string first = write(
      "异动1.xlsx", {{sn_[1], "李四", "转出", day(20), "", "郑州市纬五路第一小学", "河南省", ""}});
  ASSERT_EQ(run(first)->inserted, 1);
  auto same = run(first);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->inserted, 0);
  EXPECT_EQ(same->unchanged, 1);
  // 20 days unconfirmed: the sweep of the first import entered him in the 疑似台账.
  auto moves = all();
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_TRUE(moves[0].entry_id.has_value());
  const std::string second =
      write("异动2.xlsx",
            {{sn_[1], "李四", "转出", day(20), "", "郑州市纬五路第一小学", "河南省", day(1)}});
  auto updated = run(second);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(updated->updated, 1);
  EXPECT_EQ(updated->inserted, 0);
  EXPECT_EQ(all()[0].confirmed_on, day(1));
  EXPECT_EQ(all().size(), 1u);
}

TEST_P(MovementImport, AFileWithoutTheMovementColumnsSaysWhichItNeeds) {
  auto r = run(write("名单.xlsx", {{"张三", "2017-03-02"}}, {"姓名", "出生日期"}));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(ingest::is_unreadable_file_error(r.error())) << r.error().code;
}

// ---- list dates --------------------------------------------------------------------------

TEST_P(MovementImport, AStudentListDatedBeforeTheLatestOneIsRefusedAndNoListIsDatedInTheFuture) {
  const std::string path = write(
      "学籍.xlsx",
      {{"张三", "G" + child("张三", "20170302", 11).id_number, "孟津区会盟镇中心小学", "三年级"}},
      {"姓名", "学籍号", "学校名称", "年级"});
  ingest::ImportOptions o;
  o.kind = "xueji";
  o.list_date = today_;  // the fixture's lists were imported today, dated today
  auto first = ingest::import_file(db(), path, o);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->list_date, today_.iso());
  const std::string older =
      write("学籍2.xlsx", {{"李四", sn_[1], "孟津区会盟镇中心小学", "三年级"}},
            {"姓名", "学籍号", "学校名称", "年级"});
  o.list_date = Date{2026, 9, 1};
  auto refused = ingest::import_file(db(), older, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "list_date_out_of_order");
  EXPECT_NE(refused.error().message.find(today_.iso()), std::string::npos);
  o.list_date = today_.plus_days(1);
  auto future = ingest::import_file(db(), older, o);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().code, "list_date_future");
}

BAOXUE_ON_BOTH_ENGINES(MovementImport);

}  // namespace
}  // namespace baoxue::movement
