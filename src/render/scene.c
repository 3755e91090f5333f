/*
 * Frame composition. Regions and when they are redrawn:
 *   band     every frame while the crawl moves (or the reduced-motion fade changes);
 *   panel    when the current story changes, during its cross-fade, when its age text changes;
 *   header   (clock, date, status) when one of their strings changes.
 * The panel's cross-fade is computed from the crawl model (when the current item crossed the
 * point, and which item was current before), not from remembered events, so frame K is the
 * same whether or not frames before it were rendered (headless --start-frame relies on it).
 *
 * Band item: [source][gap][headline][gap][separator][gap], source in the accent colour.
 * Word wrapping measures each word as a rasterised line (so fallback fonts and shaping count)
 * and breaks Han/Kana/Hangul between characters; the last allowed line ends in an ellipsis.
 */
#include "render/scene.h"

#include "core/age.h"
#include "core/card.h"
#include "core/log.h"
#include "core/notice.h"
#include "core/scroll.h"
#include "core/text.h"
#include "core/util.h"
#include "render/blend.h"
#include "render/qr.h"
#include "render/textline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LINES 64
/* Work done ahead of need per frame: panel rasterisations, band text code points. */
#define PREFETCH_PANEL_STEPS 6
#define PREFETCH_BAND_CPS    200
#define MAX_NEXT             10

struct snap_slot {
    uint32_t gen;
    struct story_snapshot *snap; /* NULL: the empty playlist */
    int *widths;                 /* per story; 0 = not measured yet */
};

struct band_item {
    uint32_t gen;
    size_t item;
    struct textline *source, *title, *sep;
    int width;
};

/* What the story panel shows for one story. */
struct panel {
    bool valid;
    char *id; /* story id, or NULL for the "no news" panel */
    int64_t published;
    struct textline *source;
    struct textline *age;
    char age_text[64];
    struct textline *head[MAX_LINES];
    int n_head;
    struct textline *sum[MAX_LINES];
    int n_sum;
    bool rtl;
    /* "Up next": the stories that follow, in the space the summary leaves. */
    struct textline *next_label;
    struct textline *next_src[MAX_NEXT];
    struct textline *next_title[MAX_NEXT];
    int n_next;
    /* The card's media (core/card.h): the story's picture and the QR code of its link. */
    struct picture *pic;
    char *late_id, *late_src; /* built without its picture, which was still loading */
    struct qr_code *qr;
    int qr_module;
    int text_w; /* width of its text: the whole card, or beside the media column */
};

struct header_text {
    char text[128];
    struct textline *line;
    uint32_t color;
};

struct scene {
    struct theme theme;
    struct layout lay;
    struct font_set *fonts;
    int max_w;
    int utc_offset;
    uint32_t *fb;
    int w, h, pitch;

    struct scroll *scroll;
    int step;
    int64_t fade_frames;

    struct snap_slot *slots;
    size_t n_slots;
    uint32_t next_gen;
    bool offline;
    int64_t last_success;
    int64_t offline_since;
    /* The feeds' states for the no-news screen (a snapshot without stories), and a hash of
     * the lines they make, to rebuild that screen when one changes. */
    struct story_snapshot *feed_state;
    uint64_t notice_hash;

    struct band_item *items; /* rasters of the items on the strip */
    size_t n_items, cap_items;
    struct textline *no_news_band;

    struct panel cur, prev; /* cur: the current story; prev: the one it fades from */
    int last_panel_alpha;   /* -1: the panel must be redrawn */

    /* Ahead of need (docs/architecture.md: rasterising must not cost a frame): the panel of the
     * story that becomes current next, and the text of the band item appended next, are
     * rasterised a bounded amount per frame. This decides when work is done, never the pixels. */
    struct panel next;
    struct panel_job *next_job;
    uint32_t pf_gen; /* the story next is built for; 0: none */
    size_t pf_item;
    struct textline_queue *queue;
    bool bpf_active;
    uint32_t bpf_gen;
    size_t bpf_item;
    uint32_t bpf_ids[3]; /* source, title, separator; 0: none */

    struct header_text clock, date, status;

    struct text_style st_band, st_band_bold, st_head, st_meta, st_meta_bold, st_sum, st_clock,
        st_date, st_status;
    int band_text_y;    /* line top of band text, relative to the band */
    int gap_small, gap; /* pixels between item parts */

    struct card_plan card;
    struct scene_pictures pics;
    bool have_pics;
    /* A picture that came late, for the rebuild of the card that waited for it. */
    struct picture *injected;
    char *injected_id;

    bool first;
    int last_band_alpha;
    int64_t last_band_key; /* what the band showed: position, or the shown item */
    bool band_crawled;     /* ... and it was the crawl at that position (band_shift may move it) */
    int band_ink_y0, band_ink_y1; /* the band's rows text can reach, relative to the band */
    size_t missing;
};

/* ---- helpers ------------------------------------------------------------------------------ */

static int clamp_px(int px)
{
    return px < 4 ? 4 : px > 512 ? 512 : px;
}

static struct textline *raster(struct scene *sc, const char *s, const struct text_style *st)
{
    struct error err;
    struct textline *l = textline_render(sc->fonts, s, strlen(s), st, sc->max_w, &err);
    if (!l) {
        /* The main font failed at this size: an empty line keeps the frame going. */
        log_warn("scene", "%s", err.msg);
        l = textline_render(sc->fonts, "", 0, st, sc->max_w, NULL);
    }
    if (l)
        sc->missing += l->missing;
    return l;
}

static int line_w(const struct textline *l)
{
    return l ? l->width : 0;
}

static void fill(struct scene *sc, struct layout_rect r, uint32_t argb)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    int x0 = r.x < 0 ? 0 : r.x, y0 = r.y < 0 ? 0 : r.y;
    int x1 = r.x + r.w > sc->w ? sc->w : r.x + r.w;
    int y1 = r.y + r.h > sc->h ? sc->h : r.y + r.h;
    if (x0 >= x1 || y0 >= y1)
        return;
    /* One row by hand, the others copied from it: memcpy is the fastest store there is, and a
     * card's fade refills the whole panel every frame. */
    uint32_t *first = sc->fb + (size_t)y0 * (size_t)sc->w + x0;
    for (int x = 0; x < x1 - x0; x++)
        first[x] = argb;
    for (int y = y0 + 1; y < y1; y++)
        memcpy(sc->fb + (size_t)y * (size_t)sc->w + x0, first, (size_t)(x1 - x0) * sizeof *first);
}

/* Draws l with its top-left at (x, y) relative to rect r, clipped to r. alpha scales the
 * colour's opacity (0..255). */
static void draw_in(struct scene *sc, struct layout_rect r, const struct textline *l, int x, int y,
                    uint32_t color, int alpha)
{
    if (!l || l->width == 0 || r.w <= 0 || r.h <= 0 || alpha <= 0)
        return;
    uint32_t a = alpha >= 255 ? 255 : (uint32_t)alpha;
    uint32_t argb = (color & 0x00FFFFFFu) | (a << 24);
    uint32_t *dst = sc->fb + (size_t)r.y * (size_t)sc->w + r.x;
    textline_draw(l, dst, sc->pitch, r.w, r.h, x, y, argb);
}

/* Top of a text line of style st centred in a slot of height slot_h. */
static int line_top(struct scene *sc, const struct text_style *st, int slot_h)
{
    struct font_metrics m;
    if (!font_set_metrics(sc->fonts, st, &m))
        return 0;
    return (slot_h - m.height) / 2;
}

/* ---- UTF-8 classification for wrapping ------------------------------------------------------- */

static uint32_t next_cp(const char *s, size_t n, size_t *i)
{
    uint32_t cp;
    *i += text_utf8_decode_bytewise(s + *i, n - *i, &cp);
    return cp;
}

