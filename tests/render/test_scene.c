/*
 * The picture, checked from its pixels: the band moves by exactly the step between frames (and
 * by k steps over a missed vsync), text stays inside its areas, text contrast is at least 7:1,
 * no fixture string needs a missing-glyph box, every screen shape renders, the panel
 * cross-fades, a frame is the same whether or not the frames before it were rendered, and an
 * empty or offline screen says so.
 */
#include "check.h"
#include "testutil.h"
#include "core/feed.h"
#include "core/sha256.h"
#include "core/util.h"
#include "render/headless.h"
#include "render/scene.h"
#include "render/textline.h"

#include <stdlib.h>

static const char *const fixtures[] = {"de.xml", "en.xml",  "wide.xml", "ar.xml",
                                       "he.xml", "cjk.xml", "emoji.xml"};

/* 2026-11-27T14:35:00+01:00 */
#define NOW_MS (INT64_C(1795786500) * 1000)

static struct story_snapshot *load_some(const char *const *names, size_t n_names);

static struct story_snapshot *load_fixtures(void)
{
    return load_some(fixtures, ARRAY_LEN(fixtures));
}

static struct story_snapshot *load_some(const char *const *names, size_t n_names)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    s->stories = xcalloc(64, sizeof *s->stories);
    for (size_t f = 0; f < n_names; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/render/%s", TICKER_TEST_DATA, names[f]);
        size_t len;
        char *data = read_file(path, &len);
        CHECK_MSG(data != NULL, "cannot read %s", path);
        if (!data)
            continue;
        struct error fe = {0};
        struct feed *feed = feed_parse(data, len, NULL, &fe);
        free(data);
        CHECK_MSG(feed != NULL, "%s: %s", path, fe.msg);
        if (!feed)
            continue;
        /* A fixture that gives no stories would let comparisons pass on empty screens. */
        CHECK_MSG(feed->n_items > 0, "%s: no items", path);
        for (size_t i = 0; i < feed->n_items && s->n_stories < 64; i++) {
            struct story *st = &s->stories[s->n_stories++];
            st->id = xasprintf("%zu:%s", f, feed->items[i].id);
            st->source = xstrdup(feed->title);
            st->title = xstrdup(feed->items[i].title);
            st->summary = feed->items[i].summary ? xstrdup(feed->items[i].summary) : NULL;
            st->published = feed->items[i].published != FEED_TIME_NONE ? feed->items[i].published
                                                                       : feed->items[i].updated;
        }
        feed_free(feed);
    }
    s->last_success = NOW_MS / 1000;
    return s;
}

struct fixture {
    struct font_set *fonts;
};

static struct scene *make_scene(struct font_set *fonts, const struct theme *t, int w, int h,
                                struct story_snapshot *snap)
{
    struct error err = {0};
    struct scene_config cfg = {
        .theme = t,
        .width = w,
        .height = h,
        .fonts = fonts,
        .max_texture_w = TEXTLINE_HEADLESS_MAX_W,
        .refresh_hz = 60,
        .utc_offset_s = 3600,
    };
    struct scene *sc = scene_new(&cfg, &err);
    CHECK_MSG(sc != NULL, "%dx%d: %s", w, h, err.msg);
    if (sc)
        scene_set_snapshot(sc, snap);
    else
        story_snapshot_free(snap);
    return sc;
}

static uint32_t px_at(struct scene *sc, int x, int y)
{
    int pitch;
    const uint32_t *p = scene_pixels(sc, &pitch);
    return ((const uint32_t *)((const char *)p + (size_t)y * (size_t)pitch))[x];
}

static void hash_of(struct scene *sc, char out[65])
{
    int pitch;
    const uint32_t *p = scene_pixels(sc, &pitch);
    const struct layout *l = scene_layout(sc);
    headless_frame_hash(p, l->width, l->height, pitch, out);
}

/* Copies the band's pixels (band.w x band.h). */
static uint32_t *band_copy(struct scene *sc)
{
    const struct layout *l = scene_layout(sc);
    uint32_t *b = xmalloc((size_t)l->band.w * (size_t)l->band.h * 4);
    for (int y = 0; y < l->band.h; y++)
        for (int x = 0; x < l->band.w; x++)
            b[(size_t)y * (size_t)l->band.w + x] = px_at(sc, l->band.x + x, l->band.y + y);
    return b;
}

