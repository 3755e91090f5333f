/*
 * PNG output: what is written reads back as the same pixels (RGB of the ARGB8888 input, row
 * padding ignored), through the synchronous writer and the encoder pool, and failures name
 * the file.
 */
#include "check.h"
#include "core/util.h"
#include "render/png.h"

#include <png.h>
#include <stdlib.h>
#include <unistd.h>

/* Reads an 8-bit RGB PNG into 0xFFRRGGBB pixels; NULL on any problem. */
static uint32_t *read_png(const char *path, int *w, int *h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return NULL;
    img.format = PNG_FORMAT_BGRA; /* memory order of little-endian ARGB8888 */
    uint32_t *px = xmalloc(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *w = (int)img.width;
    *h = (int)img.height;
    return px;
}

/* A test picture with every channel varying, in a buffer with row padding. */
static uint32_t *make_picture(int w, int h, int pitch_px)
{
    uint32_t *p = xmalloc((size_t)pitch_px * (size_t)h * 4);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < pitch_px; x++)
            p[(size_t)y * (size_t)pitch_px + x] =
                x < w ? 0xFF000000u | (uint32_t)((x * 7) & 255) << 16 |
                            (uint32_t)((y * 13) & 255) << 8 | (uint32_t)((x ^ y) & 255)
                      : 0x12345678u; /* padding: must never reach the file */
    return p;
}

static bool same_pixels(const uint32_t *a, int w, int h, int pitch_px, const uint32_t *b)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if ((a[(size_t)y * (size_t)pitch_px + x] | 0xFF000000u) !=
                (b[(size_t)y * (size_t)w + x] | 0xFF000000u))
                return false;
    return true;
}

int main(void)
{
    char dir[] = "/tmp/ticker-test-png-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    const int w = 301, h = 77, pitch_px = 320;
    uint32_t *pic = make_picture(w, h, pitch_px);
    char path[512], err[512];

    snprintf(path, sizeof path, "%s/one.png", dir);
    CHECK_MSG(png_out_write(path, pic, w, h, pitch_px * 4, err, sizeof err), "%s", err);
    int rw = 0, rh = 0;
    uint32_t *back = read_png(path, &rw, &rh);
    CHECK(back != NULL);
    CHECK_INT(rw, w);
    CHECK_INT(rh, h);
    if (back)
        CHECK(same_pixels(pic, w, h, pitch_px, back));
    free(back);
    remove(path);

    /* The pool: many frames, each different, through two threads and a short queue. */
    struct png_out_pool *pool = png_out_pool_new(2, 1, w, h, err, sizeof err);
    CHECK_MSG(pool != NULL, "%s", err);
    for (int i = 0; i < 12 && pool; i++) {
        pic[(size_t)(i % h) * (size_t)pitch_px] = 0xFF000000u | (uint32_t)i;
        snprintf(path, sizeof path, "%s/f%02d.png", dir, i);
        CHECK(png_out_pool_submit(pool, path, pic, pitch_px * 4));
    }
    if (pool) {
        CHECK_MSG(png_out_pool_finish(pool, err, sizeof err), "%s", err);
        png_out_pool_free(pool);
    }
    /* The last frame holds every change. */
    snprintf(path, sizeof path, "%s/f11.png", dir);
    back = read_png(path, &rw, &rh);
    CHECK(back != NULL);
    if (back)
        CHECK(same_pixels(pic, w, h, pitch_px, back));
    free(back);
    for (int i = 0; i < 12; i++) {
        snprintf(path, sizeof path, "%s/f%02d.png", dir, i);
        CHECK_MSG(access(path, F_OK) == 0, "%s missing", path);
        remove(path);
    }

    /* Errors name the file. */
    snprintf(path, sizeof path, "%s/no/such/dir/x.png", dir);
    err[0] = '\0';
    CHECK(!png_out_write(path, pic, w, h, pitch_px * 4, err, sizeof err));
    CHECK(strstr(err, path) != NULL);
    pool = png_out_pool_new(2, 2, w, h, err, sizeof err);
    CHECK(png_out_pool_submit(pool, path, pic, pitch_px * 4));
    err[0] = '\0';
    CHECK(!png_out_pool_finish(pool, err, sizeof err));
    CHECK(strstr(err, path) != NULL);
    /* Once failed, later submissions are refused. */
    CHECK(!png_out_pool_submit(pool, path, pic, pitch_px * 4));
    png_out_pool_free(pool);

    free(pic);
    rmdir(dir);
    return check_done();
}
