#!/usr/bin/python3
"""
feed_oracle: `ticker parse` beside Python's feedparser, field by field, on feeds generated here.

    tests/oracle/feed_oracle.py [--ticker build/src/ticker] [--per-class 60] [--seed 1]
                                [--class NAME ...] [--show 5] [--keep DIR]

Not a test (nothing here fails a build) and not part of `make test`: a measuring tool for the
parser's tolerance work (issue 11). It generates many small variants of each class of hard
case a tolerant reader has to handle (see CLASSES below), runs both readers on every variant
and prints, per class, how many documents agree on every compared field and how many fields
agree, with the first few disagreements of each class. The classes are about situations, not
examples: each generator combines the situation with random formats (RSS 0.91/2.0, RSS 1.0,
Atom 0.3/1.0), random field placement and random surrounding text.

What is compared (both sides normalised to plain text with whitespace collapsed, because
feedparser keeps sanitised HTML in its values and Ticker gives plain text):
  document: readable at all (ticker exit 0 / feedparser found a version or entries),
            number of items, wellformed (= not bozo) where asked for by the class
  feed:     title, link, language
  items:    id, title, link, published, updated, summary, content, author, categories
A field is compared only when feedparser has a value for it (Ticker fills fallbacks that
feedparser leaves out: ids from links, languages and authors inherited from the feed).

Exit status 0 whatever the agreement; 2 when the tools are missing.
"""
import argparse
import base64
import calendar
import html
import html.parser
import json
import os
import random
import re
import subprocess
import sys
import tempfile

try:
    import feedparser
except ImportError:  # pragma: no cover
    sys.stderr.write("feed_oracle: python3-feedparser is missing (toolchain/install-deps.sh)\n")
    sys.exit(2)

# ---------------------------------------------------------------------------------------
# Normalising values


