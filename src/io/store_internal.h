/*
 * What the store's files share: the connection struct, its prepared statements and small
 * helpers. Not for use outside src/io/store*.c.
 *
 *   store_open.c      opening: writer, reader, read-only fallback, recovery, file modes
 *   store.c           statements, feed state, cycles, items, retention
 *   store_read.c      the snapshot, list, stats
 *   store_jsonfeed.c  JSON Feed export and import
 *   store_schema.c    versions, migrations, whose file it is
 */
#ifndef TICKER_IO_STORE_INTERNAL_H
#define TICKER_IO_STORE_INTERNAL_H

#include "io/store.h"

#include <sqlite3.h>

/* Feed text kept per item (for export and re-summarising), cut at a word boundary. */
#define STORE_CONTENT_MAX_BYTES 8192
/* A read-only writer tries to write again at most this often (seconds of cycle time): a try
 * opens the file and checks every page, and a worker begins several cycles a minute. */
#define STORE_WRITABLE_RETRY 60
/* How long a dropped dateless item is remembered (so it does not come back as new). */
#define STORE_TOMBSTONE_KEEP (30 * 24 * 3600)

enum store_sql {
    SQL_FEED_ID,
    SQL_FEED_INSERT,
    SQL_FEED_NAME,
    SQL_FEED_RENAME,
    SQL_FEED_GET,
    SQL_FEED_PUT,
    SQL_ITEM_GET,
    SQL_ITEM_INSERT,
    SQL_ITEM_UPDATE,
    SQL_ITEM_SUMMARY_GET,
    SQL_ITEM_SUMMARY_SET,
    SQL_DUP_LINK,
    SQL_DUP_TITLE,
    SQL_COUNT_NEWER,
    SQL_AGED_COUNT,
    SQL_AGED_TOMB,
    SQL_AGED_DELETE,
    SQL_FEEDS_ALL,
    SQL_COUNT_FEED,
    SQL_EXCESS_TOMB,
    SQL_EXCESS_DELETE,
    SQL_FREELIST,
    SQL_PAGE_COUNT,
    SQL_TOMB_HAS,
    SQL_TOMB_COUNT_STALE,
    SQL_TOMB_DELETE_STALE,
    SQL_LAST_SUCCESS,
    SQL_HAS_ITEM,
    SQL_COUNT
};

/* Every field: owner thread only (the one that opened it). */
struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *stmts[SQL_COUNT]; /* prepared on first use, kept */
    bool reader;                    /* store_open_readonly: never writes */
    bool read_only;                 /* a writer whose storage cannot be written now */
    char read_only_why[256];        /* ... and why, for people */
    int64_t writable_tried;         /* the cycle time of the last try to write again */
    int schema_version;             /* of the open file */
    bool in_cycle;
    bool dirty;                 /* this cycle wrote something */
    int64_t now;                /* the cycle's time */
    struct store_retention ret; /* deep copy for the cycle (urls owned) */
    char *cached_url;           /* last feed looked up ... */
    int64_t cached_id;          /* ... and its row id */
};

/* The feed columns store_read_feed_row() reads, in its order: one list, so the state and the
 * statistics queries cannot drift apart. */
#define STORE_FEED_COLUMNS                                                                         \
    "url, name, fetch_url, etag, last_modified, next_poll, last_attempt, last_success,"            \
    " error_count, last_status, last_http_code, last_error, gone, moved_to, moved_count,"          \
    " bytes_total, fetch_count, ttl"
#define STORE_FEED_NCOLUMNS 18

/* t clamped into STORE_TIME_MIN .. STORE_TIME_MAX. Every time that enters the store's
 * arithmetic (or leaves it for someone else's) passes here or through store_clamp_time. */
static inline int64_t store_clamp(int64_t t)
{
    return t < STORE_TIME_MIN ? STORE_TIME_MIN : t > STORE_TIME_MAX ? STORE_TIME_MAX : t;
}

/* The same for an item's date, which may be FEED_TIME_NONE ("no date"): that stays itself. */
static inline int64_t store_clamp_time(int64_t t)
{
    return t == FEED_TIME_NONE ? t : store_clamp(t);
}

/*
 * The time an item is ordered, shown and aged by (the sort_time column): the feed's
 * published date, else its updated date (Atom entries often give only <updated>), else when
 * it was first seen; clamped.
 */
static inline int64_t store_item_time(int64_t published, int64_t updated, int64_t first_seen)
{
    return store_clamp_time(published != FEED_TIME_NONE ? published
                            : updated != FEED_TIME_NONE ? updated
                                                        : first_seen);
}

/* The statement, reset and unbound; NULL (err) on error. */
sqlite3_stmt *store_stmt(struct store *s, enum store_sql which, struct error *err);

/*
 * Fills err with "WHAT: REASON" for the connection's last error, where REASON names the real
 * cause of a storage failure ("the disk is full", "the file system is read-only") rather than
 * SQLite's generic text. Returns false.
 */
bool store_fail(struct store *s, struct error *err, const char *what);

/* The reason part of store_fail, into buf (cap bytes); returns buf. */
const char *store_db_reason(sqlite3 *db, char *buf, size_t cap);

/* True when the connection's last error is the storage refusing to write (read-only, full,
 * no permission, an I/O error), as opposed to a damaged file or a busy one. */
bool store_storage_error(sqlite3 *db);

/* Columns to values; a time column is FEED_TIME_NONE when NULL and clamped otherwise. */
char *store_col_text(sqlite3_stmt *st, int i);
int64_t store_col_time(sqlite3_stmt *st, int i);
/* Reads the STORE_FEED_NCOLUMNS feed columns (STORE_FEED_COLUMNS order) from column `base`. */
void store_read_feed_row(sqlite3_stmt *st, int base, struct store_feed_state *out);
/* The time item ages count from: the newest success of any feed when earlier than now (both
 * clamped). False on a database error (err). */
bool store_age_anchor(struct store *s, int64_t now, int64_t *anchor, struct error *err);
/* a - b without overflow (saturating at the int64 limits). */
int64_t store_time_sub(int64_t a, int64_t b);
/* s cut to max_bytes at a word boundary with "…" (new string). */
char *store_cap_text(const char *s, size_t max_bytes);

/* store_read.c: every item, newest first, with its feed text, through fn (false stops). */
typedef bool (*store_item_fn)(struct store_item *it, void *arg);
bool store_each_item(struct store *s, store_item_fn fn, void *arg, struct error *err);

/* store_open.c: closes the connection and finalises the statements (the struct stays). */
void store_close_db(struct store *s);
/* store_open.c: a writer in read-only mode tries to open its file for writing again; true
 * when it can write now (logged once). */
bool store_try_writable(struct store *s, struct error *err);

#endif
