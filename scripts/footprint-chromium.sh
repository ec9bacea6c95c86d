#!/bin/sh
# The Chromium the footprint script lets Dialtone open: Debian's, as a user has it, plus what
# this machine needs (no sandbox when run as root, a fake microphone, no network chatter).
# The same command line is then measured alone (scripts/footprint.mjs).
sandbox=
[ "$(id -u)" = 0 ] && sandbox=--no-sandbox
exec /usr/bin/chromium $sandbox --use-fake-ui-for-media-stream --use-fake-device-for-media-stream \
  --disable-background-networking --disable-component-update --disable-sync "$@"
