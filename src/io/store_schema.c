/*
 * Schema versions of the cache, one SQL step per version (PRAGMA user_version holds the
 * version of the file). To change the schema: append a step to `steps` that takes version N
 * to N + 1 (ALTER TABLE ..., or create-copy-drop for what ALTER cannot do), raise
 * STORE_SCHEMA_VERSION in store.h and document the new version in docs/cache.md. A file from
 * a newer program is not touched here; the store moves it aside.
 */
#include "io/store_schema.h"
#include "io/store.h"

#include <stdio.h>

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
};

const struct store_migrations store_schema_migrations = {steps,
                                                         (int)(sizeof steps / sizeof steps[0])};

_Static_assert(sizeof steps / sizeof steps[0] == STORE_SCHEMA_VERSION,
               "one migration step per schema version");

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static bool is_empty(sqlite3 *db)
{
    sqlite3_stmt *st;
    bool empty = false;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, NULL) != SQLITE_OK)
        return false;
    if (sqlite3_step(st) == SQLITE_ROW)
        empty = sqlite3_column_int(st, 0) == 0;
    sqlite3_finalize(st);
    return empty;
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
                                               int *from, char *err, size_t errlen)
{
    int v = user_version(db);
    if (from)
        *from = v;
    if (v < 0) {
        snprintf(err, errlen, "cannot read the schema version: %s", sqlite3_errmsg(db));
        return STORE_MIGRATE_FAILED;
    }
    if (v > m->n)
        return STORE_MIGRATE_NEWER;
    if (v == m->n)
        return STORE_MIGRATE_OK;
    char *msg = NULL;
    if (!store_schema_prepare_new(db))
        goto fail;
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK)
        goto fail;
    for (int i = v; i < m->n; i++) {
        if (sqlite3_exec(db, m->sql[i], NULL, NULL, &msg) != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            goto fail;
        }
    }
    char set[64];
    snprintf(set, sizeof set, "PRAGMA user_version=%d", m->n);
    if (sqlite3_exec(db, set, NULL, NULL, &msg) != SQLITE_OK ||
        sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    return STORE_MIGRATE_OK;
fail:
    snprintf(err, errlen, "schema migration from version %d failed: %s", v,
             msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return STORE_MIGRATE_FAILED;
}
