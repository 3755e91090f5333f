#!/usr/bin/env bash
# Every JSON document ticker prints is valid UTF-8 and valid JSON, whatever it was given
# (issue 11): parse, summarize (text, fragment, page, --charset), check-config, and cache
# export after an import and a fetch, over a corpus of binary and mis-encoded inputs made
# here. The check is strict: the bytes must decode as UTF-8 (no overlongs, no surrogates),
# the text must parse as JSON, and no string in it may hold an escaped lone surrogate.
. "$(dirname "$0")/lib.sh" "$@"

py=/usr/bin/python3
corpus=$tmp/corpus
mkdir -p "$corpus"
"$py" - "$corpus" <<'PY'
import random, struct, sys, zlib
d = sys.argv[1]
r = random.Random(11)
def w(name, data):
    open(d + "/" + name, "wb").write(data)
de = "Grüße aus Köln. Die Straße am Rhein ist ab Montag gesperrt, sagt die Stadt. Umleitung über Deutz."
w("latin1.txt", de.encode("latin-1"))
w("cp1252.txt", ("„Zitat“ – " + de).encode("cp1252"))
w("utf16.txt", "\ufeff".encode("utf-16-le") + de.encode("utf-16-le"))
w("random.bin", bytes(r.randrange(256) for _ in range(4000)))
w("controls.txt", bytes(range(32)) * 20 + b"\x7f\x80\x9f\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80")
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
w("image.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
  + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xc3\xa9\x00" * 2)) + chunk(b"IEND", b""))
w("latin1.html", ("<!DOCTYPE html><html><head><title>Köln: Straße gesperrt</title></head><body>"
                  "<p>" + de + "</p><p>" + de + "</p></body></html>").encode("latin-1"))
w("bad-utf8.xml", b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
  b"<title>K\xf6ln \xff\xfe news</title><item><title>Stra\xdfe \xed\xa0\x80 gesperrt</title>"
  b"<description>Umleitung \xc0\xaf \xf8\x88\x80\x80\x80 \xe2\x82</description>"
  b"<link>https://bad.example/\xe4</link></item></channel></rss>")
w("latin1-undeclared.xml", ('<rss version="2.0"><channel><title>Köln</title><item>'
  "<title>Grüße</title><link>https://latin.example/1</link></item></channel></rss>").encode("latin-1"))
w("bad.json", b'{"version":"https://jsonfeed.org/version/1.1","title":"K\xf6ln \\ud800 feed",'
  b'"items":[{"id":"1","title":"Stra\xdfe \\udc00 x","content_text":"Gr\xfc\xdfe \\ud83d",'
  b'"url":"https://json.example/1"}]}')
w("bad-bytes.json", b'{"version":"https://jsonfeed.org/version/1.1","title":"K\xf6ln feed",'
  b'"items":[{"id":"1","title":"Stra\xdfe \xed\xa0\x80 x","content_text":"Gr\xfc\xdfe",'
  b'"url":"https://json.example/1"}]}')
w("config-latin1.json", ('{"feeds": [{"name": "Köln Straße", "url": "file://' + d +
  '/latin1-undeclared.xml"}, {"name": "Bad bytes", "url": "file://' + d + '/bad-utf8.xml"}],'
  ' "cache": "' + d + '/cache.db"}').encode("latin-1"))
PY

# strict CHECKNAME FILE: the file holds one valid JSON document in valid UTF-8.
strict() {
    expect "$1: strict UTF-8 and JSON" "$py" - "$2" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")  # strict: raises on any invalid sequence
doc = json.loads(text)
def walk(v):
    if isinstance(v, str):
        v.encode("utf-8")  # raises on a lone surrogate from a \ud800 escape
    elif isinstance(v, list):
        for x in v:
            walk(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            walk(k)
            walk(x)
walk(doc)
PY
}

printed=0
for f in "$corpus"/*; do
    name=$(basename "$f")
    case $name in cache.db*) continue ;; esac
    run "$ticker" parse "$f"
    if [ "$status" -eq 0 ]; then
        strict "parse $name" "$tmp/stdout"
        printed=$((printed + 1))
    else
        expect_no_stdout "parse $name: nothing on stdout when it fails"
    fi
    for mode in "" --fragment --html "--charset iso-8859-1" "--html --charset windows-1252"; do
        # shellcheck disable=SC2086 # the options are words
        run "$ticker" summarize "$f" $mode
        # exit 1 (no text to summarise) still prints its JSON document
        expect "summarize $mode $name: exit 0 or 1 ($status)" test "$status" -le 1
        strict "summarize $mode $name" "$tmp/stdout"
    done
done
expect "parse printed a feed for the mis-encoded feeds ($printed)" test "$printed" -ge 3

run "$ticker" check-config "$corpus/config-latin1.json"
expect_status 0 "check-config on a Latin-1 configuration"
strict "check-config" "$tmp/stdout"

# Imports: bad bytes in strings (cJSON takes them as they are), and lone surrogate escapes
# (refused with a clear error by a reader that takes no such JSON, or read as U+FFFD).
for f in bad-bytes.json bad.json; do
    run "$ticker" cache import --json-feed "$corpus/$f" --cache "$tmp/import.db"
    expect "cache import of $f: imported, or refused with a message ($status)" \
        test "$status" -eq 0 -o "(" "$status" -eq 2 -a -s "$tmp/stderr" ")"
done
run "$ticker" cache export --json-feed - --cache "$tmp/import.db"
expect_status 0 "cache export after the imports"
strict "cache export (import)" "$tmp/stdout"
expect "the imported items are in the export" grep -q "json.example/1" "$tmp/stdout"

run "$ticker" fetch --config "$corpus/config-latin1.json"
expect "fetch of two mis-encoded local feeds ($status)" test "$status" -le 1
run "$ticker" cache export --json-feed - --config "$corpus/config-latin1.json"
expect_status 0 "cache export after the fetch"
strict "cache export (fetch)" "$tmp/stdout"
