/*
 * The wall display's frames (run_display.h).
 *
 * Times: the crawl's frame number advances by the refresh periods between presents
 * (pace_present); the clock's wall time is what the clock, dates and ages show. Presents and the
 * time spent composing a frame (its "work") are timed with CLOCK_MONOTONIC in microseconds,
 * not with the replaceable clock: they measure the display itself (whose vsync no test clock
 * can fake), and the clock's milliseconds are too coarse to tell 16.7 ms from 17.
 */
#include "app/display/run_display.h"
#include "app/datadir.h"

#include "core/adopt.h"
#include "core/card.h"
#include "core/log.h"
#include "core/pace.h"
#include "core/util.h"
#include "render/font.h"
#include "render/scene.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WORK_BUCKETS 1000 /* 0.1 ms buckets up to 100 ms */

struct rundisp {
    const struct clock *clk;
    struct rundisp_options opt;
    struct theme theme;
    const struct backend_ops *ops;
    struct backend *win;
    struct font_set *fonts;
    struct scene *sc;
    int w, h;
    struct pace pace;
    double scene_hz;
    int64_t frame; /* the crawl's frame number */
    bool paused;
    struct adopt_digest shown;     /* what the crawl was last offered, or its status */
    struct story_snapshot *latest; /* a copy of the stories offered last (a new scene's start) */
    struct story_snapshot *held;   /* stories that arrived while paused */
    size_t items;
    int utc_offset;
    int64_t offset_at_s; /* the wall second utc_offset was read at */
    uint32_t work_hist[WORK_BUCKETS + 1];
    uint32_t work_n;
    bool powered_off;
    bool warned_vsync;
    int64_t test_frame; /* test hook TICKER_TEST_FRAME: the crawl stays at this frame; -1 */
    int64_t last_frame_wall_ms;
};

/* CLOCK_MONOTONIC in microseconds (see the top of this file). */
static int64_t work_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* The local time's offset from UTC at wall time t (seconds): follows daylight saving time. */
static int local_offset(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    return (int)tm.tm_gmtoff;
}

static bool open_window(struct rundisp *d, struct error *err)
{
    struct window_options wo = {
        .width = d->opt.width,
        .height = d->opt.height,
        .fullscreen = d->opt.fullscreen,
        .display = d->opt.display,
        .rotation = d->theme.rotation,
        .title = "Ticker",
    };
    struct backend_options bo = {.window = &wo};
    d->ops = backend_find("window");
    d->win = d->ops->open(&bo, err);
    if (!d->win)
        return false;
    window_frame_size(d->win, &d->w, &d->h);
    pace_init(&d->pace, window_mode_hz(d->win));
    d->scene_hz = 1e6 / pace_period_us(&d->pace);
    log_info("run", "display: %s, renderer %s, %dx%d at %d Hz%s", window_video_driver(d->win),
             window_renderer(d->win), d->w, d->h, window_mode_hz(d->win),
             d->theme.rotation ? ", rotated" : "");
    return true;
}

static bool make_scene(struct rundisp *d, struct error *err)
{
    /* The configured fonts, else the data directory's bundled DejaVu Sans. */
    char *bundled = datadir_path(d->opt.data_dir, "fonts/DejaVuSans.ttf");
    char *bundled_bold = datadir_path(d->opt.data_dir, "fonts/DejaVuSans-Bold.ttf");
    struct font_set_config fc = {
        .main_path = d->theme.font[0] ? d->theme.font : bundled,
        .bold_path = d->theme.font_bold[0] ? d->theme.font_bold : bundled_bold,
        .bundled_path = bundled,
        .bundled_bold_path = bundled_bold,
    };
    struct font_set *fonts = font_set_new(&fc, err);
    free(bundled);
    free(bundled_bold);
    if (!fonts)
        return false;
    int64_t now = clock_wall_ms(d->clk) / 1000;
    d->utc_offset = local_offset(now);
    d->offset_at_s = now;
    struct scene_config cfg = {
        .theme = &d->theme,
        .width = d->w,
        .height = d->h,
        .fonts = fonts,
        .max_texture_w = window_max_texture_w(d->win),
        .refresh_hz = d->scene_hz,
        .utc_offset_s = d->utc_offset,
        .pictures = d->opt.pictures,
    };
    struct scene *sc = scene_new(&cfg, err);
    if (!sc) {
        font_set_free(fonts);
        return false;
    }
    scene_free(d->sc);
    font_set_free(d->fonts);
    d->sc = sc;
    d->fonts = fonts;
    d->frame = d->test_frame >= 0 ? d->test_frame : 0;
    if (d->latest) {
        scene_set_snapshot(d->sc, story_snapshot_copy(d->latest));
        d->shown = adopt_digest_of(d->latest);
    } else {
        d->shown = (struct adopt_digest){0};
    }
    return true;
}

