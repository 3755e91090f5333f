# Cross-compiling Ticker for 64-bit Raspberry Pi OS (Pi 3, 4, 5, Zero 2 W) on Debian bookworm
# through multiarch (DESIGN.md section 9):
#
#   sudo dpkg --add-architecture arm64 && sudo apt-get update
#   sudo apt-get install gcc-aarch64-linux-gnu qemu-user \
#       libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libcurl4-openssl-dev:arm64 libcjson-dev:arm64 \
#       libxml2-dev:arm64 libsqlite3-dev:arm64 libpng-dev:arm64 libstemmer-dev:arm64 \
#       libfribidi-dev:arm64 libfontconfig-dev:arm64
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=toolchain/aarch64-linux-gnu.cmake
#   cmake --build build-arm64 && (cd build-arm64 && ctest)
#
# Tests run under qemu-user through CMAKE_CROSSCOMPILING_EMULATOR; with multiarch libraries
# qemu-aarch64 runs without -L (mixing loaders hangs).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

set(TICKER_PKG_CONFIG_LIBDIR "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig"
    CACHE STRING "pkg-config search path for the target's libraries")
# CMake's compiler checks run in a separate project: without this they read the host's files.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TICKER_PKG_CONFIG_LIBDIR)
set(ENV{PKG_CONFIG_LIBDIR} "${TICKER_PKG_CONFIG_LIBDIR}")
set(ENV{PKG_CONFIG_PATH} "")

set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)

set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
