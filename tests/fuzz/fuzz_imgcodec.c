/*
 * The path from image bytes to stored pixels (docs/images.md), in process: the codec the
 * sandboxed helper runs (sniffing, header limits, orientation, decoding, crop and scale), then
 * its answer through the wire format that the fetcher and the display read, into a picture.
 * Boxes of two shapes, one of them extreme, so the crop arithmetic is exercised too.
 * Corpus: tests/fuzz/corpus/imgcodec/ (made by tests/imgdecode/make_images.py).
 */
#include "core/picture.h"
#include "imgdecode/imgcodec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void one(const uint8_t *data, size_t size, int bw, int bh)
{
    struct imgcodec_result r;
    struct error err = {0};
    if (!imgcodec_decode(data, size, bw, bh, &r, &err)) {
        if (!err.msg[0])
            abort(); /* a refusal always says why */
        return;
    }
    if (r.w != bw || r.h != bh || !r.rgb)
        abort();
    struct picture_wire w = {.status = PICTURE_WIRE_OK,
                             .format = (int)r.format,
                             .orientation = r.orientation,
                             .w = r.w,
                             .h = r.h,
                             .src_w = r.src_w,
                             .src_h = r.src_h,
                             .payload = (uint32_t)(r.w * r.h * 3)};
    uint8_t hdr[PICTURE_WIRE_HEADER];
    picture_wire_put(hdr, &w);
    struct picture_wire back;
    if (!picture_wire_get(hdr, sizeof hdr, bw, bh, &back, &err))
        abort();
    struct picture *p = picture_from_rgb(back.w, back.h, r.rgb);
    if (p->argb[(size_t)p->w * (size_t)p->h - 1] >> 24 != 0xFF)
        abort();
    picture_free(p);
    imgcodec_result_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (4u << 20))
        return 0;
    one(data, size, 96, 64);
    one(data, size, 7, 300);
    /* The wire reader on the raw bytes too (as if a subverted helper had written them). */
    struct picture_wire w;
    struct error err = {0};
    picture_wire_get(data, size, 96, 64, &w, &err);
    return 0;
}
