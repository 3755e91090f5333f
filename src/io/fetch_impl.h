/*
 * Private to the fetch module: fetch.c (transfers and the service), fetch_cycle.c (headline
 * cycles), fetch_summary.c (summaries and article pages), fetch_worker.c (the thread and its
 * snapshots). Not for other modules. docs/fetch.md describes how the parts fit.
 */
#ifndef TICKER_IO_FETCH_IMPL_H
#define TICKER_IO_FETCH_IMPL_H

#include "io/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

/* What the worker knows about one configured feed between polls (worker or cycle thread). */
struct feed_live {
    enum story_feed_state state;
    char detail[FETCH_DETAIL_MAX];
    int64_t last_attempt; /* Unix seconds, 0 = never (from the store, then kept here) */
    int64_t last_success;
    int64_t next_poll; /* as stored (unscaled); SCHEDULE_NEVER when gone */
    bool known;        /* loaded from the store at least once */
};

/* A parsed feed document shared by the summary jobs made from it (refcounted). */
struct held_doc {
    struct feed *doc;
    size_t feed; /* index into cfg->feeds */
    int refs;
};

/* One item whose picture is to be fetched (fetch_picture.c). */
struct picture_job {
    size_t feed;    /* index into cfg->feeds */
    char *item_id;  /* owned */
    char *url;      /* the image, owned */
    char host[300]; /* its host:port (politeness key) */
};

/* One item waiting for its summary. */
struct summary_job {
    struct held_doc *hd;
    size_t item;    /* index into hd->doc->items (also its position in the feed) */
    bool article;   /* its page is to be fetched first */
    char host[300]; /* the page's host:port (politeness key) when `article` */
    char *summary;  /* made, waiting to be stored (NULL: not made yet) */
    bool made;
};

struct fetcher {
    const struct config *cfg;    /* borrowed, read-only: safe from any thread */
    const struct clock *clock;   /* borrowed; set before start, read-only after */
    struct store *store;         /* the thread running cycles only */
    CURLM *multi;                /* the thread running cycles only (wakeup: any thread) */
    CURLSH *share;               /* the thread running cycles only */
    char *ca_file;               /* set before transfers; read-only after */
    uint64_t rng;                /* the thread running cycles only */
    atomic_bool stopping;        /* any thread */
    atomic_bool poked;           /* any thread: poll everything at the next look */
    atomic_int poll_scale;       /* any thread; >= 1 */
    atomic_uint_fast64_t cycles; /* written by the worker, read by anyone */
    atomic_uint_fast64_t beats;  /* written by the worker, read by anyone */
    /* The clock's monotonic ms when the worker last found nothing to do (everything due by
     * then was done): tests that move a manual clock wait for it. Worker writes, any reads. */
    atomic_int_fast64_t idle_ms;

    /* Start and stop: `life` guards `thread` and `running` (any thread may stop). */
    pthread_mutex_t life;
    pthread_t thread;
    bool running;

    pthread_mutex_t lock;             /* guards `published` */
    struct story_snapshot *published; /* newest snapshot not yet taken; lock */

    /* The thread running cycles only from here on. */
    struct summary_ctx *summary; /* made on first use */
    int64_t article_gap_ms;      /* FETCH_ARTICLE_HOST_GAP_S, lowered by tests */
    /* When the last article request went to each host (clock's monotonic ms). */
    struct article_host {
        char host[300];
        int64_t last_ms;
    } * article_hosts;
    size_t n_article_hosts;

    struct feed_live *live;   /* cfg->n_feeds */
    struct summary_job *jobs; /* summaries to make, oldest first */
    size_t n_jobs, alloc_jobs;
    int64_t first_made_ms; /* monotonic ms of the oldest made summary not yet stored (when
                              there is one) */

    /* Pictures (fetch_picture.c): the card's picture size they are scaled to (0: pictures
     * off) and the items whose picture is still to be fetched, oldest first. */
    bool pictures;                   /* "images" is on: read-only after fetcher_new */
    atomic_int_fast64_t picture_box; /* (w << 32) | h; 0: none. Any thread */
    struct picture_job *pic_jobs;
    size_t n_pic_jobs, alloc_pic_jobs;

    /* The worker's view for snapshots. */
    struct story_snapshot *current; /* stories as last loaded from the store; NULL: none yet */
    int64_t offline_since;          /* Unix seconds; 0 = online */
    int64_t last_poke_ms;           /* monotonic ms of the last poked cycle */
};

/* ---- fetch.c ------------------------------------------------------------------------- */

/* host:port of an http(s) URL (the politeness key); false when it is not one. */
bool fetch_url_host(const char *url, char *host, size_t hlen);

/* Real monotonic ms: only for measuring work (a transfer, a CPU budget), never for deciding
 * when something is due. */
int64_t fetch_real_ms(void);

/* The clock's readings. */
int64_t fetch_now_s(const struct fetcher *f);   /* Unix seconds */
int64_t fetch_mono_ms(const struct fetcher *f); /* monotonic ms */

/* The next jitter value. Thread running cycles only. */
uint32_t fetch_random(struct fetcher *f);

/* One tick of the heartbeat (fetcher_heartbeat). Thread running cycles only. */
void fetch_beat(struct fetcher *f);

/* Sleeps up to ms (real time), ended early by fetcher_stop, fetcher_poke and fetcher_wake. */
void fetch_sleep(struct fetcher *f, int64_t ms);

/* fetcher_get, calling done(ctx, i) as soon as request i has its final response (out[i] is
 * then complete; the callback may move its contents away but must leave out[i] clearable),
 * and turn(ctx) after the endings of one turn of the transfer loop have all been told (so
 * the caller can store together what ended together). Either may be NULL. */
