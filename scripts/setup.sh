#!/usr/bin/env bash
# Installs every system package Baoxue needs to build, test and run (Debian bookworm, as root),
# and the web front end's npm packages once web/ exists. Safe to run again: apt-get skips what
# is installed, and the package list is refreshed at most once a day.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  build-essential cmake ccache pkg-config clang libclang-rt-14-dev clang-format clang-tidy
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev curl wrk
  # storage
  libsoci-dev libboost-dev libsqlite3-dev sqlite3 libpq-dev postgresql
  # Chinese text
  libopencc-dev opencc libicu-dev
  # spreadsheets and encodings
  libzip-dev libfreexl-dev libxlsxwriter-dev libexpat1-dev
  # service plumbing
  nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev libsodium-dev
  librestinio-dev libasio-dev libhttp-parser-dev
  # notices (劝返通知书…) as PDF with Chinese text, and pdftotext to check them
  libpango1.0-dev libcairo2-dev fonts-noto-cjk poppler-utils
  # data: historical county codes (stdnum/cn/loc.dat)
  python3-stdnum
  # playing the user: a real browser for screenshots and end-to-end tests, with a Chinese font
  chromium fonts-wqy-microhei
)
# Node.js may already come from elsewhere (a vendor repack that bundles npm); only fall back to
# Debian's packages when there is no npm at all.
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  stamp=/var/lib/apt/periodic/baoxue-update-stamp
  if [[ ! -f $stamp ]] || [[ -n $(find "$stamp" -mmin +1440 2>/dev/null) ]]; then
    apt-get update -q
    mkdir -p "$(dirname "$stamp")" && touch "$stamp"
  fi
  echo "setup: installing ${missing[*]}"
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ -f web/package-lock.json ]]; then
  if [[ ! -d web/node_modules || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
    npm ci --prefix web --no-audit --no-fund --loglevel=error
  fi
  # The web app (web/dist, served by `baoxue serve`): rebuilt when a source is newer than the build.
  if [[ ! -f web/dist/index.html ]] ||
    [[ -n $(find web/src web/index.html web/vite.config.js web/package-lock.json -newer web/dist/index.html -print -quit) ]]; then
    echo "setup: building the web app (web/dist)"
    npm run build --prefix web --silent >/dev/null
  fi
fi
