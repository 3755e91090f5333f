#!/usr/bin/python3
"""Writes a large synthetic feed for measuring `ticker parse` (not a test fixture; nothing
here is committed but this script).

    /usr/bin/python3 make-big-feed.py rss|atom|rss-many OUT [BYTES]

rss / atom: 990 long items (all of them parsed: under the 1,000-item cap), each with an
escaped HTML description and a CDATA (RSS) or escaped (Atom) HTML body of ~8 KB.
rss-many: small items until BYTES; the parser reads only the first 1,000.
BYTES defaults to 8,000,000 (under the 8 MiB document cap).
"""
import random
import sys

WORDS = ("the of and to in a is that for on with as by at from city council report market "
         "energy school weather police minister budget river festival über straße").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;")


def main():
    kind, out = sys.argv[1], sys.argv[2]
    limit = int(sys.argv[3]) if len(sys.argv) > 3 else 8_000_000
    rng = random.Random(3)
    parts = []
    if kind == "rss-many":
        parts.append('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                     '<title>Many</title><link>https://example.org/</link>')
        size, i = 0, 0
        while size < limit - 1000:
            desc = " ".join(sentence(rng, 12) for _ in range(6))
            s = (f'<item><title>{sentence(rng, 8)}</title><link>https://example.org/a/{i}</link>'
                 f'<guid>g{i}</guid><pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate>'
                 f'<description>{desc}</description></item>\n')
            parts.append(s)
            size += len(s)
            i += 1
        parts.append("</channel></rss>\n")
    else:
        n = 990
        per = (limit - 2000) // n
        if kind == "rss":
            parts.append('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
                          'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                          '<title>Big</title><link>https://example.org/</link>')
        else:
            parts.append('<?xml version="1.0" encoding="UTF-8"?>\n<feed '
                         'xmlns="http://www.w3.org/2005/Atom"><title>Big</title>'
                         '<link href="https://example.org/"/>')
        for i in range(n):
            if kind == "rss":
                desc = " ".join(sentence(rng, 12) for _ in range(4))
                head = (f'<item><title>{sentence(rng, 8)}</title>'
                        f'<link>https://example.org/a/{i}</link>'
                        f'<guid>https://example.org/a/{i}</guid>'
                        f'<pubDate>Mon, 02 Mar 2026 10:{i % 60:02d}:00 +0000</pubDate>'
                        f'<dc:creator>Reporter {i % 7}</dc:creator><category>News</category>'
                        f'<description>{escape("<p>" + desc + "</p>")}</description>'
                        '<content:encoded><![CDATA[')
                tail = "]]></content:encoded></item>\n"
            else:
                head = (f'<entry><title>{sentence(rng, 8)}</title><link rel="alternate" '
                        f'type="text/html" href="https://example.org/a/{i}"/>'
                        f'<id>tag:example.org,2026:{i}</id>'
                        '<published>2026-03-02T10:00:00Z</published>'
                        '<updated>2026-03-02T11:00:00+01:00</updated>'
                        '<author><name>Reporter</name></author>'
                        f'<summary>{sentence(rng, 30)}</summary><content type="html">')
                tail = "</content></entry>\n"
            body = ""
            while len(head) + len(body) + len(tail) < per - 200:
                p = "<p>" + " ".join(sentence(rng, 14) for _ in range(5)) + "</p>"
                body += p if kind == "rss" else escape(p)
            parts.append(head + body + tail)
        parts.append("</channel></rss>\n" if kind == "rss" else "</feed>\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    main()
