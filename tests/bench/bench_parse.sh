#!/usr/bin/env bash
# bench_parse: feed-parse throughput of `ticker parse` beside Debian's sfeed and
# python3-feedparser on the same generated files, measured in one run so the ratios compare
# like with like on whatever machine runs it. Prints figures, asserts nothing.
#
#   tests/bench/bench_parse.sh BUILD_DIR        (what `make bench` runs)
#
# Data: tests/bench/gen_feed.py (fixed seed) writes a 10 MB RSS 2.0 feed, a 10 MB Atom 1.0
# feed and 8 MiB RSS and Atom feeds into BUILD_DIR/bench-data/ (regenerated when the
# generator changes). Throughput uses the 10 MB pair (ticker with --max-bytes; see below).
# Times: hyperfine, the best of BENCH_RUNS runs (default 10) after one warm-up run; feedparser
# is slow: best of BENCH_FEEDPARSER_RUNS (default 3), no warm-up. The best run is the one least
# disturbed by other work on a shared machine, so ratios of best times vary least from run to
# run. Throughput is file bytes / 10^6 / seconds, process start-up included (a few ms for the
# C tools, ~100 ms for Python's imports). The ratios use CPU time (user + system, as hyperfine
# reports it): on an idle machine it equals wall time for these single-threaded tools, and on a
# busy one it leaves out the time spent waiting for a core, which wall time does not. Peak memory: GNU time's maximum RSS (%M) of one
# more run, which also gives the item count each tool reported.
#
# Targets from issue 2: ticker >= 20x feedparser's throughput, >= 1/3 of sfeed's, and under
# 64 MiB peak RSS on the 8 MiB feed.
#
# BENCH_PARSE_BASELINE=path/to/older/ticker also measures that binary on the same files, in
# the same run, and prints the new binary's CPU time as a ratio of the old one's (issue 11:
# the tolerance work may cost well-formed feeds at most 5%). Build the old one from the commit
# to compare with, e.g. `git worktree add /tmp/old COMMIT && make -C /tmp/old build`.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
data=$build/bench-data
ticker=$build/src/ticker
[ -x "$ticker" ] || ticker=$build/ticker
py=/usr/bin/python3
runs=${BENCH_RUNS:-10}
fp_runs=${BENCH_FEEDPARSER_RUNS:-3}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

for tool in hyperfine sfeed /usr/bin/time "$py"; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench_parse: $tool is missing (toolchain/install-deps.sh installs it)" >&2
        exit 1
    fi
done
if ! "$py" -c 'import feedparser' 2>/dev/null; then
    echo "bench_parse: python3-feedparser is missing (toolchain/install-deps.sh)" >&2
    exit 1
fi

# Generate the feeds once per generator version.
stamp=$data/.generator.md5
want_stamp=$(md5sum < "$here/gen_feed.py")
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
    echo "generating feeds into $data"
    "$py" "$here/gen_feed.py" "$data"
    echo "$want_stamp" > "$stamp"
fi

# ticker may not parse yet (the parser lands separately): check once, skip it if it fails.
# `ticker parse` refuses documents over its size cap (8 MiB by default): raise the cap with
# --max-bytes where the binary has it; an older binary without it is measured, with every
# other tool, on the 8 MiB pair instead, so the comparison stays on the same files.
size=10m
have_ticker=1
ticker_args=()
if "$ticker" parse --help 2>&1 | grep -q -- --max-bytes; then
    ticker_args=(--max-bytes 16777216)
fi
if ! "$ticker" parse "${ticker_args[@]}" "$data/rss-10m.xml" > /dev/null 2> "$results/ticker.err"; then
    if grep -q "limit" "$results/ticker.err" &&
            "$ticker" parse "$data/rss-8m.xml" > /dev/null 2>&1; then
        size=8m
        echo "note: $(head -n 1 "$results/ticker.err")"
        echo "note: so all tools are measured on the 8 MiB files (rss-8m.xml, atom-8m.xml)"
    else
        have_ticker=0
        echo "ticker: 'ticker parse' failed, ticker rows skipped: $(head -c 200 "$results/ticker.err")"
    fi
fi

# measure NAME FILE RUNS STDIN COMMAND...: times COMMAND (reading STDIN) with hyperfine and
# appends "name file bytes best_wall_s mean_cpu_s peak_kb items" to the results. GNU time runs COMMAND
# itself, not through a shell, so the shell's own memory does not count.
measure() {
    local name=$1 file=$2 n=$3 input=$4
    shift 4
    local cmd
    cmd="$(printf '%q ' "$@")< $(printf '%q' "$input")"
    echo "$name: $cmd" >> "$results/commands"
    local warm=1
    case $name in feedparser-* | *-mem) warm=0 ;; esac
    if ! hyperfine --style none --warmup "$warm" --runs "$n" \
            --export-json "$results/$name.json" "$cmd" > /dev/null 2> "$results/$name.err"; then
        echo "bench_parse: '$cmd' failed: $(head -c 300 "$results/$name.err")" >&2
        return 1
    fi
    local times
    times=$("$py" -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]
