#!/usr/bin/python3
"""Runs, under qemu-user, the CTest tests that CMAKE_CROSSCOMPILING_EMULATOR cannot wrap.

CMake puts the emulator in front of a test only when the test's COMMAND is a target; a test
like `bash tests/app/render_golden.sh <path of ticker>` starts the arm64 binary itself, which
fails with "Exec format error" where binfmt_misc is absent (our containers). This reads the
test list from `ctest --show-only=json-v1`, finds the tests that are not wrapped but pass an
arm64 executable of the build as an argument, and runs each with that argument replaced by a
small wrapper script (`exec qemu-aarch64 <binary> "$@"`), with the test's own environment,
working directory and timeout (the whole process group is SIGKILLed: SDL catches SIGTERM).

    qemu-exec-tests.py BUILD_DIR --list   names of such tests, one a line
    qemu-exec-tests.py BUILD_DIR          runs them; prints "N passed, N failed"; exit 1 if any
    -R REGEX                              only tests whose name matches (as ctest -R)
    -E REGEX                              leave out tests whose name matches (as ctest -E)
"""
import json
import re
import os
import shutil
import signal
import subprocess
import sys
import time

EM_AARCH64 = 183


def is_arm64_elf(path):
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return False
    return (len(head) == 20 and head[:4] == b"\x7fELF" and
            int.from_bytes(head[18:20], "little") == EM_AARCH64)


def load_tests(build):
    out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=build, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out).get("tests", [])


def unwrapped(tests, build, emulator):
    """Tests whose command starts an arm64 binary of the build without the emulator."""
    build = os.path.realpath(build)
    found = []
    for t in tests:
        cmd = t.get("command") or []
        if not cmd or os.path.basename(cmd[0]) == os.path.basename(emulator):
            continue
        bins = [i for i, a in enumerate(cmd)
                if os.path.realpath(a).startswith(build + os.sep) and is_arm64_elf(a)]
        if bins:
            found.append((t, bins))
    return found


def wrapper(build, binary, emulator):
    # The emulator by its absolute path: a test may run the program with a PATH that hides
    # other programs (tests/app/render_output.sh hides ffmpeg that way).
    emulator = shutil.which(emulator) or emulator
    d = os.path.join(build, "qemu-wrap")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, os.path.basename(binary))
    text = '#!/bin/sh\nexec %s "%s" "$@"\n' % (emulator, os.path.realpath(binary))
    old = open(path).read() if os.path.exists(path) else None
    if old != text:
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
    return path


def props(t):
    return {p["name"]: p["value"] for p in t.get("properties", [])}


def run_one(t, bins, build, emulator):
    cmd = list(t["command"])
    for i in bins:
        cmd[i] = wrapper(build, cmd[i], emulator)
    p = props(t)
    # Tells a test that it runs under emulation, where the picture decoder's seccomp sandbox
    # cannot be loaded (qemu-user does not emulate seccomp): such tests leave out the cases that
    # decode pictures, and say so. Nothing else reads it.
    env = dict(os.environ, TICKER_TEST_EMULATED="qemu-user")
    for kv in p.get("ENVIRONMENT", []):
        k, _, v = kv.partition("=")
        env[k] = v
    cwd = p.get("WORKING_DIRECTORY", build)
    timeout = float(p.get("TIMEOUT", 1500))
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        status = "Passed" if proc.returncode == 0 else "Failed (exit %d)" % proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        status = "Timeout (%.0f s)" % timeout
    return status, time.monotonic() - start, out.decode("utf-8", "replace")


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    build = sys.argv[1]
    emulator = os.environ.get("TICKER_EMULATOR", "qemu-aarch64")
    found = unwrapped(load_tests(build), build, emulator)
    if "-R" in sys.argv[2:]:
        rx = re.compile(sys.argv[sys.argv.index("-R") + 1])
        found = [(t, b) for t, b in found if rx.search(t["name"])]
    if "-E" in sys.argv[2:]:
        rx = re.compile(sys.argv[sys.argv.index("-E") + 1])
        found = [(t, b) for t, b in found if not rx.search(t["name"])]
    if "--list" in sys.argv[2:]:
        for t, _ in found:
            print(t["name"])
        return 0
    if not found:
        return 0
    passed = failed = 0
    for n, (t, bins) in enumerate(found, 1):
        status, secs, out = run_one(t, bins, build, emulator)
        print("%d/%d %-32s %s  %.2f sec" % (n, len(found), t["name"] + " (qemu wrapper)",
                                             status, secs), flush=True)
        if status == "Passed":
            passed += 1
        else:
            failed += 1
            sys.stdout.write(out)
    print("qemu-wrapped: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
