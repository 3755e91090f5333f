#!/usr/bin/env bash
# `ticker check-config`: exact messages with line and column and exit 2 for a bad file, the
# effective configuration (valid JSON, defaults filled in) for a good one and for none, and the
# lookup order --config / FILE > $TICKER_CONFIG > $XDG_CONFIG_HOME (or ~/.config) > built-in.
set -u
ticker=$1
data=${TICKER_TEST_DATA:-$(cd "$(dirname "$0")/../data" && pwd)}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # name, condition result
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
# A clean environment: no configuration anywhere we control.
unset TICKER_CONFIG
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME"

# A bad file: every message, exact, and exit 2.
"$ticker" check-config "$data/config/bad.json" >"$tmp/out" 2>"$tmp/err"
check "bad file exits 2" $([ $? -eq 2 ]; echo $?)
cat >"$tmp/want" <<WANT
ticker: $data/config/bad.json: line 4, column 51: unknown key "intervall" (did you mean "interval"?)
ticker: $data/config/bad.json: line 5, column 63: "interval" must be a whole number of seconds from 120 to 604800 (7 days), not 60
ticker: $data/config/bad.json: line 7, column 49: "max_items" must be a whole number of items from 1 to 10000, not 0
WANT
diff -u "$tmp/want" "$tmp/err" >&2
check "bad file messages" $?
check "bad file prints no configuration" $([ ! -s "$tmp/out" ]; echo $?)

"$ticker" check-config "$data/config/syntax.json" >"$tmp/out" 2>"$tmp/err"
check "syntax error exits 2" $([ $? -eq 2 ]; echo $?)
echo "ticker: $data/config/syntax.json: line 4, column 3: not valid JSON here: \"]\"" >"$tmp/want"
diff -u "$tmp/want" "$tmp/err" >&2
check "syntax error message" $?

# The renderer's "display" object is checked too, with the key's position.
"$ticker" check-config "$data/config/bad-display.json" >"$tmp/out" 2>"$tmp/err"
check "bad display exits 2" $([ $? -eq 2 ]; echo $?)
echo "ticker: $data/config/bad-display.json: line 4, column 24: display.colors.band: expected \"#rrggbb\" or \"#rgb\"" >"$tmp/want"
diff -u "$tmp/want" "$tmp/err" >&2
check "bad display message" $?

"$ticker" check-config "$tmp/missing.json" >"$tmp/out" 2>"$tmp/err"
check "missing file exits 2" $([ $? -eq 2 ]; echo $?)
grep -qF "ticker: $tmp/missing.json: No such file or directory" "$tmp/err"
check "missing file is named, with the reason" $?

# A good file: the effective configuration, parseable, with defaults.
"$ticker" check-config "$data/config/minimal.json" >"$tmp/out" 2>"$tmp/err"
check "good file exits 0" $?
check "good file is quiet" $([ ! -s "$tmp/err" ]; echo $?)
/usr/bin/python3 - "$tmp/out" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
assert [f["url"] for f in c["feeds"]] == ["https://news.example.org/inland.xml"], c["feeds"]
f = c["feeds"][0]
assert f["interval"] == 600 and f["max_items"] == 50 and f["enabled"] is True
assert f["name"] == "news.example.org"
assert c["retention"] == {"max_age": 172800, "max_items": 50}
assert c["fetch"]["max_transfers"] == 4 and c["fetch"]["max_per_host"] == 2
assert c["fetch"]["max_bytes"] == 8388608
assert c["fetch_articles"] is True
assert c["summary"] == {"max_chars": 400, "sentences": 3, "article_threshold": 400}
assert c["user_agent"].startswith("Ticker/")
PY
check "effective configuration has the defaults" $?
# ... and is itself a valid configuration that prints the same.
"$ticker" check-config "$tmp/out" >"$tmp/out2" 2>"$tmp/err"
check "printed configuration re-validates" $?
cmp -s "$tmp/out" "$tmp/out2"
check "printed configuration is a fixed point" $?

# The bundled default configuration is valid and warning-free.
"$ticker" check-config "$root/assets/config.json" >/dev/null 2>"$tmp/err"
check "assets/config.json is valid" $?
check "assets/config.json has no warnings" $([ ! -s "$tmp/err" ]; echo $?)

# Lookup order, told apart by user_agent.
ua() { printf '{"feeds": ["https://x.example/"], "user_agent": "%s"}\n' "$1" >"$2"; }
agent() { "$ticker" check-config "$@" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["user_agent"])'; }
out=$("$ticker" check-config 2>"$tmp/err")
check "no file: built-in exits 0" $?
grep -q "built-in" "$tmp/err"
check "no file: says built-in" $?
echo "$out" | grep -q '"https://www.tagesschau.de/xml/rss2/"'
check "no file: built-in public feeds" $?
mkdir -p "$HOME/.config/ticker" "$XDG_CONFIG_HOME/ticker"
ua home "$HOME/.config/ticker/config.json"
check "XDG_CONFIG_HOME without a file falls through to built-in" $([ "$(agent)" != home ]; echo $?)
( unset XDG_CONFIG_HOME; [ "$(agent)" = home ] )
check "~/.config/ticker/config.json without XDG_CONFIG_HOME" $?
ua xdg "$XDG_CONFIG_HOME/ticker/config.json"
check "\$XDG_CONFIG_HOME/ticker/config.json" $([ "$(agent)" = xdg ]; echo $?)
ua env "$tmp/env.json"
check "\$TICKER_CONFIG beats XDG" $([ "$(TICKER_CONFIG=$tmp/env.json agent)" = env ]; echo $?)
ua cli "$tmp/cli.json"
check "FILE beats \$TICKER_CONFIG" $([ "$(TICKER_CONFIG=$tmp/env.json agent "$tmp/cli.json")" = cli ]; echo $?)
check "--config FILE" $([ "$(TICKER_CONFIG=$tmp/env.json agent --config "$tmp/cli.json")" = cli ]; echo $?)
TICKER_CONFIG=$tmp/nope.json "$ticker" check-config >/dev/null 2>&1
check "a missing \$TICKER_CONFIG is an error, not a fall-through" $([ $? -eq 2 ]; echo $?)

"$ticker" check-config --bogus >/dev/null 2>&1
check "unknown option exits 2" $([ $? -eq 2 ]; echo $?)
exit $fail
