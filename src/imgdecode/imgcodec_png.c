/*
 * PNG through libpng, row by row: every bit depth and colour type becomes 8-bit RGB (16-bit
 * channels are reduced, palettes and grey expanded, transparency put on white), and rows
 * after the crop are never inflated. An interlaced picture needs all its rows at once (its
 * passes fill the picture in stages), so it is read whole; the pixel limit bounds that too.
 * An animated PNG (APNG) shows its default image, which is the first frame for every
 * animation a browser would play (libpng ignores the animation chunks). Orientation from an
 * eXIf chunk.
 */
#include "imgdecode/imgcodec_internal.h"

#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

struct src {
    const uint8_t *data;
    size_t len, at;
    char msg[160];
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct src *s = png_get_error_ptr(png);
    snprintf(s->msg, sizeof s->msg, "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
    struct src *s = png_get_io_ptr(png);
    if (n > s->len - s->at)
        png_error(png, "truncated: the data ends before the picture does");
    memcpy(out, s->data + s->at, n);
    s->at += n;
}

/* Is there an acTL chunk (animation control) before the image data? */
static bool animated(const uint8_t *d, size_t len)
{
    size_t at = 8;
    while (at + 8 <= len) {
        uint32_t n = (uint32_t)d[at] << 24 | (uint32_t)d[at + 1] << 16 | (uint32_t)d[at + 2] << 8 |
                     d[at + 3];
        const uint8_t *type = d + at + 4;
        if (!memcmp(type, "acTL", 4))
            return true;
        if (!memcmp(type, "IDAT", 4) || n > len)
            return false;
        at += (size_t)n + 12;
    }
    return false;
}

bool imgc_png(const uint8_t *data, size_t len, int box_w, int box_h, struct imgcodec_result *out,
              struct error *err)
{
    struct src s = {data, len, 0, ""};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return error_set(err, "libpng could not start");
    }
    struct imgc_scaler *volatile sc = NULL;
    uint8_t *volatile pixels = NULL;
    uint8_t *volatile rgb = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        imgc_scaler_free(sc);
        free(pixels);
        free(rgb);
        free(rows);
        if (!strncmp(s.msg, "truncated", 9))
            return error_set(err, "%s PNG: %s", "truncated", s.msg + 11);
        return error_set(err, "damaged PNG: %s", s.msg);
    }
    png_set_read_fn(png, &s, on_read);
    /* Ancillary chunks (text, ICC profiles) are not worth more than this. */
    png_set_chunk_malloc_max(png, 4u << 20);
    png_set_chunk_cache_max(png, 128);
    png_read_info(png, info);
    png_uint_32 w, h;
    int depth, ctype, ilace;
    png_get_IHDR(png, info, &w, &h, &depth, &ctype, &ilace, NULL, NULL);
    int orient = 1;
#ifdef PNG_eXIf_SUPPORTED
    png_uint_32 exif_len = 0;
    png_bytep exif = NULL;
    if (png_get_eXIf_1(png, info, &exif_len, &exif) && exif)
        orient = imgc_exif_orientation(exif, exif_len);
#endif
    struct imgc_plan p;
    if (w > 0x7FFFFFFF || h > 0x7FFFFFFF ||
        !imgc_plan_make(&p, (int)w, (int)h, orient, box_w, box_h, err)) {
        if (!error_is_set(err))
            error_set(err, "too large: %lux%lu", (unsigned long)w, (unsigned long)h);
        png_destroy_read_struct(&png, &info, NULL);
        return false;
    }
    if (depth == 16)
        png_set_strip_16(png);
    if (ctype == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS))
        png_set_tRNS_to_alpha(png);
    if (ctype == PNG_COLOR_TYPE_GRAY || ctype == PNG_COLOR_TYPE_GRAY_ALPHA)
        png_set_gray_to_rgb(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int ch = png_get_channels(png, info);
    if (ch != 3 && ch != 4)
        png_error(png, "unexpected channel count");
    size_t rowbytes = png_get_rowbytes(png, info);
    sc = imgc_scaler_new(&p, (int)w, (int)h);
    rgb = malloc((size_t)w * 3);
    int y0, n;
    imgc_scaler_rows(sc, &y0, &n);
    if (passes > 1) {
        pixels = malloc(rowbytes * h);
        rows = malloc(sizeof(png_bytep) * h);
        if (!pixels || !rows || !rgb)
            png_error(png, "out of memory");
        for (png_uint_32 y = 0; y < h; y++)
            rows[y] = pixels + rowbytes * y;
        png_read_image(png, rows);
        for (int y = y0; y < y0 + n; y++) {
            const uint8_t *r = rows[y];
            if (ch == 4) {
                imgc_rgba_on_white(rgb, r, w);
                r = rgb;
            }
            imgc_scaler_row(sc, y, r);
        }
    } else {
        pixels = malloc(rowbytes);
        if (!pixels || !rgb)
            png_error(png, "out of memory");
        for (int y = 0; y < y0 + n; y++) {
            png_read_row(png, pixels, NULL);
            const uint8_t *r = pixels;
            if (ch == 4) {
                imgc_rgba_on_white(rgb, r, w);
                r = rgb;
            }
            imgc_scaler_row(sc, y, r);
        }
    }
    png_destroy_read_struct(&png, &info, NULL);
    free(pixels);
    free(rgb);
    free(rows);
    imgc_scaler_finish(sc, out);
    out->animated = animated(data, len);
    return true;
}
