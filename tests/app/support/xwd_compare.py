#!/usr/bin/python3
"""Compares an X window dump (xwd -silent) with a PNG frame pixel by pixel (RGB) and exits 1,
saying where they differ, when they are not identical. Usage: xwd_compare.py WINDOW.xwd FRAME.png"""
import struct
import sys

from PIL import Image

data = open(sys.argv[1], "rb").read()
(header_size, version, fmt, _depth, width, height, _xoff, byte_order, _unit, _bit_order, _pad,
 bpp, bpl, _vclass, rmask, gmask, bmask, _bits, _entries, ncolors) = struct.unpack(">20I", data[:80])
if version != 7 or fmt != 2 or bpp != 32:
    sys.exit(f"unexpected XWD: version {version}, format {fmt}, {bpp} bits per pixel")


def shift(mask):
    return (mask & -mask).bit_length() - 1


order = "<" if byte_order == 0 else ">"
off = header_size + ncolors * 12
rows = []
for y in range(height):
    row = data[off + y * bpl: off + y * bpl + width * 4]
    vals = struct.unpack(f"{order}{width}I", row)
    rows.append(bytes(b for v in vals for b in ((v & rmask) >> shift(rmask),
                                                 (v & gmask) >> shift(gmask),
                                                 (v & bmask) >> shift(bmask))))
window = Image.frombytes("RGB", (width, height), b"".join(rows))
frame = Image.open(sys.argv[2]).convert("RGB")
if window.size != frame.size:
    sys.exit(f"the window is {window.size[0]}x{window.size[1]}, the frame "
             f"{frame.size[0]}x{frame.size[1]}")
diff = [(x, y) for y in range(height) for x in range(width)
        if window.getpixel((x, y)) != frame.getpixel((x, y))] if window.tobytes() != frame.tobytes() else []
if diff:
    xs = [p[0] for p in diff]
    ys = [p[1] for p in diff]
    x, y = diff[0]
    sys.exit(f"{len(diff)} pixels differ, within x {min(xs)}..{max(xs)}, y {min(ys)}..{max(ys)}; "
             f"first at ({x}, {y}): window {window.getpixel((x, y))}, frame {frame.getpixel((x, y))}")
print(f"{width}x{height}: identical")
