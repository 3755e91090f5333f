/*
 * PNG output and frame hashes by row groups: every file decodes (with libpng, not our encoder)
 * to the pixels given (RGB of the ARGB8888 input, row padding ignored); a frame's file has the
 * same bytes whichever frames came before it (the one-shot writer gives them too); the
 * incremental frame hash equals the hash computed from scratch, and differs when one pixel
 * does; frames are reported in order, and a failed write is reported as not written and
 * names the file.
 */
#include "check.h"
#include "core/util.h"
#include "render/png.h"
#include "testutil.h"

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

/* The first pixel (x, y) where the file differs from the picture, or -1. */
static int first_difference(const uint32_t *a, int w, int h, int pitch_px, const uint32_t *b)
{
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            if ((a[(size_t)y * (size_t)pitch_px + x] | 0xFF000000u) !=
                (b[(size_t)y * (size_t)w + x] | 0xFF000000u))
                return y * w + x;
    return -1;
}

static void check_file(const char *path, const uint32_t *pic, int w, int h, int pitch_px)
{
    int rw = 0, rh = 0;
    uint32_t *back = read_png(path, &rw, &rh);
    CHECK_MSG(back != NULL, "%s does not decode", path);
    if (!back)
        return;
    CHECK_MSG(rw == w && rh == h, "%s: %dx%d, want %dx%d", path, rw, rh, w, h);
    int d = first_difference(pic, w, h, pitch_px, back);
    CHECK_MSG(d < 0, "%s: pixel %d,%d differs", path, d % (w ? w : 1), d / (w ? w : 1));
    free(back);
}

struct report {
    int64_t tags[64];
    uint8_t digests[64][32];
    bool written[64];
    int n;
};

static void on_done(void *ctx, int64_t tag, const uint8_t digest[32], bool written)
{
    struct report *r = ctx;
    if (r->n < 64) {
        r->tags[r->n] = tag;
        memcpy(r->digests[r->n], digest, 32);
        r->written[r->n] = written;
    }
    r->n++;
}

/* Changes frame i's picture: a few rows in one place, so most groups stay. Returns the rows
 * changed as [*y0, *y1). */
static void change(uint32_t *pic, int w, int h, int pitch_px, int i, int *y0, int *y1)
{
    int y = (i * 17) % (h - 3);
    for (int k = 0; k < 3; k++)
        for (int x = 0; x < w; x += 5)
            pic[(size_t)(y + k) * (size_t)pitch_px + x] = 0xFF000000u | (uint32_t)(i * 40503u);
    *y0 = y;
    *y1 = y + 3;
}

static void test_one_shot(const char *dir, int w, int h, int pitch_px)
{
    uint32_t *pic = make_picture(w, h, pitch_px);
    char path[512];
    struct error err = {0};
    snprintf(path, sizeof path, "%s/one-%dx%d.png", dir, w, h);
    CHECK_MSG(png_out_write(path, pic, w, h, pitch_px * 4, &err), "%s", err.msg);
    check_file(path, pic, w, h, pitch_px);
    remove(path);
    free(pic);
}

/* Frames through the pool: each file decodes to its frame, has the bytes the one-shot writer
 * gives for the same pixels, and each reported hash is the from-scratch hash. */
static void test_frames(const char *dir, int threads, int queue)
{
    const int w = 301, h = 77, pitch_px = 320, n = 12;
    uint32_t *pic = make_picture(w, h, pitch_px);
    struct report rep = {0};
    struct error err = {0};
    struct png_out_frames *f = png_out_frames_new(w, h, threads, queue, on_done, &rep, &err);
    CHECK_MSG(f != NULL, "%s", err.msg);
    if (!f) {
        free(pic);
        return;
    }
    uint8_t want[16][32];
    uint32_t *copies[16];
    char path[512];
    for (int i = 0; i < n; i++) {
        int y0 = 0, y1 = h;
        /* Frame 5: the scene redrew every row with the same pixels. */
        if (i > 0 && i != 5)
            change(pic, w, h, pitch_px, i, &y0, &y1);
        copies[i] = xmalloc((size_t)pitch_px * (size_t)h * 4);
        memcpy(copies[i], pic, (size_t)pitch_px * (size_t)h * 4);
        png_out_frame_digest(pic, w, h, pitch_px * 4, want[i]);
        snprintf(path, sizeof path, "%s/f%02d.png", dir, i);
        uint8_t d[32];
        CHECK_MSG(
            png_out_frames_add(f, pic, pitch_px * 4, y0, y1, threads ? path : NULL, i, d, &err),
            "frame %d: %s", i, err.msg);
        CHECK_MSG(!memcmp(d, want[i], 32), "threads %d: frame %d: incremental hash differs",
                  threads, i);
    }
    CHECK_MSG(png_out_frames_finish(f, &err), "%s", err.msg);
    png_out_frames_free(f);
    CHECK_INT(rep.n, n);
    for (int i = 0; i < n && i < rep.n; i++) {
        CHECK_MSG(rep.tags[i] == i && rep.written[i], "report %d: tag %lld written %d", i,
                  (long long)rep.tags[i], rep.written[i]);
        CHECK_MSG(!memcmp(rep.digests[i], want[i], 32), "report %d: hash differs", i);
    }
    /* A few pixels change the hash; the same pixels give the same hash. */
    CHECK(memcmp(want[0], want[1], 32) != 0);
    CHECK(!memcmp(want[4], want[5], 32));
    for (int i = 0; i < n && threads; i++) {
        snprintf(path, sizeof path, "%s/f%02d.png", dir, i);
        check_file(path, copies[i], w, h, pitch_px);
        char one[512];
        snprintf(one, sizeof one, "%s/one.png", dir);
        CHECK(png_out_write(one, copies[i], w, h, pitch_px * 4, &err));
        size_t la = 0, lb = 0;
        char *a = read_file(path, &la), *b = read_file(one, &lb);
        CHECK_MSG(a && b && la == lb && !memcmp(a, b, la),
                  "frame %d: incremental file differs from the one-shot file", i);
        free(a);
        free(b);
        remove(one);
        remove(path);
    }
    for (int i = 0; i < n; i++)
        free(copies[i]);
    free(pic);
}

