#!/usr/bin/python3
"""A scripted feed server for Ticker's fetcher tests and benchmarks (Python 3 stdlib only).

Listens on 127.0.0.1. Prints the chosen HTTP port on the first line of stdout; with --tls DIR
it also makes a self-signed certificate for 127.0.0.1 in DIR (DIR/cert.pem, via `openssl req`)
and prints the HTTPS port on the second line. With --watch-stdin it exits when its standard
input closes, so a test that dies never leaves it behind. --base-date T fixes the dates in the
feeds (default: a day before start, so retention by age keeps the items).

Every fault is a path (query parameters in brackets). A request in absolute form (a client
using this server as its HTTP proxy) is served by its path; the log keeps the absolute URL.

  /feed/NAME[?items=N&etag=0&lm=0&ttl=MIN&maxage=S&desc=long|none&spacing=S&gzip=0&artms=M]
                         RSS 2.0 with N items (default 5), item k dated k*S seconds (default
                         3600) after the base date; desc=none: headlines only; ETag "NAME-vV"
                         and a Last-Modified (both can be switched off); 304 when If-None-Match
                         matches, or, with no If-None-Match, when If-Modified-Since is not older
                         than Last-Modified; gzip when asked (unless gzip=0); artms=M: the
                         items' article pages answer after M ms
  /_bump/NAME            the feed changes: version V+1, one more item, new ETag/Last-Modified
  /_correct/NAME         the publisher corrects the newest item: same id, new text (and a new
                         version, so conditional GETs see the change)
  /redir/CODES/REST      CODES is a comma list (301,302,307,308): answers with the first code
                         and a relative Location to /redir/<rest of the codes>/REST, or to /REST
  /loop/a, /loop/b       redirect to each other forever
  /tohttp/REST           (HTTPS listener) 302 to http://127.0.0.1:HTTPPORT/REST
  /tohttps/REST          302 to https://127.0.0.1:HTTPSPORT/REST
  /status/CODE[?retry=S|date]   that status, with Retry-After seconds or an HTTP-date S=120
  /reset                 closes the connection with a TCP reset before any response
  /stall                 headers (Content-Length 100000) and 10 bytes, then nothing
  /slow                  one byte per second
  /truncated             Content-Length 5000, sends 600 bytes, closes
  /big?mb=N              N MiB of body with Content-Length; /bigchunked?mb=N chunked
  /bomb                  gzip Content-Encoding: 1 GiB of zeros in about 1 MB
  /charset               a windows-1252 feed labelled charset=utf-8
  /html                  an HTML page where a feed was expected
  /empty                 200 with an empty body
  /hold/NAME[?ms=M]      waits M ms (default 300), then serves /feed/NAME; /_stats reports the
                         most /hold requests in flight at once
  /tofile                302 to file:///etc/hostname (a redirect the fetcher must refuse)
  /movedtls/REST         301 to https://127.0.0.1:HTTPSPORT/REST: a feed that moved to another
                         origin (secret headers must not follow it)
  /escloc                302 to a Location full of terminal escapes (ESC ] title, BEL, ESC [ 31m)
                         on a scheme the fetcher refuses, so the Location reaches its error
  /badstatus             "HTTP/1.1 abc OK": a status line that is not HTTP
  /bighdr                a 1 MiB header line, then a feed
  /gzipclose             a gzip feed without Content-Length, ended by closing the connection
  /truncgzip             the same cut in half: no Content-Length, so only the gzip stream
                         itself can tell that it is incomplete
  /deflate[?raw=1]       a deflate-encoded feed (zlib stream, or raw deflate as some servers send)
  /article/ID[?len=N&ms=M&og=1]  an HTML article page (N paragraphs, default 6), after M ms;
                         og=1: with <meta property="og:image"> naming /image/png/ID
  /flood/feed/NAME[?attrs=N]     an attribute flood: an RSS feed of two items whose first
                         <item> carries N attributes (default 200,000: about 2.2 MB)
  /flood/article/ID[?attrs=N]    an article page whose <div> around the text carries N
                         attributes (default 40,000; written without spaces between them)
  /feed/NAME?art=flood   (with the other /feed parameters) the items' links name
                         /flood/article/ID instead of /article/ID
  /feed/NAME?img=KIND    (with the other /feed parameters) each item names a picture:
                         png, bomb, truncated, html, 404: <media:content> of /image/KIND/ID;
                         content: an <img> of /image/png/ID in its HTML description;
                         og: none in the feed, headlines only, article pages with og:image
  /image/KIND/ID         png: a 320x200 PNG (left half red, right half blue); bomb: a PNG
                         header claiming 30000x30000; truncated: the PNG cut in half; html:
                         an HTML page served as image/png; file: one of the files of
                         --images DIR (chosen by ID); anything else 404
  /_log[?path=P]         JSON: the requests so far (path, headers, bytes sent: all and body)
  /_stats                JSON: {"max_inflight": N} for /hold
  /_clear                forgets the log and the stats
"""

