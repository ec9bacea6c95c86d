#!/usr/bin/env bash
# Builds Dialtone's Linux package with Tauri's bundler (@tauri-apps/cli 2.12.5 from npm, pinned
# in scripts/packaging/, the release that matches tauri 2.12.5).
#
#   scripts/package.sh            a release build, then target/release/bundle/deb/Dialtone_*.deb
#   scripts/package.sh --debug    bundles the debug build that `cargo build` (and CI) already
#                                 made: target/debug/bundle/deb/Dialtone_*.deb, in seconds
#   BUNDLES=deb,appimage scripts/package.sh    other Linux bundles (the AppImage needs the
#                                 internet: the bundler downloads linuxdeploy)
#
# The package's Depends are what dpkg-shlibdeps finds the binary linked against (as Debian's
# own packaging does), plus tauri.conf.json's list for what is loaded at run time instead
# (libayatana-appindicator3-1, which the tray dlopens); the bundler adds WebKitGTK and GTK.
# Chromium, for the calling window, is a Recommends.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

profile=release
case "${1:-}" in
  --debug) profile=debug ;;
  "") ;;
  *) die "usage: scripts/package.sh [--debug]" ;;
esac
bundles=${BUNDLES:-deb}

install_packages "${APP_PACKAGES[@]}"
check_toolchains
say "installing Tauri's bundler (scripts/packaging)"
npm ci --prefix scripts/packaging --no-audit --no-fund --loglevel=error
tauri=(node scripts/packaging/node_modules/@tauri-apps/cli/tauri.js)

if [ "$profile" = release ]; then
  build_ui
  say "building the release binary (a few minutes)"
  # The UI is built above; the binary alone here, the bundles below with the computed Depends.
  "${tauri[@]}" build --no-bundle --ci --config '{"build":{"beforeBuildCommand":""}}'
  bundle_flags=()
else
  [ -x target/debug/dialtone ] || { build_ui; cargo build --locked; }
  bundle_flags=(--debug)
fi
binary="target/$profile/dialtone"

# The binary's shared libraries as Debian packages, in a throwaway source tree (dpkg-shlibdeps
# wants debian/control).
shlibs=$(
  tree=$(mktemp -d)
  trap 'rm -rf "$tree"' EXIT
  mkdir "$tree/debian"
  printf 'Source: dialtone\n\nPackage: dialtone\nArchitecture: any\n' >"$tree/debian/control"
  cd "$tree"
  dpkg-shlibdeps -O -e "$ROOT/$binary" 2>/dev/null | sed -n 's/^shlibs:Depends=//p'
)
[ -n "$shlibs" ] || die "dpkg-shlibdeps found no libraries for $binary (is dpkg-dev installed?)"
depends=$(python3 - "$shlibs" <<'PY'
import json, sys
declared = json.load(open("tauri.conf.json"))["bundle"]["linux"]["deb"]["depends"]
found = [d.strip() for d in sys.argv[1].split(",") if d.strip()]
print(json.dumps({"bundle": {"linux": {"deb": {"depends": found + [d for d in declared if d not in found]}}}}))
PY
)

say "bundling $bundles from $binary"
"${tauri[@]}" bundle "${bundle_flags[@]}" --bundles "$bundles" --ci --config "$depends"

for deb in "target/$profile/bundle/deb/"*.deb; do
  [ -e "$deb" ] || continue
  size=$(stat -c %s "$deb")
  say "$deb: $((size / 1024)) KiB"
done
