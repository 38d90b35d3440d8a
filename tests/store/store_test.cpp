// Specification of the store, on SQLite and on PostgreSQL alike.
#include <set>

#include "store/bulk_insert.h"
#include "store/county_summary.h"
#include "store/enrollment_repository.h"
#include "store/group_repository.h"
#include "store/migrations.h"
#include "store/person_repository.h"
#include "store/region_repository.h"
#include "store/rows.h"
#include "store/school_repository.h"
#include "support/store_fixture.h"

namespace baoxue::store {
namespace {

using baoxue::testing::StoreTest;

class Store : public StoreTest {
 protected:
  // A township with two villages, one primary school with a class, as a base for the rest.
  void create_school() {
    create_county();
    ASSERT_TRUE(insert_regions(db(), "410308",
                               {{"410308000000", "county", "孟津区", ""},
                                {"410308101000", "township", "会盟镇", "410308000000"},
                                {"410308101201", "village", "台荫村", "410308101000"},
                                {"410308101202", "village", "雷河村", "410308101000"}})
                    .ok());
    School s{"1141030801",
             "会盟镇中心小学",
             "primary",
             "410308101000",
             "410308101201",
             "",
             false,
             true,
             {"410308101201", "410308101202"}};
    ASSERT_TRUE(insert_schools(db(), "410308", {s}).ok());
    std::vector<SchoolClass> classes{{0, "1141030801", 2026, 3, 1, "三年级(1)班", "王老师"}};
    ASSERT_TRUE(insert_classes(db(), "410308", classes).ok());
    class_id_ = classes[0].id;
  }

  long long add_child(const std::string& name, const std::string& id_number) {
    std::vector<Person> ps{{0,
                            name,
                            id_number,
                            "2017-05-04",
                            "女",
                            "汉族",
                            "410308101201",
                            "会盟镇台荫村",
                            true,
                            {{0, "李建国", "父亲", "13800000001"}}}};
    Status st = insert_persons(db(), "410308", ps);
    EXPECT_TRUE(st.ok()) << st.error().message;
    return ps[0].id;
  }