/* The shift s >= 0 with cur[x] == prev[x + s] over the band (the columns that stay visible),
 * or -1 when no shift up to max_shift maps prev onto cur. */
static int find_shift(const uint32_t *prev, const uint32_t *cur, int w, int h, int max_shift)
{
    for (int s = 0; s <= max_shift && s < w; s++) {
        bool ok = true;
        for (int y = 0; y < h && ok; y++)
            for (int x = 0; x + s < w && ok; x++)
                ok = cur[(size_t)y * (size_t)w + x] == prev[(size_t)y * (size_t)w + x + s];
        if (ok)
            return s;
    }
    return -1;
}

static void test_motion(struct font_set *fonts, int w, int h, struct story_snapshot *snap,
                        int want_step, int64_t start)
{
    struct theme t;
    theme_default(&t);
    struct scene *sc = make_scene(fonts, &t, w, h, snap);
    if (!sc)
        return;
    const struct layout *l = scene_layout(sc);
    int step = scene_step(sc);
    CHECK_INT(step, want_step);
    scene_render(sc, start, NOW_MS, NULL);
    uint32_t *prev = band_copy(sc);
    int64_t frame = start;
    int bad = 0;
    for (int i = 0; i < 240; i++) {
        /* Every 50th frame misses two vsyncs: the band must advance by three steps. */
        int64_t adv = i % 50 == 49 ? 3 : 1;
        frame += adv;
        scene_render(sc, frame, NOW_MS + frame * 1000 / 60, NULL);
        uint32_t *cur = band_copy(sc);
        int s = find_shift(prev, cur, l->band.w, l->band.h, 4 * step);
        if (s != step * adv)
            bad++;
        if (s != step * adv)
            fprintf(stderr, "frame %lld: band shifted %d px, want %lld\n", (long long)frame, s,
                    (long long)(step * adv));
        free(prev);
        prev = cur;
    }
    CHECK_INT(bad, 0);
    free(prev);
    scene_free(sc);
}

static bool in_rect(struct layout_rect r, int x, int y)
{
    return r.w > 0 && r.h > 0 && x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* Pixels outside the text areas show only the surfaces' own colours. */
static void check_areas(struct scene *sc, const char *name)
{
    const struct layout *l = scene_layout(sc);
    const struct theme_colors *c = &scene_theme(sc)->colors;
    int stray = 0;
    int pitch;
    const char *base = (const char *)scene_pixels(sc, &pitch);
    for (int y = 0; y < l->height; y++) {
        const uint32_t *row = (const uint32_t *)(base + (size_t)y * (size_t)pitch);
        for (int x = 0; x < l->width; x++) {
            uint32_t p = row[x];
            if (in_rect(l->band, x, y) || in_rect(l->clock, x, y) || in_rect(l->date, x, y) ||
                in_rect(l->status, x, y) || in_rect(l->meta, x, y) || in_rect(l->headline, x, y) ||
                in_rect(l->summary, x, y))
                continue;
            bool ok;
            if (in_rect(l->accent, x, y))
                ok = p == c->accent;
            else if (in_rect(l->panel, x, y))
                ok = p == c->panel || p == c->accent || p == c->background;
            else if (in_rect(l->band_bg, x, y))
                ok = p == c->band;
            else
                ok = p == c->background;
            if (!ok && stray++ < 3)
                fprintf(stderr, "%s: pixel %08x at %d,%d outside every text area\n", name, p, x, y);
        }
    }
    CHECK_MSG(stray == 0, "%s: %d stray pixels", name, stray);
}

/* The strongest contrast between a pixel in r and the surface colour: text at full coverage
 * is drawn in its exact colour, so this is the text colour's contrast. */
static double best_contrast(struct scene *sc, struct layout_rect r, uint32_t bg, bool *has_fg,
                            uint32_t fg)
{
    double best = 1;
    *has_fg = false;
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            uint32_t p = px_at(sc, x, y);
            if (p == fg)
                *has_fg = true;
            double c = theme_contrast(p, bg);
            if (c > best)
                best = c;
        }
    return best;
}

