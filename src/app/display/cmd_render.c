/*
 * `ticker render`: deterministic frames without a display (docs/render.md). Stories come from
 * fixture feeds (--feed, the feed's title as the source name) or from the cache (--cache); the
 * look from a configuration file's "display" object (--config). Frame N is at --now + N / fps.
 * Frames go to PNG files and frames.sha256 (--out), to a video through ffmpeg (--video), or
 * both.
 *
 * --now defaults to five minutes after the newest story's time (so ages read like fresh news),
 * or 2026-01-01T12:00:00Z with no stories; local time is the offset written in --now, else UTC
 * (never the machine's zone: the same command gives the same pixels anywhere). Times from feeds
 * and the cache are clamped to years 1-9999 before any arithmetic (scene_clamp_time).
 *
 * Hidden: --bench-frame composes frames and presents them to the "software" back end (SDL's
 * software renderer, as the window path uses it) and prints the CPU time of a steady-state
 * frame; --stats prints the run's CPU time, and the render thread's, for
 * tests/bench/bench_render.sh.
 */
#include "app/datadir.h"
#include "app/display/commands.h"
#include "app/options.h"

#include "core/card.h"
#include "core/config.h"
#include "core/date.h"
#include "core/error.h"
#include "core/feed.h"
#include "core/story.h"
#include "core/theme.h"
#include "core/util.h"
#include "io/file.h"
#include "io/imgdecode.h"
#include "io/store.h"
#include "io/store_pictures.h"
#include "render/backend.h"
#include "render/font.h"
#include "render/headless.h"
#include "render/scene.h"
#include "render/textline.h"
#include "render/video.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_NOW INT64_C(1767268800) /* 2026-01-01T12:00:00Z */

struct render_args {
    const char *out;
    const char *video;
    int64_t frames;
    double seconds;
    int fps;
    const char *size;
    int w, h;
    int64_t start;
    int64_t every;
    const char *config;
    struct options_list feeds;
    const char *cache;
    const char *now;
    const char *sheet;
    bool no_png;
    bool offline;
    int threads;
    bool bench_frame;
    bool stats;
};

/* The command line (app/options.h). Returns OPTIONS_CONTINUE or the exit status. `spec` is
 * filled for later usage errors; its table lives in `opts` (OPTS_N rows). */
