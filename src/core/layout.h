/*
 * Screen layout: a window size and a theme -> the rectangles everything is drawn in, and the
 * font sizes in pixels. Pure arithmetic, no I/O; thread-safe.
 *
 * Four arrangements, chosen from the shape (or forced by the theme's "layout"):
 *   LAYOUT_LANDSCAPE  16:9-ish: status line and clock on top, the story panel, the band.
 *   LAYOUT_PORTRAIT   taller than wide: a header with a large clock, a tall story panel with
 *                     larger type, the band; not the landscape layout squashed.
 *   LAYOUT_BAR        short and wide (3:1 or wider, e.g. 1920x360): the band plus one headline
 *                     line with source and age, the clock and status beside it.
 *   LAYOUT_BAND       the band alone with a clock box at its end (very short screens, or
 *                     "layout": "band").
 * Sizes scale with a reference height: the height of a 16:9 landscape screen, the width of a
 * portrait one, three times the height of a bar (so a 1920x360 bar looks like the lower third
 * of a 1080p screen).
 */
#ifndef TICKER_CORE_LAYOUT_H
#define TICKER_CORE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/theme.h"

struct layout_rect {
    int x, y, w, h; /* w == 0 or h == 0: absent */
};

enum layout_kind {
    LAYOUT_LANDSCAPE,
    LAYOUT_PORTRAIT,
    LAYOUT_BAR,
    LAYOUT_BAND,
};

/* The smallest band, whatever the theme says: legible from across a room. */
#define LAYOUT_MIN_BAND 48

struct layout {
    enum layout_kind kind;
    int width, height;           /* the screen */
    int ref_h;                   /* the reference height sizes are relative to */
    int margin;                  /* outer margin in pixels */
    struct layout_rect band;     /* the crawl (clipped to this) */
    struct layout_rect band_bg;  /* the band's background: band plus clock box in LAYOUT_BAND */
    struct layout_rect accent;   /* the accent rule between band and panel (may be absent) */
    struct layout_rect panel;    /* the story card (absent in LAYOUT_BAND) */
    struct layout_rect meta;     /* source and age, inside the panel */
    struct layout_rect headline; /* inside the panel; headline_lines lines */
    struct layout_rect summary;  /* inside the panel, word-wrapped; absent in LAYOUT_BAR */
    struct layout_rect clock;
    struct layout_rect date; /* the date under the clock (may be absent) */
    struct layout_rect status;
    int headline_lines;  /* how many lines the headline may wrap to (>= 1) */
    bool status_compact; /* the status rect is small: use the short status text */
    /* Font sizes in pixels (the font's em size). */
    int band_px, headline_px, summary_px, meta_px, clock_px, date_px, status_px;
};

/* Line height used for a font of px pixels: the rectangles above are sized in these. */
int layout_line_height(int px);

/*
 * Computes the layout for a w x h screen. Returns false (with the reason in err, may be NULL)
 * when the screen is too small to show a band (under 64x48) or absurdly large (over 16384).
 */
bool layout_compute(struct layout *l, int w, int h, const struct theme *t, struct error *err);

const char *layout_kind_name(enum layout_kind k);

/* Rectangle helpers (absent rectangles are inside anything and overlap nothing). */
bool layout_rect_inside(struct layout_rect inner, struct layout_rect outer);
bool layout_rect_overlap(struct layout_rect a, struct layout_rect b);

#endif
