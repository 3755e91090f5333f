/*
 * The fetcher (DESIGN.md sections 2 and 4): brings feeds from the network into the cache.
 *
 * One service in layers:
 *
 * - Transfers (fetcher_get): a batch of HTTP GETs run together on one libcurl multi handle,
 *   at most max_transfers at once and max_per_host per host (our own queue, so a queued
 *   request's timeouts start when it really starts). http and https only (file:// for a
 *   configured feed, read directly, never as a redirect target); TLS verified; redirects are
 *   followed by us, not libcurl, at most FETCH_MAX_REDIRECTS, never from https to http, and
 *   per-feed extra headers (API keys) are only sent to the origin they were configured for.
 *   Conditional GET with the stored validators sent verbatim; every encoding libcurl can
 *   decode is accepted; the body cap counts decoded bytes, in the write callback (curl 7.88's
 *   MAXFILESIZE does not stop chunked or compressed bodies). Timeouts: connect, total, low
 *   speed. Proxies come from the environment (libcurl's default: http_proxy, https_proxy,
 *   no_proxy), which we leave alone.
 *
 * - Cycles (fetcher_run_cycle): every due feed is fetched in one batch, parsed (feed_parse),
 *   its new items summarised (core/summary.h), and everything the cycle learnt (items and
 *   per-feed HTTP state) goes into the store in ONE transaction (store_begin_cycle ..
 *   store_commit_cycle). A failed fetch keeps every cached item and only moves the feed's
 *   state and schedule (core/schedule.h).
 *
 * - Articles: when a new item of an http(s) feed has its own text shorter than
 *   summary.article_threshold characters and fetch_articles is on, its link is fetched under
 *   the same rules (http(s) only, a FETCH_ARTICLE_MAX_BYTES cap, at most one request per host
 *   every FETCH_ARTICLE_HOST_GAP_S seconds, at most FETCH_ARTICLE_MAX_PER_CYCLE per cycle) and
 *   the summary is made from the page's main text. The page itself is never stored; its
 *   summary is. Items the cache already has with a summary are not summarised again.
 *
 * - The worker (fetcher_start / fetcher_stop): one thread running cycles when feeds are due
 *   and publishing a new story snapshot through a mutex-guarded hand-off whenever the
 *   displayable set changed (fetcher_take_snapshot). fetcher_stop returns within about a
 *   second even in the middle of a transfer (curl_multi_wakeup, and a progress callback that
 *   aborts transfers once stopping).
 *
 * Thread: a fetcher is created and freed by one thread (the main thread). Without
 * fetcher_start, every function is called from that thread. After fetcher_start the worker
 * owns the multi handle and the store until fetcher_stop returns; meanwhile only
 * fetcher_take_snapshot, fetcher_cycles_done and fetcher_stop may be called, from any thread.
 */
#ifndef TICKER_IO_FETCH_H
#define TICKER_IO_FETCH_H

#include "core/config.h"
#include "core/story.h"
#include "io/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FETCH_MAX_REDIRECTS 5
/* Only when a configuration has none (config_default always sets one): CDNs block empty or
 * library-default agents. */
#define FETCH_DEFAULT_USER_AGENT "Ticker/" TICKER_VERSION

/* Article pages (summaries of thin items): a smaller cap and a politeness budget. */
#define FETCH_ARTICLE_MAX_BYTES     (2u * 1024 * 1024)
#define FETCH_ARTICLE_HOST_GAP_S    5 /* at most one article request per host this often */
#define FETCH_ARTICLE_MAX_PER_CYCLE 20

struct fetcher;

/* How one transfer ended. */
enum fetch_status {
    FETCH_OK,           /* 200/203: body holds the (decoded) document */
    FETCH_NOT_MODIFIED, /* 304: the stored copy is current */
    FETCH_HTTP_ERROR,   /* any other final HTTP status (404, 410, 429, 5xx ...) */
    FETCH_TOO_LARGE,    /* the decoded body passed the size cap: aborted */
    FETCH_TIMEOUT,      /* connect, total or low-speed timeout */
    FETCH_NETWORK,      /* resolve, connect, reset, truncated body, protocol error */
    FETCH_TLS,          /* certificate or handshake failure */
    FETCH_REDIRECT,     /* too many redirects, https to http, or a non-http(s) target */
    FETCH_BAD_URL,      /* malformed URL or a scheme other than http, https, file */
    FETCH_FILE,         /* a file:// feed could not be read */
    FETCH_CANCELLED,    /* the fetcher was stopped mid-transfer */
    FETCH_PARSE,        /* (cycles only) a 200 whose body is not a feed */
};

/* "ok", "not-modified", "http-error", "too-large", "timeout", "network", "tls", "redirect",
 * "bad-url", "file", "cancelled", "parse" */
const char *fetch_status_str(enum fetch_status s);

/* One GET. Strings are borrowed for the duration of the call. */
struct fetch_request {
    const char *url;           /* http://, https:// or file:// */
    const char *etag;          /* stored ETag, sent verbatim as If-None-Match; may be NULL */
    const char *last_modified; /* stored Last-Modified, sent as If-Modified-Since; may be NULL */
    const struct config_header *headers; /* extra request headers (API keys); may be NULL */
    size_t n_headers;
    size_t max_bytes; /* decoded body cap; 0 = the configured fetch.max_bytes */
    bool allow_file;  /* file:// allowed (configured feeds only, never articles) */
};

