/*
 * Headless output. Hashing a 1080p frame costs more than composing it, so the SHA-256 state
 * after the rows that did not change is kept and resumed: with the band at the bottom a steady
 * frame hashes only the band's rows. The result is the plain SHA-256 of all visible rows.
 *
 * Contact sheet: every sheet_every-th presented frame is box-filtered down by a whole factor
 * (about 384 px wide) into a grid, written as one PNG at close.
 */
#include "render/headless.h"

#include "core/sha256.h"
#include "core/util.h"
#include "render/png.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SHEET_MAX_THUMBS 48
#define SHEET_GAP        8
#define SHEET_BG         0xFF202020u

struct backend {
    struct backend_options opt;
    char *out_dir;
    char *sheet_path;
    struct png_out_pool *pool;
    struct buf hashes; /* frames.sha256 contents */
    /* Hash of the rows [0, saved_row) of the previous frame, still valid while those rows
     * do not change. */
    struct sha256 saved;
    int saved_row;
    bool have_saved;
    /* Contact sheet. */
    uint32_t *sheet;
    int thumb_w, thumb_h, factor, cols, rows_n;
    int sheet_w, sheet_h;
    int n_thumbs;
    int64_t presented;
    struct timespec t0;
};

static void hash_rows(struct sha256 *c, const uint32_t *px, int w, int pitch, int y0, int y1)
{
    for (int y = y0; y < y1; y++)
        sha256_update(c, (const char *)px + (size_t)y * (size_t)pitch, (size_t)w * 4);
}

void headless_frame_hash(const uint32_t *pixels, int w, int h, int pitch, char out[65])
{
    struct sha256 c;
    uint8_t d[32];
    sha256_init(&c);
    hash_rows(&c, pixels, w, pitch, 0, h);
    sha256_final(&c, d);
    sha256_hex(d, out);
}

static struct backend *hl_open(const struct backend_options *opt, char *err, size_t err_len)
{
    struct backend *b = xcalloc(1, sizeof *b);
    b->opt = *opt;
    b->out_dir = xstrdup(opt->out_dir ? opt->out_dir : ".");
    b->opt.out_dir = b->out_dir;
    if (opt->contact_sheet)
        b->sheet_path = xstrdup(opt->contact_sheet);
    if (b->opt.sheet_every < 1)
        b->opt.sheet_every = 1;
    if (opt->write_png) {
        int threads = opt->encoder_threads > 0 ? opt->encoder_threads : 2;
        b->pool = png_out_pool_new(threads, 2, opt->width, opt->height, err, err_len);
        if (!b->pool) {
            free(b->out_dir);
            free(b->sheet_path);
            free(b);
            return NULL;
        }
    }
    if (b->sheet_path) {
        int64_t n = opt->expected_frames / b->opt.sheet_every +
                    (opt->expected_frames % b->opt.sheet_every ? 1 : 0);
        if (n < 1)
            n = 1;
        if (n > SHEET_MAX_THUMBS)
            n = SHEET_MAX_THUMBS;
        b->factor = (opt->width + 399) / 400;
        if (b->factor < 1)
            b->factor = 1;
        b->thumb_w = opt->width / b->factor;
        b->thumb_h = opt->height / b->factor;
        b->cols = (int)(n < 6 ? n : 6);
        if (opt->height > opt->width)
            b->cols = (int)(n < 8 ? n : 8);
        b->rows_n = (int)((n + b->cols - 1) / b->cols);
        b->sheet_w = b->cols * (b->thumb_w + SHEET_GAP) + SHEET_GAP;
        b->sheet_h = b->rows_n * (b->thumb_h + SHEET_GAP) + SHEET_GAP;
        b->sheet = xmalloc((size_t)b->sheet_w * (size_t)b->sheet_h * 4);
        for (size_t i = 0; i < (size_t)b->sheet_w * (size_t)b->sheet_h; i++)
            b->sheet[i] = SHEET_BG;
    }
    clock_gettime(CLOCK_MONOTONIC, &b->t0);
    return b;
}

/* Box filter: each thumbnail pixel is the rounded mean of a factor x factor block. */
static void add_thumb(struct backend *b, const struct backend_frame *f)
{
    if (b->n_thumbs >= b->cols * b->rows_n)
        return;
    int col = b->n_thumbs % b->cols, row = b->n_thumbs / b->cols;
    int ox = SHEET_GAP + col * (b->thumb_w + SHEET_GAP);
    int oy = SHEET_GAP + row * (b->thumb_h + SHEET_GAP);
    int k = b->factor;
    uint32_t n = (uint32_t)(k * k);
    for (int ty = 0; ty < b->thumb_h; ty++) {
        uint32_t *out = b->sheet + (size_t)(oy + ty) * (size_t)b->sheet_w + ox;
        for (int tx = 0; tx < b->thumb_w; tx++) {
            uint32_t r = 0, g = 0, bl = 0;
            for (int yy = 0; yy < k; yy++) {
                const uint32_t *src = (const uint32_t *)((const char *)f->pixels +
                                                         (size_t)(ty * k + yy) * (size_t)f->pitch) +
                                      tx * k;
                for (int xx = 0; xx < k; xx++) {
                    r += (src[xx] >> 16) & 0xFF;
                    g += (src[xx] >> 8) & 0xFF;
                    bl += src[xx] & 0xFF;
                }
            }
            out[tx] =
                0xFF000000u | ((r + n / 2) / n) << 16 | ((g + n / 2) / n) << 8 | ((bl + n / 2) / n);
        }
    }
    b->n_thumbs++;
}

