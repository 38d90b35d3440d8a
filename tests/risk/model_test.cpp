// Specification of the model's factors and of a county's settings for it (risk/model.h).
#include "risk/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/labels.h"
#include "risk/assess.h"
#include "risk/fit.h"
#include "weight_of.h"

namespace baoxue::risk {
namespace {

using core::Settings;

TEST(RiskModel, TheDefaultModelIsTheShippedSettingsOneWeightPerFactor) {
  const Model m = default_model();
  EXPECT_TRUE(validate(m).ok()) << validate(m).error().message;
  EXPECT_EQ(m.source, "default");
  ASSERT_EQ(m.factors.size(), factor_codes().size());
  for (const Factor& f : m.factors) {
    // Every shipped factor raises the risk: a protective weight must come from data (fit).
    EXPECT_GT(f.weight, 0) << f.code;
    EXPECT_EQ(f.weight, std::stod(Settings().get("risk.weight." + f.code))) << f.code;
  }
  EXPECT_LT(m.intercept, 0);  // a pupil with nothing against him is unlikely to drop out
}

TEST(RiskModel, EveryFactorHasItsWordingAndNoWordingIsStale) {
  const std::vector<std::string> worded = core::label_codes("risk_factor");
  EXPECT_EQ(std::set<std::string>(worded.begin(), worded.end()),
            std::set<std::string>(factor_codes().begin(), factor_codes().end()));
  for (const char* level : {"high", "medium", "low"})
    EXPECT_NE(core::find_label("risk_level", level), nullptr) << level;
}

TEST(RiskModel, EachKeyGroupCountsForExactlyOneFactor) {
  for (const core::Code& c : core::default_codes()) {
    if (c.table != "key_group") continue;
    Features f;
    f.key_groups = {c.code};
    int factors = 0;
    for (const std::string& code : factor_codes())
      if (factor_value(code, f)->units != 0) ++factors;
    EXPECT_EQ(factors, 1) << c.code;
  }
  EXPECT_FALSE(factor_value("not_a_factor", Features{}).has_value());
}

TEST(RiskSettings, ACountysWeightReplacesTheShippedOne) {
  const Settings county(std::map<std::string, std::string>{{"risk.weight.left_behind", "20"},
                                                           {"risk.intercept", "-40.5"}});
  auto m = model_from(county);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(weight(*m, "left_behind"), 20);
  EXPECT_EQ(m->intercept, -40.5);
  EXPECT_EQ(weight(*m, "truant_30d"), weight(default_model(), "truant_30d"));
  Features f;
  f.key_groups = {"left_behind"};
  const Assessment a = assess(f, *m, Thresholds{25, 12});
  ASSERT_EQ(a.reasons.size(), 1u);
  EXPECT_EQ(a.reasons[0].points, 20);
  EXPECT_EQ(a.level, "medium");
}

TEST(RiskSettings, AWeightThatIsNoNumberIsAnErrorNamingTheKey) {
  for (const char* bad : {"abc", "", "3分", "inf"}) {
    auto m = model_from(Settings(std::map<std::string, std::string>{{"risk.weight.poverty", bad}}));
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.error().code, "risk_setting_invalid");
    EXPECT_NE(m.error().message.find("risk.weight.poverty"), std::string::npos);
  }
}

TEST(RiskSettings, AWeightForNoKnownFactorIsAnErrorNotIgnored) {
  auto m = model_from(Settings(std::map<std::string, std::string>{{"risk.weight.distance", "5"}}));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().code, "risk_setting_invalid");
  EXPECT_NE(m.error().message.find("distance"), std::string::npos);
}

TEST(RiskSettings, ThresholdsComeFromSettingsAndMediumMayNotExceedHigh) {
  auto shipped = thresholds_from(Settings());
  ASSERT_TRUE(shipped.ok());
  EXPECT_GT(shipped->high_points, shipped->medium_points);
  auto county = thresholds_from(Settings(std::map<std::string, std::string>{
      {"risk.high_points", "30"}, {"risk.medium_points", "15"}}));
  ASSERT_TRUE(county.ok());
  EXPECT_EQ(county->high_points, 30);
  EXPECT_EQ(county->medium_points, 15);
  auto crossed = thresholds_from(Settings(std::map<std::string, std::string>{
      {"risk.high_points", "10"}, {"risk.medium_points", "15"}}));
  ASSERT_FALSE(crossed.ok());
  EXPECT_EQ(crossed.error().code, "risk_setting_invalid");
}

TEST(RiskSettings, TheFittingMinimumIsAPositiveWholeNumber) {
  auto shipped = fit_options_from(Settings());
  ASSERT_TRUE(shipped.ok());
  EXPECT_EQ(shipped->min_positives, std::stoi(Settings().get("risk.min_fit_positives")));
  auto county = fit_options_from(
      Settings(std::map<std::string, std::string>{{"risk.min_fit_positives", "50"}}));
  ASSERT_TRUE(county.ok());
  EXPECT_EQ(county->min_positives, 50);
  for (const char* bad : {"0", "-3", "2.5", "many"})
    EXPECT_FALSE(fit_options_from(
                     Settings(std::map<std::string, std::string>{{"risk.min_fit_positives", bad}}))
                     .ok())
        << bad;
}

TEST(RiskModel, AModelMissingDoublingOrInventingAFactorIsInvalid) {
  Model missing = default_model();
  missing.factors.pop_back();
  EXPECT_EQ(validate(missing).error().code, "risk_model_invalid");
  Model doubled = default_model();
  doubled.factors.push_back(doubled.factors.front());
  EXPECT_FALSE(validate(doubled).ok());
  Model invented = default_model();
  invented.factors.push_back({"distance", 3});
  EXPECT_FALSE(validate(invented).ok());
  Model infinite = default_model();
  infinite.factors.front().weight = HUGE_VAL;
  EXPECT_FALSE(validate(infinite).ok());
}

}  // namespace
}  // namespace baoxue::risk