/* One GET's outcome. Strings are owned by the response (fetch_response_clear); NULL when
 * absent. Header values are those of the final response. */
struct fetch_response {
    enum fetch_status status;
    int http_code; /* final HTTP status; 0 when none arrived */
    char *body;    /* FETCH_OK only: NUL-terminated decoded body */
    size_t body_len;
    char *etag;
    char *last_modified;
    char *cache_control;
    char *retry_after;
    char *content_type;
    char *final_url;    /* the URL that gave the final response */
    char *moved_to;     /* where the leading permanent redirects (301/308) pointed */
    int redirects;      /* hops followed */
    int64_t wire_bytes; /* bytes received: headers plus body as sent (compressed) */
    int64_t elapsed_ms; /* from the transfer's start (not its queueing) to its end */
    char error[256];    /* what went wrong, for people; "" on success */
};

void fetch_response_clear(struct fetch_response *r);

/*
 * A fetcher for configuration `cfg` and cache `store`, both borrowed: they must outlive the
 * fetcher; the store is used only from the thread that runs cycles (it may be NULL for a
 * fetcher that only runs fetcher_get). The configured feeds must not change while the fetcher
 * lives. Returns NULL (message in err) when libcurl cannot be set up. Call fetch_global_init
 * (and feed_init) in main before any thread starts.
 */
struct fetcher *fetcher_new(const struct config *cfg, struct store *store, char *err,
                            size_t errlen);

/* Stops the worker if running and frees everything. NULL is fine. */
void fetcher_free(struct fetcher *f);

/* libcurl's process-wide set-up and tear-down; main() calls them around everything (and
 * ignores SIGPIPE: a peer closing a TLS connection must not kill the kiosk). */
bool fetch_global_init(void);
void fetch_global_cleanup(void);

/*
 * Test and deployment hooks (call before any transfer): a CA bundle to trust instead of the
 * system's (tests serve HTTPS with a certificate they make), the seed of the jitter's random
 * numbers (0: seeded from the clock and the process id), and the article politeness gap.
 */
void fetcher_set_ca_file(struct fetcher *f, const char *path);
void fetcher_set_seed(struct fetcher *f, uint64_t seed);
/* The least time between two article requests to one host (default
 * FETCH_ARTICLE_HOST_GAP_S); tests lower it to stay fast. */
void fetcher_set_article_gap_ms(struct fetcher *f, int64_t ms);

/*
 * Runs n requests concurrently within the configured limits and fills out[0..n-1] (which the
 * caller clears with fetch_response_clear). Returns when all ended or the fetcher was
 * stopped. Never fails as a whole: each response carries its own status.
 */
void fetcher_get(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                 struct fetch_response *out);

/* One feed's share of a cycle. */
struct fetch_feed_result {
    const char *url;  /* the configured URL (borrowed from the config) */
    const char *name; /* its display name (borrowed) */
    bool polled;      /* false: not due, gone or disabled (nothing else is set) */
    enum fetch_status status;
    int http_code;
    int new_items; /* items this cycle stored for the first time */
    int64_t wire_bytes;
    int64_t elapsed_ms;
    int64_t next_poll; /* Unix seconds, SCHEDULE_NEVER after a 410 */
    int error_count;   /* consecutive failures after this poll */
    char error[256];   /* "" on success */
};

struct fetch_cycle {
    struct fetch_feed_result *feeds; /* one per configured feed, in configuration order */
    size_t n_feeds;
    size_t n_polled, n_ok, n_failed;
    bool changed;         /* the displayable set may have changed (new or updated items) */
    bool store_failed;    /* the cycle's transaction could not be committed */
    int articles_fetched; /* article pages fetched for summaries */
};

void fetch_cycle_free(struct fetch_cycle *c);

/*
 * One cycle at Unix time `now`: fetches every enabled feed that is due (next_poll <= now), or
 * every enabled feed that is not gone when `all` is set (`ticker fetch`), and stores what came
 * back in one transaction. Fills *out (fetch_cycle_free). Returns false only when the store
 * failed (the cycle is then rolled back; out->feeds still says what the network did).
 * Not while the worker runs.
 */
bool fetcher_run_cycle(struct fetcher *f, int64_t now, bool all, struct fetch_cycle *out);

/*
 * Starts the worker thread: it publishes a first snapshot from the cache at once, then runs
 * cycles whenever a feed is due. Returns false (message on stderr) when the thread cannot be
 * created.
 */
bool fetcher_start(struct fetcher *f);

/* Asks the worker to stop, aborting transfers in flight, and waits for it (about a second at
 * most). Any thread; a no-op when not running. */
void fetcher_stop(struct fetcher *f);

/*
 * The newest snapshot published by the worker since the last call, or NULL when there is
 * none newer. The caller owns it (story_snapshot_free). Any thread (the render thread).
 */
struct story_snapshot *fetcher_take_snapshot(struct fetcher *f);

/* Cycles the worker has completed (for tests and the status line). Any thread. */
uint64_t fetcher_cycles_done(struct fetcher *f);

#endif
