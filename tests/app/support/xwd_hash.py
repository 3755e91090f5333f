#!/usr/bin/env python3
"""Hash of an X window dump the way `ticker render` hashes frames: SHA-256 over each row's
pixels as ARGB8888 in memory order (B, G, R, A on little-endian), alpha 0xFF. Reads an XWD
file (xwd -silent) on stdin; prints the hash, or with --png-size prints "W H"."""
import hashlib
import struct
import sys

data = sys.stdin.buffer.read()
hdr = struct.unpack(">25I", data[:100])
(header_size, version, fmt, depth, width, height, _xoff, byte_order, _unit, _bit_order, _pad,
 bpp, bpl, _vclass, rmask, gmask, bmask, _bits_rgb, _cmap_entries, ncolors) = hdr[:20]
if version != 7 or fmt != 2 or bpp != 32:
    sys.exit(f"unexpected XWD: version {version}, format {fmt}, {bpp} bits per pixel")
off = header_size + ncolors * 12
h = hashlib.sha256()
for y in range(height):
    row = data[off + y * bpl: off + y * bpl + width * 4]
    if byte_order == 0 and (rmask, gmask, bmask) == (0xFF0000, 0xFF00, 0xFF):
        b = bytearray(row)
        b[3::4] = b"\xff" * width
    else:
        b = bytearray()
        for x in range(width):
            v = struct.unpack("<I" if byte_order == 0 else ">I", row[4 * x:4 * x + 4])[0]
            r, g, bl = (v & rmask) >> 16, (v & gmask) >> 8, v & bmask
            b += bytes((bl, g, r, 0xFF))
    h.update(b)
print(h.hexdigest() if "--size" not in sys.argv else f"{width} {height}")
