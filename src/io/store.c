/*
 * The SQLite cache: statements, feed state, fetch cycles, items and retention. Opening is
 * store_open.c; reading (snapshots, lists, stats) store_read.c; JSON Feed store_jsonfeed.c.
 *
 * Writes are made only when something differs: every put first reads the row and compares,
 * retention counts before it deletes, so a cycle that changes nothing commits a read-only
 * transaction and the file is not touched (SD card wear; docs/cache.md).
 *
 * SQL parameters are bound by name (":title"), so the insert and the update of an item, and
 * the reading and writing of a feed's state, share one list of values each.
 */
#include "io/store.h"
#include "io/store_internal.h"
#include "core/config.h"
#include "core/url.h"
#include "core/util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The window that ranks each feed's items newest first: retention and the snapshot keep a
 * feed's newest STORE_KEEP_NEWEST. It reads only the (feed_id, sort_time) index. */
#define RANKED_IDS                                                                                 \
    "(SELECT id, sort_time, row_number() OVER"                                                     \
    " (PARTITION BY feed_id ORDER BY sort_time DESC, id DESC) AS rank FROM items)"
/* ... and those retention removes by age: older than the cutoff, and replaced by at least
 * :keep newer items of their feed. */
#define AGED_IDS "SELECT id FROM " RANKED_IDS " WHERE sort_time < :cutoff AND rank > :keep"
/* A feed's items past its count limit, newest first. */
#define EXCESS_ITEMS                                                                               \
    "(SELECT id FROM items WHERE feed_id = :feed ORDER BY sort_time DESC, id DESC"                 \
    " LIMIT -1 OFFSET :limit)"

static const char *const sql_text[SQL_COUNT] = {
    [SQL_FEED_ID] = "SELECT id FROM feeds WHERE url = :url",
    [SQL_FEED_INSERT] = "INSERT INTO feeds (url, name) VALUES (:url, :name)",
    [SQL_FEED_NAME] = "SELECT name FROM feeds WHERE id = :feed",
    [SQL_FEED_RENAME] = "UPDATE feeds SET name = :name WHERE id = :feed",
    [SQL_FEED_GET] = "SELECT " STORE_FEED_COLUMNS " FROM feeds WHERE url = :url",
    [SQL_FEED_PUT] = "UPDATE feeds SET name = :name, fetch_url = :fetch_url, etag = :etag,"
                     " last_modified = :last_modified, next_poll = :next_poll,"
                     " last_attempt = :last_attempt, last_success = :last_success,"
                     " error_count = :error_count, last_status = :last_status,"
                     " last_http_code = :last_http_code, last_error = :last_error, gone = :gone,"
                     " moved_to = :moved_to, moved_count = :moved_count,"
                     " bytes_total = :bytes_total, fetch_count = :fetch_count, ttl = :ttl"
                     " WHERE url = :url",
    /* The columns of struct item_row, in item_row_read()'s order. */
    [SQL_ITEM_GET] = "SELECT id, title, link, published, updated, first_seen, summary, content,"
                     " language, author, image, text_hash, summary_stale FROM items"
                     " WHERE feed_id = :feed AND item_id = :item_id",
    [SQL_ITEM_INSERT] = "INSERT INTO items (feed_id, item_id, key, title, link, norm_link,"
                        " norm_title, published, updated, first_seen, sort_time, summary,"
                        " content, language, author, image, text_hash, summary_stale)"
                        " VALUES (:feed, :item_id, :key, :title, :link, :norm_link,"
                        " :norm_title, :published, :updated, :first_seen, :sort_time, :summary,"
                        " :content, :language, :author, :image, :text_hash, :summary_stale)",
    [SQL_ITEM_UPDATE] = "UPDATE items SET title = :title, link = :link, norm_link = :norm_link,"
                        " norm_title = :norm_title, published = :published, updated = :updated,"
                        " sort_time = :sort_time, summary = :summary, content = :content,"
                        " language = :language, author = :author, image = :image,"
                        " text_hash = :text_hash, summary_stale = :summary_stale WHERE id = :row",
    [SQL_ITEM_SUMMARY_GET] = "SELECT i.id, i.summary, i.summary_stale FROM items i"
                             " JOIN feeds f ON f.id = i.feed_id"
                             " WHERE f.url = :url AND i.item_id = :item_id",
    [SQL_ITEM_SUMMARY_SET] = "UPDATE items SET summary = :summary, summary_stale = 0"
                             " WHERE id = :row",
    [SQL_DUP_LINK] = "SELECT 1 FROM items WHERE norm_link = :norm_link LIMIT 1",
    [SQL_DUP_TITLE] = "SELECT 1 FROM items WHERE norm_title = :norm_title"
                      " AND sort_time BETWEEN :from AND :to LIMIT 1",
    [SQL_COUNT_NEWER] = "SELECT count(*) FROM items WHERE feed_id = :feed AND sort_time > :time",
    /* The index on sort_time answers "anything old at all?" before the window runs. */
    [SQL_AGED_COUNT] = "SELECT CASE WHEN EXISTS (SELECT 1 FROM items WHERE sort_time < :cutoff)"
                       " THEN (SELECT count(*) FROM (" AGED_IDS ")) ELSE 0 END",
    [SQL_AGED_TOMB] = "INSERT OR REPLACE INTO expired (feed_id, item_id, expired_at)"
                      " SELECT feed_id, item_id, :now FROM items WHERE published IS NULL"
                      " AND updated IS NULL AND id IN (" AGED_IDS ")",
    [SQL_AGED_DELETE] = "DELETE FROM items WHERE id IN (" AGED_IDS ")",
    [SQL_FEEDS_ALL] = "SELECT id, url FROM feeds",
    [SQL_COUNT_FEED] = "SELECT count(*) FROM items WHERE feed_id = :feed",
    [SQL_EXCESS_TOMB] = "INSERT OR REPLACE INTO expired (feed_id, item_id, expired_at)"
                        " SELECT feed_id, item_id, :now FROM items"
                        " WHERE published IS NULL AND updated IS NULL AND id IN " EXCESS_ITEMS,
    [SQL_EXCESS_DELETE] = "DELETE FROM items WHERE id IN " EXCESS_ITEMS,
    [SQL_FREELIST] = "PRAGMA freelist_count",
    [SQL_PAGE_COUNT] = "PRAGMA page_count",
    [SQL_TOMB_HAS] = "SELECT 1 FROM expired WHERE feed_id = :feed AND item_id = :item_id",
    [SQL_TOMB_COUNT_STALE] = "SELECT count(*) FROM expired WHERE expired_at < :before",
    [SQL_TOMB_DELETE_STALE] = "DELETE FROM expired WHERE expired_at < :before",
    [SQL_LAST_SUCCESS] = "SELECT max(last_success) FROM feeds",
    [SQL_HAS_ITEM] = "SELECT summary, summary_stale FROM items i JOIN feeds f ON f.id = i.feed_id"
                     " WHERE f.url = :url AND i.item_id = :item_id",
};