/* Scripts written without spaces: a line may break between any two characters. */
static bool breaks_anywhere(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* ---- word wrap ---------------------------------------------------------------------------- */

struct token {
    size_t start, len;
    bool space_before;
    int width;
};

/* Splits text into words (and single characters of no-space scripts). */
static size_t tokenize(const char *s, struct token **out)
{
    size_t n = strlen(s), i = 0, count = 0, cap = 0;
    struct token *t = NULL;
    bool space = false;
    while (i < n) {
        size_t at = i;
        uint32_t cp = next_cp(s, n, &i);
        if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0xA0 || cp == 0x3000) {
            space = true;
            continue;
        }
        bool solo = breaks_anywhere(cp);
        size_t end = i;
        if (!solo) {
            /* A word: up to the next space or no-space-script character. */
            while (end < n) {
                size_t j = end;
                uint32_t c2 = next_cp(s, n, &j);
                if (c2 == ' ' || c2 == '\n' || c2 == '\t' || c2 == 0xA0 || c2 == 0x3000 ||
                    breaks_anywhere(c2))
                    break;
                end = j;
            }
        } else {
            /* Keep closing punctuation (、。」) with the character before it. */
            while (end < n) {
                size_t j = end;
                uint32_t c2 = next_cp(s, n, &j);
                if (!((c2 >= 0x3001 && c2 <= 0x3002) || (c2 >= 0x300D && c2 <= 0x300F) ||
                      c2 == 0xFF01 || c2 == 0xFF0C || c2 == 0xFF1F || c2 == 0xFF09))
                    break;
                end = j;
            }
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 32;
            t = xreallocarray(t, cap, sizeof *t);
        }
        t[count++] = (struct token){at, end - at, space, 0};
        space = false;
        i = end;
    }
    *out = t;
    return count;
}

/* Builds the text of tokens [a, b) into buf. */
static void join_tokens(const char *s, const struct token *t, size_t a, size_t b, struct buf *out)
{
    buf_reset(out);
    for (size_t k = a; k < b; k++) {
        if (k > a && t[k].space_before)
            buf_append_char(out, ' ');
        buf_append(out, s + t[k].start, t[k].len);
    }
    if (!out->data)
        buf_append_str(out, "");
}

/*
 * Word wrap as a resumable job: every step does at most one rasterisation (a probe, a word to
 * measure, or a finished line), so a panel can be prepared a few steps per frame ahead of need
 * and the frame that shows it does no text work. Run to completion in one call it gives the
 * same lines. Wraps into at most max_lines lines no wider than max_w; a cut last line ends in
 * an ellipsis.
 */
struct wrap_job {
    char *text;
    struct text_style st;
    int max_w, max_lines;
    struct token *tok;
    size_t n;
    int stage; /* 0-2 probes, 3 measuring words, 4 lines, 5 done */
    int probe_w[3];
    size_t measured;
    size_t la[MAX_LINES], lb[MAX_LINES];
    bool lell[MAX_LINES];
    int n_plan, rendered;
    struct textline **out; /* MAX_LINES slots */
    int *n_out;
};

enum { WRAP_DONE = 5 };

static void wrap_start(struct wrap_job *j, const char *text, const struct text_style *st, int max_w,
                       int max_lines, struct textline **out, int *n_out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->n_out = n_out;
    *n_out = 0;
    j->st = *st;
    j->max_w = max_w;
    j->max_lines = max_lines > MAX_LINES ? MAX_LINES : max_lines;
    j->text = xstrdup(text);
    j->n = tokenize(j->text, &j->tok);
    if (j->max_lines < 1 || max_w <= 0 || j->n == 0)
        j->stage = WRAP_DONE;
}

static void wrap_free(struct wrap_job *j)
{
    free(j->text);
    free(j->tok);
    j->text = NULL;
    j->tok = NULL;
}

/* Greedy line breaking over the measured words. */
static void wrap_plan(struct wrap_job *j)
{
    const struct token *t = j->tok;
    int space_w = j->probe_w[0] - j->probe_w[1], ell_w = j->probe_w[2];
    size_t k = 0;
    while (k < j->n && j->n_plan < j->max_lines) {
        size_t a = k;
        int wsum = t[k].width;
        k++;
        while (k < j->n) {
            int add = (t[k].space_before ? space_w : 0) + t[k].width;
            if (wsum + add > j->max_w)
                break;
            wsum += add;
            k++;
        }
        bool cut = j->n_plan == j->max_lines - 1 && k < j->n;
        if (cut) {
            /* Make room for the ellipsis. */
            while (k > a + 1 && wsum + ell_w > j->max_w) {
                k--;
                wsum -= t[k].width + (t[k].space_before ? space_w : 0);
            }
        }
        j->la[j->n_plan] = a;
        j->lb[j->n_plan] = k;
        j->lell[j->n_plan] = cut;
        j->n_plan++;
        if (cut)
            k = j->n;
    }
}

/* One step; true when the job is done. */
static bool wrap_step(struct scene *sc, struct wrap_job *j)
{
    static const char *const probes[3] = {"a a", "aa", "\xE2\x80\xA6"};
    if (j->stage < 3) {
        struct textline *l = raster(sc, probes[j->stage], &j->st);
        j->probe_w[j->stage++] = line_w(l);
        textline_free(l);
    } else if (j->stage == 3) {
        const struct token *t = &j->tok[j->measured];
        char *word = xstrndup(j->text + t->start, t->len);
        struct textline *l = raster(sc, word, &j->st);
        j->tok[j->measured++].width = line_w(l);
        textline_free(l);
        free(word);
        if (j->measured == j->n) {
            wrap_plan(j);
            j->stage = j->n_plan ? 4 : WRAP_DONE;
        }
    } else if (j->stage == 4) {
        struct buf b = {0};
        int i = j->rendered;
        join_tokens(j->text, j->tok, j->la[i], j->lb[i], &b);
        if (j->lell[i])
            buf_append_str(&b, "\xE2\x80\xA6");
        j->out[i] = raster(sc, b.data, &j->st);
        buf_free(&b);
        *j->n_out = ++j->rendered;
        if (j->rendered == j->n_plan)
            j->stage = WRAP_DONE;
    }
    if (j->stage == WRAP_DONE)
        wrap_free(j);
    return j->stage == WRAP_DONE;
}

/* ---- snapshots and band items -------------------------------------------------------------- */

static struct snap_slot *slot_of(struct scene *sc, uint32_t gen)
{
    for (size_t i = 0; i < sc->n_slots; i++)
        if (sc->slots[i].gen == gen)
            return &sc->slots[i];
    return NULL;
}

