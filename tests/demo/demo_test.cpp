// Specification: the demo county is faithful to 孟津区's published figures and deterministic.
#include "demo/demo.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/id_number.h"
#include "store/county_summary.h"
#include "store/rows.h"
#include "support/csv.h"

namespace baoxue::demo {
namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every table's content, in key order, without the *_at timestamps (which record when, not what).
std::string content(store::Database& db) {
  std::string out;
  for (const char* table :
       {"counties", "settings", "codes", "regions", "schools", "school_catchments", "classes",
        "persons", "guardians", "enrollments", "enrollment_events", "group_memberships"}) {
    soci::rowset<soci::row> rs = db.sql().prepare
                                 << std::string("SELECT * FROM ") + table + " ORDER BY 1, 2, 3";
    for (const soci::row& r : rs) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        const std::string name = r.get_properties(i).get_name();
        if (name.size() > 3 && name.substr(name.size() - 3) == "_at") continue;
        out += store::row_text(r, i, "NULL") + "\x1f";
      }
      out += "\n";
    }
  }
  return out;
}

// One demo county per test binary: building it takes seconds, the checks take microseconds.
class DemoCounty : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/baoxue-demo-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    auto db = store::Database::open(dir_ + "/a.db");
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = db.value().release();
    DemoOptions options;
    options.files_dir = dir_ + "/files-a";
    auto r = create_demo(*db_, options);
    ASSERT_TRUE(r.ok()) << r.error().message;
    result_ = new DemoResult(r.value());
  }
  static void TearDownTestSuite() {
    delete db_;
    delete result_;
    fs::remove_all(dir_);
  }

  static std::vector<std::map<std::string, std::string>> truth() {
    return testing::read_csv(dir_ + "/files-a/truth_410308.csv");
  }

  static std::string dir_;
  static store::Database* db_;
  static DemoResult* result_;
};

std::string DemoCounty::dir_;
store::Database* DemoCounty::db_ = nullptr;
DemoResult* DemoCounty::result_ = nullptr;

TEST_F(DemoCounty, ReproducesThePublishedSchoolAndPupilFigures) {
  auto s = store::county_summary(*db_, "410308");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->county.name, "孟津区");
  EXPECT_EQ(s->schools, 77);
  EXPECT_EQ(s->schools_by_type.at("primary"), 57);
  EXPECT_EQ(s->schools_by_type.at("junior") + s->schools_by_type.at("special"), 20);
  EXPECT_EQ(s->schools_by_type.at("special"), 1);
  EXPECT_EQ(s->students, 52384);
  EXPECT_EQ(s->primary_students, 34550);
  EXPECT_EQ(s->junior_students, 17834);
}

TEST_F(DemoCounty, ReproducesThePovertyAndDisabilityFigures) {
  auto s = store::county_summary(*db_, "410308");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->key_groups.at("poverty_alleviated"), 1332);
  EXPECT_EQ(s->disabled_by_placement.at("ordinary_class"), 229);
  EXPECT_EQ(s->disabled_by_placement.at("special_school"), 72);
  EXPECT_EQ(s->disabled_by_placement.at("home_teaching"), 36);
  EXPECT_EQ(s->disabled_by_placement.count("not_enrolled"), 0u);
}

TEST_F(DemoCounty, UsesTheRealTownshipsAndVillages) {
  auto s = store::county_summary(*db_, "410308");
  EXPECT_EQ(s->townships, 14);
  EXPECT_EQ(s->villages, 270);
  EXPECT_EQ(store::query_int(db_->sql(), "SELECT COUNT(*) FROM regions WHERE name = '会盟镇'"), 1);
}

TEST_F(DemoCounty, EveryTrueIdNumberIsValidAndUnique) {
  std::set<std::string> seen;
  long checked = 0, empty = 0;
  soci::rowset<soci::row> rs = db_->sql().prepare << "SELECT id_number FROM persons";
  for (const soci::row& r : rs) {
    const std::string id = store::row_text(r, 0);
    if (id.empty()) {
      ++empty;
      continue;
    }
    EXPECT_TRUE(core::parse_id_number(id).valid) << id;
    EXPECT_TRUE(seen.insert(id).second) << "duplicate " << id;
    ++checked;
  }
  EXPECT_GT(checked, 52000);
  EXPECT_LT(empty, 200);  // pupils registered with a J number because they have no ID
}

TEST_F(DemoCounty, TheListsCarryAboutTwoPercentNoise) {
  long on_both = 0, noisy = 0;
  for (const auto& row : truth()) {
    if (row.at("hukou_row").empty() || row.at("xueji_row").empty()) continue;
    ++on_both;
    noisy += !row.at("hukou_noise").empty() || !row.at("xueji_noise").empty();
  }
  ASSERT_GT(on_both, 45000);
  const double share = static_cast<double>(noisy) / on_both;
  EXPECT_GT(share, 0.012);
  EXPECT_LT(share, 0.03);
}

TEST_F(DemoCounty, OutOfSchoolChildrenAreSpreadOverTheVerificationCategories) {
  std::map<std::string, int> by_truth;
  for (const auto& row : truth()) {
    if (!row.at("hukou_row").empty() && row.at("xueji_row").empty()) ++by_truth[row.at("truth")];
  }
  for (const char* cat : {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"})
    EXPECT_GT(by_truth[cat], 0) << cat;
  int truly_out = 0;
  for (const char* cat : {"I", "J", "K", "L", "M"}) truly_out += by_truth[cat];
  EXPECT_GE(truly_out, 10);
  EXPECT_LE(truly_out, 40);
  EXPECT_GT(by_truth["out_of_band"], 1000);
}

TEST_F(DemoCounty, WritesTheListsAsTheBureauReceivesThem) {
  std::set<std::string> names;
  for (const auto& f : result_->files) names.insert(fs::path(f).filename().string());
  for (const char* f : {"hukou_410308.csv", "xueji_410308.xlsx", "schools_410308.xlsx",
                        "group_poverty_alleviated.xlsx", "group_disabled.xlsx", "truth_410308.csv"})
    EXPECT_TRUE(names.count(f)) << f;
  // The household registry is a GBK-family CSV: 孟津区 in GB18030 is C3CF BDF2 C7F8.
  EXPECT_NE(slurp(dir_ + "/files-a/hukou_410308.csv").find("\xC3\xCF\xBD\xF2\xC7\xF8"),
            std::string::npos);
}

TEST_F(DemoCounty, TheSameSeedBuildsTheSameCountyAndADifferentSeedAnotherOne) {
  auto b = store::Database::open(dir_ + "/b.db");
  ASSERT_TRUE(b.ok());
  DemoOptions options;
  options.files_dir = dir_ + "/files-b";
  ASSERT_TRUE(create_demo(*b.value(), options).ok());
  EXPECT_TRUE(content(*db_) == content(*b.value()));
  for (const char* f : {"hukou_410308.csv", "truth_410308.csv"})
    EXPECT_EQ(slurp(dir_ + "/files-a/" + f), slurp(dir_ + "/files-b/" + f)) << f;

  auto c = store::Database::open(dir_ + "/c.db");
  ASSERT_TRUE(c.ok());
  DemoOptions other;
  other.seed = 7;
  ASSERT_TRUE(create_demo(*c.value(), other).ok());
  EXPECT_FALSE(content(*db_) == content(*c.value()));
}

TEST_F(DemoCounty, RefusesToBuildOverAnExistingCounty) {
  auto again = create_demo(*db_, DemoOptions{});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "demo_county_exists");
}

}  // namespace
}  // namespace baoxue::demo