typedef void fetch_done_fn(void *ctx, size_t i);
typedef void fetch_turn_fn(void *ctx);
void fetch_get_each(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                    struct fetch_response *out, fetch_done_fn *done, fetch_turn_fn *turn,
                    void *ctx);

/* ---- fetch_cycle.c ------------------------------------------------------------------- */

/* The headline half of a cycle: polls, per-feed transactions, the batch of schedule states;
 * queues summary jobs. `publish`: publish snapshots as things change (the worker). Fills *out
 * (whose feeds array it allocates). Returns false when a write failed. */
bool fetch_headlines(struct fetcher *f, int64_t now, bool all, const struct fetch_progress *pr,
                     bool publish, struct fetch_cycle *out);

/* Display name of configured feed i as stored and shown (demo feeds labelled). New string. */
char *fetch_feed_name(const struct fetcher *f, size_t i);

/* The store's retention for this configuration (free *limits after use). */
void fetch_retention(const struct fetcher *f, struct store_retention *ret,
                     struct store_feed_limit **limits);

/* ---- fetch_summary.c ----------------------------------------------------------------- */

/* Queues the summary job of one item of a held document (the job takes a reference). */
void fetch_queue_summary(struct fetcher *f, struct held_doc *hd, size_t item, bool article,
                         const char *host);
/* The summary of one item of `doc`, from its article page when one is given. Never NULL:
 * when the summariser has nothing better, the item's own text (or ""). New string. */
char *fetch_summarise(struct fetcher *f, const struct feed *doc, const struct feed_item *it,
                      const struct fetch_response *page);
/* Drops every job (made or not) of feed `feed`: a newer document replaces them. */
void fetch_drop_jobs(struct fetcher *f, size_t feed);
void fetch_drop_all_jobs(struct fetcher *f);
/* Holds a document for jobs: the caller's reference (refs 1), dropped with fetch_release,
 * which frees the document with the last reference. */
struct held_doc *fetch_hold(struct feed *doc, size_t feed);
void fetch_release(struct held_doc *hd);

/* Summaries that need no page, then one round of article pages whose hosts are ready.
 * Returns true when it did something. *next_ms: monotonic ms when the next article becomes
 * ready (INT64_MAX: none waiting). */
bool fetch_summary_step(struct fetcher *f, int64_t *next_ms, struct fetch_cycle *out,
                        const struct fetch_progress *pr);
/* Made summaries are due to be stored: every job is done, or the oldest has waited
 * FETCH_SUMMARY_BATCH_MS (summaries are stored in batches, not one transaction each). */
#define FETCH_SUMMARY_BATCH_MS 10000
bool fetch_summaries_due(const struct fetcher *f);
/* Stores the made summaries in one transaction at Unix time `now`. Returns false on a write
 * error; *stored: how many. */
bool fetch_store_summaries(struct fetcher *f, int64_t now, int *stored);
/* Article jobs not fetched yet, summaries made but not stored. */
size_t fetch_articles_left(const struct fetcher *f);
size_t fetch_made_count(const struct fetcher *f);

/* Politeness shared by article pages and pictures: when the last request went to `host`
 * (NULL: not lately), and noting one now. */
int64_t *fetch_host_last(struct fetcher *f, const char *host);
void fetch_host_touch(struct fetcher *f, const char *host, int64_t now_ms);
/* Whether a request to `host` may start at `now` (its last one at least the article gap
 * ago); when not, *next_ms is lowered to the time it may. */
bool fetch_host_ready(struct fetcher *f, const char *host, int64_t now, int64_t *next_ms);

/* ---- fetch_picture.c ----------------------------------------------------------------- */

/* The size pictures are scaled to now; false when pictures are off. Any thread. */
static inline bool fetch_picture_box(struct fetcher *f, int *w, int *h)
{
    int_fast64_t b = atomic_load(&f->picture_box);
    *w = (int)(b >> 32);
    *h = (int)(b & 0x7FFFFFFF);
    return f->pictures && *w > 0 && *h > 0;
}

/* Pictures are downloaded under the article pages' cap and time limits. */
#define FETCH_PICTURE_MAX_BYTES FETCH_ARTICLE_MAX_BYTES

/* Queues the picture of item `it` of configured feed `feed` when pictures are on, it names an
 * http(s) image, and the cache has nothing for that image yet. Thread running cycles. */
void fetch_queue_picture(struct fetcher *f, size_t feed, const struct feed_item *it);
/* The same for an image found later (an article page's og:image). */
void fetch_queue_picture_url(struct fetcher *f, size_t feed, const char *item_id, const char *url);
/* One round of pictures whose hosts are ready (one per host): downloaded, decoded in the
 * sandbox, compressed and stored in one transaction. True when it did something; *stored:
 * pictures stored; *next_ms: when the next host is ready (INT64_MAX: none waiting). */
bool fetch_picture_step(struct fetcher *f, int64_t *next_ms, int *stored);
void fetch_drop_pictures(struct fetcher *f);

/* ---- fetch_worker.c ------------------------------------------------------------------ */

/* Replaces the published snapshot (taking ownership). */
void fetch_publish(struct fetcher *f, struct story_snapshot *snap);
/* Reloads the stories from the store (when `reload`) and publishes them with every feed's live
 * state. Worker only. */
void fetch_publish_state(struct fetcher *f, bool reload);

/* The worker thread's body. */
void *fetch_worker_main(void *arg);

#endif
