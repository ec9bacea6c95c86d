#!/usr/bin/env bash
# Runs one command in a private test session: a HOME and XDG folders of its own, a D-Bus
# session bus of its own on which nothing is started by D-Bus activation, and an unlocked,
# empty gnome-keyring as its Secret Service. Everything is removed afterwards, so every run
# starts from a brand-new keychain and never touches the user's real one.
#
#   scripts/test-session.sh COMMAND [ARGS...]
#
# Why not `dbus-run-session` + `gnome-keyring-daemon --unlock` (what test.sh did first):
# - `--unlock` returns as soon as the daemon has forked, before it has unlocked the login
#   keyring or taken its bus names. A client that asks for org.freedesktop.secrets in that
#   window makes the bus start a second daemon from /usr/share/dbus-1/services. That one has
#   no password: its login keyring is locked, every write fails with "Cannot create an item in
#   a locked collection", and it asks the bus for gcr-prompter, which has no display.
# - The bus here has no service directories at all, so neither a second daemon nor a prompter
#   can appear; the daemon is ours, started in the foreground with the password on stdin, and
#   the session is ready only once it owns org.freedesktop.secrets and a write to its default
#   collection went through.
#
# Later steps that need another service on this bus (a notification daemon, a tray watcher)
# add one line to start_services below: start_service LABEL BUS.NAME -- COMMAND...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -gt 0 ] || die "usage: scripts/test-session.sh COMMAND [ARGS...]"

# The password of the test keyring. Not a secret: the keyring is empty and deleted afterwards.
TEST_KEYRING_PASSWORD=dialtone-test
# How long a service may take to take its bus name. Generous: a first run on a cold, busy
# 2-core machine is slow, and a wait that ends early is a failure, not a speed-up.
SERVICE_TIMEOUT_SECS=60

session=
# What this script started, in order, and the name of each one's log.
started_pids=()
started_labels=()

need() {
  command -v "$1" >/dev/null ||
    die "$1 is missing, so the test session cannot start: install the $2 package (scripts/test.sh installs it)"
}

# Prints the last lines of one service's log, for an error message.
log_tail() {
  local log="$session/logs/$1.log"
  [ -s "$log" ] && { echo "--- last lines of $1's log:"; tail -n 20 "$log"; } >&2
  return 0
}

# await LABEL PID WHAT CHECK...: runs CHECK every 50 ms until it succeeds. Fails, with LABEL's
# log, as soon as PID has exited, or after SERVICE_TIMEOUT_SECS.
await() {
  local label=$1 pid=$2 what=$3
  shift 3
  local deadline=$((SECONDS + SERVICE_TIMEOUT_SECS))
  until "$@"; do
    kill -0 "$pid" 2>/dev/null ||
      { log_tail "$label"; die "$label exited before it could $what (its log is above, if it wrote one)"; }
    [ "$SECONDS" -lt "$deadline" ] ||
      { log_tail "$label"; die "$label did not $what within $SERVICE_TIMEOUT_SECS s"; }
    sleep 0.05
  done
}