static struct band_item *cached_item(struct scene *sc, uint32_t gen, size_t item)
{
    for (size_t i = 0; i < sc->n_items; i++)
        if (sc->items[i].gen == gen && sc->items[i].item == item)
            return &sc->items[i];
    return NULL;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static struct textline *take_line(struct scene *sc, uint32_t id)
{
    if (!id)
        return NULL;
    struct textline *l = textline_queue_take(sc->queue, id);
    if (l)
        sc->missing += l->missing;
    return l;
}

static struct band_item *make_item(struct scene *sc, uint32_t gen, size_t item)
{
    struct band_item *bi = cached_item(sc, gen, item);
    if (bi)
        return bi;
    struct snap_slot *sl = slot_of(sc, gen);
    if (!sl || !sl->snap || item >= sl->snap->n_stories)
        return NULL;
    const struct story *st = &sl->snap->stories[item];
    if (sc->n_items == sc->cap_items) {
        sc->cap_items = sc->cap_items ? sc->cap_items * 2 : 16;
        sc->items = xreallocarray(sc->items, sc->cap_items, sizeof *sc->items);
    }
    bi = &sc->items[sc->n_items++];
    *bi = (struct band_item){.gen = gen, .item = item};
    if (sc->bpf_active && sc->bpf_gen == gen && sc->bpf_item == item) {
        /* Prefetched: finish whatever is left (the same bytes as rasterising now). */
        textline_pump(sc->queue, TEXTLINE_PUMP_ALL);
        bi->source = take_line(sc, sc->bpf_ids[0]);
        bi->title = take_line(sc, sc->bpf_ids[1]);
        bi->sep = take_line(sc, sc->bpf_ids[2]);
        sc->bpf_active = false;
    }
    if (!bi->source && st->source && st->source[0])
        bi->source = raster(sc, st->source, &sc->st_band_bold);
    if (!bi->title)
        bi->title = raster(sc, or_empty(st->title), &sc->st_band);
    if (!bi->sep)
        bi->sep = raster(sc, sc->theme.separator, &sc->st_band);
    bi->width = (bi->source ? line_w(bi->source) + sc->gap_small : 0) + line_w(bi->title) +
                sc->gap + line_w(bi->sep) + sc->gap;
    if (bi->width < 1)
        bi->width = 1;
    sl->widths[item] = bi->width;
    return bi;
}

static void free_item(struct band_item *bi)
{
    textline_free(bi->source);
    textline_free(bi->title);
    textline_free(bi->sep);
}

static int item_width(void *ctx, uint32_t gen, size_t item)
{
    struct scene *sc = ctx;
    struct snap_slot *sl = slot_of(sc, gen);
    if (sl && sl->widths && item < (sl->snap ? sl->snap->n_stories : 0) && sl->widths[item] > 0)
        return sl->widths[item];
    struct band_item *bi = make_item(sc, gen, item);
    return bi ? bi->width : 1;
}

/* Drops rasters of items no longer on the strip and snapshots nothing refers to. */
static void collect(struct scene *sc)
{
    const struct scroll_entry *e;
    size_t n = scroll_strip(sc->scroll, &e);
    size_t k = 0;
    for (size_t i = 0; i < sc->n_items; i++) {
        bool keep = false;
        for (size_t j = 0; j < n && !keep; j++)
            keep = e[j].gen == sc->items[i].gen && e[j].item == sc->items[i].item;
        if (keep)
            sc->items[k++] = sc->items[i];
        else
            free_item(&sc->items[i]);
    }
    sc->n_items = k;
    k = 0;
    for (size_t i = 0; i < sc->n_slots; i++) {
        struct snap_slot *sl = &sc->slots[i];
        if (scroll_uses_gen(sc->scroll, sl->gen)) {
            sc->slots[k++] = *sl;
        } else {
            story_snapshot_free(sl->snap);
            free(sl->widths);
        }
    }
    sc->n_slots = k;
}

struct id_ref {
    uint64_t hash;
    size_t index;
};

static uint64_t id_hash(const char *id)
{
    return id ? hash_fnv1a64(id, strlen(id), HASH_FNV1A64_INIT) : 0;
}

static int cmp_id_ref(const void *a, const void *b)
{
    const struct id_ref *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void panel_clear(struct panel *p);

/* The no-news screen's lines for the current status (notice.h); count in *n. */
static char **notice_lines(struct scene *sc, size_t *n)
{
    const struct story_snapshot *st = sc->feed_state;
    size_t nf = st && st->feeds ? st->n_feeds : 0;
    char **lines = xcalloc(nf + 1, sizeof *lines);
    lines[0] = xstrdup(notice_intro(st, sc->theme.locale));
    for (size_t i = 0; i < nf; i++) {
        char buf[512];
        lines[i + 1] = xstrdup(notice_feed_line(buf, sizeof buf, &st->feeds[i], sc->theme.locale));
    }
    *n = nf + 1;
    return lines;
}

static uint64_t notice_hash_of(struct scene *sc)
{
    size_t n;
    char **lines = notice_lines(sc, &n);
    uint64_t h = HASH_FNV1A64_INIT;
    for (size_t i = 0; i < n; i++) {
        h = hash_fnv1a64(lines[i], strlen(lines[i]) + 1, h);
        free(lines[i]);
    }
    free(lines);
    return h;
}

void scene_set_status(struct scene *sc, const struct story_snapshot *snap)
{
    if (!snap)
        return;
    sc->offline = snap->offline;
    sc->last_success = scene_clamp_time(snap->last_success);
    sc->offline_since = scene_clamp_time(snap->offline_since);
    story_snapshot_free(sc->feed_state);
    sc->feed_state = xcalloc(1, sizeof *sc->feed_state);
    sc->feed_state->offline = snap->offline;
    sc->feed_state->offline_since = sc->offline_since;
    sc->feed_state->last_success = sc->last_success;
    if (snap->feeds) {
        sc->feed_state->n_feeds = snap->n_feeds;
        sc->feed_state->feeds =
            xcalloc(snap->n_feeds ? snap->n_feeds : 1, sizeof *sc->feed_state->feeds);
        for (size_t i = 0; i < snap->n_feeds; i++) {
            sc->feed_state->feeds[i] = snap->feeds[i];
            sc->feed_state->feeds[i].name = xstrdup(snap->feeds[i].name ? snap->feeds[i].name : "");
            sc->feed_state->feeds[i].detail =
                snap->feeds[i].detail ? xstrdup(snap->feeds[i].detail) : NULL;
        }
    }
    uint64_t h = notice_hash_of(sc);
    if (h != sc->notice_hash) {
        sc->notice_hash = h;
        /* A no-news screen on show says something else now: build it again. */
        if (sc->cur.valid && !sc->cur.id)
            panel_clear(&sc->cur);
        if (sc->prev.valid && !sc->prev.id)
            panel_clear(&sc->prev);
    }
}

void scene_set_snapshot(struct scene *sc, struct story_snapshot *snap)
{
    if (snap) {
        for (size_t i = 0; i < snap->n_stories; i++)
            snap->stories[i].published = scene_clamp_time(snap->stories[i].published);
        snap->last_success = scene_clamp_time(snap->last_success);
        snap->offline_since = scene_clamp_time(snap->offline_since);
    }
    scene_set_status(sc, snap);
    uint32_t gen = sc->next_gen++;
    size_t n = snap ? snap->n_stories : 0;
    /* Where to continue: after the story that ends the strip, the same story's successor in
     * the new list (matched by id), so a refresh with the same stories does not restart. */
    size_t *cont = NULL, n_prev = 0;
    uint32_t run;
    struct snap_slot *old = scroll_running_gen(sc->scroll, &run) ? slot_of(sc, run) : NULL;
    if (old && old->snap && n) {
        n_prev = old->snap->n_stories;
        cont = xreallocarray(NULL, n_prev ? n_prev : 1, sizeof *cont);
        /* Ids looked up through a sorted hash index: a 500-story hand-off costs well under a
         * millisecond on the render thread, where comparing every pair would not. */
        struct id_ref *idx = xreallocarray(NULL, n, sizeof *idx);
        for (size_t j = 0; j < n; j++)
            idx[j] = (struct id_ref){id_hash(snap->stories[j].id), j};
        qsort(idx, n, sizeof *idx, cmp_id_ref);
        for (size_t i = 0; i < n_prev; i++) {
            cont[i] = SIZE_MAX;
            const char *id = old->snap->stories[i].id;
            if (!id)
                continue;
            uint64_t h = id_hash(id);
            size_t lo = 0, hi = n;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (idx[mid].hash < h)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (size_t k = lo; k < n && idx[k].hash == h; k++) {
                const char *other = snap->stories[idx[k].index].id;
                if (other && !strcmp(other, id)) {
                    size_t j = idx[k].index;
                    cont[i] = j + 1 < n ? j + 1 : 0;
                    break;
                }
            }
        }
        free(idx);
    }
    sc->slots = xreallocarray(sc->slots, sc->n_slots + 1, sizeof *sc->slots);
    struct snap_slot *sl = &sc->slots[sc->n_slots++];
    sl->gen = gen;
    sl->snap = snap;
    sl->widths = xcalloc(n ? n : 1, sizeof *sl->widths);
    scroll_offer(sc->scroll, gen, n, cont, n_prev);
    free(cont);
}

/* ---- panel ---------------------------------------------------------------------------------- */

static void panel_clear(struct panel *p)
{
    free(p->id);
    textline_free(p->source);
    textline_free(p->age);
    for (int i = 0; i < p->n_head; i++)
        textline_free(p->head[i]);
    for (int i = 0; i < p->n_sum; i++)
        textline_free(p->sum[i]);
    textline_free(p->next_label);
    /* Every slot, not n_next: a job stopped between a row's source and its title has
     * rasterised the source of a row n_next does not count yet. */
    for (int i = 0; i < MAX_NEXT; i++) {
        textline_free(p->next_src[i]);
        textline_free(p->next_title[i]);
    }
    picture_free(p->pic);
    free(p->late_id);
    free(p->late_src);
    qr_free(p->qr);
    memset(p, 0, sizeof *p);
}

/* Vertical plan of the panel below the headline: where the summary starts, how many lines it
 * may have, and where the up-next block goes. Derived from the layout and the number of
 * headline lines actually used, so a short headline leaves its space to the summary. */
struct panel_plan {
    int pic_y; /* portrait: the picture's top */
    int sum_y, sum_lines;
    int next_y, next_rows; /* next_rows 0: no up-next block */
    int row_h, label_h, rule_h;
};

static struct panel_plan plan_panel(const struct scene *sc, const struct panel *p, int n_head,
                                    int n_sum_wanted)
{
    const struct layout *l = &sc->lay;
    struct panel_plan pl = {0};
    if (l->summary.h <= 0)
        return pl;
    int lh = layout_line_height(l->headline_px);
    int sh = layout_line_height(l->summary_px);
    int unused = (l->headline_lines - (n_head > 0 ? n_head : 1)) * lh;
    int top = l->summary.y - unused;
    int bottom = l->summary.y + l->summary.h;
    bool portrait = l->kind == LAYOUT_PORTRAIT;
    if (portrait && p && p->pic) {
        /* The picture across the card, between headline and summary. */
        pl.pic_y = top;
        top += p->pic->h + l->margin / 2;
    }
    bool qr_foot = portrait && p && p->qr && sc->card.qr_replaces_next;
    if (qr_foot)
        bottom = sc->card.qr.y + sc->card.qr.h - qr_side(p->qr, p->qr_module) - l->margin / 2;
    if (bottom < top)
        bottom = top;
    pl.sum_y = top;
    int max_sum = (bottom - top) / sh;
    pl.sum_lines = n_sum_wanted < max_sum ? n_sum_wanted : max_sum;
    pl.row_h = layout_line_height(l->meta_px) * 13 / 10;
    pl.label_h = layout_line_height(l->meta_px) * 3 / 2;
    pl.rule_h = l->ref_h / 540 > 1 ? l->ref_h / 540 : 1;
    int free_top = top + pl.sum_lines * sh + l->margin;
    int rows = (bottom - free_top - pl.label_h - pl.rule_h) / pl.row_h;
    if (rows > MAX_NEXT)
        rows = MAX_NEXT;
    if (qr_foot)
        rows = 0; /* the QR code has the card's foot */
    if (rows >= 2) {
        pl.next_rows = rows;
        /* Landscape: anchored to the card's foot. Portrait: right after the summary, so the
         * tall card reads top down instead of leaving a hole between summary and list. */
        pl.next_y = l->kind == LAYOUT_PORTRAIT ? free_top
                                               : bottom - rows * pl.row_h - pl.label_h - pl.rule_h;
    }
    return pl;
}

/*
 * Building a panel, resumable like wrap_job: the story's strings are copied at the start, so
 * the job does not depend on the snapshot staying alive.
 */
struct panel_job {
    bool active;
    struct panel *p;
    bool no_story;
    char *source, *title, *summary;
    char *next_src[MAX_NEXT], *next_title[MAX_NEXT];
    int n_next_avail;
    int stage, row;
    int one_line; /* lines of an up-next title (0 or 1), or of a notice line */
    bool in_wrap;
    struct wrap_job w;
    char **notice; /* the no-news screen: its lines (notice.h) */
    size_t n_notice, notice_at;
    char *pic_id, *pic_src; /* the picture asked for and not ready yet (NULL: none pending) */
    bool force;             /* the card is needed now: a picture still loading is left out */
};

static void panel_job_free(struct panel_job *j)
{
    if (j->in_wrap)
        wrap_free(&j->w);
    free(j->source);
    free(j->title);
    free(j->summary);
    for (int i = 0; i < MAX_NEXT; i++) {
        free(j->next_src[i]);
        free(j->next_title[i]);
    }
    for (size_t i = 0; i < j->n_notice; i++)
        free(j->notice[i]);
    free(j->notice);
    free(j->pic_id);
    free(j->pic_src);
    memset(j, 0, sizeof *j);
}

static char *dup_opt(const char *s)
{
    return s && s[0] ? xstrdup(s) : NULL;
}

/* The card's text width: beside the media column when the story has something in it. */
static void card_text_width(struct scene *sc, struct panel *p, bool pending)
{
    bool media = p->pic || p->qr || pending;
    p->text_w = sc->card.column && media ? sc->card.text_w : sc->lay.headline.w;
}

/* The QR code of the story's link, and the request for its picture (core/card.h). */
static void card_media_start(struct scene *sc, struct panel_job *j, struct panel *p,
                             const struct story *st)
{
    const struct card_plan *c = &sc->card;
    if (c->qr.w > 0 && st->link && st->link[0]) {
        char *link = qr_link(st->link, sc->theme.qr_params);
        int max = c->qr.w / c->qr_module - 2 * CARD_QR_QUIET;
        if (max < 21) /* a bar's short card: smaller modules rather than none */
            max = c->qr.w - 2 * CARD_QR_QUIET;
        struct error err = {0};
        p->qr = qr_encode(link, max, &err);
        if (p->qr) {
            p->qr_module = c->qr_module;
            if (qr_side(p->qr, p->qr_module) > c->qr.w)
                p->qr_module = c->qr.w / (p->qr->size + 2 * CARD_QR_QUIET);
            if (p->qr_module < 1) {
                qr_free(p->qr);
                p->qr = NULL;
            }
        } else {
            log_debug("scene", "no QR code for %s: %s", link, err.msg);
        }
        free(link);
    }
    if (c->picture.w > 0 && sc->have_pics && st->picture && st->picture[0]) {
        if (sc->injected && sc->injected_id && !strcmp(sc->injected_id, or_empty(st->id))) {
            p->pic = sc->injected;
            sc->injected = NULL;
        } else {
            j->pic_id = xstrdup(or_empty(st->id));
            j->pic_src = xstrdup(st->picture);
        }
    }
    card_text_width(sc, p, j->pic_id != NULL);
}

/* Asks for a pending picture again; true when the job may go on (it came, or will not). */
static bool card_picture_poll(struct scene *sc, struct panel_job *j)
{
    if (!j->pic_id)
        return true;
    struct picture *pic = NULL;
    enum scene_picture_state st = sc->pics.get(sc->pics.ctx, j->pic_id, j->pic_src,
                                               sc->card.picture.w, sc->card.picture.h, &pic);
    if (st == SCENE_PICTURE_PENDING && !j->force)
        return false;
    if (st == SCENE_PICTURE_PENDING) {
        /* Needed now: shown without, and built again when the picture comes (at the start,
         * or after the operator jumped ahead). */
        j->p->late_id = j->pic_id;
        j->p->late_src = j->pic_src;
        j->pic_id = j->pic_src = NULL;
    }
    if (st == SCENE_PICTURE_READY && pic && pic->w == sc->card.picture.w &&
        pic->h == sc->card.picture.h) {
        j->p->pic = pic;
    } else {
        picture_free(pic);
    }
    free(j->pic_id);
    free(j->pic_src);
    j->pic_id = j->pic_src = NULL;
    card_text_width(sc, j->p, false);
    return true;
}

/* Starts building story st (NULL: the "no news" panel) of snap at index into p. */
static void panel_job_start(struct scene *sc, struct panel_job *j, struct panel *p,
                            const struct story *st, int64_t now, const struct story_snapshot *snap,
                            size_t index)
{
    panel_job_free(j);
    panel_clear(p);
    j->active = true;
    j->p = p;
    p->valid = true;
    p->text_w = sc->lay.headline.w;
    if (!st) {
        j->no_story = true;
        j->notice = notice_lines(sc, &j->n_notice);
        return;
    }
    p->id = xstrdup(or_empty(st->id));
    p->published = st->published;
    card_media_start(sc, j, p, st);
    /* The paragraph direction by the rule textline uses to order the text (fribidi). */
    p->rtl = textline_paragraph_rtl(or_empty(st->title), strlen(or_empty(st->title)));
    age_ago(p->age_text, sizeof p->age_text, now, st->published, sc->theme.locale);
    j->source = dup_opt(st->source);
    j->title = xstrdup(or_empty(st->title));
    j->summary = dup_opt(st->summary);
    size_t n = snap ? snap->n_stories : 0;
    for (size_t i = 0; n > 1 && i < MAX_NEXT && i < n - 1; i++) {
        const struct story *ns = &snap->stories[(index + 1 + i) % n];
        j->next_src[i] = dup_opt(ns->source);
        j->next_title[i] = xstrdup(or_empty(ns->title));
        j->n_next_avail = (int)i + 1;
    }
}

/* Runs a wrap to its next step; true when it has finished. */
static bool job_wrap(struct scene *sc, struct panel_job *j)
{
    if (wrap_step(sc, &j->w)) {
        j->in_wrap = false;
        return true;
    }
    return false;
}

/* Does at most one rasterisation of the job; true when the panel is complete. */
static bool panel_job_step(struct scene *sc, struct panel_job *j)
{
    const struct layout *l = &sc->lay;
    enum theme_locale loc = sc->theme.locale;
    struct panel *p = j->p;
    for (;;) {
        if (j->in_wrap) {
            if (job_wrap(sc, j))
                j->stage++;
            return false;
        }
        switch (j->stage) {
        case 0: /* source */
            j->stage++;
            if (!j->no_story && l->meta.h > 0 && j->source) {
                p->source = raster(sc, j->source, &sc->st_meta_bold);
                return false;
            }
            continue;
        case 1: /* age */
            j->stage++;
            if (!j->no_story && l->meta.h > 0) {
                p->age = raster(sc, p->age_text, &sc->st_meta);
                return false;
            }
            continue;
        case 2: /* headline, once the picture decides the text's width */
            if (!card_picture_poll(sc, j))
                return false;
            wrap_start(&j->w, j->no_story ? age_no_news(loc) : j->title, &sc->st_head, p->text_w,
                       l->headline_lines, p->head, &p->n_head);
            j->in_wrap = true;
            continue;
        case 3: { /* summary, in the room the headline left */
            const char *text = j->summary;
            int max_lines = plan_panel(sc, p, p->n_head, 8).sum_lines;
            if (j->no_story) {
                j->stage = l->summary.h > 0 ? 8 : 99;
                continue;
            }
            if (l->summary.h > 0 && text) {
                wrap_start(&j->w, text, &sc->st_sum, p->text_w, max_lines, p->sum, &p->n_sum);
                j->in_wrap = true;
            } else {
                j->stage++;
            }
            continue;
        }
        case 4: { /* the up-next label */
            struct panel_plan pl = plan_panel(sc, p, p->n_head, p->n_sum);
            int rows = pl.next_rows < j->n_next_avail ? pl.next_rows : j->n_next_avail;
            if (rows <= 0) {
                j->stage = 99;
                continue;
            }
            j->n_next_avail = rows;
            /* "Als Nächstes" (the escape is split: 'c' would extend \xA4). */
            static const char next_de[] = "Als N\xC3\xA4"
                                          "chstes";
            p->next_label =
                raster(sc, loc == THEME_LOCALE_DE ? next_de : "Up next", &sc->st_meta_bold);
            j->stage++;
            return false;
        }
        case 5: /* up-next rows: source, then the title cut to one line */
            if (j->row >= j->n_next_avail) {
                j->stage = 99;
                continue;
            }
            j->stage++;
            if (j->next_src[j->row]) {
                p->next_src[j->row] = raster(sc, j->next_src[j->row], &sc->st_meta_bold);
                return false;
            }
            continue;
        case 6: {
            int src_w = p->next_src[j->row] ? line_w(p->next_src[j->row]) + l->meta_px : 0;
            p->n_next = j->row + 1;
            wrap_start(&j->w, j->next_title[j->row], &sc->st_meta, p->text_w - src_w, 1,
                       &p->next_title[j->row], &j->one_line);
            j->in_wrap = true;
            continue;
        }
        case 7: /* the next row */
            j->row++;
            j->stage = 5;
            continue;
        case 8: { /* no news: the opening sentence (two lines), then a line per feed */
            int room = plan_panel(sc, p, p->n_head, MAX_LINES).sum_lines - p->n_sum;
            if (j->notice_at >= j->n_notice || room <= 0) {
                j->stage = 99;
                continue;
            }
            int want = j->notice_at == 0 ? 2 : 1;
            wrap_start(&j->w, j->notice[j->notice_at], &sc->st_sum, p->text_w,
                       want < room ? want : room, &p->sum[p->n_sum], &j->one_line);
            j->in_wrap = true;
            continue;
        }
        case 9:
            p->n_sum += j->one_line;
            j->notice_at++;
            j->stage = 8;
            continue;
        default:
            panel_job_free(j);
            return true;
        }
    }
}

/* Builds a whole panel now. */
static void panel_build(struct scene *sc, struct panel *p, const struct story *st, int64_t now,
                        const struct story_snapshot *snap, size_t index)
{
    struct panel_job j = {0};
    panel_job_start(sc, &j, p, st, now, snap, index);
    j.force = true;
    while (!panel_job_step(sc, &j))
        ;
}

/* Keeps the age text current; true when it changed. */
static bool panel_update_age(struct scene *sc, struct panel *p, int64_t now)
{
    if (!p->valid || !p->id || sc->lay.meta.h <= 0)
        return false;
    char t[64];
    age_ago(t, sizeof t, now, p->published, sc->theme.locale);
    if (!strcmp(t, p->age_text))
        return false;
    snprintf(p->age_text, sizeof p->age_text, "%s", t);
    textline_free(p->age);
    p->age = raster(sc, p->age_text, &sc->st_meta);
    return true;
}

/* Pixels of a picture at (x, y), at opacity alpha: copied rows when opaque, blended while
 * the card cross-fades. Clipped to the frame. */
static void picture_draw(struct scene *sc, const struct picture *pic, int x, int y, int alpha)
{
    for (int r = 0; r < pic->h; r++) {
        int fy = y + r;
        if (fy < 0 || fy >= sc->h)
            continue;
        int x0 = x < 0 ? -x : 0, x1 = x + pic->w > sc->w ? sc->w - x : pic->w;
        if (x1 <= x0)
            return;
        uint32_t *dst = sc->fb + (size_t)fy * (size_t)sc->w + x;
        const uint32_t *src = pic->argb + (size_t)r * (size_t)pic->w;
        if (alpha >= 255) {
            memcpy(dst + x0, src + x0, (size_t)(x1 - x0) * 4);
        } else {
            /* blend_pixel's rule for opaque pixels, two channels at a time (red and blue,
             * then green, each in its own 16-bit lane): div255 rounded to nearest is
             * (x + (x >> 8)) >> 8 with x = t + 128, exact for t <= 255 * 255. */
            uint32_t a = (uint32_t)alpha, na = 255 - a;
            for (int i = x0; i < x1; i++) {
                uint32_t s = src[i], d = dst[i];
                uint32_t rb = (s & 0xFF00FFu) * a + (d & 0xFF00FFu) * na + 0x800080u;
                rb = ((rb + ((rb >> 8) & 0xFF00FFu)) >> 8) & 0xFF00FFu;
                uint32_t g = ((s >> 8) & 0xFFu) * a + ((d >> 8) & 0xFFu) * na + 0x80u;
                g = ((g + (g >> 8)) >> 8) & 0xFFu;
                dst[i] = 0xFF000000u | rb | g << 8;
            }
        }
    }
}

/* The card's picture and QR code (core/card.h). */
static void card_media_draw(struct scene *sc, const struct panel *p, int alpha)
{
    const struct card_plan *c = &sc->card;
    if (p->pic) {
        int y = c->picture.y;
        if (sc->lay.kind == LAYOUT_PORTRAIT)
            y = plan_panel(sc, p, p->n_head, p->n_sum).pic_y;
        picture_draw(sc, p->pic, c->picture.x, y, alpha);
    }
    if (p->qr) {
        int side = qr_side(p->qr, p->qr_module);
        qr_draw(p->qr, sc->fb, sc->pitch, sc->w, sc->h, c->qr.x + c->qr.w - side,
                c->qr.y + c->qr.h - side, p->qr_module, alpha);
    }
}

static void panel_draw(struct scene *sc, const struct panel *p, int alpha)
{
    const struct layout *l = &sc->lay;
    const struct theme_colors *c = &sc->theme.colors;
    if (!p->valid || alpha <= 0)
        return;
    /* The text's rectangles at this card's width (beside the media column, or whole). */
    struct layout_rect meta = l->meta, head = l->headline;
    meta.w = meta.w ? p->text_w : 0;
    head.w = p->text_w;
    card_media_draw(sc, p, alpha);
    if (l->meta.h > 0) {
        int y = line_top(sc, &sc->st_meta, l->meta.h);
        int x = 0;
        int sw = line_w(p->source), gap = sc->lay.meta_px;
        int aw = line_w(p->age);
        if (p->rtl)
            x = meta.w - sw - (sw ? gap : 0) - aw;
        if (p->source) {
            draw_in(sc, meta, p->source, p->rtl ? meta.w - sw : x, y, c->accent, alpha);
        }
        draw_in(sc, meta, p->age, p->rtl ? x : x + sw + (sw ? gap : 0), y, c->muted, alpha);
    }
    int lh = layout_line_height(l->headline_px);
    for (int i = 0; i < p->n_head; i++) {
        struct layout_rect r = {head.x, head.y + i * lh, head.w, lh};
        if (r.y + r.h > l->headline.y + l->headline.h)
            break;
        int x = p->rtl ? r.w - line_w(p->head[i]) : 0;
        draw_in(sc, r, p->head[i], x, line_top(sc, &sc->st_head, lh), c->text, alpha);
    }
    int sh = layout_line_height(l->summary_px);
    struct panel_plan pl = plan_panel(sc, p, p->n_head, p->n_sum);
    for (int i = 0; i < p->n_sum && i < pl.sum_lines; i++) {
        struct layout_rect r = {l->summary.x, pl.sum_y + i * sh, p->text_w, sh};
        int x = p->rtl ? r.w - line_w(p->sum[i]) : 0;
        draw_in(sc, r, p->sum[i], x, line_top(sc, &sc->st_sum, sh), c->muted, alpha);
    }
    if (p->n_next && pl.next_rows) {
        /* Anchored to the card's foot, however many rows there are (portrait: to the
         * summary, so nothing moves). */
        int shown = p->n_next < pl.next_rows ? p->n_next : pl.next_rows;
        if (l->kind != LAYOUT_PORTRAIT)
            pl.next_y += (pl.next_rows - shown) * pl.row_h;
        struct layout_rect rule = {l->summary.x, pl.next_y, p->text_w, pl.rule_h};
        /* The rule is drawn as text-free ink in the muted colour at the fade's opacity. */
        blend_fill_rect(sc->fb, sc->pitch, sc->w, sc->h, rule.x, rule.y, rule.w, rule.h,
                        (c->muted & 0x00FFFFFFu) | ((uint32_t)(alpha / 3) << 24));
        struct layout_rect lr = {l->summary.x, pl.next_y + pl.rule_h, p->text_w, pl.label_h};
        draw_in(sc, lr, p->next_label, 0, line_top(sc, &sc->st_meta_bold, lr.h), c->muted, alpha);
        for (int i = 0; i < p->n_next && i < pl.next_rows; i++) {
            struct layout_rect r = {l->summary.x, lr.y + lr.h + i * pl.row_h, p->text_w, pl.row_h};
            int y = line_top(sc, &sc->st_meta, r.h);
            int x = 0;
            if (p->next_src[i]) {
                draw_in(sc, r, p->next_src[i], 0, y, c->accent, alpha);
                x = line_w(p->next_src[i]) + l->meta_px;
            }
            draw_in(sc, r, p->next_title[i], x, y, c->text, alpha);
        }
    }
}

static uint32_t panel_bg(const struct scene *sc)
{
    return sc->lay.kind == LAYOUT_BAR ? sc->theme.colors.background : sc->theme.colors.panel;
}

static void panel_paint(struct scene *sc, int alpha)
{
    const struct layout *l = &sc->lay;
    if (l->panel.w <= 0)
        return;
    fill(sc, l->panel, panel_bg(sc));
    if (l->kind != LAYOUT_BAR) {
        /* The accent stripe down the card's left edge: the lower-third look. */
        int sw = l->margin / 6 > 3 ? l->margin / 6 : 3;
        fill(sc, (struct layout_rect){l->panel.x, l->panel.y, sw, l->panel.h},
             sc->theme.colors.accent);
    }
    if (alpha < 255)
        panel_draw(sc, &sc->prev, 255 - alpha);
    panel_draw(sc, &sc->cur, alpha);
}

static const struct story *story_of(struct scene *sc, const struct scroll_entry *e)
{
    if (!e)
        return NULL;
    struct snap_slot *sl = slot_of(sc, e->gen);
    if (!sl || !sl->snap || e->item >= sl->snap->n_stories)
        return NULL;
    return &sl->snap->stories[e->item];
}

static const struct story_snapshot *snap_of(struct scene *sc, const struct scroll_entry *e)
{
    struct snap_slot *sl = e ? slot_of(sc, e->gen) : NULL;
    return sl ? sl->snap : NULL;
}

static bool same_id(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return !strcmp(a, b);
}

/* The current card's picture that was still loading when the card was needed: when it has
 * come, the card is built again with it. True when it was. */
static bool late_picture(struct scene *sc, const struct story *cs, int64_t now,
                         const struct scroll_entry *ce)
{
    struct picture *pic = NULL;
    enum scene_picture_state st = sc->pics.get(sc->pics.ctx, sc->cur.late_id, sc->cur.late_src,
                                               sc->card.picture.w, sc->card.picture.h, &pic);
    if (st == SCENE_PICTURE_PENDING)
        return false;
    if (st != SCENE_PICTURE_READY || !pic || pic->w != sc->card.picture.w ||
        pic->h != sc->card.picture.h) {
        picture_free(pic);
        free(sc->cur.late_id);
        free(sc->cur.late_src);
        sc->cur.late_id = sc->cur.late_src = NULL;
        return false;
    }
    picture_free(sc->injected);
    free(sc->injected_id);
    sc->injected = pic;
    sc->injected_id = xstrdup(sc->cur.late_id);
    panel_build(sc, &sc->cur, cs, now, snap_of(sc, ce), ce ? ce->item : 0);
    return true;
}

/* Brings cur/prev up to date with the model; returns the cross-fade alpha of cur. */
static int panel_update(struct scene *sc, int64_t frame, int64_t now, bool *changed)
{
    const struct scroll_entry *ce = scroll_current(sc->scroll);
    const struct scroll_entry *pe = scroll_previous(sc->scroll);
    const struct story *cs = story_of(sc, ce);
    const struct story *ps = story_of(sc, pe);
    const char *cid = cs ? or_empty(cs->id) : NULL;
    const char *pid = ps ? or_empty(ps->id) : NULL;
    *changed = false;
    if (!sc->cur.valid || !same_id(sc->cur.id, cid)) {
        if (sc->prev.valid && same_id(sc->prev.id, cid)) {
            struct panel t = sc->cur;
            sc->cur = sc->prev;
            sc->prev = t;
        } else if (ce && sc->next.valid && !sc->next_job->active && sc->pf_gen == ce->gen &&
                   sc->pf_item == ce->item) {
            /* Built ahead: the frame that shows it does no text work. */
            panel_clear(&sc->prev);
            sc->prev = sc->cur;
            sc->cur = sc->next;
            memset(&sc->next, 0, sizeof sc->next);
            sc->pf_gen = 0;
        } else {
            struct panel t = sc->prev;
            sc->prev = sc->cur;
            sc->cur = t;
            panel_build(sc, &sc->cur, cs, now, snap_of(sc, ce), ce ? ce->item : 0);
        }
        *changed = true;
    }
    if (sc->cur.late_id && cs && same_id(sc->cur.id, cid))
        *changed |= late_picture(sc, cs, now, ce);
    if (panel_update_age(sc, &sc->cur, now))
        *changed = true;
    int64_t since = scroll_current_since(sc->scroll);
    int64_t t = frame - since;
    int alpha = 255;
    if (ce && sc->fade_frames > 0 && t >= 0 && t < sc->fade_frames) {
        alpha = (int)(255 * (t + 1) / (sc->fade_frames + 1));
        /* Fade from the story current before (built once when the fade needs it). */
        if (!sc->prev.valid || !same_id(sc->prev.id, pid)) {
            panel_build(sc, &sc->prev, ps, now, snap_of(sc, pe), pe ? pe->item : 0);
            *changed = true;
        } else if (panel_update_age(sc, &sc->prev, now)) {
            *changed = true;
        }
    }
    return alpha;
}

/* ---- header --------------------------------------------------------------------------------- */

static bool header_set(struct scene *sc, struct header_text *h, const char *text,
                       const struct text_style *st, uint32_t color)
{
    if (h->line && !strcmp(h->text, text) && h->color == color)
        return false;
    snprintf(h->text, sizeof h->text, "%s", text);
    textline_free(h->line);
    h->line = raster(sc, text, st);
    h->color = color;
    return true;
}

enum align { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER };

static void header_paint(struct scene *sc, struct layout_rect r, const struct header_text *h,
                         const struct text_style *st, enum align a, uint32_t bg)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    fill(sc, r, bg);
    int w = line_w(h->line);
    int x = a == ALIGN_LEFT ? 0 : a == ALIGN_RIGHT ? r.w - w : (r.w - w) / 2;
    draw_in(sc, r, h->line, x, line_top(sc, st, r.h), h->color, 255);
}

static void dirty_add(struct scene_dirty *d, struct layout_rect r)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    if (d->y0 == d->y1) {
        d->y0 = r.y;
        d->y1 = r.y + r.h;
        return;
    }
    if (r.y < d->y0)
        d->y0 = r.y;
    if (r.y + r.h > d->y1)
        d->y1 = r.y + r.h;
}

