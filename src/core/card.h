/*
 * Where the story card puts a picture and a QR code (docs/images.md), from the layout and the
 * theme: pure arithmetic, like core/layout.h, shared by the scene (which draws them) and the
 * fetcher (which scales pictures once, to the size the card shows).
 *
 *   landscape  a media column at the card's right edge, over its whole inner height: the
 *              picture (3:2) at its top, the QR code at its foot; the headline, summary and
 *              up-next list take the rest of the width. A story with neither keeps the whole
 *              width.
 *   portrait   the picture (16:9) across the card between the headline and the summary; the
 *              QR code at the card's foot, right-aligned, where the up-next list would be.
 *   bar        no picture; a QR code only with "qr": "on", as tall as the headline line.
 *   band       no card, nothing.
 *
 * The QR code's module is CARD_QR_MODULE_MM_AT_40IN sized: 8 px at a 1080-pixel reference
 * height (the arithmetic for reading it from two metres is in docs/images.md).
 *
 * Thread-safe, no state.
 */
#ifndef TICKER_CORE_CARD_H
#define TICKER_CORE_CARD_H

#include "core/layout.h"
#include "core/theme.h"

#include <stdbool.h>

/* QR modules per 1080 pixels of reference height (docs/images.md: 3.7 mm on a 40-inch
 * 1080p screen, about 2.8 camera pixels at two metres). */
#define CARD_QR_MODULE_PX_1080 8
/* The quiet zone around a QR code, in modules (ISO/IEC 18004 asks for 4). */
#define CARD_QR_QUIET 4

struct card_plan {
    bool column;                 /* landscape: the media column exists */
    struct layout_rect column_r; /* landscape: the column (x, y, w, h) */
    int text_w;                  /* width of the card's text when the column is in use */
    struct layout_rect picture;  /* where a picture goes (w == 0: pictures are not shown) */
    struct layout_rect qr;       /* the square a QR code (with its quiet zone) may fill, its
                                    bottom-right corner anchored (w == 0: no QR code) */
    int qr_module;               /* pixels per module wanted (at least 1) */
    bool qr_replaces_next;       /* portrait: no up-next list when the QR code shows */
};

/* The plan for layout l under theme t (t->images and t->qr decide what is shown). */
void card_plan_make(const struct layout *l, const struct theme *t, struct card_plan *out);

/*
 * The size of the pictures a w x h screen shows under theme t: what the fetcher scales them
 * to. False when that screen's card shows no picture (bar and band layouts, images off);
 * ticker fetch without a screen uses 1920x1080.
 */
bool card_picture_box(const struct theme *t, int w, int h, int *box_w, int *box_h);

#endif
