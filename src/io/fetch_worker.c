/*
 * The worker thread and the snapshots it hands the display (fetch.h, "The worker";
 * docs/fetch.md).
 *
 * The loop, in order of what matters to the screen: poll the feeds that are due (or all of
 * them after fetcher_poke), store the summaries made so far when a batch is due, make the
 * next few summaries or fetch the next round of article pages, else sleep until the next
 * thing to do. Each wait is at most FETCH_HEARTBEAT_MS of real time and is ended early by
 * fetcher_stop, fetcher_poke and fetcher_wake (curl_multi_wakeup); every decision reads the
 * fetcher's clock, so a manual clock moved by a test drives days of polls in seconds.
 *
 * A snapshot is the stories as last loaded from the cache (reloaded only when a transaction
 * changed them) plus every enabled feed's live state, which the worker keeps in memory:
 * waiting (not polled yet in this run), fetching, ok, failed with a short reason, gone.
 * One is published whenever the stories or a state changed; the render thread takes the
 * newest (fetcher_take_snapshot) and owns it.
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"
#include "io/store_pictures.h"

#include "core/log.h"
#include "core/schedule.h"
#include "core/util.h"
#include "io/store.h"

#include <stdlib.h>
#include <string.h>

/* The worker never starts cycles closer together than this, whatever the schedule says (a
 * store that cannot save next_poll must not turn the worker into a busy loop hammering
 * servers), and fetcher_poke cannot make it either. */
#define MIN_CYCLE_GAP_MS 10000

/* ---- the hand-off --------------------------------------------------------------------- */

void fetch_publish(struct fetcher *f, struct story_snapshot *snap)
{
    pthread_mutex_lock(&f->lock);
    story_snapshot_free(f->published);
    f->published = snap;
    pthread_mutex_unlock(&f->lock);
}

struct story_snapshot *fetcher_take_snapshot(struct fetcher *f)
{
    pthread_mutex_lock(&f->lock);
    struct story_snapshot *s = f->published;
    f->published = NULL;
    pthread_mutex_unlock(&f->lock);
    return s;
}

uint64_t fetcher_cycles_done(struct fetcher *f)
{
    return atomic_load(&f->cycles);
}

uint64_t fetcher_heartbeat(struct fetcher *f)
{
    return atomic_load(&f->beats);
}

void fetcher_poke(struct fetcher *f)
{
    atomic_store(&f->poked, true);
    curl_multi_wakeup(f->multi);
}

void fetcher_wake(struct fetcher *f)
{
    curl_multi_wakeup(f->multi);
}

void fetcher_set_poll_scale(struct fetcher *f, int scale)
{
    atomic_store(&f->poll_scale, scale >= 1 ? scale : 1);
    curl_multi_wakeup(f->multi); /* an earlier due time may now have come */
}

/* ---- snapshots ------------------------------------------------------------------------ */

/* When feed i is polled next, poll scale applied (fetch_cycle.c's is_due agrees). */
static int64_t effective_due(const struct fetcher *f, const struct feed_live *lv)
{
    int scale = atomic_load(&((struct fetcher *)(uintptr_t)f)->poll_scale);
    int64_t due = lv->next_poll;
    if (due == SCHEDULE_NEVER)
        return due;
    if (scale > 1 && lv->last_attempt > 0 && due > lv->last_attempt &&
        due - lv->last_attempt < INT64_MAX / scale)
        due = lv->last_attempt + (due - lv->last_attempt) * scale;
    return due;
}

static struct story_snapshot *load_stories(struct fetcher *f, int64_t now)
{
    const struct config *cfg = f->cfg;
    const char **urls = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *urls);
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (cfg->feeds[i].enabled)
            urls[n++] = cfg->feeds[i].url;
    struct store_snapshot_options o = {
        .now = now,
        .max_age = cfg->max_age,
        .filters = (const char *const *)cfg->filters,
        .n_filters = cfg->n_filters,
        .feed_urls = urls,
        .n_feed_urls = n,
    };
    struct story_snapshot *s = store_load_snapshot(f->store, &o, NULL);
    free(urls);
    /* Which stories have a picture (their pixels stay in the cache: the display's loader
     * reads the few it shows). */
    if (s && f->pictures)
        store_mark_pictures(f->store, s, NULL);
    return s;
}