static void progress(struct backend *b, bool done)
{
    int64_t total = b->opt.expected_frames;
    if (!b->opt.progress || total <= 0)
        return;
    if (!done && b->presented % 8 != 0)
        return;
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    double secs = (double)(t.tv_sec - b->t0.tv_sec) + (t.tv_nsec - b->t0.tv_nsec) / 1e9;
    int width = 30;
    int fillc = (int)(b->presented * width / total);
    if (fillc > width)
        fillc = width;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < fillc ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r  [%s] %lld/%lld frames  %.0f fps ", bar, (long long)b->presented,
            (long long)total, secs > 0 ? b->presented / secs : 0.0);
    if (done)
        fputc('\n', stderr);
    fflush(stderr);
}

static bool hl_present(struct backend *b, const struct backend_frame *f, char *err, size_t err_len)
{
    int w = b->opt.width, h = b->opt.height;
    /* Rows above the first changed row hash as before: resume from the saved state. */
    struct sha256 c;
    int from = 0;
    int y0 = f->dirty_y0 < f->dirty_y1 ? f->dirty_y0 : h;
    if (b->have_saved && b->saved_row <= y0) {
        c = b->saved;
        from = b->saved_row;
    } else {
        sha256_init(&c);
    }
    hash_rows(&c, f->pixels, w, f->pitch, from, y0);
    b->saved = c;
    b->saved_row = y0;
    b->have_saved = true;
    hash_rows(&c, f->pixels, w, f->pitch, y0, h);
    uint8_t d[32];
    char hex[65];
    sha256_final(&c, d);
    sha256_hex(d, hex);
    buf_printf(&b->hashes, "%s  frame-%06lld\n", hex, (long long)f->number);

    if (b->pool) {
        char path[4096];
        snprintf(path, sizeof path, "%s/frame-%06lld.png", b->out_dir, (long long)f->number);
        if (!png_out_pool_submit(b->pool, path, f->pixels, f->pitch))
            return png_out_pool_finish(b->pool, err, err_len);
    }
    if (b->sheet && b->presented % b->opt.sheet_every == 0)
        add_thumb(b, f);
    b->presented++;
    progress(b, false);
    return true;
}

static bool hl_close(struct backend *b, char *err, size_t err_len)
{
    bool ok = true;
    if (b->pool) {
        ok = png_out_pool_finish(b->pool, err, err_len);
        png_out_pool_free(b->pool);
    }
    progress(b, true);
    char path[4096];
    snprintf(path, sizeof path, "%s/frames.sha256", b->out_dir);
    FILE *f = fopen(path, "wb");
    if (!f) {
        if (ok && err)
            snprintf(err, err_len, "%s: %s", path, strerror(errno));
        ok = false;
    } else {
        if (b->hashes.len)
            fwrite(b->hashes.data, 1, b->hashes.len, f);
        if (fclose(f) != 0 && ok) {
            if (err)
                snprintf(err, err_len, "%s: %s", path, strerror(errno));
            ok = false;
        }
    }
    if (b->sheet && ok)
        ok = png_out_write(b->sheet_path, b->sheet, b->sheet_w, b->sheet_h, b->sheet_w * 4, err,
                           err_len);
    buf_free(&b->hashes);
    free(b->sheet);
    free(b->sheet_path);
    free(b->out_dir);
    free(b);
    return ok;
}

const struct backend_ops headless_backend = {
    .name = "headless",
    .open = hl_open,
    .present = hl_present,
    .close = hl_close,
};

bool headless_drive(struct scene *sc, const struct backend_ops *ops, struct backend *b,
                    const struct headless_run *run, char *err, size_t err_len)
{
    int fps = run->fps > 0 ? run->fps : 60;
    int64_t every = run->every > 0 ? run->every : 1;
    /* Rows changed since the last presented frame (frames in between are not presented). */
    int acc0 = 0, acc1 = 0;
    bool have_acc = false;
    for (int64_t i = 0; i < run->frames; i++) {
        int64_t n = run->start_frame + i;
        int64_t now_ms = run->start_ms + (n * 1000 + fps / 2) / fps;
        struct scene_dirty d;
        scene_render(sc, n, now_ms, &d);
        if (d.y0 < d.y1) {
            if (!have_acc) {
                acc0 = d.y0;
                acc1 = d.y1;
                have_acc = true;
            } else {
                acc0 = d.y0 < acc0 ? d.y0 : acc0;
                acc1 = d.y1 > acc1 ? d.y1 : acc1;
            }
        }
        if (i % every != 0)
            continue;
        int pitch;
        const uint32_t *px = scene_pixels(sc, &pitch);
        struct backend_frame f = {px, pitch, n, have_acc ? acc0 : 0, have_acc ? acc1 : 0};
        have_acc = false;
        if (!ops->present(b, &f, err, err_len))
            return false;
    }
    return true;
}
