#!/usr/bin/env bash
# Proves the keychain set-up is deterministic: N times in a row (default 10), a brand-new test
# session (fresh HOME, XDG folders, bus and keyring files, scripts/test-session.sh) runs the
# tests that reach the keychain. Stops at the first red run and prints its output.
#
#   scripts/keychain-check.sh [N] [--slow-daemon]
#
# --slow-daemon makes every connect() of gnome-keyring-daemon take 0.5 s longer (through
# strace), which is how a first run on a cold, busy machine looks to the set-up: the daemon
# takes its bus names late. A set-up that does not wait for them, or lets the bus start a
# second daemon meanwhile, goes red this way.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

runs=10
slow=
for arg in "$@"; do
  case "$arg" in
    --slow-daemon) slow=1 ;;
    '' | *[!0-9]*) die "usage: scripts/keychain-check.sh [N] [--slow-daemon] (N: how many runs, default 10)" ;;
    *) runs=$arg ;;
  esac
done
[ "$runs" -ge 1 ] || die "N must be at least 1"

install_packages "${TEST_PACKAGES[@]}"
check_toolchains
tests=(--test keychain --test cli --test ipc)
# One build up front, so each run measures the set-up and the tests, not the compiler. The app
# embeds the UI bundle, so it must exist (its contents do not matter to these tests).
[ -f ui/dist/index.html ] || build_ui
say "building the keychain, CLI and IPC tests"
cargo test --locked --no-run --quiet "${tests[@]}"

shim=
log=$(mktemp)
trap 'rm -rf "$log" $shim' EXIT
if [ -n "$slow" ]; then
  install_packages strace
  shim=$(mktemp -d)
  real=$(command -v gnome-keyring-daemon) || die "gnome-keyring-daemon is missing: install the gnome-keyring package"
  cat >"$shim/gnome-keyring-daemon" <<EOF
#!/bin/sh
exec strace -f -qq -o /dev/null -e trace=connect -e inject=connect:delay_enter=500000 -- "$real" "\$@"
EOF
  chmod +x "$shim/gnome-keyring-daemon"
  export PATH="$shim:$PATH"
  say "gnome-keyring-daemon slowed down: every connect() it makes waits 0.5 s"
fi

for i in $(seq "$runs"); do
  started=$(date +%s%N)
  if scripts/test-session.sh cargo test --locked --quiet "${tests[@]}" >"$log" 2>&1; then
    echo "run $i of $runs: green ($((($(date +%s%N) - started) / 1000000)) ms)"
  else
    cat "$log" >&2
    die "run $i of $runs went red (its output is above)"
  fi
done
say "$runs of $runs runs green, each from a brand-new HOME, bus and keyring"