/* Statements are prepared on first use, not at open: a reader of a schema 3 file never
 * prepares those that name schema 4's columns (it never writes). */
sqlite3_stmt *store_stmt(struct store *s, enum store_sql which, struct error *err)
{
    if (!s->stmts[which]) {
        if (sqlite3_prepare_v3(s->db, sql_text[which], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->stmts[which], NULL) != SQLITE_OK) {
            store_fail(s, err, "preparing a statement");
            return NULL;
        }
    }
    sqlite3_reset(s->stmts[which]);
    sqlite3_clear_bindings(s->stmts[which]);
    return s->stmts[which];
}

/* ---- binding by name, reading columns ------------------------------------------------ */

/*
 * A value for parameter `name` of st. Statements that share a binder take only the names they
 * have: a name st does not use is skipped (index 0).
 */
static void bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0)
        return;
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i)
        sqlite3_bind_int64(st, i, v);
}

/* A time: NULL for FEED_TIME_NONE. */
static void bind_time(sqlite3_stmt *st, const char *name, int64_t t)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i == 0)
        return;
    if (t == FEED_TIME_NONE)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int64(st, i, t);
}

char *store_col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

int64_t store_col_time(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return FEED_TIME_NONE;
    int64_t t = sqlite3_column_int64(st, i);
    /* A row's INT64_MIN is a time like any other, not "none": clamp it too. */
    return t == FEED_TIME_NONE ? STORE_TIME_MIN : store_clamp_time(t);
}

int64_t store_time_sub(int64_t a, int64_t b)
{
    if (b > 0 && a < INT64_MIN + b)
        return INT64_MIN;
    if (b < 0 && a > INT64_MAX + b)
        return INT64_MAX;
    return a - b;
}

static bool same_str(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && !strcmp(a, b);
}

/* Runs a statement to its end; false (err: "what: reason") on error. */
static bool run(struct store *s, sqlite3_stmt *st, const char *what, struct error *err)
{
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        store_fail(s, err, what);
        sqlite3_reset(st);
        return false;
    }
    sqlite3_reset(st);
    return true;
}

/* The first column of the first row (0 when there is none); *ok = false (err) on error. */
static int64_t query_int(struct store *s, sqlite3_stmt *st, bool *ok, struct error *err)
{
    int64_t v = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    } else if (rc != SQLITE_DONE) {
        store_fail(s, err, "reading the cache");
        *ok = false;
    }
    sqlite3_reset(st);
    return v;
}

char *store_cap_text(const char *s, size_t max_bytes)
{
    size_t len = strlen(s);
    if (len <= max_bytes)
        return xstrdup(s);
    if (max_bytes < 8) /* no room for a word and the ellipsis */
        return xstrndup(s, 0);
    static const char ell[] = "\xE2\x80\xA6"; /* … */
    size_t cut = max_bytes - (sizeof ell - 1);
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    /* Back to a word boundary unless that loses more than a third. */
    size_t w = cut;
    while (w > 0 && s[w] != ' ' && s[w] != '\n')
        w--;
    if (w > cut * 2 / 3)
        cut = w;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\n'))
        cut--;
    char *r = xmalloc(cut + sizeof ell);
    memcpy(r, s, cut);
    memcpy(r + cut, ell, sizeof ell);
    return r;
}

/* ---- transactions -------------------------------------------------------------------- */

/* Undoes the transaction in flight, if SQLite has not already (it rolls back by itself after
 * a full disk or an I/O error, and a second ROLLBACK would only report that). */
static void rollback(struct store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static bool refuse_read_only(const struct store *s, struct error *err)
{
    return error_set(err, "the cache is read-only (%s): nothing is saved",
                     s->reader ? "opened for reading" : s->read_only_why);
}

/* Write bracket: outside a cycle each write is its own transaction. */
static bool write_begin(struct store *s, bool *own, struct error *err)
{
    *own = !s->in_cycle;
    if (!*own)
        return true;
    if (s->reader || s->read_only)
        return refuse_read_only(s, err);
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "starting a transaction");
    return true;
}

static bool write_end(struct store *s, bool own, bool ok, struct error *err)
{
    if (!own)
        return ok;
    if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    if (ok)
        store_fail(s, err, "saving");
    rollback(s);
    return false;
}

/* ---- feeds --------------------------------------------------------------------------- */

static const char *const status_names[] = {"never", "ok", "not-modified", "error", "gone"};

const char *store_fetch_status_str(enum store_fetch_status st)
{
    return (unsigned)st < ARRAY_LEN(status_names) ? status_names[st] : "never";
}

static enum store_fetch_status status_from(const char *s)
{
    for (size_t i = 0; s && i < ARRAY_LEN(status_names); i++)
        if (!strcmp(s, status_names[i]))
            return (enum store_fetch_status)i;
    return STORE_FETCH_NEVER;
}

void store_feed_state_clear(struct store_feed_state *st)
{
    free(st->url);
    free(st->name);
    free(st->fetch_url);
    free(st->etag);
    free(st->last_modified);
    free(st->last_error);
    free(st->moved_to);
    *st = (struct store_feed_state){0};
}

