#!/usr/bin/env bash
# `ticker cache import|list|stats|export` (and `render --cache`, `fetch`) on real cache files:
# - the fixture JSON Feed goes in (one story is a duplicate of another by its normalised link),
#   list/stats show it, export writes valid JSON Feed 1.1 that reads back the same, filters
#   from --config apply to export;
# - import goes through the feed parser: a foreign JSON Feed's items are named by its title,
#   control characters never reach the cache or the terminal, bad documents exit 2;
# - readers never write: list, stats, export and render --cache leave a cache from a newer
#   Ticker, another program's database and a damaged file exactly as they were (bytes and the
#   files beside them), and leave no -wal or -shm behind on a healthy one;
# - files are created 0600;
# - storage (as root, in a private mount namespace, on small tmpfs mounts): an intact cache on
#   a read-only file system, a read-only folder or a full disk is listed, shown and exported;
#   `fetch` says why it cannot save (read-only, disk full), never "integrity"; no 3-byte -shm
#   is left; when space returns the next fetch saves. Skipped with a message where mount
#   namespaces are not available.

# The storage cases mount file systems: run the whole script in a private mount namespace
# when we may (root), so that nothing it mounts is seen outside or outlives it.
if [ -z "${TICKER_CACHE_NS:-}" ] && [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
    TICKER_CACHE_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi
. "$(dirname "$0")/lib.sh" "$@"
at_exit 'umount -q "$tmp/mnt" 2>/dev/null'

# check WANT_STATUS WHAT CMD...: runs CMD and checks its exit status.
check() {
    local want=$1 what=$2
    shift 2
    run "$@"
    expect_status "$want" "$what"
}
# Conditions about the last run, for `expect WHAT has TEXT` and the like (fixed strings).
has() { grep -qF -- "$1" "${2:-$tmp/stderr}"; }
hasnt() { ! grep -qF -- "$1" "${2:-$tmp/stderr}"; }
lines() { [ "$(wc -l <"${2:-$tmp/stdout}")" -eq "$1" ]; }
# The bytes, size and modification time of a file and the names beside it.
print_of() { (cd "$(dirname "$1")" && sha256sum "$(basename "$1")" && stat -c '%s %Y' "$(basename "$1")" && ls -A); }
no_escapes() { ! grep -q $'\e\|\a' "$1"; }
same() { [ "$1" = "$2" ]; }

db=$tmp/sub/dir/cache.db
cfg=$data/config/minimal.json
printf '{"feeds": [{"url": "file://%s/no-such-feed.xml", "name": "Missing"}], "fetch_articles": false}\n' "$tmp" >"$tmp/fetch-missing.json"

check 1 "list on a missing cache fails" "$ticker" cache list --config "$cfg" --cache "$db"
expect "... and says so, naming the file" has "ticker: cache $db: does not exist"
expect "... without creating it" test ! -e "$db" -a ! -e "$tmp/sub"

check 0 "import exits 0" "$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$db"
expect "import counts (one duplicate by link)" \
    has "imported 4 new, 0 changed, 0 updated, 0 unchanged, 1 duplicate, 0 expired"
expect "the new cache file is private (0600)" test "$(stat -c %a "$db")" = 600
expect "... and its folders (0700)" test "$(stat -c %a "$tmp/sub/dir")" = 700
check 0 "second import exits 0" "$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$db"
expect "second import changes nothing" \
    has "imported 0 new, 0 changed, 0 updated, 4 unchanged, 1 duplicate, 0 expired"

before=$(print_of "$db")
check 0 "list exits 0" "$ticker" cache list --config "$cfg" --cache "$db"
expect "list has 4 items" lines 4
printf '2025-11-24 15:00Z\tInland\tBundestag beschließt Haushalt für 2026\thttps://news.example.org/politik/haushalt-2026?utm_source=rss\n' >"$tmp/want"
head -n 1 "$tmp/stdout" >"$tmp/first"
expect "list: newest first, tab-separated" cmp "$tmp/want" "$tmp/first"
expect "list: time zone offsets converted to UTC" grep -q "^2025-11-24 13:30Z	Sport	Pokal" "$tmp/stdout"
expect "list leaves the cache as it was, with no -wal or -shm" test "$(print_of "$db")" = "$before"
check 0 "list --feed --limit" "$ticker" cache list --feed World --limit 1 --config "$cfg" --cache "$db"
expect "... one line, the right one" eval 'lines 1 && has "Harbour bridge" "$tmp/stdout"'
check 0 "list --feed URL" "$ticker" cache list --feed https://news.example.org/sport.xml --config "$cfg" --cache "$db"
expect "... one line" lines 1

check 0 "stats exits 0" "$ticker" cache stats --config "$cfg" --cache "$db"
expect "stats totals" has "schema 5, 4 items, 3 feeds" "$tmp/stdout"
expect "stats per feed" eval 'grep -q "^Inland$" "$tmp/stdout" && has "last status  never" "$tmp/stdout" && has "items        1 (newest 2025-11-24 15:00Z)" "$tmp/stdout"'
expect "stats leaves the cache as it was" test "$(print_of "$db")" = "$before"

check 0 "export exits 0" "$ticker" cache export --json-feed "$tmp/out.json" --config "$cfg" --cache "$db"
expect "export leaves the cache as it was" test "$(print_of "$db")" = "$before"
run /usr/bin/python3 - "$tmp/out.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
assert f["version"] == "https://jsonfeed.org/version/1.1"
assert isinstance(f["title"], str)
items = f["items"]
assert len(items) == 4, len(items)
for it in items:
    # JSON Feed 1.1: id is a string; content_text or content_html is required
    assert isinstance(it["id"], str) and it["id"]
    assert isinstance(it["content_text"], str) and it["content_text"]
    assert it["date_published"].endswith("Z")
first = items[0]
assert first["title"] == "Bundestag beschließt Haushalt für 2026"
assert first["summary"].startswith("Nach langer Debatte")
assert first["content_text"].endswith("Schienen und Schulen.")
assert first["language"] == "de"
bridge = [i for i in items if i["title"].startswith("Harbour")][0]
assert bridge["authors"] == [{"name": "City desk"}]
assert bridge["image"] == "https://world.example.com/img/bridge.jpg"
assert bridge["_ticker"]["source"] == "World"
PY
expect_status 0 "export is JSON Feed 1.1 with summaries"

# Round trip: the export imports into a new cache and exports the same items.
check 0 "re-import of the export exits 0" "$ticker" cache import --json-feed "$tmp/out.json" --config "$cfg" --cache "$tmp/copy.db"
expect "... 4 new" has "imported 4 new,"
check 0 "export to stdout exits 0" "$ticker" cache export --json-feed - --config "$cfg" --cache "$tmp/copy.db"
cp "$tmp/stdout" "$tmp/copy.json"
run /usr/bin/python3 - "$tmp/out.json" "$tmp/copy.json" <<'PY'
import json, sys
a, b = (json.load(open(p))["items"] for p in sys.argv[1:3])
assert len(a) == 4, a
strip = lambda items: [{k: v for k, v in i.items() if k != "_ticker"} for i in items]
assert strip(a) == strip(b), (a, b)
PY
expect_status 0 "export -> import -> export round trip"

# Credentials in a feed's URL are never published by the export (a hub serves it on the web)
# nor listed: the imported feed's URL keeps its user, password and key in the cache only.
sed 's|https://news.example.org/inland.xml|https://bob:hunter2@news.example.org/inland.xml?apikey=K3Y|' \
    "$data/cache/sample.json" >"$tmp/secret.json"
check 0 "import of a feed URL with credentials exits 0" "$ticker" cache import --json-feed "$tmp/secret.json" --config "$cfg" --cache "$tmp/secret.db"
check 0 "... export exits 0" "$ticker" cache export --json-feed - --config "$cfg" --cache "$tmp/secret.db"
expect "... the export has neither password nor key" eval '! grep -E "bob|hunter2|K3Y" "$tmp/stdout"'
expect "... but names the feed's host" grep -q '"feed_url":	"https://\*\*\*@news.example.org/inland.xml' "$tmp/stdout"
/usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE feeds SET name = NULL"); c.commit(); c.close()' "$tmp/secret.db"
check 0 "... list of the nameless feed exits 0" "$ticker" cache list --config "$cfg" --cache "$tmp/secret.db"
expect "... list shows no password or key" eval '! grep -E "bob|hunter2|K3Y" "$tmp/stdout"'

# Filters of the configuration apply to the export.
check 0 "export with filters exits 0" "$ticker" cache export --json-feed - --config "$data/config/filters.json" --cache "$db"
cp "$tmp/stdout" "$tmp/f.json"
run /usr/bin/python3 -c '
import json, sys
t = [i["title"] for i in json.load(open(sys.argv[1]))["items"]]
assert len(t) == 2 and not any("Royal" in x or "Pokal" in x for x in t), t' "$tmp/f.json"
expect_status 0 "export applies filters"

# A JSON Feed that is not Ticker's: its items are named by the feed's own title, and what
# the network could put in (escape sequences) reaches neither the cache nor the terminal.
cat >"$tmp/gazette.json" <<'JSON'
{"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Gazette\u001b[0m\u0007",
 "home_page_url": "https://gazette.example/",
 "items": [
  {"id": "g-1", "url": "https://gazette.example/ferry", "title": "Ferry \u001b]0;owned\u0007timetable changes",
   "content_text": "The morning crossing moves to 7:40.", "date_published": "2025-11-24T08:15:00Z"},
  {"id": "g-2", "url": "https://gazette.example/market", "title": "Market hall reopens",
   "content_html": "<p>After <b>two years</b> of work.</p>", "date_published": "2025-11-23T10:00:00+02:00"}
 ]}
JSON
check 0 "import of a foreign JSON Feed exits 0" "$ticker" cache import --json-feed "$tmp/gazette.json" --config "$cfg" --cache "$tmp/g.db"
expect "... 2 new" has "imported 2 new,"
check 0 "list after it exits 0" "$ticker" cache list --config "$cfg" --cache "$tmp/g.db"
expect "its items are named by the feed's title, not import:<path>" \
    eval 'grep -q "^2025-11-24 08:15Z	Harbour Gazette\[0m	Ferry \]0;ownedtimetable changes	https://gazette.example/ferry$" "$tmp/stdout"'
expect "... and the +02:00 date is shown in UTC" grep -q "^2025-11-23 08:00Z	Harbour Gazette.*	Market hall reopens" "$tmp/stdout"
expect "list prints no escape sequences" no_escapes "$tmp/stdout"
check 0 "stats after it exits 0" "$ticker" cache stats --config "$cfg" --cache "$tmp/g.db"
expect "stats prints no escape sequences" no_escapes "$tmp/stdout"

# An error that quotes the network (as an older Ticker stored it, raw) is shown printable.
check 1 "a fetch of a missing feed" "$ticker" fetch --config "$tmp/fetch-missing.json" --cache "$tmp/esc.db"
/usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE feeds SET last_error = ?, name = ?", ("moved to http://x.example/\x1b[31mred\x07", "Esc\x1b]0;title\x07")); c.commit(); c.close()' "$tmp/esc.db"
check 0 "stats after it exits 0" "$ticker" cache stats --config "$cfg" --cache "$tmp/esc.db"
expect "the stored error is shown printable" has 'last status  error: moved to http://x.example/\x1b[31mred\x07' "$tmp/stdout"
expect "... the feed's name too" has 'Esc\x1b]0;title\x07' "$tmp/stdout"
expect "... with no escape sequences" no_escapes "$tmp/stdout"

# Import: exit 2 for documents that are not a JSON Feed, naming the file (and the line and
# column where JSON breaks off); exit 1 when the cache cannot take it.
printf '{"version": "https://jsonfeed.org/version/1.1",\n "items": [\n' >"$tmp/cut.json"
check 2 "import of broken JSON exits 2" "$ticker" cache import --json-feed "$tmp/cut.json" --config "$cfg" --cache "$tmp/cut.db"
expect "... naming the file, line and column" has "ticker: $tmp/cut.json: line 2, column 12: invalid JSON"
echo '{"title": "x"}' >"$tmp/nofeed.json"
check 2 "import of JSON that is no feed exits 2" "$ticker" cache import --json-feed "$tmp/nofeed.json" --config "$cfg" --cache "$tmp/cut.db"
expect "... and says so" has "ticker: $tmp/nofeed.json: line 1, column 1: not a JSON Feed"
check 2 "import of an RSS feed exits 2" "$ticker" cache import --json-feed "$data/feeds/rss20-basic.xml" --config "$cfg" --cache "$tmp/cut.db"
expect "... not a JSON Feed, it says" has "not a JSON Feed (it is a feed of the format rss20)"
check 2 "import of a missing file exits 2" "$ticker" cache import --json-feed "$tmp/none.json" --config "$cfg" --cache "$tmp/cut.db"
expect "... naming it and the reason" has "$tmp/none.json: No such file or directory"

check 1 "export to an unwritable path exits 1" "$ticker" cache export --json-feed "$tmp/no/such/dir/out.json" --config "$cfg" --cache "$db"
expect "... naming the file and the reason" has "ticker: $tmp/no/such/dir/out.json: cannot write: No such file or directory"

# Files nobody may touch: a cache from a newer Ticker, another program's database, a damaged
# file. Readers (list, stats, export, render --cache) report them (exit 1) and leave them
# exactly as they were; import refuses the first two too, and moves only the damaged one.
cp "$db" "$tmp/newer.db"
/usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version=99"); c.commit(); c.close()' "$tmp/newer.db"
/usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE notes (x)"); c.execute("INSERT INTO notes VALUES (1)"); c.commit(); c.close()' "$tmp/other.db"
head -c 5000 /dev/urandom >"$tmp/bad.db"
for f in newer other bad; do
    case $f in
    newer) why="made by a newer Ticker (schema 99)" ;;
    other) why="not a Ticker cache (another program's SQLite database with the tables notes)" ;;
    bad) why="not a database file" ;;
    esac
    before=$(print_of "$tmp/$f.db")
    for cmd in "cache list" "cache stats" "cache export --json-feed $tmp/x.json"; do
        check 1 "$cmd on $f.db exits 1" "$ticker" $cmd --config "$cfg" --cache "$tmp/$f.db"
        expect "... says: $why" has "ticker: cache $tmp/$f.db: $why"
        expect "... never 'integrity'" hasnt "integrity"
        expect "... and leaves it as it was" test "$(print_of "$tmp/$f.db")" = "$before"
    done
    check 1 "render --cache on $f.db exits 1" "$ticker" render --cache "$tmp/$f.db" --out "$tmp/frames" --frames 1 --no-png --size 320x180
    expect "... says: $why" has "$why"
    expect "... and leaves it as it was" test "$(print_of "$tmp/$f.db")" = "$before"
