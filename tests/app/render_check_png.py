#!/usr/bin/python3
"""Checks what `ticker render --out DIR` wrote, with decoders that are not Ticker's own.

    render_check_png.py DIR [--frames N] [--size WxH]

- frames.sha256 names at least one frame (N exactly, with --frames); every frame it lists has
  its file and every PNG file in DIR is listed;
- every file passes pngcheck (chunk structure, CRCs, zlib stream) and decodes with Pillow;
- the decoded pixels hash to the line's value under the frame hash's definition (render/png.h):
  SHA-256 over the SHA-256 digests of 8-row groups, each over the rows as B, G, R, A bytes.
Prints the first failing frame and exits 1; prints a one-line summary on success.
"""
import hashlib
import os
import subprocess
import sys

from PIL import Image

GROUP_ROWS = 8


def frame_hash(img):
    r, g, b = img.convert("RGB").split()
    a = Image.new("L", img.size, 255)
    data = Image.merge("RGBA", (b, g, r, a)).tobytes()
    w, h = img.size
    row = w * 4
    digests = b"".join(
        hashlib.sha256(data[y * row:min(y + GROUP_ROWS, h) * row]).digest()
        for y in range(0, h, GROUP_ROWS))
    return hashlib.sha256(digests).hexdigest()


def fail(msg):
    print(f"render_check_png: {msg}")
    sys.exit(1)


def main():
    args = sys.argv[1:]
    if not args:
        fail("usage: render_check_png.py DIR [--frames N] [--size WxH]")
    d = args[0]
    want_n = int(args[args.index("--frames") + 1]) if "--frames" in args else None
    size = None
    if "--size" in args:
        w, h = args[args.index("--size") + 1].split("x")
        size = (int(w), int(h))
    lines = open(os.path.join(d, "frames.sha256")).read().splitlines()
    if not lines:
        fail(f"{d}/frames.sha256 lists no frame")
    if want_n is not None and len(lines) != want_n:
        fail(f"{d}/frames.sha256 lists {len(lines)} frames, want {want_n}")
    listed = {}
    for ln in lines:
        digest, name = ln.split("  ")
        listed[name + ".png"] = digest
    files = sorted(f for f in os.listdir(d) if f.endswith(".png"))
    if sorted(listed) != files:
        extra = sorted(set(files) - set(listed))
        missing = sorted(set(listed) - set(files))
        fail(f"{d}: files not listed {extra[:3]}, listed without a file {missing[:3]}")
    paths = [os.path.join(d, f) for f in files]
    for i in range(0, len(paths), 200):
        r = subprocess.run(["pngcheck", "-q"] + paths[i:i + 200], capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"pngcheck: {(r.stdout + r.stderr).strip().splitlines()[0]}")
    for f in files:
        with Image.open(os.path.join(d, f)) as img:
            img.load()
            if img.format != "PNG" or img.mode != "RGB":
                fail(f"{f}: {img.format} {img.mode}, want an RGB PNG")
            if size and img.size != size:
                fail(f"{f}: {img.size}, want {size}")
            got = frame_hash(img)
        if got != listed[f]:
            fail(f"{f}: decoded pixels hash to {got}, frames.sha256 says {listed[f]}")
    print(f"ok   {len(files)} PNG files in {d}: pngcheck clean, Pillow decodes each to its hash")


main()
