// Specification of the in-memory 适龄儿童台账 the server answers lists, searches and detail views
// from: for every role's scope, every filter and every page it gives exactly what the database
// query gives (store::find_children, store::child_by_id) — same rows, same order, same totals.
#include "ledger/run_ledger.h"

#include "ledger/census.h"
#include "store/school_repository.h"
#include "support/census_fixture.h"

namespace baoxue::ledger {
namespace {

using baoxue::testing::child;
using baoxue::testing::kCensusDay;
using baoxue::testing::pupil;
using core::Role;
using core::Scope;

constexpr const char* kTaiyin = "410308100201";  // 台荫村
constexpr const char* kLeihe = "410308100202";   // 雷河村
constexpr const char* kSchoolA = "1141030801";
constexpr const char* kSchoolB = "1141030802";

class RunLedgerSpec : public baoxue::testing::CensusTest {
 protected:
  void SetUp() override {
    CensusTest::SetUp();
    huimeng_villages_and_schools();
    // Namesakes and shared name prefixes (王, 王子), two villages, two schools and two classes,
    // children on no student list, key groups, ID numbers sharing their last digits.
    std::vector<store::RecordFields> hukou, xueji;
    const char* names[] = {"王子涵", "王子涵", "王子轩", "王一", "张浩宇",
                           "李思琪", "李四",   "赵一鸣", "王",   "欧阳娜娜"};
    for (int i = 0; i < 10; ++i) {
      auto c = child(names[i], i % 2 ? "20160305" : "20150612", 11 + i * 10, i % 3 ? "男" : "女");
      if (i % 3 == 0) c.village = "雷河村";
      hukou.push_back(c);
      if (i < 7) {
        auto p = pupil(c, i % 2 ? "孟津区会盟镇中心小学" : "孟津区会盟镇第二小学");
        p.class_number = 1 + i % 2;
        xueji.push_back(p);
      }
    }
    put("hukou", hukou);
    put("xueji", xueji);
    put("group", {hukou[1], hukou[8]}, "left_behind");
    put("group", {hukou[8]}, "poverty_alleviated");
    auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    run_ = run->id;
    auto rows = store::ledger_children(db(), "410308", run_);
    ASSERT_TRUE(rows.ok());
    rows_ = rows.value();
    ASSERT_EQ(rows_.size(), 10u);
  }

  std::vector<Scope> scopes() const {
    auto scope = [](Role role) {
      Scope s;
      s.county = "410308";
      s.role = role;
      return s;
    };
    std::vector<Scope> out = {scope(Role::kCountyAdmin), scope(Role::kInspector)};
    Scope t = scope(Role::kTownship);
    t.township_code = "410308100000";
    out.push_back(t);
    t.township_code = "410308200000";  // a township with nobody in it
    out.push_back(t);
    for (const char* v : {kTaiyin, kLeihe, ""}) {
      Scope s = scope(Role::kVillage);
      s.township_code = "410308100000";
      s.village_code = v;
      out.push_back(s);
    }
    for (const char* code : {kSchoolA, kSchoolB}) {
      Scope s = scope(Role::kSchoolAdmin);
      s.school_code = code;
      out.push_back(s);
      Scope teacher = scope(Role::kTeacher);
      teacher.school_code = code;
      teacher.class_grade = 3;
      teacher.class_number = 2;
      out.push_back(teacher);
      teacher.class_number = 0;  // class unknown: nothing
      out.push_back(teacher);
    }
    return out;
  }

  std::vector<store::ChildQuery> queries() const {
    const std::string id = rows_[4].id_number;
    std::vector<store::ChildQuery> out = {{}};
    for (std::string q : {"王", "王子", "王子涵", "欧阳", "李四", "不存在", "12", "*"})
      out.push_back({q, "", "", "", ""});
    out.push_back({id, "", "", "", ""});
    out.push_back({id.substr(14), "", "", "", ""});
    out.push_back({id.substr(10), "", "", "", ""});
    out.push_back({"", "410308100000", "", "", ""});
    out.push_back({"", "", kSchoolA, "", ""});
    out.push_back({"王", "", kSchoolB, "", ""});
    for (const char* status : {"enrolled", "suspected", "probable"})
      out.push_back({"", "", "", status, ""});
    for (const char* group : {"left_behind", "poverty_alleviated", "left"})
      out.push_back({"", "", "", "", group});
    return out;
  }

