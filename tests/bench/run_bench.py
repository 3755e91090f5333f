#!/usr/bin/python3
"""The wall display's figures (issue 8), measured on a running `ticker run` under Xvfb:

  first frame   exec of `ticker run` to READY=1 on the notification socket (sent after the
                first frame was presented), with a 500-story cache, warm and cold (the page
                cache dropped before each start when /proc/sys/vm/drop_caches is writable);
                also the CPU time the process used until then, which a busy machine does not
                inflate
  CPU           CPU time of the process per second of display at 1920x1080 and 60 fps, in the
                window path (SDL's x11 driver, software renderer), after a warm-up; Xvfb's own
                CPU beside it (the X server's copy of each frame is not ours, but it is real)
  memory        peak resident memory (VmHWM) of the process at the end

Usage: run_bench.py TICKER_BIN WORK_DIR CONFIG CACHE [--runs N] [--seconds S]
Prints one line per figure; asserts nothing (a benchmark, not a test).
"""
import os
import socket
import statistics
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def drop_caches():
    try:
        subprocess.run(["sync"], check=False)
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError:
        return False


def start(ticker, work, config, cache, env, sock_path, mode=("--fullscreen",)):
    if os.path.exists(sock_path):
        os.unlink(sock_path)
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(sock_path)
    env = dict(env, NOTIFY_SOCKET=sock_path)
    log = open(os.path.join(work, "run.log"), "ab")
    t0 = time.monotonic()
    p = subprocess.Popen([ticker, "run", "--config", config, "--cache", cache,
                          *mode, "--status-file", os.path.join(work, "status.json")],
                         env=env, stderr=log)
    s.settimeout(60)
    while True:
        msg = s.recv(4096).decode()
        if "READY=1" in msg:
            t1 = time.monotonic()
            break
    cpu = cpu_seconds(p.pid)
    return p, s, (t1 - t0) * 1000, cpu * 1000


def stop(p, s):
    p.terminate()
    p.wait(timeout=10)
    s.close()


def first_frames(ticker, work, config, cache, env, runs, cold, mode=("--fullscreen",)):
    wall, cpu = [], []
    for _ in range(runs):
        if cold and not drop_caches():
            return None
        p, s, ms, cpu_ms = start(ticker, work, config, cache, env, os.path.join(work, "n.sock"),
                                 mode)
        stop(p, s)
        wall.append(ms)
        cpu.append(cpu_ms)
    return wall, cpu


def main():
    ticker, work, config, cache = sys.argv[1:5]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    secs = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 20
    xvfb_pid = int(os.environ["BENCH_XVFB_PID"])
    env = dict(os.environ)
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    # Floors measured in the same run, for the ratios: starting a process that draws nothing,
    # and composing the same first frame headless (same cache, same fonts, no window).
    def timed(cmd, n=runs):
        t = []
        for _ in range(n):
            t0 = time.monotonic()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=False)
            t.append((time.monotonic() - t0) * 1000)
        return statistics.median(t)
    floor = timed([ticker, "version"])
    headless = timed([ticker, "render", "--cache", cache, "--config", config, "--frames", "1",
                      "--no-png", "--size", "1920x1080", "--out", os.path.join(work, "h")])
    print(f"floors: `ticker version` {floor:.0f} ms; the same first frame headless "
          f"(`ticker render --frames 1 --no-png`, exec to exit) {headless:.0f} ms")
    dummy = dict(env, SDL_VIDEODRIVER="dummy")
    r = first_frames(ticker, work, config, cache, dummy, runs, False)
    print(f"first frame without an X server (SDL's dummy driver, warm): median "
          f"{statistics.median(r[0]):.0f} ms from exec; CPU until then "
          f"{statistics.median(r[1]):.0f} ms")

    for label, cold in (("warm", False), ("cold", True)):
        r = first_frames(ticker, work, config, cache, env, runs, cold)
        if r is None:
            print(f"first frame ({label} cache): not measured (cannot drop the page cache here)")
            continue
        wall, cpu = r
        print(f"first frame ({label} cache, 500 stories, 1920x1080): median "
              f"{statistics.median(wall):.0f} ms from exec (min {min(wall):.0f}, max "
              f"{max(wall):.0f}, {runs} runs); CPU until then {statistics.median(cpu):.0f} ms; "
              f"goal <= 150 ms")

    # The same first frame in a 1920x1080 window instead of full screen. SDL's X11 backend
    # waits up to about 100 ms for a window manager to confirm full screen; on a server without
    # one (Xvfb) the window back end opens a borderless window over the display instead, so
    # this line and the warm line above should now agree.
    r = first_frames(ticker, work, config, cache, env, runs, False, ("--window", "1920x1080"))
    print(f"first frame (warm cache, 1920x1080 window, not full screen): median "
          f"{statistics.median(r[0]):.0f} ms from exec; CPU until then "
          f"{statistics.median(r[1]):.0f} ms")

    # Steady display: CPU per second after a warm-up of 5 s.
    p, s, _, _ = start(ticker, work, config, cache, env, os.path.join(work, "n.sock"))
    time.sleep(5)
    c0, x0, t0 = cpu_seconds(p.pid), cpu_seconds(xvfb_pid), time.monotonic()
    time.sleep(secs)
    c1, x1, t1 = cpu_seconds(p.pid), cpu_seconds(xvfb_pid), time.monotonic()
    hwm = vm_hwm_kb(p.pid)
    stop(p, s)
    status = open(os.path.join(work, "status.json")).read()
    fps = next((l.split(":")[1].strip().rstrip(",") for l in status.splitlines()
                if '"fps"' in l), "?")
    dropped = next((l.split(":")[1].strip().rstrip(",") for l in status.splitlines()
                    if '"dropped_frames"' in l), "?")
    print(f"CPU at 1920x1080, {fps} fps (last status period), window path: "
          f"{100 * (c1 - c0) / (t1 - t0):.1f}% of one core over {t1 - t0:.0f} s "
          f"(Xvfb itself: {100 * (x1 - x0) / (t1 - t0):.1f}%); {dropped} dropped frames since "
          f"the start; goal <= 3%")
    print(f"peak resident memory: {hwm / 1024:.1f} MB; goal <= 48 MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
