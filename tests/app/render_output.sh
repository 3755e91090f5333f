#!/usr/bin/env bash
# What `ticker render` writes (issue 13): every PNG file is standard (pngcheck) and decodes with
# Pillow to exactly the pixels its frames.sha256 line hashes; the files are byte-identical
# across runs and whichever frame a run starts at; --video gives a video of the right frame
# count, size and rate (checked with ffprobe); the contact sheet has a time stamp under each
# thumbnail; the progress bar ends with a newline and a summary line says what was written.
# Called by CTest with the ticker binary; runs in tests/.
. "$(dirname "$0")/lib.sh" "$@"

now=2026-11-27T14:35:00+01:00
d=$data/render
# render NAME ARGS...: ticker render, expected to succeed; stdout kept as $tmp/NAME.out.
render() {
    local name=$1
    shift
    run "$ticker" render "$@"
    cp "$tmp/stdout" "$tmp/$name.out"
    expect_status 0 "$name: ticker render exits 0"
}
# check_png DIR ARGS...: every frame checked by decoders that are not ours.
check_png() {
    expect "$1: pngcheck clean, Pillow decodes every frame to its hash" \
        /usr/bin/python3 "$tests/app/render_check_png.py" "$@"
}

# Frames at three sizes and layouts, through the encoder pool; a story change and its
# cross-fade are inside the 1080p range (frames 560-620), so whole-panel changes are covered.
render a --out "$tmp/a" --size 320x180 --frames 40 --feed "$d/de.xml" --now $now
check_png "$tmp/a" --frames 40 --size 320x180
render p --out "$tmp/p" --size 270x480 --frames 12 --feed "$d/cjk.xml" --feed "$d/ar.xml" \
    --now $now --threads 3
check_png "$tmp/p" --frames 12 --size 270x480
render h --out "$tmp/h" --size 1920x1080 --start-frame 560 --frames 61 --every 4 \
    --feed "$d/de.xml" --feed "$d/en.xml" --now $now
check_png "$tmp/h" --frames 16 --size 1920x1080
distinct() { [ "$(cut -d' ' -f1 "$1" | sort -u | wc -l)" -eq "$2" ]; }
expect "1080p: 16 different frames (a story change among them)" distinct "$tmp/h/frames.sha256" 16

# Byte-identical: a second run, one thread instead of two, and a run starting at frame 20.
render a2 --out "$tmp/a2" --size 320x180 --frames 40 --feed "$d/de.xml" --now $now --threads 1
expect "a second run (one encoder thread) writes the same bytes" diff -r "$tmp/a" "$tmp/a2"
render a3 --out "$tmp/a3" --size 320x180 --start-frame 20 --frames 20 --feed "$d/de.xml" \
    --now $now
expect "frame 20 has the same bytes when the run starts at 20" \
    cmp "$tmp/a/frame-000020.png" "$tmp/a3/frame-000020.png"
expect "frame 39 has the same bytes when the run starts at 20" \
    cmp "$tmp/a/frame-000039.png" "$tmp/a3/frame-000039.png"

# The summary line: frames, seconds, frames per second, where the files are.
expect "the summary line" grep -Eq "^ticker render: 40 frames in [0-9.]+ s \([0-9.]+ frames/s\); $tmp/a/frame-000000\.png \.\.\. frame-000039\.png and frames\.sha256$" \
    "$tmp/a.out"
# On a terminal, the progress bar ends with a newline before the summary.
if command -v script >/dev/null; then
    run script -qec "'$ticker' render --out '$tmp/tty' --size 320x180 --frames 24 --feed '$d/de.xml' --now $now" \
        /dev/null
    # (the terminal turns each newline into \r\n)
    expect "progress bar on a terminal, then a newline and the summary" \
        grep -Pzq '\[#{30}\] 24/24 frames  [0-9]+ fps \r\nticker render: 24 frames in' "$tmp/stdout"
else
    echo "skip progress bar: no script(1) to make a terminal"
fi

# The contact sheet: a time stamp under each of the 7 thumbnails, each different.
render s --out "$tmp/s" --size 320x180 --frames 7 --feed "$d/de.xml" --now $now \
    --contact-sheet "$tmp/sheet.png"
cat >"$tmp/sheet.py" <<'PY'

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
expect "contact sheet: a different caption under each of the 7 thumbnails" \
    /usr/bin/python3 "$tmp/sheet.py" "$tmp/sheet.png"

# Video through ffmpeg: frame count, size and rate from ffprobe.
if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
    for ext in mp4 webm; do
        # 90 frames at 30 fps, every 3rd kept: 30 frames at 10 fps; 321x181 is padded to even.
        render v$ext --video "$tmp/v.$ext" --size 321x181 --fps 30 --frames 90 --every 3 \
            --feed "$d/en.xml" --now $now
        run ffprobe -v error -count_frames -select_streams v:0 -show_entries \
            stream=width,height,r_frame_rate,nb_read_frames -of csv=p=0 "$tmp/v.$ext"
        expect_stdout "^322,182,10/1,30$" "--video .$ext: 30 frames of 322x182 at 10 fps (ffprobe)"
    done
    # Both outputs at once: the PNGs are as without the video.
    render both --out "$tmp/both" --video "$tmp/both.mp4" --size 320x180 --frames 40 \
        --feed "$d/de.xml" --now $now
    expect "--out and --video together: the same frames" \
        cmp "$tmp/a/frames.sha256" "$tmp/both/frames.sha256"
    expect "--out and --video together: a video" test -s "$tmp/both.mp4"
else
    echo "skip --video: ffmpeg is not installed (toolchain/install-deps.sh installs it)"
fi
# Without ffmpeg in PATH: a message naming the Debian package, exit 1, no file.
run env PATH=/nonexistent "$ticker" render --video "$tmp/none.mp4" --frames 2 --size 320x180
expect_status 1 "--video without ffmpeg: exit 1"
expect_stderr "^ticker render: --video: .*none\.mp4: writing a video needs ffmpeg, which is not installed \(Debian package: ffmpeg" \
    "--video without ffmpeg: the message names the package"
expect "--video without ffmpeg: no file" test ! -e "$tmp/none.mp4"
run "$ticker" render --video "$tmp/x.avi" --frames 1
expect_status 2 "--video x.avi: exit 2"
expect_stderr "^ticker render: --video .*x\.avi: the file name must end in \.mp4 or \.webm$" \
    "--video x.avi: the message"
