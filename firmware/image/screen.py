#!/usr/bin/env python3
"""Talks to a QEMU guest's QMP socket and checks its screen (firmware/image/test.sh).

    screen.py shot QMP_SOCKET OUT.ppm         screendump of the guest's display
    screen.py quit QMP_SOCKET                 power off at once (like pulling the plug)
    screen.py check SHOT.ppm TITLES.txt [OCR.txt]
        checks that the screen shows the ticker: the band where the default theme puts it (the
        bottom tenth, its colour #0f2447), text pixels in it, and demo headlines: with an OCR
        text (tesseract's output), at least one headline from TITLES.txt recognised; without,
        the card above the band must hold text pixels too. Prints what it found; exit 1 if not.
"""
import json
import socket
import sys
import time


def qmp(path, *commands):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(60)
    s.connect(path)
    f = s.makefile("rwb")

    def read_reply():
        while True:
            line = f.readline()
            if not line:
                return None
            msg = json.loads(line)
            if "return" in msg or "error" in msg:
                return msg

    f.readline()  # greeting
    replies = []
    for cmd in (("qmp_capabilities", {}),) + commands:
        f.write((json.dumps({"execute": cmd[0], "arguments": cmd[1]}) + "\n").encode())
        f.flush()
        replies.append(read_reply())
    s.close()
    return replies[1:]


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and int(fields[3]) == 255, "not an 8-bit PPM"
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h * 3]


def near(px, rgb, tol=8):
    return all(abs(a - b) <= tol for a, b in zip(px, rgb))


def check(shot, titles_path, ocr_path=None):
    w, h, pix = read_ppm(shot)

    def px(x, y):
        i = (y * w + x) * 3
        return pix[i], pix[i + 1], pix[i + 2]

    ok = True
    print("screen %dx%d" % (w, h))
    # The default theme's band colour (docs/display.md); the panel above it (#121d33) is close,
    # so the tolerance is small.
    band = (0x0F, 0x24, 0x47)
    # Rows whose pixels are mostly the band colour: the band's extent.
    rows = [y for y in range(h)
            if sum(near(px(x, y), band) for x in range(0, w, 8)) > (w // 8) * 0.5]
    if rows:
        top, bottom = min(rows), max(rows)
        print("band rows %d..%d (%.0f%%..%.0f%% of the height)" %
              (top, bottom, 100.0 * top / h, 100.0 * (bottom + 1) / h))
        at_bottom = bottom >= h * 0.95 and top >= h * 0.8
        print("band at the bottom: %s" % ("yes" if at_bottom else "NO"))
        ok &= at_bottom
        text = sum(1 for y in range(top, bottom + 1) for x in range(0, w, 2)
                   if min(px(x, y)) > 200)
        print("light text pixels in the band: %d" % text)
        ok &= text > 500
    else:
        print("NO band: no rows of its colour")
        ok = False
    card_text = sum(1 for y in range(0, int(h * 0.8), 2) for x in range(0, w, 2)
                    if min(px(x, y)) > 200)
    print("light text pixels above the band: %d" % card_text)
    titles = [t.strip() for t in open(titles_path, encoding="utf-8") if t.strip()]
    if ocr_path:
        ocr = " ".join(open(ocr_path, encoding="utf-8", errors="replace").read().split()).lower()
        found = []
        for t in titles:
            words = [x for x in t.lower().split() if len(x) >= 5]
            hits = sum(1 for x in words if x in ocr)
            if words and hits >= max(2, len(words) // 2):
                found.append(t)
        print("demo headlines recognised by OCR: %d of %d" % (len(found), len(titles)))
        for t in found:
            print("  - " + t)
        ok &= len(found) >= 1
    else:
        print("no OCR (tesseract not installed): pixel checks only")
        ok &= card_text > 2000
    return ok


def main():
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == "shot":
        r = qmp(a[1], ("screendump", {"filename": a[2]}))
        if r[0] is None or "error" in r[0]:
            print("screendump failed: %s" % r, file=sys.stderr)
            return 1
        for _ in range(50):  # QEMU writes the file asynchronously to the reply on some versions
            try:
                read_ppm(a[2])
                return 0
            except Exception:
                time.sleep(0.1)
        return 1
    if len(a) == 2 and a[0] == "quit":
        try:
            qmp(a[1], ("quit", {}))
        except (ConnectionError, OSError):
            pass
        return 0
    if len(a) in (3, 4) and a[0] == "check":
        return 0 if check(a[1], a[2], a[3] if len(a) == 4 else None) else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