/* The id of feed `url`: 0 when unknown (and not created), -1 on error (err). */
static int64_t feed_id(struct store *s, const char *url, const char *name, bool create,
                       bool *created, struct error *err)
{
    if (created)
        *created = false;
    if (s->cached_url && !strcmp(s->cached_url, url))
        return s->cached_id;
    sqlite3_stmt *st = store_stmt(s, SQL_FEED_ID, err);
    if (!st)
        return -1;
    bind_text(st, ":url", url);
    bool ok = true;
    int64_t id = query_int(s, st, &ok, err);
    if (!ok)
        return -1;
    if (id == 0 && create) {
        if (!(st = store_stmt(s, SQL_FEED_INSERT, err)))
            return -1;
        bind_text(st, ":url", url);
        bind_text(st, ":name", name);
        if (!run(s, st, "adding a feed", err))
            return -1;
        id = sqlite3_last_insert_rowid(s->db);
        if (created)
            *created = true;
    }
    if (id > 0) {
        free(s->cached_url);
        s->cached_url = xstrdup(url);
        s->cached_id = id;
    }
    return id;
}

/* Renames feed `id` to `name` unless that is its name already. */
static bool feed_rename(struct store *s, int64_t id, const char *name, struct error *err)
{
    sqlite3_stmt *st = store_stmt(s, SQL_FEED_NAME, err);
    if (!st)
        return false;
    bind_int(st, ":feed", id);
    int rc = sqlite3_step(st);
    bool same = rc == SQLITE_ROW && same_str((const char *)sqlite3_column_text(st, 0), name);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(s, err, "reading a feed's name");
    if (same)
        return true;
    if (!(st = store_stmt(s, SQL_FEED_RENAME, err)))
        return false;
    bind_int(st, ":feed", id);
    bind_text(st, ":name", name);
    return run(s, st, "renaming a feed", err);
}

bool store_feed_ensure(struct store *s, const char *url, const char *name, struct error *err)
{
    bool own;
    if (!write_begin(s, &own, err))
        return false;
    bool created;
    int64_t id = feed_id(s, url, name, true, &created, err);
    bool ok = id > 0 && (created || !name || feed_rename(s, id, name, err));
    if (ok && created)
        s->dirty = true;
    return write_end(s, own, ok, err);
}

void store_read_feed_row(sqlite3_stmt *st, int base, struct store_feed_state *out)
{
    out->url = store_col_text(st, base + 0);
    out->name = store_col_text(st, base + 1);
    out->fetch_url = store_col_text(st, base + 2);
    out->etag = store_col_text(st, base + 3);
    out->last_modified = store_col_text(st, base + 4);
    out->next_poll = store_clamp(sqlite3_column_int64(st, base + 5));
    out->last_attempt = store_clamp(sqlite3_column_int64(st, base + 6));
    out->last_success = store_clamp(sqlite3_column_int64(st, base + 7));
    out->error_count = sqlite3_column_int(st, base + 8);
    out->last_status = status_from((const char *)sqlite3_column_text(st, base + 9));
    out->last_http_code = (long)sqlite3_column_int64(st, base + 10);
    out->last_error = store_col_text(st, base + 11);
    out->gone = sqlite3_column_int(st, base + 12) != 0;
    out->moved_to = store_col_text(st, base + 13);
    out->moved_count = sqlite3_column_int(st, base + 14);
    out->bytes_total = sqlite3_column_int64(st, base + 15);
    out->fetch_count = sqlite3_column_int64(st, base + 16);
    out->ttl = sqlite3_column_int64(st, base + 17);
}

enum store_lookup store_feed_get(struct store *s, const char *url, struct store_feed_state *out,
                                 struct error *err)
{
    store_feed_state_clear(out);
    sqlite3_stmt *st = store_stmt(s, SQL_FEED_GET, err);
    if (!st) {
        out->url = xstrdup(url);
        return STORE_LOOKUP_FAILED;
    }
    bind_text(st, ":url", url);
    int rc = sqlite3_step(st);
    enum store_lookup r = rc == SQLITE_ROW    ? STORE_FOUND
                          : rc == SQLITE_DONE ? STORE_NOT_FOUND
                                              : STORE_LOOKUP_FAILED;
    if (r == STORE_FOUND)
        store_read_feed_row(st, 0, out);
    else
        out->url = xstrdup(url);
    if (r == STORE_LOOKUP_FAILED)
        store_fail(s, err, "reading a feed's state");
    sqlite3_reset(st);
    return r;
}

static bool feed_state_equal(const struct store_feed_state *a, const struct store_feed_state *b)
{
    return same_str(a->name, b->name) && same_str(a->fetch_url, b->fetch_url) &&
           same_str(a->etag, b->etag) && same_str(a->last_modified, b->last_modified) &&
           a->next_poll == b->next_poll && a->last_attempt == b->last_attempt &&
           a->last_success == b->last_success && a->error_count == b->error_count &&
           a->last_status == b->last_status && a->last_http_code == b->last_http_code &&
           same_str(a->last_error, b->last_error) && a->gone == b->gone &&
           same_str(a->moved_to, b->moved_to) && a->moved_count == b->moved_count &&
           a->bytes_total == b->bytes_total && a->fetch_count == b->fetch_count && a->ttl == b->ttl;
}

static void bind_feed_state(sqlite3_stmt *st, const struct store_feed_state *in)
{
    bind_text(st, ":url", in->url);
    bind_text(st, ":name", in->name);
    bind_text(st, ":fetch_url", in->fetch_url);
    bind_text(st, ":etag", in->etag);
    bind_text(st, ":last_modified", in->last_modified);
    bind_int(st, ":next_poll", store_clamp(in->next_poll));
    bind_int(st, ":last_attempt", store_clamp(in->last_attempt));
    bind_int(st, ":last_success", store_clamp(in->last_success));
    bind_int(st, ":error_count", in->error_count);
    bind_text(st, ":last_status", store_fetch_status_str(in->last_status));
    bind_int(st, ":last_http_code", in->last_http_code);
    bind_text(st, ":last_error", in->last_error);
    bind_int(st, ":gone", in->gone);
    bind_text(st, ":moved_to", in->moved_to);
    bind_int(st, ":moved_count", in->moved_count);
    bind_int(st, ":bytes_total", in->bytes_total);
    bind_int(st, ":fetch_count", in->fetch_count);
    bind_int(st, ":ttl", in->ttl);
}