import argparse
import email.utils
import gzip
import http.server
import json
import os
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse
import zlib

QUIT = threading.Event()
LOCK = threading.Lock()
LOG = []
VERSIONS = {}
CORRECTED = set()
HOLD = {"inflight": 0, "max": 0}
PORTS = {"http": 0, "https": 0}
IMAGES = {"files": []}
# Last-Modified of version 0 (each version is a day later) and the date of item 0 (item k is
# k hours later). --base-date sets it; by default it is a day ago, so items are recent.
BASE = {"date": 0}

BOMB = {"data": None}
BOMB_READY = threading.Event()


def make_bomb():
    """1 GiB of zeros as a gzip stream of about 1 MB, built without compressing 1 GiB.

    After a full flush a deflate compressor starts afresh, so compressing the same 1 MiB of
    zeros again yields the same bytes: one block repeated 1024 times, then a final empty block
    (0x03 0x00) and the gzip trailer (CRC-32 and length of the whole 1 GiB, RFC 1952)."""
    zeros = bytes(1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: header and trailer are ours
    block = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(1024):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", crc, (1 << 30) & 0xFFFFFFFF)
    BOMB["data"] = header + block * 1024 + b"\x03\x00" + trailer
    BOMB_READY.set()


def png_bytes(w=320, h=200, huge=False):
    """A PNG written with the standard library: left half red, right half blue."""
    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    if huge:
        ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                chunk(b"IDAT", zlib.compress(b"\0" * 64)))
    row = b"\0" + bytes([220, 30, 30]) * (w // 2) + bytes([30, 30, 220]) * (w - w // 2)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(row * h, 6)) + chunk(b"IEND", b""))


def rss(name, version, n, host, ttl=None, desc_kind="short", spacing=3600, corrected=False,
        link_query="", img=None, art_path="article"):
    items = []
    for k in range(version + n - 1, version - 1, -1):
        if desc_kind == "long":
            desc = (f"Story {k} of {name}: the council met on Tuesday and agreed the budget. "
                    * 8)
        elif desc_kind == "none":
            desc = ""
        else:
            desc = f"Short note {k} from {name}."
        if corrected and k == version + n - 1:
            desc = (f"Correction to story {k} of {name}: the council met on Wednesday, not on "
                    f"Tuesday, and it postponed the budget vote. ") * 6
        pub = email.utils.formatdate(BASE['date'] + k * spacing, usegmt=True)
        media = ""
        if img == "content":
            desc = (desc or f"Note {k}.") + (f" &lt;img src=\"http://{host}/image/png/"
                                              f"{name}-{k}\" alt=\"\"&gt;")
        elif img and img != "og":
            media = (f"<media:content url=\"http://{host}/image/{img}/{name}-{k}\" "
                     f"medium=\"image\"/>")
        desc_el = f"<description>{desc}</description>" if desc else ""
        items.append(
            f"<item><title>{name} story {k}</title>"
            f"<link>http://{host}/{art_path}/{name}-{k}{link_query}</link>"
            f"<guid isPermaLink=\"false\">{name}-{k}</guid>"
            f"<pubDate>{pub}</pubDate>{desc_el}{media}</item>")
    ttl_el = f"<ttl>{ttl}</ttl>" if ttl is not None else ""
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" "
            f"xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
            f"<title>Feed {name}</title><link>http://{host}/</link>"
            f"<description>Test feed {name}</description>{ttl_el}"
            + "".join(items) + "</channel></rss>\n").encode()


