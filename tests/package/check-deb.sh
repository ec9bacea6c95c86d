#!/usr/bin/env bash
# Checks a Dialtone .deb the way a user's system would see it, without installing it: the
# control fields (dpkg-deb -I), then its files extracted into a throwaway root (dpkg-deb -x):
# the desktop entry (desktop-file-validate, Exec takes the URL, both URL schemes, and
# update-desktop-database files it as their handler), the icons, and the binary itself.
#
#   tests/package/check-deb.sh target/debug/bundle/deb/Dialtone_0.1.0_amd64.deb
set -euo pipefail

deb=${1:?usage: tests/package/check-deb.sh PACKAGE.deb}
[ -f "$deb" ] || { echo "error: no package at $deb: build one with scripts/package.sh --debug" >&2; exit 1; }
root=$(mktemp -d "${TMPDIR:-/tmp}/dialtone-deb.XXXXXX")
trap 'rm -rf "$root"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

field() { dpkg-deb -f "$deb" "$1"; }
# The package names of a Depends-style field, versions dropped.
names() { tr ',' '\n' | sed -e 's/(.*)//' -e 's/|.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u; }

[ "$(field Package)" = dialtone ] && pass "package name dialtone" || fail "Package is $(field Package), not dialtone"
depends=$(field Depends | names)
for needed in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  grep -qx "$needed" <<<"$depends" && pass "Depends: $needed" || fail "Depends lacks $needed (it has: $(echo $depends))"
done
field Recommends | names | grep -qx chromium && pass "Recommends: chromium" || fail "Recommends lacks chromium (the calling window's browser)"

dpkg-deb -x "$deb" "$root"
binary="$root/usr/bin/dialtone"
[ -x "$binary" ] && pass "usr/bin/dialtone is an executable" || fail "usr/bin/dialtone is missing or not executable"
version=$("$binary" --version 2>&1) && [[ $version == "dialtone "* ]] && pass "it runs: $version" || fail "usr/bin/dialtone --version printed: $version"

# Every library the packaged binary links against comes from a package in Depends (what
# dpkg-shlibdeps, Debian's own tool, finds in the binary).
tree="$root.shlibs"
mkdir -p "$tree/debian"
printf 'Source: dialtone\n\nPackage: dialtone\nArchitecture: any\n' >"$tree/debian/control"
linked=$(cd "$tree" && dpkg-shlibdeps -O -e "$binary" 2>/dev/null | sed -n 's/^shlibs:Depends=//p' | names)
rm -rf "$tree"
[ -n "$linked" ] || fail "dpkg-shlibdeps found no libraries in the binary"
for lib in $linked; do
  grep -qx "$lib" <<<"$depends" || fail "the binary links a library from $lib, which Depends does not name"
done
[ -n "$linked" ] && pass "Depends covers every linked library ($(echo $linked | wc -w) packages)"

entries=("$root"/usr/share/applications/*.desktop)
if [ ${#entries[@]} -ne 1 ] || [ ! -f "${entries[0]}" ]; then
  fail "expected one desktop entry in usr/share/applications, found: ${entries[*]}"
else
  entry=${entries[0]}
  name=$(basename "$entry")
  if report=$(desktop-file-validate "$entry" 2>&1) && ! grep -q 'error:' <<<"$report"; then
    pass "desktop-file-validate accepts $name${report:+ ($report)}"
  else
    fail "desktop-file-validate: $report"
  fi
  grep -q '^Exec=.*%u' "$entry" && pass "Exec takes the URL: $(grep '^Exec=' "$entry")" || fail "Exec has no %u: $(grep '^Exec=' "$entry")"
  program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$entry")
  [ -x "$root/usr/bin/$program" ] && pass "Exec runs usr/bin/$program" || fail "Exec runs $program, which the package does not install in usr/bin"
  mime=$(sed -n 's/^MimeType=//p' "$entry")
  for scheme in tel callto; do
    grep -q "x-scheme-handler/$scheme;" <<<"$mime;" && pass "MimeType has x-scheme-handler/$scheme" || fail "MimeType lacks x-scheme-handler/$scheme: $mime"
  done
  # What update-desktop-database (desktop-file-utils) makes of it: the handler for both schemes.
  update-desktop-database "$root/usr/share/applications"
  for scheme in tel callto; do
    grep -q "^x-scheme-handler/$scheme=.*$name" "$root/usr/share/applications/mimeinfo.cache" &&
      pass "update-desktop-database files $name as the $scheme: handler" ||
      fail "mimeinfo.cache does not name $name for x-scheme-handler/$scheme"
  done
  icon=$(sed -n 's/^Icon=//p' "$entry")
  icons=("$root"/usr/share/icons/hicolor/*/apps/"$icon".png)
  if [ -f "${icons[0]}" ]; then
    for png in "${icons[@]}"; do
      size=$(basename "$(dirname "$(dirname "$png")")")
      [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && pass "icon $size/apps/$icon.png is a PNG" || fail "$png is not a PNG"
    done
  else
    fail "no icon $icon.png under usr/share/icons/hicolor"
  fi
fi

echo "package size: $(($(stat -c %s "$deb") / 1024)) KiB; installed: $(field Installed-Size) KiB"
[ "$failures" -eq 0 ] || { echo "$failures check(s) failed for $deb" >&2; exit 1; }
echo "all package checks passed for $deb"