#define OPTS_N 20
static int parse_args(int argc, char **argv, struct render_args *a, struct options_spec *spec,
                      struct options_opt opts[OPTS_N])
{
    *a = (struct render_args){.fps = 60, .w = 1920, .h = 1080, .every = 1, .threads = 2};
    const struct options_opt table[] = {
        OPTIONS_STRING("out", "DIR", &a->out,
                       "Writes frame-NNNNNN.png and frames.sha256 into DIR, which is created with "
                       "its parents when missing."),
        OPTIONS_STRING("video", "FILE", &a->video,
                       "Also (or only) writes a video, FILE ending in .mp4 or .webm, through "
                       "ffmpeg (Debian package ffmpeg), playing at fps / every frames a second."),
        OPTIONS_INT("frames", "N", &a->frames, 1, 10000000,
                    "Steps through N frames (default: three seconds)."),
        OPTIONS_FLOAT("seconds", "S", &a->seconds, 0.001, 86400,
                      "Steps through S seconds of frames instead."),
        OPTIONS_INT("fps", "N", &a->fps, 1, 1000,
                    "Frames per second of the virtual clock (default 60)."),
        OPTIONS_STRING("size", "WxH", &a->size,
                       "The screen in pixels, from 64x48 to 16384x16384 (default 1920x1080)."),
        OPTIONS_INT("start-frame", "K", &a->start, 0, INT64_C(1) << 40,
                    "Begins at frame K, computed directly as if the frames before it had run."),
        OPTIONS_INT("every", "K", &a->every, 1, 1000000,
                    "Keeps every K-th frame (default 1: all of them)."),
        OPTIONS_STRING("config", "FILE", &a->config,
                       "Takes the look from the \"display\" object of this configuration file."),
        OPTIONS_LIST("feed", "FILE", &a->feeds,
                     "Takes stories from a feed file; repeat it for more feeds."),
        OPTIONS_STRING("cache", "FILE", &a->cache,
                       "Takes the stories from a Ticker cache instead of feed files."),
        OPTIONS_STRING("now", "TIME", &a->now,
                       "The time of frame 0 in RFC 3339 (2026-11-27T14:35:00+01:00), whose "
                       "offset is the clock's time zone."),
        OPTIONS_FLAG("offline", &a->offline,
                     "Shows the screen as it looks when no feed can be reached."),
        OPTIONS_STRING("contact-sheet", "FILE", &a->sheet,
                       "Writes a PNG of up to 48 thumbnails, each with its time and frame number."),
        OPTIONS_FLAG("no-png", &a->no_png, "Writes frames.sha256 only, no PNG files."),
        OPTIONS_INT("threads", "N", &a->threads, 1, 64, "PNG encoder threads (default 2)."),
        OPTIONS_FLAG("bench-frame", &a->bench_frame,
                     "Measures the CPU time of a frame of the window path (for benchmarks)."),
        OPTIONS_FLAG("stats", &a->stats,
                     "Also prints the CPU time of the run and of its threads (for benchmarks)."),
        OPTIONS_TABLE_END,
    };
    _Static_assert(sizeof table / sizeof table[0] <= OPTS_N, "OPTS_N is too small");
    memcpy(opts, table, sizeof table);
    *spec = (struct options_spec){
        .command = "render",
        .about = "Renders the ticker without a display, exactly as the wall display draws it: PNG "
                 "frames with their hashes, a video, or both.",
        .opts = opts,
        .more = "One of --out and --video is needed. Frame N is at --now + N / fps; the same "
                "command gives the same pixels and the same files on every run.\n",
    };
    int n_args, rc = options_parse(spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    if (a->video && !video_path_supported(a->video))
        return options_error(spec, "--video %s: the file name must end in .mp4 or .webm", a->video);
    if (a->size) {
        int w, h;
        char x, extra;
        if (sscanf(a->size, "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
            w < 64 || h < 48 || w > 16384 || h > 16384)
            return options_error(spec,
                                 "--size wants WIDTHxHEIGHT from 64x48 to 16384x16384, "
                                 "not '%s'",
                                 a->size);
        a->w = w;
        a->h = h;
    }
    if (!a->out && !a->video && !a->bench_frame)
        return options_error(spec, "--out DIR or --video FILE is required");
    if (!a->out && !a->bench_frame && (a->sheet || a->no_png))
        return options_error(spec, "%s goes with --out DIR",
                             a->sheet ? "--contact-sheet" : "--no-png");
    if (a->frames && a->seconds)
        return options_error(spec, "--frames and --seconds: give one or the other");
    if (!a->frames)
        a->frames = a->seconds ? (int64_t)(a->seconds * a->fps + 0.5) : 3 * (int64_t)a->fps;
    if (a->frames < 1)
        a->frames = 1;
    if (a->feeds.n && a->cache)
        return options_error(spec, "--feed and --cache: give feed files or a cache, not both");
    return OPTIONS_CONTINUE;
}

/* "2026-11-27T14:35:00+01:00": the instant (via date_parse) and the written UTC offset. */
static bool parse_now(const char *s, int64_t *t, int *offset)
{
    if (!date_parse(s, t))
        return false;
    *offset = 0;
    size_t n = strlen(s);
    if (n >= 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':') {
        int hh = (s[n - 5] - '0') * 10 + (s[n - 4] - '0');
        int mm = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59)
            return false;
        *offset = (hh * 3600 + mm * 60) * (s[n - 6] == '-' ? -1 : 1);
    }
    /* Frame times are milliseconds from here on: keep them far from overflowing. */
    if (*t != scene_clamp_time(*t))
        return false;
    return true;
}

static int cmp_newest(const void *a, const void *b)
{
    const struct story *x = a, *y = b;
    if (x->published != y->published)
        return x->published > y->published ? -1 : 1;
    return 0;
}

/* Stories from feed files, newest first; the feed's title (else the file name) as source. */
static struct story_snapshot *snapshot_from_feeds(const struct render_args *a)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    size_t cap = 0;
    for (size_t f = 0; f < a->feeds.n; f++) {
        struct error err = {0};
        size_t len;
        char *data = file_read_all(a->feeds.v[f], FEED_DEFAULT_MAX_BYTES, &len, &err);
        if (!data) {
            fprintf(stderr, "ticker render: %s\n", err.msg);
            story_snapshot_free(s);
            return NULL;
        }
        struct error fe = {0};
        /* The file's own URL is the base of relative links: a fixture's picture beside it. */
        char *abs = realpath(a->feeds.v[f], NULL);
        char *base_url = abs ? xasprintf("file://%s", abs) : NULL;
        free(abs);
        struct feed_options fo = {.url = base_url};
        struct feed *feed = feed_parse(data, len, &fo, &fe);
        free(base_url);
        free(data);
        if (!feed) {
            if (fe.line)
                fprintf(stderr, "ticker render: %s: line %d, column %d: %s\n", a->feeds.v[f],
                        fe.line, fe.column, fe.msg);
            else
                fprintf(stderr, "ticker render: %s: %s\n", a->feeds.v[f], fe.msg);
            story_snapshot_free(s);
            return NULL;
        }
        const char *base = strrchr(a->feeds.v[f], '/');
        const char *source = feed->title && feed->title[0] ? feed->title
                             : base                        ? base + 1
                                                           : a->feeds.v[f];
        for (size_t i = 0; i < feed->n_items; i++) {
            const struct feed_item *it = &feed->items[i];
            if (!it->title || !it->title[0])
                continue;
            if (s->n_stories == cap) {
                cap = cap ? cap * 2 : 64;
                s->stories = xreallocarray(s->stories, cap, sizeof *s->stories);
            }
            struct story *st = &s->stories[s->n_stories++];
            *st = (struct story){0};
            st->id = xasprintf("%zu:%s", f, it->id);
            st->source = xstrdup(source);
            st->title = xstrdup(it->title);
            const char *sum = it->summary && it->summary[0] ? it->summary : it->content;
            st->summary = sum ? xstrdup(sum) : NULL;
            st->link = it->link ? xstrdup(it->link) : NULL;
            const char *lang = it->language ? it->language : feed->language;
            st->language = lang ? xstrdup(lang) : NULL;
            st->published = it->published != FEED_TIME_NONE ? it->published
                            : it->updated != FEED_TIME_NONE ? it->updated
                                                            : 0;
            /* Only pictures on this machine: a preview fetches nothing. */
            if (it->image && !strncmp(it->image, "file://", 7))
                st->picture = xstrdup(it->image);
        }
        feed_free(feed);
    }
    if (s->n_stories)
        qsort(s->stories, s->n_stories, sizeof *s->stories, cmp_newest);
    return s;
}

