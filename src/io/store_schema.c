/*
 * Schema versions of the cache, one SQL step per version (PRAGMA user_version holds the
 * version of the file), and how a file is recognised as ours (PRAGMA application_id, else the
 * tables a Ticker cache has). To change the schema: append a step to `steps` that takes
 * version N to N + 1 (ALTER TABLE ..., or create-copy-drop for what ALTER cannot do), raise
 * STORE_SCHEMA_VERSION in store.h and document the new version in docs/cache.md. A file from a
 * newer program or another program is never touched: the store refuses it.
 */
#include "io/store_schema.h"
#include "io/store.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const steps[] = {
    /* 0 -> 1: the first schema. */
    "CREATE TABLE feeds ("
    "  id INTEGER PRIMARY KEY,"
    "  url TEXT NOT NULL UNIQUE," /* the configured URL: the feed's identity */
    "  name TEXT,"
    "  fetch_url TEXT," /* permanent redirect target in use */
    "  etag TEXT,"
    "  last_modified TEXT,"
    "  next_poll INTEGER NOT NULL DEFAULT 0,"
    "  last_attempt INTEGER NOT NULL DEFAULT 0,"
    "  last_success INTEGER NOT NULL DEFAULT 0,"
    "  error_count INTEGER NOT NULL DEFAULT 0,"
    "  last_status TEXT NOT NULL DEFAULT 'never',"
    "  last_http_code INTEGER NOT NULL DEFAULT 0,"
    "  last_error TEXT,"
    "  gone INTEGER NOT NULL DEFAULT 0,"
    "  moved_to TEXT,"
    "  moved_count INTEGER NOT NULL DEFAULT 0,"
    "  bytes_total INTEGER NOT NULL DEFAULT 0,"
    "  fetch_count INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE TABLE items ("
    "  id INTEGER PRIMARY KEY,"
    "  feed_id INTEGER NOT NULL REFERENCES feeds(id),"
    "  item_id TEXT NOT NULL,"
    "  key TEXT NOT NULL," /* stable story id: hash of feed URL and item id */
    "  title TEXT,"
    "  link TEXT,"
    "  norm_link TEXT,"
    "  norm_title TEXT,"
    "  published INTEGER," /* NULL: the feed gave no date */
    "  updated INTEGER,"
    "  first_seen INTEGER NOT NULL,"
    "  sort_time INTEGER NOT NULL," /* published, else first_seen (v3: else updated) */
    "  summary TEXT,"
    "  content TEXT,"
    "  language TEXT,"
    "  author TEXT,"
    "  image TEXT,"
    "  UNIQUE (feed_id, item_id)"
    ");"
    "CREATE INDEX items_feed_time ON items(feed_id, sort_time);"
    "CREATE INDEX items_time ON items(sort_time);"
    "CREATE INDEX items_norm_link ON items(norm_link) WHERE norm_link IS NOT NULL;"
    "CREATE INDEX items_norm_title ON items(norm_title) WHERE norm_title IS NOT NULL;",
    /* 1 -> 2: tombstones of dateless items retention dropped. */
    "CREATE TABLE expired ("
    "  feed_id INTEGER NOT NULL,"
    "  item_id TEXT NOT NULL,"
    "  expired_at INTEGER NOT NULL,"
    "  PRIMARY KEY (feed_id, item_id)"
    ") WITHOUT ROWID;",
    /* 2 -> 3: the RSS <ttl> survives restarts (next poll = the largest of interval, ttl,
     * max-age, Retry-After); items with only an updated date are ordered and aged by it. */
    ("ALTER TABLE feeds ADD COLUMN ttl INTEGER NOT NULL DEFAULT 0;"
     "UPDATE items SET sort_time = updated WHERE published IS NULL AND updated IS NOT NULL;"),
    /* 3 -> 4: a corrected item (same id, new text) is summarised again: the hash of the feed's
     * own text tells a correction from a repeat, and summary_stale marks a summary that was
     * made for the old text (NULL hash: stored before version 4, learnt at the next put). */
    ("ALTER TABLE items ADD COLUMN text_hash INTEGER;"
     "ALTER TABLE items ADD COLUMN summary_stale INTEGER NOT NULL DEFAULT 0;"),
    /* 4 -> 5: story pictures, scaled once to the card's size and kept as JPEG beside the
     * item (docs/images.md); a row without pixels remembers why a picture failed, so it is
     * not fetched again at every poll. They go with their item. */
    ("CREATE TABLE pictures ("
     "  key TEXT PRIMARY KEY," /* items.key */
     "  url TEXT NOT NULL,"    /* the image it was made from */
     "  fetched INTEGER NOT NULL,"
     "  width INTEGER,"
     "  height INTEGER,"
     "  jpeg BLOB," /* NULL: the picture failed (error says why) */
     "  error TEXT"
     ");"
     "CREATE TRIGGER items_pictures_gone AFTER DELETE ON items BEGIN"
     "  DELETE FROM pictures WHERE key = old.key;"
     " END;"),
};

const struct store_migrations store_schema_migrations = {steps,
                                                         (int)(sizeof steps / sizeof steps[0])};

