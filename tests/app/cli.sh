#!/usr/bin/env bash
# The command line every command shares (src/app/options.c): --help with a sentence per option
# in lines under 100 columns, option errors that name the command, the option and what was
# wanted (exit 2, the usage line after it), --opt=VALUE beside --opt VALUE, and `ticker help`.
. "$(dirname "$0")/lib.sh" "$@"

# Commands still on their own parser; their owners move them to app/options.h.
not_yet_shared=" "

# Every command `ticker --help` lists, with its sentence.
run "$ticker" --help
expect_status 0 "ticker --help: exit 0"
expect_no_stderr "ticker --help: nothing on stderr"
expect "ticker --help: lines under 100 columns" awk 'length($0) >= 100 { exit 1 }' "$tmp/stdout"
commands=$(sed -n '/^commands:/,$p' "$tmp/stdout" | awk 'NR > 1 && $1 !~ /^(help|version)$/ { print $1 }')
expect "ticker --help lists the commands" test "$(echo $commands)" = \
    "fetch check-config run status cache render parse summarize"
expect "ticker --help: a sentence for each command" \
    awk '/^commands:/ { on = 1; next } on && !/\.$/ { exit 1 }' "$tmp/stdout"

# A --help text: usage line first, then an "options:" list in which every option of the usage
# line has an entry whose text (with its wrapped lines) is one or more sentences.
cat >"$tmp/check_help.py" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
lines = text.split("\n")
assert all(len(l) < 100 for l in lines), [l for l in lines if len(l) >= 100]
usage_opts, entries, cur = set(), {}, None
in_usage = False
for l in lines:
    if l.startswith("usage: ticker "):
        in_usage = True
    elif not l.startswith(" "):
        in_usage = False
    if in_usage:
        usage_opts |= set(re.findall(r"--[a-z][a-z0-9-]*", l))
    m = re.match(r"^  (--[a-z][a-z0-9-]*|-h, --help)(?: [^ ]+)?(?:  +(.*))?$", l)
    if m:
        cur = m.group(1).replace("-h, ", "")
        entries[cur] = m.group(2) or ""
    elif cur and l.startswith(" " * 20):
        entries[cur] += " " + l.strip()
    else:
        cur = None
assert usage_opts, "no options in the usage line"
missing = usage_opts - set(entries)
assert not missing, "options without a sentence: %s" % sorted(missing)
for name, s in entries.items():
    assert re.match(r"^[A-Z].*\.$", s.strip()), "%s: %r is not a sentence" % (name, s)
assert "--help" in entries
PY
for c in $commands "cache list" "cache stats" "cache export" "cache import"; do
    # shellcheck disable=SC2086
    run "$ticker" $c --help
    if [[ $not_yet_shared == *" ${c%% *} "* ]]; then
        echo "skip $c --help: not on the shared option parser yet"
        continue
    fi
    expect_status 0 "$c --help: exit 0"
    expect_no_stderr "$c --help: nothing on stderr"
    expect_stdout "^usage: ticker $c( |\$)" "$c --help: usage line"
    expect "$c --help: a sentence per option, lines under 100 columns" \
        /usr/bin/python3 "$tmp/check_help.py" "$tmp/stdout"
    cp "$tmp/stdout" "$tmp/help"
    # shellcheck disable=SC2086
    run "$ticker" help $c
    expect "ticker help $c = ticker $c --help" cmp -s "$tmp/help" "$tmp/stdout"
done
run "$ticker" cache --help
expect_status 0 "cache --help: exit 0"
expect "cache --help: every subcommand" test "$(grep -c '^usage: ticker cache ' "$tmp/stdout")" -eq 4

