#!/usr/bin/env bash
# Footprint of the release build under Xvfb, as a Linux user runs it: `dialtone` opening its
# calling window in Chromium. Cold start to a connected calling window, and idle memory (PSS of
# everything Dialtone started) against Chromium alone on the same page, measured in one run.
# A benchmark, not a test: it prints figures for the README.
#   scripts/footprint.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
install_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
check_toolchains
build_ui
cargo build --release --locked --bin dialtone
export DIALTONE_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/dialtone" DIALTONE_BROWSER="$ROOT/scripts/footprint-chromium.sh"
xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" node scripts/footprint.mjs "${1:-5}"