done
for f in newer other; do
    before=$(print_of "$tmp/$f.db")
    check 1 "import into $f.db exits 1" "$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$tmp/$f.db"
    expect "... and leaves it as it was" test "$(print_of "$tmp/$f.db")" = "$before"
done
check 0 "import into a damaged cache exits 0" "$ticker" cache import --json-feed "$data/cache/sample.json" --config "$cfg" --cache "$tmp/bad.db"
expect "... after moving it aside" has "moved it to $tmp/bad.db.corrupt-"
before=$(print_of "$db")
check 0 "render --cache of a good cache exits 0" "$ticker" render --cache "$db" --out "$tmp/frames" --frames 1 --no-png --size 320x180
expect "... and leaves it as it was, with no -wal or -shm" test "$(print_of "$db")" = "$before"

# End to end: `ticker fetch` of local feeds, then stats shows each feed's state.
printf '{"feeds": [{"url": "file://%s/feeds/atom10.xml", "name": "Atom"}, {"url": "file://%s/no-such-feed.xml", "name": "Missing"}], "fetch_articles": false}\n' "$data" "$tmp" >"$tmp/fetch.json"
check 0 "ticker fetch into a new cache" "$ticker" fetch --config "$tmp/fetch.json" --cache "$tmp/fetched.db"
check 0 "stats after a fetch exits 0" "$ticker" cache stats --config "$tmp/fetch.json" --cache "$tmp/fetched.db"
expect "stats after a fetch: ok and error states" eval 'grep -A4 "^Atom$" "$tmp/stdout" | grep -q "last status  ok" &&
    grep -A5 "^Missing$" "$tmp/stdout" | grep -q "last status  error: .*no-such-feed.xml" &&
    grep -A6 "^Missing$" "$tmp/stdout" | grep -q "errors       1 in a row"'
