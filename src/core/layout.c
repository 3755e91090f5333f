/*
 * Layout arithmetic. Every rectangle is derived from the reference height and the theme's
 * relative sizes, then fitted: when a screen is too short for an element, the element goes
 * (summary first, then the headline's second line, then the panel) rather than overlapping
 * another. The band never shrinks below LAYOUT_MIN_BAND.
 */
#include "core/layout.h"

#include "core/util.h"

int layout_line_height(int px)
{
    return (px * 5 + 3) / 4;
}

const char *layout_kind_name(enum layout_kind k)
{
    switch (k) {
    case LAYOUT_LANDSCAPE:
        return "landscape";
    case LAYOUT_PORTRAIT:
        return "portrait";
    case LAYOUT_BAR:
        return "bar";
    case LAYOUT_BAND:
        return "band";
    }
    return "?";
}

bool layout_rect_inside(struct layout_rect in, struct layout_rect out)
{
    if (in.w <= 0 || in.h <= 0)
        return true;
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

bool layout_rect_overlap(struct layout_rect a, struct layout_rect b)
{
    if (a.w <= 0 || a.h <= 0 || b.w <= 0 || b.h <= 0)
        return false;
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

static struct layout_rect rect(int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0)
        return (struct layout_rect){x, y, 0, 0};
    return (struct layout_rect){x, y, w, h};
}

/* Largest font whose line fits in h pixels. */
static int px_for_line(int h)
{
    int px = (h * 4) / 5;
    while (px > 1 && layout_line_height(px) > h)
        px--;
    return imax(px, 1);
}

/* Fills the story card's inner rectangles: meta line, headline (up to max_lines), summary. */
static void fill_panel(struct layout *l, int pad, int max_lines, bool with_summary)
{
    struct layout_rect p = l->panel;
    int meta_h = layout_line_height(l->meta_px);
    int head_line = layout_line_height(l->headline_px);
    int inner_w = p.w - 2 * pad;
    int y = p.y + pad;
    int bottom = p.y + p.h - pad;
    if (inner_w <= 0 || bottom - y < meta_h + head_line) {
        /* Not even one headline line: the panel holds the headline alone, shrunk to fit. */
        int h = bottom - y;
        if (h < 8 || inner_w <= 0) {
            l->panel = rect(0, 0, 0, 0);
            return;
        }
        l->headline_px = imin(l->headline_px, px_for_line(h));
        l->headline = rect(p.x + pad, y, inner_w, layout_line_height(l->headline_px));
        l->headline_lines = 1;
        return;
    }
    l->meta = rect(p.x + pad, y, inner_w, meta_h);
    y += meta_h + pad / 4;
    int lines = max_lines;
    while (lines > 1 && y + lines * head_line > bottom)
        lines--;
    l->headline_lines = lines;
    l->headline = rect(p.x + pad, y, inner_w, lines * head_line);
    y += lines * head_line + pad / 2;
    if (with_summary && bottom - y >= layout_line_height(l->summary_px))
        l->summary = rect(p.x + pad, y, inner_w, bottom - y);
}

/* The band alone, filling the screen's height when the screen is short, with a clock box. */
static void layout_band_only(struct layout *l, int band_h_normal, int band_px_normal,
                             const struct theme *t)
{
    int w = l->width, h = l->height;
    /* A bar display or a short screen is all band; a tall screen keeps the normal band. */
    int band_h = (w >= 3 * h || h < band_h_normal * 5 / 2) ? h : band_h_normal;
    int band_y = t->band_position == THEME_BAND_BOTTOM ? h - band_h : 0;
    l->band_px = (int)((long)band_px_normal * band_h / band_h_normal);
    l->band_px = imin(l->band_px, imax(1, band_h * 32 / 100));
    l->band_bg = rect(0, band_y, w, band_h);
    /* The clock box takes at most a fifth of the width. */
    l->clock_px = imax(1, imin(band_h * 45 / 100, w / 5 * 10 / 52));
    l->status_px = imax(1, imin(band_h * 18 / 100, l->clock_px * 45 / 100));
    l->status_compact = true;
    int pad = imax(4, band_h / 8);
    int clock_w = imax(l->clock_px * 52 / 10, l->status_px * 9);
    int box_w = clock_w + 2 * pad;
    int accent_w = imax(2, l->ref_h / 270);
    if (w < 3 * box_w) {
        /* Too narrow for a clock beside the crawl: the crawl has the whole band. */
        l->band = l->band_bg;
        return;
    }
    int xb = w - box_w;
    l->accent = rect(xb - accent_w, band_y, accent_w, band_h);
    l->band = rect(0, band_y, xb - accent_w, band_h);
    int ch = layout_line_height(l->clock_px), sh = layout_line_height(l->status_px);
    int y0 = band_y + (band_h - ch - sh) / 2;
    l->clock = rect(xb + pad, y0, clock_w, ch);
    l->status = rect(xb + pad, y0 + ch, clock_w, sh);
}

bool layout_compute(struct layout *l, int w, int h, const struct theme *t, struct error *err)
{
    *l = (struct layout){0};
    if (w < 64 || h < LAYOUT_MIN_BAND)
        return error_set(err, "screen %dx%d is too small (at least 64x%d)", w, h, LAYOUT_MIN_BAND);
    if (w > 16384 || h > 16384)
        return error_set(err, "screen %dx%d is too large (at most 16384x16384)", w, h);
    l->width = w;
    l->height = h;

    enum layout_kind kind;
    if (h > w) {
        kind = LAYOUT_PORTRAIT;
        l->ref_h = imin(w, h * 9 / 16);
    } else if (w >= 3 * h) {
        /* Under 200 px high a headline line would be too small to read: the band alone. */
        kind = h >= 200 ? LAYOUT_BAR : LAYOUT_BAND;
        l->ref_h = imin(3 * h, w * 9 / 16);
    } else {
        kind = LAYOUT_LANDSCAPE;
        l->ref_h = imin(h, w * 9 / 16);
    }
    if (t->layout == THEME_LAYOUT_FULL && kind == LAYOUT_BAR) {
        kind = LAYOUT_LANDSCAPE;
        l->ref_h = imin(h, w * 9 / 16);
    }
    int ref = l->ref_h;
    l->margin = imax(4, ref * 3 / 100);
    int m = l->margin;
    l->band_px = theme_size_px(t->band_font, ref);
    l->headline_px = theme_size_px(t->headline_font, ref);
    l->summary_px = theme_size_px(t->summary_font, ref);
    l->meta_px = theme_size_px(t->meta_font, ref);
    l->clock_px = theme_size_px(t->clock_font, ref);
    l->date_px = l->meta_px;
    l->status_px = theme_size_px(t->status_font, ref);
    l->headline_lines = 1;
    if (kind == LAYOUT_PORTRAIT) {
        /* Read from closer up and with room to spare: larger type, a larger clock. */
        l->headline_px = l->headline_px * 6 / 5;
        l->summary_px = l->summary_px * 11 / 10;
        l->clock_px = l->clock_px * 3 / 2;
    }

    int band_h = imax(LAYOUT_MIN_BAND, theme_size_px(t->band_height, ref));
    band_h = imin(band_h, h);
    /* Band text must fit its band with a little air. */
    l->band_px = imin(l->band_px, px_for_line(band_h * 9 / 10));

    bool bottom = t->band_position == THEME_BAND_BOTTOM;
    int accent_h = imax(2, ref / 270);
    int clock_h = layout_line_height(l->clock_px);
    /* A screen with no room above the band for a clock and a headline gets the band alone. */
    bool no_room = h - band_h - accent_h - 2 * m < clock_h + layout_line_height(l->headline_px);
    if (t->layout == THEME_LAYOUT_BAND || kind == LAYOUT_BAND || (no_room && kind != LAYOUT_BAR)) {
        l->kind = LAYOUT_BAND;
        layout_band_only(l, band_h, l->band_px, t);
        return true;
    }

    int band_y = bottom ? h - band_h : 0;
    /* Content: the screen minus band and accent, inside the margin. */
    int cy0 = (bottom ? 0 : band_h + accent_h) + m;
    int cy1 = (bottom ? band_y - accent_h : h) - m;

    if (kind == LAYOUT_BAR) {
        int avail = cy1 - cy0;
        int need = layout_line_height(l->meta_px) + layout_line_height(l->headline_px);
        if (avail < need) {
            /* Squeeze the margins before giving up the headline line. */
            int spare = (h - band_h - accent_h) - need;
            if (spare >= 4) {
                m = spare / 3;
                cy0 = (bottom ? 0 : band_h + accent_h) + m;
                cy1 = (bottom ? band_y - accent_h : h) - m;
            } else {
                l->kind = LAYOUT_BAND;
                layout_band_only(l, band_h, l->band_px, t);
                return true;
            }
        }
    }

    l->kind = kind;
    l->band = rect(0, band_y, w, band_h);
    l->band_bg = l->band;
    l->accent = rect(0, bottom ? band_y - accent_h : band_h, w, accent_h);

    if (kind == LAYOUT_BAR) {
        /* Headline line on the left, clock with the status under it on the right. */
        int status_h = layout_line_height(l->status_px);
        int avail = cy1 - cy0;
        if (clock_h + status_h > avail)
            l->clock_px = imin(l->clock_px, px_for_line(avail - status_h));
        clock_h = layout_line_height(l->clock_px);
        int rw = imax(l->clock_px * 52 / 10, l->status_px * 12);
        l->status_compact = true;
        int y0 = cy0 + (avail - clock_h - status_h) / 2;
        l->clock = rect(w - m - rw, y0, rw, clock_h);
        l->status = rect(w - m - rw, y0 + clock_h, rw, status_h);
        l->panel = rect(m, cy0, w - 3 * m - rw, avail);
        fill_panel(l, 0, 1, false);
        return true;
    }

    int date_h = layout_line_height(l->date_px);
    int status_h = layout_line_height(l->status_px);
    int rw = imax(l->clock_px * 52 / 10, l->date_px * 12);
    int header_h = clock_h + date_h;
    if (header_h > (cy1 - cy0) / 2) {
        /* A short landscape screen: no date line. */
        header_h = clock_h;
        date_h = 0;
    }
    if (kind == LAYOUT_PORTRAIT) {
        /* Header: large clock and date on the left, the status line on the right. */
        l->clock = rect(m, cy0, rw, clock_h);
        l->date = rect(m, cy0 + clock_h, rw, date_h);
        int sx = m + rw + m;
        l->status = rect(sx, cy0 + header_h - status_h, w - m - sx, status_h);
        l->status_compact = l->status.w < l->status_px * 18;
    } else {
        /* Header: status line on the left (level with the clock's foot), clock on the right. */
        l->clock = rect(w - m - rw, cy0, rw, clock_h);
        l->date = rect(w - m - rw, cy0 + clock_h, rw, date_h);
        l->status = rect(m, cy0 + clock_h - status_h, w - 3 * m - rw, status_h);
        l->status_compact = l->status.w < l->status_px * 18;
    }
    int py = cy0 + header_h + m / 2;
    l->panel = rect(m, py, w - 2 * m, cy1 - py);
    fill_panel(l, m, kind == LAYOUT_PORTRAIT ? 4 : 2, true);
    return true;
}
