/*
 * The SQLite cache: opening (with recovery), feed state, fetch cycles, retention.
 * Reading (snapshots, lists, stats, export) is store_read.c.
 *
 * Writes are made only when something differs: every put first reads the row and compares,
 * retention counts before it deletes, so a cycle that changes nothing commits a read-only
 * transaction and the file is not touched (SD card wear; docs/cache.md).
 */
#include "io/store.h"
#include "io/store_internal.h"
#include "io/store_schema.h"
#include "core/config.h"
#include "core/url.h"
#include "core/util.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const sql_text[SQL_COUNT] = {
    [SQL_FEED_ID] = "SELECT id FROM feeds WHERE url = ?1",
    [SQL_FEED_INSERT] = "INSERT INTO feeds (url, name) VALUES (?1, ?2)",
    [SQL_FEED_NAME] = "SELECT name FROM feeds WHERE id = ?1",
    [SQL_FEED_RENAME] = "UPDATE feeds SET name = ?2 WHERE id = ?1",
    [SQL_FEED_GET] = "SELECT " STORE_FEED_COLUMNS " FROM feeds WHERE url = ?1",
    [SQL_FEED_PUT] = "UPDATE feeds SET name = ?2, fetch_url = ?3, etag = ?4, last_modified = ?5,"
                     " next_poll = ?6, last_attempt = ?7, last_success = ?8, error_count = ?9,"
                     " last_status = ?10, last_http_code = ?11, last_error = ?12, gone = ?13,"
                     " moved_to = ?14, moved_count = ?15, bytes_total = ?16, fetch_count = ?17,"
                     " ttl = ?18 WHERE url = ?1",
    [SQL_ITEM_GET] = "SELECT id, title, link, published, updated, summary, content, language,"
                     " author, image FROM items WHERE feed_id = ?1 AND item_id = ?2",
    [SQL_ITEM_INSERT] = "INSERT INTO items (feed_id, item_id, key, title, link, norm_link,"
                        " norm_title, published, updated, first_seen, sort_time, summary,"
                        " content, language, author, image) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                        " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    [SQL_ITEM_UPDATE] = "UPDATE items SET title = ?2, link = ?3, norm_link = ?4, norm_title = ?5,"
                        " published = ?6, updated = ?7,"
                        " sort_time = coalesce(?6, ?7, first_seen)," /* store_item_time() */
                        " summary = ?8, content = ?9, language = ?10, author = ?11, image = ?12"
                        " WHERE id = ?1",
    [SQL_DUP_LINK] = "SELECT 1 FROM items WHERE norm_link = ?1 LIMIT 1",
    [SQL_DUP_TITLE] = "SELECT 1 FROM items WHERE norm_title = ?1 AND sort_time BETWEEN ?2 AND ?3"
                      " LIMIT 1",
    [SQL_COUNT_NEWER] = "SELECT count(*) FROM items WHERE feed_id = ?1 AND sort_time > ?2",
    [SQL_COUNT_OLD] = "SELECT count(*) FROM items WHERE sort_time < ?1",
    [SQL_DELETE_OLD] = "DELETE FROM items WHERE sort_time < ?1",
    [SQL_FEEDS_ALL] = "SELECT id, url FROM feeds",
    [SQL_COUNT_FEED] = "SELECT count(*) FROM items WHERE feed_id = ?1",
    [SQL_DELETE_EXCESS] = "DELETE FROM items WHERE id IN (SELECT id FROM items WHERE feed_id = ?1"
                          " ORDER BY sort_time DESC, id DESC LIMIT -1 OFFSET ?2)",
    [SQL_FREELIST] = "PRAGMA freelist_count",
    [SQL_PAGE_COUNT] = "PRAGMA page_count",
    [SQL_TOMB_HAS] = "SELECT 1 FROM expired WHERE feed_id = ?1 AND item_id = ?2",
    [SQL_TOMB_OLD] = "INSERT OR REPLACE INTO expired (feed_id, item_id, expired_at)"
                     " SELECT feed_id, item_id, ?2 FROM items"
                     " WHERE sort_time < ?1 AND published IS NULL AND updated IS NULL",
    [SQL_TOMB_EXCESS] = "INSERT OR REPLACE INTO expired (feed_id, item_id, expired_at)"
                        " SELECT feed_id, item_id, ?3 FROM items"
                        " WHERE published IS NULL AND updated IS NULL AND id IN"
                        " (SELECT id FROM items WHERE feed_id = ?1"
                        " ORDER BY sort_time DESC, id DESC LIMIT -1 OFFSET ?2)",
    [SQL_TOMB_COUNT_STALE] = "SELECT count(*) FROM expired WHERE expired_at < ?1",
    [SQL_TOMB_DELETE_STALE] = "DELETE FROM expired WHERE expired_at < ?1",
    [SQL_LAST_SUCCESS] = "SELECT max(last_success) FROM feeds",
    [SQL_HAS_ITEM] = "SELECT summary FROM items i JOIN feeds f ON f.id = i.feed_id"
                     " WHERE f.url = ?1 AND i.item_id = ?2",
};