void fetch_publish_state(struct fetcher *f, bool reload)
{
    const struct config *cfg = f->cfg;
    int64_t now = fetch_now_s(f);
    if (reload || !f->current) {
        struct story_snapshot *s = load_stories(f, now);
        if (s) {
            story_snapshot_free(f->current);
            f->current = s;
        } else if (!f->current) {
            f->current = xcalloc(1, sizeof *f->current); /* (the store logged why) */
        }
    }
    struct story_snapshot *out = story_snapshot_copy(f->current);
    free(out->feeds);
    out->feeds = NULL;
    out->n_feeds = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++)
        out->n_feeds += cfg->feeds[i].enabled;
    if (out->n_feeds)
        out->feeds = xcalloc(out->n_feeds, sizeof *out->feeds);
    size_t k = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++) {
        if (!cfg->feeds[i].enabled)
            continue;
        const struct feed_live *lv = &f->live[i];
        struct story_feed *sf = &out->feeds[k++];
        sf->name = fetch_feed_name(f, i);
        sf->state = lv->state;
        sf->detail = lv->detail[0] ? xstrdup(lv->detail) : NULL;
        sf->last_success = lv->last_success;
        int64_t due = effective_due(f, lv);
        sf->next_poll = due == SCHEDULE_NEVER ? 0 : due;
        for (size_t s = 0; s < out->n_stories; s++)
            sf->n_items += out->stories[s].source && !strcmp(out->stories[s].source, sf->name);
        if (lv->last_success > out->last_success)
            out->last_success = lv->last_success;
    }
    out->offline_since = f->offline_since;
    out->offline = f->offline_since != 0;
    fetch_publish(f, out);
}

/* ---- the loop ------------------------------------------------------------------------- */

/* Every enabled feed's state as the cache has it (the start of a run). */
static void load_live(struct fetcher *f)
{
    for (size_t i = 0; i < f->cfg->n_feeds; i++) {
        struct feed_live *lv = &f->live[i];
        if (lv->known || !f->cfg->feeds[i].enabled)
            continue;
        struct store_feed_state st = {0};
        store_feed_get(f->store, f->cfg->feeds[i].url, &st, NULL);
        lv->known = true;
        lv->last_attempt = st.last_attempt;
        lv->last_success = st.last_success;
        lv->next_poll = st.gone ? SCHEDULE_NEVER : st.next_poll;
        lv->state = st.gone ? STORY_FEED_GONE : STORY_FEED_WAITING;
        lv->detail[0] = '\0';
        store_feed_state_clear(&st);
    }
}

/* The earliest time a feed is due (Unix seconds); INT64_MAX when none ever is. */
static int64_t next_due(const struct fetcher *f)
{
    int64_t due = INT64_MAX;
    for (size_t i = 0; i < f->cfg->n_feeds; i++) {
        if (!f->cfg->feeds[i].enabled)
            continue;
        int64_t d = effective_due(f, &f->live[i]);
        if (d != SCHEDULE_NEVER && d < due)
            due = d;
    }
    return due;
}

/* Offline when a cycle reached none of the feeds it tried (no HTTP answer, no file). */
static void note_reachability(struct fetcher *f, const struct fetch_cycle *c, int64_t now)
{
    if (c->n_polled == 0)
        return;
    bool reached = false;
    for (size_t i = 0; i < c->n_feeds; i++) {
        const struct fetch_feed_result *r = &c->feeds[i];
        reached |= r->polled && (r->http_code != 0 || r->status == FETCH_OK ||
                                 r->status == FETCH_NOT_MODIFIED || r->status == FETCH_PARSE);
    }
    if (reached) {
        if (f->offline_since)
            log_info("fetch", "feeds are reachable again");
        f->offline_since = 0;
    } else if (!f->offline_since) {
        f->offline_since = now;
        log_warn("fetch", "no feed is reachable (offline); showing the cached news");
    }
}

static void run_headlines(struct fetcher *f, int64_t now, bool all)
{
    struct fetch_cycle c;
    fetch_headlines(f, now, all, NULL, true, &c);
    if (!atomic_load(&f->stopping)) {
        note_reachability(f, &c, now);
        fetch_publish_state(f, false);
    }
    fetch_cycle_free(&c);
    atomic_fetch_add(&f->cycles, 1);
}

