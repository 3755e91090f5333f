/*
 * A story's picture as the render thread draws it, and the answer format of the image decoder
 * process (docs/images.md): the helper ticker-imgdecode writes a fixed 32-byte header and then
 * either the pixels or a message; the fetcher and the display read it back with
 * picture_wire_get, trusting nothing in it (the helper may have been subverted by the image it
 * decoded): every size is checked against what was asked for.
 *
 * Pure: no I/O. Thread: a picture is immutable once made and owned by one thread at a time.
 */
#ifndef TICKER_CORE_PICTURE_H
#define TICKER_CORE_PICTURE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Opaque ARGB8888 pixels (0xFFRRGGBB), rows top down, no padding. */
struct picture {
    int w, h;
    uint32_t *argb;
};

/* A new w x h picture of RGB bytes (w * h * 3); never NULL (allocation failure aborts). */
struct picture *picture_from_rgb(int w, int h, const uint8_t *rgb);
void picture_free(struct picture *p);

/* ---- The decoder's answer ------------------------------------------------------------- */

#define PICTURE_WIRE_HEADER  32
#define PICTURE_WIRE_VERSION 1
/* A refusal's message is at most this long. */
#define PICTURE_WIRE_MSG_MAX 255

enum picture_wire_status {
    PICTURE_WIRE_OK = 0,      /* w * h * 3 bytes of RGB follow */
    PICTURE_WIRE_REFUSED = 1, /* the image was refused: `payload` bytes of message follow */
};

struct picture_wire {
    enum picture_wire_status status;
    int format;      /* imgcodec's format number (1 JPEG, 2 PNG, 3 WebP) */
    int orientation; /* EXIF orientation applied, 1..8 */
    bool animated;   /* the first frame of an animation */
    int w, h;        /* the pixels that follow */
    int src_w, src_h;
    uint32_t payload; /* bytes after the header */
};

/* Writes the header (little-endian, 32 bytes). */
void picture_wire_put(uint8_t out[PICTURE_WIRE_HEADER], const struct picture_wire *w);

/*
 * Reads a header of n bytes from the decoder that was asked for a box_w x box_h picture.
 * False (err) when it is short, not ours, of another version, or inconsistent: an OK answer
 * must be exactly box_w x box_h with payload w * h * 3; a refusal's message at most
 * PICTURE_WIRE_MSG_MAX bytes.
 */
bool picture_wire_get(const uint8_t *hdr, size_t n, int box_w, int box_h, struct picture_wire *w,
                      struct error *err);

#endif
