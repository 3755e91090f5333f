#!/usr/bin/env bash
# Picture figures (issue 14, docs/images.md), each measured against the same run without
# pictures so the ratio holds whatever the shared machine is doing:
#   the frame where a story with a picture appears: at most 2 ms more CPU than one without
#     (`ticker render --bench-frame`, the window path's per-frame work, 1080p; "without" is
#     the same feed with "images": false)
#   peak resident memory with 500 stories with pictures: under 96 MB (GNU time, headless)
#   one picture through the sandboxed decoder: CPU of the helper process (startup included)
#   cache growth per picture: 500 stories with photos fetched from tests/feedserver.py into a
#     cache with pictures and one without (tests/bench/bench_pictures.c)
#   the wall display's peak resident memory with those 500 pictured stories: `ticker run`
#     under Xvfb for BENCH_IMAGES_SECONDS (20) through tests/bench/run_bench.py
#
#   tests/bench/bench_images.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
bin=$build/src/ticker
cd "$(dirname "$0")/../.."
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=2026-11-27T14:35:00+01:00

# Pictures: photo-like 1200x800 images (shapes, blur and grain, so they are not trivially
# small), as PNG and JPEG.
/usr/bin/python3 - "$tmp" <<'PY'
import random, sys
from PIL import Image, ImageDraw, ImageFilter
out = sys.argv[1]
rnd = random.Random(14)
for k in range(8):
    im = Image.new("RGB", (1200, 800), (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    d = ImageDraw.Draw(im)
    for _ in range(40):
        x, y = rnd.randrange(1200), rnd.randrange(800)
        d.ellipse([x, y, x + rnd.randrange(50, 400), y + rnd.randrange(50, 300)],
                  fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)))
    im = im.filter(ImageFilter.GaussianBlur(3))
    grain = Image.effect_noise((1200, 800), 24).convert("RGB")
    im = Image.blend(im, grain, 0.12)
    im.save(f"{out}/pic{k}.png")
    im.save(f"{out}/pic{k}.jpg", quality=85)
PY

# A feed of n stories, each with a picture and a link.
feed() {
    local n=$1 f=$2
    {
        echo '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Bench</title><language>en</language>'
        for ((i = 0; i < n; i++)); do
            printf '<item><title>Story %d: council approves new ferry line to the shipyard island</title>' "$i"
            printf '<link>https://bench.example/2026/11/story-%d</link><guid>b%d</guid>' "$i" "$i"
            printf '<pubDate>Fri, 27 Nov 2026 %02d:%02d:00 +0100</pubDate>' $((13 - i / 60 % 13)) $((59 - i % 60))
            printf '<description>The electric ferry runs every ten minutes from Monday. Commuters save up to twenty minutes, and a single ticket costs as much as a bus ride.</description>'
            printf '<media:content url="file://%s/pic%d.jpg" type="image/jpeg" medium="image"/></item>\n' "$tmp" $((i % 8))
        done
        echo '</channel></rss>'
    } >"$f"
}
feed 8 "$tmp/eight.xml"
feed 500 "$tmp/five-hundred.xml"
echo '{"display": {"images": false}}' >"$tmp/off.json"

echo "story-change frame, 1920x1080, window path (software renderer), 8 stories:"
with=$("$bin" render --bench-frame --size 1920x1080 --now "$now" --feed "$tmp/eight.xml" --frames 3000)
without=$("$bin" render --bench-frame --size 1920x1080 --now "$now" --config "$tmp/off.json" --feed "$tmp/eight.xml" --frames 3000)
echo "  with pictures:    $with"
echo "  without pictures: $without"
w=$(sed -n 's/.*story changes at \([0-9.]*\) ms mean.*/\1/p' <<<"$with")
wo=$(sed -n 's/.*story changes at \([0-9.]*\) ms mean.*/\1/p' <<<"$without")
awk -v a="$w" -v b="$wo" 'BEGIN { printf "  a story with a picture appears: %+.3f ms CPU against one without (goal: at most +2 ms)\n", a - b }'

echo "peak resident memory, headless 1920x1080, 500 stories, 1200 frames (every story change builds a card):"
for cfg in with without; do
    extra=()
    [ $cfg = without ] && extra=(--config "$tmp/off.json")
    /usr/bin/time -f "%M" -o "$tmp/rss" "$bin" render --out "$tmp/out-$cfg" --no-png --size 1920x1080 \
        --now "$now" "${extra[@]}" --feed "$tmp/five-hundred.xml" --frames 1200 >/dev/null
    echo "  $cfg pictures: $(( $(cat "$tmp/rss") / 1024 )) MB (goal with pictures: under 96 MB)"
done

echo "one picture through the sandboxed decoder (1200x800 JPEG to the 1080p landscape box 430x286):"
helper=$build/src/ticker-imgdecode
/usr/bin/time -f "%e s wall, %U s user + %S s system, peak %M KB" -o "$tmp/t" \
    sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do $helper 430 286 <$tmp/pic0.jpg | cat >/dev/null; done"
echo "  10 decodes: $(cat "$tmp/t")"

echo "cache growth per picture, through the fetcher (1920x1080 card: 430x286 JPEG, quality 85):"
. "$root/tests/feedserver.sh"
mkdir -p "$tmp/photos" "$tmp/caches"
cp "$tmp"/pic*.jpg "$tmp/photos/"
feedserver_start "$tmp" --images "$tmp/photos"
TICKER_IMGDECODE_BIN=$build/src/ticker-imgdecode "$build/tests/bench_pictures" "$base" 500 "$tmp/caches"

echo "the wall display with those 500 pictured stories (Xvfb 1920x1080, ${BENCH_IMAGES_SECONDS:-20} s):"
. "$root/tests/app/support/x11.sh"
trap 'x11_stop; feedserver_stop; rm -rf "$tmp"' EXIT
x11_start 1920 1080
printf '{"feeds": [{"url": "%s/feed/pics?img=file&items=500", "name": "Pics", "interval": 604800, "max_items": 500}], "retention": {"max_items": 500}, "fetch_articles": false}\n' "$base" >"$tmp/run.json"
export LANG=C TZ=UTC BENCH_XVFB_PID=$X11_PID
/usr/bin/python3 "$root/tests/bench/run_bench.py" "$bin" "$tmp" "$tmp/run.json" "$tmp/caches/with.db" \
    --runs 1 --seconds "${BENCH_IMAGES_SECONDS:-20}" | sed 's/^/  /'
echo "  (goal with pictures: peak resident memory under 96 MB)"
