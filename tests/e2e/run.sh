#!/usr/bin/env bash
# End-to-end tests in headless Chromium: a demo county in a temp dir (lists written as files, not
# imported), accounts, `baoxue serve` with the built web app on a free loopback port, then
# `node --test tests/e2e/`. Screenshots go to $E2E_SHOTS (default /tmp/e2e-shots).
#   tests/e2e/run.sh              build the web app, run the scenario
#   E2E_NO_BUILD=1 tests/e2e/run.sh   use web/dist as it is
#   E2E_KEEP=1 tests/e2e/run.sh       keep the temp dir (database, server log)
#   E2E_TESTS=tests/e2e/attendance.test.mjs tests/e2e/run.sh   only these test files
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN=${BAOXUE_BIN:-$ROOT/build/baoxue}
[[ -x $BIN ]] || { echo "e2e: $BIN is not built (scripts/build.sh)" >&2; exit 1; }
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || { echo "e2e: no Chromium (apt-get install chromium)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "e2e: sqlite3 is needed" >&2; exit 1; }
command -v unzip >/dev/null || { echo "e2e: unzip is needed (the exported workbooks are counted)" >&2; exit 1; }

[[ -d web/node_modules ]] || npm ci --prefix web --no-audit --no-fund --loglevel=error
if [[ -z ${E2E_NO_BUILD:-} || ! -f web/dist/index.html ]]; then
  npm run build --prefix web --silent >/dev/null
fi

TMP=$(mktemp -d /tmp/baoxue-e2e.XXXXXX)
SERVER=
CASES_SERVER=
cleanup() {
  if [[ -n $SERVER ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [[ -n $CASES_SERVER ]]; then kill "$CASES_SERVER" 2>/dev/null || true; wait "$CASES_SERVER" 2>/dev/null || true; fi
  if [[ -n ${E2E_KEEP:-} ]]; then echo "e2e: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

DB=$TMP/e2e.db
# The 劝返复学 test (cases.test.mjs) walks a case on its own server: the demo county with its lists
# imported, the census run, the demo sign-ins and the demo casework (cases at every stage, and a
# term of roll calls, leave and absence streaks), built while the scenario's county is set up. The
# 考勤 test (attendance.test.mjs) runs on the same server, before it: it takes today's roll of one
# class and logs one phone call, which leaves the cases as they were.
CASES_DB=$TMP/cases.db
(
  C="$TMP/cases-files"
  "$BIN" demo --db "$CASES_DB" --files "$C" >/dev/null
  "$BIN" import school "$C"/schools_*.xlsx --db "$CASES_DB" >/dev/null
  "$BIN" import hukou "$C"/hukou_*.csv --db "$CASES_DB" --whole --list-date 2026-09-01 >/dev/null
  "$BIN" import xueji "$C"/xueji_410308.xlsx --db "$CASES_DB" --whole --list-date 2026-09-01 \
    >/dev/null
  "$BIN" census --db "$CASES_DB" --as-of 2026-09-01 >/dev/null
  "$BIN" demo-users --db "$CASES_DB" >/dev/null
  "$BIN" demo-casework --db "$CASES_DB" >/dev/null
  # November: its 学籍异动, then the registry at its end (the reports test reads the month).
  "$BIN" import movement "$C"/movements_*.xlsx --db "$CASES_DB" >/dev/null
  "$BIN" import xueji "$C"/xueji_410308_2026-11-30.xlsx --db "$CASES_DB" --whole \
    --list-date 2026-11-30 >/dev/null
  # A child back in school is followed up for case.follow_up_days (120) before 销号 may be asked;
  # the test walks the whole case in one day, so its county's follow-up period is 0 days.
  sqlite3 "$CASES_DB" "INSERT INTO settings (county_code, key, value, updated_at, updated_by)
    SELECT code, 'case.follow_up_days', '0', '2026-01-01T00:00:00Z', 'e2e' FROM counties WHERE true
    ON CONFLICT (county_code, key) DO UPDATE SET value = excluded.value"
) >"$TMP/cases-setup.log" 2>&1 &
CASES_SETUP=$!
"$BIN" demo --db "$DB" --files "$TMP/files" >/dev/null
COUNTY=$(sqlite3 "$DB" "SELECT code FROM counties LIMIT 1")

ADMIN_PASS=Chushi2026admin
SCHOOL_PASS=Chushi2026xiao
printf '%s\n' "$ADMIN_PASS" | "$BIN" user add e2e_admin --role county_admin --org "$COUNTY" \
  --display "县局管理员" --password-stdin --db "$DB" >/dev/null
# Two school admins of schools in different townships (the village officer is added by the test
# once it knows which village the match sent children to).
SCHOOLS=()
while IFS='|' read -r code township; do
  user="xiao_${code: -4}"
  printf '%s\n' "$SCHOOL_PASS" | "$BIN" user add "$user" --role school_admin --org "$code" \
    --password-stdin --db "$DB" >/dev/null
  SCHOOLS+=("$user:$township")
done < <(sqlite3 "$DB" "SELECT min(id), township_code FROM schools GROUP BY township_code ORDER BY township_code LIMIT 2")

PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$BIN" serve --db "$DB" --port "$PORT" --web-root "$ROOT/web/dist" >"$TMP/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$TMP/serve.log" >&2; exit 1; }
  sleep 0.2
done

wait "$CASES_SETUP" || { echo "e2e: the cases county could not be set up" >&2; cat "$TMP/cases-setup.log" >&2; exit 1; }
CASES_PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
"$BIN" serve --db "$CASES_DB" --port "$CASES_PORT" --web-root "$ROOT/web/dist" >"$TMP/cases-serve.log" 2>&1 &
CASES_SERVER=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$CASES_PORT/healthz" >/dev/null 2>&1 && break
  kill -0 "$CASES_SERVER" 2>/dev/null || { cat "$TMP/cases-serve.log" >&2; exit 1; }
  sleep 0.2
done

status=0
CASES_URL="http://127.0.0.1:$CASES_PORT" CASES_DB="$CASES_DB" BAOXUE_URL="http://127.0.0.1:$PORT" BAOXUE_BIN="$BIN" BAOXUE_DB="$DB" E2E_FILES="$TMP/files" \
  ADMIN_USER=e2e_admin ADMIN_PASS="$ADMIN_PASS" E2E_SCHOOLS="$(IFS=,; echo "${SCHOOLS[*]}")" \
  SCHOOL_INITIAL_PASS="$SCHOOL_PASS" node --test --test-concurrency=1 ${E2E_TESTS:-tests/e2e/} || status=$?
# A server that went away during the run fails the run, whatever the pages showed.
if ! kill -0 "$SERVER" 2>/dev/null; then
  code=0
  wait "$SERVER" || code=$?
  echo "e2e: the server exited during the run (status $code)" >&2
  SERVER=
  status=1
fi
if [[ -n $CASES_SERVER ]] && ! kill -0 "$CASES_SERVER" 2>/dev/null; then
  echo "e2e: the cases server exited during the run" >&2
  CASES_SERVER=
  status=1
fi
if ((status)); then
  echo "e2e: server log:" >&2; tail -n 40 "$TMP/serve.log" >&2
  echo "e2e: cases server log:" >&2; tail -n 20 "$TMP/cases-serve.log" >&2
fi
exit $status