struct rundisp *rundisp_open(const struct rundisp_options *o, const struct theme *t,
                             const struct clock *clk, struct error *err)
{
    struct rundisp *d = xcalloc(1, sizeof *d);
    d->clk = clk;
    d->opt = *o;
    d->theme = *t;
    d->test_frame = -1;
    const char *hooks = getenv("TICKER_TEST_HOOKS"), *tf = getenv("TICKER_TEST_FRAME");
    if (hooks && !strcmp(hooks, "1") && tf) {
        /* A still picture at a known frame, to compare with `ticker render`. */
        d->test_frame = strtoll(tf, NULL, 10);
        log_info("run", "test hook: the crawl stays at frame %lld", (long long)d->test_frame);
    }
    int64_t t0 = work_us();
    if (!open_window(d, err)) {
        rundisp_close(d);
        return NULL;
    }
    int64_t t1 = work_us();
    if (!make_scene(d, err)) {
        rundisp_close(d);
        return NULL;
    }
    log_debug("run", "window %lld ms, fonts and scene %lld ms", (long long)(t1 - t0) / 1000,
              (long long)(work_us() - t1) / 1000);
    return d;
}

bool rundisp_set_theme(struct rundisp *d, const struct theme *t, struct error *err)
{
    if (!memcmp(&d->theme, t, sizeof *t))
        return true;
    struct theme old = d->theme;
    d->theme = *t;
    if (t->rotation != old.rotation) {
        /* The frame's shape changes: a new window and textures. */
        scene_free(d->sc);
        d->sc = NULL;
        d->ops->close(d->win, NULL);
        d->win = NULL;
        if (!open_window(d, err)) {
            d->theme = old;
            struct error e2 = {0};
            if (!open_window(d, &e2) || !make_scene(d, &e2)) {
                log_error("run", "the display cannot be opened again: %s", e2.msg);
                return false;
            }
            return false;
        }
    }
    if (!make_scene(d, err)) {
        d->theme = old;
        return false;
    }
    return true;
}

static void offer(struct rundisp *d, struct story_snapshot *snap)
{
    story_snapshot_free(d->latest);
    d->latest = story_snapshot_copy(snap);
    d->items = snap->n_stories;
    d->shown = adopt_digest_of(snap);
    scene_set_snapshot(d->sc, snap);
}

void rundisp_snapshot(struct rundisp *d, struct story_snapshot *snap)
{
    struct adopt_digest in = adopt_digest_of(snap);
    switch (adopt_decide(&d->shown, &in, d->paused)) {
    case ADOPT_OFFER:
        offer(d, snap);
        return;
    case ADOPT_HOLD:
        scene_set_status(d->sc, snap);
        d->shown.status = in.status;
        d->shown.feeds = in.feeds;
        story_snapshot_free(d->held);
        d->held = snap;
        return;
    case ADOPT_STATUS:
        scene_set_status(d->sc, snap);
        d->shown.status = in.status;
        d->shown.feeds = in.feeds;
        break;
    case ADOPT_IGNORE:
        break;
    }
    story_snapshot_free(snap);
}

static void set_paused(struct rundisp *d, bool paused)
{
    d->paused = paused;
    log_info("run", "operator: %s", paused ? "paused" : "resumed");
    if (!paused && d->held) {
        struct story_snapshot *h = d->held;
        d->held = NULL;
        rundisp_snapshot(d, h);
    }
}

void rundisp_poll(struct rundisp *d, bool keys, struct window_input *in)
{
    window_poll(d->win, in);
    if (!keys) {
        in->n_keys = 0;
        return;
    }
    int k = 0;
    for (int i = 0; i < in->n_keys; i++) {
        switch (in->keys[i]) {
        case WINDOW_KEY_PAUSE:
            set_paused(d, !d->paused);
            break;
        case WINDOW_KEY_LEFT:
        case WINDOW_KEY_RIGHT: {
            bool next = in->keys[i] == WINDOW_KEY_RIGHT;
            if (scene_jump(d->sc, next ? 1 : -1))
                log_info("run", "operator: %s story", next ? "next" : "previous");
            break;
        }
        default:
            in->keys[k++] = in->keys[i]; /* for the caller */
            break;
        }
    }
    in->n_keys = k;
}