/* ---- band ------------------------------------------------------------------------------------ */

/* Paints the band's columns [x0, x1) (relative to the band) as they are at the current
 * position: the background, then every visible item clipped to those columns. */
static void band_paint_cols(struct scene *sc, int x0, int x1)
{
    const struct layout *l = &sc->lay;
    const struct theme_colors *c = &sc->theme.colors;
    struct layout_rect r = {l->band.x + x0, l->band.y, x1 - x0, l->band.h};
    fill(sc, r, c->band);
    const struct scroll_entry *e;
    size_t n = scroll_visible(sc->scroll, &e);
    int64_t pos = scroll_position(sc->scroll);
    int alpha = scroll_alpha(sc->scroll);
    int y = sc->band_text_y;
    if (n == 0) {
        draw_in(sc, r, sc->no_news_band, sc->lay.margin - x0, y, c->band_text, 255);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        struct band_item *bi = make_item(sc, e[i].gen, e[i].item);
        if (!bi)
            continue;
        int x = (sc->theme.reduced_motion ? sc->lay.margin : (int)(e[i].x - pos)) - x0;
        if (x >= r.w || x + bi->width <= 0)
            continue;
        if (bi->source) {
            draw_in(sc, r, bi->source, x, y, c->accent, alpha);
            x += line_w(bi->source) + sc->gap_small;
        }
        draw_in(sc, r, bi->title, x, y, c->band_text, alpha);
        x += line_w(bi->title) + sc->gap;
        draw_in(sc, r, bi->sep, x, y, c->separator, alpha);
    }
}

