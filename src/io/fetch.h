/*
 * The fetcher: brings feeds from the network into the cache and hands the display snapshots
 * of it (docs/fetch.md has the whole design; docs/architecture.md the threads around it).
 *
 * One service in layers:
 *
 * - Transfers (fetcher_get): a batch of HTTP GETs run together on one libcurl multi handle,
 *   at most max_transfers at once and max_per_host per host (our own queue, so a queued
 *   request's timeouts start when it really starts). http and https only (file:// for a
 *   configured feed, read directly and only when it is a regular file, never as a redirect
 *   target); TLS verified; redirects are followed by us, not libcurl, at most
 *   FETCH_MAX_REDIRECTS, never from https to http, and per-feed extra headers (API keys) are
 *   only ever sent to the origin of the URL the feed was configured with, also after the feed
 *   moved. Conditional GET with the stored validators sent verbatim; gzip and deflate bodies
 *   are decoded here (a compressed body that ends early is an error, not a shorter feed); the
 *   body cap counts decoded bytes. Timeouts: connect, total, low speed. Proxies come from the
 *   environment (libcurl's default: http_proxy, https_proxy, no_proxy), which we leave alone.
 *
 * - Cycles (fetcher_run_cycle): every due feed is fetched in one batch. Each feed whose answer
 *   is a new document is parsed and its headlines stored in a small transaction of its own as
 *   soon as its transfer ends, so one slow feed or article never holds the others' headlines
 *   back; the feeds that answered 304 or failed have their schedule saved together in one
 *   transaction at the end of the batch. Summaries come after headlines: from the item's own
 *   text, or, when that is shorter than summary.article_threshold characters and
 *   fetch_articles is on, from the article page (http(s) only, FETCH_ARTICLE_MAX_BYTES, at most
 *   one request per host every FETCH_ARTICLE_HOST_GAP_S seconds, at most
 *   FETCH_ARTICLE_MAX_PER_CYCLE pages per cycle), stored in batches. A failed fetch keeps
 *   every cached item and only moves the feed's state and schedule (core/schedule.h).
 *
 * - The worker (fetcher_start / fetcher_stop): one thread that polls feeds when they are due,
 *   fills in summaries in the background between polls, and publishes a story snapshot
 *   (core/story.h, with every feed's live state) through a mutex-guarded hand-off whenever
 *   the stories or a feed's state changed (fetcher_take_snapshot).
 *
 * Time: everything that decides when to do something (polls, backoff, Retry-After, retention,
 * the article gaps, the worker's waits) reads the fetcher's clock (io/clock.h; a test sets a
 * manual one and runs days of polls in seconds). Only a transfer in flight measures itself in
 * real time: libcurl's timeouts are real.
 *
 * Text for people (errors, details) is printable and has credentials redacted
 * (url_redact) before it leaves this module.
 *
 * Thread: a fetcher is created and freed by one thread (the owner, normally the main thread).
 * Without fetcher_start, every function is called from the owner. After fetcher_start the
 * worker owns the multi handle and the store until fetcher_stop returns; meanwhile only the
 * functions marked "any thread" may be called.
 */
#ifndef TICKER_IO_FETCH_H
#define TICKER_IO_FETCH_H

#include "core/config.h"
#include "core/error.h"
#include "core/story.h"
#include "io/clock.h"
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

/* Label appended to the name of a demo feed (config "demo": true) wherever it is shown. */
#define FETCH_DEMO_LABEL " (demo)"

struct fetcher;

/* How one transfer ended. */
enum fetch_status {
    FETCH_OK,           /* 200/203: body holds the (decoded) document */
    FETCH_NOT_MODIFIED, /* 304: the stored copy is current */
    FETCH_HTTP_ERROR,   /* any other final HTTP status (404, 410, 429, 5xx ...) */
    FETCH_TOO_LARGE,    /* the decoded body or a header passed its size cap: aborted */
    FETCH_TIMEOUT,      /* connect, total or low-speed timeout */
    FETCH_NETWORK,      /* resolve, connect, reset, truncated body, not an HTTP answer */
    FETCH_TLS,          /* certificate or handshake failure */
    FETCH_REDIRECT,     /* too many redirects, https to http, or a non-http(s) target */
    FETCH_BAD_URL,      /* malformed URL or a scheme other than http, https, file */
    FETCH_FILE,         /* a file:// feed could not be read (missing, not a regular file) */
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
    /* The URL the headers were configured for: they go only to its origin (scheme, host,
     * port), whatever `url` is now. NULL: url itself. */
    const char *headers_origin;
    size_t max_bytes; /* decoded body cap; 0 = the configured fetch.max_bytes */
    bool allow_file;  /* file:// allowed (configured feeds only, never articles) */
};

