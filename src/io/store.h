/*
 * The cache: items and per-feed HTTP state in one SQLite file (DESIGN.md section 6; the
 * schema and its versions are in docs/cache.md).
 *
 * Write pattern (an SD card wears out under small scattered writes): everything one fetch
 * cycle changes goes through store_begin_cycle() .. store_commit_cycle() as ONE transaction,
 * and a put that changes nothing writes nothing, so an idle cycle touches no page of the file.
 * WAL mode with synchronous=FULL: a power cut loses at most the cycle in flight and never
 * corrupts the file (NORMAL could also lose the last committed cycles; FULL costs one extra
 * fsync per cycle, every few minutes, which the card does not notice).
 *
 * Opening runs PRAGMA quick_check; a file that is not a database, is corrupt or has a schema
 * from a newer version is renamed aside (cache.db.corrupt-YYYYMMDDTHHMMSS, with its -wal and
 * -shm) and a fresh file is created, with one warning on stderr. Never fatal.
 *
 * Identity: an item is (feed URL, item id). The same story under several feeds (same
 * normalised link, or same normalised title within 24 hours) is stored once: the first feed
 * to bring it keeps it.
 *
 * Thread: a struct store is one SQLite connection, owned by one thread (the worker). The
 * `ticker cache` commands open their own. No function here reads the clock: `now` (Unix
 * seconds) is always an argument (store_open reads it only to name a file it moves aside).
 */
#ifndef TICKER_IO_STORE_H
#define TICKER_IO_STORE_H

#include "core/feed.h"
#include "core/story.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The schema version this code writes (PRAGMA user_version); older files are migrated. */
#define STORE_SCHEMA_VERSION 3
/* Summaries longer than this (bytes) are cut at a word boundary when stored. */
#define STORE_SUMMARY_MAX_BYTES 2000
/* Two items with the same normalised title within this many seconds are the same story. */
#define STORE_DUP_TITLE_WINDOW (24 * 3600)

struct store;

/* How store_open went (for the caller's log and tests). */
struct store_open_info {
    bool recovered;      /* the old file was unusable and has been moved aside */
    char moved_to[4096]; /* where it went ("" when not recovered) */
    int migrated_from;   /* user_version found (== STORE_SCHEMA_VERSION when current;
                            0 for a new file) */
};

/*
 * Opens (creating when missing, with its parent directory) the cache at `path`. A corrupt or
 * foreign file is moved aside and replaced (a warning on stderr names both files). Returns
 * NULL only when no usable file can be made at all (unwritable directory...); then `err`
 * (errlen bytes) says why, naming the path. `info` may be NULL.
 * The result is owned by the caller (store_close) and used from one thread.
 */
struct store *store_open(const char *path, struct store_open_info *info, char *err, size_t errlen);

/*
 * Opens an existing cache to look into it (the `ticker cache` commands) without changing the
 * file: no creation, no migration, no settings, and a corrupt or foreign file is reported,
 * not moved aside (a kiosk may be using it; it recovers the file itself at its next start).
 * NULL with `err` filled (naming the path) when the file is missing, fails its check or has
 * another schema version. Same ownership and thread rules as store_open.
 */
struct store *store_open_existing(const char *path, char *err, size_t errlen);

/* Closes the connection (rolling back an open cycle). NULL is fine. */
void store_close(struct store *s);

/* The last SQLite error message of this connection (for logs); never NULL. */
const char *store_errmsg(const struct store *s);

/* ---- Per-feed state ------------------------------------------------------------------ */

/* Outcome of the last fetch of a feed. */
enum store_fetch_status {
    STORE_FETCH_NEVER,        /* not fetched yet */
    STORE_FETCH_OK,           /* 200: new content parsed */
    STORE_FETCH_NOT_MODIFIED, /* 304 (or identical content) */
    STORE_FETCH_ERROR,        /* network error, HTTP error, parse error: see last_error */
    STORE_FETCH_GONE,         /* 410: polling stopped for good */
};

/* "never", "ok", "not-modified", "error", "gone" */
const char *store_fetch_status_str(enum store_fetch_status st);

/*
 * Everything the fetcher keeps between runs for one feed, keyed by the configured URL.
 * Strings are owned by the struct (store_feed_state_clear); NULL means none.
 */
