#!/usr/bin/env bash
# Installs the Debian packages that Ticker's build, tests and benchmarks need.
# Idempotent: packages already installed are skipped, and `apt-get update` runs only when
# something must be installed. Uses sudo when not run as root.
#
#   toolchain/install-deps.sh            build + tests + benchmarks (what `make test` needs)
#   toolchain/install-deps.sh --runtime  only what running `ticker` on a display needs
set -euo pipefail

build_pkgs=(
    build-essential cmake pkg-config git
    libsdl2-dev libsdl2-ttf-dev libcurl4-openssl-dev libcjson-dev libxml2-dev
    libsqlite3-dev libpng-dev zlib1g-dev nettle-dev libstemmer-dev libfribidi-dev
    libfontconfig-dev libsystemd-dev libdrm-dev
    libjpeg62-turbo-dev libwebp-dev libseccomp-dev libqrencode-dev
)
# python3-pil and pngcheck: every PNG frame a test writes is checked by decoders that are not
# ours; ffmpeg: `ticker render --video` and its test (ffprobe counts the frames).
test_pkgs=(
    clang libclang-rt-14-dev python3 sqlite3 openssl nginx-light man-db lintian mmdebstrap
    fonts-dejavu-core fonts-noto-core fonts-wqy-microhei fonts-symbola
    python3-pil pngcheck ffmpeg
)
# xvfb, x11-apps (xwd), xdotool: the wall display's window tests and benchmark run under a
# virtual X server, take screenshots and press the operator's keys; valgrind: its short
# memory check (tests/soak/soak.sh --valgrind).
test_pkgs+=(xvfb x11-apps xdotool valgrind)
# zbar-tools: zbarimg reads the card's QR code from rendered frames, as a phone would.
test_pkgs+=(zbar-tools)
# curl: bench_fetch.sh talks to the test server's control URLs; time: GNU time's peak RSS.
bench_pkgs=(sfeed python3-feedparser ots hyperfine time curl imagemagick)
runtime_pkgs=(
    libsdl2-2.0-0 libsdl2-ttf-2.0-0 libcurl4 libcjson1 libxml2 libsqlite3-0 zlib1g libnettle8
    libstemmer0d libfribidi0 libfontconfig1 libsystemd0 libdrm2 fonts-dejavu-core
    libjpeg62-turbo libpng16-16 libwebp7 libwebpdemux2 libseccomp2 libqrencode4
)

if [ "${1:-}" = "--runtime" ]; then
    want=("${runtime_pkgs[@]}")
else
    want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#want[@]} packages present"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: missing ${missing[*]}; run this script as root or install sudo" >&2
        exit 1
    fi
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
# env inside sudo: sudo resets the environment, so DEBIAN_FRONTEND set outside it would be lost
# and a package's configuration question could stop the script.
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