# The fixture's entries are from early 2026: old news, and the display keeps it (the newest
# ten of a feed stay whatever their age).
check 0 "list after a fetch exits 0" "$ticker" cache list --feed Atom --config "$tmp/fetch.json" --cache "$tmp/fetched.db"
expect "old entries are kept, the dateless one too" eval 'has "Atom	Only a self link" "$tmp/stdout" && [ "$(wc -l <"$tmp/stdout")" -gt 1 ]'

check 2 "no subcommand exits 2" "$ticker" cache
check 2 "unknown subcommand exits 2" "$ticker" cache frobnicate
check 2 "export without --json-feed exits 2" "$ticker" cache export --cache "$db"
check 2 "bad --limit exits 2" "$ticker" cache list --limit x --cache "$db"
check 2 "bad configuration exits 2" "$ticker" cache list --config "$data/config/bad.json" --cache "$db"

# ---- storage: read-only and full file systems --------------------------------------------
if [ -z "${TICKER_CACHE_NS:-}" ]; then
    skip_rest "the storage cases mount small file systems, which needs root and mount namespaces (unshare -m)"
fi
# A small file system with an intact cache of the fixture on it (and its folder's listing).
mnt=$tmp/mnt
mkdir -p "$mnt"
check 0 "a small file system to play with" mount -t tmpfs -o size=2m,mode=0755 tmpfs "$mnt"
[ "$status" -eq 0 ] || exit 1
cp "$db" "$mnt/cache.db"
chmod 600 "$mnt/cache.db"
feedcfg=$tmp/feed.json
printf '{"feeds": [{"url": "file://%s/feeds/rss20-basic.xml", "name": "Courier"}], "fetch_articles": false}\n' "$data" >"$feedcfg"

