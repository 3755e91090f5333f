#!/usr/bin/env bash
# Text cleaner throughput (MB/s of input) on ~1 KB HTML descriptions, and sfeed's throughput on a
# 10 MB RSS feed of such descriptions measured in the same run, for the ratio (the feed parser
# must reach a third of sfeed). Usage: bench_clean.sh BUILD   (BENCH_SECONDS per figure, default 2)
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)/src
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$src" $(pkg-config --cflags libxml-2.0) \
    "$here/bench_clean.c" "$build/src/libticker_core.a" $(pkg-config --libs libxml-2.0) \
    -o "$out/bench_clean"
"$out/bench_clean" "${BENCH_SECONDS:-2}"

if command -v sfeed >/dev/null; then
    # A 10 MB RSS 2.0 feed whose descriptions are escaped HTML like the ones above.
    /usr/bin/python3 - "$out/feed.xml" <<'PY'
import html, random, sys
random.seed(1)
words = ("council announced the budget for next year weather report minister said on Tuesday "
         "Regierung Stra\u00dfe caf\u00e9").split()
parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench'
         '</title><link>https://example.org/</link><description>x</description>\n']
size, i = 0, 0
while size < 10 * 1024 * 1024:
    body = ' '.join(random.choice(words) if random.random() > 0.1 else
                    '<a href="https://example.org/%d">%s</a>' % (i, random.choice(words))
                    for _ in range(120))
    desc = '<p><img src="https://example.org/%d.jpg"/></p><p>%s&hellip;</p>' % (i, body)
    item = ('<item><title>%s</title><link>https://example.org/s/%d</link><guid>%d</guid>'
            '<pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate><description>%s</description>'
            '</item>\n' % (' '.join(random.choice(words) for _ in range(8)), i, i,
                           html.escape(desc)))
    parts.append(item)
    size += len(item.encode())
    i += 1
parts.append('</channel></rss>\n')
open(sys.argv[1], 'w').write(''.join(parts))
PY
    bytes=$(stat -c %s "$out/feed.xml")
    runs=20
    t0=$(date +%s.%N)
    for _ in $(seq $runs); do sfeed < "$out/feed.xml" > /dev/null; done
    t1=$(date +%s.%N)
    awk -v b="$bytes" -v n=$runs -v t0="$t0" -v t1="$t1" \
        'BEGIN { printf "%-28s %8.1f MB/s  (10 MB feed, %d runs)\n", "sfeed (reference)", b * n / (t1 - t0) / 1e6, n }'
fi
