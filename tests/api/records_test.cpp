// Specification of records a bureau can trust (issue 11): exports that hold every row of their
// filter, ledgers that agree after verification and after a later census, counts that say what
// they count, names instead of codes, searches that fold traditional characters, sorting and
// the village filter. On both engines, with and without the server's options.
#include "api/call.h"
#include "api_fixture.h"
#include "core/labels.h"

namespace baoxue::api {
namespace {

class Records : public ApiTest {
 protected:
  // Verifies the child named `name` through the village `village_user` with `category` and has
  // the county approve it.
  void verify(const std::string& name, const std::string& village_user,
              const std::string& category) {
    Session county = sign_in("county");
    const long long entry = entry_of(county, name);
    ASSERT_EQ(
        call("POST", "/api/suspected/dispatch", county,
             json{{"entry_ids", {entry}}, {"to", "residence"}, {"deadline", "2099-12-31"}}.dump())
            .status,
        200);
    Session worker = sign_in(village_user);
    const Reply mine = call("GET", "/api/tasks", worker);
    ASSERT_EQ(mine.body["total"], 1) << mine.raw;
    const std::string task = std::to_string(mine.body["rows"][0]["task"]["id"].get<long long>());
    ASSERT_EQ(call("POST", "/api/tasks/" + task + "/submit", worker,
                   json{{"category", category}, {"note", "入户核实"}}.dump())
                  .status,
              200);
    ASSERT_EQ(
        call("POST", "/api/tasks/" + task + "/review", county, R"({"decision":"approve"})").status,
        200);
  }

  json child_named(const Session& s, const std::string& name, const std::string& band = "") {
    std::map<std::string, std::string> q = {{"q", name}};
    if (!band.empty()) q["band"] = band;
    const Reply r = call("GET", "/api/children", s, "", q);
    EXPECT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["total"], 1) << r.raw;
    return r.body["rows"].empty() ? json::object() : r.body["rows"][0];
  }
};

TEST_P(Records, AnExportHoldsEveryRowOfItsFilterWhateverItsSize) {
  // 1,234 more children: more than any page, more than the old cap of 1,000.
  std::vector<store::RecordFields> many;
  for (int i = 0; i < 1234; ++i)
    many.push_back(
        child("测试" + std::to_string(i), i < 617 ? "20150305" : "20160612", 100 + i % 617));
  put("hukou", many);
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  Session county = sign_in("county");
  const Reply list = call("GET", "/api/children", county);
  const long long total = list.body["total"];
  EXPECT_GT(total, 1234);
  json job;
  const auto rows = exported(county, "children", json::object(), &job);
  EXPECT_EQ(static_cast<long long>(rows.size()), total);
  EXPECT_EQ(job["result"]["rows"], total);
  // A filter: the rows it selects, all of them.
  const long long suspected =
      call("GET", "/api/children", county, "", {{"standing", "pending"}}).body["total"];
  EXPECT_EQ(static_cast<long long>(exported(county, "children", {{"standing", "pending"}}).size()),
            suspected);
  EXPECT_EQ(static_cast<long long>(exported(county, "suspected", {{"status", "open"}}).size()),
            call("GET", "/api/suspected", county, "", {{"status", "open"}}).body["total"]);
  // Dispatching every undispatched entry sends every one of them, however many.
  const long long open =
      call("GET", "/api/suspected", county, "", {{"task", "undispatched"}}).body["total"];
  EXPECT_GT(open, 1000);
  EXPECT_EQ(dispatch_all(county)["dispatched"], open);
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"task", "undispatched"}}).body["total"], 0);
  // The audit log says what was exported, and how many rows.
  bool logged = false;
  const Reply log = call("GET", "/api/audit", county, "", {{"action", "export"}});
  for (const auto& e : log.body["rows"])
    logged = logged || e["detail"] == "导出适龄儿童台账 " + count_text(total) + " 条";
  EXPECT_TRUE(logged);
}

