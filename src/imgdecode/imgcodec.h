/*
 * Image bytes to the picture a story card shows (docs/images.md): JPEG, PNG or WebP, sniffed
 * from the bytes (never from a Content-Type), its size checked against a pixel limit from the
 * header before any pixel is decoded, EXIF orientation applied, cropped to fill the box (never
 * stretched) and scaled in exact integer arithmetic, so the same bytes give the same pixels
 * on x86-64 and arm64.
 *
 * This code runs only inside the sandboxed helper process ticker-imgdecode (and in tests and
 * the fuzz target): it is the part of Ticker that reads the most attacked kind of input, and
 * no process that holds the cache, the network or the screen links it.
 *
 * Thread: no shared state; one call works on its own buffers.
 */
#ifndef TICKER_IMGDECODE_IMGCODEC_H
#define TICKER_IMGDECODE_IMGCODEC_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Images with more pixels than this (width x height from the header) are refused before
 * decoding: a decompression bomb costs the reading of its header. 24 MP is a 6000x4000
 * camera picture, more than any news site serves. */
#define IMGCODEC_MAX_PIXELS (24u * 1000 * 1000)
/* Smaller than this (either side, after orientation) is an icon, a spacer or a tracking
 * pixel, not a picture of the story. */
#define IMGCODEC_MIN_SIDE 64
/* The largest box a caller may ask for (a 4K portrait card is about 1900 px wide). */
#define IMGCODEC_MAX_BOX 4096

enum imgcodec_format {
    IMGCODEC_UNKNOWN,
    IMGCODEC_JPEG,
    IMGCODEC_PNG,
    IMGCODEC_WEBP,
};

/* "jpeg", "png", "webp", "unknown" */
const char *imgcodec_format_str(enum imgcodec_format f);

/* The format the bytes start with; IMGCODEC_UNKNOWN otherwise. */
enum imgcodec_format imgcodec_sniff(const uint8_t *data, size_t len);

struct imgcodec_result {
    int w, h;         /* the box asked for */
    uint8_t *rgb;     /* w * h * 3 bytes, rows top down; owned (imgcodec_result_free) */
    int src_w, src_h; /* the image as stored (before orientation) */
    int orientation;  /* EXIF orientation 1..8 that was applied (1: none) */
    enum imgcodec_format format;
    bool animated; /* an animated image: its first frame was taken */
};

void imgcodec_result_free(struct imgcodec_result *r);

/*
 * Decodes `len` bytes of JPEG, PNG or WebP into box_w x box_h RGB pixels (1..IMGCODEC_MAX_BOX
 * each): the image's centre cropped to the box's shape and scaled (area averaging down,
 * bilinear up). Transparent pixels are put on white. Refused, with a sentence for people in
 * err: another or an unknown format, more than IMGCODEC_MAX_PIXELS, smaller than
 * IMGCODEC_MIN_SIDE, damaged or truncated data. out is filled only on success.
 */
bool imgcodec_decode(const uint8_t *data, size_t len, int box_w, int box_h,
                     struct imgcodec_result *out, struct error *err);

#endif
