#!/usr/bin/env bash
# Tests a Ticker .deb (made by toolchain/package.sh):
#   1. lintian reports no errors (its whole output is printed);
#   2. unless --lintian-only: in a throw-away Debian bookworm chroot made by mmdebstrap (cached,
#      keyed on the package's dependencies), the package's life: install (user, groups, unit
#      enabled, conffile, the programs run and find their data), an administrator's changes,
#      upgrade (configuration, cache and a disabled unit kept), remove (cache, configuration and
#      user kept), reinstall, purge (cache and configuration gone).
#
#   tests/package/deb-test.sh [--lintian-only] PACKAGE.deb
#
# Needs root (chroot) and mmdebstrap; the machine's own apt sources are the mirror.
# Prints "N passed, N failed" and exits 1 if any check failed.
set -uo pipefail
lintian_only=0
if [ "${1:-}" = "--lintian-only" ]; then
    lintian_only=1
    shift
fi
deb=$(realpath "${1:?usage: deb-test.sh [--lintian-only] PACKAGE.deb}")
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${TICKER_BUILD_CACHE:-$root/.cache}
passed=0
failed=0
check() {
    if [ "$2" -eq 0 ]; then
        echo "ok - $1"
        passed=$((passed + 1))
    else
        echo "FAIL - $1"
        failed=$((failed + 1))
    fi
}
finish() {
    echo "deb-test: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

echo "lintian --pedantic $(basename "$deb"):"
out=$(lintian --pedantic "$deb" 2>&1 | grep -v 'running with root privileges')
printf '%s\n' "${out:-(nothing)}"
check "lintian reports no errors" $(! grep -q '^E:' <<<"$out"; echo $?)
[ $lintian_only -eq 1 ] && finish

# The chroot: bookworm with the package's dependencies (and what the maintainer scripts use),
# cached as a tarball named after that list.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep . | sort)
include=$(echo $deps init-system-helpers systemd | tr ' ' ',')
key=$(printf '%s\n' "$include" "$(dpkg-deb -f "$deb" Architecture)" | sha256sum | cut -c1-16)
tarball=$cache/deb-test-chroot-$key.tar
mkdir -p "$cache"
if [ ! -f "$tarball" ]; then
    sources=$(ls /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
    [ -n "$sources" ] || sources=/etc/apt/sources.list
    echo "deb-test: making the chroot (mmdebstrap, once for this dependency list)"
    # mmdebstrap picks the output format from the name's extension: keep .tar.
    partial=$cache/partial-$key.tar
    if ! mmdebstrap --quiet --variant=apt --include="$include" bookworm "$partial" "$sources"; then
        check "mmdebstrap made the chroot" 1
        finish
    fi
    mv "$partial" "$tarball"
fi
tmp=$(mktemp -d)
r=$tmp/root
# The programs find their data through /proc/self/exe, as on any running system.
trap 'umount "$r/proc" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$r"
tar -C "$r" -xf "$tarball"
mount -t proc proc "$r/proc"
in_root() { chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

# The same package with a higher version, as an upgrade.
dpkg-deb -R "$deb" "$tmp/next"
sed -i 's/^Version: .*/&+next1/' "$tmp/next/DEBIAN/control"
dpkg-deb --root-owner-group -b "$tmp/next" "$tmp/next.deb" >/dev/null
cp "$deb" "$r/tmp/ticker.deb"
cp "$tmp/next.deb" "$r/tmp/ticker-next.deb"

in_root dpkg -i /tmp/ticker.deb >"$tmp/install.log" 2>&1
check "dpkg -i installs the package" $?
in_root id ticker >"$tmp/id" 2>&1
check "the ticker system user exists" $?
for g in video render input; do
    grep -q "($g)" "$tmp/id"
    check "ticker is in group $g" $?
done
[ "$(in_root getent passwd ticker | cut -d: -f6,7)" = "/var/lib/ticker:/usr/sbin/nologin" ]
check "its home is /var/lib/ticker, with no login shell" $?
[ -L "$r/etc/systemd/system/multi-user.target.wants/ticker.service" ]
check "ticker.service is enabled" $?
[ ! -e "$r/etc/systemd/system/timers.target.wants/ticker-hub.timer" ]
check "the hub timer is not enabled" $?
[ "$(in_root stat -c %U:%a /var/lib/ticker)" = "ticker:750" ]
check "/var/lib/ticker belongs to ticker, mode 750" $?
grep -qx /etc/ticker/config.json "$r/var/lib/dpkg/info/ticker.conffiles"
check "/etc/ticker/config.json is a conffile" $?
in_root ticker version | grep -q '^ticker '
check "ticker version runs" $?
in_root ticker check-config >/dev/null 2>"$tmp/cc.err"
check "check-config accepts the installed /etc/ticker/config.json" $?
in_root ticker render --out /tmp/frame --frames 1 --no-png \
    --feed /usr/share/ticker/demo/techwire.json >/dev/null 2>"$tmp/render.err"
check "ticker render runs from the installed tree" $?
check "with the package's fonts, no warning ($(head -c 200 "$tmp/render.err"))" \
    $([ ! -s "$tmp/render.err" ]; echo $?)
in_root runuser -u ticker -- ticker cache import --json-feed /usr/share/ticker/demo/techwire.json \
    --cache /var/lib/ticker/cache.db >/dev/null 2>&1
check "the ticker user can fill its cache in /var/lib/ticker" $?

# An administrator's changes: an edited configuration, a cache, the display turned off.
echo '{"interval": 900}' >"$r/etc/ticker/config.json"
in_root systemctl disable ticker.service >/dev/null 2>&1
sum_cache=$(sha256sum <"$r/var/lib/ticker/cache.db")

in_root dpkg -i /tmp/ticker-next.deb >"$tmp/upgrade.log" 2>&1
check "dpkg -i upgrades to the next version" $?
[ "$(cat "$r/etc/ticker/config.json")" = '{"interval": 900}' ]
check "the upgrade keeps the edited configuration" $?
[ "$(sha256sum <"$r/var/lib/ticker/cache.db")" = "$sum_cache" ]
check "the upgrade keeps the cache" $?
[ ! -e "$r/etc/systemd/system/multi-user.target.wants/ticker.service" ]
check "the upgrade keeps the unit disabled, as the administrator left it" $?

in_root dpkg -r ticker >"$tmp/remove.log" 2>&1
check "dpkg -r removes the package" $?
[ ! -e "$r/usr/bin/ticker" ] && [ ! -e "$r/usr/libexec/ticker/ticker-display" ]
check "the programs are gone" $?
[ -f "$r/etc/ticker/config.json" ] && [ "$(sha256sum <"$r/var/lib/ticker/cache.db")" = "$sum_cache" ]
check "remove keeps the configuration and the cache" $?
in_root id ticker >/dev/null 2>&1
check "remove keeps the user" $?

in_root dpkg -i /tmp/ticker.deb >"$tmp/reinstall.log" 2>&1
check "the package installs again over its kept files" $?
[ "$(sha256sum <"$r/var/lib/ticker/cache.db")" = "$sum_cache" ]
check "the reinstalled display finds its cache" $?

in_root dpkg -P ticker >"$tmp/purge.log" 2>&1
check "dpkg -P purges the package" $?
[ ! -e "$r/var/lib/ticker" ] && [ ! -e "$r/var/cache/ticker" ]
check "purge removes the cache" $?
[ ! -e "$r/etc/ticker" ]
check "purge removes the configuration" $?
left=$(find "$r/etc/systemd" -name 'ticker*' | head -3)
check "purge leaves no unit links ($left)" $([ -z "$left" ]; echo $?)
if [ "$failed" -gt 0 ]; then
    for l in install upgrade remove reinstall purge; do
        echo "--- $l:"
        cat "$tmp/$l.log" 2>/dev/null
    done
fi
finish
