#!/usr/bin/env bash
# Rendering figures (issues 5 and 13), with the demo feeds (assets/demo) unless said otherwise.
# Targets on the 2-core reference machine:
#   headless 1920x1080 with a PNG for every frame   >= 240 frames/s (issue 13; 60 in issue 5)
#   headless 1920x1080, frame hashes only          >= 500 frames/s (issue 13)
#   one steady-state frame (window path, SDL software renderer)   < 2 ms CPU
#   peak memory at 1080p with 500 stories   < 80 MB
#
# "before" is the binary of BENCH_RENDER_BASELINE (default: the last commit before the
# incremental PNG encoder), built once into BUILD_DIR/bench-baseline-<commit>/ from `git
# archive` and measured in the same run, case by case next to the current binary, so the
# ratios hold whatever else the machine is doing. The machine is shared: wall-clock rates say
# as much about the neighbours as about us, so each line also gives the CPU time per frame and
# the rate the run would reach with the cores to itself: frames / max(CPU time / cores, CPU
# time of the render thread, CPU time of the encoders / encoder threads), the work that cannot
# be spread further (--stats prints it; the baseline cannot, so its estimate assumes perfect
# spreading and flatters it).
#
#   tests/bench/bench_render.sh BUILD_DIR
#   BENCH_RENDER_BASELINE=none tests/bench/bench_render.sh BUILD_DIR   # skip the baseline
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
bin=$build/src/ticker
[ -x "$bin" ] || bin=$build/ticker
cd "$(dirname "$0")/../.."
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=2026-11-27T14:35:00+01:00
cores=$(nproc)
d=tests/data/render
demo=()
for f in assets/demo/*; do
    case $f in *.xml | *.rss | *.atom | *.json) demo+=(--feed "$f") ;; esac
done
mixed=(--feed $d/de.xml --feed $d/en.xml --feed $d/ar.xml --feed $d/cjk.xml --feed $d/emoji.xml)

# The baseline binary.
base_rev=${BENCH_RENDER_BASELINE:-22fd8b3}
old=
if [ "$base_rev" != none ] && git rev-parse -q --verify "$base_rev^{commit}" >/dev/null 2>&1; then
    sha=$(git rev-parse --short "$base_rev^{commit}")
    bdir=$build/bench-baseline-$sha
    if [ ! -x "$bdir/build/src/ticker-display" ]; then
        echo "building the baseline $sha into $bdir (once) ..."
        rm -rf "$bdir"
        mkdir -p "$bdir/src"
        git archive "$sha" | tar -x -C "$bdir/src"
        if cmake -S "$bdir/src" -B "$bdir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
            -DCMAKE_C_COMPILER=gcc >"$bdir/build.log" 2>&1 &&
            cmake --build "$bdir/build" -j "$cores" --target ticker-display >>"$bdir/build.log" 2>&1; then
            :
        else
            echo "baseline build failed (see $bdir/build.log): measuring the current binary only"
        fi
    fi
    [ -x "$bdir/build/src/ticker-display" ] && old=$bdir/build/src/ticker-display
elif [ "$base_rev" != none ]; then
    echo "baseline $base_rev is not a commit here (not a git checkout?): current binary only"
fi

# A 500-story feed of our own words, generated fresh each run.
/usr/bin/python3 - "$tmp/500.xml" <<'PY'
import sys
words = ("Rat Stadt Hafen Brücke Bahn Schule Wetter Markt Museum Energie Verkehr Sport "
         "Wahl Gericht Klinik Bibliothek Theater Flughafen Polizei Feuerwehr").split()
out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>',
       '<title>Bench</title><language>de</language>']
for i in range(500):
    w = [words[(i * k + 3) % len(words)] for k in range(1, 9)]
    title = f"{w[0]} und {w[1]}: {w[2]} plant neue {w[3]} für {w[4]} ({i + 1})"
    summ = " ".join(f"{w[k % 8]} {w[(k + 3) % 8]} meldet {k + i} neue Fälle." for k in range(6))
    mins = i * 7
    out.append(f"<item><title>{title}</title><guid>b-{i}</guid>"
               f"<pubDate>Fri, 27 Nov 2026 {13 - mins // 60 % 12:02d}:{59 - mins % 60:02d}:00 +0100</pubDate>"
               f"<description>{summ}</description></item>")
out.append("</channel></rss>")
open(sys.argv[1], "w").write("\n".join(out))
PY

# run LABEL BINARY FRAMES ARGS...: one line of figures; sets $idle_fps.
idle_fps=0
run() {
    local label=$1 exe=$2 frames=$3
    shift 3
    local stats=()
    [ "$exe" = "$old" ] || stats=(--stats)
    rm -rf "$tmp/out"
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$exe" render --out "$tmp/out" --now "$now" \
        --frames "$frames" "${stats[@]}" "$@" >"$tmp/stdout" 2>/dev/null
    local wall user sys kb
    read -r wall user sys kb <"$tmp/time"
    local thr enc
    thr=$(sed -n 's/.*render-thread-cpu \([0-9.]*\).*/\1/p' "$tmp/stdout")
    enc=$(sed -n 's/.*encoder-threads \([0-9]*\).*/\1/p' "$tmp/stdout")
    read -r idle_fps line < <(awk -v f="$frames" -v w="$wall" -v u="$user" -v s="$sys" \
        -v t="${thr:-0}" -v e="${enc:-0}" -v n="$cores" -v kb="$kb" 'BEGIN {
            c = u + s; crit = c / n; if (t > crit) crit = t
            if (e > 0 && (c - t) / e > crit) crit = (c - t) / e
            idle = crit > 0 ? f / crit : 0
            printf "%.0f %6.2f s wall %6.1f fps | %5.2f ms CPU/frame, %6.0f fps on %d idle cores | peak %5.1f MB\n",
                idle, w, (w > 0 ? f / w : 0), c * 1000 / f, idle, n, kb / 1024 }')
    printf '%-44s %5d frames %s\n' "$label" "$frames" "$line"
}

