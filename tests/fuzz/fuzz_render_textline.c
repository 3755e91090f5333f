/*
 * Fuzz target for the text rasteriser (render/textline.h): the input bytes are a headline, any
 * bytes at all (broken UTF-8, controls, bidi marks, every script, runs far past the 4 KiB cut).
 *
 * Each input is rendered at 12 px with chunks at most 64 px wide (the smallest allowed), so a
 * line of any length crosses many chunk boundaries, in two font sets:
 *   A: the bundled DejaVu Sans with DejaVu Sans Bold as its one fallback (regular style);
 *   B: no fallbacks at all (an explicit empty list), bold style.
 * Both lists are explicit files from assets/, so the target never depends on which system
 * fonts fontconfig would find: inputs replay the same on every machine.
 *
 * Beyond memory safety it checks the promises of textline.h:
 *   - chunks tile the line: each 1..max_w wide, contiguous from x = 0, widths summing to width;
 *   - height and ascent are the style's font_metrics; width 0 <=> no chunks;
 *   - missing == font_set_count_missing() of the same (cut) bytes;
 *   - the queue, pumped with a small budget, gives exactly the bytes textline_render gives
 *     (NUL bytes included);
 *   - textline_draw clips a line placed partly outside a small frame.
 *
 * The font sets are the fuzzer's own state, created on the first call and freed at exit (so
 * leak checkers see a clean exit); rendering itself must not leak per input.
 */
#include "render/font.h"
#include "render/textline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PX    12
#define FUZZ_MAX_W 64
/* A budget smaller than one piece: the queue makes progress one piece at a time. */
#define FUZZ_PUMP_BUDGET 7

struct fuzz_sets {
    struct font_set *a, *b;
};

static struct fuzz_sets *sets(void)
{
    static struct fuzz_sets s;
    static int state; /* 0 not tried, 1 ready, -1 failed */
    if (state == 0) {
        static const char *const fallbacks[] = {TICKER_ASSETS_DIR "/fonts/DejaVuSans-Bold.ttf"};
        struct font_set_config ca = {.fallback_paths = fallbacks, .n_fallbacks = 1};
        struct font_set_config cb = {.fallback_paths = fallbacks, .n_fallbacks = 0};
        struct error err = {0};
        s.a = font_set_new(&ca, &err);
        if (s.a)
            s.b = font_set_new(&cb, &err);
        if (!s.a || !s.b) {
            fprintf(stderr, "fuzz_render_textline: %s\n", err.msg);
            abort(); /* the bundled assets must load: a broken setup is not a finding */
        }
        state = 1;
    }
    return &s;
}

static void free_sets(void)
{
    struct fuzz_sets *s = sets();
    font_set_free(s->a);
    font_set_free(s->b);
    s->a = s->b = NULL;
}

static void fail(const char *what, size_t size, long got, long want)
{
    fprintf(stderr, "fuzz_render_textline: %s: got %ld, want %ld (input of %zu bytes)\n", what, got,
            want, size);
    abort();
}

static void check_line(struct font_set *fs, const struct text_style *st, const struct textline *l,
                       const char *text, size_t len)
{
    struct font_metrics m;
    if (!font_set_metrics(fs, st, &m))
        fail("font_set_metrics failed", len, 0, 1);
    if (l->height != m.height)
        fail("height", len, l->height, m.height);
    if (l->ascent != m.ascent)
        fail("ascent", len, l->ascent, m.ascent);
    if (l->width < 0)
        fail("negative width", len, l->width, 0);
    if ((l->width == 0) != (l->n_chunks == 0))
        fail("chunks of an empty (or non-empty) line", len, (long)l->n_chunks, l->width);
    long x = 0;
    for (size_t i = 0; i < l->n_chunks; i++) {
        const struct textline_chunk *c = &l->chunks[i];
        if (c->x != x)
            fail("chunk x (chunks must be contiguous)", len, c->x, x);
        if (c->w < 1 || c->w > FUZZ_MAX_W)
            fail("chunk width (1..max_w)", len, c->w, FUZZ_MAX_W);
        if (c->pitch < c->w || !c->coverage)
            fail("chunk pitch / coverage", len, c->pitch, c->w);
        /* Touch every row end: ASan checks the buffer really is pitch x height. */
        volatile uint8_t sink = 0;
        for (int y = 0; y < l->height; y++)
            sink ^= c->coverage[(size_t)y * (size_t)c->pitch + (size_t)c->w - 1];
        (void)sink;
        x += c->w;
    }
    if (x != l->width)
        fail("sum of chunk widths", len, x, l->width);
    size_t cut = len < TEXTLINE_MAX_BYTES ? len : TEXTLINE_MAX_BYTES;
    size_t missing = font_set_count_missing(fs, text, cut);
    if (l->missing != missing)
        fail("missing != font_set_count_missing", len, (long)l->missing, (long)missing);
}