_Static_assert(sizeof steps / sizeof steps[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

/* A one-number PRAGMA or query; -1 when it cannot be read. */
static int64_t query_number(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int user_version(sqlite3 *db)
{
    return (int)query_number(db, "PRAGMA user_version");
}

static bool is_empty(sqlite3 *db)
{
    return query_number(db, "SELECT count(*) FROM sqlite_schema") == 0;
}

/* The tables a Ticker cache has had in any version: anything else makes a file someone
 * else's. */
static bool ticker_table(const char *name)
{
    return !strcmp(name, "feeds") || !strcmp(name, "items") || !strcmp(name, "expired") ||
           !strcmp(name, "pictures");
}

/* Does table `table` have every column of the NULL-terminated list? */
static bool has_columns(sqlite3 *db, const char *table, const char *const *cols)
{
    for (; *cols; cols++) {
        char *sql = xasprintf("SELECT count(*) FROM pragma_table_info('%s') WHERE name = '%s'",
                              table, *cols);
        int64_t n = query_number(db, sql);
        free(sql);
        if (n != 1)
            return false;
    }
    return true;
}

/*
 * A file without our application_id (every Ticker before schema 4 wrote none) is ours when
 * its tables are ours and have the columns the first schema gave them: another program's
 * tables that happen to be called "items" do not have a feed_id, key and sort_time.
 */
static bool looks_like_ticker(sqlite3 *db, struct buf *others)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT name FROM sqlite_schema WHERE type = 'table'"
                           " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                           -1, &st, NULL) != SQLITE_OK)
        return false;
    int ours = 0, theirs = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            continue;
        if (ticker_table(name)) {
            ours++;
        } else {
            if (theirs < 8)
                buf_printf(others, "%s%s", theirs ? ", " : "", name);
            theirs++;
        }
    }
    sqlite3_finalize(st);
    if (theirs > 8)
        buf_printf(others, " and %d more", theirs - 8);
    static const char *const feed_cols[] = {"url", "next_poll", "last_status", NULL};
    static const char *const item_cols[] = {"feed_id", "item_id", "key", "sort_time", NULL};
    return theirs == 0 && ours > 0 && has_columns(db, "feeds", feed_cols) &&
           has_columns(db, "items", item_cols);
}

enum store_schema_kind store_schema_inspect(sqlite3 *db, const struct store_migrations *m,
                                            int *version, struct error *err)
{
    *version = 0;
    int64_t app = query_number(db, "PRAGMA application_id");
    int v = user_version(db);
    if (app < 0 || v < 0) {
        error_set(err, "cannot read its header: %s", sqlite3_errmsg(db));
        return STORE_SCHEMA_FAILED;
    }
    *version = v;
    uint32_t app_id = (uint32_t)app;
    if (app_id != 0 && app_id != STORE_APPLICATION_ID) {
        error_set(err,
                  "not a Ticker cache (another program's SQLite database: application_id "
                  "0x%08x); left as it is",
                  (unsigned)app_id);
        return STORE_SCHEMA_FOREIGN;
    }
    if (v == 0 && is_empty(db))
        return STORE_SCHEMA_EMPTY;
    struct buf others = {0};
    bool ours = app_id == STORE_APPLICATION_ID || looks_like_ticker(db, &others);
    if (!ours) {
        if (others.len)
            error_set(err,
                      "not a Ticker cache (another program's SQLite database with the "
                      "tables %s); left as it is",
                      others.data);
        else
            error_set(err, "not a Ticker cache (an SQLite database without Ticker's tables or "
                           "version); left as it is");
        buf_free(&others);
        return STORE_SCHEMA_FOREIGN;
    }
    buf_free(&others);
    if (v > m->n) {
        error_set(err,
                  "made by a newer Ticker (schema %d); this Ticker reads schema %d and "
                  "leaves it as it is",
                  v, m->n);
        return STORE_SCHEMA_NEWER;
    }
    return v == m->n ? STORE_SCHEMA_CURRENT : STORE_SCHEMA_OLDER;
}

bool store_schema_prepare_new(sqlite3 *db)
{
    if (user_version(db) != 0 || !is_empty(db))
        return true;
    /*
     * Only a file without tables takes these (later they need a VACUUM), and page_size only
     * before WAL mode is set. 8 KiB pages: an item with its feed text is 2-3 KB, and 4 KiB
     * pages held one such row each (40% of the file empty); 8 KiB pages hold three.
     */
    return sqlite3_exec(db, "PRAGMA page_size=8192; PRAGMA auto_vacuum=INCREMENTAL;", NULL, NULL,
                        NULL) == SQLITE_OK;
}

enum store_migrate_result store_schema_migrate(sqlite3 *db, const struct store_migrations *m,
                                               int *from, struct error *err)
{
    int v = user_version(db);
    if (from)
        *from = v;
    if (v < 0) {
        error_set(err, "cannot read the schema version: %s", sqlite3_errmsg(db));
        return STORE_MIGRATE_FAILED;
    }
    if (v > m->n)
        return STORE_MIGRATE_NEWER;
    int64_t app = query_number(db, "PRAGMA application_id");
    if (v == m->n && app == STORE_APPLICATION_ID)
        return STORE_MIGRATE_OK;
    char *msg = NULL;
    if (!store_schema_prepare_new(db))
        goto fail;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
        goto fail;
    for (int i = v; i < m->n; i++) {
        if (sqlite3_exec(db, m->sql[i], NULL, NULL, &msg) != SQLITE_OK)
            goto rollback;
    }
    /* The version and our mark go with the steps: all of it or none. */
    char set[96];
    snprintf(set, sizeof set, "PRAGMA user_version=%d; PRAGMA application_id=%ld", m->n,
             (long)(int32_t)STORE_APPLICATION_ID);
    if (sqlite3_exec(db, set, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
        goto rollback;
    return STORE_MIGRATE_OK;
rollback:
    /* SQLite may have rolled back already (a full disk does): then there is nothing to undo,
     * and the first error is the one to report. */
    if (!sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
fail:
    if (v == m->n)
        error_set(err, "marking it as a Ticker cache failed: %s", msg ? msg : sqlite3_errmsg(db));
    else
        error_set(err, "schema migration from version %d failed: %s", v,
                  msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return STORE_MIGRATE_FAILED;
}
