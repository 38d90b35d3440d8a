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
    auto with = [](auto set) {
      store::ChildQuery q;
      set(q);
      return q;
    };
    std::vector<store::ChildQuery> out = {{}};
    for (const std::string& text :
         std::vector<std::string>{"王", "王子", "王子涵", "欧阳", "李四", "不存在", "12", "*",
                                  "張浩宇", " 王 子", id, id.substr(14), id.substr(10)})
      out.push_back(with([&](auto& q) { q.q = text; }));
    out.push_back(with([](auto& q) { q.township_code = "410308100000"; }));
    out.push_back(with([](auto& q) { q.village_code = kLeihe; }));
    out.push_back(with([](auto& q) { q.school_code = kSchoolA; }));
    out.push_back(with([](auto& q) {
      q.q = "王";
      q.school_code = kSchoolB;
    }));
    for (const char* status : {"enrolled", "suspected", "probable"})
      out.push_back(with([&](auto& q) { q.status = status; }));
    for (const char* standing : {"in_school", "pending", "verified", "dropout"})
      out.push_back(with([&](auto& q) { q.standing = standing; }));
    for (const char* band : {"out", "all"}) out.push_back(with([&](auto& q) { q.band = band; }));
    for (const char* group : {"left_behind", "poverty_alleviated", "left"})
      out.push_back(with([&](auto& q) { q.key_group = group; }));
    for (const std::string& field : store::child_sort_fields())
      for (bool down : {false, true}) {
        out.push_back(with([&](auto& q) { q.sort = {field, down}; }));
        out.push_back(with([&](auto& q) {
          q.sort = {field, down};
          q.q = "王";
          q.band = "all";
        }));
      }
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
                     " status=" + q.status + " group=" + q.key_group + " standing=" + q.standing +
                     " band=" + q.band + " sort=" + q.sort.field + (q.sort.descending ? "↓" : "") +
                     " page " + std::to_string(page.page) + "/" + std::to_string(page.size));
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
  EXPECT_GT(compared, 3000);
  EXPECT_GT(nonempty, 500);  // the comparison is not of empty pages only
}

TEST_P(RunLedgerSpec, AChildIsFoundByIdExactlyWhenTheDatabaseWouldShowIt) {
  auto ledger = RunLedger::load(db(), "410308", run_);
  ASSERT_TRUE(ledger.ok());
  int shown = 0, hidden = 0;
  for (const Scope& scope : scopes())
    for (const auto& row : rows_) {
      auto want = store::child_by_id(db(), "410308", row.id, scope);
      ASSERT_TRUE(want.ok());
      const std::optional<store::LedgerChild> got = ledger.value()->by_id(row.id, scope);
      ASSERT_EQ(got.has_value(), want->has_value()) << row.name;
      if (got) {
        EXPECT_EQ(got->id_number, (*want)->id_number);
        ++shown;
      } else {
        ++hidden;
      }
    }
  EXPECT_GT(shown, 0);
  EXPECT_GT(hidden, 0);
  EXPECT_FALSE(ledger.value()->by_id(rows_.back().id + 1000, scopes()[0]).has_value());
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
  for (const std::string& text : {typed, typed.substr(12)}) {
    store::ChildQuery q;
    q.q = text;
    auto want = store::find_children(db(), "410308", run->id, q, scopes()[0], {1, 20});
    ASSERT_TRUE(want.ok());
    ASSERT_EQ(want->total, 1) << text;
    EXPECT_EQ(ledger.value()->find(q, scopes()[0], {1, 20}).total, 1) << text;
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

TEST_P(RunLedgerSpec, AStandingChangedByVerificationReachesTheServersCopy) {
  RunLedgers ledgers{std::chrono::hours(1)};
  auto ledger = ledgers.get(db(), "410308", run_);
  ASSERT_TRUE(ledger.ok());
  store::ChildQuery verified;
  verified.standing = "verified";
  EXPECT_EQ(ledger.value()->find(verified, scopes()[0], {1, 20}).total, 0);
  const store::LedgerChild& someone = rows_[7];
  ASSERT_TRUE(
      store::set_standing(db(), "410308", run_, someone.child_key, "verified", "A", {}, {}).ok());
  // Remembered for an hour here: seen once this process says a standing changed.
  EXPECT_EQ(ledgers.get(db(), "410308", run_).value()->find(verified, scopes()[0], {1, 20}).total,
            0);
  ledgers.standing_changed(db(), "410308");
  auto now = ledgers.get(db(), "410308", run_);
  ASSERT_TRUE(now.ok());
  const auto found = now.value()->find(verified, scopes()[0], {1, 20});
  ASSERT_EQ(found.total, 1);
  EXPECT_EQ(found.rows[0].id, someone.id);
  EXPECT_EQ(found.rows[0].category, "A");
  auto want = store::find_children(db(), "410308", run_, verified, scopes()[0], {1, 20});
  ASSERT_TRUE(want.ok());
  EXPECT_EQ(ids_of(want->rows), ids_of(found.rows));
  // And the sort by standing follows it too.
  store::ChildQuery by_standing;
  by_standing.sort = {"standing", true};
  by_standing.band = "all";
  EXPECT_EQ(
      ids_of(now.value()->find(by_standing, scopes()[0], {1, 20}).rows),
      ids_of(store::find_children(db(), "410308", run_, by_standing, scopes()[0], {1, 20})->rows));
}

BAOXUE_ON_BOTH_ENGINES(RunLedgerSpec);

}  // namespace
}  // namespace baoxue::ledger
