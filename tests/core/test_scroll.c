/* The crawl model: whole-pixel steps, contiguous strip, boundary adoption, current story,
 * start-frame independence and reduced motion. */
#include "check.h"
#include "core/scroll.h"
#include "core/util.h"

#include <stdlib.h>

/* Widths per playlist generation: gen 1 and gen 2. */
static const int widths1[] = {300, 450, 200, 700};
static const int widths2[] = {500, 250};

static int width_of(void *ctx, uint32_t gen, size_t item)
{
    int *calls = ctx;
    if (calls)
        (*calls)++;
    return gen == 1 ? widths1[item % 4] : widths2[item % 2];
}

static struct scroll *make(int step, int band_w)
{
    struct scroll_params p = {.step = step, .band_w = band_w, .point_x = band_w / 4};
    return scroll_new(&p);
}

static void test_step(void)
{
    CHECK_INT(scroll_step(180, 1.0 / 60), 3);
    CHECK_INT(scroll_step(120, 1.0 / 60), 2);
    CHECK_INT(scroll_step(10, 1.0 / 60), 1);   /* never zero */
    CHECK_INT(scroll_step(150, 1.0 / 60), 3);  /* 2.5 rounds away from zero */
    CHECK_INT(scroll_step(180, 1.0 / 144), 1); /* 1.25 */
    CHECK_INT(scroll_step(180, 1.0 / 30), 6);
    CHECK_INT(scroll_step(0.0 / 0.0, 1.0 / 60), 1);
}

/* Entries tile the band with no gap, and the strip moves step * frames. */
static void test_crawl_tiles(void)
{
    struct scroll *s = make(3, 1000);
    scroll_offer(s, 1, 4, NULL, 0);
    for (int64_t f = 0; f < 2000; f += (f % 7 == 3) ? 3 : 1) { /* with missed vsyncs */
        scroll_advance(s, f, width_of, NULL);
        CHECK_INT(scroll_position(s), 3 * f);
        const struct scroll_entry *e;
        size_t n = scroll_visible(s, &e);
        CHECK(n >= 2);
        CHECK(e[0].x <= scroll_position(s));
        CHECK(e[n - 1].x + e[n - 1].width >= scroll_position(s) + 1000);
        for (size_t i = 1; i < n; i++) {
            CHECK(e[i].x == e[i - 1].x + e[i - 1].width);
            CHECK(e[i].item == (e[i - 1].item + 1) % 4);
        }
        const struct scroll_entry *c = scroll_current(s);
        CHECK(c && c->x <= scroll_position(s) + 250 && scroll_position(s) + 250 < c->x + c->width);
    }
    scroll_free(s);
}

static void test_start_frame_independent(void)
{
    struct scroll *a = make(4, 1920), *b = make(4, 1920);
    scroll_offer(a, 1, 4, NULL, 0);
    scroll_offer(b, 1, 4, NULL, 0);
    for (int64_t f = 0; f <= 5000; f++)
        scroll_advance(a, f, width_of, NULL);
    scroll_advance(b, 5000, width_of, NULL);
    const struct scroll_entry *ea, *eb;
    size_t na = scroll_visible(a, &ea), nb = scroll_visible(b, &eb);
    CHECK_INT(na, nb);
    for (size_t i = 0; i < na && i < nb; i++) {
        CHECK_INT(ea[i].x, eb[i].x);
        CHECK_INT(ea[i].item, eb[i].item);
    }
    /* Frames never go back. */
    scroll_advance(b, 10, width_of, NULL);
    CHECK_INT(scroll_position(b), 4 * 5000);
    scroll_free(a);
    scroll_free(b);
}

