#!/usr/bin/env bash
# `ticker check-config`: exact messages with line and column and exit 2 for a bad file (every
# bad "display" key too), the effective configuration (valid JSON, defaults filled in, the
# display's included) for a good one and for none, and the lookup order
# --config / FILE > $TICKER_CONFIG > $XDG_CONFIG_HOME (or ~/.config) > built-in.
. "$(dirname "$0")/lib.sh" "$@"

# A bad file: every message, exact, and exit 2.
run "$ticker" check-config "$data/config/bad.json"
expect_status 2 "bad file exits 2"
expect_stderr_is "ticker: $data/config/bad.json: line 4, column 51: unknown key \"intervall\" (did you mean \"interval\"?)
ticker: $data/config/bad.json: line 5, column 63: \"interval\" must be a whole number of seconds from 120 to 604800 (7 days), not 60
ticker: $data/config/bad.json: line 7, column 49: \"max_items\" must be a whole number of items from 1 to 10000, not 0" \
    "bad file messages"
expect_no_stdout "bad file prints no configuration"

run "$ticker" check-config "$data/config/syntax.json"
expect_status 2 "syntax error exits 2"
expect_stderr_is "ticker: $data/config/syntax.json: line 4, column 3: not valid JSON here: \"]\"" \
    "syntax error message"

# The renderer's "display" object is checked too, with the key's position: every bad key.
run "$ticker" check-config "$data/config/bad-display.json"
expect_status 2 "bad display exits 2"
expect_stderr_is "ticker: $data/config/bad-display.json: line 4, column 24: display.colors.band: expected \"#rrggbb\" or \"#rgb\"" \
    "bad display message"
cat >"$tmp/display.json" <<'JSON'
{
  "display": {
    "speed": "fast",
    "colours": {},
    "colors": {"band": "#12", "text": "white"},
    "hold_ms": 10
  }
}
JSON
run "$ticker" check-config "$tmp/display.json"
expect_status 2 "several bad display keys exit 2"
expect_stderr_is "ticker: $tmp/display.json: line 3, column 14: display.speed: expected pixels per second (180, \"180px/s\"), characters per second (\"12cps\") or screen heights per second (\"16.7%/s\")
ticker: $tmp/display.json: line 4, column 5: display: unknown key \"colours\" (did you mean \"colors\"?)
ticker: $tmp/display.json: line 5, column 24: display.colors.band: expected \"#rrggbb\" or \"#rgb\"
ticker: $tmp/display.json: line 5, column 39: display.colors.text: expected \"#rrggbb\" or \"#rgb\"
ticker: $tmp/display.json: line 6, column 16: display.hold_ms: expected a whole number from 1000 to 600000" \
    "every bad display key, each at its place"

run "$ticker" check-config "$tmp/missing.json"
expect_status 2 "missing file exits 2"
expect_stderr "^ticker: $tmp/missing.json: No such file or directory$" \
    "missing file is named, with the reason"

# A good file: the effective configuration, parseable, with defaults, the display's too.
run "$ticker" check-config "$data/config/minimal.json"
expect_status 0 "good file exits 0"
expect_no_stderr "good file is quiet"
cp "$tmp/stdout" "$tmp/effective.json"
expect "effective configuration has the defaults" /usr/bin/python3 - "$tmp/effective.json" <<'PY'
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
d = c["display"]
assert d["speed"] == "16.66666667%/s" and d["locale"] == "en" and d["clock"] == "12h", d
assert d["band_height"] == 0.1 and d["layout"] == "auto" and d["hold_ms"] == 8000, d
assert d["colors"]["band"] == "#0f2447" and len(d["colors"]) == 8, d["colors"]
assert d["font"] == "" and d["separator"] == "\u2022", d
PY
# ... and is itself a valid configuration that prints the same.
run "$ticker" check-config "$tmp/effective.json"
expect_status 0 "printed configuration re-validates"
expect "printed configuration is a fixed point" cmp -s "$tmp/effective.json" "$tmp/stdout"
# A display given in part prints in full, the given values kept.
printf '{"display": {"speed": "12cps", "colors": {"accent": "#ff8800"}}}\n' >"$tmp/part.json"
run "$ticker" check-config "$tmp/part.json"
expect_status 0 "a partial display exits 0"
expect_stdout '"speed":	"12cps"' "... keeps the given speed"
expect_stdout '"accent":	"#ff8800"' "... and the given colour"
expect_stdout '"band":	"#0f2447"' "... and fills in the others"

# The bundled default configuration is valid and warning-free.
run "$ticker" check-config "$root/assets/config.json"
expect_status 0 "assets/config.json is valid"
expect_no_stderr "assets/config.json has no warnings"

# Lookup order, told apart by user_agent.
ua() { printf '{"feeds": ["https://x.example/"], "user_agent": "%s"}\n' "$1" >"$2"; }
agent() {
    "$ticker" check-config "$@" 2>/dev/null |
        /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["user_agent"])'
}
run "$ticker" check-config
expect_status 0 "no file: built-in exits 0"
expect_stderr "built-in" "no file: says built-in"
expect_stdout '"https://www.tagesschau.de/xml/rss2/"' "no file: built-in public feeds"
mkdir -p "$HOME/.config/ticker" "$XDG_CONFIG_HOME/ticker"
ua home "$HOME/.config/ticker/config.json"
expect "XDG_CONFIG_HOME without a file falls through to built-in" test "$(agent)" != home
expect "~/.config/ticker/config.json without XDG_CONFIG_HOME" \
    test "$(XDG_CONFIG_HOME= agent)" = home