# Stops what this script started, newest first, then removes the session's folders.
teardown() {
  local i pid
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    pid=${started_pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ -n "$session" ] && rm -rf "$session"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh HOME, XDG folders and runtime folder. The Rust toolchain and npm's cache stay where
# they are, so builds stay incremental and nothing is downloaded again.
make_session_dirs() {
  export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
  export npm_config_cache="${npm_config_cache:-$HOME/.npm}"
  session=$(mktemp -d "${TMPDIR:-/tmp}/dialtone-session.XXXXXX")
  chmod 700 "$session"
  mkdir -p -m 700 "$session"/{home,config,data,cache,state,run,logs}
  export HOME="$session/home" XDG_CONFIG_HOME="$session/config" XDG_DATA_HOME="$session/data" \
    XDG_CACHE_HOME="$session/cache" XDG_STATE_HOME="$session/state" XDG_RUNTIME_DIR="$session/run"
  # Anything that points at the user's own session or keyring must not leak in.
  unset DBUS_SESSION_BUS_PID DBUS_STARTER_ADDRESS DBUS_STARTER_BUS_TYPE GNOME_KEYRING_CONTROL \
    GNOME_KEYRING_PID SSH_AUTH_SOCK XDG_SESSION_ID
  # GTK would ask the bus to start the accessibility bus, which cannot be started here.
  export NO_AT_BRIDGE=1
  # Tests that need the keychain check this, so they never run against a user's real bus.
  export DIALTONE_TEST_SESSION="$session"
}

# The session bus: the standard session policy, minus every service directory.
start_bus() {
  local socket="$XDG_RUNTIME_DIR/bus"
  [ ${#socket} -lt 100 ] ||
    die "the test bus socket path $socket is too long for a Unix socket: set TMPDIR to a shorter folder"
  cat >"$session/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path=$socket</listen>
  <auth>EXTERNAL</auth>
  <!-- No <standard_session_servicedirs/> and no <servicedir>: the bus starts nothing itself. -->
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  dbus-daemon --nofork --config-file="$session/bus.conf" --print-address=3 \
    3>"$session/bus.address" >"$session/logs/bus.log" 2>&1 &
  started_pids+=($!) started_labels+=(bus)
  # dbus-daemon prints its address once it listens.
  await bus $! "start listening on $socket" test -s "$session/bus.address"
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$socket"
}

bus_name_has_owner() {
  dbus-send --session --reply-timeout=5000 --print-reply=literal --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q true
}

# start_service LABEL BUS.NAME -- COMMAND [ARGS...]
# Starts COMMAND (stdin from the caller, output to logs/LABEL.log) and waits until it owns
# BUS.NAME. Fails with its log if it exits first or takes longer than SERVICE_TIMEOUT_SECS.
start_service() {
  local label=$1 name=$2
  [ "${3:-}" = -- ] || die "start_service: expected LABEL BUS.NAME -- COMMAND..."
  shift 3
  # <&0: without it bash gives a background job /dev/null as stdin.
  "$@" <&0 >"$session/logs/$label.log" 2>&1 &
  started_pids+=($!) started_labels+=("$label")
  await "$label" $! "take the bus name $name" bus_name_has_owner "$name"
}

# gnome-keyring as the Secret Service. In the foreground it does not fork, reads the password
# from stdin until EOF, creates and unlocks the login keyring, and only then takes its names.
start_keyring() {
  # (A process substitution, not a pipe: a pipe would run start_service in a subshell.)
  start_service gnome-keyring org.freedesktop.secrets -- \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    --control-directory="$XDG_RUNTIME_DIR/keyring" < <(printf %s "$TEST_KEYRING_PASSWORD")
  # What the tests and the app do: write to the default collection, read it back, delete it.
  local probe=(service dialtone-session-probe username probe) error
  local secret_tool=(timeout "$SERVICE_TIMEOUT_SECS" secret-tool)
  if ! error=$(printf probe | "${secret_tool[@]}" store --label="dialtone session probe" "${probe[@]}" 2>&1); then
    log_tail gnome-keyring
    die "gnome-keyring owns org.freedesktop.secrets but refused a write to its default collection: ${error:-no answer within $SERVICE_TIMEOUT_SECS s}"
  fi
  [ "$("${secret_tool[@]}" lookup "${probe[@]}" 2>&1)" = probe ] ||
    { log_tail gnome-keyring; die "gnome-keyring took a secret but did not give it back"; }
  "${secret_tool[@]}" clear "${probe[@]}"
}

start_services() {
  start_keyring
}

need dbus-daemon dbus
need dbus-send dbus
need gnome-keyring-daemon gnome-keyring
need secret-tool libsecret-tools
make_session_dirs
start_bus
start_services

status=0
"$@" || status=$?
# A service that died under the command explains most failures: say so, with its log.
for i in "${!started_pids[@]}"; do
  kill -0 "${started_pids[i]}" 2>/dev/null && continue
  wait "${started_pids[i]}" && code=$? || code=$?
  log_tail "${started_labels[i]}"
  echo "error: ${started_labels[i]} stopped while the tests ran (exit status $code); its log is above" >&2
  status=1
done
exit $status
