#!/usr/bin/env bash
# `ticker parse` on the hard-case fixtures (issue 11's classes), compared field by field with
# the output kept in tests/data/feeds/expected/ (written by tests/data/feeds/make-expected.sh
# and checked by hand). A difference prints the fixture, the field, and both values.
. "$(dirname "$0")/lib.sh" "$@"

feeds=$data/feeds
n=0
while read -r file opts <&3; do
    case $file in '' | '#'*) continue ;; esac
    n=$((n + 1))
    # shellcheck disable=SC2086 # the options are words
    run "$ticker" parse "$feeds/$file" $opts
    expect_status 0 "$file: exit 0"
    expect "$file: every field as expected" /usr/bin/python3 - "$tmp/stdout" "$feeds/expected/$file.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1], encoding="utf-8"))
want = json.load(open(sys.argv[2], encoding="utf-8"))
assert want.get("feed") and want.get("format"), "the expected output is empty"

def walk(path, a, b, out):
    if isinstance(b, dict) and isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            walk(path + "." + k, a.get(k, "<absent>"), b.get(k, "<absent>"), out)
    elif isinstance(b, list) and isinstance(a, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            walk("%s[%d]" % (path, i), x, y, out)
    elif a != b:
        out.append("  %s: got %r, want %r" % (path, a, b))

diffs = []
walk("", got, want, diffs)
if diffs:
    print("\n".join(diffs[:20]), file=sys.stderr)
    sys.exit(1)
PY
done 3< "$feeds/expected/args.txt"
expect "all $n fixtures of expected/args.txt were compared" test "$n" -ge 12