# 1. Read-only file system.
mount -o remount,ro "$mnt"
before=$(print_of "$mnt/cache.db")
check 0 "read-only fs: list exits 0" "$ticker" cache list --config "$cfg" --cache "$mnt/cache.db"
expect "... with the 4 items" lines 4
check 0 "read-only fs: stats exits 0" "$ticker" cache stats --config "$cfg" --cache "$mnt/cache.db"
check 0 "read-only fs: export exits 0" "$ticker" cache export --json-feed - --config "$cfg" --cache "$mnt/cache.db"
check 0 "read-only fs: render --cache exits 0" "$ticker" render --cache "$mnt/cache.db" --out "$tmp/frames" --frames 1 --no-png --size 320x180
check 1 "read-only fs: fetch cannot save" "$ticker" fetch --config "$feedcfg" --cache "$mnt/cache.db"
expect "read-only fs: fetch says it is read-only" has "read-only"
expect "... and opened it for reading, saying so once" eval '[ "$(grep -c "cannot be written now" "$tmp/stderr")" -eq 1 ]'
expect "... never 'integrity' or 'not an error'" eval 'hasnt integrity && hasnt "not an error"'
expect "read-only fs: the cache is as it was" test "$(print_of "$mnt/cache.db")" = "$before"
check 1 "read-only fs: import exits 1" "$ticker" cache import --json-feed "$tmp/gazette.json" --config "$cfg" --cache "$mnt/cache.db"
expect "... saying why" has "read-only"
mount -o remount,rw "$mnt"
check 0 "writable again: fetch saves" "$ticker" fetch --config "$feedcfg" --cache "$mnt/cache.db"
check 0 "... list exits 0" "$ticker" cache list --feed Courier --config "$cfg" --cache "$mnt/cache.db"
expect "... with the fetched items" eval '[ "$(wc -l <"$tmp/stdout")" -ge 1 ]'

