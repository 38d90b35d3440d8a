#!/usr/bin/env bash
# Configures and builds Baoxue into build/ (Release, ccache, two jobs). The CLI is build/baoxue.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Relative paths in the cache keys: another checkout of the tree (a CI clone) hits the same cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
jobs=${BAOXUE_JOBS:-$(nproc 2>/dev/null || echo 2)}
cmake -S . -B build -DCMAKE_BUILD_TYPE=${BUILD_TYPE:-Release} >/dev/null
cmake --build build -j"$jobs" "$@"