ARTICLE_PARAS = [
    "The city council approved the new tram line on Tuesday after a debate of four hours.",
    "Construction is to start next spring and should take about three years to complete.",
    "The line will connect the main station with the university and the northern suburbs.",
    "Opponents had argued that buses would serve the same routes for a fraction of the cost.",
    "Supporters pointed to the growing number of students and the noise of diesel buses.",
    "The regional government has promised to cover sixty percent of the expected costs.",
    "Residents along the planned route will be invited to an information evening in May.",
    "A final decision on the colour of the new trams has not yet been made by the council.",
]


def article(ident, n, og=False):
    paras = "".join(f"<p>{ARTICLE_PARAS[i % len(ARTICLE_PARAS)]}</p>\n" for i in range(n))
    meta = f"<meta property=\"og:image\" content=\"/image/png/{ident}\">" if og else ""
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{meta}<title>Article {ident}"
            f"</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a>"
            f"</nav><article><h1>Article {ident}</h1>\n{paras}</article><footer>Imprint"
            f" | Privacy | Newsletter</footer></body></html>\n").encode()


FLOODS = {}


def flood_attrs(n, spaced):
    """n distinct attributes, made once per (n, spaced) and kept: 200,000 take a moment."""
    with LOCK:
        key = (n, spaced)
        if key not in FLOODS:
            if spaced:
                FLOODS[key] = " ".join(f'a{i}="1"' for i in range(n))
            else:  # "a0='1'a1='1'...": the HTML parser still reads n attributes
                FLOODS[key] = "".join(f"a{i}='1'" for i in range(n))
        return FLOODS[key]


def flood_feed(name, n, host):
    """RSS whose first item element carries n attributes (the second item is plain)."""
    pub = email.utils.formatdate(BASE['date'], usegmt=True)
    items = []
    for k, attrs in ((1, " " + flood_attrs(n, True) if n else ""), (0, "")):
        items.append(f"<item{attrs}><title>{name} story {k}</title>"
                     f"<link>http://{host}/article/{name}-{k}</link>"
                     f"<guid isPermaLink=\"false\">{name}-{k}</guid>"
                     f"<pubDate>{pub}</pubDate><description>Short note {k} from {name}."
                     f"</description></item>")
    return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
            f"<title>Feed {name}</title><link>http://{host}/</link>"
            f"<description>Flooded feed {name}</description>\n"
            + "".join(items) + "</channel></rss>\n").encode()


def flood_article(ident, n):
    """The article page with its text inside a <div> of n attributes."""
    paras = "".join(f"<p>{p}</p>\n" for p in ARTICLE_PARAS[:6])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Article {ident}"
            f"</title></head><body><article><h1>Article {ident}</h1>\n"
            f"<div {flood_attrs(n, False)}>\n{paras}</div></article></body></html>\n").encode()


