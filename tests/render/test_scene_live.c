/*
 * What the wall display asks of the scene beyond headless frames, checked from pixels:
 *
 * - the crawl painted incrementally (pixels moved, new columns painted) equals a frame painted
 *   whole, over thousands of frames with missed vsyncs and new playlists;
 * - the no-news screen names the feeds and changes when one's state does, and only then;
 * - the status line says since when the display is offline;
 * - the operator's step brings the next (previous) story into the panel;
 * - a measured refresh rate changes the step from the current frame on.
 */
#include "check.h"
#include "core/util.h"
#include "render/scene.h"
#include "render/textline.h"

#include <stdlib.h>
#include <string.h>

#define NOW_MS (INT64_C(1795786500) * 1000) /* 2026-11-27T14:35:00+01:00 */

static struct story_snapshot *stories(int n, const char *prefix)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    s->stories = xcalloc((size_t)n, sizeof *s->stories);
    s->n_stories = (size_t)n;
    for (int i = 0; i < n; i++) {
        struct story *st = &s->stories[i];
        st->id = xasprintf("%s-%d", prefix, i);
        st->source = xstrdup(i % 2 ? "Courier" : "Herald");
        st->title =
            xasprintf("%s story %d: the harbour ferry changes its timetable again", prefix, i);
        st->summary = xasprintf("Story %d in short. It has two sentences.", i);
        st->published = NOW_MS / 1000 - 60 * (i + 1);
    }
    s->last_success = NOW_MS / 1000 - 30;
    return s;
}

static struct scene *make(struct font_set *fonts, int w, int h, double hz)
{
    struct theme t;
    theme_default(&t);
    t.locale = THEME_LOCALE_EN;
    struct error err = {0};
    struct scene_config cfg = {
        .theme = &t,
        .width = w,
        .height = h,
        .fonts = fonts,
        .max_texture_w = TEXTLINE_HEADLESS_MAX_W,
        .refresh_hz = hz,
        .utc_offset_s = 0,
    };
    struct scene *sc = scene_new(&cfg, &err);
    CHECK_MSG(sc != NULL, "%s", err.msg);
    return sc;
}

static bool same_pixels(const struct scene *a, const struct scene *b)
{
    int pa, pb;
    const uint32_t *x = scene_pixels(a, &pa), *y = scene_pixels(b, &pb);
    const struct layout *l = scene_layout(a);
    return pa == pb && !memcmp(x, y, (size_t)pa * (size_t)l->height);
}

/* Checksums of a rectangle's pixels, to see whether an area changed. */
static uint64_t rect_hash(const struct scene *sc, struct layout_rect r)
{
    int pitch;
    const uint32_t *px = scene_pixels(sc, &pitch);
    uint64_t h = HASH_FNV1A64_INIT;
    for (int y = r.y; y < r.y + r.h; y++)
        h = hash_fnv1a64((const char *)px + (size_t)y * (size_t)pitch + (size_t)r.x * 4,
                         (size_t)r.w * 4, h);
    return h;
}

/*
 * `live` renders every frame (the band moves its pixels and paints new columns); `whole`
 * gets the same playlists at the same moments but renders only every 500 frames, where the
 * crawl has moved further than the band is wide, so it paints its band whole. Both must show
 * the same pixels at those frames.
 */
static void test_incremental_equals_whole(struct font_set *fonts)
{
    struct scene *live = make(fonts, 1280, 720, 60), *whole = make(fonts, 1280, 720, 60);
    if (!live || !whole)
        return;
    scene_set_snapshot(live, stories(9, "a"));
    scene_set_snapshot(whole, stories(9, "a"));
    int64_t f = 0;
    int checked = 0;
    for (int i = 0; i < 2400; i++) {
        f += (i % 37 == 5) ? 3 : 1; /* with missed vsyncs */
        if (i == 700) {
            /* A new playlist, taken at the next item boundary. */
            scene_set_snapshot(live, stories(5, "b"));
            scene_set_snapshot(whole, stories(5, "b"));
        }
        scene_render(live, f, NOW_MS + f * 1000 / 60, NULL);
        if (i % 500 == 199) {
            scene_render(whole, f, NOW_MS + f * 1000 / 60, NULL);
            CHECK_MSG(same_pixels(live, whole), "frame %lld", (long long)f);
            checked++;
        }
    }
    CHECK_INT(checked, 5);
    scene_free(live);
    scene_free(whole);
}

static struct story_snapshot *feeds_only(enum story_feed_state a, enum story_feed_state b,
                                         const char *detail)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    s->n_feeds = 2;
    s->feeds = xcalloc(2, sizeof *s->feeds);
    s->feeds[0] = (struct story_feed){.name = xstrdup("Courier"), .state = a};
    s->feeds[1] = (struct story_feed){
        .name = xstrdup("Herald"), .state = b, .detail = detail ? xstrdup(detail) : NULL};
    return s;
}

