/*
 * The cache: items and per-feed HTTP state in one SQLite file (the schema, its versions and
 * every rule below are in docs/cache.md).
 *
 * Write pattern (an SD card wears out under small scattered writes): everything one fetch
 * cycle changes goes through store_begin_cycle() .. store_commit_cycle() as ONE transaction,
 * and a put that changes nothing writes nothing, so an idle cycle touches no page of the file.
 * WAL mode with synchronous=FULL: a power cut loses at most the cycle in flight and never
 * corrupts the file.
 *
 * Two ways in. A writer (store_open: the display's worker, `ticker fetch`, `cache import`)
 * creates, migrates and repairs: a file that is not a database or fails its integrity check is
 * moved aside (cache.db.corrupt-YYYYMMDDTHHMMSSZ) and a new one started. When the storage
 * cannot be written (a read-only file system or folder, a full disk) it opens the file for
 * reading instead, logs that once, and tries to write again at every cycle. A reader
 * (store_open_readonly: `ticker cache list|stats|export`, `render --cache`) changes nothing
 * in any case. Nobody touches a file made by a newer Ticker or by another program.
 *
 * Identity: an item is (feed URL, item id). The same story under several feeds (same
 * normalised link, or same normalised title within 24 hours) is stored once: the first feed
 * to bring it keeps it.
 *
 * Errors: functions that can fail take `struct error *err` last (may be NULL) and never print;
 * background events (a file moved aside, read-only mode and its end) are logged through
 * core/log.h under the module name "store".
 *
 * Thread: a struct store is one SQLite connection, owned by one thread (the worker). The
 * `ticker cache` commands open their own. No function here reads the clock: `now` (Unix
 * seconds) is always an argument (store_open reads it only to name a file it moves aside).
 */
#ifndef TICKER_IO_STORE_H
#define TICKER_IO_STORE_H

#include "core/error.h"
#include "core/feed.h"
#include "core/story.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The schema version this code writes (PRAGMA user_version); older files are migrated. */
#define STORE_SCHEMA_VERSION 5
/* The oldest schema a reader (store_open_readonly) can read without migrating it. */
#define STORE_SCHEMA_READABLE 3
/* PRAGMA application_id of a Ticker cache ("Tckr"): a file with another one is not ours. */
#define STORE_APPLICATION_ID 0x54636B72u
/* Summaries longer than this (bytes) are cut at a word boundary when stored. */
#define STORE_SUMMARY_MAX_BYTES 2000
/* Two items with the same normalised title within this many seconds are the same story. */
#define STORE_DUP_TITLE_WINDOW (24 * 3600)
/* Retention never removes a feed's newest this many items because of their age alone (only
 * newer items of the same feed replace them), so the display never runs dry. */
#define STORE_KEEP_NEWEST 10
/* Times read from the file or given to it are clamped into this range (0 .. 9999-12-31),
 * so that no row can overflow the arithmetic of ages and retention. */
#define STORE_TIME_MIN 0
#define STORE_TIME_MAX INT64_C(253402300799)

struct store;

/* How store_open went (for the caller's log and tests). */
struct store_open_info {
    bool recovered;          /* the old file was unusable and has been moved aside */
    char moved_to[4096];     /* where it went ("" when not recovered) */
    int migrated_from;       /* user_version found (== STORE_SCHEMA_VERSION when current;
                                0 for a new file) */
    bool read_only;          /* the storage cannot be written now: opened for reading only */
    char read_only_why[256]; /* why, for people: "read-only file system", "disk full" */
};

/*
 * Opens (creating when missing, with its parent folders, mode 0600, or 0640 in a folder with
 * the set-group-ID bit) the cache at `path` as a writer. A file that is not a database or
 * fails its integrity check is moved aside and replaced (logged). When the file exists but the
 * storage cannot be written (read-only file system or folder, disk full) it is opened for
 * reading only (logged once; info->read_only); store_begin_cycle tries to write again.
 * Returns NULL when no usable cache can be had: a file made by a newer Ticker or by another
 * program (never touched), a new file that cannot be created, a busy or unreadable file; then
 * err says why, naming the path. `info` may be NULL.
 * The result is owned by the caller (store_close) and used from one thread.
 */