/* A new playlist is adopted at the tail only: entries already placed never move. */
/* What a model shows at its current frame, for comparing two models. */
static bool same_state(const struct scroll *a, const struct scroll *b, int64_t frame)
{
    const struct scroll_entry *ea, *eb;
    size_t na = scroll_visible(a, &ea), nb = scroll_visible(b, &eb);
    bool ok = na == nb && scroll_position(a) == scroll_position(b) &&
              scroll_alpha(a) == scroll_alpha(b) &&
              scroll_current_since(a) == scroll_current_since(b);
    for (size_t i = 0; ok && i < na; i++)
        ok = ea[i].x == eb[i].x && ea[i].item == eb[i].item && ea[i].width == eb[i].width;
    const struct scroll_entry *pa = scroll_previous(a), *pb = scroll_previous(b);
    ok = ok && (pa == NULL) == (pb == NULL) && (!pa || pa->item == pb->item);
    const struct scroll_entry *ca = scroll_current(a), *cb = scroll_current(b);
    ok = ok && (ca == NULL) == (cb == NULL) && (!ca || ca->item == cb->item);
    uint32_t ga = 0, gb = 0;
    size_t ia = 0, ib = 0;
    ok = ok && scroll_peek_next(a, &ga, &ia) == scroll_peek_next(b, &gb, &ib) && ia == ib;
    if (!ok)
        fprintf(stderr, "frame %lld: the model started there differs from the stepped one\n",
                (long long)frame);
    return ok;
}

/*
 * Frame K computed directly equals frame K reached by stepping through every frame from 0,
 * far out (a million frames of 997 px: some 400,000 cycles of the playlist), for the crawl
 * and for reduced motion; and a start at K costs the same number of width calls for every K,
 * up to the largest --start-frame.
 */
static void test_start_frame_far(void)
{
    for (int still = 0; still < 2; still++) {
        struct scroll_params p = {.step = 997,
                                  .band_w = 1920,
                                  .point_x = 480,
                                  .reduced_motion = still,
                                  .hold_frames = 7,
                                  .fade_frames = 2};
        struct scroll *a = scroll_new(&p);
        scroll_offer(a, 1, 4, NULL, 0);
        static const int64_t probes[] = {1, 5, 999, 65537, 400001, 1000000};
        size_t k = 0;
        int bad = 0;
        for (int64_t f = 0; f <= 1000000; f++) {
            scroll_advance(a, f, width_of, NULL);
            if (f != probes[k])
                continue;
            struct scroll *b = scroll_new(&p);
            scroll_offer(b, 1, 4, NULL, 0);
            scroll_advance(b, f, width_of, NULL);
            bad += !same_state(a, b, f);
            scroll_free(b);
            k++;
        }
        CHECK_MSG(k == ARRAY_LEN(probes) && bad == 0, "still=%d: %d of %zu probes differ", still,
                  bad, k);
        scroll_free(a);

        /* A start at frame 1,000,000 asks for no more widths than one at frame 1000 (checked
         * first: without the skip, the far start below would take days). */
        int calls_mid = 0, calls_near = 0;
        struct scroll *m = scroll_new(&p), *n = scroll_new(&p);
        scroll_offer(m, 1, 4, NULL, 0);
        scroll_offer(n, 1, 4, NULL, 0);
        scroll_advance(m, 1000000, width_of, &calls_mid);
        scroll_advance(n, 1000, width_of, &calls_near);
        scroll_free(m);
        scroll_free(n);
        CHECK_MSG(calls_mid <= calls_near + 8,
                  "still=%d: %d width calls at frame 1000000, %d at 1000", still, calls_mid,
                  calls_near);
        if (calls_mid > calls_near + 8)
            continue;
        /* The largest start: the same as a start 1000 frames earlier stepped up to it, at the
         * same cost. */
        int64_t far = (INT64_C(1) << 40) + 10000000;
        int calls_far = 0;
        struct scroll *c = scroll_new(&p), *d = scroll_new(&p);
        scroll_offer(c, 1, 4, NULL, 0);
        scroll_offer(d, 1, 4, NULL, 0);
        scroll_advance(c, far, width_of, &calls_far);
        scroll_advance(d, far - 1000, width_of, NULL);
        for (int64_t f = far - 999; f <= far; f++)
            scroll_advance(d, f, width_of, NULL);
        CHECK(same_state(c, d, far));
        CHECK_MSG(calls_far <= calls_near + 8, "still=%d: %d width calls at frame %lld, %d at 1000",
                  still, calls_far, (long long)far, calls_near);
        scroll_free(c);
        scroll_free(d);
    }
}

