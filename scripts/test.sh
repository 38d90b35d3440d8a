#!/usr/bin/env bash
# Set-up, build and every test. Exit code = result. Tests that need PostgreSQL start their own
# server on loopback (see tests/support/pg_server.h).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j"${BAOXUE_JOBS:-2}" "$@"