static void test_layouts(struct font_set *fonts)
{
    static const struct {
        int w, h;
        enum theme_layout layout;
    } sizes[] = {{1280, 720, THEME_LAYOUT_AUTO},  {1920, 1080, THEME_LAYOUT_AUTO},
                 {3840, 2160, THEME_LAYOUT_AUTO}, {1080, 1920, THEME_LAYOUT_AUTO},
                 {1920, 360, THEME_LAYOUT_AUTO},  {1920, 360, THEME_LAYOUT_BAND}};
    for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
        struct theme t;
        theme_default(&t);
        t.layout = sizes[i].layout;
        struct scene *sc = make_scene(fonts, &t, sizes[i].w, sizes[i].h, load_fixtures());
        if (!sc)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%dx%d/%s", sizes[i].w, sizes[i].h,
                 layout_kind_name(scene_layout(sc)->kind));
        /* A frame mid-way, then one in a cross-fade would also do; frame 0 shows the most. */
        scene_render(sc, 0, NOW_MS, NULL);
        check_areas(sc, name);
        const struct layout *l = scene_layout(sc);
        const struct theme_colors *c = &t.colors;
        bool has;
        double band_c = best_contrast(sc, l->band, c->band, &has, c->band_text);
        CHECK_MSG(band_c >= 7.0 && has, "%s: band text contrast %.2f", name, band_c);
        if (l->headline.w > 0) {
            uint32_t bg = l->kind == LAYOUT_BAR ? c->background : c->panel;
            double hc = best_contrast(sc, l->headline, bg, &has, c->text);
            CHECK_MSG(hc >= 7.0 && has, "%s: headline contrast %.2f", name, hc);
        }
        if (l->clock.w > 0) {
            uint32_t bg = l->kind == LAYOUT_BAND ? c->band : c->background;
            double cc = best_contrast(sc, l->clock, bg, &has, c->text);
            CHECK_MSG(cc >= 7.0 && has, "%s: clock contrast %.2f", name, cc);
        }
        /* Run a while: every item passes the band's edge (and is rasterised, even between the
         * frames drawn here), so every fixture string is checked. */
        for (int64_t f = 1; f < 4000; f += 97)
            scene_render(sc, f, NOW_MS + f * 1000 / 60, NULL);
        check_areas(sc, name);
        CHECK_MSG(scene_missing_glyphs(sc) == 0, "%s: %zu missing glyphs", name,
                  scene_missing_glyphs(sc));
        scene_free(sc);
    }
}

/* Portrait reads top down: below the headline, the summary and the up-next list follow each
 * other without a hole; the free room is at the card's foot. Checked from the pixels: rows of
 * the summary area that hold any ink, and the widest ink-free run between two inked rows. */
static void test_portrait_flow(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    struct scene *sc = make_scene(fonts, &t, 1080, 1920, load_fixtures());
    if (!sc)
        return;
    const struct layout *l = scene_layout(sc);
    CHECK_INT(l->kind, LAYOUT_PORTRAIT);
    scene_render(sc, 0, NOW_MS, NULL);
    int first = -1, last = -1, widest = 0, run = 0;
    for (int y = l->summary.y; y < l->summary.y + l->summary.h; y++) {
        bool ink = false;
        for (int x = l->summary.x; x < l->summary.x + l->summary.w && !ink; x++)
            ink = px_at(sc, x, y) != t.colors.panel;
        if (!ink) {
            run++;
            continue;
        }
        if (first < 0)
            first = y;
        else if (run > widest)
            widest = run;
        last = y;
        run = 0;
    }
    int sh = layout_line_height(l->summary_px);
    CHECK_MSG(first >= 0, "portrait: nothing below the headline");
    /* The rule, the label and at least two rows: the list is there. */
    CHECK_MSG(last - first > 6 * sh, "portrait: ink only over %d px", last - first);
    CHECK_MSG(widest <= 2 * sh, "portrait: a %d px hole between summary and list", widest);
    CHECK_MSG(l->summary.y + l->summary.h - last > 2 * sh, "portrait: list not after the summary");
    scene_free(sc);
}

