#!/usr/bin/python3
"""Makes the test images of the picture pipeline (docs/images.md) into OUTDIR.

    /usr/bin/python3 tests/imgdecode/make_images.py OUTDIR
    /usr/bin/python3 tests/imgdecode/make_images.py --render tests/data/render/img

Every file is ours, made here with Pillow (Debian python3-pil) or written byte by byte, and
small (the largest, a decompression bomb, is about 40 KB). The tests make them at run time;
nothing here is stored in the tree.

The pictures have a known layout so that a test can check where things went: the left half
red, the right half blue, a green square in the top-left corner (a quarter of the height).
After any correct EXIF turn the decoded picture shows the same layout."""
import io
import struct
import sys
import zlib

from PIL import Image, ImageDraw

W, H = 480, 320


def scene(w=W, h=H):
    im = Image.new("RGB", (w, h), (220, 30, 30))
    d = ImageDraw.Draw(im)
    d.rectangle([w // 2, 0, w - 1, h - 1], fill=(30, 30, 220))
    d.rectangle([0, 0, h // 4 - 1, h // 4 - 1], fill=(30, 200, 30))
    return im


def png_chunk(kind, data):
    c = struct.pack(">I", len(data)) + kind + data
    return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_raw(w, h, depth, ctype, rows):
    """A PNG written by hand: rows are the filtered scanlines (filter byte included)."""
    ihdr = struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
            png_chunk(b"IDAT", zlib.compress(rows, 9)) + png_chunk(b"IEND", b""))


# EXIF orientation n turns the stored picture: store the inverse of the turn, so that the
# picture shown is scene() again.
INVERSE = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_90],   # shown turned 90 degrees clockwise: stored turned back
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_270],
}


def main(out):
    im = scene()
    im.save(f"{out}/photo.jpg", quality=92)
    im.save(f"{out}/photo.png")
    im.save(f"{out}/photo.webp", quality=92)
    im.save(f"{out}/progressive.jpg", quality=92, progressive=True)
    im.convert("L").save(f"{out}/gray.jpg", quality=92)
    im.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(f"{out}/palette.png")
    # Transparent: the right half clear (it must come out white), the left half red.
    t = Image.new("RGBA", (W, H), (220, 30, 30, 255))
    ImageDraw.Draw(t).rectangle([W // 2, 0, W - 1, H - 1], fill=(0, 0, 0, 0))
    t.save(f"{out}/alpha.png")
    t.save(f"{out}/alpha.webp", lossless=True)
    # CMYK JPEG (Pillow writes Adobe-style inverted CMYK, as Photoshop does).
    im.convert("CMYK").save(f"{out}/cmyk.jpg", quality=92)
    # 16-bit RGB PNG, by hand (Pillow cannot write 48-bit RGB).
    rows = bytearray()
    for y in range(H):
        rows.append(0)
        for x in range(W):
            r, g, b = im.getpixel((x, y))
            rows += struct.pack(">HHH", r * 257, g * 257, b * 257)
    open(f"{out}/png16.png", "wb").write(png_raw(W, H, 16, 2, bytes(rows)))
    # EXIF orientations 2..8, each stored turned back.
    for o, ops in INVERSE.items():
        s = im
        for op in ops:
            s = s.transpose(op)
        ex = Image.Exif()
        ex[0x0112] = o
        s.save(f"{out}/exif{o}.jpg", quality=92, exif=ex.tobytes())
    s = im.transpose(Image.Transpose.ROTATE_90)
    ex = Image.Exif()
    ex[0x0112] = 6
    s.save(f"{out}/exif6.png", exif=ex.tobytes())
    # Animations: the first frame is the scene, the second all yellow.
    yellow = Image.new("RGB", (W, H), (240, 230, 20))
    im.save(f"{out}/animated.webp", save_all=True, append_images=[yellow], duration=100,
            loop=0, lossless=True)
    im.save(f"{out}/animated.png", save_all=True, append_images=[yellow], duration=100, loop=0)
    # Truncated: each cut to 60% of its bytes.
    for name in ("photo.jpg", "photo.png", "photo.webp", "progressive.jpg"):
        data = open(f"{out}/{name}", "rb").read()
        open(f"{out}/truncated-{name}", "wb").write(data[: len(data) * 6 // 10])
    # Huge: a real decompression bomb (6000x6000 grey, 36 MP, about 40 KB), a header that
    # claims 30000x30000, and a large but honest JPEG at the limit (6000x4000 = 24 MP).
    side = 6000
    bomb = zlib.compressobj(9)
    z = b"".join(bomb.compress(b"\0" * (side + 1)) for _ in range(side)) + bomb.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    open(f"{out}/bomb.png", "wb").write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
                                         png_chunk(b"IDAT", z) + png_chunk(b"IEND", b""))
    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)
    open(f"{out}/claims-huge.png", "wb").write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
                                                png_chunk(b"IDAT", zlib.compress(b"\0" * 64)))
    Image.new("L", (6000, 4000), 128).save(f"{out}/large.jpg", quality=50)
    # Not images at all, or not ours to decode.
    buf = io.BytesIO()
    im.save(buf, "GIF")
    open(f"{out}/photo.gif", "wb").write(buf.getvalue())
    open(f"{out}/page.html", "wb").write(b"<!doctype html><html><body>Not found</body></html>")
    open(f"{out}/empty.jpg", "wb").write(b"")
    open(f"{out}/noise.bin", "wb").write(bytes((i * 151 + 7) % 256 for i in range(4096)))
    # A tracking pixel.
    Image.new("RGB", (1, 1), (255, 255, 255)).save(f"{out}/pixel.png")
    # A small picture (enlarged to the box).
    scene(96, 64).save(f"{out}/small.png")


def render_fixtures(out):
    """The pictures of tests/data/render/pictures.xml (stored in the tree: PNG, so the golden
    frames do not depend on a JPEG encoder's version)."""
    scene(480, 320).save(f"{out}/harbour.png", optimize=True)
    tall = Image.new("RGB", (300, 420), (245, 184, 46))
    d = ImageDraw.Draw(tall)
    for i in range(0, 420, 60):
        d.rectangle([0, i, 299, i + 29], fill=(15, 36, 71))
    d.ellipse([90, 150, 210, 270], fill=(250, 250, 250))
    tall.save(f"{out}/stripes.png", optimize=True)


if __name__ == "__main__":
    if sys.argv[1] == "--render":
        render_fixtures(sys.argv[2])
    else:
        main(sys.argv[1])