/*
 * Pictures for `ticker render`: decoded at once, through the same sandboxed helper as the
 * wall display's, from local files (feed fixtures' file:// images); the last few are kept, so
 * a card built twice (its cross-fade) decodes once. Frames must not depend on timing, so a
 * picture is never "pending" here.
 */
#define RENDER_PICTURES_KEPT 8
struct render_pictures {
    struct store_picture_reader *reader; /* --cache: stored pictures come from it */
    struct {
        char *src;
        struct picture *pic; /* NULL: refused (not asked again) */
        int w, h;
    } kept[RENDER_PICTURES_KEPT];
    int next;
};

static struct picture *picture_copy(const struct picture *p)
{
    struct picture *c = xcalloc(1, sizeof *c);
    c->w = p->w;
    c->h = p->h;
    c->argb = xreallocarray(NULL, (size_t)p->w * (size_t)p->h, sizeof *c->argb);
    memcpy(c->argb, p->argb, (size_t)p->w * (size_t)p->h * sizeof *c->argb);
    return c;
}

static enum scene_picture_state render_picture(void *ctx, const char *id, const char *src, int w,
                                               int h, struct picture **out)
{
    struct render_pictures *rp = ctx;
    for (int i = 0; i < RENDER_PICTURES_KEPT; i++)
        if (rp->kept[i].src && !strcmp(rp->kept[i].src, src) && rp->kept[i].w == w &&
            rp->kept[i].h == h) {
            if (!rp->kept[i].pic)
                return SCENE_PICTURE_NONE;
            *out = picture_copy(rp->kept[i].pic);
            return SCENE_PICTURE_READY;
        }
    struct picture *pic = NULL;
    const char *path = !strncmp(src, "file://", 7) ? src + 7 : src;
    size_t len = 0;
    char *data = NULL;
    struct error err = {0};
    if (rp->reader) {
        /* A story of the cache: its stored picture, as the wall display's loader reads it. */
        int sw, sh;
        uint8_t *jpeg = NULL;
        if (rp->reader &&
            store_picture_read(rp->reader, id, src, &jpeg, &len, &sw, &sh, &err) == STORE_FOUND)
            data = (char *)jpeg;
        else if (err.msg[0])
            fprintf(stderr, "ticker render: picture of %s: %s\n", id, err.msg);
    } else {
        data = file_read_all(path, 2u << 20, &len, &err);
        if (!data)
            fprintf(stderr, "ticker render: picture %s\n", err.msg);
    }
    if (data && imgdecode_run(data, len, w, h, NULL, &pic, NULL, &err) != IMGDECODE_OK)
        fprintf(stderr, "ticker render: picture %s: %s\n", path, err.msg);
    free(data);
    int k = rp->next++ % RENDER_PICTURES_KEPT;
    free(rp->kept[k].src);
    picture_free(rp->kept[k].pic);
    rp->kept[k].src = xstrdup(src);
    rp->kept[k].pic = pic;
    rp->kept[k].w = w;
    rp->kept[k].h = h;
    if (!pic)
        return SCENE_PICTURE_NONE;
    *out = picture_copy(pic);
    return SCENE_PICTURE_READY;
}