bool store_feed_put(struct store *s, const struct store_feed_state *st_in, struct error *err)
{
    /* What is stored: times clamped as store_feed_get reads them, the error printable. */
    struct store_feed_state in = *st_in;
    in.next_poll = store_clamp(in.next_poll);
    in.last_attempt = store_clamp(in.last_attempt);
    in.last_success = store_clamp(in.last_success);
    char *printable = in.last_error ? xstrprintable(in.last_error) : NULL;
    in.last_error = printable;
    struct store_feed_state old = {0};
    enum store_lookup found = store_feed_get(s, in.url, &old, err);
    bool same = found == STORE_FOUND && feed_state_equal(&old, &in);
    store_feed_state_clear(&old);
    bool ok = found != STORE_LOOKUP_FAILED;
    if (ok && !same) {
        bool own;
        ok = write_begin(s, &own, err);
        if (ok) {
            sqlite3_stmt *st = NULL;
            ok = feed_id(s, in.url, in.name, true, NULL, err) > 0 &&
                 (st = store_stmt(s, SQL_FEED_PUT, err)) != NULL;
            if (ok) {
                bind_feed_state(st, &in);
                ok = run(s, st, "saving a feed's state", err);
            }
            if (ok)
                s->dirty = true;
            ok = write_end(s, own, ok, err);
        }
    }
    free(printable);
    return ok;
}

/* ---- cycles -------------------------------------------------------------------------- */

static void clear_retention(struct store *s)
{
    for (size_t i = 0; i < s->ret.n_feeds; i++)
        free((char *)s->ret.feeds[i].url);
    free((void *)s->ret.feeds);
    s->ret = (struct store_retention){0};
}

void store_close(struct store *s)
{
    if (!s)
        return;
    if (s->in_cycle)
        store_rollback_cycle(s);
    store_close_db(s);
    clear_retention(s);
    free(s->path);
    free(s);
}

bool store_begin_cycle(struct store *s, const struct store_retention *ret, int64_t now,
                       struct error *err)
{
    if (s->in_cycle)
        return error_set(err, "a fetch cycle is already open");
    if (s->reader)
        return refuse_read_only(s, err);
    /* A writer that could only read tries again (space may be back, the disk remounted), at
     * most every STORE_WRITABLE_RETRY seconds; in between it says why at once. */
    if (s->read_only) {
        int64_t since = store_time_sub(store_clamp(now), s->writable_tried);
        if (s->writable_tried && since >= 0 && since < STORE_WRITABLE_RETRY)
            return error_set(err, "the cache cannot be written (%s): nothing is saved",
                             s->read_only_why);
        s->writable_tried = store_clamp(now);
        if (!store_try_writable(s, err))
            return false;
    }
    /* Deferred: the write lock is taken by the first write, so an idle cycle takes none. */
    if (sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "starting a fetch cycle");
    clear_retention(s);
    if (ret) {
        s->ret = *ret;
        if (s->ret.max_age < 0)
            s->ret.max_age = 0;
        struct store_feed_limit *l = xcalloc(ret->n_feeds ? ret->n_feeds : 1, sizeof *l);
        for (size_t i = 0; i < ret->n_feeds; i++)
            l[i] = (struct store_feed_limit){xstrdup(ret->feeds[i].url), ret->feeds[i].max_items};
        s->ret.feeds = l;
    }
    s->in_cycle = true;
    s->dirty = false;
    s->now = store_clamp(now);
    return true;
}

static int feed_limit(const struct store *s, const char *url)
{
    for (size_t i = 0; i < s->ret.n_feeds; i++)
        if (!strcmp(s->ret.feeds[i].url, url))
            return s->ret.feeds[i].max_items;
    return s->ret.max_items;
}

/* ---- items --------------------------------------------------------------------------- */

static const char *const put_names[] = {"new",       "changed", "updated", "unchanged",
                                        "duplicate", "expired", "error"};
_Static_assert(ARRAY_LEN(put_names) == STORE_PUT_ERROR + 1, "a name for every put result");

const char *store_put_result_str(enum store_put_result r)
{
    return (unsigned)r < ARRAY_LEN(put_names) ? put_names[r] : "error";
}

static char *item_key(const char *feed_url, const char *item_id)
{
    uint64_t h = hash_fnv1a64(feed_url, strlen(feed_url), HASH_FNV1A64_INIT);
    h = hash_fnv1a64("\n", 1, h);
    h = hash_fnv1a64(item_id, strlen(item_id), h);
    return xasprintf("%016" PRIx64, h);
}

/*
 * The fingerprint of the text a publisher may correct (title, summary, content as the feed
 * gave them): a different hash for a known item is a correction (STORE_PUT_CHANGED).
 */
static int64_t text_hash(const struct feed_item *it)
{
    const char *const parts[] = {it->title, it->summary, it->content};
    uint64_t h = HASH_FNV1A64_INIT;
    for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
        /* A marker byte per field, so that (NULL, "x") and ("x", NULL) differ. */
        h = hash_fnv1a64(parts[i] ? "S" : "N", 1, h);
        if (parts[i])
            h = hash_fnv1a64(parts[i], strlen(parts[i]) + 1, h);
    }
    return (int64_t)h;
}

/* A normalised title long enough to identify a story: three words or more. */
static bool title_distinctive(const char *t)
{
    int spaces = 0;
    for (; *t; t++)
        spaces += *t == ' ';
    return spaces >= 2;
}

/* The normalised title kept for duplicate detection (NULL when too short to tell). */
static char *dup_title(const char *title)
{
    char *nt = store_normalize_title(title);
    if (nt && !title_distinctive(nt)) {
        free(nt);
        nt = NULL;
    }
    return nt;
}

/*
 * An item's row as it is (or will be) stored: every value the insert and the update bind, by
 * the same names. Strings are owned.
 */
