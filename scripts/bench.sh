#!/usr/bin/env bash
# Runs the benchmarks (build first with scripts/build.sh). Figures go to docs/performance.md.
#   scripts/bench.sh            everything
#   scripts/bench.sh import     only the import benchmarks
#   scripts/bench.sh api        the web API under wrk (demo county; BENCH_SECONDS, default 15)
#   scripts/bench.sh attendance the risk model, a school year of roll calls (BENCH_PUPILS, default
#                               500000), roll-call submissions under wrk
#   scripts/bench.sh indicators the demo county's monthly roll-up (SQLite), and a province on a
#                               throw-away PostgreSQL (BENCH_PROVINCE_PUPILS, default 10000000, over
#                               100 counties)
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
  # Cross-matching on files (issue 4). For each size: bench/make_match_files writes the seeded
  # noisy lists (GB18030 household CSV, UTF-8 student CSV, truth); `baoxue match` reads and
  # matches them (BENCH_RUNS runs, median wall, largest peak RSS); bench/score_match.py scores
  # the result. Baseline in the same run, on the same files: the sqlite3 CLI reads both and
  # counts the exact joins on the ID number. sqlite3 cannot read GB18030, so the household file
  # is first converted with iconv; that conversion is part of the baseline's job and is counted
  # (shown apart as well). Sizes: BENCH_MATCH_SIZES="10000 100000 1000000" by default; add
  # 10000000 with BENCH_10M=1 (long: ~3 GB of files, minutes per run).
  # BENCH_BAOXUE=path measures another build of baoxue (e.g. a copy, while others rebuild).
  # Figures go to docs/performance.md ("Matching").
  baoxue=${BENCH_BAOXUE:-./build/baoxue}
  median() {
    sort -g | awk '{v[NR] = $1}
      END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
  }
  max() { sort -g | tail -1; }
  # Others build and benchmark on this machine: wait (at most 30 s) until the CPUs have been
  # idle for two seconds before each timed run, and say so when they never were.
  quiet() {
    local ok=0 a b idle total k
    for _ in $(seq 30); do
      read -ra a </proc/stat
      sleep 1
      read -ra b </proc/stat
      idle=$((b[4] - a[4]))
      total=0
      for k in 1 2 3 4 5 6 7 8; do total=$((total + b[k] - a[k])); done
      if ((100 * idle >= 90 * total)); then ok=$((ok + 1)); else ok=0; fi
      ((ok >= 2)) && return 0
    done
    echo "(machine busy: the next run may be disturbed)"
  }
  sizes=${BENCH_MATCH_SIZES:-10000 100000 1000000}
  [[ ${BENCH_10M:-0} == 1 ]] && sizes="$sizes 10000000"
  table=()
  for n in $sizes; do
    d="$tmp/match_$n"
    ./build/bench/make_match_files "$n" "$d"
    as_of=$(cat "$d/as_of")
    ls -l "$d"
    : >"$d/baoxue.times"
    : >"$d/sqlite.times"
    # baoxue and the baseline take turns, so that whatever else the machine does falls on both.
    for i in $(seq "$runs"); do
      quiet
      /usr/bin/time -o "$d/t" -f "%e %M" "$baoxue" match --hukou "$d/hukou.csv" \
        --xueji "$d/xueji.csv" --as-of "$as_of" --out "$d/result.csv"
      echo "match $n run $i: $(awk '{printf "%s s wall, %d MiB peak", $1, $2 / 1024}' "$d/t")"
      cat "$d/t" >>"$d/baoxue.times"
      rm -f "$d/hukou_utf8.csv"
      quiet
      /usr/bin/time -o "$d/t1" -f "%e %M" \
        iconv -f GB18030 -t UTF-8 "$d/hukou.csv" -o "$d/hukou_utf8.csv"
      /usr/bin/time -o "$d/t2" -f "%e %M" sqlite3 -batch :memory: >"$d/joined" <<SQL
