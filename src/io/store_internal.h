/*
 * What store.c and store_read.c share: the connection struct and its prepared statements.
 * Not for use outside the store.
 */
#ifndef TICKER_IO_STORE_INTERNAL_H
#define TICKER_IO_STORE_INTERNAL_H

#include "io/store.h"

#include <sqlite3.h>

/* Feed text kept per item (for export and re-summarising), cut at a word boundary. */
#define STORE_CONTENT_MAX_BYTES 8192
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
    SQL_DUP_LINK,
    SQL_DUP_TITLE,
    SQL_COUNT_NEWER,
    SQL_COUNT_OLD,
    SQL_DELETE_OLD,
    SQL_FEEDS_ALL,
    SQL_COUNT_FEED,
    SQL_DELETE_EXCESS,
    SQL_FREELIST,
    SQL_PAGE_COUNT,
    SQL_TOMB_HAS,
    SQL_TOMB_OLD,
    SQL_TOMB_EXCESS,
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

/*
 * The time an item is ordered, shown and aged by (the sort_time column): the feed's
 * published date, else its updated date (Atom entries often give only <updated>), else when
 * it was first seen. Its SQL twin is in store.c's SQL_ITEM_UPDATE; keep them together.
 */
static inline int64_t store_item_time(int64_t published, int64_t updated, int64_t first_seen)
{
    return published != FEED_TIME_NONE ? published
           : updated != FEED_TIME_NONE ? updated
                                       : first_seen;
}

/* The statement, reset and unbound; NULL (logged) on error. */
sqlite3_stmt *store_stmt(struct store *s, enum store_sql which);
/* Logs "ticker: cache PATH: WHAT: sqlite message" to stderr. */
void store_log(struct store *s, const char *what);
char *store_col_text(sqlite3_stmt *st, int i);
int64_t store_col_time(sqlite3_stmt *st, int i);
/* Reads the STORE_FEED_NCOLUMNS feed columns (STORE_FEED_COLUMNS order) from column `base`. */
void store_read_feed_row(sqlite3_stmt *st, int base, struct store_feed_state *out);
/* The time item ages count from: the newest success of any feed when earlier than now. */
int64_t store_age_anchor(struct store *s, int64_t now);
/* s cut to max_bytes at a word boundary with "…" (new string). */
char *store_cap_text(const char *s, size_t max_bytes);

#endif
