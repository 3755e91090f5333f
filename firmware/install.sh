#!/usr/bin/env bash
# Puts Ticker on a Raspberry Pi running Raspberry Pi OS Lite (bookworm, 64-bit or 32-bit) from
# its Debian package; nothing is compiled on the Pi. Run as root:
#
#   sudo ./install.sh ticker_0.1.0_arm64.deb     a package you copied over
#   sudo firmware/install.sh                     from a checkout: build-deb-ARCH/ticker_*.deb
#
# Make the package on any Debian bookworm PC: `make package-arm64` (64-bit Pi OS) or
# `make package-armhf` (32-bit), then copy it and this script to the Pi (scp).
# It installs the package with apt (which brings the libraries from Pi OS), adds the kernel
# command-line and config.txt lines the display needs (once; kept on a rerun), and enables the
# unit. Reboot afterwards so the boot settings take effect.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg --print-architecture)
boot=/boot/firmware
[ -d "$boot" ] || boot=/boot

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo $0 $*)" >&2
    exit 2
fi
deb=${1:-}
if [ -z "$deb" ]; then
    deb=$(ls -t "$here"/../build-deb-"$arch"/ticker_*_"$arch".deb 2>/dev/null | head -n 1 || true)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "install.sh: no Ticker package for $arch given or found; build it on a PC with" >&2
    echo "  make package-$arch   (then: sudo ./install.sh ticker_VERSION_$arch.deb)" >&2
    exit 2
fi
deb=$(realpath "$deb")

apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb"

# Boot settings, as shipped by the package (/usr/share/ticker/boot/): append each missing
# kernel parameter and config.txt line once.
share=/usr/share/ticker/boot
if [ -f "$boot/cmdline.txt" ]; then
    line=$(head -n 1 "$boot/cmdline.txt")
    for p in $(cat "$share/cmdline-append.txt"); do
        case " $line " in *" $p "*) ;; *) line="$line $p" ;; esac
    done
    printf '%s\n' "$line" >"$boot/cmdline.txt"
else
    echo "install.sh: no $boot/cmdline.txt (not a Raspberry Pi?): kernel parameters not set" >&2
fi
if [ -f "$boot/config.txt" ]; then
    grep -v '^#' "$share/config-ticker.txt" | grep . | while read -r l; do
        grep -qxF "$l" "$boot/config.txt" || printf '%s\n' "$l" >>"$boot/config.txt"
    done
fi

systemctl enable ticker.service
echo "install.sh: Ticker $(dpkg-query -W -f='${Version}' ticker) installed and enabled."
echo "Edit /etc/ticker/config.json for your feeds, then reboot. Check with:"
echo "  systemctl status ticker; ticker status --file /var/lib/ticker/status.json"
echo "  journalctl -u ticker -b"