sqlite3_stmt *store_stmt(struct store *s, enum store_sql which)
{
    if (!s->stmts[which]) {
        if (sqlite3_prepare_v3(s->db, sql_text[which], -1, SQLITE_PREPARE_PERSISTENT,
                               &s->stmts[which], NULL) != SQLITE_OK) {
            store_log(s, "preparing a statement");
            return NULL;
        }
    }
    sqlite3_reset(s->stmts[which]);
    sqlite3_clear_bindings(s->stmts[which]);
    return s->stmts[which];
}

void store_log(struct store *s, const char *what)
{
    fprintf(stderr, "ticker: cache %s: %s: %s\n", s->path, what, sqlite3_errmsg(s->db));
}

const char *store_errmsg(const struct store *s)
{
    return sqlite3_errmsg(s->db);
}

/* ---- opening and recovery ------------------------------------------------------------ */

static bool mkdir_parents(const char *path)
{
    char *dir = xstrdup(path);
    char *slash = strrchr(dir, '/');
    bool ok = true;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(dir, 0755) != 0 && errno != EEXIST)
                ok = false;
            *p = '/';
        }
        if (mkdir(dir, 0755) != 0 && errno != EEXIST)
            ok = false;
    }
    free(dir);
    return ok;
}

/* Renames path (and its -wal, -shm) to path.corrupt-STAMP[-N]; returns the new name. */
static bool move_aside(const char *path, char *moved_to, size_t cap)
{
    /* The one place the store reads the clock: only to name the file it sets aside. */
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    char *target = NULL;
    for (int n = 0; n < 100; n++) {
        free(target);
        target = n ? xasprintf("%s.corrupt-%s-%d", path, stamp, n)
                   : xasprintf("%s.corrupt-%s", path, stamp);
        struct stat st;
        if (stat(target, &st) != 0)
            break;
    }
    bool ok = rename(path, target) == 0 || errno == ENOENT;
    static const char *const sfx[] = {"-wal", "-shm", "-journal"};
    for (size_t i = 0; i < ARRAY_LEN(sfx); i++) {
        char *a = xasprintf("%s%s", path, sfx[i]);
        char *b = xasprintf("%s%s", target, sfx[i]);
        if (rename(a, b) != 0 && errno != ENOENT)
            ok = false;
        free(a);
        free(b);
    }
    snprintf(moved_to, cap, "%s", target);
    free(target);
    return ok;
}

enum open_result { OPEN_OK, OPEN_BAD_FILE, OPEN_FAILED };

/*
 * One attempt: open, check, configure, migrate. OPEN_BAD_FILE: the file must go.
 * `inspect`: an existing file only, changed in no way (no migration, no settings).
 */
