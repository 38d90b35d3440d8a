#!/usr/bin/env bash
# Runs the benchmarks (build first with scripts/build.sh). Figures go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/bench/text_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2 3 4 5; do
  /usr/bin/time -f "demo run $i: %e s wall, %M KiB peak" ./build/baoxue demo --db "$tmp/demo$i.db" \
    --files "$tmp/files$i" >/dev/null
done
