#!/usr/bin/env bash
# What `ticker render` writes (issue 13): every PNG file is standard (pngcheck) and decodes with
# Pillow to exactly the pixels its frames.sha256 line hashes; the files are byte-identical
# across runs and whichever frame a run starts at; --video gives a video of the right frame
# count, size and rate (checked with ffprobe); the contact sheet has a time stamp under each
# thumbnail; the progress bar ends with a newline and a summary line says what was written.
# Called by CTest with the ticker binary; runs in tests/.
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
now=2026-11-27T14:35:00+01:00
d=data/render
py=/usr/bin/python3
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }
# run NAME ARGS...: ticker render, failing the test (with its stderr) when it fails.
run() {
    local name=$1
    shift
    "$bin" render "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        bad "$name: ticker render $* exited $rc: $(cat "$tmp/$name.err")"
        return 1
    fi
}
# check_png DIR ARGS...: every frame checked by decoders that are not ours.
check_png() {
    if "$py" app/render_check_png.py "$@" >"$tmp/check" 2>&1; then
        ok "$(sed 's/^ok *//' "$tmp/check")"
    else
        bad "$(cat "$tmp/check")"
    fi
}

# Frames at three sizes and layouts, through the encoder pool; a story change and its
# cross-fade are inside the 1080p range (frames 560-620), so whole-panel changes are covered.
run a --out "$tmp/a" --size 320x180 --frames 40 --feed $d/de.xml --now $now &&
    check_png "$tmp/a" --frames 40 --size 320x180
run p --out "$tmp/p" --size 270x480 --frames 12 --feed $d/cjk.xml --feed $d/ar.xml --now $now \
    --threads 3 && check_png "$tmp/p" --frames 12 --size 270x480
run h --out "$tmp/h" --size 1920x1080 --start-frame 560 --frames 61 --every 4 \
    --feed $d/de.xml --feed $d/en.xml --now $now && check_png "$tmp/h" --frames 16 --size 1920x1080
# 16 frames from 560 every 4: the panel changes story within them.
[ "$(cut -d' ' -f1 "$tmp/h/frames.sha256" | sort -u | wc -l)" -eq 16 ] &&
    ok "1080p: 16 different frames" || bad "1080p: frames repeat: $(cat "$tmp/h/frames.sha256")"

# Byte-identical: a second run, one thread instead of two, and a run starting at frame 20.
run a2 --out "$tmp/a2" --size 320x180 --frames 40 --feed $d/de.xml --now $now --threads 1 &&
    if diff -r "$tmp/a" "$tmp/a2" >/dev/null; then
        ok "a second run (one encoder thread) writes the same bytes"
    else
        bad "a second run wrote different files: $(diff -rq "$tmp/a" "$tmp/a2" | head -3)"
    fi
run a3 --out "$tmp/a3" --size 320x180 --start-frame 20 --frames 20 --feed $d/de.xml --now $now &&
    if cmp -s "$tmp/a/frame-000020.png" "$tmp/a3/frame-000020.png" &&
        cmp -s "$tmp/a/frame-000039.png" "$tmp/a3/frame-000039.png"; then
        ok "frames 20 and 39 have the same bytes when the run starts at 20"
    else
        bad "--start-frame 20 wrote different bytes for frames 20 or 39"
    fi

# The summary line: frames, seconds, frames per second, where the files are.
grep -Eq "^ticker render: 40 frames in [0-9.]+ s \([0-9.]+ frames/s\); $tmp/a/frame-000000.png \.\.\. frame-000039.png and frames.sha256$" \
    "$tmp/a.out" && ok "summary line" || bad "summary line: $(cat "$tmp/a.out")"
# On a terminal, the progress bar ends with a newline before the summary.
if command -v script >/dev/null; then
    script -qec "'$bin' render --out '$tmp/tty' --size 320x180 --frames 24 --feed $d/de.xml --now $now" \
        /dev/null >"$tmp/tty.log" 2>&1
    # (the terminal turns each newline into \r\n)
    if grep -Pzq '\[#{30}\] 24/24 frames  [0-9]+ fps \r\nticker render: 24 frames in' \
        "$tmp/tty.log"; then
        ok "progress bar, then a newline and the summary"
    else
        bad "progress bar on a terminal: $(od -c "$tmp/tty.log" | tail -5)"
    fi