  long long class_id_ = 0;
};

TEST_P(Store, OpeningANewDatabaseAppliesEveryMigrationOnce) {
  EXPECT_EQ(db().schema_version(), migrations().back().version);
  reopen();
  EXPECT_EQ(db().schema_version(), migrations().back().version);
  EXPECT_EQ(query_int(db().sql(), "SELECT COUNT(*) FROM schema_migrations"),
            static_cast<long long>(migrations().size()));
}

TEST_P(Store, EveryTableOfCountyDataCarriesTheCountyCode) {
  // The county code is the future distribution key: a table without it cannot be sharded.
  const std::set<std::string> global = {"schema_migrations", "id_sequences", "counties"};
  std::vector<std::string> tables;
  const std::string list = db().engine() == Engine::kSqlite
                               ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name "
                                 "NOT LIKE 'sqlite_%'"
                               : "SELECT table_name FROM information_schema.tables WHERE "
                                 "table_schema = 'public'";
  soci::rowset<soci::row> rs = db().sql().prepare << list;
  for (const soci::row& r : rs) tables.push_back(row_text(r, 0));
  ASSERT_GT(tables.size(), 8u);
  for (const std::string& t : tables) {
    if (global.count(t)) continue;
    const std::string cols =
        db().engine() == Engine::kSqlite
            ? "SELECT COUNT(*) FROM pragma_table_info('" + t + "') WHERE name = 'county_code'"
            : "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = '" + t +
                  "' AND column_name = 'county_code'";
    EXPECT_EQ(query_int(db().sql(), cols), 1) << t;
  }
}

TEST_P(Store, ABulkInsertRefusesARowOfTheWrongWidthAndKeepsTheOthers) {
  create_county();
  Status st = db().transaction([&]() -> Status {
    BulkInsert put(db(), "settings", {"county_code", "key", "value", "updated_at", "updated_by"});
    put.text("410308").text("a.one").text("1").text("2026-11-23T00:00:00Z").text("t");
    EXPECT_TRUE(put.end_row().ok());
    put.text("410308").text("a.two").text("2");  // two values short
    Status short_row = put.end_row();
    EXPECT_FALSE(short_row.ok());
    EXPECT_EQ(short_row.error().code, "bulk_insert_width");
    put.text("410308").text("a.three").text("3").text("2026-11-23T00:00:00Z").text("t").text("x");
    EXPECT_FALSE(put.end_row().ok());  // one too many
    put.text("410308").text("a.four").text("4").text("2026-11-23T00:00:00Z").text("t");
    EXPECT_TRUE(put.end_row().ok());
    return put.flush();
  });
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_EQ(query_int(db().sql(), "SELECT COUNT(*) FROM settings WHERE key LIKE 'a.%'"), 2);
}

TEST_P(Store, ACountyStartsWithItsOwnCopyOfTheDefaultSettingsAndCodes) {
  create_county();
  create_county("410323", "新安县");
  auto codes = load_codes(db(), "410308", "verification_category");
  ASSERT_TRUE(codes.ok());
  ASSERT_EQ(codes->size(), 13u);
  EXPECT_EQ(codes->at(8).code, "I");
  EXPECT_TRUE(codes->at(8).flag("out_of_school"));

  ASSERT_TRUE(set_setting(db(), "410308", "verification.deadline_days", "30", "county_admin").ok());
  EXPECT_EQ(load_settings(db(), "410308")->get_int("verification.deadline_days"), 30);
  EXPECT_EQ(load_settings(db(), "410323")->get_int("verification.deadline_days"), 10);
  EXPECT_EQ(list_counties(db())->size(), 2u);
}

TEST_P(Store, ACountyCannotBeCreatedTwice) {
  create_county();
  Status again = store::create_county(db(), {"410308", "孟津区", "洛阳市", "河南省"});
  EXPECT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "database_error");
  EXPECT_EQ(list_counties(db())->size(), 1u);
}

TEST_P(Store, SchoolsKeepTheirCatchmentVillagesAndClasses) {
  create_school();
  auto schools = list_schools(db(), "410308");
  ASSERT_TRUE(schools.ok());
  ASSERT_EQ(schools->size(), 1u);
  EXPECT_EQ(schools->at(0).name, "会盟镇中心小学");
  EXPECT_TRUE(schools->at(0).boarding);
  EXPECT_EQ(schools->at(0).catchment_villages,
            (std::vector<std::string>{"410308101201", "410308101202"}));
  auto classes = list_classes(db(), "410308", "1141030801");
  ASSERT_EQ(classes->size(), 1u);
  EXPECT_EQ(classes->at(0).id, class_id_);
  EXPECT_EQ(classes->at(0).head_teacher, "王老师");
  EXPECT_EQ(list_regions(db(), "410308")->size(), 4u);
}

TEST_P(Store, APersonIsStoredWithMatchingKeysDerivedFromTheName) {
  create_school();
  const long long id = add_child("劉 小紅", "410308201705040026");
  auto p = find_person(db(), "410308", id);
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->name, "劉 小紅");  // the name as written stays
  EXPECT_EQ((*p)->name_key, "刘小红");
  EXPECT_EQ((*p)->pinyin_key, "liuxiaohong");
  ASSERT_EQ((*p)->guardians.size(), 1u);
  EXPECT_EQ((*p)->guardians[0].phone, "13800000001");
  EXPECT_EQ(find_persons_by_id_number(db(), "410308", "410308201705040026")->size(), 1u);
  EXPECT_FALSE(find_person(db(), "410308", id + 1000)->has_value());
  EXPECT_FALSE(find_person(db(), "410323", id)->has_value());  // another county sees nothing
}

TEST_P(Store, AnUnknownIdNumberIsStoredAsNullNotAsAnEmptyString) {
  create_school();
  add_child("张三", "");
  EXPECT_EQ(query_int(db().sql(), "SELECT COUNT(*) FROM persons WHERE id_number IS NULL"), 1);
}

TEST_P(Store, EveryEnrolmentStatusChangeIsAnEventWithTheStatusBefore) {
  create_school();
  const long long child = add_child("李小红", "410308201705040026");
  std::vector<Enrollment> es{{0, child, "G410308201705040026", "1141030801", class_id_, 3,
                              "enrolled", "2023-09-01", "2023-09-01"}};
  ASSERT_TRUE(insert_enrollments(db(), "410308", es, "import").ok());
  Status st = change_enrollment_status(db(), "410308", es[0].id, "transferred_out", {2026, 10, 8},
                                       "随父母迁往郑州", "郑州市金水区文化路小学", "校长");
  ASSERT_TRUE(st.ok()) << st.error().message;
  auto history = enrollment_history(db(), "410308", es[0].id);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).status, "enrolled");
  EXPECT_EQ(history->at(0).previous_status, "");
  EXPECT_EQ(history->at(1).status, "transferred_out");
  EXPECT_EQ(history->at(1).previous_status, "enrolled");
  EXPECT_EQ(history->at(1).effective_on, "2026-10-08");
  EXPECT_EQ(history->at(1).other_school, "郑州市金水区文化路小学");
  EXPECT_EQ(enrollments_of_person(db(), "410308", child)->at(0).status, "transferred_out");
}

