/*
 * Exact text compositing: 8-bit coverage onto an ARGB8888 buffer in portable integer arithmetic,
 * so x86-64 and arm64 (and the window and headless paths) produce identical pixels. SDL's
 * CPU-specific alpha blitters round differently (docs/architecture.md), so text never goes
 * through them.
 *
 * The rule, per colour channel c of the destination and source colour s:
 *     a   = div255(coverage * color_alpha)                 (effective alpha, 0..255)
 *     out = div255(s * a + dst * (255 - a))                 (source over destination)
 * and for the destination's alpha channel A: out = a + div255(A * (255 - a)).
 * div255(t) = floor((t + 127) / 255), which is t / 255 rounded to the nearest integer (a tie
 * would need t / 255 to end in .5, impossible for an integer t), for 0 <= t <= 255 * 255.
 * With coverage 0 or colour alpha 0 the destination is returned unchanged.
 *
 * Frames are opaque in practice (the scene fills its background first); the alpha rule above
 * is the standard "over" for completeness. Colours are straight (not premultiplied) ARGB.
 *
 * Decision for the window path: the scene composites the whole frame (or the ticker band) on
 * the CPU with these functions and uploads it as an ARGB8888 streaming texture (in strips no
 * wider than max_texture_width). The GPU only copies pixels, so window and headless frames are
 * identical, and no text texture with baked colour is ever needed.
 */
#ifndef TICKER_RENDER_BLEND_H
#define TICKER_RENDER_BLEND_H

#include <stdint.h>

/* Exact rounded t / 255 for 0 <= t <= 255 * 255. */
static inline uint32_t blend_div255(uint32_t t)
{
    return (t + 127) / 255;
}

/* One pixel: colour `argb` (straight, not premultiplied) with coverage `cov` over `dst`. */
uint32_t blend_pixel(uint32_t dst, uint32_t argb, uint8_t cov);

/*
 * Composites a w x h coverage bitmap (cov_pitch bytes per row) at (x, y) onto the dst buffer
 * (dst_w x dst_h pixels, dst_pitch BYTES per row, ARGB8888 as SDL_PIXELFORMAT_ARGB8888 stores it
 * in a uint32_t), clipped to the buffer; x, y may be negative. Coverage 0 leaves dst untouched.
 * No allocation; any thread (the caller owns both buffers).
 */
void blend_coverage(uint32_t *dst, int dst_pitch, int dst_w, int dst_h, int x, int y,
                    const uint8_t *cov, int w, int h, int cov_pitch, uint32_t argb);

/* Fills a clipped rectangle with an opaque or translucent colour by the same rule (cov 255). */
void blend_fill_rect(uint32_t *dst, int dst_pitch, int dst_w, int dst_h, int x, int y, int w, int h,
                     uint32_t argb);

#endif