struct store_feed_state {
    char *url;            /* the configured URL: the key (never NULL once loaded) */
    char *name;           /* display name */
    char *fetch_url;      /* where to fetch now: a permanent redirect's target, else NULL */
    char *etag;           /* sent back verbatim as If-None-Match */
    char *last_modified;  /* sent back verbatim as If-Modified-Since */
    int64_t next_poll;    /* Unix seconds; 0 = as soon as possible */
    int64_t last_attempt; /* Unix seconds of the last fetch attempt, 0 = never */
    int64_t last_success; /* Unix seconds of the last 200/304, 0 = never */
    int error_count;      /* consecutive failures (for the back-off) */
    enum store_fetch_status last_status;
    long last_http_code; /* 0 = no HTTP response (network error, file://) */
    char *last_error;    /* human-readable reason of the last failure */
    bool gone;           /* 410 seen: do not poll again */
    char *moved_to;      /* the pending 301 target while it repeats ... */
    int moved_count;     /* ... and how many fetches in a row returned it */
    int64_t bytes_total; /* body bytes received over the feed's lifetime */
    int64_t fetch_count; /* fetch attempts over the feed's lifetime */
    int64_t ttl;         /* the feed's last RSS <ttl> in seconds, 0 = none: kept, since a 304
                            carries no document and a restart must not forget it */
};

void store_feed_state_clear(struct store_feed_state *st);

/*
 * Makes sure the feed `url` exists with display name `name` (may be NULL). Writes only when
 * the feed is new or its name changed. Inside a cycle it joins the cycle's transaction.
 * Returns false on a database error (logged).
 */
bool store_feed_ensure(struct store *s, const char *url, const char *name);

/*
 * Loads the state of feed `url` into *out (cleared first). Returns false when the feed is
 * unknown (then *out holds the defaults: url set, everything else zero/NULL) or on error.
 */
bool store_feed_get(struct store *s, const char *url, struct store_feed_state *out);

/*
 * Saves the state (st->url is the key; the feed is created if needed). Compares with the
 * stored row first and writes nothing when nothing changed. Inside a cycle it joins the
 * cycle's transaction, otherwise it is its own. Returns false on a database error.
 */
bool store_feed_put(struct store *s, const struct store_feed_state *st);

/* ---- Fetch cycles and items ---------------------------------------------------------- */

/* Retention, applied at commit: by age and by count per feed. */
struct store_feed_limit {
    const char *url;
    int max_items;
};

struct store_retention {
    /* seconds; items whose time (published, else updated, else first seen) is older are
     * dropped; 0 = no age limit. Age counts from the newest success of any feed when that is
     * earlier than now: offline, the cached news stays (and shows its age) instead of expiring. */
    int64_t max_age;
    int max_items; /* per feed, unless listed in `feeds`; 0 = no count limit */
    const struct store_feed_limit *feeds; /* per-feed overrides (may be NULL) */
    size_t n_feeds;
};

/*
 * Starts a fetch cycle: one transaction for every put until store_commit_cycle(). Do the
 * network work before, not inside: the transaction should last milliseconds. `ret` (copied;
 * may be NULL for no retention) is also used by puts to refuse items retention would drop at
 * once (so a feed longer than max_items does not churn). Returns false on error or when a
 * cycle is already open.
 */
bool store_begin_cycle(struct store *s, const struct store_retention *ret, int64_t now);

enum store_put_result {
    STORE_PUT_NEW,       /* inserted */
    STORE_PUT_UPDATED,   /* known, and something changed: rewritten */
    STORE_PUT_UNCHANGED, /* known and identical: nothing written */
    STORE_PUT_DUPLICATE, /* the same story is already stored under another id/feed: skipped */
    STORE_PUT_EXPIRED,   /* older than retention keeps (by age or count): skipped */
    STORE_PUT_ERROR,     /* database error (logged); the cycle should be rolled back */
};

const char *store_put_result_str(enum store_put_result r);

/*
 * Stores one item of feed `feed_url` (the configured URL; the feed row is created if
 * missing). `position` is the item's index in the feed document (0 = first): with
 * max_items N, an item at position >= N that is not stored yet is skipped as EXPIRED.
 * `summary` is the text to show (the summariser's output); NULL keeps a known item's stored
 * summary, and for a new one stores the feed's own text (item->summary, else item->content),
 * capped at STORE_SUMMARY_MAX_BYTES. A known item keeps its first_seen. Must be inside a
 * cycle. item->id must not be NULL or empty (STORE_PUT_ERROR).
 */