struct item_row {
    int64_t row; /* rowid of a stored item; 0 for a new one */
    char *title, *link, *norm_link, *norm_title;
    int64_t published, updated, first_seen, sort_time; /* clamped; FEED_TIME_NONE = none */
    char *summary, *content, *language, *author, *image;
    bool has_hash; /* rows stored before schema 4 have none */
    int64_t text_hash;
    bool summary_stale;
};

static void item_row_clear(struct item_row *r)
{
    free(r->title);
    free(r->link);
    free(r->norm_link);
    free(r->norm_title);
    free(r->summary);
    free(r->content);
    free(r->language);
    free(r->author);
    free(r->image);
    *r = (struct item_row){0};
}

/* The row the feed's item asks for (summary not yet decided: NULL). */
static void item_row_from_feed(struct item_row *r, const struct feed_item *it, int64_t now)
{
    *r = (struct item_row){0};
    r->title = it->title ? xstrdup(it->title) : NULL;
    r->link = it->link ? xstrdup(it->link) : NULL;
    r->norm_link = url_normalize_link(it->link);
    r->norm_title = dup_title(it->title);
    r->published = store_clamp_time(it->published);
    r->updated = store_clamp_time(it->updated);
    r->first_seen = now;
    r->sort_time = store_item_time(r->published, r->updated, now);
    r->content = it->content ? store_cap_text(it->content, STORE_CONTENT_MAX_BYTES) : NULL;
    r->language = it->language ? xstrdup(it->language) : NULL;
    r->author = it->author ? xstrdup(it->author) : NULL;
    r->image = it->image ? xstrdup(it->image) : NULL;
    r->has_hash = true;
    r->text_hash = text_hash(it);
}

/* A stored row, from SQL_ITEM_GET's columns. */
static void item_row_read(struct item_row *r, sqlite3_stmt *st)
{
    *r = (struct item_row){0};
    r->row = sqlite3_column_int64(st, 0);
    r->title = store_col_text(st, 1);
    r->link = store_col_text(st, 2);
    r->published = store_col_time(st, 3);
    r->updated = store_col_time(st, 4);
    r->first_seen = store_col_time(st, 5);
    r->summary = store_col_text(st, 6);
    r->content = store_col_text(st, 7);
    r->language = store_col_text(st, 8);
    r->author = store_col_text(st, 9);
    r->image = store_col_text(st, 10);
    r->has_hash = sqlite3_column_type(st, 11) != SQLITE_NULL;
    r->text_hash = sqlite3_column_int64(st, 11);
    r->summary_stale = sqlite3_column_int(st, 12) != 0;
}

static void bind_item_row(sqlite3_stmt *st, const struct item_row *r)
{
    bind_int(st, ":row", r->row);
    bind_text(st, ":title", r->title);
    bind_text(st, ":link", r->link);
    bind_text(st, ":norm_link", r->norm_link);
    bind_text(st, ":norm_title", r->norm_title);
    bind_time(st, ":published", r->published);
    bind_time(st, ":updated", r->updated);
    bind_int(st, ":first_seen", r->first_seen);
    bind_int(st, ":sort_time", r->sort_time);
    bind_text(st, ":summary", r->summary);
    bind_text(st, ":content", r->content);
    bind_text(st, ":language", r->language);
    bind_text(st, ":author", r->author);
    bind_text(st, ":image", r->image);
    bind_int(st, ":text_hash", r->text_hash);
    bind_int(st, ":summary_stale", r->summary_stale);
}

/* Everything a put compares (the normalised forms follow from title and link). */
static bool item_row_equal(const struct item_row *a, const struct item_row *b)
{
    return same_str(a->title, b->title) && same_str(a->link, b->link) &&
           a->published == b->published && a->updated == b->updated &&
           same_str(a->summary, b->summary) && same_str(a->content, b->content) &&
           same_str(a->language, b->language) && same_str(a->author, b->author) &&
           same_str(a->image, b->image) && a->has_hash == b->has_hash &&
           a->text_hash == b->text_hash && a->summary_stale == b->summary_stale;
}

/* The feed's own text, shown until (or instead of) a summary. */
static const char *own_text(const struct feed_item *it)
{
    return it->summary && it->summary[0] ? it->summary : it->content;
}

static char *capped_summary(const char *text)
{
    return text ? store_cap_text(text, STORE_SUMMARY_MAX_BYTES) : NULL;
}

/* Runs a bound existence query: `hit` when its first column is non-zero, NEW when not (or no
 * row), ERROR on a database error. */
static enum store_put_result if_found(struct store *s, sqlite3_stmt *st, enum store_put_result hit,
                                      struct error *err)
{
    bool ok = true;
    int64_t v = query_int(s, st, &ok, err);
    return !ok ? STORE_PUT_ERROR : v ? hit : STORE_PUT_NEW;
}

/*
 * Would retention remove a new item at once? By count: at `position` max_items or later in
 * its document, or with max_items newer items of its feed stored. By age: older than max_age
 * while its feed has STORE_KEEP_NEWEST newer items (the same rule as retention, so nothing
 * churns, and a quiet feed's old news is still taken).
 */
static enum store_put_result refused_by_retention(struct store *s, int64_t fid,
                                                  const char *feed_url, size_t position,
                                                  int64_t sort_time, struct error *err)
{
    int limit = feed_limit(s, feed_url);
    if (limit > 0 && position >= (size_t)limit)
        return STORE_PUT_EXPIRED;
    bool old = s->ret.max_age > 0 && sort_time < store_time_sub(s->now, s->ret.max_age);
    if (fid <= 0 || (limit <= 0 && !old))
        return STORE_PUT_NEW;
    sqlite3_stmt *st = store_stmt(s, SQL_COUNT_NEWER, err);
    if (!st)
        return STORE_PUT_ERROR;
    bind_int(st, ":feed", fid);
    bind_int(st, ":time", sort_time);
    bool ok = true;
    int64_t newer = query_int(s, st, &ok, err);
    if (!ok)
        return STORE_PUT_ERROR;
    if ((limit > 0 && newer >= limit) || (old && newer >= STORE_KEEP_NEWEST))
        return STORE_PUT_EXPIRED;
    return STORE_PUT_NEW;
}

