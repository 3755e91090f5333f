/*
 * Story pictures in the cache (store_pictures.h). Rows are keyed by the item's key (the
 * story id), so the snapshot, the display's reader and retention's trigger all find them
 * without the feed's row. Statements are prepared per call: pictures are written a few at a
 * time, after summaries, and read once per story shown.
 */
#include "io/store_pictures.h"
#include "io/store_internal.h"

#include "core/util.h"

#include <stdlib.h>
#include <string.h>

static bool has_pictures_table(sqlite3 *db)
{
    sqlite3_stmt *st;
    bool yes = false;
    if (sqlite3_prepare_v2(db,
                           "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'pictures'",
                           -1, &st, NULL) == SQLITE_OK) {
        yes = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
    }
    return yes;
}

/* The key of item (feed_url, item_id), or NULL when it is not stored (*failed on error). */
static char *key_of(struct store *s, const char *feed_url, const char *item_id, bool *failed,
                    struct error *err)
{
    *failed = false;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT i.key FROM items i JOIN feeds f ON f.id = i.feed_id"
                           " WHERE f.url = ?1 AND i.item_id = ?2",
                           -1, &st, NULL) != SQLITE_OK) {
        *failed = true;
        store_fail(s, err, "looking up an item for its picture");
        return NULL;
    }
    sqlite3_bind_text(st, 1, feed_url, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, item_id, -1, SQLITE_STATIC);
    char *key = NULL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        key = store_col_text(st, 0);
    else if (rc != SQLITE_DONE) {
        *failed = true;
        store_fail(s, err, "looking up an item for its picture");
    }
    sqlite3_finalize(st);
    return key;
}

enum store_picture_state store_picture_state(struct store *s, const char *feed_url,
                                             const char *item_id, const char *url,
                                             struct error *err)
{
    bool failed;
    char *key = key_of(s, feed_url, item_id, &failed, err);
    if (!key)
        return failed ? STORE_PICTURE_ERROR : STORE_PICTURE_NO_ITEM;
    sqlite3_stmt *st;
    enum store_picture_state res = STORE_PICTURE_ERROR;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT jpeg IS NOT NULL FROM pictures WHERE key = ?1 AND url = ?2", -1,
                           &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            res = sqlite3_column_int(st, 0) ? STORE_PICTURE_STORED : STORE_PICTURE_FAILED;
        else if (rc == SQLITE_DONE)
            res = STORE_PICTURE_NONE;
        sqlite3_finalize(st);
    }
    if (res == STORE_PICTURE_ERROR)
        store_fail(s, err, "reading a picture's state");
    free(key);
    return res;
}

enum store_lookup store_put_picture(struct store *s, const char *feed_url, const char *item_id,
                                    const char *url, int width, int height, const void *jpeg,
                                    size_t len, const char *why, int64_t now, struct error *err)
{
    if (s->reader || s->read_only) {
        error_set(err, "the cache is read-only (%s): nothing is saved",
                  s->reader ? "opened for reading" : s->read_only_why);
        return STORE_LOOKUP_FAILED;
    }
    bool own = !s->in_cycle;
    if (own && sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        store_fail(s, err, "starting a transaction");
        return STORE_LOOKUP_FAILED;
    }
    bool failed;
    enum store_lookup res = STORE_LOOKUP_FAILED;
    char *key = key_of(s, feed_url, item_id, &failed, err);
    if (!key) {
        res = failed ? STORE_LOOKUP_FAILED : STORE_NOT_FOUND;
    } else {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(s->db,
                               "INSERT OR REPLACE INTO pictures (key, url, fetched, width, height,"
                               " jpeg, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               -1, &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, url, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, store_clamp(now));
            if (jpeg) {
                sqlite3_bind_int(st, 4, width);
                sqlite3_bind_int(st, 5, height);
                sqlite3_bind_blob64(st, 6, jpeg, len, SQLITE_STATIC);
            } else {
                sqlite3_bind_text(st, 7, why ? why : "failed", -1, SQLITE_STATIC);
            }
            if (sqlite3_step(st) == SQLITE_DONE)
                res = STORE_FOUND;
            else
                store_fail(s, err, "saving a picture");
            sqlite3_finalize(st);
        } else {
            store_fail(s, err, "saving a picture");
        }
        free(key);
    }
    if (own) {
        if (res == STORE_FOUND && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            store_fail(s, err, "saving a picture");
            res = STORE_LOOKUP_FAILED;
        }
        if (res != STORE_FOUND && !sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    return res;
}

struct key_url {
    uint64_t hash;
    char *key, *url;
};

static int cmp_key_url(const void *a, const void *b)
{
    const struct key_url *x = a, *y = b;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

bool store_mark_pictures(struct store *s, struct story_snapshot *snap, struct error *err)
{
    for (size_t i = 0; i < snap->n_stories; i++) {
        free(snap->stories[i].picture);
        snap->stories[i].picture = NULL;
    }
    if (!has_pictures_table(s->db))
        return true;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT key, url FROM pictures WHERE jpeg IS NOT NULL", -1, &st,
                           NULL) != SQLITE_OK)
        return store_fail(s, err, "reading pictures");
    struct key_url *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            v = xreallocarray(v, cap, sizeof *v);
        }
        char *key = store_col_text(st, 0);
        if (!key)
            continue;
        v[n].key = key;
        v[n].url = store_col_text(st, 1);
        v[n].hash = hash_fnv1a64(key, strlen(key), HASH_FNV1A64_INIT);
        n++;
    }
    sqlite3_finalize(st);
    bool ok = rc == SQLITE_DONE;
    if (!ok)
        store_fail(s, err, "reading pictures");
    if (n)
        qsort(v, n, sizeof *v, cmp_key_url);
    for (size_t i = 0; ok && n && i < snap->n_stories; i++) {
        const char *id = snap->stories[i].id;
        if (!id)
            continue;
        uint64_t h = hash_fnv1a64(id, strlen(id), HASH_FNV1A64_INIT);
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (v[mid].hash < h)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < n && v[k].hash == h; k++)
            if (!strcmp(v[k].key, id)) {
                snap->stories[i].picture = xstrdup(v[k].url ? v[k].url : "");
                break;
            }
    }
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].url);
    }
    free(v);
    return ok;
}

