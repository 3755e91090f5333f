/*
 * Exact coverage compositing (see blend.h for the rule). Plain integer C with no SIMD and no
 * SDL, so every CPU computes the same bytes; the division by 255 is a true division, which the
 * compiler turns into a multiply-shift with identical results.
 */
#include "render/blend.h"

#include <stdbool.h>
#include <stddef.h>

uint32_t blend_pixel(uint32_t dst, uint32_t argb, uint8_t cov)
{
    uint32_t a = blend_div255(cov * (argb >> 24));
    if (a == 0)
        return dst;
    uint32_t ia = 255 - a;
    uint32_t out_a = a + blend_div255(((dst >> 24) & 0xFF) * ia);
    uint32_t r = blend_div255(((argb >> 16) & 0xFF) * a + ((dst >> 16) & 0xFF) * ia);
    uint32_t g = blend_div255(((argb >> 8) & 0xFF) * a + ((dst >> 8) & 0xFF) * ia);
    uint32_t b = blend_div255((argb & 0xFF) * a + (dst & 0xFF) * ia);
    return (out_a << 24) | (r << 16) | (g << 8) | b;
}

/* Clips the rectangle (x, y, w, h) to [0, dst_w) x [0, dst_h); returns false if nothing is left.
 * *sx, *sy receive the offset into the source. */
static int clip(int dst_w, int dst_h, int *x, int *y, int *w, int *h, int *sx, int *sy)
{
    *sx = *sy = 0;
    if (*x < 0) {
        *sx = -*x;
        *w += *x;
        *x = 0;
    }
    if (*y < 0) {
        *sy = -*y;
        *h += *y;
        *y = 0;
    }
    if (*x + *w > dst_w)
        *w = dst_w - *x;
    if (*y + *h > dst_h)
        *h = dst_h - *y;
    return *w > 0 && *h > 0;
}

void blend_coverage(uint32_t *dst, int dst_pitch, int dst_w, int dst_h, int x, int y,
                    const uint8_t *cov, int w, int h, int cov_pitch, uint32_t argb)
{
    int sx, sy;
    if (!dst || !cov || !clip(dst_w, dst_h, &x, &y, &w, &h, &sx, &sy))
        return;
    /* Full coverage of an opaque colour is the colour itself (blend_pixel's a = 255 leaves
     * nothing of dst): the inside of every glyph, a third or more of text's pixels. */
    bool opaque = (argb >> 24) == 0xFF;
    /* The last pixel's inputs and result: text lies on a plain background, so runs of the
     * same coverage over the same colour (a glyph's inside while a card fades) repeat it. */
    uint32_t last_dst = 0, last_out = 0;
    uint8_t last_cov = 0; /* coverage 0 never reaches the memo */
    for (int row = 0; row < h; row++) {
        uint32_t *d =
            (uint32_t *)((unsigned char *)dst + (size_t)(y + row) * (size_t)dst_pitch) + x;
        const uint8_t *c = cov + (size_t)(sy + row) * (size_t)cov_pitch + sx;
        for (int col = 0; col < w; col++) {
            if (!c[col])
                continue;
            if (opaque && c[col] == 255) {
                d[col] = argb;
            } else if (c[col] == last_cov && d[col] == last_dst) {
                d[col] = last_out;
            } else {
                last_cov = c[col];
                last_dst = d[col];
                last_out = d[col] = blend_pixel(d[col], argb, c[col]);
            }
        }
    }
}

void blend_fill_rect(uint32_t *dst, int dst_pitch, int dst_w, int dst_h, int x, int y, int w, int h,
                     uint32_t argb)
{
    int sx, sy;
    if (!dst || !clip(dst_w, dst_h, &x, &y, &w, &h, &sx, &sy))
        return;
    /* A rectangle mostly covers one colour: blend it once (as blend_coverage does). */
    uint32_t last_dst = 0, last_out = blend_pixel(0, argb, 255);
    for (int row = 0; row < h; row++) {
        uint32_t *d =
            (uint32_t *)((unsigned char *)dst + (size_t)(y + row) * (size_t)dst_pitch) + x;
        for (int col = 0; col < w; col++) {
            if (d[col] != last_dst) {
                last_dst = d[col];
                last_out = blend_pixel(last_dst, argb, 255);
            }
            d[col] = last_out;
        }
    }
}
