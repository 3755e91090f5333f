#!/usr/bin/env bash
# Makes the armhf (32-bit Raspberry Pi OS) sysroot that toolchain/arm-linux-gnueabihf.cmake
# builds against: Debian bookworm's armhf -dev packages of install-deps.sh's build list,
# extracted (not configured: no armhf program runs) by mmdebstrap into DIR.
#
#   toolchain/armhf-sysroot.sh [DIR]       default: build-armhf-sysroot/
#
# Why not multiarch: our mirror's armhf security index lags the amd64 one and dpkg refuses the
# version skew; and enabling armhf in the machine's dpkg breaks `apt-get update` for everyone.
# So: bookworm and bookworm-updates only (the security suite left out), and nothing of the
# machine's dpkg touched. Also installs the host's cross compiler (gcc-arm-linux-gnueabihf).
# Idempotent: an existing sysroot is kept (delete DIR to rebuild it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build-armhf-sysroot}
host_pkgs=(gcc-arm-linux-gnueabihf mmdebstrap)
missing=()
for p in "${host_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ -f "$dir/.ticker-sysroot" ]; then
    echo "armhf-sysroot: $dir exists"
    exit 0
fi
build_pkgs=()
eval "$(sed -n '/^build_pkgs=(/,/^)/p' "$root/toolchain/install-deps.sh")"
dev=()
for p in "${build_pkgs[@]}"; do
    case $p in *-dev) dev+=("$p") ;; esac
done
# The machine's apt sources without the security suite.
sources=$(ls /etc/apt/sources.list.d/*.sources | head -n 1)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk 'BEGIN { RS = ""; ORS = "\n\n" } !/Suites:[^\n]*-security/' "$sources" >"$tmp/armhf.sources"
rm -rf "$dir"
mmdebstrap --quiet --mode=root --variant=extract --architectures=armhf \
    --include="$(IFS=,; echo "${dev[*]},libc6-dev,linux-libc-dev")" \
    bookworm "$dir" "$tmp/armhf.sources"
touch "$dir/.ticker-sysroot"
echo "armhf-sysroot: $dir ready"
