#!/usr/bin/python3
"""Writes large, realistic, deterministic feeds for bench_parse.sh.

    gen_feed.py OUTDIR

creates OUTDIR/rss-10m.xml (RSS 2.0, 10 MB), OUTDIR/atom-10m.xml (Atom 1.0, 10 MB),
OUTDIR/rss-8m.xml (RSS 2.0, 8 MiB, for the peak-memory figure) and OUTDIR/atom-8m.xml (Atom,
8 MiB; with rss-8m.xml the throughput pair used when a parser caps input at 8 MiB). A fixed
seed makes every run write the same bytes, so figures from different days compare.

The items look like those of news sites with full-text feeds: titles with entities and
typographic quotes; descriptions of HTML paragraphs with links, images, &nbsp; and emphasis
(escaped in RSS, some in CDATA); content:encoded on most items; categories, authors,
enclosures, RFC 822 dates in several zones; Atom entries with html (escaped) and xhtml
(inline) content. About 10 KB an item, so each file holds fewer than 1000 items, the most
`ticker parse` keeps: a parser that stops at its item cap would otherwise be timed on a
fraction of the file. Every document is well-formed XML, so every tool takes its fast path
and the comparison is fair. The text comes from our own word lists.
"""
import os
import random
import sys

SEED = 20261127
MAX_ITEMS = 1000  # FEED_DEFAULT_MAX_ITEMS in src/core/feed.h

WORDS = (
    "government minister council city budget report election vote parliament police court "
    "market energy price climate storm river bridge school hospital workers union strike "
    "railway airport company shares profit growth inflation bank rate tax plan project "
    "research university study data software network security attack outage service "
    "football season coach match league final championship museum festival concert "
    "exhibition theatre village harbour coast weather forecast rain snow heat drought "
    "farmers harvest water supply district mayor residents neighbours street traffic "
    "construction housing rent tenants landlord investors startup founders product launch "
    "Regierung Stadtrat Haushalt Bericht Wahl Polizei Gericht Energie Preis Klima Sturm "
    "Brücke Schule Krankenhaus Beschäftigte Gewerkschaft Bahn Flughafen Unternehmen Gewinn "
    "Wachstum Zinsen Steuer Forschung Hochschule Sicherheit Mannschaft Trainer Spielzeit "
    "Ausstellung Bürgermeister Anwohner Verkehr Mieten Wohnungen Straße Gemeinde Kreis"
).split()
VERBS = (
    "announced approved rejected delayed expanded reduced confirmed criticised proposed "
    "reviewed opened closed cancelled extended defended questioned welcomed warned "
    "beschlossen abgelehnt verschoben bestätigt kritisiert eröffnet geschlossen gewarnt"
).split()
NAMES = (
    "Anna Berger|Jonas Keller|Marie Dubois|Luca Rossi|Sofia Martín|Pieter de Vries|"
    "João Silva|Emily Clarke|Mehmet Yılmaz|Zoë Müller|Chloé Lefèvre|Björn Åkesson"
).split("|")
SECTIONS = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "World", "Business",
            "Tech & Science", "Local", "Opinion", "Climate", "Health"]
