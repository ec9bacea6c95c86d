#!/usr/bin/env bash
# Footprint of the release build under Xvfb: cold start to an interactive phone screen, and idle
# memory (PSS of the app and its WebKit processes) against the same UI in Chromium's --app mode,
# measured in one run. A benchmark, not a test: it prints figures for the README.
#   scripts/footprint.sh [RUNS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
install_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
check_toolchains
build_ui
cargo build --release --locked --bin dialtone
tools="$ROOT/target/tools"
[ -x "$tools/bin/tauri-driver" ] || cargo install --quiet --locked tauri-driver --version 2.1.0 --root "$tools"
export TAURI_DRIVER="$tools/bin/tauri-driver" DIALTONE_BIN="$ROOT/target/release/dialtone"
xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" node scripts/footprint.mjs "${1:-5}"