.mode csv
.import $d/hukou_utf8.csv hukou
.import $d/xueji.csv xueji
SELECT COUNT(*) FROM hukou h JOIN xueji x ON x."身份证件号" = h."公民身份号码" WHERE h."公民身份号码" <> '';
SQL
      read -r conv conv_kib <"$d/t1"
      read -r join join_kib <"$d/t2"
      echo "sqlite3 $n run $i: iconv $conv s + sqlite3 $join s, $((join_kib / 1024)) MiB peak;" \
        "$(cat "$d/joined") exact ID pairs"
      echo "$conv $join $(awk -v a="$conv" -v b="$join" 'BEGIN {print a + b}')" \
        "$((conv_kib > join_kib ? conv_kib : join_kib))" >>"$d/sqlite.times"
    done
    python3 bench/score_match.py "$d/result.csv" "$d/truth.csv" | tee "$d/score"
    rm -f "$d/hukou_utf8.csv"
    b_wall=$(cut -d' ' -f1 "$d/baoxue.times" | median)
    b_peak=$(cut -d' ' -f2 "$d/baoxue.times" | max)
    s_conv=$(cut -d' ' -f1 "$d/sqlite.times" | median)
    s_join=$(cut -d' ' -f2 "$d/sqlite.times" | median)
    s_wall=$(cut -d' ' -f3 "$d/sqlite.times" | median)
    s_peak=$(cut -d' ' -f4 "$d/sqlite.times" | max)
    read -r precision recall probable <<<"$(awk '/^score / {split($2, a, "="); split($3, b, "=");
      split($4, c, "="); print a[2], b[2], c[2]}' "$d/score")"
    row='| %s | %s × %s | %.2f s | %d MiB | %s | %s | %.3f%% | %.2f s (iconv %.2f + sqlite3 %.2f)'
    row+=' | %d MiB | %.2f |'
    table+=("$(printf "$row" "$n" "$(($(wc -l <"$d/hukou.csv") - 1))" \
      "$(($(wc -l <"$d/xueji.csv") - 1))" "$b_wall" $((b_peak / 1024)) "$precision" "$recall" \
      "$(awk -v s="$probable" 'BEGIN {print 100 * s}')" "$s_wall" "$s_conv" "$s_join" \
      $((s_peak / 1024)) "$(awk -v a="$b_wall" -v b="$s_wall" 'BEGIN {print a / b}')")")
    rm -f "$d"/*.csv  # the 10M files take 3 GB
  done
  echo "| N | hukou × xueji rows | baoxue match (median of $runs) | peak RSS | precision" \
    "| recall | probable | iconv + sqlite3 exact join (median) | peak RSS | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${table[@]}"
  uptime
  # The engine alone on the same lists in memory (no file reading).
  ./build/bench/match_bench 1000000
  # File mode on the demo county's own files.
  ./build/baoxue demo --db "$tmp/m.db" --files "$tmp/mfiles" >/dev/null
  /usr/bin/time -f "match demo files: %e s wall, %M KiB peak" ./build/baoxue match \
    --hukou "$tmp/mfiles/hukou_410308.csv" --xueji "$tmp/mfiles/xueji_410308.xlsx" \
    --as-of 2026-10-15 --out "$tmp/result.csv"
  python3 bench/score_match.py "$tmp/result.csv" "$tmp/mfiles/truth_410308.csv"
fi

if [[ $what == all || $what == api ]]; then
  # The demo county as run.sh makes it, the server on a free port, one signed-in clerk's cookie,
  # then wrk at 100 and 1000 connections on the ledger list, the child search, the child
  # detail (which writes an audit row per request), the dashboard, the case list and the case
  # page (audited too).
  db=$tmp/api.db
  ./build/baoxue demo --db "$db" --files "$tmp/api-files" >/dev/null
  ./build/baoxue import hukou "$tmp/api-files/hukou_410308.csv" --db "$db" --whole >/dev/null
  ./build/baoxue import xueji "$tmp/api-files/xueji_410308.xlsx" --db "$db" --whole >/dev/null
  ./build/baoxue census --db "$db" --as-of 2026-09-01 >/dev/null
  ./build/baoxue demo-users --db "$db" >/dev/null
  ./build/baoxue demo-casework --db "$db" >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ulimit -n 65536 2>/dev/null || true
  ./build/baoxue serve --db "$db" --port "$port" --workers "${BENCH_WORKERS:-2}" >"$tmp/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  cookie=$(curl -si "http://127.0.0.1:$port/api/session" \
    -d '{"username":"county_staff","password":"Demo2026pass"}' |
    sed -n 's/^[Ss]et-[Cc]ookie: \(baoxue_session=[0-9a-f]*\).*/\1/p')
  list=""; search=""; detail=""
  for p in 1 2 3 4 5 6 7 8 9 10; do list+="/api/children?page=$p&size=20 "; done
  # Surnames and whole names (URL-encoded UTF-8), and whole ID numbers of the demo county.
  for q in %E7%8E%8B %E6%9D%8E %E5%BC%A0 %E5%88%98 %E9%99%88 %E6%9D%8E%E6%99%97%E6%85%A7 \
    410322201911272763 410322201911093255; do search+="/api/children?q=$q "; done
  for id in 11 523 1001 2048 4099 8191 16001 30011 45007 60001; do detail+="/api/children/$id "; done
  dashboard="/api/dashboard"
  # 劝返复学: the case list with its filters and counts, and the case page (audited).
  cases="/api/cases /api/cases?status=overdue /api/cases?status=open&sort=next_due /api/case-rollups"
  case_page=""
  for id in 1 2 3 4 5 6 7 8; do case_page+="/api/cases/$id "; done
  for conns in 100 1000; do
    for name in list search detail dashboard cases case_page; do
      echo "api $name, $conns connections:"
      # Steady state: a 2 s warm-up of the same mix first (the server loads the run's ledger
      # into memory on start; the first requests wait for it), not counted.
      BAOXUE_COOKIE=$cookie BAOXUE_PATHS=${!name} wrk -t2 -c"$conns" -d2s --timeout 10s \
        -s bench/api_wrk.lua "http://127.0.0.1:$port" >/dev/null
      BAOXUE_COOKIE=$cookie BAOXUE_PATHS=${!name} wrk -t2 -c"$conns" -d"${BENCH_SECONDS:-15}s" \
        --timeout 10s -s bench/api_wrk.lua "http://127.0.0.1:$port" | grep '^BENCH'
    done
  done
  # A dashboard flood (900 connections) while a clerk's list (100 connections) is measured:
  # one busy page must not take the rest of the API down.
  echo "api list during a dashboard flood, 100 + 900 connections:"
  BAOXUE_COOKIE=$cookie BAOXUE_PATHS=$dashboard wrk -t1 -c900 -d"$((${BENCH_SECONDS:-15} + 4))s" \
    --timeout 10s -s bench/api_wrk.lua "http://127.0.0.1:$port" >"$tmp/flood.txt" &
  flood=$!
  sleep 2
  BAOXUE_COOKIE=$cookie BAOXUE_PATHS=$list wrk -t1 -c100 -d"${BENCH_SECONDS:-15}s" --timeout 10s \
    -s bench/api_wrk.lua "http://127.0.0.1:$port" | grep '^BENCH'
  wait "$flood"
  echo "  (the flood itself: $(grep '^BENCH' "$tmp/flood.txt"))"
  # SIGTERM in the middle of 1,000 busy connections: exit 0 within 5 s.
  BAOXUE_COOKIE=$cookie BAOXUE_PATHS="$list $dashboard" wrk -t2 -c1000 -d20s --timeout 10s \
    -s bench/api_wrk.lua "http://127.0.0.1:$port" >/dev/null 2>&1 &
  load=$!
  sleep 5
  start=$(date +%s.%N)
  kill -TERM "$server"
  status=0
  wait "$server" || status=$?
  echo "api SIGTERM at 1000 connections: exit $status after $(echo "$(date +%s.%N) - $start" | bc) s"
  kill "$load" 2>/dev/null || true
  wait "$load" 2>/dev/null || true
