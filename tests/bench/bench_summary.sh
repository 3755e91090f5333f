#!/usr/bin/env bash
# Summaries (issue 4): agreement with the hand labels and speed, side by side for
#   this summariser  (ticker summarize)
#   ots              (Open Text Summarizer, `ots --ratio=20 -d de|en`, fed the same cleaned text)
#   lead-3           (the first three sentences of the same cleaned text)
# usage: tests/bench/bench_summary.sh BUILD_DIR     (run by `make bench`)
# Agreement: mean sentence F1 and ROUGE-1 F1 against tests/data/articles/labels.tsv (see
# tests/bench/summary_agreement.py). Speed: ~1000 generated 5 KB plain-text articles (German and
# English paragraphs from the labelled set, shuffled deterministically), summarised in one
# process pinned to one core; per_cpu_second is the per-core figure on a busy machine, where
# per_second (wall clock) undersells it. Pages: the labelled HTML pages (extraction included),
# 40 rounds.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ticker="$build/src/ticker"
[ -x "$ticker" ] || ticker="$build/ticker"
py=/usr/bin/python3
work="$build/bench-summary"
rm -rf "$work"
mkdir -p "$work/articles"

echo "--- agreement with hand labels (23 pages, de+en)"
if command -v ots >/dev/null; then
    "$py" "$here/summary_agreement.py" "$ticker" "$root/tests/data/articles" --ots
else
    echo "(ots not installed: only this summariser and lead-3)"
    "$py" "$here/summary_agreement.py" "$ticker" "$root/tests/data/articles"
fi

echo "--- speed: 5 KB articles, one core"
"$py" - "$root/tests/data/articles" "$work/articles" <<'PY'
import os, random, sys
sys.path.insert(0, sys.argv[1])
from articles_de import ARTICLES as DE
from articles_en import ARTICLES as EN
out = sys.argv[2]
rng = random.Random(4)
for lang, arts in (("de", DE), ("en", EN)):
    paras = [l for a in arts for l in ([a["lead"]] if a["lead"] else []) + a["body"].split("\n")
             if l and not l.startswith(("##", "- ", "[", ">"))]
    heads = [l[3:] for a in arts for l in a["body"].split("\n") if l.startswith("## ")]
    titles = [a["title"] for a in arts]
    for i in range(500):
        parts = [rng.choice(titles)]
        size = len(parts[0])
        while size < 5000:
            if rng.random() < 0.2:
                parts.append(rng.choice(heads))
            parts.append(rng.choice(paras))
            size += len(parts[-1].encode()) + 1
        with open(os.path.join(out, "%s-%03d.txt" % (lang, i)), "w", encoding="utf-8") as f:
            f.write("\n".join(parts) + "\n")
PY
n=$(ls "$work/articles" | wc -l)
bytes=$(cat "$work/articles"/*.txt | wc -c)
echo "generated $n articles, mean $((bytes / n)) bytes"
echo -n "summariser (text):  "
taskset -c 0 "$ticker" summarize --bench --repeat 3 "$work/articles"/*.txt 2>/dev/null \
    || "$ticker" summarize --bench --repeat 3 "$work/articles"/*.txt
echo -n "summariser (pages): "
taskset -c 0 "$ticker" summarize --bench --html --repeat 40 "$root"/tests/data/articles/*.html 2>/dev/null \
    || "$ticker" summarize --bench --html --repeat 40 "$root"/tests/data/articles/*.html
if command -v ots >/dev/null; then
    # ots is a program per article (no library loop): 100 articles, process start included
    start=$(date +%s.%N)
    for f in $(ls "$work/articles"/de-*.txt | head -50) $(ls "$work/articles"/en-*.txt | head -50); do
        case "$f" in */de-*) d=de ;; *) d=en ;; esac
        ots --ratio=20 -d "$d" "$f" >/dev/null
    done
    end=$(date +%s.%N)
    "$py" -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('ots (per process):  {\"articles\":100,\"seconds\":%.3f,\"per_second\":%.0f}' % (s, 100/s))" "$start" "$end"
fi
echo "targets: summariser agreement above ots and lead-3; >= 500 articles/s per core on 5 KB"