/* Frame K is the same whether rendered after frames 0..K-1 or alone (headless --start-frame),
 * including frames in the middle of a cross-fade. */
static void test_start_frame(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    struct scene *a = make_scene(fonts, &t, 1280, 720, load_fixtures());
    if (!a)
        return;
    const char *id0 = NULL;
    int64_t change = -1;
    char *first_id = NULL;
    for (int64_t f = 0; f < 3000 && change < 0; f++) {
        scene_render(a, f, NOW_MS + f * 1000 / 60, NULL);
        id0 = scene_current_id(a);
        if (!first_id)
            first_id = xstrdup(id0 ? id0 : "");
        else if (id0 && strcmp(id0, first_id))
            change = f;
    }
    CHECK_MSG(change > 0, "the current story never changed");
    /* Into the fade: the panel differs from both its start and its end. */
    int64_t probe[] = {change + 3, change + 10, change + 60};
    for (size_t i = 0; i < ARRAY_LEN(probe); i++) {
        for (int64_t f = change + 1; f <= probe[i]; f++)
            scene_render(a, f, NOW_MS + f * 1000 / 60, NULL);
        char ha[65], hb[65];
        hash_of(a, ha);
        struct scene *b = make_scene(fonts, &t, 1280, 720, load_fixtures());
        scene_render(b, probe[i], NOW_MS + probe[i] * 1000 / 60, NULL);
        hash_of(b, hb);
        CHECK_MSG(!strcmp(ha, hb), "frame %lld differs when rendered alone", (long long)probe[i]);
        scene_free(b);
    }
    free(first_id);
    scene_free(a);
}

/* Far out (a frame 10^11 and the largest --start-frame): a frame rendered alone equals the same
 * frame reached from 120 frames before it (test_scroll checks the model against every frame
 * stepped from 0). */
static void test_start_frame_far(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    static const int64_t fars[] = {INT64_C(100000000000), (INT64_C(1) << 40) + 10000000};
    for (size_t i = 0; i < ARRAY_LEN(fars); i++) {
        int64_t k = fars[i];
        struct scene *a = make_scene(fonts, &t, 640, 360, load_fixtures());
        struct scene *b = make_scene(fonts, &t, 640, 360, load_fixtures());
        if (!a || !b)
            return;
        scene_render(a, k, NOW_MS + k / 60 * 1000, NULL);
        for (int64_t f = k - 120; f <= k; f++)
            scene_render(b, f, NOW_MS + f / 60 * 1000, NULL);
        char ha[65], hb[65];
        hash_of(a, ha);
        hash_of(b, hb);
        CHECK_MSG(!strcmp(ha, hb), "frame %lld alone differs from it reached from %lld",
                  (long long)k, (long long)(k - 120));
        scene_free(a);
        scene_free(b);
    }
}

/* Times at the ends of int64 (a cache's year 292 billion): clamped where they enter, so the
 * frame renders with its text (and UBSan sees no overflow). */
static void test_extreme_times(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    static const int64_t nows[] = {INT64_MAX, INT64_MIN, 0, NOW_MS};
    for (size_t i = 0; i < ARRAY_LEN(nows); i++) {
        struct story_snapshot *s = load_fixtures();
        for (size_t k = 0; k < s->n_stories; k++)
            s->stories[k].published = k % 2 ? INT64_MAX : INT64_MIN;
        s->last_success = INT64_MAX;
        s->offline_since = INT64_MIN;
        s->offline = i % 2;
        struct scene *sc = make_scene(fonts, &t, 1280, 720, s);
        if (!sc)
            continue;
        scene_render(sc, 0, nows[i], NULL);
        scene_render(sc, 100, nows[i], NULL);
        const struct layout *l = scene_layout(sc);
        bool has;
        double bc = best_contrast(sc, l->band, t.colors.band, &has, t.colors.band_text);
        CHECK_MSG(bc >= 7.0 && has, "now %lld: no band text", (long long)nows[i]);
        double hc = best_contrast(sc, l->headline, t.colors.panel, &has, t.colors.text);
        CHECK_MSG(hc >= 7.0 && has, "now %lld: no headline", (long long)nows[i]);
        scene_free(sc);
    }
    CHECK_INT(scene_clamp_time(INT64_MAX), SCENE_TIME_MAX);
    CHECK_INT(scene_clamp_time(INT64_MIN), SCENE_TIME_MIN);
    CHECK_INT(scene_clamp_time(1795786500), 1795786500);
}

