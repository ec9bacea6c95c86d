#!/usr/bin/env bash
# Installs what is missing, builds Dialtone, and starts it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

install_packages "${APP_PACKAGES[@]}"
check_toolchains
build_ui
say "building and starting Dialtone (the first build takes a few minutes)"
exec cargo run --release --locked -- "$@"
