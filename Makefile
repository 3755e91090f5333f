# Ticker: the two commands a new user needs, and the developer's others.
#   make run    install dependencies, build, show the ticker (a window on a desktop, else
#               headless frames of the bundled demo content)
#   make test   install dependencies, build, run every test (plain, ASan+UBSan, fuzz replay)
#   make bench  benchmarks (prints figures; never part of `make test`)
#   make soak   the wall display for seven simulated days (memory and descriptors flat)
#   make fuzz   libFuzzer campaigns (FUZZ_SECONDS each, default 60)
#   make cross-arm64  arm64 (Pi) cross-build, every test run under qemu-aarch64 (part of `make test`)
#   make package      the Debian package for this machine (package-arm64, package-armhf: cross)
#   make install      cmake --install build (PREFIX=/usr/local; DESTDIR as usual)
#   make image        bootable arm64 Debian image with Ticker (firmware/image/); image-test boots it

JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
BUILD       ?= build
BUILD_ASAN  ?= build-asan
BUILD_FUZZ  ?= build-fuzz
BUILD_RELEASE ?= build-release
PREFIX      ?= /usr/local
FUZZ_SECONDS ?= 60
CMAKE_GEN   := -G "Unix Makefiles"
# Sanitizer builds: -O1 as the sanitizers' authors advise (fast enough to render frames,
# still exact stack traces).
SAN_OPT     := -g -O1 -fno-omit-frame-pointer
# gcc at -O1 guesses snprintf truncation differently from -O2; the plain -O2 build keeps the
# warning as an error, so the sanitizer builds need not repeat it.
SAN_WARN    := -Wno-format-truncation

.PHONY: all deps build build-asan build-fuzz run test test-plain test-asan test-fuzz bench fuzz clean
.PHONY: cross-arm64 release install package package-arm64 package-armhf test-release test-package
.PHONY: test-arm64 image image-test soak

all: build

deps:
	@toolchain/install-deps.sh

$(BUILD)/Makefile: | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=gcc \
	    -DTICKER_WERROR=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX)

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(BUILD_ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=gcc \
	    -DCMAKE_C_FLAGS_DEBUG="$(SAN_OPT) $(SAN_WARN)" -DTICKER_SANITIZE=ON -DTICKER_WERROR=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS)

# clang with libFuzzer, ASan and UBSan; -funsigned-char so byte parsers are also checked the
# way ARM compiles them (docs/architecture.md, "On the Pi").
build-fuzz: deps
	cmake -S . -B $(BUILD_FUZZ) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	    -DCMAKE_C_FLAGS_DEBUG="$(SAN_OPT)" -DTICKER_FUZZ=ON -DCMAKE_C_FLAGS=-funsigned-char \
	    -DTICKER_WERROR=ON
	cmake --build $(BUILD_FUZZ) -j $(JOBS)

run: build
	@tests/run-demo.sh $(BUILD)/ticker

# CI (.ci/run) is this target: the three builds above with every test, a Release build (CMake's
# own -O3 flags, warnings as errors), the Debian package with lintian and its install, upgrade,
# remove and purge in a chroot, and the arm64 cross build with every test under qemu-aarch64 and
# its package.
test: test-plain test-asan test-fuzz test-release test-package test-arm64

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# The clang build runs every test too (the second compiler: docs/architecture.md) and replays
# the corpora through libFuzzer itself.
test-fuzz: build-fuzz
	cd $(BUILD_FUZZ) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# Release as a distribution builds it (CMake's -O3 flags), tests included, warnings as errors.
release: deps
	cmake -S . -B $(BUILD_RELEASE) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=gcc \
	    -DTICKER_WERROR=ON
	cmake --build $(BUILD_RELEASE) -j $(JOBS)

test-release: release

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

package: deps
	@toolchain/package.sh

package-arm64: deps
	@toolchain/package.sh arm64

# armhf through an mmdebstrap sysroot (toolchain/armhf-sysroot.sh); never part of `make test`.
package-armhf: deps
	@toolchain/package.sh armhf

# lintian, then install, upgrade, remove, reinstall and purge in a throw-away chroot.
test-package: deps
	@tests/package/deb-test.sh "$$(toolchain/package.sh | tail -n 1)"

test-arm64: cross-arm64
	@tests/package/deb-test.sh --lintian-only "$$(toolchain/package.sh arm64 | tail -n 1)"

# A bootable arm64 Debian image with Ticker preinstalled (firmware/image/README.md), and its
# boot test in qemu-system-aarch64 (on demand, not in `make test`).
image: deps
	@firmware/image/build.sh

image-test: deps
	@firmware/image/test.sh

bench: build
	@tests/bench/run.sh $(BUILD)

# The wall display for seven simulated days (about ten minutes): memory and descriptors flat.
soak: build
	@tests/soak/soak.sh $(BUILD)

fuzz: build-fuzz
	@tests/fuzz/campaign.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

# Installs the arm64 toolchain, qemu-user and the :arm64 libraries (multiarch), builds in
# build-arm64/ and runs ctest under qemu-aarch64 (part of `make test` through test-arm64).
cross-arm64:
	@JOBS=$(JOBS) toolchain/cross-arm64.sh

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) $(BUILD_RELEASE) build-deb-* build-arm64
