#!/usr/bin/env bash
# Boots the image of firmware/image/build.sh in qemu-system-aarch64 and checks that the wall
# shows the news (firmware/image/README.md):
#
#   firmware/image/test.sh          (make image-test; builds the image first, from the cache)
#
# 1. boots the image's disk (a qcow2 overlay per boot, so the image itself is never changed)
#    on the virt machine with virtio-gpu, no network, TCG; the kernel and initrd are the
#    image's own;
# 2. waits for ticker.service to be started: it is Type=notify, so systemd reports it started
#    only when Ticker sent READY=1, after its first frame is on the screen;
# 3. takes the guest's screen through QMP screendump and checks the band, its text and the
#    cached demo headlines (OCR with tesseract where installed, else pixels): screen.py;
# 4. powers the guest off hard (QMP quit), boots the same disk again, still with no network,
#    and checks the same news is back from the cache.
# Screenshots, serial logs and OCR text stay in out/image-test/. Prints the time of each step.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here=$root/firmware/image
img_dir=${IMAGE_OUT:-$root/out/image}
out=$root/out/image-test
boot_timeout=${BOOT_TIMEOUT:-420}
t0=$(date +%s)
say() { echo "image-test: [$(( $(date +%s) - t0 )) s] $*"; }

for p in qemu-system-arm qemu-utils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends "$p"; }
done
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    "$here/build.sh"
fi
say "image built"
rm -rf "$out"
mkdir -p "$out"
img=$img_dir/ticker-arm64.img

# The demo headlines, read from the demo feeds by the host's own ticker.
host_ticker=$root/build/src/ticker
[ -x "$host_ticker" ] || make -C "$root" build >/dev/null
for f in "$root"/assets/demo/*; do
    "$host_ticker" parse "$f" 2>/dev/null
done | python3 -c '
import json, sys
for line in sys.stdin:
    line = line.strip().rstrip(",")
    if line.startswith("{\"id\""):
        print(json.loads(line)["title"])
' >"$out/titles.txt"
[ -s "$out/titles.txt" ] || { say "no demo headlines read"; exit 1; }

qemu_pid=
cleanup() {
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
        kill -9 "$qemu_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT

overlay=$out/disk.qcow2
qemu-img create -q -f qcow2 -b "$img" -F raw "$overlay"

boot() { # N: boots the overlay, waits for READY=1, takes and checks the screen
    local n=$1 serial=$out/serial-$1.log qmp=$out/qmp-$1.sock start
    start=$(date +%s)
    qemu-system-aarch64 -M virt -cpu cortex-a72 -accel tcg,thread=multi -smp 2 -m 1024 \
        -kernel "$img_dir/vmlinuz" -initrd "$img_dir/initrd.img" \
        -append "root=LABEL=ticker-root rw console=ttyAMA0 systemd.show_status=1 systemd.status_unit_format=name systemd.journald.forward_to_console=1 $(cat "$root/firmware/cmdline-append.txt")" \
        -drive "file=$overlay,if=none,id=disk,format=qcow2" -device virtio-blk-pci,drive=disk \
        -device virtio-gpu-pci -display none -nic none -no-reboot \
        -serial "file:$serial" -monitor none -qmp "unix:$qmp,server=on,wait=off" &
    qemu_pid=$!
    say "boot $n: qemu started (pid $qemu_pid)"
    local ready=0 failed_run=0
    while [ $(( $(date +%s) - start )) -lt "$boot_timeout" ]; do
        if ! kill -0 "$qemu_pid" 2>/dev/null; then
            say "boot $n: qemu exited"
            break
        fi
        # "Started ticker.service" (status_unit_format=name): printed only after READY=1.
        if grep -aq 'Started .*ticker\.service' "$serial" 2>/dev/null; then
            ready=1
            break
        fi
        sleep 2
    done
    sed 's/\x1b\[[0-9;]*[mK]//g' "$serial" | tr '\r' '\n' | grep -aiE 'ticker' |
        tail -n 30 >"$out/serial-$n-ticker.txt" || true
    if [ $ready -ne 1 ]; then
        say "boot $n: no READY=1 from ticker.service within ${boot_timeout} s; its lines:"
        cat "$out/serial-$n-ticker.txt"
        # The screen as it is, to see what went wrong.
        python3 "$here/screen.py" shot "$qmp" "$out/screen-$n-timeout.ppm" 2>/dev/null || true
        return 1
    fi
    say "boot $n: ticker.service started (READY=1) $(( $(date +%s) - start )) s after power-on"
    # A few seconds of scrolling, so the first story's card has faded in; then up to a minute
    # more while the screen does not yet pass the pixel checks (the first frames under TCG
    # can take a while to reach the scanout).
    sleep 5
    local tries=0
    while :; do
        python3 "$here/screen.py" shot "$qmp" "$out/screen-$n.ppm"
        python3 "$here/screen.py" check "$out/screen-$n.ppm" "$out/titles.txt" >/dev/null &&
            break
        tries=$((tries + 1))
        [ $tries -ge 6 ] && break
        say "boot $n: the screen does not show the ticker yet; again in 10 s"
        sleep 10
    done
    local ocr=()
    if command -v tesseract >/dev/null; then
        tesseract "$out/screen-$n.ppm" "$out/screen-$n" -l eng+deu >/dev/null 2>&1 ||
            tesseract "$out/screen-$n.ppm" "$out/screen-$n" >/dev/null 2>&1
        ocr=("$out/screen-$n.txt")
    fi
    python3 "$here/screen.py" check "$out/screen-$n.ppm" "$out/titles.txt" "${ocr[@]}" \
        | tee "$out/check-$n.txt"
    local rc=${PIPESTATUS[0]}
    command -v convert >/dev/null && convert "$out/screen-$n.ppm" "$out/screen-$n.png" || true
    return $rc
}

rc=0
boot 1 || rc=1
say "powering off hard (QMP quit)"
python3 "$here/screen.py" quit "$out/qmp-1.sock"
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
if [ $rc -eq 0 ]; then
    boot 2 || rc=1
    # The news after the hard power-off is the same cached news.
    if [ $rc -eq 0 ] && [ -f "$out/screen-2.txt" ]; then
        sed -n 's/^  - //p' "$out/check-1.txt" | sort >"$out/found-1.txt"
        sed -n 's/^  - //p' "$out/check-2.txt" | sort >"$out/found-2.txt"
        same=$(comm -12 "$out/found-1.txt" "$out/found-2.txt" | wc -l)
        if [ "$same" -gt 0 ]; then
            say "second boot, no network: $same of the first boot's headlines are back"
        else
            say "second boot shows none of the first boot's headlines"
            rc=1
        fi
    fi
    python3 "$here/screen.py" quit "$out/qmp-2.sock"
    wait "$qemu_pid" 2>/dev/null || true
    qemu_pid=
fi
if [ $rc -eq 0 ]; then
    say "1 passed, 0 failed (screens in $out)"
else
    say "0 passed, 1 failed (serial logs and screens in $out)"
fi
exit $rc