/* The panel aligns a headline by the direction textline lays it out in (one rule, fribidi):
 * "हिन्दी عربى" is left to right (flush left), "عربى हिन्दी" right to left (flush right). */
static void test_panel_direction(struct font_set *fonts)
{
    static const struct {
        const char *title;
        bool right;
    } cases[] = {
        {"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80 "
         "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x89",
         false},
        {"\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x89 "
         "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80",
         true},
        {"\xcc\x81 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", true}, /* a mark, then Hebrew */
    };
    struct theme t;
    theme_default(&t);
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct story_snapshot *s = xcalloc(1, sizeof *s);
        s->stories = xcalloc(1, sizeof *s->stories);
        s->n_stories = 1;
        s->stories[0].id = xstrdup("dir");
        s->stories[0].title = xstrdup(cases[i].title);
        s->stories[0].published = NOW_MS / 1000;
        struct scene *sc = make_scene(fonts, &t, 1280, 720, s);
        if (!sc)
            continue;
        scene_render(sc, 0, NOW_MS, NULL);
        const struct layout *l = scene_layout(sc);
        int x0 = -1, x1 = -1;
        for (int x = l->headline.x; x < l->headline.x + l->headline.w; x++)
            for (int y = l->headline.y; y < l->headline.y + l->headline.h; y++)
                if (px_at(sc, x, y) != t.colors.panel) {
                    if (x0 < 0)
                        x0 = x;
                    x1 = x;
                    break;
                }
        int left = x0 - l->headline.x, right = l->headline.x + l->headline.w - 1 - x1;
        CHECK_MSG(x0 >= 0 && (cases[i].right ? right < 8 && left > 100 : left < 8 && right > 100),
                  "case %zu (%s): ink from %d px after the left edge to %d px before the right", i,
                  cases[i].right ? "flush right" : "flush left", left, right);
        scene_free(sc);
    }
}

static void test_crossfade(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    t.fade_ms = 500; /* 30 frames */
    struct scene *sc = make_scene(fonts, &t, 1280, 720, load_fixtures());
    if (!sc)
        return;
    const struct layout *l = scene_layout(sc);
    char *first = NULL;
    int64_t change = -1;
    for (int64_t f = 0; f < 3000 && change < 0; f++) {
        scene_render(sc, f, NOW_MS, NULL);
        const char *id = scene_current_id(sc);
        if (!first)
            first = xstrdup(id ? id : "");
        else if (id && strcmp(id, first))
            change = f;
    }
    CHECK(change > 0);
    /* The panel's pixels change on every frame of the fade, and then stay. */
    size_t row_bytes = (size_t)l->panel.w * 4;
    uint8_t *before = xcalloc((size_t)l->panel.h, row_bytes);
    uint8_t *now_px = xmalloc((size_t)l->panel.h * row_bytes);
    int changes = 0;
    for (int64_t f = change + 1; f < change + 45; f++) {
        struct scene_dirty dirty;
        scene_render(sc, f, NOW_MS, &dirty);
        int pitch;
        const char *px = (const char *)scene_pixels(sc, &pitch);
        for (int y = 0; y < l->panel.h; y++)
            memcpy(now_px + (size_t)y * row_bytes,
                   px + (size_t)(l->panel.y + y) * (size_t)pitch + (size_t)l->panel.x * 4,
                   row_bytes);
        if (memcmp(now_px, before, (size_t)l->panel.h * row_bytes))
            changes++;
        memcpy(before, now_px, (size_t)l->panel.h * row_bytes);
        if (f > change + 31)
            CHECK_MSG(!(dirty.y0 <= l->panel.y && dirty.y1 >= l->panel.y + l->panel.h),
                      "frame %lld redrew the panel after the fade", (long long)f);
    }
    free(before);
    free(now_px);
    CHECK_MSG(changes >= 25 && changes <= 31, "panel changed on %d frames", changes);
    free(first);
    scene_free(sc);
}