TEST_P(Store, AStatusOutsideTheCodeTableIsRejectedAndNothingChanges) {
  create_school();
  const long long child = add_child("李小红", "410308201705040026");
  std::vector<Enrollment> es{{0, child, "", "1141030801", 0, 3, "enrolled", "2023-09-01", ""}};
  ASSERT_TRUE(insert_enrollments(db(), "410308", es, "import").ok());
  Status st =
      change_enrollment_status(db(), "410308", es[0].id, "expelled", {2026, 10, 8}, "", "", "校长");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "enrollment_status_unknown");
  EXPECT_EQ(enrollment_history(db(), "410308", es[0].id)->size(), 1u);
  EXPECT_EQ(enrollments_of_person(db(), "410308", child)->at(0).status, "enrolled");
  EXPECT_EQ(
      change_enrollment_status(db(), "410308", 999999, "suspended", {2026, 10, 8}, "", "", "校长")
          .error()
          .code,
      "enrollment_not_found");
}

TEST_P(Store, ABatchThatFailsHalfwayLeavesNothingBehind) {
  create_school();
  const long long child = add_child("李小红", "410308201705040026");
  // The second membership points at a person who does not exist: the whole batch must go.
  std::vector<GroupMembership> ms{{0, child, "left_behind", "村委会留守儿童名单", "", "", ""},
                                  {0, child + 999, "orphan", "民政孤儿名单", "", "", ""}};
  EXPECT_FALSE(insert_group_memberships(db(), "410308", ms).ok());
  EXPECT_EQ(query_int(db().sql(), "SELECT COUNT(*) FROM group_memberships"), 0);
  ms.pop_back();
  ASSERT_TRUE(insert_group_memberships(db(), "410308", ms).ok());
  auto mine = memberships_of_person(db(), "410308", child);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).group_code, "left_behind");
}

TEST_P(Store, IdsAreNeverHandedOutTwice) {
  long long a = 0, b = 0;
  ASSERT_TRUE(db().transaction([&]() -> Status {
                    a = db().reserve_ids("things", 10);
                    b = db().reserve_ids("things", 5);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 11);
  reopen();
  long long c = 0;
  ASSERT_TRUE(db().transaction([&]() -> Status {
                    c = db().reserve_ids("things", 1);
                    return {};
                  })
                  .ok());
  EXPECT_EQ(c, 16);
}

TEST_P(Store, TheCountySummaryCountsWhatTheTablesHold) {
  create_school();
  const long long a = add_child("李小红", "410308201705040026");
  const long long b = add_child("王小明", "");
  std::vector<Enrollment> es{{0, a, "", "1141030801", class_id_, 3, "enrolled", "2023-09-01", ""},
                             {0, b, "", "1141030801", 0, 8, "home_taught", "2023-09-01", ""}};
  ASSERT_TRUE(insert_enrollments(db(), "410308", es, "import").ok());
  std::vector<GroupMembership> ms{{0, a, "poverty_alleviated", "脱贫户名单", "", "", ""},
                                  {0, a, "monitored", "监测户名单", "", "", ""},
                                  {0, b, "disabled", "残联名单", "", "", "category=肢体"}};
  ASSERT_TRUE(insert_group_memberships(db(), "410308", ms).ok());
  auto s = county_summary(db(), "410308");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->county.name, "孟津区");
  EXPECT_EQ(s->townships, 1);
  EXPECT_EQ(s->villages, 2);
  EXPECT_EQ(s->schools, 1);
  EXPECT_EQ(s->schools_by_type.at("primary"), 1);
  EXPECT_EQ(s->primary_students, 1);
  EXPECT_EQ(s->junior_students, 1);
  EXPECT_EQ(s->poverty_children, 1);  // one child in two poverty groups counts once
  EXPECT_EQ(s->disabled_by_placement.at("home_teaching"), 1);
  EXPECT_FALSE(county_summary(db(), "999999").ok());
}

BAOXUE_ON_BOTH_ENGINES(Store);

}  // namespace
}  // namespace baoxue::store

namespace baoxue::store {
namespace {

TEST(PostgresUrl, AUriBecomesLibpqKeyValuePairs) {
  EXPECT_EQ(postgres_conninfo("postgresql://bx:s%40cret@127.0.0.1:5433/county?sslmode=disable"),
            "user='bx' password='s@cret' host='127.0.0.1' port='5433' dbname='county' "
            "sslmode='disable'");
  EXPECT_EQ(postgres_conninfo("postgres://[::1]:5432/db"), "host='::1' port='5432' dbname='db'");
  EXPECT_EQ(postgres_conninfo("dbname=x host=y"), "dbname=x host=y");
}

}  // namespace
}  // namespace baoxue::store