static void band_paint(struct scene *sc)
{
    band_paint_cols(sc, 0, sc->lay.band.w);
}

/*
 * The crawl moved `delta` pixels left: what stays on screen is already painted one frame
 * earlier, `delta` pixels to the right. Moving those pixels and painting only the new columns
 * at the right edge gives the same frame as painting it all (each pixel depends only on its
 * place on the strip), for a fraction of the blending.
 */
static void band_shift(struct scene *sc, int delta)
{
    const struct layout_rect b = sc->lay.band;
    /* Only the rows text can reach change; the rest of the band is its background. */
    for (int y = b.y + sc->band_ink_y0; y < b.y + sc->band_ink_y1; y++) {
        uint32_t *row = sc->fb + (size_t)y * (size_t)sc->w + b.x;
        memmove(row, row + delta, (size_t)(b.w - delta) * sizeof *row);
    }
    band_paint_cols(sc, b.w - delta, b.w);
}

/* ---- work ahead of need -------------------------------------------------------------------- */

static void band_prefetch_cancel(struct scene *sc)
{
    for (int i = 0; i < 3; i++)
        if (sc->bpf_ids[i])
            textline_queue_cancel(sc->queue, sc->bpf_ids[i]);
    memset(sc->bpf_ids, 0, sizeof sc->bpf_ids);
    sc->bpf_active = false;
}