struct store *store_open(const char *path, struct store_open_info *info, struct error *err);

/*
 * Opens an existing cache to look into it (the `ticker cache` commands, `render --cache`)
 * without changing anything: SQLITE_OPEN_READONLY, no creation, no migration, no settings,
 * nothing moved aside, and no -wal or -shm file created where none was (a file nobody has
 * open is read as immutable; beside a running writer the writer's -shm is shared read-only).
 * Works on read-only and full storage. NULL with err filled (naming the path) when the file
 * is missing, is not a database, fails its check, is not Ticker's, or has a schema other
 * than STORE_SCHEMA_READABLE .. STORE_SCHEMA_VERSION. Same ownership and thread rules as
 * store_open; store_begin_cycle on it fails.
 */
struct store *store_open_readonly(const char *path, struct error *err);

/* Closes the connection (rolling back an open cycle). NULL is fine. */
void store_close(struct store *s);

/*
 * True when the store can only read now: opened by store_open_readonly, or a writer whose
 * storage cannot be written (then *why, if not NULL, says why; it stays valid until the next
 * call on s). A writer becomes writable again by itself at a later store_begin_cycle.
 */
bool store_is_read_only(const struct store *s, const char **why);

/* Result of looking something up: found, not there, or the database failed (err says why). */
enum store_lookup {
    STORE_NOT_FOUND = 0,
    STORE_FOUND = 1,
    STORE_LOOKUP_FAILED = -1,
};

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
 * Returns false on a database error (err).
 */
bool store_feed_ensure(struct store *s, const char *url, const char *name, struct error *err);

/*
 * Loads the state of feed `url` into *out (cleared first). STORE_NOT_FOUND: the feed is not
 * in the cache (then *out holds the defaults: url set, everything else zero/NULL, which is
 * "due at once"); STORE_LOOKUP_FAILED: a database error (err; *out holds the defaults too).
 * Times are clamped to STORE_TIME_MIN .. STORE_TIME_MAX.
 */
enum store_lookup store_feed_get(struct store *s, const char *url, struct store_feed_state *out,
                                 struct error *err);

/*
 * Saves the state (st->url is the key; the feed is created if needed). Compares with the
 * stored row first and writes nothing when nothing changed. last_error is stored printable
 * (str_printable): it often quotes the network. Inside a cycle it joins the cycle's
 * transaction, otherwise it is its own. Returns false on a database error (err).
 */
bool store_feed_put(struct store *s, const struct store_feed_state *st, struct error *err);

/* ---- Fetch cycles and items ---------------------------------------------------------- */

/* Retention, applied at commit (docs/cache.md, "Retention"). */
struct store_feed_limit {
    const char *url;
    int max_items;
};

struct store_retention {
    /* seconds; an item whose time (published, else updated, else first seen) is older is
     * removed once its feed has STORE_KEEP_NEWEST newer items; 0 = no age limit. Age counts
     * from the newest success of any feed when that is earlier than now. */
    int64_t max_age;
    int max_items; /* per feed, unless listed in `feeds`; 0 = no count limit */
    const struct store_feed_limit *feeds; /* per-feed overrides (may be NULL) */
    size_t n_feeds;
};

/*
 * Starts a fetch cycle: one transaction for every put until store_commit_cycle(). Do the
 * network work before, not inside: the transaction should last milliseconds. `ret` (copied;
 * may be NULL for no retention) is also used by puts to refuse items retention would drop at
 * once (so a feed longer than max_items does not churn). A writer that had to open its file
 * read-only tries to reopen it for writing first, at most once a minute of `now` (and logs
 * when that works). Returns false (err) when the store cannot write (read-only storage, a
 * reader), on a database error, or when a cycle is already open.
 */
