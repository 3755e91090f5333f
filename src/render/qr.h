/*
 * The QR code of a story's link on the card (docs/images.md), made with libqrencode: black
 * modules on white with a quiet zone of CARD_QR_QUIET modules, whatever the theme's colours
 * (phones read dark on light; many decoders do not read the inverse).
 *
 * Thread: no shared state (libqrencode's encoder is reentrant); a code belongs to its maker.
 */
#ifndef TICKER_RENDER_QR_H
#define TICKER_RENDER_QR_H

#include "core/error.h"

#include <stdbool.h>
#include <stdint.h>

struct qr_code {
    int size;      /* modules per side, without the quiet zone */
    uint8_t *dark; /* size * size: 1 dark, 0 light */
    char *text;    /* what it encodes */
};

/*
 * The code for text at error correction M, else L when M would need more than max_size
 * modules a side; NULL (err) when even L does not fit, or the text is empty. Caller frees.
 */
struct qr_code *qr_encode(const char *text, int max_size, struct error *err);
void qr_free(struct qr_code *q);

/*
 * The link as the code carries it: `params` (a query string without '?', "" or NULL for none)
 * appended to the link's query, before its fragment. New string (free()).
 */
char *qr_link(const char *link, const char *params);

/* The side in pixels, quiet zone included, of q at `module` pixels a module. */
int qr_side(const struct qr_code *q, int module);

/*
 * Draws q with its quiet zone at (x, y) of an ARGB8888 buffer (w x h pixels, pitch bytes a
 * row), `module` pixels a module, at opacity alpha (0..255: the card's cross-fade), clipped.
 */
void qr_draw(const struct qr_code *q, uint32_t *dst, int pitch, int w, int h, int x, int y,
             int module, int alpha);

#endif
