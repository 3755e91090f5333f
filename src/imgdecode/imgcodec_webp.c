/*
 * WebP through libwebp: a still picture is decoded whole (libwebp has no row-by-row output
 * that would save memory here; the pixel limit bounds it), an animation's first frame through
 * the animation decoder, which composes it on its canvas. Transparency goes on white.
 * Orientation from an EXIF chunk (some writers start it with "Exif\0\0", as in JPEG).
 */
#include "imgdecode/imgcodec_internal.h"

#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>

static const char *status_str(VP8StatusCode st)
{
    switch (st) {
    case VP8_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case VP8_STATUS_INVALID_PARAM:
        return "invalid parameter";
    case VP8_STATUS_BITSTREAM_ERROR:
        return "bitstream error";
    case VP8_STATUS_UNSUPPORTED_FEATURE:
        return "unsupported feature";
    case VP8_STATUS_NOT_ENOUGH_DATA:
        return "not enough data";
    default:
        return "decoding failed";
    }
}

static int orientation_of(const uint8_t *data, size_t len)
{
    WebPData wd = {data, len};
    WebPDemuxer *dm = WebPDemux(&wd);
    if (!dm)
        return 1;
    int o = 1;
    WebPChunkIterator it;
    if (WebPDemuxGetChunk(dm, "EXIF", 1, &it)) {
        const uint8_t *b = it.chunk.bytes;
        size_t n = it.chunk.size;
        if (n > 6 && !memcmp(b, "Exif\0\0", 6)) {
            b += 6;
            n -= 6;
        }
        o = imgc_exif_orientation(b, n);
        WebPDemuxReleaseChunkIterator(&it);
    }
    WebPDemuxDelete(dm);
    return o;
}

/* Feeds an RGBA or RGB picture through the scaler. */
static void feed(struct imgc_scaler *sc, const uint8_t *px, int w, int h, int ch, uint8_t *tmp)
{
    (void)h;
    int y0, n;
    imgc_scaler_rows(sc, &y0, &n);
    for (int y = y0; y < y0 + n; y++) {
        const uint8_t *r = px + (size_t)y * (size_t)w * (size_t)ch;
        if (ch == 4) {
            imgc_rgba_on_white(tmp, r, (size_t)w);
            r = tmp;
        }
        imgc_scaler_row(sc, y, r);
    }
}

bool imgc_webp(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
               struct error *err)
{
    WebPBitstreamFeatures f;
    VP8StatusCode st = WebPGetFeatures(data, len, &f);
    if (st == VP8_STATUS_NOT_ENOUGH_DATA)
        return error_set(err, "truncated WebP: the data ends before the picture does");
    if (st != VP8_STATUS_OK)
        return error_set(err, "damaged WebP: %s", status_str(st));
    struct imgc_plan p;
    if (!imgc_plan_make(&p, f.width, f.height, orientation_of(data, len), box_w, box_h, err))
        return false;
    uint8_t *tmp = malloc((size_t)f.width * 3);
    if (!tmp)
        return error_set(err, "out of memory");
    if (f.has_animation) {
        WebPAnimDecoderOptions o;
        if (!WebPAnimDecoderOptionsInit(&o)) {
            free(tmp);
            return error_set(err, "libwebp could not start");
        }
        o.color_mode = MODE_RGBA;
        o.use_threads = 0;
        WebPData wd = {data, len};
        WebPAnimDecoder *ad = WebPAnimDecoderNew(&wd, &o);
        WebPAnimInfo ai;
        uint8_t *frame = NULL;
        int ts;
        if (!ad || !WebPAnimDecoderGetInfo(ad, &ai) || (int)ai.canvas_width != f.width ||
            (int)ai.canvas_height != f.height || !WebPAnimDecoderGetNext(ad, &frame, &ts)) {
            WebPAnimDecoderDelete(ad);
            free(tmp);
            return error_set(err, "damaged or truncated animated WebP: its first frame cannot "
                                  "be decoded");
        }
        struct imgc_scaler *sc = imgc_scaler_new(&p, f.width, f.height);
        feed(sc, frame, f.width, f.height, 4, tmp);
        WebPAnimDecoderDelete(ad);
        free(tmp);
        imgc_scaler_finish(sc, out);
        out->animated = true;
        return true;
    }
    int w, h;
    uint8_t *px =
        f.has_alpha ? WebPDecodeRGBA(data, len, &w, &h) : WebPDecodeRGB(data, len, &w, &h);
    if (!px || w != f.width || h != f.height) {
        WebPFree(px);
        free(tmp);
        /* The header was whole (features read), so a failure here is mostly a cut body. */
        WebPDecoderConfig c;
        if (WebPInitDecoderConfig(&c) && WebPDecode(data, len, &c) == VP8_STATUS_NOT_ENOUGH_DATA) {
            WebPFreeDecBuffer(&c.output);
            return error_set(err, "truncated WebP: the data ends before the picture does");
        }
        WebPFreeDecBuffer(&c.output);
        return error_set(err, "damaged WebP: the picture cannot be decoded");
    }
    struct imgc_scaler *sc = imgc_scaler_new(&p, w, h);
    feed(sc, px, w, h, f.has_alpha ? 4 : 3, tmp);
    WebPFree(px);
    free(tmp);
    imgc_scaler_finish(sc, out);
    return true;
}
