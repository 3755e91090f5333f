#!/usr/bin/env bash
# bench_config: `ticker check-config` on one feed with N extra headers, N = 15,000, 30,000 and
# 60,000, all valid and all invalid (each a message with its line and column). Checking must
# take time linear in the file's size (issue 9, item 11: 60,000 headers took 30 s): the
# figure is the ratio of the 60,000 time to the 15,000 time, 4 for linear, 16 for quadratic.
# Prints figures, asserts nothing.
#
#   tests/bench/bench_config.sh BUILD_DIR        (what `make bench` runs)
#
# Times: the best of BENCH_RUNS runs (default 5) of each file, in CPU time (user + system, from
# bash's `time`), so that waiting for a core on a shared machine is left out.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
ticker=$build/src/ticker
runs=${BENCH_RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp XDG_CACHE_HOME=$tmp

for n in 15000 30000 60000; do
    /usr/bin/python3 - "$tmp" "$n" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
# one header a line, kept under the 1 MiB a configuration may have
for kind, fmt in (("good", '"X-H{}":"v"'), ("bad", '"X H{}":"v"')):
    h = ",\n".join(fmt.format(i) for i in range(n))
    with open(f"{d}/{kind}{n}.json", "w") as f:
        f.write('{"feeds": [{"url": "https://a.example/feed", "headers": {\n' + h + "\n}}]}\n")
PY
done

# CPU seconds of the best of $runs runs.
best() {
    local b= t
    for _ in $(seq "$runs"); do
        t=$( { TIMEFORMAT='%U %S'; time "$ticker" check-config "$1" >/dev/null 2>&1; } 2>&1 |
            awk '{ printf "%.3f", $1 + $2 }')
        if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
    done
    echo "$b"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in good bad; do
    declare -A secs=()
    for n in 15000 30000 60000; do
        secs[$n]=$(best "$tmp/$kind$n.json")
        printf '%-5s headers %6d: %6s s CPU  (%s bytes)\n' "$kind" "$n" "${secs[$n]}" \
            "$(wc -c <"$tmp/$kind$n.json")"
    done
    awk -v a="${secs[60000]}" -v b="${secs[15000]}" -v k="$kind" \
        'BEGIN { if (b > 0) printf "%-5s 60000/15000 time ratio: %.1f (linear 4, quadratic 16)\n", k, a / b }'
    unset secs
done