static void prefetch_band(struct scene *sc)
{
    uint32_t g;
    size_t it;
    if (!scroll_peek_next(sc->scroll, &g, &it)) {
        band_prefetch_cancel(sc);
        return;
    }
    if (sc->bpf_active && (sc->bpf_gen != g || sc->bpf_item != it))
        band_prefetch_cancel(sc);
    if (!sc->bpf_active && !cached_item(sc, g, it)) {
        struct snap_slot *sl = slot_of(sc, g);
        if (!sl || !sl->snap || it >= sl->snap->n_stories)
            return;
        const struct story *st = &sl->snap->stories[it];
        if (st->source && st->source[0])
            sc->bpf_ids[0] =
                textline_queue_push(sc->queue, st->source, strlen(st->source), &sc->st_band_bold);
        const char *title = or_empty(st->title);
        sc->bpf_ids[1] = textline_queue_push(sc->queue, title, strlen(title), &sc->st_band);
        sc->bpf_ids[2] = textline_queue_push(sc->queue, sc->theme.separator,
                                             strlen(sc->theme.separator), &sc->st_band);
        sc->bpf_active = true;
        sc->bpf_gen = g;
        sc->bpf_item = it;
    }
    if (textline_queue_pending(sc->queue))
        textline_pump(sc->queue, PREFETCH_BAND_CPS);
}

