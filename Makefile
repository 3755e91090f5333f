# Ticker: the two commands a new user needs, and the developer's others.
#   make run    install dependencies, build, show the ticker (a window on a desktop, else
#               headless frames of the bundled demo content)
#   make test   install dependencies, build, run every test (plain, ASan+UBSan, fuzz replay)
#   make bench  benchmarks (prints figures; never part of `make test`)
#   make soak   the wall display for seven simulated days (memory and descriptors flat)
#   make fuzz   libFuzzer campaigns (FUZZ_SECONDS each, default 60)
#   make cross-arm64  arm64 (Pi) cross-build, every test run under qemu-aarch64 (not in `make test`)

JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
BUILD       ?= build
BUILD_ASAN  ?= build-asan
BUILD_FUZZ  ?= build-fuzz
FUZZ_SECONDS ?= 60
CMAKE_GEN   := -G "Unix Makefiles"
# Sanitizer builds: -O1 as the sanitizers' authors advise (fast enough to render frames,
# still exact stack traces).
SAN_OPT     := -g -O1 -fno-omit-frame-pointer
# gcc at -O1 guesses snprintf truncation differently from -O2; the plain -O2 build keeps the
# warning as an error, so the sanitizer builds need not repeat it.
SAN_WARN    := -Wno-format-truncation

.PHONY: all deps build build-asan build-fuzz run test test-plain test-asan test-fuzz bench fuzz clean
.PHONY: cross-arm64 soak

all: build

deps:
	@toolchain/install-deps.sh

$(BUILD)/Makefile: | deps
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=gcc

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(BUILD_ASAN) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=gcc \
	    -DCMAKE_C_FLAGS_DEBUG="$(SAN_OPT) $(SAN_WARN)" -DTICKER_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS)

# clang with libFuzzer, ASan and UBSan; -funsigned-char so byte parsers are also checked the
# way ARM compiles them (DESIGN.md section 9).
build-fuzz: deps
	cmake -S . -B $(BUILD_FUZZ) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang \
	    -DCMAKE_C_FLAGS_DEBUG="$(SAN_OPT)" -DTICKER_FUZZ=ON -DCMAKE_C_FLAGS=-funsigned-char
	cmake --build $(BUILD_FUZZ) -j $(JOBS)

run: build
	@tests/run-demo.sh $(BUILD)/ticker

test: test-plain test-asan test-fuzz

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# The clang build runs every test too (the second compiler of STYLE.md rule 14) and replays
# the corpora through libFuzzer itself.
test-fuzz: build-fuzz
	cd $(BUILD_FUZZ) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

bench: build
	@tests/bench/run.sh $(BUILD)

# The wall display for seven simulated days (about ten minutes): memory and descriptors flat.
soak: build
	@tests/soak/soak.sh $(BUILD)

fuzz: build-fuzz
	@tests/fuzz/campaign.sh $(BUILD_FUZZ) $(FUZZ_SECONDS)

# Installs the arm64 toolchain, qemu-user and the :arm64 libraries (multiarch), builds in
# build-arm64/ and runs ctest under qemu-aarch64. Separate from `make test` (CI time).
cross-arm64:
	@JOBS=$(JOBS) toolchain/cross-arm64.sh

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
