#!/usr/bin/env bash
# Runs the benchmarks (build first with scripts/build.sh). Figures go to docs/performance.md.
#   scripts/bench.sh            everything
#   scripts/bench.sh import     only the import benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=${BENCH_RUNS:-3}

if [[ $what == all || $what == text ]]; then
  ./build/bench/text_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
fi

if [[ $what == all || $what == demo ]]; then
  for i in $(seq "$runs"); do
    /usr/bin/time -f "demo run $i: %e s wall, %M KiB peak" ./build/baoxue demo \
      --db "$tmp/demo$i.db" --files "$tmp/files$i" >/dev/null
  done
fi

if [[ $what == all || $what == import ]]; then
  # 1,000,000-row household registry (GB18030 CSV) and 100,000-row student registry (xlsx), each
  # into a fresh SQLite database; memory is watched at two sizes to see that it stays flat.
  ./build/bench/make_list hukou 1000000 "$tmp/hukou_1m.csv"
  ./build/bench/make_list hukou 250000 "$tmp/hukou_250k.csv"
  ./build/bench/make_list xueji 100000 "$tmp/xueji_100k.xlsx"
  ./build/bench/make_list xueji 25000 "$tmp/xueji_25k.xlsx"
  ls -l "$tmp"/*.csv "$tmp"/*.xlsx
  for f in hukou_250k.csv hukou_1m.csv xueji_25k.xlsx xueji_100k.xlsx; do
    kind=${f%%_*}
    for i in $(seq "$runs"); do
      rm -f "$tmp/import.db"*
      /usr/bin/time -f "import $f run $i: %e s wall, %M KiB peak" ./build/baoxue import "$kind" \
        "$tmp/$f" --county 410308 --db "$tmp/import.db" --json
    done
  done
fi

if [[ $what == all || $what == match ]]; then
  # The matching engine on seeded noisy lists (bench/match_bench prints time, peak memory,
  # precision, recall and the probable share), then file mode on the demo county's own files.
  for n in 100000 1000000; do
    for i in $(seq "$runs"); do ./build/bench/match_bench "$n"; done
  done
  ./build/baoxue demo --db "$tmp/m.db" --files "$tmp/mfiles" >/dev/null
  /usr/bin/time -f "match demo files: %e s wall, %M KiB peak" ./build/baoxue match \
    --hukou "$tmp/mfiles/hukou_410308.csv" --xueji "$tmp/mfiles/xueji_410308.xlsx" \
    --as-of 2026-10-15 --out "$tmp/result.csv"
  python3 bench/score_match.py "$tmp/result.csv" "$tmp/mfiles/truth_410308.csv"
fi