/* A dateless item retention dropped would come back as new at every fetch while its feed
 * still lists it: its tombstone says it was here. */
static enum store_put_result refused_by_tombstone(struct store *s, int64_t fid,
                                                  const struct feed_item *item, struct error *err)
{
    if (fid <= 0 || item->published != FEED_TIME_NONE || item->updated != FEED_TIME_NONE)
        return STORE_PUT_NEW;
    sqlite3_stmt *st = store_stmt(s, SQL_TOMB_HAS, err);
    if (!st)
        return STORE_PUT_ERROR;
    bind_int(st, ":feed", fid);
    bind_text(st, ":item_id", item->id);
    return if_found(s, st, STORE_PUT_EXPIRED, err);
}

/* The same story stored under another feed or id: the same link, or the same distinctive
 * title within STORE_DUP_TITLE_WINDOW. */
static enum store_put_result refused_as_duplicate(struct store *s, const struct item_row *r,
                                                  struct error *err)
{
    sqlite3_stmt *st;
    enum store_put_result res;
    if (r->norm_link) {
        if (!(st = store_stmt(s, SQL_DUP_LINK, err)))
            return STORE_PUT_ERROR;
        bind_text(st, ":norm_link", r->norm_link);
        if ((res = if_found(s, st, STORE_PUT_DUPLICATE, err)) != STORE_PUT_NEW)
            return res;
    }
    if (r->norm_title) {
        if (!(st = store_stmt(s, SQL_DUP_TITLE, err)))
            return STORE_PUT_ERROR;
        bind_text(st, ":norm_title", r->norm_title);
        bind_int(st, ":from", store_time_sub(r->sort_time, STORE_DUP_TITLE_WINDOW));
        bind_int(st, ":to", store_time_sub(r->sort_time, -STORE_DUP_TITLE_WINDOW));
        return if_found(s, st, STORE_PUT_DUPLICATE, err);
    }
    return STORE_PUT_NEW;
}

/* The checks for an item not stored yet, in order; reads only. */
static enum store_put_result check_new(struct store *s, int64_t fid, const char *feed_url,
                                       const struct feed_item *item, size_t position,
                                       const struct item_row *r, struct error *err)
{
    enum store_put_result res = refused_by_retention(s, fid, feed_url, position, r->sort_time, err);
    if (res == STORE_PUT_NEW)
        res = refused_by_tombstone(s, fid, item, err);
    if (res == STORE_PUT_NEW)
        res = refused_as_duplicate(s, r, err);
    return res;
}