print(r["min"], max(r["user"] + r["system"], 1e-6))' "$results/$name.json")
    /usr/bin/time -o "$results/$name.mem" -f '%M' "$@" < "$input" > "$results/$name.out"
    echo "$name $(basename "$file") $(stat -c %s "$file") $times" \
        "$(tail -n 1 "$results/$name.mem") $(count_items "$name" "$results/$name.out")" \
        >> "$results/table"
}

# count_items NAME OUTPUT: items the tool reported, so the table shows that every tool read
# the whole file (ticker stops at its item cap; the generator stays below it).
count_items() {
    case $1 in
    ticker-* | baseline-*) "$py" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$2" ;;
    sfeed-*) wc -l < "$2" ;;
    feedparser-*) tail -n 1 "$2" ;;
    esac
}

baseline=${BENCH_PARSE_BASELINE:-}
for fmt in rss atom; do
    f=$data/$fmt-$size.xml
    if [ "$have_ticker" = 1 ]; then
        measure "ticker-$fmt" "$f" "$runs" /dev/null "$ticker" parse "${ticker_args[@]}" "$f"
        if [ -n "$baseline" ]; then
            measure "baseline-$fmt" "$f" "$runs" /dev/null "$baseline" parse "${ticker_args[@]}" "$f"
        fi
    fi
    measure "sfeed-$fmt" "$f" "$runs" "$f" sfeed
    measure "feedparser-$fmt" "$f" "$fp_runs" /dev/null \
        "$py" -c 'import feedparser,sys; print(len(feedparser.parse(sys.argv[1]).entries))' "$f"
done
if [ "$have_ticker" = 1 ]; then
    measure "ticker-mem" "$data/rss-8m.xml" 1 /dev/null "$ticker" parse "$data/rss-8m.xml"
fi

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); wall: best of $runs" \
     "runs (feedparser $fp_runs); cpu: mean user+sys; MB = 10^6 bytes"
awk '
    { split($1, a, "-"); k = a[1] "-" a[2]; tool[NR] = a[1]; fmt[NR] = a[2]; file[NR] = $2;
      bytes[NR] = $3; wall[NR] = $4; cpu[NR] = $5; kb[NR] = $6; items[NR] = $7;
      mbw[k] = $3 / 1e6 / $4; mbc[k] = $3 / 1e6 / $5; peak[k] = $6 }
    END {
        printf "%-11s %-12s %5s %6s %8s %8s %9s %9s %10s\n", "tool", "file", "items", "MB",
               "wall s", "cpu s", "MB/s cpu", "MB/s wall", "peak RSS"
        for (i = 1; i <= NR; i++)
            if (fmt[i] != "mem")
                printf "%-11s %-12s %5d %6.2f %8.3f %8.3f %9.1f %9.1f %6.1f MiB\n", tool[i],
                       file[i], items[i], bytes[i] / 1e6, wall[i], cpu[i], bytes[i] / 1e6 / cpu[i],
                       bytes[i] / 1e6 / wall[i], kb[i] / 1024
        print ""
        if (!("ticker-rss" in mbc)) { print "ratios: ticker not measured"; exit }
        print "throughput ratios on cpu time (on wall time in brackets):"
        for (f = 1; f <= 2; f++) {
            fm = f == 1 ? "rss" : "atom"
            rf = mbc["ticker-" fm] / mbc["feedparser-" fm]
            rs = mbc["ticker-" fm] / mbc["sfeed-" fm]
            printf "%-4s ticker/feedparser %6.1fx [%5.1fx] (target >= 20x: %s)   ticker/sfeed %5.3fx [%5.3fx] (target >= 0.333x: %s)\n",
                   fm, rf, mbw["ticker-" fm] / mbw["feedparser-" fm], (rf >= 20 ? "PASS" : "MISS"),
                   rs, mbw["ticker-" fm] / mbw["sfeed-" fm], (rs >= 0.3333 ? "PASS" : "MISS")
        }
        m = peak["ticker-mem"] / 1024
        printf "ticker peak RSS on rss-8m.xml (8 MiB): %.1f MiB (target < 64 MiB: %s)\n", m,
               (m < 64 ? "PASS" : "MISS")
        for (f = 1; f <= 2; f++) {
            fm = f == 1 ? "rss" : "atom"
            if (!(("baseline-" fm) in mbc)) continue
            r = mbc["baseline-" fm] / mbc["ticker-" fm]
            printf "%-4s ticker cpu time / baseline cpu time: %.3f (target <= 1.05: %s)\n", fm, r,
                   (r <= 1.05 ? "PASS" : "MISS")
        }
    }' "$results/table"
echo
echo "commands (output discarded while timed):"
sed 's/^/  /' "$results/commands"
