#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the UI's checks and
# browser tests, the Rust unit/integration/oracle tests against a real keychain, the .deb built
# from this debug build, and the real app window and desktop integration under Xvfb.
# Screenshots land in artifacts/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

install_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
check_toolchains
export DIALTONE_ARTIFACTS="$ROOT/artifacts"
mkdir -p "$DIALTONE_ARTIFACTS"

# The oracle: twilio-python, pinned, in a venv of its own (rebuilt when the pins change).
venv="$ROOT/.venv-oracle"
if ! cmp -s tests/oracle/requirements.txt "$venv/requirements.txt" 2>/dev/null; then
  say "installing the twilio-python oracle"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/oracle/requirements.txt
  cp tests/oracle/requirements.txt "$venv/requirements.txt"
fi
export DIALTONE_ORACLE_PYTHON="$venv/bin/python"

build_ui
say "UI: lint, type check, unit tests"
(cd ui && npm run --silent lint && npm run --silent typecheck && npm run --silent test:unit)

say "Rust: format and lints"
cargo fmt --all --check
cargo clippy --locked --workspace --all-targets -- -D warnings

# tauri-driver bridges WebDriver to WebKitWebDriver for the real-window test.
tools="$ROOT/target/tools"
if [ ! -x "$tools/bin/tauri-driver" ]; then
  say "installing tauri-driver"
  cargo install --quiet --locked tauri-driver --version 2.1.0 --root "$tools"
fi
export TAURI_DRIVER="$tools/bin/tauri-driver"
say "Rust: building the app and the Twilio simulator"
cargo build --locked --workspace
export DIALTONE_BIN="$ROOT/target/debug/dialtone" SIM_BIN="$ROOT/target/debug/twilio-sim"

# The package from the debug build just made (seconds; a release build would add many minutes
# to CI), checked in a throwaway root; the desktop test below opens links through its entry.
say "Packaging: the .deb of this build, its desktop entry, icons and dependencies"
scripts/package.sh --debug
debs=(target/debug/bundle/deb/Dialtone_*.deb)
tests/package/check-deb.sh "${debs[0]}"
export DIALTONE_DEB="$ROOT/${debs[0]}"
say "The bundles workflow against GitHub's workflow schema"
"$DIALTONE_ORACLE_PYTHON" tests/package/check-workflow.py

say "UI: browser tests (Chromium: mocked IPC with a fake Voice SDK, then the real SDK and server)"
(cd ui && npm run --silent build:e2e && npm run --silent build:sim && npm run --silent test:browser)

# Everything that touches the keychain runs in a private test session (scripts/test-session.sh):
# its own HOME and XDG folders, its own D-Bus bus that starts nothing by itself, and an empty
# gnome-keyring that is unlocked and has taken a write before the first test starts.
say "Rust tests, the app window and its desktop integration, in a private test session (own HOME, D-Bus and gnome-keyring)"
# The Rust tests run under Xvfb too: tests/notifications.rs starts dunst (a real notification
# server, which needs a display) on the session's bus.
scripts/test-session.sh bash -euo pipefail -c '
  xvfb-run --auto-servernum cargo test --locked --workspace
  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" node --test --test-timeout=600000 --test-force-exit tests/window/
  xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" node --test --test-timeout=600000 --test-force-exit tests/desktop/
'

say "End to end: the Twilio simulator, the real Voice SDK in Chromium, our listeners"
"$DIALTONE_ORACLE_PYTHON" tests/simulator/oracle_crosscheck.py "$SIM_BIN"
say "The simulator's REST API against Twilio's OpenAPI description and twilio-python"
"$DIALTONE_ORACLE_PYTHON" tests/oracle/rest_oracle.py "$SIM_BIN"
# In the test session too: the set-up wizard's end-to-end test (tests/e2e/wizard.test.mjs) starts
# from an empty keychain, the session's own gnome-keyring; the others use no keychain at all.
scripts/test-session.sh tests/e2e/run.sh
say "all tests passed"