static void render_pictures_free(struct render_pictures *rp)
{
    store_picture_reader_close(rp->reader);
    for (int i = 0; i < RENDER_PICTURES_KEPT; i++) {
        free(rp->kept[i].src);
        picture_free(rp->kept[i].pic);
    }
}

/* The cache stays open (*keep, a reader) while frames are made: pictures are read from it. */
static struct story_snapshot *snapshot_from_cache(const char *path, int64_t now,
                                                  struct store **keep)
{
    /* A preview only looks: the cache is opened read-only and never created, migrated or
     * moved aside (a kiosk may be using it). */
    struct error err = {0};
    struct store *db = store_open_readonly(path, &err);
    if (!db) {
        fprintf(stderr, "ticker render: cache %s\n", err.msg);
        return NULL;
    }
    struct store_snapshot_options o = {.now = now};
    struct story_snapshot *s = store_load_snapshot(db, &o, &err);
    if (!s)
        fprintf(stderr, "ticker render: cache %s: %s\n", path, err.msg);
    else if (!store_mark_pictures(db, s, &err))
        fprintf(stderr, "ticker render: cache %s: %s\n", path, err.msg);
    if (s)
        *keep = db;
    else
        store_close(db);
    return s;
}

/* The look as `ticker run` would have it here: the language from the locale environment
 * unless the configuration names one (so a preview shows what the wall will). */
static bool load_theme(const char *path, struct theme *t)
{
    theme_default_for(
        t, theme_locale_from_env(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")));
    if (!path)
        return true;
    struct error err = {0};
    size_t len;
    char *data = file_read_all(path, CONFIG_MAX_FILE_BYTES, &len, &err);
    if (!data) {
        fprintf(stderr, "ticker render: %s\n", err.msg);
        return false;
    }
    struct config *base = config_default(NULL, 0);
    struct config_diags diags = {0};
    struct config *cfg = config_parse(data, len, path, base, &diags);
    free(data);
    config_free(base);
    for (size_t i = 0; i < diags.n; i++)
        fprintf(stderr, "ticker render: %s\n", diags.v[i].text);
    config_diags_free(&diags);
    if (!cfg)
        return false;
    struct error terr;
    bool ok = theme_parse(t, cfg->display, NULL, NULL, &terr);
    if (!ok)
        fprintf(stderr, "ticker render: %s: %s\n", path, terr.msg);
    config_free(cfg);
    return ok;
}

/* mkdir -p: creates dir and its missing parents. False with errno set on failure. */
static bool make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1; ok; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        struct stat st;
        if (mkdir(p, 0777) != 0) {
            if (errno != EEXIST || stat(p, &st) != 0) {
                ok = false;
            } else if (!S_ISDIR(st.st_mode)) {
                errno = ENOTDIR;
                ok = false;
            }
        }
        *s = c;
        if (c == '\0')
            break;
    }
    free(p);
    return ok;
}