else
    echo "skip progress bar: no script(1) to make a terminal"
fi

# The contact sheet: a time stamp under each of the 7 thumbnails, each different.
run s --out "$tmp/s" --size 320x180 --frames 7 --feed $d/de.xml --now $now \
    --contact-sheet "$tmp/sheet.png" &&
    if "$py" - "$tmp/sheet.png" >"$tmp/sheet.txt" 2>&1 <<'PY'; then
import sys
from PIL import Image
img = Image.open(sys.argv[1]).convert("RGB")
W, H = img.size
gap, tw, th = 8, 320, 180
cols = 6  # 7 thumbnails: 6 in the first row
cell_h = (H - gap) // 2 - gap
strips = []
for i in range(7):
    x0, y0 = gap + (i % cols) * (tw + gap), gap + (i // cols) * (cell_h + gap)
    strip = img.crop((x0, y0 + th, x0 + tw, y0 + cell_h))
    ink = sum(1 for p in strip.getdata() if max(p) > 0x80)
    if cell_h <= th or ink < 30:
        sys.exit(f"thumbnail {i}: no caption under it (caption height {cell_h - th}, {ink} ink pixels)")
    strips.append(strip.tobytes())
if len(set(strips)) != 7:
    sys.exit("two thumbnails have the same caption")
print(f"7 captions of {cell_h - th} px")
PY
        ok "contact sheet: $(cat "$tmp/sheet.txt")"
    else
        bad "contact sheet: $(cat "$tmp/sheet.txt")"
    fi

# Video through ffmpeg: frame count, size and rate from ffprobe.
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
    for ext in mp4 webm; do
        # 90 frames at 30 fps, every 3rd kept: 30 frames at 10 fps; 321x181 is padded to even.
        if run v$ext --video "$tmp/v.$ext" --size 321x181 --fps 30 --frames 90 --every 3 \
            --feed $d/en.xml --now $now; then
            got=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries \
                stream=width,height,r_frame_rate,nb_read_frames -of csv=p=0 "$tmp/v.$ext")
            [ "$got" = "322,182,10/1,30" ] && ok "--video .$ext: 30 frames of 322x182 at 10 fps" ||
                bad "--video .$ext: ffprobe says '$got', want 322,182,10/1,30"
        fi
    done
    # Both outputs at once: the PNGs are as without the video.
    run both --out "$tmp/both" --video "$tmp/both.mp4" --size 320x180 --frames 40 \
        --feed $d/de.xml --now $now &&
        { cmp -s "$tmp/a/frames.sha256" "$tmp/both/frames.sha256" && [ -s "$tmp/both.mp4" ] &&
            ok "--out and --video together" || bad "--out with --video: different frames"; }
else
    echo "skip --video: ffmpeg is not installed (toolchain/install-deps.sh installs it)"
fi
# Without ffmpeg in PATH: a message naming the Debian package, exit 1, no file.
if PATH=/nonexistent "$bin" render --video "$tmp/none.mp4" --frames 2 --size 320x180 \
    >/dev/null 2>"$tmp/noff.err"; then
    bad "--video without ffmpeg: exit 0"
elif grep -q "ffmpeg" "$tmp/noff.err" && grep -q "Debian package" "$tmp/noff.err" &&
    [ ! -e "$tmp/none.mp4" ]; then
    ok "--video without ffmpeg: $(cat "$tmp/noff.err")"
else
    bad "--video without ffmpeg: $(cat "$tmp/noff.err")"
fi
if "$bin" render --video "$tmp/x.avi" --frames 1 >/dev/null 2>"$tmp/avi.err"; then
    bad "--video x.avi: exit 0"
else
    grep -q "mp4 or .webm" "$tmp/avi.err" && ok "--video x.avi refused" ||
        bad "--video x.avi: $(cat "$tmp/avi.err")"
fi
exit $fail
