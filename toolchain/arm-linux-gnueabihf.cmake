# Cross-compiling Ticker for 32-bit Raspberry Pi OS (armhf) against a sysroot made by
# toolchain/armhf-sysroot.sh (not multiarch: toolchain/README.md). `make package-armhf`:
#
#   cmake -S . -B build-armhf -DCMAKE_TOOLCHAIN_FILE=toolchain/arm-linux-gnueabihf.cmake \
#         -DTICKER_SYSROOT=$PWD/build-armhf-sysroot
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)

set(TICKER_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../build-armhf-sysroot" CACHE PATH
    "The armhf sysroot (toolchain/armhf-sysroot.sh)")
# CMake's compiler checks run in a separate project: pass the sysroot on to it.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES TICKER_SYSROOT)
set(CMAKE_SYSROOT "${TICKER_SYSROOT}")
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabihf)

# pkg-config reads only the sysroot's .pc files and prefixes their paths with it.
set(ENV{PKG_CONFIG_LIBDIR}
    "${TICKER_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig:${TICKER_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${TICKER_SYSROOT}")

set(CMAKE_FIND_ROOT_PATH "${TICKER_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Tests would run under qemu-arm with the sysroot's loader and libraries.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L "${TICKER_SYSROOT}")
