#!/usr/bin/env bash
# Builds Ticker's Debian package with CPack (packaging/deb.cmake) for one architecture:
#
#   toolchain/package.sh [amd64|arm64|armhf]     default: the machine's own (dpkg)
#
# -> build-deb-ARCH/ticker_VERSION_ARCH.deb, and the package's path on the last line of output.
# A Release build for prefix /usr with Debian's hardening flags (dpkg-buildflags), warnings as
# errors, the units in /lib/systemd/system, the fonts linked from fonts-dejavu-core.
# arm64 is cross-built through multiarch (toolchain/cross-arm64.sh installs what it needs);
# armhf through the sysroot of toolchain/armhf-sysroot.sh (never multiarch: toolchain/README.md).
# BUILD_DEB=dir overrides the build directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:-$(dpkg --print-architecture)}
build=${BUILD_DEB:-$root/build-deb-$arch}
jobs=${JOBS:-2}

cross=()
case $arch in
$(dpkg --print-architecture)) ;;
arm64)
    "$root/toolchain/cross-arm64.sh" --install-only
    cross=(-DCMAKE_TOOLCHAIN_FILE="$root/toolchain/aarch64-linux-gnu.cmake")
    ;;
armhf)
    sysroot=${ARMHF_SYSROOT:-$root/build-armhf-sysroot}
    "$root/toolchain/armhf-sysroot.sh" "$sysroot"
    # dpkg-shlibdeps cannot see the sysroot's libraries: take the machine's own package's
    # shared-library dependencies (the same bookworm libraries and versions).
    native=$("$0" | tail -n 1)
    shlibs=$(dpkg-deb -f "$native" Depends | tr ',' '\n' | sed 's/^ *//' |
        grep -v -e '^adduser$' -e '^fonts-dejavu-core$' | paste -sd, - | sed 's/,/, /g')
    cross=(-DCMAKE_TOOLCHAIN_FILE="$root/toolchain/arm-linux-gnueabihf.cmake"
           -DTICKER_SYSROOT="$sysroot" -DTICKER_DEB_SHLIBS="$shlibs")
    ;;
*)
    echo "package.sh: unknown architecture '$arch' (amd64, arm64 or armhf)" >&2
    exit 2
    ;;
esac

# Debian's hardening and optimisation flags for that architecture (-O2, stack protector,
# _FORTIFY_SOURCE, relro, now); the debug-prefix map keeps the build path out of the binary.
flags() { DEB_HOST_ARCH=$arch DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --get "$1"; }
cflags="$(flags CFLAGS) $(flags CPPFLAGS)"
ldflags=$(flags LDFLAGS)

cmake -S "$root" -B "$build" -G "Unix Makefiles" "${cross[@]}" \
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="$cflags" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_INSTALL_PREFIX=/usr \
    -DTICKER_TESTS=OFF -DTICKER_WERROR=ON -DTICKER_SYSTEM_FONTS=ON \
    -DTICKER_SYSTEMD_UNIT_DIR=/lib/systemd/system -DTICKER_UDEV_RULES_DIR=/lib/udev/rules.d \
    -DTICKER_DEB_ARCH="$arch" >/dev/null
cmake --build "$build" -j "$jobs"
# dpkg-shlibdeps reads DEB_HOST_ARCH to pick the target's objdump and library directories.
(cd "$build" && DEB_HOST_ARCH=$arch cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ticker_*_"$arch".deb | head -n 1)
echo "$deb"