static int lines_equal(const struct textline *a, const struct textline *b)
{
    if (a->width != b->width || a->height != b->height || a->ascent != b->ascent ||
        a->missing != b->missing || a->n_chunks != b->n_chunks)
        return 0;
    for (size_t i = 0; i < a->n_chunks; i++) {
        const struct textline_chunk *p = &a->chunks[i], *q = &b->chunks[i];
        if (p->x != q->x || p->w != q->w)
            return 0;
        for (int y = 0; y < a->height; y++)
            if (memcmp(p->coverage + (size_t)y * (size_t)p->pitch,
                       q->coverage + (size_t)y * (size_t)q->pitch, (size_t)p->w) != 0)
                return 0;
    }
    return 1;
}

/* Renders through the queue with a tiny budget; the line must equal the one-shot result. */
static void check_queue(struct font_set *fs, const struct text_style *st,
                        const struct textline *once, const char *text, size_t len)
{
    struct textline_queue *q = textline_queue_new(fs, FUZZ_MAX_W);
    uint32_t id = textline_queue_push(q, text, len, st);
    size_t steps = 0;
    while (!textline_pump(q, FUZZ_PUMP_BUDGET))
        if (++steps > 2 * TEXTLINE_MAX_BYTES + 16)
            fail("queue never finishes", len, (long)steps, 0);
    struct textline *l = textline_queue_take(q, id);
    if (!l)
        fail("queue gave no line", len, 0, 1);
    if (!lines_equal(l, once))
        fail("queue and textline_render differ (width)", len, l->width, once->width);
    textline_free(l);
    if (textline_queue_pending(q) != 0)
        fail("queue pending after take", len, (long)textline_queue_pending(q), 0);
    textline_queue_free(q);
}

/* Draws the line half outside a small frame: every write must stay inside the buffer. */
static void check_draw(const struct textline *l)
{
    enum { W = 40, H = 10 };
    uint32_t frame[W * H];
    memset(frame, 0, sizeof(frame));
    textline_draw(l, frame, W * 4, W, H, -(l->width / 2), -(l->height / 2), 0xffffffffu);
    textline_draw(l, frame, W * 4, W, H, W - 3, H - 3, 0x80ff0000u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    struct fuzz_sets *s = sets();
    if (!registered) {
        atexit(free_sets);
        registered = 1;
    }
    /* Far past the cut nothing new happens, only slower: keep inputs near it. */
    if (size > 2 * TEXTLINE_MAX_BYTES)
        return 0;
    const char *text = (const char *)data;
    const struct text_style regular = {.px = FUZZ_PX, .bold = false};
    const struct text_style bold = {.px = FUZZ_PX, .bold = true};
    struct error err = {0};

    struct textline *la = textline_render(s->a, text, size, &regular, FUZZ_MAX_W, &err);
    if (!la) {
        fprintf(stderr, "fuzz_render_textline: %s\n", err.msg);
        abort();
    }
    check_line(s->a, &regular, la, text, size);
    check_draw(la);
    check_queue(s->a, &regular, la, text, size);
    textline_free(la);

    struct textline *lb = textline_render(s->b, text, size, &bold, FUZZ_MAX_W, &err);
    if (!lb) {
        fprintf(stderr, "fuzz_render_textline: %s\n", err.msg);
        abort();
    }
    check_line(s->b, &bold, lb, text, size);
    textline_free(lb);
    return 0;
}