static enum open_result try_open(struct store *s, struct store_open_info *info, bool inspect,
                                 char *err, size_t errlen)
{
    int rc = sqlite3_open_v2(
        s->path, &s->db,
        SQLITE_OPEN_READWRITE | (inspect ? 0 : SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "%s: %s", s->path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
        return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? OPEN_BAD_FILE : OPEN_FAILED;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 5000);
    /* quick_check reads every page: it meets garbage and truncation where open does not. */
    sqlite3_stmt *st = NULL;
    rc = sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &st, NULL);
    bool ok = false;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        ok = rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "ok") &&
             sqlite3_step(st) == SQLITE_DONE;
    }
    if (!ok) {
        snprintf(err, errlen, "%s: fails its integrity check: %s", s->path,
                 rc == SQLITE_ROW && st ? (const char *)sqlite3_column_text(st, 0)
                                        : sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        return rc == SQLITE_BUSY || rc == SQLITE_CANTOPEN || rc == SQLITE_IOERR ||
                       rc == SQLITE_READONLY || rc == SQLITE_PERM
                   ? OPEN_FAILED
                   : OPEN_BAD_FILE;
    }
    sqlite3_finalize(st);
    if (inspect) {
        sqlite3_stmt *v = NULL;
        int version = -1;
        if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &v, NULL) == SQLITE_OK &&
            sqlite3_step(v) == SQLITE_ROW)
            version = sqlite3_column_int(v, 0);
        sqlite3_finalize(v);
        if (version != STORE_SCHEMA_VERSION) {
            snprintf(err, errlen, "%s: schema version %d; this program reads version %d", s->path,
                     version, STORE_SCHEMA_VERSION);
            return OPEN_BAD_FILE;
        }
        goto prepare;
    }
    /*
     * WAL: readers (the `ticker cache` commands) never block the worker, and a commit is one
     * sequential append. synchronous=FULL: a commit is on the card when it returns, so a
     * power cut loses only the cycle in flight (NORMAL might lose the last few commits).
     */
    char *msg = NULL;
    if (!store_schema_prepare_new(s->db)) {
        snprintf(err, errlen, "%s: %s", s->path, sqlite3_errmsg(s->db));
        return OPEN_FAILED;
    }
    /*
     * The WAL is copied into the file every 128 pages (1 MiB; SQLite's default is 1000 pages,
     * more than a whole kiosk cache) and cut back to 1 MiB after, so it does not keep its
     * high-water size either.
     */
    if (sqlite3_exec(s->db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     " PRAGMA wal_autocheckpoint=128; PRAGMA journal_size_limit=1048576;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        rc = sqlite3_errcode(s->db);
        snprintf(err, errlen, "%s: %s", s->path, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT ? OPEN_BAD_FILE : OPEN_FAILED;
    }
    char merr[256];
    int from = 0;
    switch (store_schema_migrate(s->db, &store_schema_migrations, &from, merr, sizeof merr)) {
    case STORE_MIGRATE_OK:
        break;
    case STORE_MIGRATE_NEWER:
        snprintf(err, errlen, "%s: schema version %d is newer than this program's %d", s->path,
                 from, STORE_SCHEMA_VERSION);
        return OPEN_BAD_FILE;
    case STORE_MIGRATE_FAILED:
        snprintf(err, errlen, "%s: %s", s->path, merr);
        return sqlite3_errcode(s->db) == SQLITE_BUSY ? OPEN_FAILED : OPEN_BAD_FILE;
    }
    if (info)
        info->migrated_from = from;
prepare:
    /* A file that passed the checks but is not ours (other tables by our names). */
    for (int i = 0; i < SQL_COUNT; i++) {
        if (!store_stmt(s, (enum store_sql)i)) {
            snprintf(err, errlen, "%s: not a Ticker cache: %s", s->path, sqlite3_errmsg(s->db));
            return OPEN_BAD_FILE;
        }
    }
    return OPEN_OK;
}

static void close_db(struct store *s)
{
    for (int i = 0; i < SQL_COUNT; i++) {
        sqlite3_finalize(s->stmts[i]);
        s->stmts[i] = NULL;
    }
    sqlite3_close(s->db);
    s->db = NULL;
}

struct store *store_open(const char *path, struct store_open_info *info, char *err, size_t errlen)
{
    if (info)
        *info = (struct store_open_info){0};
    if (!mkdir_parents(path)) {
        snprintf(err, errlen, "%s: cannot create its directory: %s", path, strerror(errno));
        return NULL;
    }
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    char why[1024];
    enum open_result r = try_open(s, info, false, why, sizeof why);
    if (r == OPEN_BAD_FILE) {
        close_db(s);
        char moved[4096];
        if (!move_aside(path, moved, sizeof moved)) {
            snprintf(err, errlen, "%s; moving it aside failed: %s", why, strerror(errno));
            goto fail;
        }
        fprintf(stderr, "ticker: warning: cache %s; moved it to %s and started a new one\n", why,
                moved);
        if (info) {
            info->recovered = true;
            snprintf(info->moved_to, sizeof info->moved_to, "%s", moved);
        }
        r = try_open(s, info, false, why, sizeof why);
    }
    if (r != OPEN_OK) {
        snprintf(err, errlen, "%s", why);
        goto fail;
    }
    return s;
fail:
    close_db(s);
    free(s->path);
    free(s);
    return NULL;
}

struct store *store_open_existing(const char *path, char *err, size_t errlen)
{
    struct store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    char why[1024];
    if (try_open(s, NULL, true, why, sizeof why) == OPEN_OK)
        return s;
    snprintf(err, errlen, "%s", why);
    close_db(s);
    free(s->path);
    free(s);
    return NULL;
}

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
    close_db(s);
    clear_retention(s);
    free(s->cached_url);
    free(s->path);
    free(s);
}

