/*
 * Pictures to JPEG for the cache (docs/images.md): the scaled pixels the sandboxed decoder
 * handed back are compressed here, in the fetcher, with libjpeg-turbo's encoder. Only the
 * encoder runs in this process, on pixels of a size we chose: nothing from the network is
 * parsed by it (decoding, stored pictures included, happens in ticker-imgdecode).
 *
 * Thread: any; no shared state.
 */
#ifndef TICKER_IO_PICTURE_JPEG_H
#define TICKER_IO_PICTURE_JPEG_H

#include "core/error.h"
#include "core/picture.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Quality of stored pictures: 85 keeps photos clean at card size for 20-60 KB at 1080p. */
#define PICTURE_JPEG_QUALITY 85

/* Baseline JPEG of p at `quality`: *out (free()), *len. False (err) when libjpeg fails. */
bool picture_jpeg_encode(const struct picture *p, int quality, uint8_t **out, size_t *len,
                         struct error *err);

#endif
