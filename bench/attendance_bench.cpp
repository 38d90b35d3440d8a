// Attendance at a county's scale (issue 13 point 8): a synthetic county of N pupils in classes of
// 45 on a latest ledger, a school year of twice-daily roll calls stored as the store keeps them
// (the classes that took roll, and the exceptions), then the county's alerts on the last day and
// the escalation of one class. Prints what it measured; scripts/bench.sh attendance runs it.
//
//   attendance_bench --db /tmp/att.db [--pupils 500000] [--days 200] [--runs 5]
//
// Exceptions per pupil-session: sick leave 1.2%, personal leave 0.4%, late 0.6%, left early
// 0.2%, truant 0.3% (one session); and 0.1% of pupils away without leave for the last 1–12
// school days. About 2.7% of pupil-sessions are exceptions: a little above what schools report.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "attendance/alerts.h"
#include "attendance/escalate.h"
#include "store/bulk_insert.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/roll_call_repository.h"

using namespace baoxue;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

uint64_t mix(uint64_t x) {  // splitmix64: the same exceptions on every run
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

double unit(uint64_t a, uint64_t b, uint64_t c) {
  return static_cast<double>(mix(a * 1000003 + mix(b * 7919 + mix(c))) >> 11) * 0x1.0p-53;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::string url;
  long pupils = 500000, days = 200;
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") url = v;
    if (k == "--pupils") pupils = std::stol(v);
    if (k == "--days") days = std::stol(v);
    if (k == "--runs") runs = std::stoi(v);
  }
  if (url.empty()) {
    std::cerr << "usage: attendance_bench --db PATH [--pupils N] [--days D] [--runs R]\n";
    return 2;
  }
  auto opened = store::Database::open(url);
  if (!opened) {
    std::cerr << opened.error().message << "\n";
    return 1;
  }
  store::Database& db = *opened.value();
  const std::string county = "410308";
  if (Status st = store::create_county(db, {county, "孟津区", "洛阳市", "河南省"}); !st) {
    std::cerr << st.error().message << " (use a fresh database)\n";
    return 1;
  }
  // The latest ledger: pupils in classes of 45, 30 classes a school (grades 1–9).
  constexpr int kClassSize = 45;
  const long classes = (pupils + kClassSize - 1) / kClassSize;
  std::vector<store::ClassRef> refs;
  auto t = Clock::now();
  store::MatchRun run;
  run.as_of = "2026-09-01";
  run.started_by = "bench";
  run.started_at = run.finished_at = store::now_utc();
  if (Status st = store::insert_match_run(db, county, run); !st) {
    std::cerr << st.error().message << "\n";
    return 1;
  }
  std::vector<store::LedgerChild> rows;
  rows.reserve(static_cast<std::size_t>(pupils));
  for (long p = 0; p < pupils; ++p) {
    const long c = p / kClassSize;
    store::LedgerChild ch;
    ch.child_key = "id:41030820150101" + std::to_string(1000000 + p);
    ch.record_id = p + 1;
    ch.name = "学生" + std::to_string(p);
    ch.status = "enrolled";
    ch.standing = "in_school";
    ch.in_band = true;
    ch.school_code = std::to_string(1141030000 + c / 30);
    ch.school_name = "学校" + std::to_string(c / 30);
    ch.grade = 1 + (c % 30) / 4 % 9;
    ch.class_number = 1 + c % 30;
    ch.on_lists = "xueji";
    if (p % kClassSize == 0)
      refs.push_back(
          {ch.school_code, static_cast<int>(*ch.grade), static_cast<int>(*ch.class_number)});
    rows.push_back(std::move(ch));
  }
  if (Status st = store::insert_ledger_children(db, county, run.id, rows); !st) {
    std::cerr << st.error().message << "\n";
    return 1;
  }
  std::printf("ledger: %ld pupils in %ld classes, %.1f s\n", pupils, classes, seconds_since(t));

  // A school year of roll calls, one transaction a day.
  std::vector<Date> school_days;
  for (Date d{2026, 9, 1}; static_cast<long>(school_days.size()) < days; d = d.plus_days(1)) {
    const long weekday = (d.days_since_epoch() + 4) % 7;
    if (weekday >= 1 && weekday <= 5) school_days.push_back(d);
  }
  const double kinds[] = {0.012, 0.004, 0.006, 0.002, 0.003};
  const char* names[] = {"sick_leave", "personal_leave", "late", "left_early", "truant"};
  long long marks = 0, calls = 0;
  t = Clock::now();
  for (std::size_t di = 0; di < school_days.size(); ++di) {
    std::vector<store::RollCall> day_calls;
    day_calls.reserve(refs.size() * 2);
    for (std::size_t ci = 0; ci < refs.size(); ++ci)
      for (int s = 0; s < 2; ++s) {
        store::RollCall r;
        r.cls = refs[ci];
        r.day = school_days[di].iso();
        r.session = s ? "pm" : "am";
        r.pupils = kClassSize;
        r.source = "phone";
        r.taken_by = "bench";
        for (long k = 0; k < kClassSize; ++k) {
          const long p = static_cast<long>(ci) * kClassSize + k;
          if (p >= pupils) break;
          const std::string& key = rows[static_cast<std::size_t>(p)].child_key;
          // Away without leave for the last 1–12 days: 0.1% of pupils.
          const long streak = p % 1000 == 7 ? 1 + (p / 1000) % 12 : 0;
          if (streak && static_cast<long>(di) >= days - streak) {
            r.marks.push_back({key, "truant"});
            continue;
          }
          double u = unit(static_cast<uint64_t>(p), di, static_cast<uint64_t>(s));
          for (int kind = 0; kind < 5; ++kind) {
            if (u < kinds[kind]) {
              r.marks.push_back({key, names[kind]});
              break;
            }
            u -= kinds[kind];
          }
        }
        marks += static_cast<long long>(r.marks.size());
        day_calls.push_back(std::move(r));
      }
    calls += static_cast<long long>(day_calls.size());
    if (Status st = store::insert_roll_calls(db, county, day_calls); !st) {
      std::cerr << st.error().message << "\n";
      return 1;
    }
  }
  const double load = seconds_since(t);
  std::printf(
      "roll calls: %lld over %ld school days with %lld exceptions (%.2f%% of %lld "
      "pupil-sessions), written in %.1f s (%.0f roll calls/s)\n",
      calls, days, marks, 100.0 * static_cast<double>(marks) / (calls * 45.0), calls * 45, load,
      static_cast<double>(calls) / load);
  if (db.engine() == store::Engine::kSqlite) {
    db.sql() << "PRAGMA wal_checkpoint(TRUNCATE)";
    struct stat st {};
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (stat(path.c_str(), &st) == 0)
      std::printf("database file: %.0f MB in all (ledger included)\n",
                  static_cast<double>(st.st_size) / 1e6);
  }

  // The county's alerts on the last school day.
  auto settings = store::load_settings(db, county);
  const auto rules = attendance::LevelRules::from(settings.value());
  const Date last = school_days.back();
  std::vector<double> times;
  std::size_t found = 0;
  for (int r = 0; r < runs; ++r) {
    t = Clock::now();
    auto alerts = attendance::alerts_on(db, county, last, "", rules);
    times.push_back(seconds_since(t));
    if (!alerts) {
      std::cerr << alerts.error().message << "\n";
      return 1;
    }
    found = alerts->size();
  }
  std::printf("alerts on %s: %zu pupils, median %.3f s of %d runs\n", last.iso().c_str(), found,
              median(times), runs);
  // One class's escalation after its roll call (what each submission adds).
  times.clear();
  for (int r = 0; r < runs; ++r) {
    t = Clock::now();
    auto done = attendance::escalate_class(db, county, refs[7000 % refs.size()], last, "bench");
    times.push_back(seconds_since(t));
    if (!done) {
      std::cerr << done.error().message << "\n";
      return 1;
    }
  }
  std::printf("escalation of one class: median %.1f ms of %d runs\n", median(times) * 1000, runs);
  return 0;
}