static void test_adoption_at_boundary(void)
{
    struct scroll *s = make(5, 800);
    scroll_offer(s, 1, 4, NULL, 0);
    scroll_advance(s, 0, width_of, NULL);
    const struct scroll_entry *e;
    size_t n = scroll_visible(s, &e);
    struct scroll_entry before[16];
    size_t nb = n < 16 ? n : 16;
    memcpy(before, e, nb * sizeof *e);
    /* After item 2 of gen 1 (the strip's tail at frame 0: 300+450+200 px cover 800), continue
     * with item 1 of gen 2. */
    size_t cont[4] = {SIZE_MAX, SIZE_MAX, 1, SIZE_MAX};
    scroll_offer(s, 2, 2, cont, 4);
    CHECK(scroll_uses_gen(s, 1) && scroll_uses_gen(s, 2));
    scroll_advance(s, 1, width_of, NULL);
    n = scroll_visible(s, &e);
    for (size_t i = 0; i < nb && i < n; i++) {
        CHECK_INT(e[i].x, before[i].x);
        CHECK_INT(e[i].gen, before[i].gen);
    }
    bool seen2 = false;
    for (int64_t f = 2; f < 3000; f++) {
        scroll_advance(s, f, width_of, NULL);
        n = scroll_visible(s, &e);
        for (size_t i = 1; i < n; i++) {
            CHECK(e[i].x == e[i - 1].x + e[i - 1].width);
            if (e[i].gen == 2 && e[i - 1].gen == 1) {
                seen2 = true;
                CHECK_INT(e[i - 1].item, 2);
                CHECK_INT(e[i].item, 1);
            }
        }
    }
    CHECK(seen2);
    CHECK(!scroll_uses_gen(s, 1));
    scroll_free(s);
}

static void test_empty_then_news(void)
{
    struct scroll *s = make(2, 600);
    scroll_advance(s, 0, width_of, NULL);
    const struct scroll_entry *e;
    CHECK_INT(scroll_visible(s, &e), 0);
    CHECK(scroll_current(s) == NULL);
    scroll_offer(s, 2, 2, NULL, 0);
    scroll_advance(s, 10, width_of, NULL); /* appended at the right edge, not yet visible */
    CHECK_INT(scroll_visible(s, &e), 0);
    scroll_advance(s, 11, width_of, NULL);
    size_t n = scroll_visible(s, &e);
    CHECK_INT(n, 1);
    CHECK_INT(e[0].x - scroll_position(s), 600 - 2);
    /* An empty playlist drains the band. */
    scroll_offer(s, 3, 0, NULL, 0);
    scroll_advance(s, 5000, width_of, NULL);
    CHECK_INT(scroll_visible(s, &e), 0);
    CHECK(!scroll_uses_gen(s, 2));
    scroll_free(s);
}

/* Width is asked once per appended item: rasterising stays bounded per frame. */
/* peek_next names exactly the item the next append places, across a playlist change. */
struct record {
    int calls;
    uint32_t gen;
    size_t item;
};

static int width_record(void *ctx, uint32_t gen, size_t item)
{
    struct record *r = ctx;
    if (r->calls++ == 0) {
        r->gen = gen;
        r->item = item;
    }
    return width_of(NULL, gen, item);
}

static void test_peek(void)
{
    struct scroll *s = make(7, 900);
    scroll_offer(s, 1, 4, NULL, 0);
    scroll_advance(s, 0, width_of, NULL);
    int appends = 0;
    for (int64_t f = 1; f < 2000; f++) {
        if (f == 1000) {
            size_t cont[4] = {3, 0, 1, 0};
            scroll_offer(s, 2, 2, cont, 4);
        }
        uint32_t g = 0;
        size_t it = 0;
        bool have = scroll_peek_next(s, &g, &it);
        struct record r = {0};
        scroll_advance(s, f, width_record, &r);
        if (r.calls) {
            appends++;
            CHECK(have);
            CHECK_INT(r.gen, g);
            CHECK_INT(r.item, it);
        }
    }
    CHECK(appends > 10);
    scroll_free(s);
}