TEST_P(Records, AChildApprovedInSchoolIsNoLongerSuspectedInAnyLedgerNorAfterAnotherCensus) {
  Session county = sign_in("county");
  EXPECT_EQ(child_named(county, "张浩宇")["standing"], "pending");
  verify("张浩宇", "taiyin", "A");
  json zh = child_named(county, "张浩宇");
  EXPECT_EQ(zh["standing"], "verified");
  EXPECT_EQ(zh["category"], "A");
  const long long id = zh["id"];
  EXPECT_EQ(call("GET", "/api/children/" + std::to_string(id), county)
                .body["standing_reason"]
                .get<std::string>()
                .rfind("经核查不属失学辍学（A 在校就读有学籍（本省）", 0),
            0u);
  // The standing filter finds him there, and no longer among the pending.
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"standing", "verified"}}).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"standing", "pending"}}).body["total"], 1);
  // A later census on the same lists keeps the finding.
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  EXPECT_EQ(child_named(county, "张浩宇")["standing"], "verified");
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"status", "open"}}).body["total"], 1);
}

TEST_P(Records, AChildConfirmedOutOfSchoolReadsSoInBothLedgers) {
  verify("李思琪", "leihe", "K");
  Session county = sign_in("county");
  const json li = child_named(county, "李思琪");
  EXPECT_EQ(li["standing"], "dropout");
  EXPECT_EQ(li["category"], "K");
  EXPECT_FALSE(li["dropout_id"].is_null());
  EXPECT_EQ(call("GET", "/api/dropouts", county).body["total"], 1);
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  EXPECT_EQ(child_named(county, "李思琪")["standing"], "dropout");
  // The dashboard counts him once, as a dropout.
  const Reply dash = call("GET", "/api/dashboard", county);
  EXPECT_EQ(dash.body["ledgers"]["dropout"], 1);
  EXPECT_EQ(dash.body["ledgers"]["dropouts_open"], 1);
  EXPECT_EQ(dash.body["ledgers"]["pending"], 1);
}

TEST_P(Records, WhenTheListsNewlySayOtherwiseTheChildIsPendingAgainAndTheLedgerSaysWhy) {
  verify("张浩宇", "taiyin", "A");
  auto changed = zhang;
  changed.guardian_name = "张建军";  // the household record changed since the finding
  put("hukou", {changed});
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  Session county = sign_in("county");
  const json zh = child_named(county, "张浩宇");
  EXPECT_EQ(zh["standing"], "pending");
  const Reply detail =
      call("GET", "/api/children/" + std::to_string(zh["id"].get<long long>()), county);
  EXPECT_NE(detail.body["standing_reason"].get<std::string>().find("销号后名单有新变化"),
            std::string::npos)
      << detail.raw;
}

TEST_P(Records, TheLedgerShowsTheCompulsoryBandUnlessAskedAndEveryCountSaysWhatItCounts) {
  auto toddler = child("刘小小", "20230101", 55);
  auto graduate = child("陈大", "20080101", 56);
  put("hukou", {toddler, graduate});
  auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
  ASSERT_TRUE(run.ok());
  Session county = sign_in("county");
  const Reply in_band = call("GET", "/api/children", county);
  const Reply out = call("GET", "/api/children", county, "", {{"band", "out"}});
  const Reply all = call("GET", "/api/children", county, "", {{"band", "all"}});
  EXPECT_EQ(in_band.body["total"], run->in_band);
  EXPECT_EQ(out.body["total"], 2);
  EXPECT_EQ(all.body["total"], run->children);
  for (const auto& row : out.body["rows"]) EXPECT_EQ(row["standing"], "out_of_band");
  const Reply dash = call("GET", "/api/dashboard", county);
  EXPECT_EQ(dash.body["ledgers"]["children"], run->in_band);
  EXPECT_EQ(dash.body["ledgers"]["children_out_of_band"], 2);
  long long by_standing = 0;
  for (const std::string& code : core::label_codes("standing"))
    if (code != "out_of_band") by_standing += dash.body["ledgers"][code].get<long long>();
  EXPECT_EQ(by_standing, run->in_band);  // the standings of the band add up to it
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"band", "bogus"}}).status, 400);
}

