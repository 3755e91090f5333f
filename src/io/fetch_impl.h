/*
 * Private to the fetch module (fetch.c: transfers and the service's life cycle; fetch_cycle.c:
 * cycles, summaries and the worker thread). Not for other modules.
 */
#ifndef TICKER_IO_FETCH_IMPL_H
#define TICKER_IO_FETCH_IMPL_H

#include "io/fetch.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>

/* Longest the worker sleeps in one curl_multi_poll call while idle. */
#define FETCH_IDLE_POLL_MS 1000

struct fetcher {
    const struct config *cfg;    /* borrowed, read-only: safe from any thread */
    struct store *store;         /* the thread running cycles only */
    CURLM *multi;                /* the thread running cycles only (wakeup: any thread) */
    CURLSH *share;               /* the thread running cycles only */
    char *ca_file;               /* set before transfers; read-only after */
    uint64_t rng;                /* the thread running cycles only */
    atomic_bool stopping;        /* any thread */
    atomic_uint_fast64_t cycles; /* written by the worker, read by anyone */

    /* Owner thread only. */
    pthread_t thread;
    bool running;

    pthread_mutex_t lock;             /* guards `published` */
    struct story_snapshot *published; /* newest snapshot not yet taken; lock */

    struct summary_ctx *summary; /* the thread running cycles only; made on first use */
    int64_t article_gap_ms;      /* FETCH_ARTICLE_HOST_GAP_S, lowered by tests */

    /* The thread running cycles only: when the last article request went to each host
     * (monotonic ms). */
    struct article_host {
        char host[256];
        int64_t last_ms;
    } * article_hosts;
    size_t n_article_hosts;
};

/* host:port of an http(s) URL (the politeness key); false when it is not one. */
bool fetch_url_host(const char *url, char *host, size_t hlen);

/* Monotonic milliseconds (elapsed times, politeness gaps). */
int64_t fetch_mono_ms(void);

/* The next jitter value. Thread running cycles only. */
uint32_t fetch_random(struct fetcher *f);

/* Replaces the published snapshot (taking ownership). Worker only. */
void fetch_publish(struct fetcher *f, struct story_snapshot *snap);

/* The worker thread's body (fetch_cycle.c). */
void *fetch_worker_main(void *arg);

#endif