  long long run_ = 0;
  std::vector<store::LedgerChild> rows_;
};

std::vector<long long> ids_of(const std::vector<store::LedgerChild>& rows) {
  std::vector<long long> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

std::vector<long long> ids_of(const std::vector<const store::LedgerChild*>& rows) {
  std::vector<long long> out;
  for (const auto* r : rows) out.push_back(r->id);
  return out;
}

TEST_P(RunLedgerSpec, ListsAndSearchesGiveWhatTheDatabaseGivesForEveryScopeFilterAndPage) {
  auto ledger = RunLedger::load(db(), "410308", run_);
  ASSERT_TRUE(ledger.ok()) << ledger.error().message;
  int compared = 0, nonempty = 0;
  for (const Scope& scope : scopes())
    for (const store::ChildQuery& q : queries())
      for (const store::Page page : {store::Page{1, 20}, store::Page{1, 2}, store::Page{2, 2},
                                     store::Page{3, 3}, store::Page{9, 5}}) {
        SCOPED_TRACE("role " + std::to_string(static_cast<int>(scope.role)) + " " +
                     scope.township_code + scope.village_code + scope.school_code + " q=" + q.q +
                     " township=" + q.township_code + " school=" + q.school_code +
                     " status=" + q.status + " group=" + q.key_group + " page " +
                     std::to_string(page.page) + "/" + std::to_string(page.size));
        auto want = store::find_children(db(), "410308", run_, q, scope, page);
        ASSERT_TRUE(want.ok()) << want.error().message;
        // Twice: the second time the total is remembered and the scan stops at a full page.
        for (int again = 0; again < 2; ++again) {
          const auto got = ledger.value()->find(q, scope, page);
          EXPECT_EQ(got.total, want->total);
          EXPECT_EQ(ids_of(got.rows), ids_of(want->rows));
        }
        ++compared;
        if (!want->rows.empty()) ++nonempty;
      }
  EXPECT_GT(compared, 1000);
  EXPECT_GT(nonempty, 150);  // the comparison is not of empty pages only
}

TEST_P(RunLedgerSpec, AChildIsFoundByIdExactlyWhenTheDatabaseWouldShowIt) {
  auto ledger = RunLedger::load(db(), "410308", run_);
  ASSERT_TRUE(ledger.ok());
  int shown = 0, hidden = 0;
  for (const Scope& scope : scopes())
    for (const auto& row : rows_) {
      auto want = store::child_by_id(db(), "410308", row.id, scope);
      ASSERT_TRUE(want.ok());
      const store::LedgerChild* got = ledger.value()->by_id(row.id, scope);
      ASSERT_EQ(got != nullptr, want->has_value()) << row.name;
      if (got) {
        EXPECT_EQ(got->id_number, (*want)->id_number);
        ++shown;
      } else {
        ++hidden;
      }
    }
  EXPECT_GT(shown, 0);
  EXPECT_GT(hidden, 0);
  EXPECT_EQ(ledger.value()->by_id(rows_.back().id + 1000, scopes()[0]), nullptr);
}

TEST_P(RunLedgerSpec, ALowerCaseXInAnIdNumberSearchFindsTheCapitalOnBothPaths) {
  // An ID whose check character is X (sequence chosen so).
  store::RecordFields x;
  for (int seq = 100; seq < 200; ++seq) {
    x = child("钱多多", "20150101", seq);
    if (x.id_number.back() == 'X') break;
  }
  ASSERT_EQ(x.id_number.back(), 'X');
  put("hukou", {x});
  auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
  ASSERT_TRUE(run.ok());
  auto ledger = RunLedger::load(db(), "410308", run->id);
  ASSERT_TRUE(ledger.ok());
  std::string typed = x.id_number;
  typed.back() = 'x';
  for (const std::string& q : {typed, typed.substr(12)}) {
    auto want =
        store::find_children(db(), "410308", run->id, {q, "", "", "", ""}, scopes()[0], {1, 20});
    ASSERT_TRUE(want.ok());
    ASSERT_EQ(want->total, 1) << q;
    EXPECT_EQ(ledger.value()->find({q, "", "", "", ""}, scopes()[0], {1, 20}).total, 1) << q;
  }
}

TEST_P(RunLedgerSpec, TheServersCopyFollowsANewRunAndIsLoadedOncePerRun) {
  RunLedgers ledgers{std::chrono::hours(1)};
  auto latest = ledgers.latest_run(db(), "410308");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(*latest, run_);
  auto first = ledgers.get(db(), "410308", run_);
  auto again = ledgers.get(db(), "410308", run_);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first.value().get(), again.value().get());
  auto next = ledger::run_census(db(), "410308", {kCensusDay, "test"});
  ASSERT_TRUE(next.ok());
  // Remembered for an hour here, so the new run is seen only once the web census says so.
  EXPECT_EQ(ledgers.latest_run(db(), "410308").value(), run_);
  ledgers.forget_latest(db(), "410308");
  EXPECT_EQ(ledgers.latest_run(db(), "410308").value(), next->id);
  auto newer = ledgers.get(db(), "410308", next->id);
  ASSERT_TRUE(newer.ok());
  EXPECT_EQ(newer.value()->run_id(), next->id);
  EXPECT_EQ(newer.value()->size(), rows_.size());
}

BAOXUE_ON_BOTH_ENGINES(RunLedgerSpec);

}  // namespace
}  // namespace baoxue::ledger