fi


if [[ $what == all || $what == attendance ]]; then
  # Issue 13. The at-risk model on a synthetic cohort with known outcomes (AUC, recall at the top
  # 5% against the ABC rule), then a school year of roll calls for BENCH_PUPILS pupils (500,000:
  # storage, writing, the county's alerts, one class's escalation).
  ./build/bench/risk_bench --pupils 100000 --seed 1
  ./build/bench/attendance_bench --db "$tmp/att.db" --pupils "${BENCH_PUPILS:-500000}" --days 200 \
    --runs 5
  rm -f "$tmp"/att.db*
  # Head teachers submitting roll calls to the server (the demo county with its term of roll
  # calls; each request takes or corrects a class's roll), at 10 and 50 connections.
  db=$tmp/rc.db
  ./build/baoxue demo --db "$db" --files "$tmp/rc-files" >/dev/null
  ./build/baoxue import school "$tmp"/rc-files/schools_*.xlsx --db "$db" >/dev/null
  ./build/baoxue import hukou "$tmp/rc-files/hukou_410308.csv" --db "$db" --whole >/dev/null
  ./build/baoxue import xueji "$tmp/rc-files/xueji_410308.xlsx" --db "$db" --whole >/dev/null
  ./build/baoxue census --db "$db" --as-of 2026-09-01 >/dev/null
  ./build/baoxue demo-users --db "$db" >/dev/null
  ./build/baoxue demo-casework --db "$db" >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ./build/baoxue serve --db "$db" --port "$port" >"$tmp/rc-serve.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  python3 bench/roll_call_lines.py "$port" "$tmp/rc-lines.tsv"
  for conns in 10 50; do
    echo "roll-call submissions, $conns connections:"
    BAOXUE_ROLL_CALLS=$tmp/rc-lines.tsv wrk -t2 -c"$conns" -d"${BENCH_SECONDS:-15}s" --timeout 10s \
      -s bench/roll_call_wrk.lua "http://127.0.0.1:$port" | grep '^BENCH'
  done
  time ./build/baoxue attendance alerts --db "$db" >/dev/null
  kill -TERM "$server"
  wait "$server" || true