/* Short reasons for a status line ("DNS lookup failed", "HTTP 404"): at most this long. */
#define FETCH_DETAIL_MAX 48

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
    int64_t elapsed_ms; /* from the transfer's start (not its queueing) to its end (real time) */
    /* For a status line: "DNS lookup failed", "connection refused", "timed out", "HTTP 404",
     * "TLS certificate not trusted", "not an HTTP answer" ...; "" on success. */
    char detail[FETCH_DETAIL_MAX];
    struct error err; /* the whole story for people (printable, redacted); empty on success */
};

void fetch_response_clear(struct fetch_response *r);

/*
 * A fetcher for configuration `cfg` and cache `store`, both borrowed: they must outlive the
 * fetcher; the store is used only from the thread that runs cycles (it may be NULL for a
 * fetcher that only runs fetcher_get). The configured feeds must not change while the fetcher
 * lives. Returns NULL (reason in err) when libcurl cannot be set up. Call fetch_global_init
 * (and feed_init) in main before any thread starts. The caller is the owner thread.
 */
struct fetcher *fetcher_new(const struct config *cfg, struct store *store, struct error *err);

/* Stops the worker if running and frees everything. NULL is fine. Owner thread. */
void fetcher_free(struct fetcher *f);

/* libcurl's process-wide set-up and tear-down; main() calls them around everything (and
 * ignores SIGPIPE: a peer closing a TLS connection must not kill the kiosk). */
bool fetch_global_init(void);
void fetch_global_cleanup(void);

/*
 * Set-up, owner thread, before any transfer or fetcher_start: the clock (default
 * clock_system; borrowed, must outlive the fetcher), a CA bundle to trust instead of the
 * system's (tests serve HTTPS with a certificate they make), the seed of the jitter's random
 * numbers (0: seeded from the clock and the process id), and the least time between two
 * article requests to one host (default FETCH_ARTICLE_HOST_GAP_S; tests lower it).
 */
void fetcher_set_clock(struct fetcher *f, const struct clock *c);
void fetcher_set_ca_file(struct fetcher *f, const char *path);
void fetcher_set_seed(struct fetcher *f, uint64_t seed);
void fetcher_set_article_gap_ms(struct fetcher *f, int64_t ms);

/*
 * The size story pictures are scaled to (docs/images.md): the card's picture on the screen
 * that shows them (core/card.h, card_picture_box). By default that of a 1920x1080 screen under
 * the configuration's "display" object, and none when its "images" is false (no picture is
 * ever fetched then, whatever is set here). w or h 0 pauses pictures. Any thread: the wall
 * display sets it once its window has a size; pictures made after that have the new size.
 */
void fetcher_set_picture_box(struct fetcher *f, int w, int h);

/*
 * Runs n requests concurrently within the configured limits and fills out[0..n-1] (which the
 * caller clears with fetch_response_clear). Returns when all ended or the fetcher was
 * stopped. Never fails as a whole: each response carries its own status. Not while the worker
 * runs.
 */
void fetcher_get(struct fetcher *f, const struct fetch_request *reqs, size_t n,
                 struct fetch_response *out);

/* One feed's share of a cycle. */
struct fetch_feed_result {
    const char *url;  /* the configured URL (borrowed from the config) */
    const char *name; /* its display name (borrowed) */
    bool polled;      /* false: not due, gone or disabled (nothing else is set) */
    bool stored;      /* what the poll brought is in the cache (false: the save failed and
                         new_items is 0; err says why) */
    enum fetch_status status;
    int http_code;
    int new_items;        /* items this cycle stored for the first time */
    int changed_items;    /* known items whose text changed (corrections): summarised again */
    int summaries_queued; /* of those and of older items without one: summaries still to make */
    int64_t wire_bytes;
    int64_t elapsed_ms;
    int64_t next_poll;             /* Unix seconds, SCHEDULE_NEVER after a 410 */
    int error_count;               /* consecutive failures after this poll */
    char detail[FETCH_DETAIL_MAX]; /* short reason; "" on success */
    struct error err;              /* "" on success */
};