/* Reads the stored row of item `item_id` of feed `fid` (0: none). STORE_FOUND fills *r. */
static enum store_lookup find_item(struct store *s, int64_t fid, const char *item_id,
                                   struct item_row *r, struct error *err)
{
    if (fid <= 0)
        return STORE_NOT_FOUND;
    sqlite3_stmt *st = store_stmt(s, SQL_ITEM_GET, err);
    if (!st)
        return STORE_LOOKUP_FAILED;
    bind_int(st, ":feed", fid);
    bind_text(st, ":item_id", item_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        item_row_read(r, st);
    else if (rc != SQLITE_DONE)
        store_fail(s, err, "reading an item");
    sqlite3_reset(st);
    return rc == SQLITE_ROW    ? STORE_FOUND
           : rc == SQLITE_DONE ? STORE_NOT_FOUND
                               : STORE_LOOKUP_FAILED;
}

/*
 * A put of a known item: the new row keeps the stored first_seen and, while the text is the
 * same and no summary is given, the stored summary; a correction replaces it with the feed's
 * own new text, marked stale. Writes only when something differs.
 */
static enum store_put_result put_known(struct store *s, const struct item_row *old,
                                       struct item_row *r, const struct feed_item *item,
                                       const char *summary, struct error *err)
{
    /* Rows from before schema 4 have no hash: judge those by title and content. */
    bool text_changed =
        old->has_hash ? old->text_hash != r->text_hash
                      : !same_str(old->title, r->title) || !same_str(old->content, r->content);
    r->row = old->row;
    r->first_seen = old->first_seen;
    r->sort_time = store_item_time(r->published, r->updated, old->first_seen);
    if (summary) {
        r->summary = capped_summary(summary);
        r->summary_stale = false;
    } else if (text_changed) {
        r->summary = capped_summary(own_text(item));
        r->summary_stale = true;
    } else {
        r->summary = old->summary && old->summary[0] ? xstrdup(old->summary)
                                                     : capped_summary(own_text(item));
        r->summary_stale = old->summary_stale;
    }
    if (item_row_equal(old, r))
        return STORE_PUT_UNCHANGED;
    sqlite3_stmt *st = store_stmt(s, SQL_ITEM_UPDATE, err);
    if (!st)
        return STORE_PUT_ERROR;
    bind_item_row(st, r);
    if (!run(s, st, "updating an item", err))
        return STORE_PUT_ERROR;
    s->dirty = true;
    if (text_changed)
        return STORE_PUT_CHANGED;
    /* A row from before schema 4 that only learnt its hash is the same item as before. */
    struct item_row cmp = *r;
    cmp.has_hash = old->has_hash;
    cmp.text_hash = old->text_hash;
    return item_row_equal(old, &cmp) ? STORE_PUT_UNCHANGED : STORE_PUT_UPDATED;
}

/* A put of an item not stored yet: checked (retention, tombstone, duplicate), then inserted
 * with the given summary, else the feed's own text. */
static enum store_put_result put_new(struct store *s, int64_t fid, const char *feed_url,
                                     const struct feed_item *item, size_t position,
                                     struct item_row *r, const char *summary, struct error *err)
{
    enum store_put_result res = check_new(s, fid, feed_url, item, position, r, err);
    if (res != STORE_PUT_NEW)
        return res;
    if (fid == 0 && (fid = feed_id(s, feed_url, NULL, true, NULL, err)) <= 0)
        return STORE_PUT_ERROR;
    r->summary = capped_summary(summary ? summary : own_text(item));
    char *key = item_key(feed_url, item->id);
    sqlite3_stmt *st = store_stmt(s, SQL_ITEM_INSERT, err);
    bool ok = st != NULL;
    if (ok) {
        bind_item_row(st, r);
        bind_int(st, ":feed", fid);
        bind_text(st, ":item_id", item->id);
        bind_text(st, ":key", key);
        ok = run(s, st, "adding an item", err);
    }
    free(key);
    if (!ok)
        return STORE_PUT_ERROR;
    s->dirty = true;
    return STORE_PUT_NEW;
}

enum store_put_result store_put_item(struct store *s, const char *feed_url,
                                     const struct feed_item *item, size_t position,
                                     const char *summary, struct error *err)
{
    if (!s->in_cycle) {
        error_set(err, "storing an item outside a fetch cycle");
        return STORE_PUT_ERROR;
    }
    if (!item->id || !item->id[0]) {
        error_set(err, "an item without an id cannot be stored");
        return STORE_PUT_ERROR;
    }
    int64_t fid = feed_id(s, feed_url, NULL, false, NULL, err);
    if (fid < 0)
        return STORE_PUT_ERROR;
    struct item_row r, old;
    item_row_from_feed(&r, item, s->now);
    enum store_put_result res;
    switch (find_item(s, fid, item->id, &old, err)) {
    case STORE_FOUND:
        res = put_known(s, &old, &r, item, summary, err);
        item_row_clear(&old);
        break;
    case STORE_NOT_FOUND:
        res = put_new(s, fid, feed_url, item, position, &r, summary, err);
        break;
    default:
        res = STORE_PUT_ERROR;
        break;
    }
    item_row_clear(&r);
    return res;
}

enum store_lookup store_put_summary(struct store *s, const char *feed_url, const char *item_id,
                                    const char *summary, struct error *err)
{
    sqlite3_stmt *st = store_stmt(s, SQL_ITEM_SUMMARY_GET, err);
    if (!st)
        return STORE_LOOKUP_FAILED;
    bind_text(st, ":url", feed_url);
    bind_text(st, ":item_id", item_id);
    int rc = sqlite3_step(st);
    char *sum = capped_summary(summary);
    int64_t row = 0;
    bool same = false;
    if (rc == SQLITE_ROW) {
        row = sqlite3_column_int64(st, 0);
        same = same_str((const char *)sqlite3_column_text(st, 1), sum) &&
               sqlite3_column_int(st, 2) == 0;
    } else if (rc != SQLITE_DONE) {
        store_fail(s, err, "reading an item");
    }
    sqlite3_reset(st);
    enum store_lookup r = rc == SQLITE_ROW    ? STORE_FOUND
                          : rc == SQLITE_DONE ? STORE_NOT_FOUND
                                              : STORE_LOOKUP_FAILED;
    if (r == STORE_FOUND && !same) {
        bool own, ok = write_begin(s, &own, err);
        if (ok && (st = store_stmt(s, SQL_ITEM_SUMMARY_SET, err)) != NULL) {
            bind_int(st, ":row", row);
            bind_text(st, ":summary", sum);
            ok = run(s, st, "saving a summary", err);
        } else {
            ok = false;
        }
        if (ok)
            s->dirty = true;
        if (!write_end(s, own, ok, err))
            r = STORE_LOOKUP_FAILED;
    }
    free(sum);
    return r;
}

enum store_lookup store_has_item(struct store *s, const char *feed_url, const char *item_id,
                                 bool *has_summary, struct error *err)
{
    if (has_summary)
        *has_summary = false;
    sqlite3_stmt *st = store_stmt(s, SQL_HAS_ITEM, err);
    if (!st)
        return STORE_LOOKUP_FAILED;
    bind_text(st, ":url", feed_url);
    bind_text(st, ":item_id", item_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && has_summary) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        *has_summary = t && t[0] && sqlite3_column_int(st, 1) == 0;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_fail(s, err, "looking up an item");
    sqlite3_reset(st);
    return rc == SQLITE_ROW    ? STORE_FOUND
           : rc == SQLITE_DONE ? STORE_NOT_FOUND
                               : STORE_LOOKUP_FAILED;
}

bool store_item_is_new(struct store *s, const char *feed_url, const struct feed_item *item,
                       size_t position, struct error *err)
{
    if (!s->in_cycle || !item->id || !item->id[0])
        return false;
    int64_t fid = feed_id(s, feed_url, NULL, false, NULL, err);
    if (fid < 0)
        return false;
    struct item_row old, r;
    enum store_lookup known = find_item(s, fid, item->id, &old, err);
    if (known == STORE_FOUND)
        item_row_clear(&old);
    if (known != STORE_NOT_FOUND)
        return false; /* known (or an error): not new */
    item_row_from_feed(&r, item, s->now);
    enum store_put_result res = check_new(s, fid, feed_url, item, position, &r, err);
    item_row_clear(&r);
    return res == STORE_PUT_NEW;
}

/* ---- retention ----------------------------------------------------------------------- */

bool store_age_anchor(struct store *s, int64_t now, int64_t *anchor, struct error *err)
{
    now = store_clamp(now);
    sqlite3_stmt *st = store_stmt(s, SQL_LAST_SUCCESS, err);
    bool ok = st != NULL;
    int64_t last = ok ? store_clamp(query_int(s, st, &ok, err)) : 0;
    *anchor = last > 0 && last < now ? last : now;
    return ok;
}

/*
 * Step 1: by age. Items older than max_age (counted from the anchor: offline, the news ages
 * from the last fetch that worked) go once their feed has STORE_KEEP_NEWEST newer items: a
 * feed with nothing newer keeps its newest news on screen, with its age. Dateless items
 * leave a tombstone. Counted first: no write when there is nothing to remove.
 */
static bool expire_aged(struct store *s, bool *deleted, struct error *err)
{
    if (s->ret.max_age <= 0)
        return true;
    int64_t anchor;
    if (!store_age_anchor(s, s->now, &anchor, err))
        return false;
    int64_t cutoff = store_time_sub(anchor, s->ret.max_age);
    sqlite3_stmt *st = store_stmt(s, SQL_AGED_COUNT, err);
    if (!st)
        return false;
    bind_int(st, ":cutoff", cutoff);
    bind_int(st, ":keep", STORE_KEEP_NEWEST);
    bool ok = true;
    int64_t n = query_int(s, st, &ok, err);
    if (!ok || n == 0)
        return ok;
    if (!(st = store_stmt(s, SQL_AGED_TOMB, err)))
        return false;
    bind_int(st, ":cutoff", cutoff);
    bind_int(st, ":keep", STORE_KEEP_NEWEST);
    bind_int(st, ":now", s->now);
    if (!run(s, st, "remembering expired items", err))
        return false;
    if (!(st = store_stmt(s, SQL_AGED_DELETE, err)))
        return false;
    bind_int(st, ":cutoff", cutoff);
    bind_int(st, ":keep", STORE_KEEP_NEWEST);
    if (!run(s, st, "expiring old items", err))
        return false;
    *deleted = true;
    return true;
}

/* Step 2, for one feed: keep its newest `limit` items; dateless ones dropped leave a
 * tombstone. */
static bool trim_feed(struct store *s, int64_t fid, int limit, bool *deleted, struct error *err)
{
    sqlite3_stmt *st = store_stmt(s, SQL_COUNT_FEED, err);
    if (!st)
        return false;
    bind_int(st, ":feed", fid);
    bool ok = true;
    int64_t n = query_int(s, st, &ok, err);
    if (!ok || n <= limit)
        return ok;
    if (!(st = store_stmt(s, SQL_EXCESS_TOMB, err)))
        return false;
    bind_int(st, ":feed", fid);
    bind_int(st, ":limit", limit);
    bind_int(st, ":now", s->now);
    if (!run(s, st, "remembering dropped items", err))
        return false;
    if (!(st = store_stmt(s, SQL_EXCESS_DELETE, err)))
        return false;
    bind_int(st, ":feed", fid);
    bind_int(st, ":limit", limit);
    if (!run(s, st, "dropping items over the limit", err))
        return false;
    *deleted = true;
    return true;
}

/* Step 2: by count, feed by feed (a handful of feeds: a loop is clearer than one query). */
static bool trim_feeds(struct store *s, bool *deleted, struct error *err)
{
    struct feed_ref {
        int64_t id;
        char *url;
    } *feeds = NULL;
    size_t n = 0;
    sqlite3_stmt *st = store_stmt(s, SQL_FEEDS_ALL, err);
    if (!st)
        return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        feeds = xreallocarray(feeds, n + 1, sizeof *feeds);
        feeds[n].id = sqlite3_column_int64(st, 0);
        feeds[n].url = store_col_text(st, 1);
        n++;
    }
    bool ok = rc == SQLITE_DONE || store_fail(s, err, "listing feeds");
    sqlite3_reset(st);
    for (size_t i = 0; ok && i < n; i++) {
        int limit = feed_limit(s, feeds[i].url ? feeds[i].url : "");
        if (limit > 0)
            ok = trim_feed(s, feeds[i].id, limit, deleted, err);
    }
    for (size_t i = 0; i < n; i++)
        free(feeds[i].url);
    free(feeds);
    return ok;
}