bool store_begin_cycle(struct store *s, const struct store_retention *ret, int64_t now,
                       struct error *err);

/*
 * What a put did. The fetcher summarises NEW items and, when it did not pass a summary for
 * them, CHANGED ones: a publisher's correction must reach the screen.
 */
enum store_put_result {
    STORE_PUT_NEW,       /* inserted */
    STORE_PUT_CHANGED,   /* known, and its text (title, summary or content from the feed)
                            changed: everything rewritten; without a new summary the stored
                            one becomes the feed's new text, marked stale (store_has_item
                            says it has no summary) until a summary is put */
    STORE_PUT_UPDATED,   /* known, the same text, other fields changed (dates, link, image,
                            author, language, a new summary): rewritten */
    STORE_PUT_UNCHANGED, /* known and identical: nothing written */
    STORE_PUT_DUPLICATE, /* the same story is already stored under another id/feed: skipped */
    STORE_PUT_EXPIRED,   /* retention would remove it at once (by age or count): skipped */
    STORE_PUT_ERROR,     /* database error (err); the cycle should be rolled back */
};

/* "new", "changed", "updated", "unchanged", "duplicate", "expired", "error" */
const char *store_put_result_str(enum store_put_result r);

/*
 * Stores one item of feed `feed_url` (the configured URL; the feed row is created if
 * missing). `position` is the item's index in the feed document (0 = first): with
 * max_items N, an item at position >= N that is not stored yet is skipped as EXPIRED.
 * `summary` is the text to show (the summariser's output); NULL keeps a known item's stored
 * summary while its text is the same, and otherwise stores the feed's own text (item->summary,
 * else item->content), capped at STORE_SUMMARY_MAX_BYTES. A known item keeps its first_seen.
 * Dates are clamped to STORE_TIME_MIN .. STORE_TIME_MAX. Must be inside a cycle. item->id
 * must not be NULL or empty (STORE_PUT_ERROR).
 */
enum store_put_result store_put_item(struct store *s, const char *feed_url,
                                     const struct feed_item *item, size_t position,
                                     const char *summary, struct error *err);

/*
 * Sets the summary of a stored item (and clears its stale mark): for a summary made after the
 * item was put. Writes only when it differs. Inside a cycle it joins the cycle's transaction,
 * otherwise it is its own. STORE_NOT_FOUND when the item is not stored (nothing written).
 */
enum store_lookup store_put_summary(struct store *s, const char *feed_url, const char *item_id,
                                    const char *summary, struct error *err);

/*
 * Is item `item_id` of `feed_url` stored? (The fetcher uses it to skip summarising and
 * fetching article pages for stories it has.) `has_summary` (may be NULL) tells whether it has
 * a non-empty summary that is not stale.
 */
enum store_lookup store_has_item(struct store *s, const char *feed_url, const char *item_id,
                                 bool *has_summary, struct error *err);

/*
 * Would store_put_item() store this item as new (not known, not a duplicate, not refused by
 * retention)? For the fetcher to decide before it fetches an article page for the item.
 * Reads only; must be inside a cycle (it uses the cycle's retention); false on error (err).
 */
bool store_item_is_new(struct store *s, const char *feed_url, const struct feed_item *item,
                       size_t position, struct error *err);

/*
 * Applies retention and commits the cycle. When nothing changed nothing is written. Returns
 * false (err: the real reason, such as "disk full") on error; the cycle is then rolled back
 * and the previous state stays intact. The next cycle simply tries again.
 */
bool store_commit_cycle(struct store *s, struct error *err);

/* Abandons the cycle in flight: none of its puts are kept. */
void store_rollback_cycle(struct store *s);

/* ---- Reading ------------------------------------------------------------------------- */