ZONES = ["+0000", "GMT", "+0100", "+0200", "-0500", "EST", "-0700", "CET"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def sentence(r):
    n = r.randint(8, 22)
    words = [r.choice(WORDS) for _ in range(n)]
    words.insert(r.randint(1, n - 1), r.choice(VERBS))
    if r.random() < 0.3:
        words.insert(r.randint(0, n), "%d.%03d" % (r.randint(1, 99), r.randint(0, 999)))
    if r.random() < 0.2:
        words.insert(r.randint(0, n), "\u201e%s\u201c" % r.choice(WORDS))
    if r.random() < 0.2:
        words.insert(r.randint(0, n), "\u201c%s %s\u201d" % (r.choice(WORDS), r.choice(VERBS)))
    s = " ".join(words)
    return s[0].upper() + s[1:] + r.choice([".", ".", ".", "?", "!"])


def html_paragraph(r, k):
    """One HTML paragraph with inline markup, links, entities and no-break spaces."""
    parts = []
    for _ in range(r.randint(2, 5)):
        s = sentence(r)
        roll = r.random()
        if roll < 0.25:
            w = r.choice(WORDS)
            s = s.replace(" ", ' <a href="https://news.example.org/%s/%d?ref=feed&amp;utm_source=rss">%s</a> ' % (w.lower(), r.randint(1000, 99999), w), 1)
        elif roll < 0.4:
            s = "<strong>%s</strong>" % s
        elif roll < 0.5:
            s = s.replace(" ", " <em>", 1) + "</em>"
        if r.random() < 0.3:
            s = s.replace(" ", "&nbsp;", 1)
        if r.random() < 0.15:
            s += " &ndash; &quot;%s&quot; &amp; more&hellip;" % r.choice(WORDS)
        parts.append(s)
    p = "<p>%s</p>" % " ".join(parts)
    if k == 0 and r.random() < 0.6:
        p = ('<p><img src="https://img.example.org/%d/%d.jpg" width="640" height="360" '
             'alt="%s" /></p>' % (r.randint(2015, 2026), r.randint(1, 10**7), r.choice(WORDS))) + p
    return p


def html_body(r, lo, hi):
    return "\n".join(html_paragraph(r, k) for k in range(r.randint(lo, hi)))


def xml_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title(r):
    t = " ".join(r.choice(WORDS) for _ in range(r.randint(4, 10)))
    t = t[0].upper() + t[1:]
    roll = r.random()
    if roll < 0.2:
        t += " &amp; " + r.choice(WORDS)
    elif roll < 0.35:
        t = "&quot;%s&quot; %s" % (r.choice(WORDS), t)
    elif roll < 0.5:
        t = "%s: %s&#8217;s %s" % (r.choice(SECTIONS).replace("&", "&amp;"), t, r.choice(WORDS))
    elif roll < 0.6:
        t += " &lt;live&gt;"
    return t


def rfc822(r, i):
    day = 1 + (i * 7) % 28
    return "%s, %02d %s %d %02d:%02d:%02d %s" % (
        DAYS[(i + day) % 7], day, MONTHS[i % 12], 2020 + i % 7, r.randint(0, 23),
        r.randint(0, 59), r.randint(0, 59), r.choice(ZONES))


def rfc3339(r, i):
    return "%d-%02d-%02dT%02d:%02d:%02d%s" % (
        2020 + i % 7, 1 + i % 12, 1 + (i * 7) % 28, r.randint(0, 23), r.randint(0, 59),
        r.randint(0, 59), r.choice(["Z", "+01:00", "+02:00", "-05:00", ".250Z"]))


def rss_item(r, i):
    link = "https://news.example.org/%s/%d-%s" % (
        r.choice(SECTIONS).split()[0].lower(), 100000 + i, r.choice(WORDS).lower())
    out = ["<item>",
           "<title>%s</title>" % title(r),
           "<link>%s</link>" % link,
           '<guid isPermaLink="false">urn:example:news:%d</guid>' % (7000000 + i),
           "<pubDate>%s</pubDate>" % rfc822(r, i),
           "<dc:creator>%s</dc:creator>" % r.choice(NAMES)]
    for c in r.sample(SECTIONS, r.randint(1, 3)):
        out.append("<category>%s</category>" % c.replace("&", "&amp;"))
    desc = html_body(r, 1, 3)
    if r.random() < 0.3:
        out.append("<description><![CDATA[%s]]></description>" % desc)
    else:
        out.append("<description>%s</description>" % xml_escape(desc))
    if r.random() < 0.85:
        out.append("<content:encoded><![CDATA[%s]]></content:encoded>" % html_body(r, 12, 26))
    if r.random() < 0.5:
        out.append('<enclosure url="https://img.example.org/e/%d.jpg" length="%d" '
                   'type="image/jpeg" />' % (i, r.randint(10000, 900000)))
    if r.random() < 0.3:
        out.append('<media:thumbnail url="https://img.example.org/t/%d.jpg" width="160" '
                   'height="90" />' % i)
    out.append("</item>")
    return "\n".join(out) + "\n"


def xhtml_body(r):
    """Inline XHTML: named HTML entities are not XML, so use characters instead."""
    body = html_body(r, 12, 26)
    for ent, ch in (("&nbsp;", "\u00a0"), ("&ndash;", "\u2013"), ("&hellip;", "\u2026"),
                    ("&quot;", '"')):
        body = body.replace(ent, ch)
    return body


def atom_entry(r, i):
    link = "https://news.example.org/%s/%d" % (r.choice(SECTIONS).split()[0].lower(), 200000 + i)
    out = ["<entry>",
           '<title type="html">%s</title>' % xml_escape(title(r)) if r.random() < 0.5
           else "<title>%s</title>" % title(r),
           '<link rel="alternate" type="text/html" href="%s"/>' % link,
           "<id>tag:news.example.org,2026:%d</id>" % (200000 + i),
           "<published>%s</published>" % rfc3339(r, i),
           "<updated>%s</updated>" % rfc3339(r, i + 1),
           "<author><name>%s</name></author>" % r.choice(NAMES)]
    for c in r.sample(SECTIONS, r.randint(1, 3)):
        out.append('<category term="%s"/>' % c.replace("&", "&amp;"))
    out.append('<summary type="html">%s</summary>' % xml_escape(html_body(r, 1, 2)))
    roll = r.random()
    if roll < 0.5:
        out.append('<content type="html">%s</content>' % xml_escape(html_body(r, 12, 26)))
    elif roll < 0.9:
        out.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">%s'
                   "</div></content>" % xhtml_body(r))
    out.append("</entry>")
    return "\n".join(out) + "\n"


