// The indicators at a county's (and a province's) scale: reading the facts of a month and the
// month before, then the roll-up every report and the dashboard show — the county, each township,
// each school. Prints the median of `runs` runs of each phase.
//
//   indicators_bench --db DB [--county C] [--from 2026-11-01 --to 2026-11-30] [--runs 5]
//
// On a database holding several counties (a province on PostgreSQL), --county all runs every
// county one after another and reports the total; --province counts every county's figures in
// the database at once (indicators/province.h), as a province's roll-up does
// (scripts/bench.sh indicators).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "indicators/indicators.h"
#include "indicators/province.h"
#include "store/county_repository.h"

using namespace baoxue;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_url, county, from = "2026-11-01", to = "2026-11-30";
  int runs = 5;
  bool province = false;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--province") province = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    if (k == "--province") {
      --i;
      continue;
    }
    if (k == "--db") db_url = argv[i + 1];
    if (k == "--county") county = argv[i + 1];
    if (k == "--from") from = argv[i + 1];
    if (k == "--to") to = argv[i + 1];
    if (k == "--runs") runs = std::atoi(argv[i + 1]);
  }
  auto db = store::Database::open(db_url);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  const Date f = *Date::parse_iso(from), t = *Date::parse_iso(to);
  if (province) {
    std::vector<double> ms;
    long long pupils = 0, counties = 0;
    for (int r = 0; r < runs; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      auto all = indicators::county_figures(*db.value(), f, t);
      if (!all) {
        std::fprintf(stderr, "%s\n", all.error().message.c_str());
        return 1;
      }
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      pupils = counties = 0;
      for (const auto& c : all.value()) {
        pupils += c.start;
        counties += 1;
      }
    }
    std::printf(
        "province: counties %lld, pupils at the start %lld, %s..%s, %d runs: %.0f ms "
        "(median)\n",
        counties, pupils, from.c_str(), to.c_str(), runs, median(ms));
    return 0;
  }
  std::vector<std::string> counties;
  if (county == "all") {
    auto all = store::list_counties(*db.value());
    if (!all) return 1;
    for (const auto& c : all.value()) counties.push_back(c.code);
  } else {
    auto one = store::choose_county(*db.value(), county);
    if (!one) {
      std::fprintf(stderr, "%s\n", one.error().message.c_str());
      return 1;
    }
    counties.push_back(one.value());
  }
  const auto [span_from, span_to] = indicators::facts_span(f, t);
  std::vector<double> load_ms, roll_ms, total_ms;
  long long pupils = 0, schools = 0;
  for (int r = 0; r < runs; ++r) {
    double load = 0, roll = 0;
    pupils = schools = 0;
    for (const std::string& c : counties) {
      const auto t0 = std::chrono::steady_clock::now();
      auto facts = indicators::load_facts(*db.value(), c, span_from.iso(), span_to.iso());
      if (!facts) {
        std::fprintf(stderr, "%s\n", facts.error().message.c_str());
        return 1;
      }
      const auto t1 = std::chrono::steady_clock::now();
      auto up = indicators::roll_up(facts.value(), {indicators::Level::kCounty, c}, f, t);
      const auto t2 = std::chrono::steady_clock::now();
      load += std::chrono::duration<double, std::milli>(t1 - t0).count();
      roll += std::chrono::duration<double, std::milli>(t2 - t1).count();
      pupils += up.total.end;
      schools += static_cast<long long>(up.schools.size());
    }
    load_ms.push_back(load);
    roll_ms.push_back(roll);
    total_ms.push_back(load + roll);
  }
  std::printf(
      "counties %zu, pupils at the end %lld, schools %lld, %s..%s, %d runs: read facts %.0f ms, "
      "roll-up %.0f ms, total %.0f ms (medians)\n",
      counties.size(), pupils, schools, from.c_str(), to.c_str(), runs, median(load_ms),
      median(roll_ms), median(total_ms));
  return 0;
}
