// Specification of working inside one's scope (issue 11): a verification task is worked by the
// unit it was sent to — a township above it takes it over only explicitly, with a reason, on
// the record — and nobody reads a child or a count outside his scope by any route. The actions
// a user is offered on a task come from the workflow's table.
#include "api_fixture.h"

namespace baoxue::api {
namespace {

constexpr const char* kHuimeng = "410308100000";
constexpr const char* kPingle = "410308102000";
constexpr const char* kPingleVillage = "410308102201";

class ScopeWork : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_TRUE(store::insert_regions(db(), "410308",
                                      {{kPingle, "township", "平乐镇", "410308000000"},
                                       {kPingleVillage, "village", "平乐村", kPingle}})
                    .ok());
    auto sun = child("孙小红", "20160101", 77, "女");
    sun.township = "平乐镇";
    sun.village = "平乐村";
    put("hukou", {sun});
    ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
    add_user("huimeng", "township", kHuimeng, /*changed=*/true);
    add_user("pingle", "village", kPingleVillage, /*changed=*/true);
    county_ = sign_in("county");
    EXPECT_EQ(dispatch_all(county_)["dispatched"], 3);
  }

  // The task of the child named `name`, as `s` sees it in the suspected entry.
  json task_of(const Session& s, const std::string& name) {
    const long long entry = entry_of(county_, name);
    const Reply r = call("GET", "/api/suspected/" + std::to_string(entry), s);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body["task"];
  }

  Reply post(const Session& s, const json& task, const std::string& what, const json& body) {
    return call("POST", "/api/tasks/" + std::to_string(task["id"].get<long long>()) + "/" + what, s,
                body.dump());
  }

  Session county_;
};

TEST_P(ScopeWork, ATownshipCannotWorkOrReadATaskOfAVillageInAnotherTownship) {
  Session huimeng = sign_in("huimeng");
  const json sun = task_of(county_, "孙小红");
  EXPECT_EQ(post(huimeng, sun, "submit", {{"category", "A"}, {"note", "x"}}).status, 404);
  EXPECT_EQ(call("POST", "/api/tasks/" + std::to_string(sun["id"].get<long long>()) + "/evidence",
                 huimeng, kPng, {}, "p.png")
                .status,
            404);
  const long long entry = entry_of(county_, "孙小红");
  EXPECT_EQ(call("GET", "/api/suspected/" + std::to_string(entry), huimeng).status, 404);
  const Reply all = call("GET", "/api/suspected", huimeng);
  EXPECT_EQ(all.raw.find("孙小红"), std::string::npos);
  EXPECT_EQ(all.raw.find("13800138000"), std::string::npos);
  // Its own village's worker does it.
  Session pingle = sign_in("pingle");
  EXPECT_EQ(post(pingle, sun, "submit", {{"category", "A"}, {"note", "在平乐镇中心小学"}}).status,
            200);
}

TEST_P(ScopeWork, ATownshipTakesOverItsVillagesTaskOnlyExplicitlyWithAReasonOnTheRecord) {
  Session huimeng = sign_in("huimeng");
  json zh = task_of(huimeng, "张浩宇");
  EXPECT_EQ(zh["actions"], json::array({"take_over"}));
  EXPECT_EQ(post(huimeng, zh, "submit", {{"category", "A"}, {"note", "x"}}).status, 403);
  EXPECT_EQ(post(huimeng, zh, "take_over", json::object()).status, 400);  // a reason is needed
  const Reply taken = post(huimeng, zh, "take_over", {{"reason", "村干部外出学习"}});
  ASSERT_EQ(taken.status, 200) << taken.raw;
  EXPECT_EQ(taken.body["task"]["assignee_kind"], "township");
  EXPECT_EQ(taken.body["task"]["actions"], json::array({"submit"}));
  const json& last = taken.body["task"]["transitions"].back();
  EXPECT_NE(last["reason"].get<std::string>().find("村干部外出学习"), std::string::npos);
  // The village no longer works it.
  EXPECT_EQ(post(sign_in("taiyin"), zh, "submit", {{"category", "A"}, {"note", "x"}}).status, 403);
  EXPECT_EQ(post(huimeng, zh, "submit", {{"category", "A"}, {"note", "乡镇核实在校"}}).status, 200);
  bool logged = false;
  const Reply log = call("GET", "/api/audit", county_, "", {{"action", "take_over"}});
  for (const auto& e : log.body["rows"]) logged = logged || e["detail"] == "村干部外出学习";
  EXPECT_TRUE(logged);
}

