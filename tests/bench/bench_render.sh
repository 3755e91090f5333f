#!/usr/bin/env bash
# Rendering figures (issue 5). Targets on the 2-core reference machine:
#   headless 1920x1080 with PNG output   >= 60 frames/s
#   one steady-state frame (window path, SDL software renderer)   < 2 ms CPU
#   peak memory at 1080p with 500 stories   < 80 MB
# Wall-clock rates depend on what else the machine runs: the CPU seconds are printed too.
#
#   tests/bench/bench_render.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
build=$(cd "$build" && pwd)
bin=$build/src/ticker
[ -x "$bin" ] || bin=$build/ticker
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=2026-11-27T14:35:00+01:00
d=tests/data/render
feeds=(--feed $d/de.xml --feed $d/en.xml --feed $d/ar.xml --feed $d/cjk.xml --feed $d/emoji.xml)

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

rate() { # frames seconds -> frames per second
    awk -v f="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? f / s : 0) }'
}
run() { # label frames args...
    local label=$1 frames=$2
    shift 2
    rm -rf "$tmp/out"
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" render --out "$tmp/out" --now "$now" \
        --frames "$frames" "$@" 2>/dev/null
    read -r wall user sys kb <"$tmp/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    # CPU-bound rate: what the cores could do if this run had them to itself (the machine is
    # shared; wall-clock fps under load says more about the neighbours than about us).
    printf '%-36s %5d frames %6.2f s wall %6.1f fps | %5.1f ms CPU/frame = %6.1f fps on %d idle cores | peak %5.1f MB\n' \
        "$label" "$frames" "$wall" "$(rate "$frames" "$wall")" \
        "$(awk -v c="$cpu" -v f="$frames" 'BEGIN { print c * 1000 / f }')" \
        "$(awk -v c="$cpu" -v f="$frames" -v n="$(nproc)" 'BEGIN { print n * f / c }')" \
        "$(nproc)" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
}

echo "ticker render, 60 fps virtual clock, load average now: $(cut -d" " -f1 /proc/loadavg)"
run "1080p + PNG (2 encoder threads)" 240 --size 1920x1080 "${feeds[@]}"
run "1080p + PNG (1 encoder thread)" 240 --size 1920x1080 "${feeds[@]}" --threads 1
run "1080p hashes only (--no-png)" 600 --size 1920x1080 "${feeds[@]}" --no-png
run "1080p 500 stories + PNG" 240 --size 1920x1080 --feed "$tmp/500.xml"
run "1080p 500 stories, hashes only" 600 --size 1920x1080 --feed "$tmp/500.xml" --no-png
run "2160p + PNG" 60 --size 3840x2160 "${feeds[@]}"
echo
echo "steady-state frame of the window path (SDL software renderer, in-process CPU time):"
for size in 1920x1080 1280x720 3840x2160; do
    "$bin" render --bench-frame --size $size --now "$now" "${feeds[@]}" --frames 600
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
    a=$(count 600 "${feeds[@]}")
    b=$(count 1800 "${feeds[@]}")
    echo "allocations per frame, frames 600..1800 with items entering and story changes: $(per "$a" "$b" 1200)"
    # One 7000 px story: no item enters and no story changes between frames 1000 and 2000.
    a=$(count 1000 --feed $d/wide.xml)
    b=$(count 2000 --feed $d/wide.xml)
    echo "allocations per frame, steady state (frames 1000..2000, one long story): $(per "$a" "$b" 1000)"
fi
echo
echo "targets: >= 60 fps headless + PNG at 1080p; < 2 ms CPU per steady frame; < 80 MB peak"
