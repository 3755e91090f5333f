#!/usr/bin/env bash
# Regenerates the seed corpus of fuzz_io_store: real cache files made by `ticker cache import`
# from the test fixture, plus damaged copies of one (truncated, a zeroed page), the same cache
# as the previous schema (3) and a newer one (99) wrote it, and another program's database.
#   tests/fuzz/make_store_corpus.sh build/src/ticker
set -euo pipefail
ticker=$1
here=$(cd "$(dirname "$0")" && pwd)
out=$here/corpus/io_store
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$ticker" cache import --json-feed "$here/../data/cache/sample.json" --cache "$tmp/a.db" 2>/dev/null
cp "$tmp/a.db" "$out/sample-cache"
head -c 12000 "$tmp/a.db" >"$out/truncated-cache"
cp "$tmp/a.db" "$out/zeroed-page-cache"
dd if=/dev/zero of="$out/zeroed-page-cache" bs=8192 seek=2 count=1 conv=notrunc 2>/dev/null
printf 'SQLite format 3\0garbage' >"$out/header-only"
# The same cache as schema 3 wrote it (no application_id, no version 4 columns), as a newer
# Ticker would mark it, and a database that is not Ticker's.
python3 - "$tmp/a.db" "$out" <<'PY'
import shutil, sqlite3, sys
src, out = sys.argv[1], sys.argv[2]
for name, sql in [
    ("schema3-cache", "ALTER TABLE items DROP COLUMN text_hash; ALTER TABLE items DROP COLUMN"
                      " summary_stale; PRAGMA user_version=3; PRAGMA application_id=0;"),
    ("newer-cache", "PRAGMA user_version=99;"),
]:
    shutil.copy(src, f"{out}/{name}")
    c = sqlite3.connect(f"{out}/{name}")
    c.executescript(sql)
    c.execute("PRAGMA journal_mode=DELETE")
    c.close()
c = sqlite3.connect(f"{out}/foreign-db")
c.executescript("PRAGMA page_size=1024; CREATE TABLE notes (x); INSERT INTO notes VALUES ('a');")
c.close()
PY
ls -l "$out"