ua xdg "$XDG_CONFIG_HOME/ticker/config.json"
expect "\$XDG_CONFIG_HOME/ticker/config.json" test "$(agent)" = xdg
ua env "$tmp/env.json"
expect "\$TICKER_CONFIG beats XDG" test "$(TICKER_CONFIG=$tmp/env.json agent)" = env
ua cli "$tmp/cli.json"
expect "FILE beats \$TICKER_CONFIG" test "$(TICKER_CONFIG=$tmp/env.json agent "$tmp/cli.json")" = cli
expect "--config FILE" test "$(TICKER_CONFIG=$tmp/env.json agent --config "$tmp/cli.json")" = cli
run env TICKER_CONFIG="$tmp/nope.json" "$ticker" check-config
expect_status 2 "a missing \$TICKER_CONFIG is an error, not a fall-through"

run "$ticker" check-config --bogus
expect_status 2 "unknown option exits 2"
run "$ticker" check-config "$tmp/cli.json" --config "$tmp/env.json"
expect_status 2 "FILE and --config together exit 2"
expect_stderr "^ticker check-config: FILE and --config: one file at a time$" "... and say why"

# What would fail later is caught now: URLs libcurl cannot parse (errors, each at its place),
# a font that is not one (a warning: the display uses the bundled font), a cache that is not a
# file or cannot be created (an error), and nothing is left behind.
printf 'not a font\n' >"$tmp/font.ttf"
cat >"$tmp/machine.json" <<JSON
{
  "feeds": [
    "http://a.example:99999999/feed",
    {"url": "http:///x"},
    "http://[::1/feed",
    "https://fine.example/feed"
  ],
  "display": {"font": "$tmp/font.ttf"},
  "cache": "/dev/null"
}
JSON
run "$ticker" check-config "$tmp/machine.json"
expect_status 2 "unparseable URLs and a device as cache exit 2"
expect_stderr_is "ticker: $tmp/machine.json: line 3, column 5: libcurl cannot parse \"http://a.example:99999999/feed\": Port number was not a decimal number between 0 and 65535
ticker: $tmp/machine.json: line 4, column 13: \"http:///x\" has no host (one '/' too many after the scheme?)
ticker: $tmp/machine.json: line 5, column 5: libcurl cannot parse \"http://[::1/feed\": Bad IPv6 address
ticker: $tmp/machine.json: line 8, column 23: display.font: $tmp/font.ttf is not a TrueType or OpenType font; the display uses the bundled font instead
ticker: $tmp/machine.json: line 9, column 12: cache /dev/null is a character device, not a file" \
    "each problem the machine finds, at its place"
expect "no /dev/null-journal is left behind" test ! -e /dev/null-journal
expect_no_stdout "... and no configuration is printed"
printf '{"display": {"font": "%s/missing.ttf"}, "cache": "%s/new/dir/c.db"}\n' "$tmp" "$tmp" \
    >"$tmp/font-only.json"
run "$ticker" check-config "$tmp/font-only.json"
expect_status 0 "a missing font is only a warning"
expect_stderr_is "ticker: $tmp/font-only.json: line 1, column 22: display.font: $tmp/missing.ttf: No such file or directory; the display uses the bundled font instead" \
    "... that says what the display does instead"
expect "... and the cache's folders are not created by looking" test ! -e "$tmp/new"

# "~" and "~user" in paths are expanded as a shell would, and nothing named "~" appears.
printf '{"cache": "~/sub/c.db", "display": {"font_bold": "~root/b.ttf"}}\n' >"$tmp/tilde.json"
run env -C "$tmp" "$ticker" check-config "$tmp/tilde.json"
expect_status 0 "~ paths: exit 0"
expect_stdout "\"cache\":	\"$HOME/sub/c.db\"" "~/ is the home folder"
expect_stdout '"font_bold":	"/root/b.ttf"' "~root/ is root's home folder"
printf '{"cache": "~nobody-4711/c.db"}\n' >"$tmp/nouser.json"
run "$ticker" check-config "$tmp/nouser.json"
expect_status 2 "an unknown ~user exits 2"
expect_stderr_is "ticker: $tmp/nouser.json: line 1, column 11: ~nobody-4711/c.db: there is no user \"nobody-4711\"" \
    "... naming the user"
printf '{"feeds": ["file://%s/feeds/atom10.xml"], "cache": "~/fetched/c.db", "fetch_articles": false}\n' \
    "$data" >"$tmp/fetch-tilde.json"
run env -C "$tmp" "$ticker" fetch --config "$tmp/fetch-tilde.json"
expect_status 0 "fetch with a ~ cache path"
expect "... writes the cache in the home folder" test -s "$HOME/fetched/c.db"
expect "... and makes no folder named ~" test ! -e "$tmp/~"

# Secrets: the printout hides feed URL credentials, secret-looking query values and every
# extra header's value unless asked; the name a feed gets from its URL is never the user name.
cat >"$tmp/secret.json" <<'JSON'
{"feeds": [{"url": "https://bob:hunter2@example.com/feed?apikey=k3y",
            "headers": {"Authorization": "Bearer s3kr1t"}}]}
JSON
run "$ticker" check-config "$tmp/secret.json"
expect_status 0 "secret config is valid"
expect "... prints no password, key or header value" \
    sh -c "! grep -E 'bob|hunter2|k3y|s3kr1t' '$tmp/stdout'"
expect_stdout '"Authorization":	"***"' "... shows the header's name with its value hidden"
expect_stdout '"name":	"example.com"' "... names the feed by its host"
run "$ticker" check-config --show-secrets "$tmp/secret.json"
expect_stdout '"url":	"https://bob:hunter2@example.com/feed' "--show-secrets shows the URL"
expect_stdout '"Authorization":	"Bearer s3kr1t"' "--show-secrets shows the header"
