#!/usr/bin/env bash
# The man page, ticker(1): man reads it without a warning, it describes every command that
# `ticker --help` lists, the configuration file and its keys, and the build's compressed copy
# is the same text. Usage: manpage.sh PATH/TO/BUILD/src/ticker
set -u
ticker=$1
build=$(cd "$(dirname "$ticker")/.." && pwd)
page=$(cd "$(dirname "$0")/../.." && pwd)/docs/ticker.1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok - $1"; else echo "FAIL - $1"; fail=1; fi
}

MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$tmp/page.txt" 2>"$tmp/warn"
check "man renders the page" $?
check "man --warnings prints nothing ($(head -c 300 "$tmp/warn"))" $([ ! -s "$tmp/warn" ]; echo $?)
[ "$(wc -l <"$tmp/page.txt")" -gt 100 ]
check "the page has content" $?

"$ticker" --help >"$tmp/help"
cmds=$(sed -n 's/^  \([a-z-]*\).*/\1/p' "$tmp/help")
[ -n "$cmds" ]
check "ticker --help lists commands" $?
for c in $cmds; do
    grep -qE "^       $c( |,|$)" "$tmp/page.txt"
    check "COMMANDS describes '$c'" $?
done
for s in CONFIGURATION ENVIRONMENT FILES "EXIT STATUS" "MANY DISPLAYS"; do
    grep -q "^$s" "$tmp/page.txt"
    check "section $s" $?
done
for k in feeds interval cache retention filters user_agent fetch fetch_articles summary display \
    TICKER_CONFIG TICKER_DATA_DIR /etc/ticker/config.json /var/lib/ticker/cache.db; do
    grep -q -- "$k" "$tmp/page.txt"
    check "mentions $k" $?
done
cmp -s <(gzip -dc "$build/ticker.1.gz") "$page"
check "the build's ticker.1.gz is docs/ticker.1" $?
exit $fail