/* An unchanged frame hashes like the one before; a dirty range with equal pixels too. */
static void test_unchanged(void)
{
    const int w = 64, h = 50;
    uint32_t *pic = make_picture(w, h, w);
    struct png_out_frames *f = png_out_frames_new(w, h, 0, 1, NULL, NULL, NULL);
    uint8_t a[32], b[32], c[32];
    CHECK(png_out_frames_add(f, pic, w * 4, 0, h, NULL, 0, a, NULL));
    CHECK(png_out_frames_add(f, pic, w * 4, 0, 0, NULL, 1, b, NULL));
    CHECK(png_out_frames_add(f, pic, w * 4, 10, 30, NULL, 2, c, NULL));
    CHECK(!memcmp(a, b, 32) && !memcmp(b, c, 32));
    /* The last, shorter group (rows 48-49) counts. */
    pic[(size_t)49 * (size_t)w + 63] ^= 1;
    CHECK(png_out_frames_add(f, pic, w * 4, 49, 50, NULL, 3, c, NULL));
    CHECK(memcmp(b, c, 32) != 0);
    uint8_t scratch[32];
    png_out_frame_digest(pic, w, h, w * 4, scratch);
    CHECK(!memcmp(scratch, c, 32));
    png_out_frames_free(f);
    free(pic);
}

static void test_errors(const char *dir)
{
    const int w = 40, h = 20;
    uint32_t *pic = make_picture(w, h, w);
    char path[512];
    struct error err = {0};
    /* Errors name the file. */
    snprintf(path, sizeof path, "%s/no/such/dir/x.png", dir);
    CHECK(!png_out_write(path, pic, w, h, w * 4, &err));
    CHECK_MSG(strstr(err.msg, path) != NULL, "message: %s", err.msg);
    struct report rep = {0};
    struct png_out_frames *f = png_out_frames_new(w, h, 2, 2, on_done, &rep, &err);
    CHECK(png_out_frames_add(f, pic, w * 4, 0, h, path, 7, NULL, &err));
    error_clear(&err);
    CHECK(!png_out_frames_finish(f, &err));
    CHECK_MSG(strstr(err.msg, path) != NULL, "message: %s", err.msg);
    /* Reported, as not written; once failed, later frames are refused. */
    CHECK_INT(rep.n, 1);
    CHECK(rep.n == 1 && rep.tags[0] == 7 && !rep.written[0]);
    error_clear(&err);
    CHECK(!png_out_frames_add(f, pic, w * 4, 0, h, path, 8, NULL, &err));
    CHECK_MSG(strstr(err.msg, path) != NULL, "message: %s", err.msg);
    png_out_frames_free(f);
    free(pic);
}

int main(void)
{
    char dir[] = "/tmp/ticker-test-png-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    /* Heights around the group size: one short group, exact groups, one row. */
    test_one_shot(dir, 301, 77, 320);
    test_one_shot(dir, 64, PNG_OUT_GROUP_ROWS, 64);
    test_one_shot(dir, 64, 1, 70);
    test_frames(dir, 2, 1);
    test_frames(dir, 1, 3);
    test_frames(dir, 0, 1);
    test_unchanged();
    test_errors(dir);
    rmdir(dir);
    return check_done();
}
