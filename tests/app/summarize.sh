#!/usr/bin/env bash
# `ticker summarize`: the shared fixture as plain text (first line taken as the headline), a
# labelled page with --html, stdin, --explain, the options, and bad usage (exit 2 with a message
# naming the problem).
set -u
ticker=$1
data=${TICKER_TEST_DATA:-$(cd "$(dirname "$0")/../data" && pwd)}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}
json() { # FILE EXPR: evaluate a Python expression over the JSON document d
    "$py" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}

fixture=$data/articles/article-de-migration.txt
"$ticker" summarize "$fixture" >"$tmp/a.json"
check "fixture: exit 0" $?
json "$tmp/a.json" "d['language']=='de' and d['source']=='text' and not d['fallback']"
check "fixture: language, source" $?
json "$tmp/a.json" "d['title'].startswith('Trump-Regierung macht Druck')"
check "fixture: first line taken as the headline" $?
json "$tmp/a.json" "d['sentences'][0]['index']==0 and 2<=len(d['sentences'])<=3 and all(s['index']<=2 for s in d['sentences'])"
check "fixture: its first two or three body sentences" $?
json "$tmp/a.json" "len(d['summary'])<=400 and 'Themen' not in d['summary'] and 'Webinar' not in d['summary']"
check "fixture: budget, no tail" $?
json "$tmp/a.json" "d['summary']==' '.join(s['text'] for s in d['sentences'])"
check "fixture: summary is the chosen sentences" $?

"$ticker" summarize - --lang de --max-chars 150 --sentences 1 <"$fixture" >"$tmp/b.json"
check "stdin, options: exit 0" $?
json "$tmp/b.json" "len(d['sentences'])==1 and len(d['summary'])<=150"
check "stdin, options: one sentence within 150 characters" $?

"$ticker" summarize --html --explain "$data/articles/en-court.html" >"$tmp/c.json"
check "page: exit 0" $?
json "$tmp/c.json" "d['language']=='en' and d['source']=='page' and d['title'].startswith('State supreme court')"
check "page: language, source, page title" $?
json "$tmp/c.json" "'body' in d and len(d['scores'])>=5 and all('score' in s and 'penalty' in s for s in d['scores'])"
check "page: --explain gives the body and every sentence's score" $?
json "$tmp/c.json" "'cookies' not in d['body'] and 'Share on' not in d['body']"
check "page: no boilerplate in the body" $?

"$ticker" summarize --bench --repeat 2 "$fixture" >"$tmp/d.json"
check "bench mode: exit 0" $?
json "$tmp/d.json" "d['articles']==2 and d['per_second']>0"
check "bench mode: counts" $?

"$ticker" summarize "$tmp/missing.txt" >/dev/null 2>"$tmp/err"
check "missing file: exit 2" $([ $? -eq 2 ]; echo $?)
grep -qF "$tmp/missing.txt: No such file or directory" "$tmp/err"
check "... names the file and the reason" $?
"$ticker" summarize "$fixture" --max-chars lots >/dev/null 2>"$tmp/err"
check "bad --max-chars: exit 2" $([ $? -eq 2 ]; echo $?)
grep -q -- "--max-chars" "$tmp/err"
check "... names the option" $?
"$ticker" summarize "$fixture" --frobnicate >/dev/null 2>"$tmp/err"
check "unknown option: exit 2" $([ $? -eq 2 ]; echo $?)
printf '' | "$ticker" summarize - >"$tmp/e.json" 2>"$tmp/err"
check "empty input: exit 1" $([ $? -eq 1 ]; echo $?)
json "$tmp/e.json" "d['summary']==''"
check "... with an empty summary" $?
exit $fail