RSS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Example News &amp; Nachrichten</title>
<link>https://news.example.org/</link>
<description>Generated benchmark feed</description>
<language>de</language>
<ttl>15</ttl>
"""
RSS_TAIL = "</channel>\n</rss>\n"
ATOM_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Example News</title>
<id>tag:news.example.org,2026:feed</id>
<updated>2026-11-27T06:00:00Z</updated>
<link rel="self" href="https://news.example.org/atom.xml"/>
<link rel="alternate" href="https://news.example.org/"/>
"""
ATOM_TAIL = "</feed>\n"


def write_feed(path, size, head, tail, item, seed):
    r = random.Random(seed)
    chunks = [head.encode()]
    total = len(chunks[0]) + len(tail.encode())
    i = 0
    while True:
        if i == MAX_ITEMS:
            sys.exit("gen_feed.py: %s would need more than %d items; make items larger"
                     % (path, MAX_ITEMS))
        b = item(r, i).encode()
        if total + len(b) > size:
            break
        chunks.append(b)
        total += len(b)
        i += 1
    chunks.append(tail.encode())
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(b"".join(chunks))
    os.replace(tmp, path)
    return i


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: gen_feed.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, size, head, tail, item, seed in (
            ("rss-10m.xml", 10 * 1000 * 1000, RSS_HEAD, RSS_TAIL, rss_item, SEED),
            ("atom-10m.xml", 10 * 1000 * 1000, ATOM_HEAD, ATOM_TAIL, atom_entry, SEED + 1),
            ("rss-8m.xml", 8 * 1024 * 1024, RSS_HEAD, RSS_TAIL, rss_item, SEED + 2),
            ("atom-8m.xml", 8 * 1024 * 1024, ATOM_HEAD, ATOM_TAIL, atom_entry, SEED + 3)):
        n = write_feed(os.path.join(out, name), size, head, tail, item, seed)
        print("%s: %d items" % (name, n))


if __name__ == "__main__":
    main()