static void test_width_calls_bounded(void)
{
    struct scroll *s = make(3, 1920);
    scroll_offer(s, 1, 4, NULL, 0);
    int calls = 0;
    scroll_advance(s, 0, width_of, &calls);
    CHECK(calls <= 8);
    for (int64_t f = 1; f < 600; f++) {
        calls = 0;
        scroll_advance(s, f, width_of, &calls);
        CHECK(calls <= 1);
    }
    scroll_free(s);
}

static void test_reduced_motion(void)
{
    struct scroll_params p = {.step = 3,
                              .band_w = 1000,
                              .point_x = 250,
                              .reduced_motion = true,
                              .hold_frames = 100,
                              .fade_frames = 10};
    struct scroll *s = scroll_new(&p);
    scroll_offer(s, 1, 4, NULL, 0);
    const struct scroll_entry *e;
    int prev_item = -1, changes = 0;
    for (int64_t f = 0; f < 1000; f++) {
        scroll_advance(s, f, width_of, NULL);
        size_t n = scroll_visible(s, &e);
        CHECK_INT(n, 1);
        CHECK_INT(scroll_position(s), 0);
        CHECK_INT(e[0].item, (size_t)(f / 100) % 4);
        int a = scroll_alpha(s);
        int64_t t = f % 100;
        if (t >= 10 && t < 90)
            CHECK_INT(a, 255);
        else
            CHECK(a > 0 && a < 255);
        if ((int)e[0].item != prev_item) {
            changes++;
            prev_item = (int)e[0].item;
        }
    }
    CHECK_INT(changes, 10);
    /* A new playlist comes up at the next item change, not in the middle of one. */
    scroll_advance(s, 1000, width_of, NULL);
    scroll_offer(s, 2, 2, NULL, 0);
    scroll_advance(s, 1050, width_of, NULL);
    scroll_visible(s, &e);
    CHECK_INT(e[0].gen, 1);
    scroll_advance(s, 1100, width_of, NULL);
    scroll_visible(s, &e);
    CHECK_INT(e[0].gen, 2);
    CHECK_INT(e[0].item, 0);
    scroll_free(s);
}

/* Checks the strip tiles the band with no gap and moves exactly `step` per frame. */
static void check_tiles(struct scroll *s, int band_w)
{
    const struct scroll_entry *e;
    size_t n = scroll_visible(s, &e);
    CHECK(n >= 1);
    if (!n)
        return;
    CHECK(e[0].x <= scroll_position(s));
    CHECK(e[n - 1].x + e[n - 1].width >= scroll_position(s) + band_w);
    for (size_t i = 1; i < n; i++)
        CHECK(e[i].x == e[i - 1].x + e[i - 1].width);
}

/* A measured refresh rate changes the step from the current frame on: no jump, then the new
 * step per frame. */
static void test_set_timing(void)
{
    struct scroll *s = make(3, 1000);
    scroll_offer(s, 1, 4, NULL, 0);
    for (int64_t f = 0; f <= 100; f++)
        scroll_advance(s, f, width_of, NULL);
    int64_t p100 = scroll_position(s);
    CHECK_INT(p100, 300);
    scroll_set_timing(s, 4, 1, 0);
    CHECK_INT(scroll_position(s), 300);
    scroll_advance(s, 101, width_of, NULL);
    CHECK_INT(scroll_position(s), 304);
    scroll_advance(s, 110, width_of, NULL); /* nine frames: eight missed vsyncs */
    CHECK_INT(scroll_position(s), 340);
    check_tiles(s, 1000);
    /* A story that reached the point before the change has its since-frame at or before
     * the change; one that reaches it later, exactly where the new step puts it. */
    const struct scroll_entry *c = scroll_current(s);
    CHECK(c != NULL && scroll_current_since(s) <= 100);
    for (int64_t f = 111; f < 400; f++) {
        scroll_advance(s, f, width_of, NULL);
        c = scroll_current(s);
        if (c->x - 250 > 300) {
            int64_t since = scroll_current_since(s);
            CHECK(300 + 4 * (since - 100) + 250 >= c->x);
            CHECK(300 + 4 * (since - 1 - 100) + 250 < c->x);
        }
    }
    scroll_free(s);
}