# 2. Full disk: fill the rest of the file system.
cp "$db" "$mnt/full.db"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
before=$(print_of "$mnt/full.db")
check 0 "full disk: list exits 0" "$ticker" cache list --config "$cfg" --cache "$mnt/full.db"
expect "... with the 4 items" lines 4
check 0 "full disk: stats exits 0" "$ticker" cache stats --config "$cfg" --cache "$mnt/full.db"
check 0 "full disk: render --cache exits 0" "$ticker" render --cache "$mnt/full.db" --out "$tmp/frames" --frames 1 --no-png --size 320x180
check 1 "full disk: fetch cannot save" "$ticker" fetch --config "$feedcfg" --cache "$mnt/full.db"
expect "full disk: fetch says the disk is full" has "the disk is full"
expect "... never 'integrity', 'not an error' or 'no transaction'" \
    eval 'hasnt integrity && hasnt "not an error" && hasnt "no transaction"'
expect "full disk: no 3-byte -shm (or any -shm) is left" test ! -e "$mnt/full.db-shm"
expect "full disk: the cache is as it was, nothing beside it" test "$(print_of "$mnt/full.db")" = "$before"
check 0 "the sqlite3 shell opens it" sqlite3 -readonly "file:$mnt/full.db?immutable=1" "SELECT count(*) FROM items"
expect "... and the sqlite3 shell still reads it" eval '[ "$(cat "$tmp/stdout")" = 4 ]'
check 1 "full disk: a new cache cannot be made, and says why" "$ticker" cache import --json-feed "$tmp/gazette.json" --config "$cfg" --cache "$mnt/new.db"
expect "... the disk is full" has "the disk is full"
expect "... and leaves nothing behind" eval '! ls "$mnt"/new.db* >/dev/null 2>&1'
rm -f "$mnt/filler"
check 0 "space back: fetch saves" "$ticker" fetch --config "$feedcfg" --cache "$mnt/full.db"
check 0 "... list exits 0" "$ticker" cache list --feed Courier --config "$cfg" --cache "$mnt/full.db"
expect "... with the fetched items" eval '[ "$(wc -l <"$tmp/stdout")" -ge 1 ]'
check 0 "the sqlite3 shell checks it" sqlite3 "$mnt/full.db" "PRAGMA integrity_check"
expect "... and the file is sound" eval '[ "$(cat "$tmp/stdout")" = ok ]'

# 3. A read-only folder (as a user who may not write it: root may write anywhere).
if id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
    mkdir "$mnt/ro"
    cp "$db" "$mnt/ro/cache.db"
    chown -R nobody "$mnt/ro"
    chmod 500 "$mnt/ro"
    chmod 400 "$mnt/ro/cache.db"
    chmod 755 "$tmp" "$(dirname "$ticker")" 2>/dev/null
    as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME="$tmp" "$@"; }
    before=$(print_of "$mnt/ro/cache.db")
    check 0 "read-only folder: list exits 0" as_nobody "$ticker" cache list --config "$cfg" --cache "$mnt/ro/cache.db"
    expect "... with the 4 items" lines 4
    check 1 "read-only folder: fetch cannot save" as_nobody "$ticker" fetch --config "$feedcfg" --cache "$mnt/ro/cache.db"
    expect "read-only folder: fetch says it may not write" has "no permission to write it"
    expect "... never 'integrity'" hasnt integrity
    expect "read-only folder: the cache is as it was, nothing beside it" test "$(print_of "$mnt/ro/cache.db")" = "$before"
else
    echo "skip read-only folder case: needs the user nobody and setpriv"
fi
