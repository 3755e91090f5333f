#!/usr/bin/env bash
# `ticker summarize`: the shared fixture as plain text (first line taken as the headline), a
# labelled page with --html, stdin, --explain, the options, and bad usage (exit 2 with a message
# naming the problem).
. "$(dirname "$0")/lib.sh" "$@"

fixture=$data/articles/article-de-migration.txt
run "$ticker" summarize "$fixture"
expect_status 0 "fixture: exit 0"
expect_json "d['language']=='de' and d['source']=='text' and not d['fallback']" \
    "fixture: language, source"
expect_json "d['title'].startswith('Trump-Regierung macht Druck')" \
    "fixture: first line taken as the headline"
expect_json "d['sentences'][0]['index']==0 and 2<=len(d['sentences'])<=3 and all(s['index']<=2 for s in d['sentences'])" \
    "fixture: its first two or three body sentences"
expect_json "len(d['summary'])<=400 and 'Themen' not in d['summary'] and 'Webinar' not in d['summary']" \
    "fixture: budget, no tail"
expect_json "d['summary']==' '.join(s['text'] for s in d['sentences'])" \
    "fixture: summary is the chosen sentences"

run_in "$fixture" "$ticker" summarize - --lang de --max-chars 150 --sentences 1
expect_status 0 "stdin, options: exit 0"
expect_json "len(d['sentences'])==1 and 0<len(d['summary'])<=150" \
    "stdin, options: one sentence within 150 characters"

run "$ticker" summarize --html --explain "$data/articles/en-court.html"
expect_status 0 "page: exit 0"
expect_json "d['language']=='en' and d['source']=='page' and d['title'].startswith('State supreme court')" \
    "page: language, source, page title"
expect_json "'body' in d and len(d['scores'])>=5 and all('score' in s and 'penalty' in s for s in d['scores'])" \
    "page: --explain gives the body and every sentence's score"
expect_json "d['body'] and 'cookies' not in d['body'] and 'Share on' not in d['body']" \
    "page: no boilerplate in the body"

run "$ticker" summarize --bench --repeat 2 "$fixture"
expect_status 0 "bench mode: exit 0"
expect_json "d['articles']==2 and d['per_second']>0" "bench mode: counts"

run "$ticker" summarize "$tmp/missing.txt"
expect_status 2 "missing file: exit 2"
expect_stderr_is "ticker summarize: $tmp/missing.txt: No such file or directory" \
    "... names the file and the reason"
run "$ticker" summarize "$fixture" --max-chars lots
expect_status 2 "bad --max-chars: exit 2"
expect_stderr "^ticker summarize: --max-chars wants a whole number from 40 to 20000, not 'lots'$" \
    "... names the option, its range and the value"
run "$ticker" summarize "$fixture" --frobnicate
expect_status 2 "unknown option: exit 2"
expect_stderr "^ticker summarize: unknown option --frobnicate$" "... named"
printf '' >"$tmp/empty.txt"
run_in "$tmp/empty.txt" "$ticker" summarize -
expect_status 1 "empty input: exit 1"
expect_json "d['summary']==''" "... with an empty summary"