static void prefetch_panel(struct scene *sc, int64_t now)
{
    if (sc->lay.panel.w <= 0)
        return;
    const struct scroll_entry *e;
    size_t n = scroll_strip(sc->scroll, &e);
    const struct scroll_entry *c = scroll_current(sc->scroll);
    uint32_t g;
    size_t it;
    bool have;
    if (c && !sc->theme.reduced_motion && (size_t)(c - e) + 1 < n) {
        g = c[1].gen;
        it = c[1].item;
        have = true;
    } else {
        have = scroll_peek_next(sc->scroll, &g, &it);
    }
    struct snap_slot *sl = have ? slot_of(sc, g) : NULL;
    if (!sl || !sl->snap || it >= sl->snap->n_stories)
        return;
    if (sc->pf_gen != g || sc->pf_item != it) {
        panel_job_start(sc, sc->next_job, &sc->next, &sl->snap->stories[it], now, sl->snap, it);
        sc->pf_gen = g;
        sc->pf_item = it;
    }
    for (int k = 0; k < PREFETCH_PANEL_STEPS && sc->next_job->active; k++)
        panel_job_step(sc, sc->next_job);
}

/* ---- frame ----------------------------------------------------------------------------------- */

void scene_render(struct scene *sc, int64_t frame, int64_t now_ms, struct scene_dirty *dirty)
{
    struct scene_dirty d = {0, 0};
    const struct layout *l = &sc->lay;
    const struct theme_colors *c = &sc->theme.colors;
    if (now_ms / 1000 != scene_clamp_time(now_ms / 1000))
        now_ms = scene_clamp_time(now_ms / 1000) * 1000;
    int64_t now = now_ms >= 0 ? now_ms / 1000 : -((-now_ms + 999) / 1000);

    scroll_advance(sc->scroll, frame, item_width, sc);

    if (sc->first) {
        fill(sc, (struct layout_rect){0, 0, sc->w, sc->h}, c->background);
        fill(sc, l->band_bg, c->band);
        fill(sc, l->accent, c->accent);
        d.y0 = 0;
        d.y1 = sc->h;
    }

    /* Header: clock, date, status. */
    char text[128];
    enum theme_locale loc = sc->theme.locale;
    bool band_only = l->kind == LAYOUT_BAND;
    uint32_t hdr_bg = band_only ? c->band : c->background;
    if (l->clock.w > 0) {
        age_clock(text, sizeof text, now, sc->utc_offset, sc->theme.clock_24h);
        if (header_set(sc, &sc->clock, text, &sc->st_clock, c->text) || sc->first) {
            enum align a = l->kind == LAYOUT_PORTRAIT ? ALIGN_LEFT
                           : band_only                ? ALIGN_CENTER
                                                      : ALIGN_RIGHT;
            header_paint(sc, l->clock, &sc->clock, &sc->st_clock, a, hdr_bg);
            dirty_add(&d, l->clock);
        }
    }
    if (l->date.w > 0 && l->date.h > 0) {
        age_date(text, sizeof text, now, sc->utc_offset, loc);
        if (header_set(sc, &sc->date, text, &sc->st_date, c->muted) || sc->first) {
            enum align a = l->kind == LAYOUT_PORTRAIT ? ALIGN_LEFT : ALIGN_RIGHT;
            header_paint(sc, l->date, &sc->date, &sc->st_date, a, hdr_bg);
            dirty_add(&d, l->date);
        }
    }
    if (l->status.w > 0) {
        age_status(text, sizeof text, sc->offline, sc->offline_since, sc->last_success, now,
                   sc->utc_offset, loc, sc->theme.clock_24h, l->status_compact);
        /* Offline is news the viewer should notice: the accent colour. */
        uint32_t col = sc->offline ? c->accent : c->muted;
        if (header_set(sc, &sc->status, text, &sc->st_status, col) || sc->first) {
            enum align a = l->kind == LAYOUT_LANDSCAPE ? ALIGN_LEFT
                           : band_only                 ? ALIGN_CENTER
                                                       : ALIGN_RIGHT;
            header_paint(sc, l->status, &sc->status, &sc->st_status, a, hdr_bg);
            dirty_add(&d, l->status);
        }
    }

    /* Story panel. */
    if (l->panel.w > 0) {
        bool changed;
        int alpha = panel_update(sc, frame, now, &changed);
        if (changed || alpha != sc->last_panel_alpha || sc->first) {
            panel_paint(sc, alpha);
            dirty_add(&d, l->panel);
            sc->last_panel_alpha = alpha;
        }
    }

    /* Band: redrawn when it moved, faded or shows another item. */
    const struct scroll_entry *e;
    size_t nvis = scroll_visible(sc->scroll, &e);
    int balpha = nvis ? scroll_alpha(sc->scroll) : -2;
    int64_t key = !nvis                      ? -1
                  : sc->theme.reduced_motion ? (int64_t)(((uint64_t)e[0].gen << 32) ^ e[0].item)
                                             : scroll_position(sc->scroll);
    if (sc->first || key != sc->last_band_key || balpha != sc->last_band_alpha) {
        int64_t delta = key - sc->last_band_key;
        if (!sc->first && sc->band_crawled && nvis && !sc->theme.reduced_motion &&
            balpha == sc->last_band_alpha && delta > 0 && delta < l->band.w) {
            band_shift(sc, (int)delta);
            dirty_add(&d, (struct layout_rect){l->band.x, l->band.y + sc->band_ink_y0, l->band.w,
                                               sc->band_ink_y1 - sc->band_ink_y0});
        } else {
            band_paint(sc);
            dirty_add(&d, l->band);
        }
    }
    sc->last_band_key = key;
    sc->last_band_alpha = balpha;
    /* The band's pixels show the crawl at position `key` (not the no-news line). */
    sc->band_crawled = nvis > 0 && !sc->theme.reduced_motion;

    collect(sc);
    prefetch_band(sc);
    prefetch_panel(sc, now);
    sc->first = false;
    if (dirty)
        *dirty = d;
}

