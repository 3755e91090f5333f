#!/usr/bin/python3
"""Agreement of summaries with the hand labels in tests/data/articles/labels.tsv.

usage: summary_agreement.py TICKER_BIN ARTICLES_DIR [--ots] [--verbose]

For every labelled page it runs `ticker summarize --html --explain` (the cleaned body and its
sentences), then scores three systems on the same cleaned text:
  summariser  the chosen sentences
  lead-3      the first three sentences of the cleaned body
  ots         `ots --ratio=20 -d de|en` on the cleaned body (one paragraph per line)
Scores: sentence F1 (a system's sentence matches a label when it starts with the label's
prefix; for ots, whose sentences are its own, a label counts as found when its prefix occurs
in the output and precision is found labels over the sentences in the output) and ROUGE-1 F1
(unigrams, lower-cased, against the labelled sentences' text). Prints the mean of each, over
all pages and over the blind pages (ids "bl-...", labelled after the last ranking change and
never used to change anything; see tests/data/articles/make_pages.py).
"""
import json
import re
import subprocess
import sys
import tempfile
import os

WORD = re.compile(r"\w+", re.UNICODE)


def rouge1(sys_text, ref_text):
    from collections import Counter
    s = Counter(w.lower() for w in WORD.findall(sys_text))
    r = Counter(w.lower() for w in WORD.findall(ref_text))
    if not s or not r:
        return 0.0
    hit = sum((s & r).values())
    p, rc = hit / sum(s.values()), hit / sum(r.values())
    return 0.0 if hit == 0 else 2 * p * rc / (p + rc)


def f1(tp, n_sys, n_ref):
    if tp == 0:
        return 0.0
    p, r = tp / n_sys, tp / n_ref
    return 2 * p * r / (p + r)


def split_ots_sentences(text):
    # ots prints the chosen sentences as they were in its input; count sentences crudely
    parts = [p for p in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])", text.strip()) if p.strip()]
    return parts


def main():
    ticker, adir = sys.argv[1], sys.argv[2]
    use_ots = "--ots" in sys.argv
    verbose = "--verbose" in sys.argv
    rows = []
    for line in open(os.path.join(adir, "labels.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        aid, lang, labels = line.rstrip("\n").split("\t")
        rows.append((aid, lang, [l.strip() for l in labels.split("||")]))
    totals = {"summariser": [0, 0], "lead-3": [0, 0], "ots": [0, 0]}
    held = {"summariser": [0, 0], "lead-3": [0, 0], "ots": [0, 0]}
    n_held = sum(1 for r in rows if r[0].startswith("bl-"))
    for aid, lang, labels in rows:
        out = subprocess.run([ticker, "summarize", "--html", "--explain",
                              os.path.join(adir, aid + ".html")],
                             capture_output=True, text=True, check=True).stdout
        d = json.loads(out)
        sents = [s["text"] for s in d["scores"]]
        label_idx = set()
        for l in labels:
            m = [i for i, s in enumerate(sents) if s.startswith(l)]
            if not m:
                print("WARNING: %s: label not found in body: %s" % (aid, l), file=sys.stderr)
            label_idx.update(m[:1])
        ref = " ".join(sents[i] for i in sorted(label_idx))
        lost = [l for l in labels if not any(s.startswith(l) for s in sents)]
        ref = (ref + " " + " ".join(lost)).strip()
        chosen = [s["index"] for s in d["sentences"]]
        systems = {"summariser": chosen, "lead-3": list(range(min(3, len(sents))))}
        for name, idx in systems.items():
            tp = len(set(idx) & label_idx)
            # a label whose sentence the cleaned body lost counts as missed
            sf = f1(tp, len(idx), len(labels))
            rf = rouge1(" ".join(sents[i] for i in idx), ref)
            totals[name][0] += sf
            totals[name][1] += rf
            if aid.startswith("bl-"):
                held[name][0] += sf
                held[name][1] += rf
            if verbose:
                print("%-18s %-10s F1=%.2f R1=%.2f chosen=%s labels=%s" % (aid, name, sf, rf, sorted(idx), sorted(label_idx)))
        if use_ots:
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
                f.write(d["body"] + "\n")
                tmp = f.name
            o = subprocess.run(["ots", "--ratio=20", "-d", lang, tmp], capture_output=True,
                               text=True).stdout
            os.unlink(tmp)
            o_sents = split_ots_sentences(o)
            found = sum(1 for l in labels if l in o)
            sf = f1(found, max(len(o_sents), 1), len(labels))
            rf = rouge1(o, ref)
            totals["ots"][0] += sf
            totals["ots"][1] += rf
            if aid.startswith("bl-"):
                held["ots"][0] += sf
                held["ots"][1] += rf
            if verbose:
                print("%-18s %-10s F1=%.2f R1=%.2f (%d sentences)" % (aid, "ots", sf, rf, len(o_sents)))
    n = len(rows)
    for name, (sf, rf) in totals.items():
        if name == "ots" and not use_ots:
            continue
        print("%-10s articles=%d  sentence-F1=%.3f  ROUGE-1-F1=%.3f" % (name, n, sf / n, rf / n))
    if n_held:
        for name, (sf, rf) in held.items():
            if name == "ots" and not use_ots:
                continue
            print("%-10s blind=%d     sentence-F1=%.3f  ROUGE-1-F1=%.3f" % (name, n_held, sf / n_held, rf / n_held))


if __name__ == "__main__":
    main()
