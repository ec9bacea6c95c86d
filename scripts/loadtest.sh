#!/usr/bin/env bash
# Load test of POST /handle_calls with validly signed requests: `dialtone serve` (release build)
# on loopback, wrk from Debian. Not part of the test command; figures go in the README.
# Every request is a new call (its own CallSid, signed), so each one is a real journal write
# (an insert, committed and fsynced before the answer); JOURNAL=off runs without the journal.
#   scripts/loadtest.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
duration=${1:-15}
connections=${2:-4}
install_packages wrk
build_ui
cargo build --release --locked --bin dialtone

token=9f8e7d6c5b4a39281706f5e4d3c2b1a0
url=https://loadtest.example/handle_calls
body='AccountSid=AC0123456789abcdef0123456789abcdef&ApiVersion=2010-04-01&ApplicationSid=AP0123456789abcdef0123456789abcdef&CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=ringing&Called=&Caller=client%3Aloadtest&Direction=inbound&From=client%3Aloadtest&To=%2B12125550123'
# The signature, computed the way Twilio does (sorted decoded pairs appended to the URL).
signature=$(python3 - "$token" "$url" "$body" <<'PY'
import base64, hashlib, hmac, sys, urllib.parse
token, url, body = sys.argv[1:]
pairs = sorted(set(urllib.parse.parse_qsl(body, keep_blank_values=True)))
msg = url + "".join(k + v for k, v in pairs)
print(base64.b64encode(hmac.new(token.encode(), msg.encode(), hashlib.sha1).digest()).decode())
PY
)

work=$(mktemp -d)
# Signed bodies with distinct CallSids, more than the run can use: wrk's Lua has no HMAC.
calls=${CALLS:-400000}
python3 - "$token" "$url" "$body" "$calls" > "$work/requests.tsv" <<'PY'
import base64, hashlib, hmac, sys, urllib.parse
token, url, body, calls = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
base = urllib.parse.parse_qsl(body, keep_blank_values=True)
key = token.encode()
out = sys.stdout
for n in range(calls):
    pairs = [(k, "CA%032x" % n if k == "CallSid" else v) for k, v in base]
    text = urllib.parse.urlencode(pairs)
    msg = url + "".join(k + v for k, v in sorted(pairs))
    out.write(text + "\t" + base64.b64encode(hmac.new(key, msg.encode(), hashlib.sha1).digest()).decode() + "\n")
PY
data_dir="$work/data"
# JOURNAL=off: a data folder under a plain file cannot be created, not even by root, so the
# journal is unavailable and each request is answered without a write.
if [ "${JOURNAL:-on}" = off ]; then : > "$work/not-a-folder"; data_dir="$work/not-a-folder/data"; fi
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
env -i PATH="$PATH" HOME="$work" DIALTONE_CONFIG_DIR="$work" DIALTONE_KEYCHAIN_SERVICE=dialtone-loadtest \
  DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent RUST_LOG=warn \
  TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef TWILIO_AUTH_TOKEN=$token \
  TWILIO_NUMBER=+15551234567 DIALTONE_IDENTITY=loadtest DIALTONE_PUBLIC_URL=$url DIALTONE_DATA_DIR="$data_dir" \
  "${CARGO_TARGET_DIR:-target}/release/dialtone" serve --port 0 2> "$work/serve.log" &
server=$!
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$work/serve.log" 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "${port:-}" ] || { cat "$work/serve.log"; die "dialtone serve did not start"; }

# Each request is formatted once, here, so wrk's one thread spends the run sending and reading,
# not building strings; wrk counts non-2xx answers itself (a Lua response() would cost a call
# per answer), and they fail the run below.
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local requests, next = {}, 0
for line in io.lines("$work/requests.tsv") do
  local b, s = line:match("([^\t]*)\t(.*)")
  wrk.headers["X-Twilio-Signature"] = s
  requests[#requests + 1] = wrk.format(nil, nil, nil, b)
end
request = function()
  next = next % #requests + 1
  return requests[next]
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.0f us, p99 %.0f us, max %.0f us\n", latency:percentile(50), latency:percentile(99), latency.max))
end
LUA
# Sanity: one request must be answered with a Dial, or the figures mean nothing.
reply=$(curl -s -X POST -H "Content-Type: application/x-www-form-urlencoded" -H "X-Twilio-Signature: $signature" --data "$body" "http://127.0.0.1:$port/handle_calls")
case "$reply" in *"<Number>+12125550123</Number>"*) ;; *) die "unexpected reply: $reply" ;; esac
say "wrk: ${duration}s, $connections connections, 1 thread, against 127.0.0.1:$port ($(nproc) cores shared)"
wrk -t1 -c"$connections" -d"${duration}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/handle_calls" | tee "$work/wrk.out"
if grep -qE 'Non-2xx|Socket errors' "$work/wrk.out"; then die "some requests failed (above)"; fi
if [ "${JOURNAL:-on}" != off ]; then
  # Every answered request was journaled first: the file holds at least that many calls.
  answered=$(grep -o '^ *[0-9]* requests in' "$work/wrk.out" | grep -o '[0-9]*') ||
    die "wrk printed no request count (its output is above)"
  python3 - "$data_dir/calls.sqlite3" "$answered" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
calls = c.execute("select count(*) from calls").fetchone()[0]
integrity = c.execute("pragma integrity_check").fetchone()[0]
print("journaled calls:", calls, "integrity:", integrity)
if calls < int(sys.argv[2]) or integrity != "ok":
    sys.exit(f"{calls} journaled calls for {sys.argv[2]} answered requests, integrity {integrity}: the journal lost calls or is damaged (or CALLS was below the requests sent, so CallSids repeated)")
PY
fi
