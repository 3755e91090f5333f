#!/usr/bin/env bash
# Writes expected/FIXTURE.json for every fixture listed in expected/args.txt: the output of
# `ticker parse FIXTURE OPTIONS`, which tests/app/parse_fixtures.sh compares field by field.
# Run after a deliberate change to the parser and review `git diff` before committing.
#   tests/data/feeds/make-expected.sh build/src/ticker
set -euo pipefail
ticker=$(realpath "${1:?usage: make-expected.sh path/to/ticker}")
cd "$(dirname "$0")"
grep -v '^#' expected/args.txt | while read -r file opts; do
    [ -n "$file" ] || continue
    # shellcheck disable=SC2086 # the options are words
    "$ticker" parse "$file" $opts > "expected/$file.json"
    echo "expected/$file.json"
done