bool store_picture_totals(struct store *s, int64_t *count, int64_t *bytes, struct error *err)
{
    *count = *bytes = 0;
    if (!has_pictures_table(s->db))
        return true;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT count(*), coalesce(sum(length(jpeg)), 0) FROM pictures"
                           " WHERE jpeg IS NOT NULL",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "counting pictures");
    if (sqlite3_step(st) == SQLITE_ROW) {
        *count = sqlite3_column_int64(st, 0);
        *bytes = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return true;
}

/* ---- the display's reader ------------------------------------------------------------ */

struct store_picture_reader {
    sqlite3 *db;
    sqlite3_stmt *get;
    bool borrowed; /* the store's connection: not ours to close */
};

struct store_picture_reader *store_picture_reader_borrow(struct store *s)
{
    struct store_picture_reader *r = xcalloc(1, sizeof *r);
    r->db = s->db;
    r->borrowed = true;
    return r;
}

struct store_picture_reader *store_picture_reader_open(const char *path, struct error *err)
{
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        error_set(err, "cache %s: cannot open it for pictures: %s", path,
                  db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 2000);
    struct store_picture_reader *r = xcalloc(1, sizeof *r);
    r->db = db;
    return r;
}

void store_picture_reader_close(struct store_picture_reader *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->get);
    if (!r->borrowed)
        sqlite3_close(r->db);
    free(r);
}

enum store_lookup store_picture_read(struct store_picture_reader *r, const char *key,
                                     const char *url, uint8_t **jpeg, size_t *len, int *width,
                                     int *height, struct error *err)
{
    *jpeg = NULL;
    *len = 0;
    if (!r->get && sqlite3_prepare_v2(r->db,
                                      "SELECT jpeg, width, height FROM pictures WHERE key = ?1"
                                      " AND url = ?2 AND jpeg IS NOT NULL",
                                      -1, &r->get, NULL) != SQLITE_OK) {
        /* A cache from before pictures (schema 4): none stored. */
        if (!has_pictures_table(r->db))
            return STORE_NOT_FOUND;
        error_set(err, "reading a picture: %s", sqlite3_errmsg(r->db));
        return STORE_LOOKUP_FAILED;
    }
    sqlite3_reset(r->get);
    sqlite3_bind_text(r->get, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(r->get, 2, url, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(r->get);
    enum store_lookup res = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        int n = sqlite3_column_bytes(r->get, 0);
        const void *b = sqlite3_column_blob(r->get, 0);
        if (b && n > 0) {
            *jpeg = xmalloc((size_t)n);
            memcpy(*jpeg, b, (size_t)n);
            *len = (size_t)n;
            *width = sqlite3_column_int(r->get, 1);
            *height = sqlite3_column_int(r->get, 2);
            res = STORE_FOUND;
        }
    } else if (rc != SQLITE_DONE) {
        error_set(err, "reading a picture: %s", sqlite3_errmsg(r->db));
        res = STORE_LOOKUP_FAILED;
    }
    sqlite3_reset(r->get);
    return res;
}