# Errors: exact messages, exit 2, the usage line after them.
usage_fetch="usage: ticker fetch [--config FILE] [--cache FILE]"
usage_parse="usage: ticker parse FILE|- [--url URL] [--content-type TYPE] [--max-bytes N] [--max-items N]"
run "$ticker" fetch --config
expect_status 2 "a missing value: exit 2"
expect_stderr_is "ticker fetch: --config needs a value
$usage_fetch" "a missing value at the end"
run "$ticker" fetch --config --cache x.db
expect_stderr_is "ticker fetch: --config needs a value
$usage_fetch" "a missing value before the next option"
run "$ticker" parse --url
expect_stderr_is "ticker parse: --url needs a value
$usage_parse" "--url without a value is not 'unexpected argument'"
run "$ticker" fetch --confg x.json
expect_status 2 "an unknown option: exit 2"
expect_stderr_is "ticker fetch: unknown option --confg (did you mean --config?)
$usage_fetch" "an unknown option, with the near one"
run "$ticker" fetch --frobnicate
expect_stderr_is "ticker fetch: unknown option --frobnicate
$usage_fetch" "an unknown option, nothing near"
run "$ticker" fetch --hlep
expect_stderr "did you mean --help\?" "--hlep: did you mean --help"
run "$ticker" parse -x f.xml
expect_stderr_is "ticker parse: unknown option -x (options start with --)
$usage_parse" "a short option"
run "$ticker" parse --max-items 12x f.xml
expect_stderr_is "ticker parse: --max-items wants a whole number from 1 to 1000000, not '12x'
$usage_parse" "a number with junk"
for v in 0 -5 1000001 99999999999999999999 1e3 " 7" +7 ""; do
    run "$ticker" parse --max-items "$v" f.xml
    expect_status 2 "--max-items '$v' refused"
    expect_stderr "^ticker parse: --max-items wants a whole number from 1 to 1000000, not '" \
        "--max-items '$v': the range in the message"
done
run "$ticker" parse
expect_stderr_is "ticker parse: FILE|- is missing
$usage_parse" "a missing argument"
run "$ticker" parse a.xml b.xml
expect_stderr_is "ticker parse: unexpected argument 'b.xml' (at most 1)
$usage_parse" "one argument too many"
run "$ticker" fetch extra
expect_stderr_is "ticker fetch: unexpected argument 'extra'
$usage_fetch" "an argument where none is taken"
run "$ticker" summarize --html=yes x.html
expect_status 2 "a flag with a value: exit 2"
expect_stderr "^ticker summarize: --html takes no value$" "a flag with a value"
run "$ticker" cache export
expect_status 2 "a required option: exit 2"
expect_stderr_is "ticker cache export: --json-feed FILE|- is required
usage: ticker cache export --json-feed FILE|- [--config FILE] [--cache FILE]" "a required option"
run "$ticker" cache list --limit x
expect_stderr "^ticker cache list: --limit wants a whole number from 0 to [0-9]+, not 'x'$" \
    "a subcommand's option error names the subcommand"
run "$ticker" cache frobnicate
expect_status 2 "an unknown subcommand: exit 2"
expect_stderr "^ticker cache: unknown subcommand 'frobnicate'$" "an unknown subcommand"
printf -v esc 'a\033[2Jb'
run "$ticker" fetch "--$esc"
no_escape() { ! grep -q $'\033' "$1"; }
expect "an option is shown printable (no escape reaches the terminal)" no_escape "$tmp/stderr"
run "$ticker" frobnicate
expect_status 2 "an unknown command: exit 2"
expect_stderr "^ticker: unknown command 'frobnicate'$" "an unknown command"

# Values: --opt=VALUE and --opt VALUE, "-" as an argument, "--" ends the options, the last of
# a repeated option wins.
feed=$data/feeds/rss20-basic.xml
run "$ticker" parse "$feed" --max-items=2
expect_status 0 "--max-items=2: exit 0"
expect "--max-items=2 keeps two items" /usr/bin/python3 -c \
    'import json,sys; assert len(json.load(open(sys.argv[1]))["items"]) == 2' "$tmp/stdout"
run "$ticker" parse --max-items 3 --max-items 1 "$feed"
expect "a repeated option: the last one counts" /usr/bin/python3 -c \
    'import json,sys; assert len(json.load(open(sys.argv[1]))["items"]) == 1' "$tmp/stdout"
run_in "$feed" "$ticker" parse --max-items 1 -
expect_status 0 "- is standard input"
cp "$feed" "$tmp/--odd.xml"
run env -C "$tmp" "$ticker" parse -- --odd.xml
expect_status 0 "-- ends the options"
