/*
 * `ticker run`: the wall display (docs/display.md, "The wall display"). One long-running
 * process: the render thread (this one) owns SDL and never waits on the network or the disk;
 * the fetch worker fills the cache and publishes snapshots (run_news); a small thread writes the
 * status file (run_status). The loop below is the whole program, top to bottom:
 *
 *   signals and the configuration file  (run_signals)  quit, reload
 *   the window and the operator's keys  (run_display)  pause, step, fetch now, quit
 *   the night schedule                  (core/night)   screen off and on (run_cec: the
 *                                                      TV over HDMI-CEC), fetch less often
 *   news from the worker                (core/adopt)   taken at the next item boundary
 *   one frame                           (run_display)  compose, present on vsync, pace
 *   reports                             (run_notify, run_status)  watchdog, status
 *
 * The first frame comes from the cache: the worker starts (and reads the cache) while SDL
 * opens the window, and the loop starts with whatever the cache held.
 */
#include "app/datadir.h"
#include "app/display/commands.h"
#include "app/options.h"

#include "app/display/run_cec.h"
#include "app/display/run_clock.h"
#include "app/display/run_display.h"
#include "app/display/run_news.h"
#include "app/display/run_notify.h"
#include "app/display/run_pictures.h"
#include "app/display/run_signals.h"
#include "app/display/run_status.h"
#include "app/statefile.h"
#include "core/config.h"
#include "core/health.h"
#include "core/log.h"
#include "core/night.h"
#include "core/theme.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/fetch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* How long the first frame waits for the worker's snapshot of the cache. A cache that takes
 * longer (a broken SD card) gets the no-news screen first; its stories follow. */
#define FIRST_SNAPSHOT_WAIT_MS 2000

struct run {
    /* The command line. */
    const char *config_arg, *cache_arg, *status_arg;
    struct rundisp_options disp_opt;
    /* What runs. */
    struct runclock fast_clock;
    const struct clock *clk;
    struct runsig *sig;
    struct config *cfg;
    char *data_dir;    /* fonts and demo feeds (app/datadir.h); NULL: none found */
    char *config_path; /* the file in use, NULL for the built-in configuration */
    char *cache_path;
    struct runnews *news;
    struct rundisp *disp;
    struct runstatus *status;
    struct runpictures *pictures; /* the cards' pictures (NULL: none) */
    struct runcec *cec;           /* HDMI-CEC, started when the schedule first asks for it */
    struct runnotify notify;
    /* State. */
    bool quit;
    int rc;
    bool stalled; /* test hook: frames stop, the loop goes on */
    bool night_off;
    int64_t night_checked_s, night_change_s;
    int64_t started_s, started_mono_ms;
    int64_t next_status_ms;
    uint64_t frames_at_ping, beats_at_ping;
    int64_t t_config, t_news, t_window, t_cache; /* start-up steps, ms from the start */
    struct story_snapshot *feeds; /* the newest feed states and status, for the status file */
};

/* Pictures are fetched at the size this screen's card shows them (docs/images.md). */
static void picture_box(struct run *rt)
{
    int w, h;
    if (rt->disp && rt->news && rundisp_picture_box(rt->disp, &w, &h))
        runnews_set_picture_box(rt->news, w, h);
}

/* ---- the command line ------------------------------------------------------------------ */

