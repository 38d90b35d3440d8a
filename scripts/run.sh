#!/usr/bin/env bash
# Set-up, build, then the main job: the web server on the embedded database (baoxue.db) with the
# demo county 孟津区 — its lists imported, the census run, and one demo sign-in per role.
# BAOXUE_DB, BAOXUE_PORT (8080) and BAOXUE_BIND (127.0.0.1) change where.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh --target baoxue
DB=${BAOXUE_DB:-baoxue.db}
PORT=${BAOXUE_PORT:-8080}
BIND=${BAOXUE_BIND:-127.0.0.1}
B=./build/baoxue
if [[ ! -f $DB ]]; then
  $B demo --db "$DB" --files demo-files
  $B import school demo-files/schools_410308.xlsx --db "$DB"
  # The lists describe the start of the 2026 autumn term (their list date).
  $B import hukou demo-files/hukou_410308.csv --db "$DB" --whole --list-date 2026-09-01
  $B import xueji demo-files/xueji_410308.xlsx --db "$DB" --whole --list-date 2026-09-01
  for f in demo-files/group_*.xlsx; do
    [[ $f == *问题行* ]] && continue
    group=${f#demo-files/group_}
    $B import group "$f" --group "${group%.xlsx}" --db "$DB" --list-date 2026-09-01 ||
      true  # problem rows are reported
  done
  $B census --db "$DB" --as-of 2026-09-01  # the demo county describes the 2026 autumn term
  $B demo-users --db "$DB"
  $B demo-casework --db "$DB"  # cases at every stage, 送教上门 plans, home visits
  $B demo-verify --db "$DB"    # the other suspected children verified, as the district did
  # November: the month's 学籍异动, then the registry at its end (movements first, so that the
  # pupils they explain are not taken for unexplained departures).
  $B import movement demo-files/movements_410308.xlsx --db "$DB"
  $B import xueji demo-files/xueji_410308_2026-11-30.xlsx --db "$DB" --whole --list-date 2026-11-30
fi
$B summary --db "$DB"
echo "打开 http://$BIND:$PORT/ ，用上面的演示账号登录（密码 Demo2026pass）。Ctrl-C 停止。"
exec $B serve --db "$DB" --bind "$BIND" --port "$PORT"
