/*
 * Fuzz target: the cache's reading of what is in its file. Two modes, by the input's start:
 *
 * - "SQLite format 3...": the input is the cache file itself (seeds: real caches, see
 *   tests/fuzz/make_store_corpus.sh). The store opens it as it is or moves it aside.
 * - anything else: rows mode. A small real cache is made through the API, then the input
 *   rewrites its rows: each record is [column byte][type byte][value bytes up to 0xFF], setting
 *   that column of every row to a NULL, integer, real, text or blob made of the value bytes,
 *   which quick_check does not catch (SQLite columns are loosely typed). This reaches the
 *   row-reading code with the NULLs and types a damaged or hand-edited file could hold.
 *
 * Then a reader (store_open_readonly) reads everything and must leave every byte of the file as
 * it was (abort otherwise); then a writer reads everything and runs a fetch cycle. Never
 * crash, leak or hang.
 */
#include "io/store.h"
#include "core/util.h"

#include "../io/store_testutil.h" /* rm_tree */

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const columns[] = {
    "items.feed_id",     "items.item_id",        "items.key",          "items.title",
    "items.link",        "items.norm_link",      "items.norm_title",   "items.published",
    "items.updated",     "items.first_seen",     "items.sort_time",    "items.summary",
    "items.content",     "items.language",       "items.author",       "items.image",
    "feeds.url",         "feeds.name",           "feeds.fetch_url",    "feeds.etag",
    "feeds.next_poll",   "feeds.last_attempt",   "feeds.last_success", "feeds.error_count",
    "feeds.last_status", "feeds.last_http_code", "feeds.gone",         "feeds.moved_to",
    "items.text_hash",   "items.summary_stale",  "feeds.ttl",
};

static void make_cache(const char *path)
{
    struct store *s = store_open(path, NULL, NULL);
    if (!s)
        return;
    store_feed_ensure(s, "https://news.example.org/inland.xml", "Inland", NULL);
    store_begin_cycle(s, NULL, 1764000000, NULL);
    struct feed_item a = {.id = "a",
                          .title = "Parliament passes the budget today",
                          .link = "https://news.example.org/a",
                          .published = 1763990000,
                          .updated = FEED_TIME_NONE,
                          .summary = "It passed."};
    struct feed_item b = {.id = "b",
                          .title = "Storm warning for the coast",
                          .published = FEED_TIME_NONE,
                          .updated = FEED_TIME_NONE};
    store_put_item(s, "https://news.example.org/inland.xml", &a, 0, NULL, NULL);
    store_put_item(s, "https://world.example.com/rss", &b, 0, NULL, NULL);
    store_commit_cycle(s, NULL);
    store_close(s);
}

static void rewrite_rows(const char *path, const uint8_t *data, size_t size)
{
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    size_t i = 0;
    for (int rec = 0; i + 2 <= size && rec < 16; rec++) {
        const char *col = columns[data[i] % (sizeof columns / sizeof columns[0])];
        int type = data[i + 1] % 5;
        i += 2;
        size_t start = i;
        while (i < size && data[i] != 0xFF)
            i++;
        size_t len = i - start;
        i++; /* the separator */
        char table[16];
        size_t tl = strcspn(col, ".");
        snprintf(table, sizeof table, "%.*s", (int)tl, col);
        char *sql = xasprintf("UPDATE %s SET %s = ?1", table, col + tl + 1);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            const void *v = data + start;
            int64_t n = 0;
            for (size_t k = 0; k < len && k < 8; k++)
                n = (n << 8) | data[start + k];
            switch (type) {
            case 0:
                sqlite3_bind_null(st, 1);
                break;
            case 1:
                sqlite3_bind_int64(st, 1, len ? n : INT64_MIN);
                break;
            case 2:
                sqlite3_bind_double(st, 1, (double)n / 7.0);
                break;
            case 3:
                sqlite3_bind_text(st, 1, v, (int)len, SQLITE_TRANSIENT);
                break;
            default:
                sqlite3_bind_blob(st, 1, v, (int)len, SQLITE_TRANSIENT);
                break;
            }
            sqlite3_step(st); /* a NOT NULL or UNIQUE refusal is fine */
        }
        sqlite3_finalize(st);
        free(sql);
    }
    sqlite3_close(db);
}

/* FNV-1a of the file's bytes (0 when it cannot be read). */
static uint64_t file_hash(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    uint64_t h = HASH_FNV1A64_INIT;
    unsigned char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = hash_fnv1a64(buf, n, h);
    fclose(f);
    return h;
}

/* Every way of reading the cache. */
static void read_everything(struct store *s)
{
    struct store_snapshot_options o = {.now = 1764000000, .max_age = 0};
    story_snapshot_free(store_load_snapshot(s, &o, NULL));
    static const char *const filters[] = {"war"};
    o.filters = filters;
    o.n_filters = 1;
    o.max_age = 48 * 3600;
    story_snapshot_free(store_load_snapshot(s, &o, NULL));
    struct store_item_list l;
    if (store_list(s, NULL, 0, &l, NULL))
        store_item_list_free(&l);
    if (store_list(s, "Inland", 3, &l, NULL))
        store_item_list_free(&l);
    struct store_stats st;
    if (store_stats(s, &st, NULL))
        store_stats_free(&st);
    bool has_summary;
    store_has_item(s, "https://news.example.org/inland.xml", "a", &has_summary, NULL);
    FILE *out = fopen("/dev/null", "w");
    if (out) {
        store_export_jsonfeed(s, out, NULL, filters, 1, NULL);
        fclose(out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    char *dir = xasprintf("%s/ticker-fuzz-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        free(dir);
        return 0;
    }
    char *path = xasprintf("%s/cache.db", dir);
    if (size >= 15 && !memcmp(data, "SQLite format 3", 15)) {
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(data, 1, size, f);
            fclose(f);
        }
    } else {
        make_cache(path);
        rewrite_rows(path, data, size);
    }
    /* A reader first: whatever the file holds, looking changes no byte of it. */
    uint64_t before = file_hash(path);
    struct store *r = store_open_readonly(path, NULL);
    if (r) {
        read_everything(r);
        store_close(r);
    }
    if (file_hash(path) != before)
        abort();
    /* stderr warnings about moved files are expected; keep the fuzzer's output readable */
    struct store *s = store_open(path, NULL, NULL);
    if (s) {
        read_everything(s);
        struct store_retention ret = {.max_age = 48 * 3600, .max_items = 3};
        if (store_begin_cycle(s, &ret, 1764000000, NULL)) {
            struct feed_item it = {.id = "fuzz-1",
                                   .title = "A story from the fuzzer today",
                                   .link = "https://news.example.org/x?utm_source=f#a",
                                   .published = FEED_TIME_NONE,
                                   .updated = FEED_TIME_NONE};
            store_put_item(s, "https://news.example.org/inland.xml", &it, 0, NULL, NULL);
            store_put_summary(s, "https://news.example.org/inland.xml", "a", "Summary.", NULL);
            struct store_feed_state fs = {0};
            store_feed_get(s, "https://news.example.org/inland.xml", &fs, NULL);
            fs.error_count++;
            store_feed_put(s, &fs, NULL);
            store_feed_state_clear(&fs);
            if (!store_commit_cycle(s, NULL))
                store_rollback_cycle(s);
        }
        store_close(s);
    }
    rm_tree(dir);
    free(path);
    free(dir);
    return 0;
}