/* Follows the measured refresh rate once it is known (a 50 Hz television announced as 60). */
static void follow_refresh(struct rundisp *d)
{
    if (d->test_frame >= 0)
        return;
    if (!pace_steady(&d->pace) || pace_vsync_broken(&d->pace))
        return;
    double hz = 1e6 / pace_period_us(&d->pace);
    if (hz > d->scene_hz * 1.02 || hz < d->scene_hz * 0.98) {
        log_info("run", "measured refresh rate %.2f Hz (assumed %.2f): adjusting the crawl", hz,
                 d->scene_hz);
        d->scene_hz = hz;
        scene_set_refresh(d->sc, hz);
    }
}

bool rundisp_frame(struct rundisp *d, struct error *err)
{
    int64_t t0 = work_us();
    int64_t wall = clock_wall_ms(d->clk);
    if (wall / 1000 != d->offset_at_s) {
        d->offset_at_s = wall / 1000;
        int off = local_offset(d->offset_at_s);
        if (off != d->utc_offset) {
            d->utc_offset = off;
            scene_set_utc_offset(d->sc, off);
        }
    }
    struct scene_dirty dirty;
    scene_render(d->sc, d->frame, wall, &dirty);
    int pitch;
    const uint32_t *px = scene_pixels(d->sc, &pitch);
    struct backend_frame f = {px, pitch, d->frame, dirty.y0, dirty.y1};
    int64_t work = work_us() - t0;
    if (!d->ops->present(d->win, &f, err))
        return false;
    int64_t adv = pace_present(&d->pace, work_us());
    if (d->test_frame >= 0)
        d->frame = d->test_frame;
    else if (!d->paused)
        d->frame += adv;
    d->last_frame_wall_ms = wall;
    int64_t b = work / 100;
    d->work_hist[b < WORK_BUCKETS ? b : WORK_BUCKETS]++;
    d->work_n++;
    follow_refresh(d);
    int64_t sleep_us = pace_throttle_us(&d->pace, work_us());
    if (sleep_us > 0) {
        /* Presents do not wait for the display (a lost connector, a driver without vsync):
         * never spin; pace with sleeps at the mode's rate and say so once. */
        if (!d->warned_vsync)
            /* Expected of SDL's software renderer (a desktop without GL, Xvfb); news on a
             * wall display's GPU renderer. */
            log_msg(strcmp(window_renderer(d->win), "software") ? LOG_LEVEL_WARN : LOG_LEVEL_INFO,
                    "run", "presenting does not wait for vsync: pacing frames with sleeps");
        d->warned_vsync = true;
        struct timespec ts = {sleep_us / 1000000, (long)(sleep_us % 1000000) * 1000};
        nanosleep(&ts, NULL);
    }
    return true;
}

void rundisp_power(struct rundisp *d, bool on, bool dpms)
{
    struct error err = {0};
    if (on == !d->powered_off)
        return;
    if (!window_set_power(d->win, on, dpms, &err))
        log_warn("run", "display %s: %s (the picture is %s)", on ? "on" : "off", err.msg,
                 on ? "back" : "blank");
    d->powered_off = !on;
    pace_reset_last(&d->pace);
}

uint64_t rundisp_frames(const struct rundisp *d)
{
    return d->pace.total_frames;
}

size_t rundisp_items(const struct rundisp *d)
{
    return d->items;
}

bool rundisp_paused(const struct rundisp *d)
{
    return d->paused;
}

void rundisp_health(struct rundisp *d, struct health *h)
{
    struct pace_stats st;
    pace_take_stats(&d->pace, work_us(), &st);
    h->fps = st.fps;
    h->frame_p99_ms = st.p99_ms;
    h->work_p99_ms = pace_hist_quantile(d->work_hist, WORK_BUCKETS + 1, d->work_n, 0.99) / 10.0;
    memset(d->work_hist, 0, sizeof d->work_hist);
    d->work_n = 0;
    h->frames = st.total_frames;
    h->dropped = st.total_dropped;
    h->last_frame = d->last_frame_wall_ms / 1000;
    h->refresh_hz = 1e6 / pace_period_us(&d->pace);
    h->width = d->w;
    h->height = d->h;
    h->rotation = d->theme.rotation;
    snprintf(h->video_driver, sizeof h->video_driver, "%s", window_video_driver(d->win));
    snprintf(h->renderer, sizeof h->renderer, "%s", window_renderer(d->win));
    h->items = (int64_t)d->items;
}

void rundisp_close(struct rundisp *d)
{
    if (!d)
        return;
    scene_free(d->sc);
    font_set_free(d->fonts);
    if (d->win)
        d->ops->close(d->win, NULL);
    story_snapshot_free(d->latest);
    story_snapshot_free(d->held);
    free(d);
}

bool rundisp_picture_box(const struct rundisp *d, int *w, int *h)
{
    const struct layout *l = d->sc ? scene_layout(d->sc) : NULL;
    return l && card_picture_box(&d->theme, l->width, l->height, w, h);
}