class _Text(html.parser.HTMLParser):
    SKIP = {"script", "style", "noscript", "iframe", "object", "embed", "template", "svg",
            "math", "head", "title", "select", "textarea", "audio", "video", "canvas"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        else:
            self.out.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        else:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def collapse(s):
    if s is None:
        return None
    s = s.replace("\u00a0", " ").replace("\ufeff", "")
    # Control characters are dropped by both (feedparser keeps the C1 bytes windows-1252 leaves
    # undefined, such as U+0081; Ticker removes them like other controls).
    s = re.sub(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]", "", s)
    s = " ".join(s.split())
    return s or None


def fp_text(value, detail_type):
    """A feedparser value as the plain text a reader would show."""
    if value is None:
        return None
    if detail_type in ("text/html", "application/xhtml+xml", "html", "xhtml"):
        p = _Text()
        p.feed(value)
        p.close()
        value = "".join(p.out)
    return collapse(value)


def fp_date(t):
    if not t:
        return None
    secs = calendar.timegm(t)
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(__import__("time").gmtime(secs)[:6])


def url_norm(u):
    if not u:
        return None
    return u.strip() or None


# ---------------------------------------------------------------------------------------
# Running both readers


def run_ticker(ticker, path, url, content_type):
    cmd = [ticker, "parse", path]
    if url:
        cmd += ["--url", url]
    if content_type:
        cmd += ["--content-type", content_type]
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if p.returncode != 0:
        return None, p.stderr.decode("utf-8", "replace").strip()
    try:
        return json.loads(p.stdout.decode("utf-8")), None
    except (UnicodeDecodeError, ValueError) as e:
        return None, "bad JSON output: %s" % e


def run_feedparser(data, url, content_type):
    headers = {}
    if url:
        headers["content-location"] = url
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(data, response_headers=headers)


def fp_view(d):
    """feedparser's result in Ticker's shape (plain text, None when absent)."""
    feed = d.get("feed", {})
    view = {
        "readable": bool(d.get("version")) or bool(d.get("entries")),
        "wellformed": not d.get("bozo"),
        "n_items": len(d.get("entries", [])),
        "feed": {
            "title": fp_text(feed.get("title"), feed.get("title_detail", {}).get("type")),
            "link": url_norm(feed.get("link")),
            "language": collapse(feed.get("language")),
        },
        "items": [],
    }
    for e in d.get("entries", []):
        content = None
        if e.get("content"):
            c = e["content"][0]
            content = fp_text(c.get("value"), c.get("type"))
        tags = [collapse(t.get("label") or t.get("term")) for t in e.get("tags", [])]
        view["items"].append({
            "id": collapse(e.get("id")),
            "title": fp_text(e.get("title"), e.get("title_detail", {}).get("type")),
            "link": url_norm(e.get("link")),
            "published": fp_date(e.get("published_parsed")),
            # dict.get: FeedParserDict falls back from "updated" to "published"
            "updated": fp_date(dict.get(e, "updated_parsed")),
            # a summary feedparser copied from the content has no detail of its own
            "summary": fp_text(e.get("summary"), e.get("summary_detail", {}).get(
                "type", e["content"][0].get("type") if e.get("content") else None)),
            "content": content,
            # Ticker shows the name of "jane@example.org (Jane Roe)"
            "author": collapse(e.get("author_detail", {}).get("name") or e.get("author")),
            "categories": [t for t in tags if t] or None,
        })
    return view


def ticker_view(j):
    if j is None:
        return {"readable": False}
    view = {
        "readable": True,
        "wellformed": j.get("wellformed"),
        "n_items": len(j.get("items", [])),
        "feed": {k: collapse(j["feed"].get(k)) for k in ("title", "link", "language")},
        "items": [],
    }
    for it in j.get("items", []):
        v = {k: collapse(it.get(k)) for k in ("id", "title", "link", "published", "updated",
                                              "summary", "content", "author")}
        v["categories"] = [collapse(c) for c in it.get("categories", [])] or None
        view["items"].append(v)
    return view


def compare(fp, tk, check_wellformed):
    """List of (field, feedparser value, ticker value) that disagree, and fields compared."""
    diffs = []
    n = 0

    def cmp(field, a, b):
        nonlocal n
        n += 1
        if a != b:
            diffs.append((field, a, b))

    cmp("readable", fp["readable"], tk["readable"])
    if not fp["readable"] or not tk["readable"]:
        return diffs, n
    if check_wellformed:
        cmp("wellformed", fp["wellformed"], tk["wellformed"])
    cmp("n_items", fp["n_items"], tk["n_items"])
    for k, v in fp["feed"].items():
        if v is not None:
            cmp("feed." + k, v, tk["feed"].get(k))
    for i, (a, b) in enumerate(zip(fp["items"], tk["items"])):
        for k, v in a.items():
            if v is not None:
                cmp("items[%d].%s" % (i, k), v, b.get(k))
    return diffs, n


# ---------------------------------------------------------------------------------------
# Building documents


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


WORDS = ("harbour ferry council library bridge market weather river school museum station "
         "garden festival bakery tram orchard lantern quarry meadow workshop").split()


def words(r, n):
    return " ".join(r.choice(WORDS) for _ in range(n))


def sentence(r):
    s = words(r, r.randint(3, 9))
    return s[0].upper() + s[1:] + "."


FORMATS = ("rss20", "rss091", "rss10", "atom10", "atom03")


class Doc:
    """A feed being written: the format decides element names; values are raw XML text."""

    def __init__(self, fmt, root_ns=None, root_attrs="", prolog="", version=None):
        self.fmt = fmt
        self.root_ns = root_ns
        self.root_attrs = root_attrs
        self.prolog = prolog
        self.version = version
        self.feed = []
        self.items = []

    def feed_title(self, raw):
        self.feed.append("<title>%s</title>" % raw)

    def feed_link(self, raw):
        if self.fmt.startswith("atom"):
            self.feed.append('<link rel="alternate" type="text/html" href="%s"/>' % raw)
        else:
            self.feed.append("<link>%s</link>" % raw)

    def feed_raw(self, raw):
        self.feed.append(raw)

    def item(self, parts):
        self.items.append(parts)

    def xml(self, decl=True, tail=True):
        f = self.fmt
        out = ['<?xml version="1.0" encoding="utf-8"?>\n' if decl else "", self.prolog]
        if f in ("rss20", "rss091"):
            ver = self.version or ("2.0" if f == "rss20" else "0.91")
            ns = ' xmlns="%s"' % self.root_ns if self.root_ns else ""
            out.append('<rss version="%s"%s%s>\n<channel>\n' % (ver, ns, self.root_attrs))
            out += [x + "\n" for x in self.feed]
            for it in self.items:
                out.append("<item>" + "".join(it) + "</item>\n")
            out.append("</channel>\n</rss>" if tail else "")
        elif f == "rss10":
            ns = self.root_ns or "http://purl.org/rss/1.0/"
            out.append('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                       'xmlns="%s"%s>\n<channel rdf:about="http://example.org/">\n' %
                       (ns, self.root_attrs))
            out += [x + "\n" for x in self.feed]
            out.append("</channel>\n")
            for n, it in enumerate(self.items):
                out.append('<item rdf:about="http://example.org/%d">' % n + "".join(it) +
                           "</item>\n")
            out.append("</rdf:RDF>" if tail else "")
        else:
            if self.root_ns is not None:
                ns = ' xmlns="%s"' % self.root_ns if self.root_ns else ""
            elif f == "atom10":
                ns = ' xmlns="http://www.w3.org/2005/Atom"'
            else:
                ns = ' xmlns="http://purl.org/atom/ns#"'
            ver = ' version="0.3"' if f == "atom03" else ""
            if self.version is not None:
                ver = ' version="%s"' % self.version
            out.append("<feed%s%s%s>\n" % (ns, ver, self.root_attrs))
            out += [x + "\n" for x in self.feed]
            for it in self.items:
                out.append("<entry>" + "".join(it) + "</entry>\n")
            out.append("</feed>" if tail else "")
        return "".join(out)


def el(fmt, field, raw, attrs=""):
    """One item element for the field in this format."""
    atom = fmt.startswith("atom")
    names = {
        "title": "title",
        "link": "link",
        "id": "id" if atom else "guid",
        "summary": "summary" if atom else "description",
        "content": "content" if atom else "content:encoded",
        "published": ("issued" if fmt == "atom03" else "published") if atom else "pubDate",
        "author": "author",
    }
    name = names[field]
    if field == "link" and atom:
        return '<link rel="alternate" href="%s"%s/>' % (raw, attrs)
    if field == "author" and atom:
        return "<author><name>%s</name></author>" % raw
    if field == "content" and not atom:
        return '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">' \
               "%s</content:encoded>" % raw
    return "<%s%s>%s</%s>" % (name, attrs, raw, name)


def basic_item(r, fmt, n, skip=()):
    parts = []
    if "title" not in skip:
        parts.append(el(fmt, "title", esc(sentence(r)[:-1])))
    if "link" not in skip:
        parts.append(el(fmt, "link", "http://example.org/story/%d" % n))
    if "id" not in skip:
        parts.append(el(fmt, "id", "http://example.org/story/%d" % n))
    if "summary" not in skip:
        parts.append(el(fmt, "summary", esc(sentence(r))))
    return parts


# ---------------------------------------------------------------------------------------
# The classes. Each generator yields (name, bytes, url or None, content type or None).

HTML_ONLY = ["Ugrave", "nbsp", "hellip", "eacute", "mdash", "copy", "trade", "rsquo", "ldquo",
             "euro", "auml", "szlig", "middot", "laquo", "raquo", "ndash", "bull", "deg"]


def gen_noitems(r, n):
    """Class 1: a feed document without items is still a feed."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        d = Doc(fmt)
        kind = r.choice(["entity", "entity", "amp-link", "no-gt", "clean", "truncated"])
        title = words(r, 3)
        if kind == "entity":
            title = "%s &%s; %s" % (words(r, 1), r.choice(HTML_ONLY), words(r, 2))
        d.feed_title(title)
        link = "http://example.org/news"
        if kind == "amp-link":
            link = "http://example.org/?a=1&b=2"
        d.feed_link(link)
        if r.random() < 0.5 and not fmt.startswith("atom"):
            d.feed_raw("<language>en-us</language>")
        text = d.xml()
        if kind == "no-gt":
            text = text[:-1]
        elif kind == "truncated":
            text = text[:text.rindex("</")]
        yield "noitems-%s-%s-%d" % (kind, fmt, k), text.encode(), None, None


CHARREFS = ["&#X41;", "&#x41;", "&#65;", "&#65", "&#x41", "&#150;", "&#x96;", "&#128;",
            "&#146;", "&#x92;", "&#xD800;", "&#xDFFF;", "&#x110000;", "&#1114112;", "&#0;",
            "&#x1F600;", "&#X1f600;", "&#8217;", "&#x2019", "&#233;", "&#XE9;", "&#99999999;",
            "&#129;", "&#141;"]


def gen_charref(r, n):
    """Class 2: character references as browsers read them."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        d = Doc(fmt)
        d.feed_title(words(r, 2))
        d.feed_link("http://example.org/")
        ref = r.choice(CHARREFS)
        after = r.choice([" ", "x", ".", "9", ""])
        where = r.choice(["title", "summary", "feedtitle"])
        raw = "%s %s%s%s" % (words(r, 2), ref, after, words(r, 1))
        item = basic_item(r, fmt, k, skip=("title", "summary"))
        item.append(el(fmt, "title", raw if where == "title" else words(r, 3)))
        item.append(el(fmt, "summary", raw if where == "summary" else esc(sentence(r))))
        if where == "feedtitle":
            d.feed = [("<title>%s</title>" % raw)] + d.feed[1:]
        d.item(item)
        yield "charref-%s-%s-%d" % (where, fmt, k), d.xml().encode(), None, None


def gen_dtd(r, n):
    """Class 3: entities declared in the internal DTD subset."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        root = {"rss20": "rss", "rss091": "rss", "rss10": "rdf:RDF"}.get(fmt, "feed")
        # Values feedparser expands ("safe": text without '&', or one character reference);
        # entities that refer to others are Ticker's own fixtures' business (feedparser drops
        # them), so they are not generated here.
        values = {"id": "tag:example.com,2004:", "brand": "Acme and Sons",
                  "who": "Jos\u00e9 Doe", "nbsp": "&#160;", "cubed": "&#179;",
                  "site": "http://example.com/"}
        nested = False
        decls = []
        for name, v in values.items():
            v = v.replace("&", "&amp;") if not v.startswith("&#") else v
            decls.append('<!ENTITY %s "%s">' % (name, v))
        if nested:
            decls.append('<!ENTITY full "&brand; &id;">')
        # one declaration per line: feedparser finds declarations only at a line's start
        sep = r.choice(["\n", "\n  "])
        d = Doc(fmt, prolog="<!DOCTYPE %s [%s%s%s]>\n" % (root, sep, sep.join(decls), sep))
        d.feed_title(r.choice(["&brand; news", "News from &who;", words(r, 2)]))
        d.feed_link(r.choice(["&site;", "http://example.com/"]))
        item = []
        item.append(el(fmt, "title", r.choice(["&brand;&nbsp;today", "Up &cubed;",
                                               "&full;" if nested else "x &who; y",
                                               words(r, 3)])))
        item.append(el(fmt, "id", "&id;%d" % k))
        item.append(el(fmt, "link", r.choice(["&site;story/%d" % k,
                                              "http://example.com/story/%d" % k])))
        item.append(el(fmt, "summary", r.choice(["By &who;.", "&brand; &amp; more",
                                                 esc(sentence(r))])))
        d.item(item)
        yield "dtd-%s-%s-%d" % ("nested" if nested else "flat", fmt, k), d.xml().encode(), \
            None, None


def gen_base64(r, n):
    """Class 4: base64 Atom content."""
    for k in range(n):
        fmt = r.choice(["atom10", "atom03"])
        d = Doc(fmt)
        d.feed_title(words(r, 2))
        body = sentence(r) + " " + r.choice(["Caf\u00e9 \u2013 ok.", "<b>bold</b> text.",
                                             "plain words."])
        enc = base64.b64encode(body.encode()).decode()
        if r.random() < 0.5:
            enc = "\n".join(enc[i:i + 20] for i in range(0, len(enc), 20))
        if fmt == "atom03":
            ctype = r.choice(["text/html", "text/plain", "application/octet-stream"])
            attrs = ' type="%s" mode="base64"' % ctype
            kind = "mode"
        else:
            ctype = r.choice(["application/octet-stream", "application/x-text",
                              "application/pdf"])
            attrs = ' type="%s"' % ctype
            kind = "type"
        where = r.choice(["content", "content", "summary"])
        item = basic_item(r, fmt, k, skip=("summary",))
        item.append(el(fmt, where, enc, attrs))
        d.item(item)
        yield "base64-%s-%s-%s-%d" % (kind, where, fmt, k), d.xml().encode(), None, None


def gen_namespace(r, n):
    """Class 5: Atom and RSS under unexpected namespaces, unknown versions."""
    for k in range(n):
        case = r.choice(["atom-other-ns", "atom-no-ns", "atom-no-ns-03", "rss-version",
                         "rss-no-version", "rss-ns", "atom-version"])
        if case.startswith("atom"):
            fmt = "atom03" if case.endswith("03") else "atom10"
            ns = {"atom-other-ns": r.choice(["http://example.com/newformat#",
                                             "http://www.w3.org/2005/atom",
                                             "http://purl.org/atom/ns#draft-ietf"]),
                  "atom-version": "http://www.w3.org/2005/Atom"}.get(case, "")
            d = Doc(fmt, root_ns=ns,
                    version=r.choice(["1.1", "2.0", "0.9"]) if case == "atom-version" else None)
        else:
            fmt = r.choice(["rss20", "rss091"])
            ver = {"rss-version": r.choice(["3.0", "2.0.1", "1.0", "0.95", "x"]),
                   "rss-no-version": ""}.get(case)
            d = Doc(fmt, version=ver,
                    root_ns="http://example.com/rss-ns" if case == "rss-ns" else None)
            if case == "rss-no-version":
                d.version = None
        d.feed_title(words(r, 2))
        d.feed_link("http://example.org/")
        for j in range(r.randint(1, 3)):
            d.item(basic_item(r, fmt, j))
        text = d.xml()
        if case == "rss-no-version":
            text = re.sub(r' version="[^"]*"', "", text, count=1)
        yield "namespace-%s-%d" % (case, k), text.encode(), None, None


MOJI_SOURCES = ["\u2026", "\u00fc", "\u00e4", "\u00f6", "\u00df", "\u2019", "\u201e",
                "\u201c", "\u20ac", "\u00e9", "\u2013", "\u00dc"]


def mojibake(s, codec):
    out = []
    for ch in s:
        b = ch.encode("utf-8")
        if len(b) == 1:
            out.append(ch)
        else:
            out.append(b.decode(codec, "strict") if codec == "latin-1" else
                       "".join(bytes([x]).decode("cp1252", "replace") if x not in
                               (0x81, 0x8d, 0x8f, 0x90, 0x9d) else chr(x) for x in b))
    return "".join(out)


def gen_mojibake(r, n):
    """Class 6: UTF-8 read as windows-1252 / ISO-8859-1 and encoded again."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        d = Doc(fmt)
        d.feed_title(words(r, 2))
        good = "%s %s%s %s" % (words(r, 1), r.choice(MOJI_SOURCES), words(r, 1),
                               r.choice(MOJI_SOURCES))
        how = r.choice(["latin1-chars", "cp1252-chars", "charrefs", "mixed-clean",
                        "legit-latin"])
        if how == "latin1-chars":
            raw = esc(mojibake(good, "latin-1"))
        elif how == "cp1252-chars":
            raw = esc(mojibake(good, "cp1252"))
        elif how == "charrefs":
            raw = "".join("&#%d;" % b if b >= 0x80 else chr(b) for b in good.encode("utf-8"))
        elif how == "mixed-clean":
            # mojibake next to a real non-ASCII character: the field does not decode cleanly
            raw = esc(mojibake(good, "latin-1")) + " caf\u00e9 \u00fcber"
        else:
            raw = esc("Gr\u00fc\u00dfe aus K\u00f6ln, " + words(r, 2) + " \u00a9 \u00c4rger")
        where = r.choice(["title", "summary"])
        item = basic_item(r, fmt, k, skip=(where,))
        item.append(el(fmt, where, raw))
        d.item(item)
        yield "mojibake-%s-%s-%s-%d" % (how, where, fmt, k), d.xml().encode(), None, None


def gen_relative(r, n):
    """Class 7: relative references resolved everywhere."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        url = r.choice(["http://example.org/feeds/main.xml",
                        "http://example.org/feed.php?id=3&type=rss",
                        "https://example.org/a/b/?q=1", None])
        base = r.choice([None, "http://base.example/root/", "/other/", "sub/",
                         "http://base.example/x.xml?y=1"])
        case = r.choice(["root-base", "item-base", "link-base", "none", "guid-path"])
        d = Doc(fmt)
        if case == "root-base" and base:
            d.root_attrs = ' xml:base="%s"' % base
        d.feed_title(words(r, 2))
        d.feed_link(r.choice(["/", "index.html", "../home", "http://example.org/"]))
        item = []
        item.append(el(fmt, "title", words(r, 3)))
        rel = r.choice(["story/%d.html" % k, "/news/%d" % k, "../up/%d" % k, "?page=%d" % k,
                        "#frag%d" % k, "//cdn.example/%d" % k])
        if case == "guid-path":
            item.append(el(fmt, "id", rel))
        else:
            attrs = ' xml:base="%s"' % base if case == "link-base" and base else ""
            item.append(el(fmt, "link", rel, attrs))
            item.append(el(fmt, "id", "urn:x-story:%d" % k, ""))
        if case == "item-base" and base:
            item[0] = item[0]  # the base goes on the item element below
        d.item(item)
        text = d.xml()
        if case == "item-base" and base:
            text = text.replace("<item>", '<item xml:base="%s">' % base, 1)
            text = text.replace("<entry>", '<entry xml:base="%s">' % base, 1)
            text = re.sub(r'<item (rdf:about="[^"]*")>', r'<item \1 xml:base="%s">' % base, text,
                          count=1)
        yield "relative-%s-%s-%d" % (case, fmt, k), text.encode(), url, None


def gen_rsssummary(r, n):
    """Class 8: RSS description plus an undeclared summary or content element."""
    for k in range(n):
        fmt = r.choice(["rss20", "rss091"])
        d = Doc(fmt)
        d.feed_title(words(r, 2))
        short = sentence(r)
        full = " ".join(sentence(r) for _ in range(r.randint(1, 4)))
        other = r.choice(["summary", "content"])
        order = r.choice(["desc-first", "other-first"])
        fuller = r.choice(["desc", "other", "same"])
        dtext, otext = (full, short) if fuller == "desc" else (short, full)
        if fuller == "same":
            otext = dtext.replace(".", "!")
        de = "<description>%s</description>" % esc(dtext)
        oe = "<%s>%s</%s>" % (other, esc(otext), other)
        item = basic_item(r, fmt, k, skip=("summary",))
        item += [de, oe] if order == "desc-first" else [oe, de]
        d.item(item)
        yield "rsssummary-%s-%s-%s-%d" % (other, order, fuller, k), d.xml().encode(), None, None


def gen_baseline(r, n):
    """Well-formed feeds of every format: the fields every class relies on."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        d = Doc(fmt)
        d.feed_title(esc(words(r, 2).title()))
        d.feed_link("http://example.org/")
        if not fmt.startswith("atom") and r.random() < 0.5:
            d.feed_raw("<language>%s</language>" % r.choice(["en", "de-DE", "fr"]))
        for j in range(r.randint(1, 4)):
            item = basic_item(r, fmt, j)
            if r.random() < 0.5:
                item.append(el(fmt, "published", r.choice(
                    ["Tue, 03 Mar 2026 08:15:00 GMT", "Mon, 02 Mar 2026 16:30:00 +0100"])
                    if not fmt.startswith("atom") else "2026-03-03T08:15:00Z"))
            if r.random() < 0.5:
                item.append(el(fmt, "content", esc("<p>%s</p><p>%s</p>" % (sentence(r),
                                                                          sentence(r)))))
            if r.random() < 0.4:
                item.append(el(fmt, "author", "jane@example.org (Jane Roe)"
                               if not fmt.startswith("atom") else "Jane Roe"))
            d.item(item)
        yield "baseline-%s-%d" % (fmt, k), d.xml().encode(), None, None


def gen_richer(r, n):
    """Well-formed feeds with the fields and markup real feeds use."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        atom = fmt.startswith("atom")
        dc = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        d = Doc(fmt, root_attrs=dc + (' xml:lang="en"' if r.random() < 0.3 else ""))
        title = r.choice([esc(words(r, 2)), "Caf&#233; &amp; Bar", "&lt;b&gt;Bold&lt;/b&gt; news",
                          "<![CDATA[Tom & Jerry]]>", "  spaced\n   title  "])
        d.feed_title(title)
        d.feed_link("http://example.org/")
        if atom and r.random() < 0.5:
            d.feed_raw("<author><name>Feed Author</name></author>")
        for j in range(r.randint(1, 3)):
            item = [el(fmt, "title", r.choice([esc(sentence(r)[:-1]), "A &amp; B",
                                               "<![CDATA[<i>It</i> works]]>"]))]
            item.append(el(fmt, "link", "http://example.org/s/%d" % j))
            if r.random() < 0.5:
                item.append(el(fmt, "id", r.choice(["http://example.org/s/%d" % j,
                                                    "tag:example.org,2026:%d" % j]),
                               "" if atom else r.choice(["", ' isPermaLink="false"'])))
            shape = r.choice(["summary", "content", "both", "none", "cdata"])
            if shape in ("summary", "both"):
                item.append(el(fmt, "summary", esc("<p>%s</p>" % sentence(r)),
                               ' type="html"' if atom else ""))
            if shape in ("content", "both"):
                if atom and r.random() < 0.5:
                    item.append('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                                "<p>%s</p><p>%s</p></div></content>" % (sentence(r), sentence(r)))
                else:
                    item.append(el(fmt, "content", esc("<p>%s</p>" % sentence(r)),
                                   ' type="html"' if atom else ""))
            if shape == "cdata":
                item.append(el(fmt, "summary", "<![CDATA[<p>%s &amp; more</p>]]>" % sentence(r),
                               ' type="html"' if atom else ""))
            if r.random() < 0.4:
                item.append("<dc:creator>%s</dc:creator>" % r.choice(["Ann Lee", "B. Ode"]))
            if r.random() < 0.4:
                item.append("<dc:date>2026-02-%02dT10:00:00+01:00</dc:date>" % r.randint(1, 28))
            if r.random() < 0.5:
                cats = r.sample(["Local", "Sport", "Weather", "Arts"], r.randint(1, 2))
                for c in cats:
                    item.append('<category term="%s"/>' % c if atom else
                                "<category>%s</category>" % c)
            d.item(item)
        yield "richer-%s-%d" % (fmt, k), d.xml().encode(), None, None


def gen_encoding(r, n):
    """Documents in other encodings: declared, labelled by HTTP, or neither."""
    texts = ["Gr\u00fc\u00dfe aus K\u00f6ln \u2013 Caf\u00e9", "\u00a1Hola se\u00f1or!",
             "Na\u00efve fa\u00e7ade \u00e0 la carte", "\u041f\u0440\u0438\u0432\u0435\u0442"]
    for k in range(n):
        fmt = r.choice(FORMATS)
        text = r.choice(texts)
        enc = r.choice(["utf-8", "iso-8859-1", "windows-1252", "utf-16", "koi8-r",
                        "windows-1251", "iso-8859-15"])
        try:
            text.encode(enc)
        except UnicodeEncodeError:
            text = "Plain words only"
        how = r.choice(["declared", "http", "both-agree", "undeclared"])
        d = Doc(fmt)
        d.feed_title(esc(text))
        d.item(basic_item(r, fmt, 0, skip=("title",)) + [el(fmt, "title", esc(text))])
        xml = d.xml(decl=False)
        decl = '<?xml version="1.0" encoding="%s"?>\n' % enc
        ctype = None
        if how == "declared":
            xml = decl + xml
        elif how == "http":
            xml = '<?xml version="1.0"?>\n' + xml
            ctype = "application/xml; charset=%s" % enc
        elif how == "both-agree":
            xml = decl + xml
            ctype = "text/xml; charset=%s" % enc
        if how == "undeclared" and enc not in ("utf-8",):
            enc = "utf-8" if enc == "utf-16" else enc
        data = xml.encode(enc)
        yield "encoding-%s-%s-%s-%d" % (how, enc, fmt, k), data, None, ctype


def gen_illformed(r, n):
    """Ill-formed documents with items: what a tolerant reader still reads."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        d = Doc(fmt)
        d.feed_title(words(r, 2))
        d.feed_link("http://example.org/")
        kind = r.choice(["entity", "bare-amp", "truncated", "control", "mismatch"])
        for j in range(r.randint(1, 3)):
            t = sentence(r)[:-1]
            if kind == "entity" and j == 0:
                t = "%s &%s; %s" % (words(r, 1), r.choice(HTML_ONLY), words(r, 1))
            if kind == "bare-amp" and j == 0:
                t = "Fish & Chips " + words(r, 1)
            if kind == "control" and j == 0:
                t = words(r, 1) + "\x0b\x1f" + words(r, 1)
            item = [el(fmt, "title", t), el(fmt, "link", "http://example.org/x/%d" % j)]
            if kind == "mismatch" and j == 0:
                item.append("<b>unclosed")
            d.item(item)
        text = d.xml()
        if kind == "truncated":
            text = text[:text.rindex("</") - r.randint(0, 3)]
        yield "illformed-%s-%s-%d" % (kind, fmt, k), text.encode(), None, None


DATES = [
    "Thu, 01 Jan 2004 19:48:21 GMT", "Thu, 01 Jan 2004 19:48:21 +0100", "Thu, 1 Jan 04 19:48 EST",
    "01 Jan 2004 19:48:21 -0500", "Thu, 01 Jan 2004 19:48:21 Z", "Thu,01 Jan 2004 19:48:21 GMT",
    "Thu, 01 January 2004 19:48:21 GMT", "Thursday, 01 Jan 2004 19:48:21 GMT",
    "Thu, 01 Jan 2004 19:48 PST", "Thu, 01 Jan 2004 19:48:21 UT", "Thu, 31 Jun 2004 19:48:21 GMT",
    "2004-01-01T19:48:21Z", "2004-01-01T19:48:21+01:00", "2004-01-01T19:48:21.25-05:30",
    "2004-01-01T19:48Z", "2004-01-01", "2004-01", "2004", "20040101T194821Z",
    "2004-01-01 19:48:21", "2004-01-01T19:48:21", "2004-W01-4", "2004-001",
    "Thu Jan  1 19:48:21 2004", "1 Jan 2004", "January 1, 2004", "2004/01/01 19:48:21",
    "Di, 06 Jan 2004 10:00:00 +0100", "Mon, 25 Dec 2023 10:00:00 CET", "not a date",
    "Mon, 25 Dec 2023 10:00:00 CEST", "Sun, 29 Feb 2004 12:00:00 GMT", "Mon, 30 Feb 2004 12:00:00 GMT",
]


def gen_dates(r, n):
    """Dates in the forms feeds use, in RSS pubDate, dc:date and Atom's elements."""
    for k in range(n):
        fmt = r.choice(FORMATS)
        date = r.choice(DATES)
        d = Doc(fmt, root_attrs=' xmlns:dc="http://purl.org/dc/elements/1.1/"')
        d.feed_title("Dates")
        item = basic_item(r, fmt, k)
        where = r.choice(["main", "dc"])
        if where == "dc":
            item.append("<dc:date>%s</dc:date>" % date)
        else:
            item.append(el(fmt, "published", date))
        if fmt.startswith("atom") and r.random() < 0.5:
            item.append("<%s>%s</%s>" % (("modified", date, "modified") if fmt == "atom03"
                                         else ("updated", date, "updated")))
        d.item(item)
        yield "dates-%s-%s-%d" % (where, fmt, k), d.xml().encode(), None, None


CLASSES = {
    "noitems": (gen_noitems, True),
    "charref": (gen_charref, False),
    "dtd": (gen_dtd, False),
    "base64": (gen_base64, False),
    "namespace": (gen_namespace, False),
    "mojibake": (gen_mojibake, False),
    "relative": (gen_relative, False),
    "rsssummary": (gen_rsssummary, False),
    "baseline": (gen_baseline, False),
    "richer": (gen_richer, False),
    "encoding": (gen_encoding, False),
    "illformed": (gen_illformed, True),
    "dates": (gen_dates, False),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ticker", default=os.path.join(here, "..", "..", "build", "src", "ticker"))
    ap.add_argument("--per-class", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--class", dest="classes", action="append", choices=sorted(CLASSES))
    ap.add_argument("--show", type=int, default=3, help="disagreements printed per class")
    ap.add_argument("--keep", help="write the generated documents into this directory")
    args = ap.parse_args()
    if not os.access(args.ticker, os.X_OK):
        sys.stderr.write("feed_oracle: no ticker at %s (build first)\n" % args.ticker)
        return 2
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    tot_docs = tot_ok = tot_fields = tot_fields_ok = 0
    with tempfile.TemporaryDirectory() as tmp:
        for cname in args.classes or list(CLASSES):
            gen, check_wf = CLASSES[cname]
            r = random.Random("%s-%d" % (cname, args.seed))
            docs = ok = fields = fields_ok = 0
            shown = skipped = 0
            for name, data, url, ctype in gen(r, args.per_class):
                path = os.path.join(args.keep or tmp, name + ".xml")
                with open(path, "wb") as f:
                    f.write(data)
                try:
                    fp = fp_view(run_feedparser(data, url, ctype))
                except Exception:  # feedparser itself fails (chr() past U+10FFFF ...)
                    skipped += 1
                    continue
                tj, terr = run_ticker(args.ticker, path, url, ctype)
                tk = ticker_view(tj)
                diffs, n = compare(fp, tk, check_wf)
                docs += 1
                fields += n
                fields_ok += n - len(diffs)
                if not diffs:
                    ok += 1
                elif shown < args.show:
                    shown += 1
                    print("  %s%s" % (name, " (ticker: %s)" % terr if terr else ""))
                    for field, a, b in diffs[:4]:
                        print("    %-20s feedparser %r" % (field, a))
                        print("    %-20s ticker     %r" % ("", b))
            print("%-11s documents %4d/%-4d (%5.1f%%)  fields %5d/%-5d (%5.1f%%)%s" % (
                cname, ok, docs, 100.0 * ok / max(docs, 1), fields_ok, fields,
                100.0 * fields_ok / max(fields, 1),
                "  (%d left out: feedparser failed)" % skipped if skipped else ""))
            tot_docs += docs
            tot_ok += ok
            tot_fields += fields
            tot_fields_ok += fields_ok
    print("%-11s documents %4d/%-4d (%5.1f%%)  fields %5d/%-5d (%5.1f%%)" % (
        "all", tot_ok, tot_docs, 100.0 * tot_ok / max(tot_docs, 1), tot_fields_ok, tot_fields,
        100.0 * tot_fields_ok / max(tot_fields, 1)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
