#!/bin/sh
# End-to-end tests: the real phone UI + real Voice SDK in headless Chromium, `dialtone phone`,
# and the Twilio simulator (tests/simulator). No network needed.
#   tests/e2e/run.sh                 build what is missing, run every flow
#   tests/e2e/run.sh calls           only tests/e2e/calls.test.mjs
# Env: DIALTONE_BIN / SIM_BIN (prebuilt binaries), CARGO_TARGET_DIR (default target/sim),
#      SIM_FAULT=drop-dtmf|no-cancel|silent|ignore-relisten|no-reinvite-answer|no-reconnect-token|wrong-codec|no-echo
#        (break a flow on purpose: tests must fail),
#      E2E_VERBOSE=1 (stream the simulator's and the app's logs).
set -eu
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/sim}"
if [ -z "${SIM_BIN:-}" ]; then
  nice -n 10 cargo build -q -p twilio-sim
  export SIM_BIN="$CARGO_TARGET_DIR/debug/twilio-sim"
fi
if [ -z "${DIALTONE_BIN:-}" ]; then
  nice -n 10 cargo build -q --bin dialtone
  export DIALTONE_BIN="$CARGO_TARGET_DIR/debug/dialtone"
fi
[ -f ui/dist/index.html ] || [ -f ui/dist-sim/index.html ] || { echo "build the UI first (cd ui && npm run build, or npm run build:sim)" >&2; exit 1; }
if [ $# -gt 0 ]; then
  files=""
  for t in "$@"; do files="$files tests/e2e/$t.test.mjs"; done
else
  files=$(ls tests/e2e/*.test.mjs)
fi
# One file at a time: the simulator listens on the fixed port 9443.
# A hung flow fails after 10 minutes instead of holding CI until its limit.
exec node --test --test-concurrency=1 --test-timeout=600000 --test-force-exit $files
