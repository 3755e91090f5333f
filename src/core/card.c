/* The story card's picture and QR code (card.h). */
#include "core/card.h"

#include <string.h>

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

void card_plan_make(const struct layout *l, const struct theme *t, struct card_plan *out)
{
    memset(out, 0, sizeof *out);
    out->qr_module = imax(1, (l->ref_h * CARD_QR_MODULE_PX_1080 + 1079) / 1080);
    bool qr = t->qr == THEME_QR_ON || (t->qr == THEME_QR_AUTO && l->kind != LAYOUT_BAR);
    if (l->panel.w <= 0 || l->kind == LAYOUT_BAND)
        return;
    int pad = l->margin;
    int inner_x = l->panel.x + pad, inner_w = l->panel.w - 2 * pad;
    int inner_y = l->panel.y + pad, inner_h = l->panel.h - 2 * pad;
    int gap = imax(4, pad / 2);
    if (l->kind == LAYOUT_BAR) {
        if (!qr || l->panel.h < 32)
            return;
        /* Beside the headline line, as tall as the card. */
        int side = l->panel.h;
        out->qr = (struct layout_rect){l->panel.x + l->panel.w - side, l->panel.y, side, side};
        out->text_w = imax(1, l->headline.w - side - gap);
        out->column = true;
        out->column_r = out->qr;
        return;
    }
    if (inner_w < 64 || inner_h < 64)
        return;
    if (l->kind == LAYOUT_LANDSCAPE) {
        if (!qr && !t->images)
            return;
        /* A narrower column when it must hold the code too, so the text keeps most of the
         * card; the code then gets the height the picture leaves. */
        int col_w = inner_w * (qr ? 24 : 36) / 100;
        out->column = true;
        out->column_r = (struct layout_rect){inner_x + inner_w - col_w, inner_y, col_w, inner_h};
        out->text_w = imax(1, inner_w - col_w - pad);
        int pic_h = col_w * 2 / 3;
        if (t->images && pic_h <= inner_h)
            out->picture = (struct layout_rect){out->column_r.x, inner_y, col_w, pic_h};
        if (qr) {
            int room = inner_h - (t->images ? pic_h + gap : 0);
            int side = imin(col_w, room);
            if (side >= 21 + 2 * CARD_QR_QUIET)
                out->qr = (struct layout_rect){out->column_r.x + col_w - side,
                                               inner_y + inner_h - side, side, side};
        }
        return;
    }
    /* Portrait. */
    out->text_w = inner_w;
    if (t->images)
        out->picture = (struct layout_rect){inner_x, 0, inner_w, inner_w * 9 / 16};
    if (qr) {
        int side = imin(inner_w * 44 / 100, inner_h / 3);
        if (side >= 21 + 2 * CARD_QR_QUIET) {
            out->qr = (struct layout_rect){inner_x + inner_w - side, inner_y + inner_h - side, side,
                                           side};
            out->qr_replaces_next = true;
        }
    }
}

bool card_picture_box(const struct theme *t, int w, int h, int *box_w, int *box_h)
{
    struct layout l;
    if (!t->images || !layout_compute(&l, w, h, t, NULL))
        return false;
    struct card_plan p;
    card_plan_make(&l, t, &p);
    if (p.picture.w <= 0 || p.picture.h <= 0)
        return false;
    *box_w = p.picture.w;
    *box_h = p.picture.h;
    return true;
}
