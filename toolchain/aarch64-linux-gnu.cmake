# Cross-compiling Ticker for 64-bit Raspberry Pi OS (Pi 3, 4, 5, Zero 2 W) on Debian bookworm
# through multiarch (toolchain/README.md). `make cross-arm64` (toolchain/cross-arm64.sh) installs
# what this needs, configures build-arm64/ with this file, builds, and runs ctest under qemu:
#
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=toolchain/aarch64-linux-gnu.cmake
#   cmake --build build-arm64 -j2 && (cd build-arm64 && SDL_FRAMEBUFFER_ACCELERATION=0 ctest)
#
# The target's libraries are Debian's :arm64 packages in /usr/lib/aarch64-linux-gnu, beside the
# host's; headers in /usr/include are shared (multiarch), arch-specific ones are in
# /usr/include/aarch64-linux-gnu. So there is no sysroot: the danger is picking up an amd64
# file instead, which the pkg-config path and CMAKE_IGNORE_PATH below prevent.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)

# pkg-config must read only the arm64 .pc files (and the arch-independent ones).
set(TICKER_PKG_CONFIG_LIBDIR "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig"
    CACHE STRING "pkg-config search path for the target's libraries")
# CMake's compiler checks run in a separate project: without this they read the host's files.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TICKER_PKG_CONFIG_LIBDIR)
set(ENV{PKG_CONFIG_LIBDIR} "${TICKER_PKG_CONFIG_LIBDIR}")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# find_library/find_path (libstemmer has no .pc file): the multiarch directory of the target
# comes from CMAKE_LIBRARY_ARCHITECTURE; the host's is ignored outright, so a missing :arm64
# package fails at configure time instead of linking (or failing to link) an amd64 library.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_IGNORE_PATH /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu
    /usr/include/x86_64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# Tests (add_test with a target as COMMAND) run through qemu-user; no binfmt needed. With
# multiarch libraries qemu-aarch64 runs without -L: the arm64 loader finds them itself, and
# mixing loaders hangs.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