# case LABEL FRAMES ARGS...: the baseline then the current binary; prints the ratio.
ratio_line() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1fx", b / a; else printf "-" }'; }
case_pair() {
    local label=$1 frames=$2
    shift 2
    local before=0
    if [ -n "$old" ]; then
        run "$label  [before]" "$old" "$frames" "$@"
        before=$idle_fps
    fi
    run "$label  [now]" "$bin" "$frames" "$@"
    [ -n "$old" ] && echo "    -> $(ratio_line "$before" "$idle_fps") the frames per second on idle cores"
    return 0
}

echo "ticker render, 60 fps virtual clock, $cores cores, load average now: $(cut -d" " -f1 /proc/loadavg)"
echo "demo feeds: ${demo[*]}"
echo
case_pair "1080p + PNG, demo feeds" 600 --size 1920x1080 "${demo[@]}"
png_now=$idle_fps
case_pair "1080p hashes only (--no-png), demo feeds" 1200 --size 1920x1080 "${demo[@]}" --no-png
hash_now=$idle_fps
case_pair "1080p + PNG, 1 encoder thread" 300 --size 1920x1080 "${demo[@]}" --threads 1
case_pair "1080p + PNG, five scripts (test fixtures)" 600 --size 1920x1080 "${mixed[@]}"
case_pair "1080p 500 stories + PNG" 300 --size 1920x1080 --feed "$tmp/500.xml"
case_pair "1080p 500 stories, hashes only" 600 --size 1920x1080 --feed "$tmp/500.xml" --no-png
case_pair "2160p + PNG" 120 --size 3840x2160 "${demo[@]}"
echo
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t ? "PASS" : "MISS") }'; }
echo "issue 13 targets (on idle cores, from CPU time): 1080p + PNG $png_now fps (>= 240: $(verdict "$png_now" 240)); hashes only $hash_now fps (>= 500: $(verdict "$hash_now" 500))"

if command -v ffmpeg >/dev/null; then
    echo
    rm -f "$tmp/v.mp4"
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$bin" render --video "$tmp/v.mp4" --now "$now" \
        --frames 600 --size 1920x1080 "${demo[@]}" >/dev/null 2>&1
    read -r wall user sys <"$tmp/time"
    echo "video: 600 frames of 1080p to H.264 (ffmpeg libx264 veryfast): $wall s wall ($(awk -v w="$wall" 'BEGIN { printf "%.0f", 600 / w }') fps; ticker's own CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s, ffmpeg's not counted)"
fi

echo
echo "steady-state frame of the window path (\"software\" back end, in-process CPU time):"
for size in 1920x1080 1280x720 3840x2160; do
    "$bin" render --bench-frame --size $size --now "$now" "${mixed[@]}" --frames 600
done
"$bin" render --bench-frame --size 1920x1080 --now "$now" --feed "$tmp/500.xml" --frames 600 |
    sed 's/^/500 stories: /'
echo
# Allocations per frame: a malloc-counting LD_PRELOAD shim, two runs differing only in length.
if cc -O2 -shared -fPIC -o "$tmp/mc.so" tests/bench/malloc_count.c 2>/dev/null; then
    count() {
        local n=$1
        shift
        LD_PRELOAD=$tmp/mc.so "$bin" render --out "$tmp/mc" --no-png --now "$now" --frames "$n" \
            --size 1920x1080 "$@" 2>&1 | sed -n 's/^malloc_count: //p'
    }
    per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.3f", (b - a) / n }'; }
    a=$(count 600 "${mixed[@]}")
    b=$(count 1800 "${mixed[@]}")
    echo "allocations per frame, frames 600..1800 with items entering and story changes: $(per "$a" "$b" 1200)"
    # One 7000 px story: no item enters and no story changes between frames 1000 and 2000.
    a=$(count 1000 --feed $d/wide.xml)
    b=$(count 2000 --feed $d/wide.xml)
    echo "allocations per frame, steady state (frames 1000..2000, one long story): $(per "$a" "$b" 1000)"
fi
echo
echo "--start-frame K costs the same for every K (issue 9): wall seconds for one frame at K"
for k in 0 1000000 1000000000000; do
    /usr/bin/time -f "%e" -o "$tmp/time" "$bin" render --out "$tmp/sf" --no-png --now "$now" \
        --start-frame $k --frames 1 --size 1920x1080 "${demo[@]}" >/dev/null 2>&1
    echo "  K = $k: $(cat "$tmp/time") s"
done
cd "$root"