enum store_put_result store_put_item(struct store *s, const char *feed_url,
                                     const struct feed_item *item, size_t position,
                                     const char *summary);

/*
 * Is item `item_id` of `feed_url` already stored? (The fetcher uses it to skip fetching
 * article pages for stories it has.) `has_summary` (may be NULL) tells whether it has a
 * non-empty summary.
 */
bool store_has_item(struct store *s, const char *feed_url, const char *item_id, bool *has_summary);

/*
 * Would store_put_item() store this item as new (not known, not a duplicate, not refused by
 * retention)? For the fetcher to decide before it fetches an article page for the item.
 * Reads only; must be inside a cycle (it uses the cycle's retention); false on error.
 */
bool store_item_is_new(struct store *s, const char *feed_url, const struct feed_item *item,
                       size_t position);

/*
 * Applies retention and commits the cycle. When nothing changed nothing is written. Returns
 * false on error (the cycle is rolled back; the previous state stays intact).
 */
bool store_commit_cycle(struct store *s);

/* Abandons the cycle in flight: none of its puts are kept. */
void store_rollback_cycle(struct store *s);

/* ---- Reading ------------------------------------------------------------------------- */

struct store_snapshot_options {
    int64_t now;
    int64_t max_age;            /* only items younger than this, counted as retention does */
    size_t max_stories;         /* 0 = no limit */
    const char *const *filters; /* exclude filters (config_filter_excludes) */
    size_t n_filters;
    const char *const *feed_urls; /* only these feeds (the enabled ones); NULL = all */
    size_t n_feed_urls;
};

/*
 * The display snapshot: stories newest first (published, else updated, else first seen), source =
 * the feed's name, filters applied; last_success = the newest success of any feed; offline = feeds
 * were tried and none of their last attempts reached its server. Returns a new snapshot
 * (story_snapshot_free), NULL on a database error.
 */
struct story_snapshot *store_load_snapshot(struct store *s,
                                           const struct store_snapshot_options *opt);

/* One cached item, for `ticker cache list` and export. */
struct store_item {
    char *key; /* stable id (hex) */
    char *feed_url;
    char *feed_name;
    char *item_id;
    char *title;
    char *link;
    char *summary;
    char *content;
    char *author;
    char *image;
    char *language;
    int64_t published; /* FEED_TIME_NONE when the feed gave none */
    int64_t updated;   /* FEED_TIME_NONE when the feed gave none */
    int64_t first_seen;
};

struct store_item_list {
    struct store_item *v;
    size_t n;
};

void store_item_list_free(struct store_item_list *l);

/*
 * Items newest first; only feed `feed` (matched against URL or name; NULL = all); at most
 * `limit` (0 = all). Fills *out (free with store_item_list_free). False on error.
 */
bool store_list(struct store *s, const char *feed, size_t limit, struct store_item_list *out);

/* Per-feed and file statistics, for `ticker cache stats`. */
struct store_feed_stats {
    struct store_feed_state state;
    int64_t n_items;
    int64_t newest; /* newest item time, 0 when none */
};

struct store_stats {
    struct store_feed_stats *feeds;
    size_t n_feeds;
    int64_t n_items;
    int64_t file_bytes; /* the main file plus its -wal */
    int64_t page_count;
    int64_t freelist_count;
    int schema_version;
};

bool store_stats(struct store *s, struct store_stats *out);
void store_stats_free(struct store_stats *st);

/*
 * Writes the cached items (filters applied, newest first) as a JSON Feed 1.1 document to `out`.
 * `title` names the feed (NULL: "Ticker"). Returns false on a database or write error.
 */
bool store_export_jsonfeed(struct store *s, FILE *out, const char *title,
                           const char *const *filters, size_t n_filters);

/* ---- Helpers (exposed for tests) ------------------------------------------------------ */

/* Title normalised for duplicate detection: case-folded, punctuation dropped, spaces
 * collapsed. New string (free()); NULL for NULL. */
char *store_normalize_title(const char *title);

#endif