/* OPTIONS_CONTINUE to go on, else the exit status (0 after --help, 2 after an error). */
static int parse_args(int argc, char **argv, struct run *rt)
{
    const char *window = NULL;
    bool fullscreen = false;
    int display = 0;
    const struct options_opt opts[] = {
        OPTIONS_STRING("config", "FILE", &rt->config_arg,
                       "The configuration file (the usual lookup otherwise: see "
                       "`ticker check-config --help`); it is watched for changes."),
        OPTIONS_STRING("cache", "FILE", &rt->cache_arg,
                       "The cache file, instead of the configuration's \"cache\"."),
        OPTIONS_STRING("window", "WxH", &window,
                       "A window of this size (the default on a desktop is 1280x720)."),
        OPTIONS_FLAG("fullscreen", &fullscreen,
                     "The whole display (the default on a console, where SDL uses KMSDRM)."),
        OPTIONS_INT("display", "N", &display, 0, 63, "Which display to use, counted from 0."),
        OPTIONS_STRING("status-file", "FILE", &rt->status_arg,
                       "Where the status goes, instead of status.json in the state directory "
                       "(see `ticker status --help`)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "run",
        .about = "Runs the wall display: news from the cache at once, fetched in the "
                 "background, until SIGTERM; SIGHUP or an edited configuration reloads it.",
        .opts = opts,
    };
    int n_args, rc = options_parse(&spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    if (window && fullscreen)
        return options_error(&spec, "--window and --fullscreen: one or the other");
    if (window) {
        int w, h;
        char x, extra;
        if (sscanf(window, "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X') ||
            w < 64 || h < 48 || w > 16384 || h > 16384)
            return options_error(&spec,
                                 "--window wants WIDTHxHEIGHT from 64x48 to 16384x16384, "
                                 "not '%s'",
                                 window);
        rt->disp_opt.width = w;
        rt->disp_opt.height = h;
    } else {
        rt->disp_opt.width = 1280;
        rt->disp_opt.height = 720;
        if (!fullscreen) {
            /* A console (no desktop session) is a wall display: the whole screen. */
            const char *drv = getenv("SDL_VIDEODRIVER");
            fullscreen = (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) ||
                         (drv && !strcasecmp(drv, "kmsdrm"));
        }
    }
    rt->disp_opt.fullscreen = fullscreen;
    rt->disp_opt.display = display;
    return OPTIONS_CONTINUE;
}

/* ---- configuration --------------------------------------------------------------------- */

/* Loads the configuration with data_dir's built-in (may be NULL); its messages go to the log,
 * each at its own level (a warning, or an error that keeps the configuration from being used).
 * NULL when it has errors. */
static struct config *load_config(const char *arg, const char *data_dir, char **used_path)
{
    struct config_diags diags = {0};
    struct config *c = config_file_read(arg, data_dir, &diags, used_path);
    for (size_t i = 0; i < diags.n; i++)
        log_msg(diags.v[i].severity == CONFIG_ERROR ? LOG_LEVEL_ERROR : LOG_LEVEL_WARN, "config",
                "%s", diags.v[i].text);
    config_diags_free(&diags);
    return c;
}

/* The look: the "display" object over the defaults, the language from the locale unless the
 * configuration names one. */
static bool make_theme(const struct config *cfg, struct theme *t, struct error *err)
{
    theme_default_for(
        t, theme_locale_from_env(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")));
    return theme_parse(t, cfg->display, NULL, NULL, err);
}

static void watch_config(struct run *rt)
{
    struct error err = {0};
    if (!runsig_watch(rt->sig, rt->config_path, &err))
        log_warn("run", "%s: changes are not noticed (reload with SIGHUP): %s", rt->config_path,
                 err.msg);
}

/* SIGHUP or an edited file: the new configuration replaces the old one only when all of it is
 * good; otherwise the display goes on with the old one and the log says why. */
static void reload(struct run *rt)
{
    runnotify_reloading(&rt->notify);
    char *path = NULL;
    struct config *cfg = load_config(rt->config_arg, rt->data_dir, &path);
    struct theme theme;
    struct error err = {0};
    if (!cfg) {
        log_error("run", "the configuration was not reloaded: it has errors (above); the "
                         "running one stays");
    } else if (!make_theme(cfg, &theme, &err)) {
        log_error("run", "the configuration was not reloaded: %s: %s; the running one stays",
                  path ? path : "built-in", err.msg);
    } else if (!runnews_reload(rt->news, cfg, rt->cfg, &err)) {
        log_error("run", "the configuration was not reloaded: %s; the running one stays", err.msg);
    } else {
        char *cache = config_file_cache_path(cfg, rt->cache_arg);
        if (strcmp(cache, rt->cache_path))
            log_warn("run", "the cache moves to %s at the next start (%s stays open now)", cache,
                     rt->cache_path);
        free(cache);
        struct config *old = rt->cfg;
        rt->cfg = cfg;
        cfg = NULL;
        config_free(old);
        if (!rundisp_set_theme(rt->disp, &theme, &err))
            log_error("run", "the new look could not be applied: %s; the old one stays", err.msg);
        picture_box(rt);
        bool moved =
            !path != !rt->config_path || (path && rt->config_path && strcmp(path, rt->config_path));
        free(rt->config_path);
        rt->config_path = path;
        path = NULL;
        if (moved)
            watch_config(rt);
        rt->night_checked_s = 0; /* the schedule may have changed */
        log_info("run", "configuration reloaded from %s: %zu feeds",
                 rt->config_path ? rt->config_path : "the built-in defaults", rt->cfg->n_feeds);
    }
    config_free(cfg);
    free(path);
    runnotify_reloaded(&rt->notify);
}

/* ---- the loop's steps ------------------------------------------------------------------ */

/* How long the loop may sleep: not at all while frames are presented (vsync paces it), else
 * until the night schedule's next change, at most a second. */
static int idle_wait_ms(struct run *rt)
{
    if (!rt->night_off && !rt->stalled)
        return 0;
    int64_t wait = 1000;
    if (rt->night_off && rt->night_change_s > 0) {
        int64_t left = rt->night_change_s * 1000 - clock_wall_ms(rt->clk);
        left = runclock_real_ms(&rt->fast_clock, rt->clk, left) + 1;
        if (left < wait)
            wait = left < 1 ? 1 : left;
    }
    return (int)wait;
}

static void handle_signals(struct run *rt)
{
    int wait = idle_wait_ms(rt);
    unsigned ev = runsig_wait(rt->sig, wait, rt->clk);
    if (ev & RUNSIG_QUIT) {
        log_info("run", "%s: stopping", runsig_last(rt->sig));
        rt->quit = true;
    }
    if ((ev & RUNSIG_RELOAD) && !rt->quit)
        reload(rt);
    if (ev & RUNSIG_STALL) {
        log_warn("run", "test hook: the render loop stops presenting frames");
        rt->stalled = true;
    }
}

static void handle_input(struct run *rt)
{
    struct window_input in;
    rundisp_poll(rt->disp, rt->cfg->run.keys, &in);
    if (in.lost) {
        /* SDL cannot bring the display back in this process: systemd starts a new one. */
        log_error("run", "%s; exiting so that the service restarts", in.lost_why);
        rt->quit = true;
        rt->rc = 1;
    }
    if (in.quit) {
        log_info("run", "the window was closed: stopping");
        rt->quit = true;
    }
    for (int i = 0; i < in.n_keys; i++) {
        if (in.keys[i] == WINDOW_KEY_QUIT) {
            log_info("run", "operator: quit");
            rt->quit = true;
        } else if (in.keys[i] == WINDOW_KEY_REFRESH) {
            log_info("run", "operator: fetch every feed now");
            runnews_poke(rt->news);
        }
    }
}

static void follow_schedule(struct run *rt)
{
    int64_t now = clock_wall_ms(rt->clk) / 1000;
    if (now == rt->night_checked_s)
        return;
    rt->night_checked_s = now;
    const struct night_schedule *ns = &rt->cfg->run.schedule;
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    int sec = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
    bool off = night_is_off(ns, tm.tm_wday, sec);
    int64_t left = night_seconds_to_change(ns, tm.tm_wday, sec);
    rt->night_change_s = left < 0 ? 0 : now + left;
    if (off == rt->night_off)
        return;
    rt->night_off = off;
    /* The test clock waits for the first frame, which the night does not show. */
    runclock_start(&rt->fast_clock);
    char at[16] = "never";
    if (left >= 0) {
        time_t ct = (time_t)(now + left);
        struct tm ctm;
        localtime_r(&ct, &ctm);
        strftime(at, sizeof at, "%a %H:%M", &ctm);
    }
    log_info("run", "night schedule: display %s until %s", off ? "off" : "on", at);
    rundisp_power(rt->disp, !off, ns->dpms);
    if (ns->cec) { /* the TV too, from a thread of its own (run_cec.h) */
        if (!rt->cec)
            rt->cec = runcec_start();
        runcec_power(rt->cec, !off);
    }
    /* The news goes on at night, less often; the morning's first frame has it. */
    runnews_set_poll_scale(rt->news, off ? ns->poll_scale : 1);
}

static void take_news(struct run *rt)
{
    struct story_snapshot *snap = runnews_take(rt->news);
    if (!snap)
        return;
    /* The status file wants every feed's state and poll times, even when nothing on screen
     * changes; the screen gets what core/adopt.h says it needs. */
    struct story_snapshot light = *snap;
    light.stories = NULL;
    light.n_stories = 0;
    struct story_snapshot *copy = story_snapshot_copy(&light);
    story_snapshot_free(rt->feeds);
    rt->feeds = copy;
    rundisp_snapshot(rt->disp, snap);
}

static void show_frame(struct run *rt)
{
    struct error err = {0};
    if (!rundisp_frame(rt->disp, &err)) {
        log_error("run", "presenting a frame failed: %s; exiting so that the service restarts",
                  err.msg);
        rt->quit = true;
        rt->rc = 1;
        return;
    }
    if (!rt->notify.ready) {
        runclock_start(&rt->fast_clock);
        char line[96];
        snprintf(line, sizeof line, "showing %zu stories", rundisp_items(rt->disp));
        runnotify_ready(&rt->notify, line);
        log_info("run",
                 "first frame on screen after %lld ms (%s; configuration %lld ms, cache and "
                 "worker %lld, window and scene %lld, snapshot %lld)",
                 (long long)(clock_monotonic_ms(rt->clk) - rt->started_mono_ms), line,
                 (long long)rt->t_config, (long long)rt->t_news, (long long)rt->t_window,
                 (long long)rt->t_cache);
    }
}

static void fill_health(struct run *rt, struct health *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->version, sizeof h->version, "%s", TICKER_VERSION);
    h->pid = (int64_t)getpid();
    h->started = rt->started_s;
    h->written = clock_wall_ms(rt->clk) / 1000;
    rundisp_health(rt->disp, h);
    h->display = rt->night_off               ? HEALTH_NIGHT
                 : !rundisp_frames(rt->disp) ? HEALTH_STARTING
                 : rundisp_paused(rt->disp)  ? HEALTH_PAUSED
                                             : HEALTH_ON;
    h->night_change = rt->night_change_s;
    h->max_frame_age = RUNCONF_MAX_FRAME_AGE;
    h->max_fetch_age = rt->cfg->run.max_fetch_age;
    const struct story_snapshot *s = rt->feeds;
    if (s) {
        h->last_success = s->last_success;
        h->offline_since = s->offline ? s->offline_since : 0;
        h->n_feeds = s->n_feeds;
        h->feeds = s->n_feeds ? xcalloc(s->n_feeds, sizeof *h->feeds) : NULL;
        for (size_t i = 0; i < s->n_feeds; i++) {
            const struct story_feed *f = &s->feeds[i];
            h->feeds[i] = (struct health_feed){
                .name = xstrdup(f->name ? f->name : ""),
                .state = xstrdup(story_feed_state_str(f->state)),
                .detail = f->detail && f->state == STORY_FEED_FAILED ? xstrdup(f->detail) : NULL,
                .last_success = f->last_success,
                .next_poll = f->next_poll,
                .items = (int64_t)f->n_items,
            };
        }
    }
}

static void report(struct run *rt)
{
    int64_t now_ms = clock_monotonic_ms(rt->clk);
    /* Healthy for the watchdog: frames completed since the last ping (or the screen is off
     * for the night and this loop still runs), and the worker's heartbeat grew. */
    uint64_t frames = rundisp_frames(rt->disp), beats = runnews_heartbeat(rt->news);
    bool healthy =
        !rt->stalled && (rt->night_off || frames > rt->frames_at_ping) && beats > rt->beats_at_ping;
    if (runnotify_watchdog(&rt->notify, now_ms, healthy)) {
        rt->frames_at_ping = frames;
        rt->beats_at_ping = beats;
    }
    if (now_ms < rt->next_status_ms)
        return;
    rt->next_status_ms = now_ms + RUNCONF_STATUS_INTERVAL * 1000;
    struct health h;
    fill_health(rt, &h);
    char line[200];
    if (h.display == HEALTH_NIGHT)
        snprintf(line, sizeof line, "night: display off, %lld stories", (long long)h.items);
    else
        snprintf(line, sizeof line, "%s: %lld stories, %.1f fps, p99 %.1f ms, %llu dropped%s",
                 health_display_str(h.display), (long long)h.items, h.fps, h.frame_p99_ms,
                 (unsigned long long)h.dropped, h.offline_since ? ", offline" : "");
    runnotify_status(&rt->notify, line);
    if (rt->status)
        runstatus_publish(rt->status, &h);
    health_clear(&h);
}

/* ---- start and end --------------------------------------------------------------------- */

/* Everything up to the first frame; false with rt->rc set when it cannot run. */
static bool start(struct run *rt)
{
    struct error err = {0};
    rt->clk = runclock_init(&rt->fast_clock);
    rt->started_s = clock_wall_ms(rt->clk) / 1000;
    rt->started_mono_ms = clock_monotonic_ms(rt->clk);
    rt->sig = runsig_open(&err);
    if (!rt->sig) {
        log_error("run", "%s", err.msg);
        return false;
    }
    rt->data_dir = datadir_find(DATADIR_EXE_DISPLAY);
    rt->disp_opt.data_dir = rt->data_dir;
    rt->cfg = load_config(rt->config_arg, rt->data_dir, &rt->config_path);
    struct theme theme;
    if (!rt->cfg) {
        rt->rc = 2;
        return false;
    }
    if (!make_theme(rt->cfg, &theme, &err)) {
        log_error("config", "%s: %s", rt->config_path ? rt->config_path : "built-in", err.msg);
        rt->rc = 2;
        return false;
    }
    watch_config(rt);
    rt->t_config = clock_monotonic_ms(rt->clk) - rt->started_mono_ms;
    /* A peer closing a TLS connection must not kill the kiosk. */
    signal(SIGPIPE, SIG_IGN);
    if (!fetch_global_init()) {
        log_error("run", "cannot initialise libcurl");
        return false;
    }
    /* The worker reads the cache while SDL opens the window. */
    rt->cache_path = config_file_cache_path(rt->cfg, rt->cache_arg);
    rt->news = runnews_open(rt->cfg, rt->cache_path, rt->clk, &err);
    if (!rt->news) {
        log_error("run", "%s", err.msg);
        return false;
    }
    rt->t_news = clock_monotonic_ms(rt->clk) - rt->started_mono_ms;
    rt->pictures = runpictures_open(rt->cache_path);
    rt->disp_opt.pictures = runpictures_source(rt->pictures);
    rt->disp = rundisp_open(&rt->disp_opt, &theme, rt->clk, &err);
    if (!rt->disp) {
        log_error("run", "%s", err.msg);
        return false;
    }
    picture_box(rt);
    char *status_path = statefile_path(rt->status_arg, &err);
    if (status_path)
        rt->status = runstatus_start(status_path, rt->cache_path, &err);
    if (!rt->status)
        log_warn("run", "no status file: %s", err.msg);
    free(status_path);
    runnotify_init(&rt->notify);
    /* The first status after a second of frames (a rate over one frame says nothing). */
    rt->next_status_ms = clock_monotonic_ms(rt->clk) + 1000;
    rt->t_window = clock_monotonic_ms(rt->clk) - rt->started_mono_ms;
    for (int64_t t0 = clock_monotonic_ms(rt->clk);
         clock_monotonic_ms(rt->clk) - t0 < FIRST_SNAPSHOT_WAIT_MS;) {
        struct story_snapshot *snap = runnews_take(rt->news);
        if (snap) {
            rundisp_snapshot(rt->disp, snap);
            break;
        }
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    rt->t_cache = clock_monotonic_ms(rt->clk) - rt->started_mono_ms;
    return true;
}

static void finish(struct run *rt)
{
    runnotify_stopping(&rt->notify);
    runcec_stop(rt->cec);
    rundisp_close(rt->disp);
    runpictures_close(rt->pictures); /* after the scene that asked it for pictures */
    runnews_close(rt->news); /* the worker stops within about a second; the cache is closed */
    runstatus_stop(rt->status);
    fetch_global_cleanup();
    runsig_close(rt->sig);
    story_snapshot_free(rt->feeds);
    config_free(rt->cfg);
    free(rt->config_path);
    free(rt->cache_path);
    free(rt->data_dir);
}

int cmd_run(int argc, char **argv)
{
    struct run rt = {0};
    int rc = parse_args(argc, argv, &rt);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    rt.rc = 1;
    if (start(&rt)) {
        rt.rc = 0;
        while (!rt.quit) {
            handle_signals(&rt);  /* quit, reload (SIGHUP, the file edited) */
            handle_input(&rt);    /* window events, operator keys, a lost display */
            follow_schedule(&rt); /* night: the screen off and on */
            take_news(&rt);       /* the worker's snapshots, into the crawl at a boundary */
            if (!rt.night_off && !rt.stalled && !rt.quit)
                show_frame(&rt); /* compose, present on vsync, pace */
            report(&rt);         /* watchdog, STATUS=, the status file every 10 s */
        }
    }
    finish(&rt);
    return rt.rc;
}
