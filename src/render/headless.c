/*
 * Headless output. The frame hash and the PNG files come from render/png.h, which reuses the
 * work of the row groups a frame did not change; this file names the files, keeps
 * frames.sha256 (written as frames are reported, so memory does not grow with the run) and
 * makes the contact sheet.
 *
 * Contact sheet: every sheet_every-th presented frame is box-filtered down by a whole factor
 * (about 384 px wide) into a grid, each thumbnail with its time ("0:04.50") and frame number
 * under it, written as one PNG at close.
 */
#include "render/headless.h"

#include "core/sha256.h"
#include "core/util.h"
#include "render/blend.h"
#include "render/font.h"
#include "render/png.h"
#include "render/textline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHEET_MAX_THUMBS 48
#define SHEET_GAP        8
#define SHEET_BG         0xFF202020u
#define SHEET_CAPTION    0xFFC9D3E1u

struct backend {
    struct backend_options opt;
    char *out_dir;
    char *sheet_path;
    struct png_out_frames *frames;
    FILE *hashes; /* frames.sha256 */
    char *hashes_path;
    bool hashes_failed;
    int hashes_errno;
    /* Contact sheet. */
    uint32_t *sheet;
    int thumb_w, thumb_h, factor, cols, rows_n;
    int cell_h; /* thumbnail and caption */
    struct text_style caption;
    int sheet_w, sheet_h;
    int n_thumbs;
    int64_t presented;
};

void headless_frame_hash(const uint32_t *pixels, int w, int h, int pitch, char out[65])
{
    uint8_t d[32];
    png_out_frame_digest(pixels, w, h, pitch, d);
    sha256_hex(d, out);
}

/* A frame reported by the encoder, in order: its line goes to frames.sha256 when its file
 * exists (or when no file was asked for), flushed at once, so the list on disk names the files
 * that exist even when the run stops on a full disk or is killed. */
static void on_done(void *ctx, int64_t number, const uint8_t digest[32], bool written)
{
    struct backend *b = ctx;
    if (!written || b->hashes_failed)
        return;
    char hex[65];
    sha256_hex(digest, hex);
    if (fprintf(b->hashes, "%s  frame-%06lld\n", hex, (long long)number) < 0 ||
        fflush(b->hashes) != 0) {
        b->hashes_failed = true;
        b->hashes_errno = errno;
    }
}

static void sheet_setup(struct backend *b, const struct backend_options *opt)
{
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
    /* The caption's size follows the thumbnail's width: readable, never wider than it. */
    int px = b->thumb_w / 22;
    b->caption = (struct text_style){px < 10 ? 10 : px > 24 ? 24 : px, false};
    struct font_metrics m = {0};
    b->cell_h = b->thumb_h;
    if (opt->fonts && font_set_metrics(opt->fonts, &b->caption, &m))
        b->cell_h += m.height + 2;
    b->sheet_w = b->cols * (b->thumb_w + SHEET_GAP) + SHEET_GAP;
    b->sheet_h = b->rows_n * (b->cell_h + SHEET_GAP) + SHEET_GAP;
    b->sheet = xmalloc((size_t)b->sheet_w * (size_t)b->sheet_h * 4);
    for (size_t i = 0; i < (size_t)b->sheet_w * (size_t)b->sheet_h; i++)
        b->sheet[i] = SHEET_BG;
}

static void hl_free(struct backend *b)
{
    png_out_frames_free(b->frames);
    if (b->hashes)
        fclose(b->hashes);
    free(b->hashes_path);
    free(b->sheet);
    free(b->sheet_path);
    free(b->out_dir);
    free(b);
}

static struct backend *hl_open(const struct backend_options *opt, struct error *err)
{
    struct backend *b = xcalloc(1, sizeof *b);
    b->opt = *opt;
    b->out_dir = xstrdup(opt->out_dir ? opt->out_dir : ".");
    b->opt.out_dir = b->out_dir;
    if (b->opt.fps < 1)
        b->opt.fps = 60;
    if (opt->contact_sheet)
        b->sheet_path = xstrdup(opt->contact_sheet);
    if (b->opt.sheet_every < 1)
        b->opt.sheet_every = 1;
    /* frames.sha256 first: a directory that cannot take files fails before any work. */
    b->hashes_path = xasprintf("%s/frames.sha256", b->out_dir);
    b->hashes = fopen(b->hashes_path, "wb");
    if (!b->hashes) {
        error_set(err, "%s: %s", b->hashes_path, strerror(errno));
        hl_free(b);
        return NULL;
    }
    int threads = opt->write_png ? (opt->encoder_threads > 0 ? opt->encoder_threads : 2) : 0;
    b->frames = png_out_frames_new(opt->width, opt->height, threads, 2, on_done, b, err);
    if (!b->frames) {
        hl_free(b);
        return NULL;
    }
    if (b->sheet_path)
        sheet_setup(b, opt);
    return b;
}