static int64_t cpu_ns(clockid_t which)
{
    struct timespec t;
    clock_gettime(which, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static double mono_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * The window path's per-frame work through the back-end table: compose, then present to the
 * "software" back end (upload the changed rows to a streaming texture, copy, present).
 */
static int bench_frame(struct scene *sc, const struct render_args *a, int64_t start_ms)
{
    const struct backend_ops *ops = backend_find("software");
    struct backend_options bo = {.width = a->w, .height = a->h, .fps = a->fps};
    struct error err = {0};
    struct backend *b = ops ? ops->open(&bo, &err) : NULL;
    if (!b) {
        fprintf(stderr, "ticker render: %s\n", ops ? err.msg : "no software back end");
        return 1;
    }
    int64_t warm = 120, n = a->frames < 600 ? 600 : a->frames;
    int64_t total = 0, worst = 0, dirty_rows = 0, worst_frame = 0;
    int64_t story_frames = 0, story_total = 0; /* frames whose panel changed story */
    char *last_id = NULL;
    bool ok = true;
    for (int64_t i = 0; i < warm + n && ok; i++) {
        int64_t f = a->start + i;
        int64_t t0 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
        struct scene_dirty d;
        scene_render(sc, f, start_ms + (f * 1000 + a->fps / 2) / a->fps, &d);
        int pitch;
        const uint32_t *px = scene_pixels(sc, &pitch);
        struct backend_frame fr = {px, pitch, f, d.y0, d.y1};
        ok = ops->present(b, &fr, &err);
        int64_t dt = cpu_ns(CLOCK_PROCESS_CPUTIME_ID) - t0;
        const char *id = scene_current_id(sc);
        bool changed = id && (!last_id || strcmp(id, last_id));
        if (changed) {
            free(last_id);
            last_id = xstrdup(id);
        }
        if (i >= warm) {
            total += dt;
            if (dt > worst) {
                worst = dt;
                worst_frame = f;
            }
            dirty_rows += d.y1 - d.y0;
            if (changed) {
                story_frames++;
                story_total += dt;
            }
        }
    }
    free(last_id);
    struct error cerr = {0};
    if (!ops->close(b, &cerr) && ok) {
        err = cerr;
        ok = false;
    }
    if (!ok) {
        fprintf(stderr, "ticker render: %s\n", err.msg);
        return 1;
    }
    printf("bench-frame %dx%d: %lld frames, mean %.3f ms CPU per frame, worst %.3f ms (frame "
           "%lld), mean %lld changed rows; %lld story changes at %.3f ms mean\n",
           a->w, a->h, (long long)n, (double)total / 1e6 / (double)n, (double)worst / 1e6,
           (long long)worst_frame, (long long)(dirty_rows / n), (long long)story_frames,
           story_frames ? (double)story_total / 1e6 / (double)story_frames : 0.0);
    return 0;
}

/* The progress bar on a terminal: redrawn every 8 frames, ended by render's summary line. */
struct progress {
    bool on;
    int64_t total;
    double t0;
    bool drawn;
};

static void progress_draw(void *ctx, int64_t presented)
{
    struct progress *p = ctx;
    if (!p->on || p->total <= 0 || (presented % 8 != 0 && presented != p->total))
        return;
    double secs = mono_s() - p->t0;
    enum { WIDTH = 30 };
    int fill = (int)(presented * WIDTH / p->total);
    char bar[WIDTH + 1];
    for (int i = 0; i < WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[WIDTH] = '\0';
    fprintf(stderr, "\r  [%s] %lld/%lld frames  %.0f fps ", bar, (long long)presented,
            (long long)p->total, secs > 0 ? (double)presented / secs : 0.0);
    fflush(stderr);
    p->drawn = true;
}

/* Where the run put its files, for the summary line. */
static void print_summary(const struct render_args *a, int64_t presented, int64_t first,
                          int64_t last, double secs)
{
    printf("ticker render: %lld frames in %.2f s (%.1f frames/s)", (long long)presented, secs,
           secs > 0 ? (double)presented / secs : 0.0);
    if (a->out) {
        if (a->no_png)
            printf("; hashes in %s/frames.sha256", a->out);
        else if (presented > 1)
            printf("; %s/frame-%06lld.png ... frame-%06lld.png and frames.sha256", a->out,
                   (long long)first, (long long)last);
        else
            printf("; %s/frame-%06lld.png and frames.sha256", a->out, (long long)first);
    }
    if (a->sheet)
        printf("; contact sheet %s", a->sheet);
    if (a->video)
        printf("; video %s", a->video);
    printf("\n");
}

/* Times from feeds and the cache, clamped before any arithmetic uses them. */
static void clamp_snapshot_times(struct story_snapshot *snap)
{
    for (size_t i = 0; i < snap->n_stories; i++)
        snap->stories[i].published = scene_clamp_time(snap->stories[i].published);
    snap->last_success = scene_clamp_time(snap->last_success);
    snap->offline_since = scene_clamp_time(snap->offline_since);
}

static int render_frames(struct scene *sc, struct font_set *fonts, const struct render_args *a,
                         int64_t start_ms)
{
    int64_t presented = (a->frames + a->every - 1) / a->every;
    /* Every presented frame on the sheet while it fits (48), else an even sample. */
    int64_t sheet_every = presented > 48 ? (presented + 47) / 48 : 1;
    struct backend_options bo = {
        .width = a->w,
        .height = a->h,
        .fps = a->fps,
        .out_dir = a->out,
        .write_png = !a->no_png,
        .contact_sheet = a->sheet,
        .sheet_every = sheet_every,
        .expected_frames = presented,
        .encoder_threads = a->threads,
        .fonts = fonts,
        .video_path = a->video,
        .every = a->every,
    };
    struct headless_output outs[2];
    size_t n_outs = 0;
    struct error err = {0};
    bool ok = true;
    if (a->out) {
        outs[n_outs].ops = backend_find("headless");
        outs[n_outs].b = outs[n_outs].ops->open(&bo, &err);
        ok = outs[n_outs].b != NULL;
        n_outs += ok;
    }
    if (ok && a->video) {
        outs[n_outs].ops = backend_find("video");
        outs[n_outs].b = outs[n_outs].ops->open(&bo, &err);
        if (!outs[n_outs].b)
            error_prefix(&err, "--video");
        ok = outs[n_outs].b != NULL;
        n_outs += ok;
    }
    struct progress prog = {.on = isatty(STDERR_FILENO), .total = presented, .t0 = mono_s()};
    int64_t cpu0 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID), thr0 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
    if (ok) {
        struct headless_run run = {
            .start_frame = a->start,
            .frames = a->frames,
            .every = a->every,
            .fps = a->fps,
            .start_ms = start_ms,
            .on_presented = progress_draw,
            .ctx = &prog,
        };
        ok = headless_drive(sc, outs, n_outs, &run, &err);
    }
    for (size_t k = 0; k < n_outs; k++) {
        struct error e2 = {0};
        if (!outs[k].ops->close(outs[k].b, &e2) && ok) {
            err = e2;
            ok = false;
        }
    }
    double secs = mono_s() - prog.t0;
    if (prog.drawn)
        fputc('\n', stderr);
    if (!ok) {
        fprintf(stderr, "ticker render: %s\n", err.msg);
        return 1;
    }
    int64_t last = a->start + (presented - 1) * a->every;
    print_summary(a, presented, a->start, last, secs);
    if (a->stats) {
        double cpu = (double)(cpu_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0) / 1e9;
        double thr = (double)(cpu_ns(CLOCK_THREAD_CPUTIME_ID) - thr0) / 1e9;
        printf("stats: frames %lld wall %.3f cpu %.3f render-thread-cpu %.3f encoder-threads %d\n",
               (long long)presented, secs, cpu, thr, a->out && !a->no_png ? a->threads : 0);
    }
    return 0;
}

int cmd_render(int argc, char **argv)
{
    struct render_args a;
    struct options_spec spec;
    struct options_opt opts[OPTS_N];
    int rc = parse_args(argc, argv, &a, &spec, opts);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    struct theme theme;
    if (!load_theme(a.config, &theme))
        return 2;

    int64_t now = DEFAULT_NOW;
    int offset = 0;
    if (a.now && !parse_now(a.now, &now, &offset))
        return options_error(&spec,
                             "--now wants an RFC 3339 time from year 1000 to 9999, like "
                             "2026-11-27T14:35:00+01:00, not '%s'",
                             a.now);

    struct story_snapshot *snap = NULL;
    struct store *cache_db = NULL;
    if (a.feeds.n)
        snap = snapshot_from_feeds(&a);
    else if (a.cache)
        snap = snapshot_from_cache(a.cache, now, &cache_db);
    else
        snap = xcalloc(1, sizeof *snap);
    if (!snap)
        return 1;
    clamp_snapshot_times(snap);
    if (!a.now && snap->n_stories)
        now = scene_clamp_time(snap->stories[0].published + 5 * 60);
    for (size_t i = 0; i < snap->n_stories; i++)
        if (snap->stories[i].published == 0)
            snap->stories[i].published = now;
    if (a.feeds.n) {
        snap->last_success = now;
        snap->offline = false;
    }
    if (a.offline) {
        /* As if the last fetch that worked brought the newest story. */
        snap->offline = true;
        if (a.feeds.n && snap->n_stories)
            snap->last_success =
                snap->stories[0].published < now ? snap->stories[0].published : now - 3600;
    }

    if (a.out && !a.bench_frame && !make_dirs(a.out)) {
        fprintf(stderr, "ticker render: %s: %s\n", a.out, strerror(errno));
        story_snapshot_free(snap);
        store_close(cache_db);
        return 1;
    }

    struct error err = {0};
    /* The configured fonts, else the data directory's bundled DejaVu Sans (a font that cannot
     * be opened falls back to the bundled one, then through fontconfig, with a warning). */
    char *data_dir = datadir_find(DATADIR_EXE_DISPLAY);
    char *bundled = datadir_path(data_dir, "fonts/DejaVuSans.ttf");
    char *bundled_bold = datadir_path(data_dir, "fonts/DejaVuSans-Bold.ttf");
    struct font_set_config fc = {
        .main_path = theme.font[0] ? theme.font : bundled,
        .bold_path = theme.font_bold[0] ? theme.font_bold : bundled_bold,
        .bundled_path = bundled,
        .bundled_bold_path = bundled_bold,
    };
    struct font_set *fonts = font_set_new(&fc, &err);
    free(bundled);
    free(bundled_bold);
    free(data_dir);
    if (!fonts) {
        fprintf(stderr, "ticker render: %s\n", err.msg);
        story_snapshot_free(snap);
        store_close(cache_db);
        return 1;
    }
    struct render_pictures pictures = {0};
    if (cache_db)
        pictures.reader = store_picture_reader_borrow(cache_db);
    struct scene_config sc_cfg = {
        .theme = &theme,
        .width = a.w,
        .height = a.h,
        .fonts = fonts,
        .max_texture_w = TEXTLINE_HEADLESS_MAX_W,
        .refresh_hz = a.fps,
        .utc_offset_s = offset,
        .pictures = &(struct scene_pictures){render_picture, &pictures},
    };
    struct scene *sc = scene_new(&sc_cfg, &err);
    if (!sc) {
        fprintf(stderr, "ticker render: %s\n", err.msg);
        story_snapshot_free(snap);
        font_set_free(fonts);
        render_pictures_free(&pictures);
        store_close(cache_db);
        return 1;
    }
    int bw, bh;
    if (a.bench_frame && snap && card_picture_box(&theme, a.w, a.h, &bw, &bh)) {
        /* The wall display's pictures are decoded off the render thread before their card is
         * built; here the first few are decoded before the clock starts, for the same. */
        for (size_t i = 0; i < snap->n_stories && i < RENDER_PICTURES_KEPT; i++) {
            struct picture *tmp = NULL;
            if (snap->stories[i].picture)
                render_picture(&pictures, snap->stories[i].id, snap->stories[i].picture, bw, bh,
                               &tmp);
            picture_free(tmp);
        }
    }
    scene_set_snapshot(sc, snap);
    int64_t start_ms = now * 1000;

    if (a.bench_frame)
        rc = bench_frame(sc, &a, start_ms);
    else
        rc = render_frames(sc, fonts, &a, start_ms);
    size_t missing = scene_missing_glyphs(sc);
    if (missing && !a.bench_frame)
        fprintf(stderr, "ticker render: warning: %zu characters have no glyph in any font\n",
                missing);
    scene_free(sc);
    font_set_free(fonts);
    render_pictures_free(&pictures);
    store_close(cache_db);
    return rc;
}