struct fetch_cycle {
    struct fetch_feed_result *feeds; /* one per configured feed, in configuration order */
    size_t n_feeds;
    size_t n_polled, n_ok, n_failed;
    bool changed;         /* the displayable set may have changed (new or updated items) */
    bool store_failed;    /* some of the cycle's writes could not be committed */
    int articles_fetched; /* article pages fetched for summaries */
    int summaries_made;   /* summaries stored */
    int pictures_stored;  /* story pictures stored */
};

void fetch_cycle_free(struct fetch_cycle *c);

/*
 * What a cycle tells its caller while it runs (`ticker fetch` prints a line per feed as it
 * finishes). Either function may be NULL. Called on the thread running the cycle.
 */
struct fetch_progress {
    /* A polled feed's outcome is final (stored, or not: r->stored). index: into cfg->feeds. */
    void (*feed_done)(void *ctx, size_t index, const struct fetch_feed_result *r);
    /* Article pages: before each round of requests (done so far, still to fetch), and once
     * more with left == 0 when they are all done. */
    void (*articles)(void *ctx, int done, int left);
    void *ctx;
};

/*
 * One whole cycle at Unix time `now` (normally the clock's; tests pass fixed times): fetches
 * every enabled feed that is due (next_poll <= now), or every enabled feed that is not gone
 * when `all` is set (`ticker fetch`), stores each feed's headlines as it arrives, then makes
 * and stores every summary (fetching article pages) before it returns. Fills *out
 * (fetch_cycle_free). Returns false when some write failed (out->store_failed; each feed's
 * `stored` says which). `progress` may be NULL. Not while the worker runs.
 */
bool fetcher_run_cycle(struct fetcher *f, int64_t now, bool all,
                       const struct fetch_progress *progress, struct fetch_cycle *out);

/*
 * Starts the worker thread: it publishes a first snapshot from the cache at once, then polls
 * feeds when they are due and makes summaries in between. Owner thread. Returns false (and
 * logs why) when the thread cannot be created.
 */
bool fetcher_start(struct fetcher *f);

/*
 * Asks the worker to stop, aborting transfers in flight, and waits for it (about a second at
 * most). Any thread but the worker itself (and not from a signal handler); concurrent calls
 * are safe, the thread is joined once. A no-op when not running.
 */
void fetcher_stop(struct fetcher *f);

/*
 * The newest snapshot published by the worker since the last call, or NULL when there is
 * none newer. The caller owns it (story_snapshot_free). Any thread (the render thread).
 */
struct story_snapshot *fetcher_take_snapshot(struct fetcher *f);

/* Cycles the worker has completed (for tests and the status line). Any thread. */
uint64_t fetcher_cycles_done(struct fetcher *f);

/* Polls every enabled feed that is not gone now, whatever its schedule (the operator's key
 * r). At most one such poll every 10 s. Any thread. */
void fetcher_poke(struct fetcher *f);

/*
 * Multiplies every feed's wait between polls (and backoffs) by `scale` (>= 1; 1 = as
 * configured): night mode polls less often. Takes effect at once, also for polls already
 * scheduled. Any thread.
 */
void fetcher_set_poll_scale(struct fetcher *f, int scale);

/*
 * A counter that grows while the worker thread is alive and looping: it ticks at least every
 * FETCH_HEARTBEAT_MS, idle or mid-transfer, so a watchdog can tell a stuck worker (no growth
 * for several seconds) from a quiet one. Any thread.
 */
#define FETCH_HEARTBEAT_MS 1000
uint64_t fetcher_heartbeat(struct fetcher *f);

/* Makes the worker look at its clock now instead of at its next tick (tests that move a
 * manual clock). Any thread. */
void fetcher_wake(struct fetcher *f);

#endif
