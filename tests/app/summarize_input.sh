#!/usr/bin/env bash
# `ticker summarize` on what it is given without being told: a whole HTML document is read as
# a page (as `file` would call it HTML), text that merely mentions tags stays text, and
# --charset is honoured for text, fragments and pages.
. "$(dirname "$0")/lib.sh" "$@"

py=/usr/bin/python3
"$py" - "$tmp" <<'PY'
import sys
d = sys.argv[1]
body = ("The harbour ferry returns to its summer timetable on Monday. The first boat leaves "
        "at six forty, and the last one comes back just before midnight. Tickets bought for "
        "the winter service stay valid until the end of the month.")
open(d + "/page.html", "w").write(
    "<!DOCTYPE html>\n<html lang='en'><head><title>Ferry back on summer times</title>"
    "<script>var x = '<p>not text</p>';</script></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Ferry back on summer times</h1><p>" + body + "</p></article></body></html>\n")
open(d + "/body-only.html", "w").write(
    "<!-- saved from a browser -->\n<BODY><div><p>" + body + "</p></div></BODY>\n")
open(d + "/mentions.txt", "w").write(
    "Writing HTML by hand\n\nEvery page starts with <html> and ends with </html>, and the "
    "text a reader sees goes inside <body>. That is all there is to the first lesson. "
    "The second lesson is about lists.\n")
ru = ("Паром возвращается к летнему расписанию в понедельник. Первый рейс отправляется "
      "в шесть сорок утра. Билеты зимнего сезона действуют до конца месяца.")
open(d + "/cyrillic-8859-5.txt", "wb").write(ru.encode("iso-8859-5"))
open(d + "/cyrillic-1251.html", "wb").write(
    ("<html><head><title>Паром</title></head><body><p>" + ru + "</p></body></html>")
    .encode("windows-1251"))
open(d + "/fragment-latin1.html", "wb").write(
    "<p>Grüße aus Köln. Die Straße am Rhein ist gesperrt, sagt die Stadt.</p>".encode("latin-1"))
PY

json() { # WHAT EXPR: a Python expression over the JSON document d on the last stdout
    expect "$1" "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$tmp/stdout"
}

run "$ticker" summarize "$tmp/page.html"
expect_status 0 "a whole HTML document without --html"
json "read as a page: its title, its text, no markup" \
    "d['source']=='page' and d['title']=='Ferry back on summer times' and d['summary'].startswith('The harbour ferry returns') and '<' not in d['summary'] and 'not text' not in d['summary']"

run "$ticker" summarize "$tmp/body-only.html"
expect_status 0 "a comment, then <BODY>"
json "read as a page" "d['source']=='page' and '<' not in d['summary'] and 'harbour ferry' in d['summary']"

run "$ticker" summarize "$tmp/mentions.txt"
expect_status 0 "text that mentions <html> in a sentence"
json "stays text: the headline and the tags as written" \
    "d['source']=='text' and d['title']=='Writing HTML by hand' and '<html>' in d['summary']"

run "$ticker" summarize "$tmp/cyrillic-8859-5.txt" --charset iso-8859-5
expect_status 0 "text with --charset iso-8859-5"
json "decoded as ISO-8859-5" "d['summary'].startswith('Паром возвращается')"

run "$ticker" summarize "$tmp/cyrillic-8859-5.txt"
expect_status 0 "the same text without --charset"
json "not Cyrillic (windows-1252, the fallback)" "'Паром' not in d['summary']"

run "$ticker" summarize "$tmp/cyrillic-1251.html" --charset windows-1251
expect_status 0 "a page without a declared charset, with --charset windows-1251"
json "decoded as windows-1251" "d['title']=='Паром' and 'Первый рейс' in d['summary']"

run "$ticker" summarize "$tmp/fragment-latin1.html" --fragment --charset iso-8859-1
expect_status 0 "a Latin-1 fragment with --charset"
json "decoded, markup gone" "d['summary'].startswith('Grüße aus Köln.') and '<p>' not in d['summary']"