TEST_P(ScopeWork, ASchoolsTaskIsTheSchoolsAndTheActionsOfferedFollowTheTable) {
  Session huimeng = sign_in("huimeng"), a = sign_in("school_a"), b = sign_in("school_b");
  // A child sent to school A rather than to his village.
  auto zhao = child("赵小明", "20160202", 88);
  put("hukou", {zhao});
  ASSERT_TRUE(ledger::run_census(db(), "410308", {kCensusDay, "test"}).ok());
  const long long zhao_entry = entry_of(county_, "赵小明");
  ASSERT_EQ(call("POST", "/api/suspected/dispatch", county_,
                 json{{"entry_ids", {zhao_entry}},
                      {"to", "school"},
                      {"school_code", kSchoolA},
                      {"deadline", "2099-12-31"}}
                     .dump())
                .status,
            200);
  const json t = task_of(county_, "赵小明");
  EXPECT_EQ(t["actions"], json::array());  // assigned: nothing for the county to do yet
  EXPECT_EQ(task_of(a, "赵小明")["actions"], json::array({"submit"}));
  EXPECT_EQ(task_of(huimeng, "赵小明")["actions"], json::array({"take_over"}));
  EXPECT_EQ(post(huimeng, t, "submit", {{"category", "A"}, {"note", "x"}}).status, 403);
  EXPECT_EQ(post(b, t, "submit", {{"category", "A"}, {"note", "x"}}).status, 404);
  ASSERT_EQ(post(a, t, "submit", {{"category", "A"}, {"note", "本校三年级在读"}}).status, 200);
  EXPECT_EQ(task_of(county_, "赵小明")["actions"], json::array({"approve", "return"}));
  EXPECT_EQ(task_of(sign_in("inspector"), "赵小明")["actions"], json::array());
  EXPECT_EQ(task_of(a, "赵小明")["actions"], json::array());
}

TEST_P(ScopeWork, EveryCountIsScopedAndTheHeaderNamesTheUsersOwnUnit) {
  Session taiyin = sign_in("taiyin");
  const Reply meta = call("GET", "/api/meta", taiyin);
  EXPECT_EQ(meta.body["unit"]["level"], "village");
  EXPECT_EQ(meta.body["unit"]["name"], "会盟镇台荫村");
  ASSERT_EQ(meta.body["villages"].size(), 1u);
  EXPECT_EQ(meta.body["townships"].size(), 1u);
  const Reply dash = call("GET", "/api/dashboard", taiyin);
  EXPECT_EQ(dash.body["ledgers"]["children"], 2);  // 张浩宇 and 王子涵 live in 台荫村
  EXPECT_FALSE(dash.body["run"].contains("children"));
  EXPECT_EQ(dash.raw.find("孙小红"), std::string::npos);
  const Reply runs = call("GET", "/api/runs", taiyin);
  ASSERT_FALSE(runs.body["rows"].empty());
  EXPECT_FALSE(runs.body["rows"][0].contains("children"));
  EXPECT_TRUE(call("GET", "/api/runs", county_).body["rows"][0].contains("children"));
  Session huimeng = sign_in("huimeng");
  const Reply township = call("GET", "/api/meta", huimeng);
  EXPECT_EQ(township.body["unit"]["name"], "会盟镇");
  EXPECT_EQ(township.body["townships"].size(), 1u);
  EXPECT_EQ(call("GET", "/api/dashboard", huimeng).body["ledgers"]["children"], 3);
  EXPECT_EQ(call("GET", "/api/dashboard", county_).body["ledgers"]["children"], 4);
}

BAOXUE_ON_BOTH_ENGINES(ScopeWork);

}  // namespace
}  // namespace baoxue::api
