/* Pictures and the decoder's answer format (picture.h). */
#include "core/picture.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

struct picture *picture_from_rgb(int w, int h, const uint8_t *rgb)
{
    struct picture *p = xcalloc(1, sizeof *p);
    p->w = w;
    p->h = h;
    size_t n = (size_t)w * (size_t)h;
    p->argb = xreallocarray(NULL, n ? n : 1, sizeof *p->argb);
    for (size_t i = 0; i < n; i++)
        p->argb[i] = 0xFF000000u | (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 |
                     rgb[3 * i + 2];
    return p;
}

void picture_free(struct picture *p)
{
    if (!p)
        return;
    free(p->argb);
    free(p);
}

static void put16(uint8_t *o, uint32_t v)
{
    o[0] = (uint8_t)v;
    o[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *o, uint32_t v)
{
    put16(o, v);
    put16(o + 2, v >> 16);
}

static uint32_t get16(const uint8_t *i)
{
    return (uint32_t)i[0] | (uint32_t)i[1] << 8;
}

static uint32_t get32(const uint8_t *i)
{
    return get16(i) | get16(i + 2) << 16;
}

void picture_wire_put(uint8_t out[PICTURE_WIRE_HEADER], const struct picture_wire *w)
{
    memset(out, 0, PICTURE_WIRE_HEADER);
    memcpy(out, "TKPX", 4);
    out[4] = PICTURE_WIRE_VERSION;
    out[5] = (uint8_t)w->status;
    out[6] = (uint8_t)w->format;
    out[7] = (uint8_t)w->orientation;
    put16(out + 8, (uint32_t)w->w);
    put16(out + 10, (uint32_t)w->h);
    put32(out + 12, (uint32_t)w->src_w);
    put32(out + 16, (uint32_t)w->src_h);
    out[20] = w->animated ? 1 : 0;
    put32(out + 24, w->payload);
}

bool picture_wire_get(const uint8_t *h, size_t n, int box_w, int box_h, struct picture_wire *w,
                      struct error *err)
{
    memset(w, 0, sizeof *w);
    if (n < PICTURE_WIRE_HEADER)
        return error_set(err, "the decoder's answer is %zu bytes, shorter than its header", n);
    if (memcmp(h, "TKPX", 4) || h[4] != PICTURE_WIRE_VERSION)
        return error_set(err, "the decoder's answer is not in its format (version %u)", h[4]);
    w->status = h[5];
    w->format = h[6];
    w->orientation = h[7];
    w->w = (int)get16(h + 8);
    w->h = (int)get16(h + 10);
    w->src_w = (int)(get32(h + 12) & 0x7FFFFFFF);
    w->src_h = (int)(get32(h + 16) & 0x7FFFFFFF);
    w->animated = h[20] != 0;
    w->payload = get32(h + 24);
    if (w->status == PICTURE_WIRE_REFUSED) {
        if (w->payload > PICTURE_WIRE_MSG_MAX)
            return error_set(err, "the decoder's message is %u bytes long", (unsigned)w->payload);
        return true;
    }
    if (w->status != PICTURE_WIRE_OK)
        return error_set(err, "the decoder answered with status %d", (int)w->status);
    if (w->w != box_w || w->h != box_h)
        return error_set(err, "the decoder made %dx%d pixels, not the %dx%d asked for", w->w, w->h,
                         box_w, box_h);
    if ((uint64_t)w->payload != (uint64_t)box_w * (uint64_t)box_h * 3)
        return error_set(err, "the decoder's %dx%d answer carries %u bytes", w->w, w->h,
                         (unsigned)w->payload);
    if (w->orientation < 1 || w->orientation > 8)
        return error_set(err, "the decoder reports orientation %d", w->orientation);
    return true;
}