/* ---- small helpers ------------------------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void bind_time(sqlite3_stmt *st, int i, int64_t t)
{
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
    return sqlite3_column_type(st, i) == SQLITE_NULL ? FEED_TIME_NONE : sqlite3_column_int64(st, i);
}

static bool same_str(const char *a, const char *b)
{
    if (!a || !*a)
        return !b || !*b;
    return b && !strcmp(a, b);
}

static bool same_col(sqlite3_stmt *st, int i, const char *v)
{
    return same_str((const char *)sqlite3_column_text(st, i), v);
}

/* Runs a statement to its end; false (logged) on error. */
static bool run(struct store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_log(s, what);
        return false;
    }
    return true;
}

static int64_t query_int(struct store *s, sqlite3_stmt *st, bool *ok)
{
    int64_t v = 0;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else if (rc != SQLITE_DONE) {
        store_log(s, "reading");
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

/* Write bracket: outside a cycle each write is its own transaction. */
static bool write_begin(struct store *s, bool *own)
{
    *own = !s->in_cycle;
    if (*own && sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        store_log(s, "starting a transaction");
        return false;
    }
    return true;
}

static bool write_end(struct store *s, bool own, bool ok)
{
    if (!own)
        return ok;
    if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    if (ok)
        store_log(s, "committing");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
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

/* The id of feed `url`: 0 when unknown (and not created), -1 on error. */
static int64_t feed_id(struct store *s, const char *url, const char *name, bool create,
                       bool *created)
{
    if (created)
        *created = false;
    if (s->cached_url && !strcmp(s->cached_url, url))
        return s->cached_id;
    sqlite3_stmt *st = store_stmt(s, SQL_FEED_ID);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
    bool ok = true;
    int64_t id = query_int(s, st, &ok);
    if (!ok)
        return -1;
    if (id == 0 && create) {
        st = store_stmt(s, SQL_FEED_INSERT);
        if (!st)
            return -1;
        sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
        bind_text(st, 2, name);
        if (!run(s, st, "adding a feed"))
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

bool store_feed_ensure(struct store *s, const char *url, const char *name)
{
    bool own;
    if (!write_begin(s, &own))
        return false;
    bool created;
    int64_t id = feed_id(s, url, name, true, &created);
    bool ok = id > 0;
    if (ok && !created && name) {
        sqlite3_stmt *st = store_stmt(s, SQL_FEED_NAME);
        ok = st != NULL;
        if (ok) {
            sqlite3_bind_int64(st, 1, id);
            int rc = sqlite3_step(st);
            bool same = rc == SQLITE_ROW && same_col(st, 0, name);
            sqlite3_reset(st);
            if (!same) {
                st = store_stmt(s, SQL_FEED_RENAME);
                ok = st != NULL;
                if (ok) {
                    sqlite3_bind_int64(st, 1, id);
                    bind_text(st, 2, name);
                    ok = run(s, st, "renaming a feed");
                }
            }
        }
    }
    if (ok && created)
        s->dirty = true;
    return write_end(s, own, ok);
}

static void read_feed_row(sqlite3_stmt *st, int base, struct store_feed_state *out)
{
    out->url = store_col_text(st, base + 0);
    out->name = store_col_text(st, base + 1);
    out->fetch_url = store_col_text(st, base + 2);
    out->etag = store_col_text(st, base + 3);
    out->last_modified = store_col_text(st, base + 4);
    out->next_poll = sqlite3_column_int64(st, base + 5);
    out->last_attempt = sqlite3_column_int64(st, base + 6);
    out->last_success = sqlite3_column_int64(st, base + 7);
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

void store_read_feed_row(sqlite3_stmt *st, int base, struct store_feed_state *out)
{
    read_feed_row(st, base, out);
}

bool store_feed_get(struct store *s, const char *url, struct store_feed_state *out)
{
    store_feed_state_clear(out);
    sqlite3_stmt *st = store_stmt(s, SQL_FEED_GET);
    if (!st) {
        out->url = xstrdup(url);
        return false;
    }
    sqlite3_bind_text(st, 1, url, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    bool found = rc == SQLITE_ROW;
    if (found)
        read_feed_row(st, 0, out);
    else
        out->url = xstrdup(url);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_log(s, "reading a feed");
    sqlite3_reset(st);
    return found;
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

bool store_feed_put(struct store *s, const struct store_feed_state *in)
{
    struct store_feed_state old = {0};
    bool found = store_feed_get(s, in->url, &old);
    bool same = found && feed_state_equal(&old, in);
    store_feed_state_clear(&old);
    if (same)
        return true;
    bool own;
    if (!write_begin(s, &own))
        return false;
    bool ok = feed_id(s, in->url, in->name, true, NULL) > 0;
    sqlite3_stmt *st = ok ? store_stmt(s, SQL_FEED_PUT) : NULL;
    if (st) {
        sqlite3_bind_text(st, 1, in->url, -1, SQLITE_TRANSIENT);
        bind_text(st, 2, in->name);
        bind_text(st, 3, in->fetch_url);
        bind_text(st, 4, in->etag);
        bind_text(st, 5, in->last_modified);
        sqlite3_bind_int64(st, 6, in->next_poll);
        sqlite3_bind_int64(st, 7, in->last_attempt);
        sqlite3_bind_int64(st, 8, in->last_success);
        sqlite3_bind_int(st, 9, in->error_count);
        sqlite3_bind_text(st, 10, store_fetch_status_str(in->last_status), -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 11, in->last_http_code);
        bind_text(st, 12, in->last_error);
        sqlite3_bind_int(st, 13, in->gone);
        bind_text(st, 14, in->moved_to);
        sqlite3_bind_int(st, 15, in->moved_count);
        sqlite3_bind_int64(st, 16, in->bytes_total);
        sqlite3_bind_int64(st, 17, in->fetch_count);
        sqlite3_bind_int64(st, 18, in->ttl);
        ok = run(s, st, "saving a feed's state");
    } else {
        ok = false;
    }
    if (ok)
        s->dirty = true;
    return write_end(s, own, ok);
}

/* ---- cycles and items ---------------------------------------------------------------- */

bool store_begin_cycle(struct store *s, const struct store_retention *ret, int64_t now)
{
    if (s->in_cycle) {
        fprintf(stderr, "ticker: cache %s: a fetch cycle is already open\n", s->path);
        return false;
    }
    /* Deferred: the write lock is taken by the first write, so an idle cycle takes none. */
    if (sqlite3_exec(s->db, "BEGIN DEFERRED", NULL, NULL, NULL) != SQLITE_OK) {
        store_log(s, "starting a cycle");
        return false;
    }
    clear_retention(s);
    if (ret) {
        s->ret = *ret;
        struct store_feed_limit *l = xcalloc(ret->n_feeds ? ret->n_feeds : 1, sizeof *l);
        for (size_t i = 0; i < ret->n_feeds; i++)
            l[i] = (struct store_feed_limit){xstrdup(ret->feeds[i].url), ret->feeds[i].max_items};
        s->ret.feeds = l;
    }
    s->in_cycle = true;
    s->dirty = false;
    s->now = now;
    return true;
}

static int feed_limit(const struct store *s, const char *url)
{
    for (size_t i = 0; i < s->ret.n_feeds; i++)
        if (!strcmp(s->ret.feeds[i].url, url))
            return s->ret.feeds[i].max_items;
    return s->ret.max_items;
}

static const char *const put_names[] = {"new",       "updated", "unchanged",
                                        "duplicate", "expired", "error"};

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

/* A normalised title long enough to identify a story: three words or more. */
static bool title_distinctive(const char *t)
{
    int spaces = 0;
    for (; *t; t++)
        spaces += *t == ' ';
    return spaces >= 2;
}

/* Runs a bound existence query: `hit` when its first column is non-zero, NEW when not (or no
 * row), ERROR on a database error. */
static enum store_put_result if_found(struct store *s, sqlite3_stmt *st, enum store_put_result hit)
{
    bool ok = true;
    int64_t v = query_int(s, st, &ok);
    return !ok ? STORE_PUT_ERROR : v ? hit : STORE_PUT_NEW;
}

/*
 * The checks for an item not stored yet: NEW when it should be, EXPIRED when retention would
 * drop it at once (too old, too far down its feed, older than the feed's kept items, or
 * dropped before and still in the feed), DUPLICATE when the story is stored under another
 * feed or id. Reads only.
 */
static enum store_put_result check_new(struct store *s, int64_t fid, const char *feed_url,
                                       const struct feed_item *item, size_t position,
                                       const char *norm_link, const char *norm_title)
{
    enum store_put_result r;
    int64_t sort_time = store_item_time(item->published, item->updated, s->now);
    if (s->ret.max_age > 0 && sort_time < s->now - s->ret.max_age)
        return STORE_PUT_EXPIRED;
    int limit = feed_limit(s, feed_url);
    if (limit > 0 && position >= (size_t)limit)
        return STORE_PUT_EXPIRED;
    sqlite3_stmt *st;
    if (limit > 0 && fid > 0) {
        if (!(st = store_stmt(s, SQL_COUNT_NEWER)))
            return STORE_PUT_ERROR;
        sqlite3_bind_int64(st, 1, fid);
        sqlite3_bind_int64(st, 2, sort_time);
        bool ok = true;
        int64_t newer = query_int(s, st, &ok);
        if (!ok)
            return STORE_PUT_ERROR;
        if (newer >= limit)
            return STORE_PUT_EXPIRED;
    }
    /* A dateless item dropped by retention would come back as new at every fetch while its
     * feed still lists it: the tombstone says it was here. */
    if (fid > 0 && item->published == FEED_TIME_NONE && item->updated == FEED_TIME_NONE) {
        if (!(st = store_stmt(s, SQL_TOMB_HAS)))
            return STORE_PUT_ERROR;
        sqlite3_bind_int64(st, 1, fid);
        sqlite3_bind_text(st, 2, item->id, -1, SQLITE_TRANSIENT);
        if ((r = if_found(s, st, STORE_PUT_EXPIRED)) != STORE_PUT_NEW)
            return r;
    }
    if (norm_link) {
        if (!(st = store_stmt(s, SQL_DUP_LINK)))
            return STORE_PUT_ERROR;
        bind_text(st, 1, norm_link);
        if ((r = if_found(s, st, STORE_PUT_DUPLICATE)) != STORE_PUT_NEW)
            return r;
    }
    if (norm_title) {
        if (!(st = store_stmt(s, SQL_DUP_TITLE)))
            return STORE_PUT_ERROR;
        bind_text(st, 1, norm_title);
        sqlite3_bind_int64(st, 2, sort_time - STORE_DUP_TITLE_WINDOW);
        sqlite3_bind_int64(st, 3, sort_time + STORE_DUP_TITLE_WINDOW);
        return if_found(s, st, STORE_PUT_DUPLICATE);
    }
    return STORE_PUT_NEW;
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

bool store_item_is_new(struct store *s, const char *feed_url, const struct feed_item *item,
                       size_t position)
{
    if (!s->in_cycle || !item->id || !item->id[0])
        return false;
    int64_t fid = feed_id(s, feed_url, NULL, false, NULL);
    if (fid < 0)
        return false;
    if (fid > 0) {
        sqlite3_stmt *st = store_stmt(s, SQL_ITEM_GET);
        if (!st)
            return false;
        sqlite3_bind_int64(st, 1, fid);
        sqlite3_bind_text(st, 2, item->id, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE)
            return false; /* known (or an error): not new */
    }
    char *norm_link = url_normalize_link(item->link);
    char *norm_title = dup_title(item->title);
    enum store_put_result r = check_new(s, fid, feed_url, item, position, norm_link, norm_title);
    free(norm_link);
    free(norm_title);
    return r == STORE_PUT_NEW;
}

enum store_put_result store_put_item(struct store *s, const char *feed_url,
                                     const struct feed_item *item, size_t position,
                                     const char *summary)
{
    if (!s->in_cycle) {
        fprintf(stderr, "ticker: cache %s: store_put_item outside a cycle\n", s->path);
        return STORE_PUT_ERROR;
    }
    if (!item->id || !item->id[0])
        return STORE_PUT_ERROR;
    enum store_put_result res = STORE_PUT_ERROR;
    char *sum = NULL, *content = NULL, *norm_link = NULL, *norm_title = NULL, *key = NULL;
    int64_t fid = feed_id(s, feed_url, NULL, false, NULL);
    if (fid < 0)
        goto out;

    const char *own_text = item->summary && item->summary[0] ? item->summary : item->content;
    content = item->content ? store_cap_text(item->content, STORE_CONTENT_MAX_BYTES) : NULL;
    norm_link = url_normalize_link(item->link);
    norm_title = dup_title(item->title);

    /* Known item: compare, rewrite only what differs. */
    if (fid > 0) {
        sqlite3_stmt *st = store_stmt(s, SQL_ITEM_GET);
        if (!st)
            goto out;
        sqlite3_bind_int64(st, 1, fid);
        sqlite3_bind_text(st, 2, item->id, -1, SQLITE_TRANSIENT);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            int64_t row = sqlite3_column_int64(st, 0);
            /* No new summary keeps the stored one (the summariser's, or the feed's). */
            const char *old_sum = (const char *)sqlite3_column_text(st, 5);
            if (summary)
                sum = store_cap_text(summary, STORE_SUMMARY_MAX_BYTES);
            else if (old_sum && old_sum[0])
                sum = xstrdup(old_sum);
            else if (own_text)
                sum = store_cap_text(own_text, STORE_SUMMARY_MAX_BYTES);
            bool same = same_col(st, 1, item->title) && same_col(st, 2, item->link) &&
                        store_col_time(st, 3) == item->published &&
                        store_col_time(st, 4) == item->updated && same_col(st, 5, sum) &&
                        same_col(st, 6, content) && same_col(st, 7, item->language) &&
                        same_col(st, 8, item->author) && same_col(st, 9, item->image);
            sqlite3_reset(st);
            if (same) {
                res = STORE_PUT_UNCHANGED;
                goto out;
            }
            st = store_stmt(s, SQL_ITEM_UPDATE);
            if (!st)
                goto out;
            sqlite3_bind_int64(st, 1, row);
            bind_text(st, 2, item->title);
            bind_text(st, 3, item->link);
            bind_text(st, 4, norm_link);
            bind_text(st, 5, norm_title);
            bind_time(st, 6, item->published);
            bind_time(st, 7, item->updated);
            bind_text(st, 8, sum);
            bind_text(st, 9, content);
            bind_text(st, 10, item->language);
            bind_text(st, 11, item->author);
            bind_text(st, 12, item->image);
            if (run(s, st, "updating an item")) {
                res = STORE_PUT_UPDATED;
                s->dirty = true;
            }
            goto out;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            store_log(s, "reading an item");
            goto out;
        }
    }

    /* New item: would retention drop it at once, or is it a story we have? */
    res = check_new(s, fid, feed_url, item, position, norm_link, norm_title);
    if (res != STORE_PUT_NEW)
        goto out;
    res = STORE_PUT_ERROR;
    int64_t sort_time = store_item_time(item->published, item->updated, s->now);

    if (fid == 0) {
        fid = feed_id(s, feed_url, NULL, true, NULL);
        if (fid <= 0)
            goto out;
    }
    sum = summary    ? store_cap_text(summary, STORE_SUMMARY_MAX_BYTES)
          : own_text ? store_cap_text(own_text, STORE_SUMMARY_MAX_BYTES)
                     : NULL;
    key = item_key(feed_url, item->id);
    sqlite3_stmt *st = store_stmt(s, SQL_ITEM_INSERT);
    if (!st)
        goto out;
    sqlite3_bind_int64(st, 1, fid);
    bind_text(st, 2, item->id);
    bind_text(st, 3, key);
    bind_text(st, 4, item->title);
    bind_text(st, 5, item->link);
    bind_text(st, 6, norm_link);
    bind_text(st, 7, norm_title);
    bind_time(st, 8, item->published);
    bind_time(st, 9, item->updated);
    sqlite3_bind_int64(st, 10, s->now);
    sqlite3_bind_int64(st, 11, sort_time);
    bind_text(st, 12, sum);
    bind_text(st, 13, content);
    bind_text(st, 14, item->language);
    bind_text(st, 15, item->author);
    bind_text(st, 16, item->image);
    if (run(s, st, "adding an item")) {
        res = STORE_PUT_NEW;
        s->dirty = true;
    }
out:
    free(sum);
    free(content);
    free(norm_link);
    free(norm_title);
    free(key);
    return res;
}

bool store_has_item(struct store *s, const char *feed_url, const char *item_id, bool *has_summary)
{
    if (has_summary)
        *has_summary = false;
    sqlite3_stmt *st = store_stmt(s, SQL_HAS_ITEM);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, feed_url, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, item_id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    bool found = rc == SQLITE_ROW;
    if (found && has_summary) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        *has_summary = t && t[0];
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_log(s, "looking up an item");
    sqlite3_reset(st);
    return found;
}

int64_t store_age_anchor(struct store *s, int64_t now)
{
    sqlite3_stmt *st = store_stmt(s, SQL_LAST_SUCCESS);
    bool ok = true;
    int64_t last = st ? query_int(s, st, &ok) : 0;
    return last > 0 && last < now ? last : now;
}

/* Retention: counts first and deletes only when there is something to delete. */
static bool apply_retention(struct store *s)
{
    bool ok = true;
    bool deleted = false;
    if (s->ret.max_age > 0) {
        /* Offline, the news ages from the last fetch that worked, not from now: a display
         * cut off for days keeps its last news (with its age) instead of going blank. */
        int64_t cutoff = store_age_anchor(s, s->now) - s->ret.max_age;
        sqlite3_stmt *st = store_stmt(s, SQL_COUNT_OLD);
        if (!st)
            return false;
        sqlite3_bind_int64(st, 1, cutoff);
        int64_t n = query_int(s, st, &ok);
        if (!ok)
            return false;
        if (n > 0) {
            if (!(st = store_stmt(s, SQL_TOMB_OLD)))
                return false;
            sqlite3_bind_int64(st, 1, cutoff);
            sqlite3_bind_int64(st, 2, s->now);
            if (!run(s, st, "remembering expired items"))
                return false;
            st = store_stmt(s, SQL_DELETE_OLD);
            if (!st)
                return false;
            sqlite3_bind_int64(st, 1, cutoff);
            if (!run(s, st, "expiring old items"))
                return false;
            deleted = true;
        }
    }
    /* Count limits, feed by feed (a handful of feeds: a loop is clearer than one query). */
    struct {
        int64_t id;
        char *url;
    } *feeds = NULL;
    size_t n_feeds = 0;
    sqlite3_stmt *st = store_stmt(s, SQL_FEEDS_ALL);
    if (!st)
        return false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        feeds = xreallocarray(feeds, n_feeds + 1, sizeof *feeds);
        feeds[n_feeds].id = sqlite3_column_int64(st, 0);
        feeds[n_feeds].url = store_col_text(st, 1);
        n_feeds++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        store_log(s, "listing feeds");
        ok = false;
    }
    for (size_t i = 0; ok && i < n_feeds; i++) {
        int limit = feed_limit(s, feeds[i].url ? feeds[i].url : "");
        if (limit <= 0)
            continue;
        st = store_stmt(s, SQL_COUNT_FEED);
        if (!st) {
            ok = false;
            break;
        }
        sqlite3_bind_int64(st, 1, feeds[i].id);
        int64_t n = query_int(s, st, &ok);
        if (ok && n > limit) {
            st = store_stmt(s, SQL_TOMB_EXCESS);
            ok = st != NULL;
            if (ok) {
                sqlite3_bind_int64(st, 1, feeds[i].id);
                sqlite3_bind_int64(st, 2, limit);
                sqlite3_bind_int64(st, 3, s->now);
                ok = run(s, st, "remembering dropped items");
            }
            st = ok ? store_stmt(s, SQL_DELETE_EXCESS) : NULL;
            ok = st != NULL;
            if (ok) {
                sqlite3_bind_int64(st, 1, feeds[i].id);
                sqlite3_bind_int64(st, 2, limit);
                ok = run(s, st, "dropping items over the limit");
                deleted = true;
            }
        }
    }
    for (size_t i = 0; i < n_feeds; i++)
        free(feeds[i].url);
    free(feeds);
    if (!ok)
        return false;
    /* Tombstones older than STORE_TOMBSTONE_KEEP go (counted first: no write when none). */
    if ((st = store_stmt(s, SQL_TOMB_COUNT_STALE)) == NULL)
        return false;
    sqlite3_bind_int64(st, 1, s->now - STORE_TOMBSTONE_KEEP);
    if (query_int(s, st, &ok) > 0 && ok) {
        if ((st = store_stmt(s, SQL_TOMB_DELETE_STALE)) == NULL)
            return false;
        sqlite3_bind_int64(st, 1, s->now - STORE_TOMBSTONE_KEEP);
        if (!run(s, st, "forgetting old tombstones"))
            return false;
        deleted = true;
    }
    if (!ok)
        return false;
    if (deleted) {
        s->dirty = true;
        /* Give free pages back to the file system once they add up (auto_vacuum=INCREMENTAL),
         * so the file does not keep its high-water size. */
        st = store_stmt(s, SQL_FREELIST);
        int64_t free_pages = st ? query_int(s, st, &ok) : 0;
        st = store_stmt(s, SQL_PAGE_COUNT);
        int64_t pages = st ? query_int(s, st, &ok) : 0;
        if (ok && free_pages > 16 && free_pages * 8 > pages) {
            if (sqlite3_exec(s->db, "PRAGMA incremental_vacuum", NULL, NULL, NULL) != SQLITE_OK)
                store_log(s, "giving free pages back");
        }
    }
    return ok;
}

bool store_commit_cycle(struct store *s)
{
    if (!s->in_cycle)
        return false;
    if (!apply_retention(s)) {
        store_rollback_cycle(s);
        return false;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        store_log(s, "committing a cycle");
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
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
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