/* ---- life cycle -------------------------------------------------------------------------------
 */

static double speed_px_s(struct scene *sc)
{
    const struct theme *t = &sc->theme;
    switch (t->speed_unit) {
    case THEME_SPEED_PX_S:
        return t->speed;
    case THEME_SPEED_HEIGHT:
        return t->speed * sc->lay.ref_h;
    case THEME_SPEED_CPS: {
        /* Characters per second at the band font's average advance over typical text. */
        static const char sample[] = "Die Nachrichten des Tages, the news of the day 2026";
        struct textline *l = raster(sc, sample, &sc->st_band);
        double avg = (double)line_w(l) / (double)(sizeof sample - 1);
        textline_free(l);
        return t->speed * avg;
    }
    }
    return 100;
}

struct scene *scene_new(const struct scene_config *cfg, struct error *err)
{
    struct scene *sc = xcalloc(1, sizeof *sc);
    sc->theme = *cfg->theme;
    if (!layout_compute(&sc->lay, cfg->width, cfg->height, &sc->theme, err)) {
        free(sc);
        return NULL;
    }
    const struct layout *l = &sc->lay;
    sc->fonts = cfg->fonts;
    sc->max_w = cfg->max_texture_w >= 64 ? cfg->max_texture_w : 2048;
    sc->utc_offset = cfg->utc_offset_s;
    sc->w = cfg->width;
    sc->h = cfg->height;
    sc->pitch = sc->w * 4;
    sc->fb = xcalloc((size_t)sc->w * (size_t)sc->h, 4);
    sc->next_gen = 1;
    sc->first = true;
    sc->last_panel_alpha = -1;
    sc->last_band_alpha = -1;

    sc->st_band = (struct text_style){clamp_px(l->band_px), false};
    sc->st_band_bold = (struct text_style){clamp_px(l->band_px), true};
    sc->st_head = (struct text_style){clamp_px(l->headline_px), true};
    sc->st_meta = (struct text_style){clamp_px(l->meta_px), false};
    sc->st_meta_bold = (struct text_style){clamp_px(l->meta_px), true};
    sc->st_sum = (struct text_style){clamp_px(l->summary_px), false};
    sc->st_clock = (struct text_style){clamp_px(l->clock_px), true};
    sc->st_date = (struct text_style){clamp_px(l->date_px), false};
    sc->st_status = (struct text_style){clamp_px(l->status_px), false};
    struct font_metrics m;
    if (!font_set_metrics(sc->fonts, &sc->st_band, &m)) {
        error_set(err, "the main font cannot be opened at %d px", sc->st_band.px);
        free(sc->fb);
        free(sc);
        return NULL;
    }
    sc->band_text_y = (l->band.h - m.height) / 2;
    /* Lines are m.height rows (textline.h), clipped to the band. */
    sc->band_ink_y0 = sc->band_text_y > 0 ? sc->band_text_y : 0;
    sc->band_ink_y1 =
        sc->band_text_y + m.height < l->band.h ? sc->band_text_y + m.height : l->band.h;
    sc->gap_small = l->band_px * 6 / 10;
    sc->gap = l->band_px;

    double hz = cfg->refresh_hz > 0 ? cfg->refresh_hz : 60;
    sc->step = scroll_step(speed_px_s(sc), 1.0 / hz);
    sc->fade_frames = (int64_t)(sc->theme.fade_ms * hz / 1000.0 + 0.5);
    struct scroll_params sp = {
        .step = sc->step,
        .band_w = l->band.w,
        .point_x = (int)(sc->theme.current_point * l->band.w),
        .reduced_motion = sc->theme.reduced_motion,
        .hold_frames = (int64_t)(sc->theme.hold_ms * hz / 1000.0 + 0.5),
        .fade_frames = sc->fade_frames,
    };
    if (sp.point_x >= l->band.w)
        sp.point_x = l->band.w - 1;
    sc->scroll = scroll_new(&sp);
    sc->no_news_band = raster(sc, age_no_news(sc->theme.locale), &sc->st_band);
    sc->queue = textline_queue_new(sc->fonts, sc->max_w);
    card_plan_make(&sc->lay, &sc->theme, &sc->card);
    if (cfg->pictures && cfg->pictures->get) {
        sc->pics = *cfg->pictures;
        sc->have_pics = true;
    }
    sc->next_job = xcalloc(1, sizeof *sc->next_job);
    return sc;
}

void scene_free(struct scene *sc)
{
    if (!sc)
        return;
    for (size_t i = 0; i < sc->n_items; i++)
        free_item(&sc->items[i]);
    free(sc->items);
    for (size_t i = 0; i < sc->n_slots; i++) {
        story_snapshot_free(sc->slots[i].snap);
        free(sc->slots[i].widths);
    }
    free(sc->slots);
    panel_clear(&sc->cur);
    panel_clear(&sc->prev);
    picture_free(sc->injected);
    free(sc->injected_id);
    panel_job_free(sc->next_job);
    free(sc->next_job);
    panel_clear(&sc->next);
    textline_queue_free(sc->queue);
    textline_free(sc->clock.line);
    textline_free(sc->date.line);
    textline_free(sc->status.line);
    textline_free(sc->no_news_band);
    story_snapshot_free(sc->feed_state);
    scroll_free(sc->scroll);
    free(sc->fb);
    free(sc);
}

const uint32_t *scene_pixels(const struct scene *sc, int *pitch)
{
    if (pitch)
        *pitch = sc->pitch;
    return sc->fb;
}

const struct layout *scene_layout(const struct scene *sc)
{
    return &sc->lay;
}

const struct theme *scene_theme(const struct scene *sc)
{
    return &sc->theme;
}

int scene_step(const struct scene *sc)
{
    return sc->step;
}

size_t scene_missing_glyphs(const struct scene *sc)
{
    return sc->missing;
}

const char *scene_current_id(const struct scene *sc)
{
    return sc->cur.valid ? sc->cur.id : NULL;
}

void scene_set_utc_offset(struct scene *sc, int utc_offset_s)
{
    sc->utc_offset = utc_offset_s;
}

void scene_set_refresh(struct scene *sc, double refresh_hz)
{
    double hz = refresh_hz > 0 ? refresh_hz : 60;
    sc->step = scroll_step(speed_px_s(sc), 1.0 / hz);
    sc->fade_frames = (int64_t)(sc->theme.fade_ms * hz / 1000.0 + 0.5);
    scroll_set_timing(sc->scroll, sc->step, (int64_t)(sc->theme.hold_ms * hz / 1000.0 + 0.5),
                      sc->fade_frames);
}

bool scene_jump(struct scene *sc, int dir)
{
    return scroll_jump(sc->scroll, dir, item_width, sc);
}