class CountingWriter:
    """Wraps the handler's wfile to count what goes out (all bytes, and body bytes)."""

    def __init__(self, inner, handler):
        self.inner = inner
        self.handler = handler

    def write(self, data):
        n = self.inner.write(data)
        entry = self.handler.entry
        if entry is not None:
            entry["sent"] += len(data)
            if self.handler.headers_done:
                entry["body"] += len(data)
        return n

    def flush(self):
        self.inner.flush()

    def close(self):
        self.inner.close()

    @property
    def closed(self):
        return self.inner.closed


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "feedserver/1"

    def setup(self):
        super().setup()
        self.entry = None
        self.headers_done = False
        self.wfile = CountingWriter(self.wfile, self)

    def log_message(self, fmt, *args):
        pass

    def end_headers(self):
        super().end_headers()
        self.headers_done = True

    def send(self, code, body=b"", ctype="text/plain; charset=utf-8", headers=()):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        self.headers_done = False
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        self.entry = {"path": self.path, "headers": dict(self.headers.items()), "sent": 0,
                      "body": 0, "tls": isinstance(self.connection, ssl.SSLSocket)}
        with LOCK:
            LOG.append(self.entry)
        try:
            self.route(path, q, url.query)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    def host(self):
        return f"127.0.0.1:{PORTS['http']}"

    def route(self, path, q, query):
        parts = path.strip("/").split("/")
        head = parts[0] if parts else ""
        qs = ("?" + query) if query else ""
        if head == "feed" and len(parts) >= 2:
            return self.feed(parts[1], q)
        if head == "_bump" and len(parts) >= 2:
            with LOCK:
                VERSIONS[parts[1]] = VERSIONS.get(parts[1], 0) + 1
            return self.send(200, b"bumped\n")
        if head == "_correct" and len(parts) >= 2:
            with LOCK:
                CORRECTED.add(parts[1])
            return self.send(200, b"corrected\n")
        if head == "movedtls":
            loc = f"https://127.0.0.1:{PORTS['https']}/" + "/".join(parts[1:]) + qs
            return self.send(301, b"moved\n", headers=[("Location", loc)])
        if head == "escloc":
            # The raw bytes go out as they are (latin-1): ESC, BEL and a CSI colour sequence.
            loc = "ftp://evil.example/\x1b]0;pwned\x07\x1b[31mred\x1b[0m"
            return self.send(302, b"", headers=[("Location", loc)])
        if head == "badstatus":
            self.wfile.write(b"HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\nhi")
            self.close_connection = True
            return None
        if head == "bighdr":
            body = rss("bighdr", 0, 2, self.host())
            self.send_response(200)
            self.send_header("X-Big", "a" * (1 << 20))
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if head in ("gzipclose", "truncgzip"):
            data = gzip.compress(rss(head, 0, 30, self.host(), desc_kind="long"))
            if head == "truncgzip":
                data = data[:len(data) // 2]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            self.close_connection = True
            return None
        if head == "deflate":
            raw = q.get("raw") == "1"
            comp = zlib.compressobj(6, zlib.DEFLATED, -15 if raw else 15)
            data = comp.compress(rss("deflate", 0, 5, self.host())) + comp.flush()
            return self.send(200, data, "application/rss+xml",
                             headers=[("Content-Encoding", "deflate")])
        if head == "redir" and len(parts) >= 3:
            codes = [c for c in parts[1].split(",") if c]
            rest = "/".join(parts[2:])
            code = int(codes[0])
            nxt = (f"/redir/{','.join(codes[1:])}/{rest}" if len(codes) > 1 else f"/{rest}")
            return self.send(code, b"moved\n", headers=[("Location", nxt + qs)])
        if head == "hold" and len(parts) >= 2:
            with LOCK:
                HOLD["inflight"] += 1
                HOLD["max"] = max(HOLD["max"], HOLD["inflight"])
            try:
                QUIT.wait(int(q.get("ms", "300")) / 1000.0)
            finally:
                with LOCK:
                    HOLD["inflight"] -= 1
            return self.feed(parts[1], q)
        if head == "tofile":
            return self.send(302, b"", headers=[("Location", "file:///etc/hostname")])
        if head == "_stats":
            with LOCK:
                body = json.dumps({"max_inflight": HOLD["max"]}).encode()
            return self.send(200, body, "application/json")
        if head == "loop":
            other = "b" if parts[-1] == "a" else "a"
            return self.send(302, b"", headers=[("Location", f"/loop/{other}")])
        if head == "tohttp":
            loc = f"http://127.0.0.1:{PORTS['http']}/" + "/".join(parts[1:]) + qs
            return self.send(302, b"", headers=[("Location", loc)])
        if head == "tohttps":
            loc = f"https://127.0.0.1:{PORTS['https']}/" + "/".join(parts[1:]) + qs
            return self.send(302, b"", headers=[("Location", loc)])
        if head == "status" and len(parts) >= 2:
            hdrs = []
            if "retry" in q:
                if q["retry"] == "date":
                    hdrs.append(("Retry-After",
                                 email.utils.formatdate(time.time() + 120, usegmt=True)))
                else:
                    hdrs.append(("Retry-After", q["retry"]))
            return self.send(int(parts[1]), b"status page\n", headers=hdrs)
        if head == "reset":
            # SO_LINGER with a zero timeout turns close() into a TCP RST.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        if head == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<?xml vers")
            self.wfile.flush()
            QUIT.wait(300)
            self.close_connection = True
            return None
        if head == "slow":
            body = rss("slow", 0, 20, self.host())
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                if QUIT.wait(1.0):
                    break
            self.close_connection = True
            return None
        if head == "truncated":
            body = rss("trunc", 0, 30, self.host())
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(body[:600])
            self.wfile.flush()
            self.close_connection = True
            return None
        if head in ("big", "bigchunked"):
            total = int(float(q.get("mb", "9")) * (1 << 20))
            chunk = (b"<!-- filler filler filler filler filler filler filler filler -->\n" * 1024)
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            chunked = head == "bigchunked"
            if chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(total))
            self.end_headers()
            sent = 0
            while sent < total:
                part = chunk[:min(len(chunk), total - sent)]
                if chunked:
                    self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
                else:
                    self.wfile.write(part)
                sent += len(part)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
            return None
        if head == "bomb":
            BOMB_READY.wait()
            data = BOMB["data"]
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            for i in range(0, len(data), 65536):
                self.wfile.write(data[i:i + 65536])
            return None
        if head == "charset":
            body = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Caf\u00e9 "
                    "news</title><link>http://example.org/</link><item><title>Cr\u00e8me "
                    "br\u00fbl\u00e9e for everyone</title><guid>cafe-1</guid><link>"
                    "http://example.org/1</link><description>Price: 5 \u20ac</description>"
                    "</item></channel></rss>\n").encode("cp1252")
            return self.send(200, body, "application/rss+xml; charset=utf-8")
        if head == "html":
            return self.send(200, article("not-a-feed", 3), "text/html; charset=utf-8")
        if head == "empty":
            return self.send(200, b"", "application/rss+xml")
        if head == "flood" and len(parts) >= 3 and parts[1] == "feed":
            n = int(q.get("attrs", "200000"))
            return self.send(200, flood_feed(parts[2], n, self.host()),
                             "application/rss+xml; charset=utf-8")
        if head == "flood" and len(parts) >= 3 and parts[1] == "article":
            n = int(q.get("attrs", "40000"))
            return self.send(200, flood_article(parts[2], n), "text/html; charset=utf-8")
        if head == "article" and len(parts) >= 2:
            if "ms" in q:
                QUIT.wait(int(q["ms"]) / 1000.0)
            return self.send(200, article(parts[1], int(q.get("len", "6")), q.get("og") == "1"),
                             "text/html; charset=utf-8")
        if head == "image" and len(parts) >= 3:
            kind = parts[1]
            if kind == "png":
                return self.send(200, png_bytes(), "image/png")
            if kind == "bomb":
                return self.send(200, png_bytes(huge=True), "image/png")
            if kind == "truncated":
                data = png_bytes()
                return self.send(200, data[: len(data) // 2], "image/png")
            if kind == "file" and IMAGES["files"]:
                files = IMAGES["files"]
                path = files[zlib.crc32(parts[2].encode()) % len(files)]
                with open(path, "rb") as f:
                    data = f.read()
                return self.send(200, data, "image/jpeg" if path.endswith(".jpg") else
                                 "application/octet-stream")
            if kind == "html":
                return self.send(200, b"<!doctype html><html><body>Not found</body></html>",
                                 "image/png")
            return self.send(404, b"no such image\n")
        if head == "_log":
            with LOCK:
                entries = [e for e in LOG if "path" not in q or e["path"] == q["path"]]
                body = json.dumps(entries).encode()
            return self.send(200, body, "application/json")
        if head == "_clear":
            with LOCK:
                LOG.clear()
                HOLD["max"] = HOLD["inflight"]
            return self.send(200, b"cleared\n")
        return self.send(404, b"no such fault\n")

    def feed(self, name, q):
        with LOCK:
            version = VERSIONS.get(name, 0)
            corrected = name in CORRECTED
        n = int(q.get("items", "5"))
        use_etag = q.get("etag", "1") != "0"
        use_lm = q.get("lm", "1") != "0"
        etag = f"\"{name}-v{version}{'c' if corrected else ''}\""
        lm_time = BASE['date'] + version * 86400 + (1 if corrected else 0)
        lm = email.utils.formatdate(lm_time, usegmt=True)
        hdrs = []
        if use_etag:
            hdrs.append(("ETag", etag))
        if use_lm:
            hdrs.append(("Last-Modified", lm))
        if "maxage" in q:
            hdrs.append(("Cache-Control", f"public, max-age={q['maxage']}"))
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            not_modified = use_etag and inm.strip() == etag
        elif ims is not None and use_lm:
            try:
                t = email.utils.parsedate_to_datetime(ims).timestamp()
                not_modified = t >= lm_time
            except (TypeError, ValueError):
                pass
        if not_modified:
            self.send_response(304)
            for k, v in hdrs:
                self.send_header(k, v)
            self.end_headers()
            return None
        ttl = int(q["ttl"]) if "ttl" in q else None
        img = q.get("img")
        link_query = f"?ms={q['artms']}" if "artms" in q else ""
        if img == "og":
            link_query = "?og=1"
        body = rss(name, version, n, self.host(), ttl,
                   "none" if img == "og" else q.get("desc", "short"),
                   int(q.get("spacing", "3600")), corrected, link_query, img,
                   "flood/article" if q.get("art") == "flood" else "article")
        accept = self.headers.get("Accept-Encoding", "")
        if "gzip" in accept and q.get("gzip", "1") != "0":
            body = gzip.compress(body)
            hdrs.append(("Content-Encoding", "gzip"))
        return self.send(200, body, "application/rss+xml; charset=utf-8", hdrs)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # Clients that give up mid-fault (the fetcher aborting a bomb or a stall) are the
        # point of most tests, not something to print a traceback about.
        pass


class TLSServer(Server):
    def __init__(self, addr, handler, context):
        self.context = context
        super().__init__(addr, handler)

    def get_request(self):
        sock, addr = self.socket.accept()
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr


def make_cert(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
                    "subjectAltName=IP:127.0.0.1"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--tls", metavar="DIR", help="also serve HTTPS, certificate made in DIR")
    ap.add_argument("--watch-stdin", action="store_true", help="exit when stdin closes")
    ap.add_argument("--base-date", type=int, default=None,
                    help="Unix time of version 0 and item 0 (default: a day ago)")
    ap.add_argument("--images", metavar="DIR", help="serve the .jpg files of DIR as /image/file/ID")
    args = ap.parse_args()
    if args.images:
        IMAGES["files"] = sorted(os.path.join(args.images, f) for f in os.listdir(args.images)
                                 if f.endswith(".jpg"))
    BASE["date"] = (args.base_date if args.base_date is not None
                    else int(time.time()) // 3600 * 3600 - 86400)

    make_bomb()
    httpd = Server(("127.0.0.1", args.port), Handler)
    PORTS["http"] = httpd.server_address[1]
    servers = [httpd]
    if args.tls:
        cert, key = make_cert(args.tls)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        httpsd = TLSServer(("127.0.0.1", 0), Handler, ctx)
        PORTS["https"] = httpsd.server_address[1]
        servers.append(httpsd)
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print(PORTS["http"], flush=True)
    if args.tls:
        print(PORTS["https"], flush=True)

    if args.watch_stdin:
        while sys.stdin.buffer.read(4096):
            pass
    else:
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    QUIT.set()
    for s in servers:
        s.shutdown()
    # Handler threads may be sleeping in a fault; they are daemons and die with us.
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