static void test_empty_and_offline(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    for (int offline = 0; offline < 2; offline++) {
        struct story_snapshot *s = xcalloc(1, sizeof *s);
        s->offline = offline;
        s->last_success = offline ? NOW_MS / 1000 - 3600 : 0;
        struct scene *sc = make_scene(fonts, &t, 1280, 720, s);
        if (!sc)
            continue;
        scene_render(sc, 0, NOW_MS, NULL);
        scene_render(sc, 10, NOW_MS, NULL);
        const struct layout *l = scene_layout(sc);
        bool has;
        /* "Noch keine Nachrichten" in the band and the panel: never a blank screen. */
        CHECK_MSG(best_contrast(sc, l->band, t.colors.band, &has, t.colors.band_text) >= 7 && has,
                  "offline=%d: no text in the band", offline);
        CHECK_MSG(best_contrast(sc, l->headline, t.colors.panel, &has, t.colors.text) >= 7 && has,
                  "offline=%d: no headline in the panel", offline);
        /* The status line: offline in the accent colour. */
        best_contrast(sc, l->status, t.colors.background, &has,
                      offline ? t.colors.accent : t.colors.muted);
        CHECK_MSG(has, "offline=%d: status colour missing", offline);
        check_areas(sc, offline ? "offline" : "empty");
        scene_free(sc);
    }
    /* Offline with cached stories: the stories run, the status shows their age. */
    struct story_snapshot *s = load_fixtures();
    s->offline = true;
    struct scene *sc = make_scene(fonts, &t, 1920, 1080, s);
    if (sc) {
        scene_render(sc, 0, NOW_MS, NULL);
        bool has;
        best_contrast(sc, scene_layout(sc)->status, t.colors.background, &has, t.colors.accent);
        CHECK(has);
        scene_free(sc);
    }
}

/* Steady-state frames touch only the band's rows, and render without allocating new
 * rasters while no item enters (checked through the dirty rows). */
static void test_dirty_rows(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    struct scene *sc = make_scene(fonts, &t, 1920, 1080, load_fixtures());
    if (!sc)
        return;
    const struct layout *l = scene_layout(sc);
    struct scene_dirty d;
    scene_render(sc, 0, NOW_MS, &d);
    CHECK(d.y0 == 0 && d.y1 == 1080);
    /* Within the band: only the rows its text can reach (the crawl moves pixels it already
     * painted and paints the new columns; the band's margins above and below stay). */
    scene_render(sc, 1, NOW_MS, &d);
    CHECK(d.y0 >= l->band.y && d.y1 <= l->band.y + l->band.h && d.y0 < d.y1);
    CHECK(d.y1 - d.y0 >= l->band_px);
    scene_free(sc);
}

static void test_reduced_motion(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    t.reduced_motion = true;
    t.hold_ms = 2000;
    t.fade_ms = 250;
    struct scene *sc = make_scene(fonts, &t, 1280, 720, load_fixtures());
    if (!sc)
        return;
    const struct layout *l = scene_layout(sc);
    scene_render(sc, 30, NOW_MS, NULL);
    /* The held item is on screen: an empty band would also be "held". */
    bool has;
    double bc = best_contrast(sc, l->band, t.colors.band, &has, t.colors.band_text);
    CHECK_MSG(bc >= 7.0 && has, "reduced motion: no band text (contrast %.2f)", bc);
    uint32_t *a = band_copy(sc);
    scene_render(sc, 60, NOW_MS, NULL);
    uint32_t *b = band_copy(sc);
    /* Held: the band does not move. */
    CHECK(!memcmp(a, b, (size_t)l->band.w * (size_t)l->band.h * 4));
    scene_render(sc, 119, NOW_MS, NULL); /* fading out */
    uint32_t *c = band_copy(sc);
    CHECK(memcmp(b, c, (size_t)l->band.w * (size_t)l->band.h * 4) != 0);
    free(a);
    free(b);
    free(c);
    scene_free(sc);
}

