#!/bin/sh
# Stands in for the user's Chromium when the window test lets the app open its calling window:
# the same browser, headless, with a fake microphone. Takes the URL from the app's --app=URL
# and its --password-store.
# The app passes a browser only an allow-list of variables, DIALTONE_TEST_BROWSER_* among them.
url=
profile=
store=
for arg in "$@"; do
  case "$arg" in
    --app=*) url=${arg#--app=} ;;
    --user-data-dir=*) profile=${arg#--user-data-dir=} ;;
    --password-store=*) store=$arg ;;
  esac
done
[ -n "${DIALTONE_TEST_BROWSER_PIDFILE:-}" ] && echo $$ > "$DIALTONE_TEST_BROWSER_PIDFILE"
# What the app let the browser see (Chromium rewrites its own /proc/PID/environ area).
[ -n "${DIALTONE_TEST_BROWSER_ENVFILE:-}" ] && env > "$DIALTONE_TEST_BROWSER_ENVFILE"
# The desktop test reads the page through the DevTools protocol on this port, when it sets one.
exec "${DIALTONE_TEST_BROWSER_CHROMIUM:-/usr/bin/chromium}" \
  ${DIALTONE_TEST_BROWSER_CDP_PORT:+--remote-debugging-port=$DIALTONE_TEST_BROWSER_CDP_PORT --remote-debugging-address=127.0.0.1} --headless=new --no-sandbox --disable-gpu --disable-background-networking \
  --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.*" --disable-component-update --disable-sync --no-first-run --use-fake-ui-for-media-stream \
  --use-fake-device-for-media-stream ${store:+"$store"} --user-data-dir="$profile" "$url"