/* "0:04.50  frame 270": the time of the frame on the virtual clock and its number. */
static void caption_text(char *out, size_t cap, int64_t number, int fps)
{
    int64_t cs = (number * 100 + fps / 2) / fps; /* hundredths of a second */
    int64_t s = cs / 100;
    if (s >= 3600)
        snprintf(out, cap, "%lld:%02d:%02d.%02d  frame %lld", (long long)(s / 3600),
                 (int)(s / 60 % 60), (int)(s % 60), (int)(cs % 100), (long long)number);
    else
        snprintf(out, cap, "%d:%02d.%02d  frame %lld", (int)(s / 60), (int)(s % 60),
                 (int)(cs % 100), (long long)number);
}

/* Box filter: each thumbnail pixel is the rounded mean of a factor x factor block. */
static void add_thumb(struct backend *b, const struct backend_frame *f)
{
    if (b->n_thumbs >= b->cols * b->rows_n)
        return;
    int col = b->n_thumbs % b->cols, row = b->n_thumbs / b->cols;
    int ox = SHEET_GAP + col * (b->thumb_w + SHEET_GAP);
    int oy = SHEET_GAP + row * (b->cell_h + SHEET_GAP);
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
    if (b->cell_h > b->thumb_h) {
        char text[80];
        caption_text(text, sizeof text, f->number, b->opt.fps);
        struct textline *l = textline_render(b->opt.fonts, text, strlen(text), &b->caption,
                                             TEXTLINE_HEADLESS_MAX_W, NULL);
        if (l) {
            uint32_t *cell = b->sheet + (size_t)(oy + b->thumb_h + 2) * (size_t)b->sheet_w + ox;
            textline_draw(l, cell, b->sheet_w * 4, b->thumb_w, b->cell_h - b->thumb_h - 2, 0, 0,
                          SHEET_CAPTION);
            textline_free(l);
        }
    }
    b->n_thumbs++;
}

static bool hl_present(struct backend *b, const struct backend_frame *f, struct error *err)
{
    char path[4096];
    const char *png = NULL;
    if (b->opt.write_png) {
        snprintf(path, sizeof path, "%s/frame-%06lld.png", b->out_dir, (long long)f->number);
        png = path;
    }
    if (!png_out_frames_add(b->frames, f->pixels, f->pitch, f->dirty_y0, f->dirty_y1, png,
                            f->number, NULL, err))
        return false;
    if (b->hashes_failed)
        return error_set(err, "%s: %s", b->hashes_path, strerror(b->hashes_errno));
    if (b->sheet && b->presented % b->opt.sheet_every == 0)
        add_thumb(b, f);
    b->presented++;
    return true;
}

static bool hl_close(struct backend *b, struct error *err)
{
    struct error e = {0};
    bool ok = png_out_frames_finish(b->frames, &e);
    if (b->hashes_failed && ok)
        ok = error_set(&e, "%s: %s", b->hashes_path, strerror(b->hashes_errno));
    int rc = fclose(b->hashes);
    b->hashes = NULL;
    if (rc != 0 && ok)
        ok = error_set(&e, "%s: %s", b->hashes_path, strerror(errno));
    if (b->sheet && ok)
        ok = png_out_write(b->sheet_path, b->sheet, b->sheet_w, b->sheet_h, b->sheet_w * 4, &e);
    if (!ok && err)
        *err = e;
    hl_free(b);
    return ok;
}

const struct backend_ops headless_backend = {
    .name = "headless",
    .open = hl_open,
    .present = hl_present,
    .close = hl_close,
};

bool headless_drive(struct scene *sc, const struct headless_output *outs, size_t n_outs,
                    const struct headless_run *run, struct error *err)
{
    int fps = run->fps > 0 ? run->fps : 60;
    int64_t every = run->every > 0 ? run->every : 1;
    /* Rows changed since the last presented frame (frames in between are not presented). */
    int acc0 = 0, acc1 = 0;
    bool have_acc = false;
    int64_t presented = 0;
    /* Clamped so that start + frame time cannot overflow (frame numbers stay below 2^41). */
    int64_t start_ms = run->start_ms / 1000 != scene_clamp_time(run->start_ms / 1000)
                           ? scene_clamp_time(run->start_ms / 1000) * 1000
                           : run->start_ms;
    for (int64_t i = 0; i < run->frames; i++) {
        int64_t n = run->start_frame + i;
        int64_t now_ms = start_ms + (n * 1000 + fps / 2) / fps;
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
        for (size_t k = 0; k < n_outs; k++)
            if (!outs[k].ops->present(outs[k].b, &f, err))
                return false;
        presented++;
        if (run->on_presented)
            run->on_presented(run->ctx, presented);
    }
    return true;
}