static void test_no_news_names_feeds(struct font_set *fonts)
{
    struct scene *sc = make(fonts, 1920, 1080, 60);
    if (!sc)
        return;
    struct layout_rect panel = scene_layout(sc)->panel;
    scene_set_snapshot(sc, feeds_only(STORY_FEED_FETCHING, STORY_FEED_WAITING, NULL));
    scene_render(sc, 0, NOW_MS, NULL);
    CHECK(scene_current_id(sc) == NULL);
    uint64_t h0 = rect_hash(sc, panel);
    /* The same states again: nothing on the panel changes. */
    struct story_snapshot *same = feeds_only(STORY_FEED_FETCHING, STORY_FEED_WAITING, NULL);
    scene_set_status(sc, same);
    story_snapshot_free(same);
    struct scene_dirty d;
    scene_render(sc, 1, NOW_MS, &d);
    CHECK(rect_hash(sc, panel) == h0);
    CHECK(!(d.y0 < panel.y + panel.h && d.y1 > panel.y)); /* panel rows untouched */
    /* A feed fails: the panel says so at once (status-only hand-off). */
    struct story_snapshot *failed =
        feeds_only(STORY_FEED_OK, STORY_FEED_FAILED, "DNS lookup failed");
    scene_set_status(sc, failed);
    story_snapshot_free(failed);
    scene_render(sc, 2, NOW_MS, &d);
    uint64_t h1 = rect_hash(sc, panel);
    CHECK(h1 != h0);
    CHECK(d.y0 <= panel.y && d.y1 >= panel.y + panel.h);
    /* A scene told the failure from the start draws the same panel. */
    struct scene *fresh = make(fonts, 1920, 1080, 60);
    scene_set_snapshot(fresh, feeds_only(STORY_FEED_OK, STORY_FEED_FAILED, "DNS lookup failed"));
    scene_render(fresh, 2, NOW_MS, NULL);
    CHECK(rect_hash(fresh, panel) == h1);
    /* ... and not the panel of the other failure. */
    struct scene *other = make(fonts, 1920, 1080, 60);
    scene_set_snapshot(other, feeds_only(STORY_FEED_OK, STORY_FEED_FAILED, "HTTP 404"));
    scene_render(other, 2, NOW_MS, NULL);
    CHECK(rect_hash(other, panel) != h1);
    scene_free(other);
    scene_free(fresh);
    scene_free(sc);
}

static void test_offline_since(struct font_set *fonts)
{
    uint64_t h[2];
    for (int k = 0; k < 2; k++) {
        struct scene *sc = make(fonts, 1920, 1080, 60);
        if (!sc)
            return;
        struct story_snapshot *s = stories(3, "o");
        s->offline = true;
        s->offline_since = k ? NOW_MS / 1000 - 600 : 0;
        scene_set_snapshot(sc, s);
        scene_render(sc, 0, NOW_MS, NULL);
        h[k] = rect_hash(sc, scene_layout(sc)->status);
        scene_free(sc);
    }
    CHECK(h[0] != h[1]); /* "Offline since 14:25 - news from ..." is another line */
}

static void test_operator_step(struct font_set *fonts)
{
    struct scene *sc = make(fonts, 1280, 720, 60);
    if (!sc)
        return;
    scene_set_snapshot(sc, stories(6, "s"));
    for (int64_t f = 0; f <= 120; f++)
        scene_render(sc, f, NOW_MS, NULL);
    const char *id0 = scene_current_id(sc);
    CHECK(id0 != NULL);
    char *before = xstrdup(id0 ? id0 : "");
    int n0 = atoi(strrchr(before, '-') + 1);
    CHECK(scene_jump(sc, +1));
    scene_render(sc, 121, NOW_MS, NULL);
    char want[16];
    snprintf(want, sizeof want, "s-%d", (n0 + 1) % 6);
    CHECK_STR(scene_current_id(sc), want);
    CHECK(scene_jump(sc, -1));
    CHECK(scene_jump(sc, -1));
    scene_render(sc, 122, NOW_MS, NULL);
    snprintf(want, sizeof want, "s-%d", (n0 + 5) % 6);
    CHECK_STR(scene_current_id(sc), want);
    free(before);
    scene_free(sc);
}

static void test_refresh(struct font_set *fonts)
{
    struct scene *sc = make(fonts, 1920, 1080, 60);
    if (!sc)
        return;
    CHECK_INT(scene_step(sc), 3); /* a sixth of 1080 px per second at 60 Hz */
    scene_set_refresh(sc, 50);
    CHECK_INT(scene_step(sc), 4); /* 180 px/s at 50 Hz: 3.6, rounded */
    scene_set_refresh(sc, 144);
    CHECK_INT(scene_step(sc), 1);
    scene_free(sc);
}

int main(void)
{
    struct error err = {0};
    struct font_set_config fc = {0};
    struct font_set *fonts = font_set_new(&fc, &err);
    CHECK_MSG(fonts != NULL, "%s", err.msg);
    if (fonts) {
        test_incremental_equals_whole(fonts);
        test_no_news_names_feeds(fonts);
        test_offline_since(fonts);
        test_operator_step(fonts);
        test_refresh(fonts);
        font_set_free(fonts);
    }
    return check_done();
}