struct store_snapshot_options {
    int64_t now;
    int64_t max_age;            /* items older than this (counted as retention does) are left
                                   out, except each feed's newest STORE_KEEP_NEWEST: 0 = all */
    size_t max_stories;         /* 0 = no limit */
    const char *const *filters; /* exclude filters (config_filter_excludes) */
    size_t n_filters;
    const char *const *feed_urls; /* only these feeds (the enabled ones); NULL = all */
    size_t n_feed_urls;
};

/*
 * The display snapshot: stories newest first (published, else updated, else first seen,
 * clamped), source = the feed's name, filters applied, by the same keep rule as retention
 * (old news stays while nothing newer replaces it); last_success = the newest success of any
 * feed; offline = feeds were tried and none of their last attempts reached its server.
 * Returns a new snapshot (story_snapshot_free), NULL on a database error (err). Works on a
 * read-only store.
 */
struct story_snapshot *
store_load_snapshot(struct store *s, const struct store_snapshot_options *opt, struct error *err);

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
    int64_t published;  /* FEED_TIME_NONE when the feed gave none; else clamped */
    int64_t updated;    /* FEED_TIME_NONE when the feed gave none; else clamped */
    int64_t first_seen; /* clamped */
};

struct store_item_list {
    struct store_item *v;
    size_t n;
};

void store_item_list_free(struct store_item_list *l);

/*
 * Items newest first; only feed `feed` (matched against URL or name; NULL = all); at most
 * `limit` (0 = all). Fills *out (free with store_item_list_free). False on error (err).
 */
bool store_list(struct store *s, const char *feed, size_t limit, struct store_item_list *out,
                struct error *err);

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

/* Fills *out (free with store_stats_free). False on error (err). */
bool store_stats(struct store *s, struct store_stats *out, struct error *err);
void store_stats_free(struct store_stats *st);

/* ---- JSON Feed export and import (store_jsonfeed.c) ---------------------------------- */

/*
 * Writes the cached items (filters applied, newest first) as a JSON Feed 1.1 document to `out`,
 * with the extension object "_ticker" per item (source, feed_url, item_id, first_seen) that
 * store_import_jsonfeed reads back. `title` names the feed (NULL: "Ticker"). Returns false on
 * a database or write error (err).
 */
bool store_export_jsonfeed(struct store *s, FILE *out, const char *title,
                           const char *const *filters, size_t n_filters, struct error *err);

struct store_import_options {
    const char *name; /* where the document came from, for messages and, when the feed names
                         no feed_url, its identity ("import:NAME"); "-" is standard input */
    int64_t now;      /* the cycle's time (first seen of new items) */
};

/* What an import did: how many items each put result had. */
struct store_import_counts {
    size_t n[STORE_PUT_ERROR + 1]; /* indexed by enum store_put_result */
};

/* How an import went. */
enum store_import_result {
    STORE_IMPORT_OK,
    STORE_IMPORT_BAD_INPUT,
    STORE_IMPORT_FAILED,
};
/*
 * Puts the items of a JSON Feed document (text, len bytes) into the cache in one cycle
 * without retention, read by the core feed parser (the same cleaning, dates and caps as a
 * fetched feed). An item's feed is its "_ticker" extension's feed_url and source when it has
 * one (a Ticker export), else the document's own feed_url and title. Returns
 * STORE_IMPORT_OK and fills *counts; STORE_IMPORT_BAD_INPUT when the text is not a JSON Feed
 * (err with line and column where known); STORE_IMPORT_FAILED when the cache could not be
 * written (err; nothing stored).
 */
enum store_import_result store_import_jsonfeed(struct store *s, const char *text, size_t len,
                                               const struct store_import_options *opt,
                                               struct store_import_counts *counts,
                                               struct error *err);

/* ---- Helpers (exposed for tests) ------------------------------------------------------ */

/* Title normalised for duplicate detection: case-folded, punctuation dropped, spaces
 * collapsed. New string (free()); NULL for NULL. */
char *store_normalise_title(const char *title);

#endif