/* A refreshed snapshot with the same stories changes nothing on screen (the crawl continues
 * after the story it was on); one with a new story shows it within a cycle, and nothing on
 * screen jumps when it is adopted. */
static void test_snapshot_handoff(struct font_set *fonts)
{
    struct theme t;
    theme_default(&t);
    struct scene *a = make_scene(fonts, &t, 1280, 720, load_fixtures());
    struct scene *b = make_scene(fonts, &t, 1280, 720, load_fixtures());
    if (!a || !b)
        return;
    int differ = 0;
    /* Every fifth frame (the others count as missed vsyncs): cheap under sanitizers. */
    for (int64_t f = 0; f < 2400; f += 5) {
        if (f == 100)
            scene_set_snapshot(b, load_fixtures());
        scene_render(a, f, NOW_MS, NULL);
        scene_render(b, f, NOW_MS, NULL);
        if (f % 50 == 0) {
            int pitch;
            const uint32_t *pa = scene_pixels(a, &pitch), *pb = scene_pixels(b, &pitch);
            differ += memcmp(pa, pb, (size_t)pitch * (size_t)scene_layout(a)->height) != 0;
        }
    }
    CHECK_MSG(differ == 0, "%d sampled frames differ after an identical refresh", differ);
    scene_free(a);

    /* A breaking story arrives: the band moves on by exactly one step at the hand-off, and
     * the new story becomes current later. */
    struct story_snapshot *s = load_fixtures();
    struct story *st = &s->stories[s->n_stories++];
    st->id = xstrdup("breaking-1");
    st->source = xstrdup("Eilmeldung");
    st->title = xstrdup("Neue Schlagzeile erscheint ohne Sprung im Laufband");
    st->published = NOW_MS / 1000;
    const struct layout *l = scene_layout(b);
    scene_render(b, 2399, NOW_MS, NULL);
    uint32_t *prev = band_copy(b);
    scene_set_snapshot(b, s);
    bool seen = false;
    int jumps = 0;
    /* A cycle of the fixtures is about 25000 px; after the hand-off, jump 30 frames at a time
     * (a story stays current for hundreds of frames). */
    for (int64_t f = 2400; f < 20000; f += f < 2460 ? 1 : 30) {
        scene_render(b, f, NOW_MS, NULL);
        if (f < 2460) {
            uint32_t *cur = band_copy(b);
            jumps += find_shift(prev, cur, l->band.w, l->band.h, 8) != scene_step(b);
            free(prev);
            prev = cur;
        }
        const char *id = scene_current_id(b);
        if (id && !strcmp(id, "breaking-1"))
            seen = true;
    }
    free(prev);
    CHECK_INT(jumps, 0);
    CHECK_MSG(seen, "the new story never became current");
    scene_free(b);
}

int main(void)
{
    feed_init();
    struct error err = {0};
    struct font_set *fonts = font_set_new(NULL, &err);
    CHECK_MSG(fonts != NULL, "%s", err.msg);
    if (!fonts)
        return check_done();
    /* 720 / 6 px/s at 60 Hz = 2 px per frame; 1080 / 6 = 3. */
    test_motion(fonts, 1280, 720, load_fixtures(), 2, 0);
    /* The headline wider than 4096 px: its 2048 px chunks join without a seam in motion. */
    static const char *const wide[] = {"wide.xml"};
    test_motion(fonts, 1920, 1080, load_some(wide, 1), 3, 300);
    test_dirty_rows(fonts);
    test_layouts(fonts);
    test_start_frame(fonts);
    test_start_frame_far(fonts);
    test_extreme_times(fonts);
    test_panel_direction(fonts);
    test_crossfade(fonts);
    test_empty_and_offline(fonts);
    test_reduced_motion(fonts);
    test_portrait_flow(fonts);
    test_snapshot_handoff(fonts);
    font_set_free(fonts);
    return check_done();
}
