#!/usr/bin/env bash
# Puts Ticker on a Raspberry Pi running Raspberry Pi OS / Debian bookworm (arm64 or armhf).
# Run from a checkout on the Pi as root:  sudo firmware/install.sh
# It installs the runtime packages, builds and installs the binary and assets, creates the
# `ticker` user, installs the systemd unit and the boot settings (kept idempotent: running it
# twice changes nothing the second time).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=${PREFIX:-/usr/local}
boot=/boot/firmware
[ -d "$boot" ] || boot=/boot

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo $0)" >&2
    exit 2
fi

"$here/toolchain/install-deps.sh"
cmake -S "$here" -B "$here/build-pi" -DCMAKE_BUILD_TYPE=Release -DTICKER_TESTS=OFF \
    -DTICKER_WERROR=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
cmake --build "$here/build-pi" -j "$(nproc)"
install -D -m 0755 "$here/build-pi/ticker" "$prefix/bin/ticker"
mkdir -p "$prefix/share/ticker"
cp -r "$here/assets/." "$prefix/share/ticker/"
install -D -m 0644 "$here/README.md" "$prefix/share/doc/ticker/README.md"

id ticker >/dev/null 2>&1 || useradd --system --home-dir /var/lib/ticker --shell /usr/sbin/nologin \
    --groups video,render,input ticker
if [ ! -e /etc/ticker/config.json ]; then
    install -D -m 0644 "$here/assets/config.json" /etc/ticker/config.json
fi
install -D -m 0644 "$here/firmware/ticker.service" /etc/systemd/system/ticker.service

# Boot settings: append each missing kernel parameter and config.txt line once.
if [ -f "$boot/cmdline.txt" ]; then
    line=$(head -n 1 "$boot/cmdline.txt")
    for p in $(cat "$here/firmware/cmdline-append.txt"); do
        case " $line " in *" $p "*) ;; *) line="$line $p" ;; esac
    done
    printf '%s\n' "$line" > "$boot/cmdline.txt"
fi
if [ -f "$boot/config.txt" ]; then
    grep -v '^#' "$here/firmware/config-ticker.txt" | grep . | while read -r l; do
        grep -qxF "$l" "$boot/config.txt" || printf '%s\n' "$l" >> "$boot/config.txt"
    done
fi

systemctl daemon-reload
systemctl enable ticker.service
echo "install.sh: installed; start now with 'systemctl start ticker' or reboot"
