#!/usr/bin/env bash
# Set-up, build, create the demo county in the embedded database (baoxue.db) if it is not there,
# then start the main job. Until the web server exists, the main job prints the county summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh --target baoxue
DB=${BAOXUE_DB:-baoxue.db}
if [[ ! -f $DB ]]; then
  ./build/baoxue demo --db "$DB" --files demo-files
fi
exec ./build/baoxue summary --db "$DB"