/* Step 3: tombstones older than STORE_TOMBSTONE_KEEP go (counted first). */
static bool forget_tombstones(struct store *s, bool *deleted, struct error *err)
{
    int64_t before = store_time_sub(s->now, STORE_TOMBSTONE_KEEP);
    sqlite3_stmt *st = store_stmt(s, SQL_TOMB_COUNT_STALE, err);
    if (!st)
        return false;
    bind_int(st, ":before", before);
    bool ok = true;
    if (query_int(s, st, &ok, err) == 0 || !ok)
        return ok;
    if (!(st = store_stmt(s, SQL_TOMB_DELETE_STALE, err)))
        return false;
    bind_int(st, ":before", before);
    if (!run(s, st, "forgetting old tombstones", err))
        return false;
    *deleted = true;
    return true;
}

/* Step 4, after deletes: free pages go back to the file system once they add up
 * (auto_vacuum=INCREMENTAL), so the file does not keep its high-water size. */
static bool give_back_pages(struct store *s, struct error *err)
{
    bool ok = true;
    sqlite3_stmt *st = store_stmt(s, SQL_FREELIST, err);
    int64_t free_pages = st ? query_int(s, st, &ok, err) : 0;
    st = ok && st ? store_stmt(s, SQL_PAGE_COUNT, err) : NULL;
    int64_t pages = st ? query_int(s, st, &ok, err) : 0;
    if (!st || !ok)
        return false;
    if (free_pages > 16 && free_pages * 8 > pages &&
        sqlite3_exec(s->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, err, "giving free pages back");
    return true;
}

/* Retention (docs/cache.md, "Retention"): the steps above, in the cycle's transaction. */
static bool apply_retention(struct store *s, struct error *err)
{
    bool deleted = false;
    if (!expire_aged(s, &deleted, err) || !trim_feeds(s, &deleted, err) ||
        !forget_tombstones(s, &deleted, err))
        return false;
    if (!deleted)
        return true;
    s->dirty = true;
    return give_back_pages(s, err);
}

bool store_commit_cycle(struct store *s, struct error *err)
{
    if (!s->in_cycle)
        return error_set(err, "no fetch cycle is open");
    if (!apply_retention(s, err)) {
        store_rollback_cycle(s);
        return false;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        store_fail(s, err, "saving the fetch cycle");
        store_rollback_cycle(s);
        return false;
    }
    s->in_cycle = false;
    return true;
}

void store_rollback_cycle(struct store *s)
{
    if (!s->in_cycle)
        return;
    rollback(s);
    s->in_cycle = false;
    /* The cached feed id may name a row the rollback removed. */
    free(s->cached_url);
    s->cached_url = NULL;
    s->cached_id = 0;
}

/* ---- normalisation ------------------------------------------------------------------- */

char *store_normalize_title(const char *title)
{
    if (!title)
        return NULL;
    char *f = config_fold(title, true);
    if (!f[0]) {
        free(f);
        return NULL;
    }
    return f;
}