fi

if [[ $what == all || $what == indicators ]]; then
  # Issue 14. The demo county as scripts/run.sh builds it (autumn lists dated 09-01, November's
  # movements and list), then its monthly roll-up: the facts of November and October, and the
  # figures of the county, each township and each school.
  b=./build/baoxue
  d="$tmp/ind"
  $b demo --db "$d.db" --files "$d" >/dev/null
  $b import school "$d"/schools_410308.xlsx --db "$d.db" >/dev/null
  $b import hukou "$d"/hukou_410308.csv --db "$d.db" --whole --list-date 2026-09-01 >/dev/null
  $b import xueji "$d"/xueji_410308.xlsx --db "$d.db" --whole --list-date 2026-09-01 >/dev/null
  for f in "$d"/group_*.xlsx; do
    [[ $f == *问题行* ]] && continue
    g=${f##*/group_}
    $b import group "$f" --group "${g%.xlsx}" --db "$d.db" --list-date 2026-09-01 >/dev/null || true
  done
  $b census --db "$d.db" --as-of 2026-09-01 >/dev/null
  $b import movement "$d"/movements_410308.xlsx --db "$d.db" >/dev/null
  $b import xueji "$d"/xueji_410308_2026-11-30.xlsx --db "$d.db" --whole --list-date 2026-11-30 \
    >/dev/null
  ./build/bench/indicators_bench --db "$d.db" --from 2026-11-01 --to 2026-11-30 --runs 7
  # A province on PostgreSQL: every county's figures counted in the database at once.
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pg="$tmp/pg"
  mkdir -p "$pg"
  chown postgres "$pg" "$tmp"
  as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg/data" -A trust -U baoxue -E UTF8 --locale=C.UTF-8 \
    --no-sync >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -l "$pg/log" -w -o "-p $port -k $pg \
    -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
    -c full_page_writes=off -c shared_buffers=512MB -c max_wal_size=4GB" start >/dev/null
  trap '"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg/data" -m immediate stop >/dev/null 2>&1; rm -rf "$tmp"' EXIT
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U baoxue -d postgres -c "CREATE DATABASE province"
  url="postgresql://baoxue@127.0.0.1:$port/province"
  $b summary --db "$url" >/dev/null 2>&1 || true  # opening the database migrates it
  pupils=${BENCH_PROVINCE_PUPILS:-10000000}
  /usr/bin/time -f "province of $pupils pupils generated: %e s" "$pg_bin/psql" -q -h 127.0.0.1 \
    -p "$port" -U baoxue -d province -v counties=100 -v pupils="$pupils" \
    -f bench/make_province.sql
  ./build/bench/indicators_bench --db "$url" --province --from 2026-11-01 --to 2026-11-30 \
    --runs "$runs"
fi
