#!/usr/bin/python3
"""Writes the charset-*.xml fixtures: one small RSS feed in several encodings and labels.

Run from this directory: /usr/bin/python3 make-charsets.py
The files are committed; rerun only to change them on purpose.
"""

TEMPLATE = """<?xml version="1.0" encoding="{label}"?>
<rss version="2.0">
  <channel>
    <title>{title}</title>
    <link>https://charset.example/</link>
    <item>
      <title>{item}</title>
      <link>https://charset.example/1</link>
    </item>
  </channel>
</rss>
"""

CP1252_TEXT = "Grüße aus Köln – Café"   # the en dash exists in windows-1252 only
LATIN1_TEXT = "Grüße aus Köln, Café"


def doc(label, text, title="Zeichensätze"):
    return TEMPLATE.format(label=label, title=title, item=text)


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# windows-1252 bytes in a document that claims to be UTF-8 (a classic CMS bug).
write("charset-cp1252-labelled-utf8.xml", doc("UTF-8", CP1252_TEXT).encode("cp1252"))
# windows-1252 bytes (curly quotes 0x93/0x94, en dash 0x96, euro 0x80) under an ISO-8859-1
# declaration: read as windows-1252, as browsers do, never as C1 controls.
write("charset-cp1252-labelled-latin1.xml",
      doc("ISO-8859-1", "\u201cCaf\u00e9\u201d \u2013 5 \u20ac").encode("cp1252"))
# C1 controls written as UTF-8 (U+0092, U+0085: windows-1252 text once misread as Latin-1):
# mapped the way windows-1252 maps those bytes.
write("charset-c1-in-utf8.xml", doc("UTF-8", "It\u0092s here\u0085").encode("utf-8"))
# A correct ISO-8859-1 declaration.
write("charset-latin1-decl.xml", doc("ISO-8859-1", LATIN1_TEXT).encode("latin-1"))
# UTF-16 and UTF-32, with and without a byte order mark.
write("charset-utf16le-bom.xml", b"\xff\xfe" + doc("UTF-16", CP1252_TEXT).encode("utf-16-le"))
write("charset-utf16be-bom.xml", b"\xfe\xff" + doc("UTF-16", CP1252_TEXT).encode("utf-16-be"))
write("charset-utf16le-nobom.xml", doc("UTF-16", CP1252_TEXT).encode("utf-16-le"))
write("charset-utf16be-nobom.xml", doc("UTF-16", CP1252_TEXT).encode("utf-16-be"))
write("charset-utf32le-bom.xml", b"\xff\xfe\x00\x00" + doc("UTF-32", CP1252_TEXT).encode("utf-32-le"))
write("charset-utf32be-bom.xml", b"\x00\x00\xfe\xff" + doc("UTF-32", CP1252_TEXT).encode("utf-32-be"))
write("charset-utf32le-nobom.xml", doc("UTF-32", CP1252_TEXT).encode("utf-32-le"))
write("charset-utf32be-nobom.xml", doc("UTF-32", CP1252_TEXT).encode("utf-32-be"))
# windows-1251 (Cyrillic) bytes under a wrong ISO-8859-1 declaration: only the HTTP charset
# (--content-type "application/rss+xml; charset=windows-1251") gets it right.
write("charset-http-override.xml", doc("ISO-8859-1", "Новости дня", "Kyrillisch").encode("cp1251"))
# A UTF-8 byte order mark before the declaration.
write("charset-utf8-bom.xml", b"\xef\xbb\xbf" + doc("UTF-8", CP1252_TEXT).encode("utf-8"))