/* Operator keys: right brings the next story to the point, left the previous one, the band
 * stays tiled, and the crawl goes on from there. */
static void test_jump(void)
{
    struct scroll *s = make(3, 1000); /* point at 250 */
    scroll_offer(s, 1, 4, NULL, 0);
    for (int64_t f = 0; f <= 200; f++)
        scroll_advance(s, f, width_of, NULL);
    const struct scroll_entry *c = scroll_current(s);
    CHECK(c != NULL);
    size_t item = c->item;
    CHECK(scroll_jump(s, +1, width_of, NULL));
    c = scroll_current(s);
    CHECK_INT(c->item, (item + 1) % 4);
    CHECK_INT(c->x, scroll_position(s) + 250); /* its left edge exactly at the point */
    CHECK_INT(scroll_current_since(s), 200);
    check_tiles(s, 1000);
    /* Five times forward wraps around the playlist. */
    for (int i = 0; i < 5; i++)
        CHECK(scroll_jump(s, +1, width_of, NULL));
    CHECK_INT(scroll_current(s)->item, (item + 6) % 4);
    check_tiles(s, 1000);
    /* Back, more often than the strip remembers: stories before are laid out again. */
    for (int i = 0; i < 7; i++) {
        CHECK(scroll_jump(s, -1, width_of, NULL));
        c = scroll_current(s);
        CHECK_INT(c->item, (item + 6 + 4 * 4 - 1 - (size_t)i) % 4);
        CHECK_INT(c->x, scroll_position(s) + 250);
        check_tiles(s, 1000);
    }
    /* The crawl continues smoothly from the new place. */
    int64_t p = scroll_position(s);
    scroll_advance(s, 201, width_of, NULL);
    CHECK_INT(scroll_position(s), p + 3);
    check_tiles(s, 1000);
    for (int64_t f = 202; f < 2000; f++) {
        scroll_advance(s, f, width_of, NULL);
        const struct scroll_entry *e;
        size_t n = scroll_visible(s, &e);
        for (size_t i = 1; i < n; i++)
            CHECK(e[i].item == (e[i - 1].item + 1) % 4);
    }
    scroll_free(s);

    /* Reduced motion: the next story comes up at once; back shows the one before. */
    struct scroll_params rp = {.step = 1, .band_w = 1000, .reduced_motion = true,
                               .hold_frames = 100, .fade_frames = 10};
    s = scroll_new(&rp);
    scroll_offer(s, 1, 4, NULL, 0);
    scroll_advance(s, 0, width_of, NULL);
    scroll_advance(s, 50, width_of, NULL);
    CHECK_INT(scroll_current(s)->item, 0);
    CHECK(scroll_jump(s, +1, width_of, NULL));
    CHECK_INT(scroll_current(s)->item, 1);
    CHECK_INT(scroll_current_since(s), 50);
    CHECK(scroll_jump(s, -1, width_of, NULL));
    CHECK_INT(scroll_current(s)->item, 0);
    CHECK(scroll_jump(s, -1, width_of, NULL));
    CHECK_INT(scroll_current(s)->item, 3);
    scroll_advance(s, 149, width_of, NULL);
    CHECK_INT(scroll_current(s)->item, 3);
    scroll_advance(s, 150, width_of, NULL);
    CHECK_INT(scroll_current(s)->item, 0);
    scroll_free(s);

    /* Nothing to step to in an empty band. */
    s = make(3, 1000);
    scroll_offer(s, 1, 0, NULL, 0);
    scroll_advance(s, 0, width_of, NULL);
    CHECK(!scroll_jump(s, +1, width_of, NULL));
    CHECK(!scroll_jump(s, -1, width_of, NULL));
    scroll_free(s);
}

int main(void)
{
    test_step();
    test_crawl_tiles();
    test_start_frame_independent();
    test_start_frame_far();
    test_adoption_at_boundary();
    test_empty_then_news();
    test_width_calls_bounded();
    test_peek();
    test_reduced_motion();
    test_set_timing();
    test_jump();
    return check_done();
}