TEST_P(Records, UsersSeeNamesTheMetaNamesEveryCodeAndExportsWriteTheNames) {
  Session county = sign_in("county");
  const Reply meta = call("GET", "/api/meta", county);
  ASSERT_EQ(meta.status, 200) << meta.raw;
  for (const char* table : {"standing", "task_state", "entry_status", "dropout_status", "sex",
                            "list_kind", "audit_action", "job_state"})
    EXPECT_FALSE(meta.body["labels"][table].empty()) << table;
  for (const auto& l : meta.body["labels"]["standing"]) {
    EXPECT_FALSE(l["label"].get<std::string>().empty());
    EXPECT_FALSE(l["label_en"].get<std::string>().empty());
  }
  const auto rows = exported(county, "children", {{"sort", "name"}});
  ASSERT_EQ(rows.size(), 3u);
  // 张浩宇, 李思琪, 王子涵 in byte order of their names; the standing column in words.
  EXPECT_EQ(rows[0][0], "张浩宇");
  EXPECT_EQ(rows[0][8], "疑似失学辍学（待核查）");
  EXPECT_EQ(rows[2][0], "王子涵");
  EXPECT_EQ(rows[2][8], "在校");
  EXPECT_EQ(rows[2][11], "户籍名单、学籍名单");
  verify("张浩宇", "taiyin", "A");
  const auto after = exported(county, "suspected", {{"status", "closed"}});
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0][11], "已销号");
  EXPECT_EQ(after[0][12], "A 在校就读有学籍（本省）");
}

TEST_P(Records, ATraditionalNameFindsTheSimplifiedOneAndSortsAndVillagesFilter) {
  Session county = sign_in("county");
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"q", "張浩宇"}}).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"q", "張浩宇"}}).body["total"], 1);
  const Reply by_birth =
      call("GET", "/api/children", county, "", {{"sort", "birth_date"}, {"order", "desc"}});
  ASSERT_EQ(by_birth.body["rows"].size(), 3u);
  EXPECT_EQ(by_birth.body["rows"][0]["name"], "李思琪");  // born 2017
  EXPECT_EQ(by_birth.body["rows"][2]["name"], "王子涵");  // born 2015
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"sort", "id_number"}}).status, 400);
  EXPECT_EQ(call("GET", "/api/children", county, "", {{"village", kLeihe}}).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"village", kLeihe}}).body["total"], 1);
  EXPECT_EQ(call("GET", "/api/suspected", county, "", {{"sort", "deadline"}}).status, 200);
}

TEST_P(Records, SummariesBreakDownByVillageAndBySchool) {
  verify("张浩宇", "taiyin", "A");
  Session county = sign_in("county");
  const Reply villages = call("GET", "/api/verification/summary", county, "", {{"by", "village"}});
  ASSERT_EQ(villages.status, 200) << villages.raw;
  ASSERT_EQ(villages.body["rows"].size(), 2u);
  std::map<std::string, long long> closed;
  for (const auto& r : villages.body["rows"])
    closed[r["name"]] = r["not_out_of_school"].get<long long>();
  EXPECT_EQ(closed["台荫村"], 1);
  EXPECT_EQ(closed["雷河村"], 0);
  EXPECT_EQ(call("GET", "/api/verification/summary", county, "", {{"by", "school"}}).status, 200);
  EXPECT_EQ(call("GET", "/api/verification/summary", county, "", {{"by", "class"}}).status, 400);
}

BAOXUE_ON_BOTH_ENGINES(Records);

}  // namespace
}  // namespace baoxue::api