static void store_made(struct fetcher *f)
{
    int stored = 0;
    fetch_store_summaries(f, fetch_now_s(f), &stored);
    if (stored > 0)
        fetch_publish_state(f, true);
}

void *fetch_worker_main(void *arg)
{
    struct fetcher *f = arg;
    load_live(f);
    fetch_publish_state(f, true);
    /* Offline at the start: since the last success we know of (the first failure after it
     * is not kept). */
    if (f->current && f->current->offline) {
        f->offline_since = f->current->last_success ? f->current->last_success : fetch_now_s(f);
        fetch_publish_state(f, false);
    }
    int64_t not_before_ms = INT64_MIN;
    bool poke = false;

    while (!atomic_load(&f->stopping)) {
        fetch_beat(f);
        int64_t now = fetch_now_s(f), mono = fetch_mono_ms(f);
        poke |= atomic_exchange(&f->poked, false);
        int64_t due = next_due(f);
        bool may_cycle = mono >= not_before_ms;
        if (may_cycle && (poke || due <= now)) {
            run_headlines(f, now, poke);
            poke = false;
            not_before_ms = fetch_mono_ms(f) + MIN_CYCLE_GAP_MS;
            continue;
        }
        if (fetch_summaries_due(f)) {
            store_made(f);
            continue;
        }
        int64_t article_ms = INT64_MAX;
        if (fetch_summary_step(f, &article_ms, NULL, NULL))
            continue;
        /* Pictures when no summary is waiting: headlines, then text, then pictures. */
        int64_t picture_ms = INT64_MAX;
        int pics = 0;
        if (fetch_made_count(f) == 0 && fetch_picture_step(f, &picture_ms, &pics)) {
            if (pics > 0)
                fetch_publish_state(f, true);
            continue;
        }
        if (picture_ms < article_ms)
            article_ms = picture_ms;
        /* Idle: until the next poll, article, summary batch or the end of the cycle gap. */
        int64_t wait = FETCH_HEARTBEAT_MS;
        if (poke || (due != INT64_MAX && due - now < 3600)) {
            int64_t until = poke ? 0 : due > now ? (due - now) * 1000 : 0;
            if (!may_cycle && not_before_ms - mono > until)
                until = not_before_ms - mono;
            if (until < wait)
                wait = until;
        }
        if (article_ms != INT64_MAX && article_ms - mono < wait)
            wait = article_ms - mono;
        if (fetch_made_count(f) > 0 && f->first_made_ms + FETCH_SUMMARY_BATCH_MS - mono < wait)
            wait = f->first_made_ms + FETCH_SUMMARY_BATCH_MS - mono;
        atomic_store(&f->idle_ms, mono);
        fetch_sleep(f, wait > 0 ? wait : 1);
    }
    /* Summaries already made are worth the one short transaction. */
    if (fetch_made_count(f) > 0)
        store_made(f);
    return NULL;
}

bool fetcher_start(struct fetcher *f)
{
    pthread_mutex_lock(&f->life);
    bool ok = true;
    if (!f->running) {
        atomic_store(&f->stopping, false);
        int rc = pthread_create(&f->thread, NULL, fetch_worker_main, f);
        if (rc != 0) {
            log_error("fetch", "cannot start the fetch worker: %s", strerror(rc));
            ok = false;
        } else {
            f->running = true;
        }
    }
    pthread_mutex_unlock(&f->life);
    return ok;
}

void fetcher_stop(struct fetcher *f)
{
    pthread_mutex_lock(&f->life);
    if (f->running) {
        if (pthread_equal(pthread_self(), f->thread)) {
            /* Joining itself would hang for ever: a bug in the caller, said loudly. */
            log_error("fetch", "fetcher_stop called from the worker thread itself; ignored");
        } else {
            atomic_store(&f->stopping, true);
            /* Wakes curl_multi_poll whether the worker is idle or mid-transfer; the progress
             * callback aborts transfers libcurl is busy with in the meantime. */
            curl_multi_wakeup(f->multi);
            pthread_join(f->thread, NULL);
            f->running = false;
            atomic_store(&f->stopping, false);
        }
    }
    pthread_mutex_unlock(&f->life);
}
