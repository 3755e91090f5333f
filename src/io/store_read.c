/*
 * Reading the cache: the display snapshot and `ticker cache list/stats` (the JSON Feed export
 * is store_jsonfeed.c). Filters apply here, not when storing, so a changed filter list takes
 * effect at once and the cache stays a faithful copy of the feeds. Everything here works on a
 * read-only store and reads only the columns of schema 3, so a reader can show a cache an
 * older Ticker wrote on storage it cannot upgrade.
 */
#include "io/store.h"
#include "io/store_internal.h"
#include "core/config.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/*
 * Items newest first. The snapshot (built after every changing cycle) does not need the feed
 * text: NULL there. With an age limit, the same keep rule as retention: an item younger than
 * :since, or among its feed's STORE_KEEP_NEWEST newest.
 */
#define ITEM_COLUMNS(content)                                                                      \
    "SELECT i.key, f.url, f.name, i.item_id, i.title, i.link, i.summary, " content ", i.author,"   \
    " i.image, i.language, i.published, i.updated, i.first_seen, i.sort_time"
#define ITEM_ORDER " ORDER BY i.sort_time DESC, i.id DESC"

static const char item_query[] =
    ITEM_COLUMNS("i.content") " FROM items i JOIN feeds f ON f.id = i.feed_id" ITEM_ORDER;
static const char item_query_no_content[] =
    ITEM_COLUMNS("NULL") " FROM items i JOIN feeds f ON f.id = i.feed_id" ITEM_ORDER;
/* The rows to read are chosen from the indexes alone (the recent ones by sort_time, each
 * feed's newest by a window over (feed_id, sort_time)), then only those rows are read:
 * filtering whole rows (with their feed text) read the whole file. */
static const char item_query_kept[] =
    "WITH kept(id) AS (SELECT id FROM items WHERE sort_time >= :since"
    " UNION SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY feed_id"
    " ORDER BY sort_time DESC, id DESC) AS rank FROM items) WHERE rank <= :keep) " ITEM_COLUMNS(
        "NULL") " FROM kept k JOIN items i ON i.id = k.id JOIN feeds f ON f.id = "
                "i.feed_id" ITEM_ORDER;

static void read_item(sqlite3_stmt *st, struct store_item *it)
{
    it->key = store_col_text(st, 0);
    it->feed_url = store_col_text(st, 1);
    it->feed_name = store_col_text(st, 2);
    it->item_id = store_col_text(st, 3);
    it->title = store_col_text(st, 4);
    it->link = store_col_text(st, 5);
    it->summary = store_col_text(st, 6);
    it->content = store_col_text(st, 7);
    it->author = store_col_text(st, 8);
    it->image = store_col_text(st, 9);
    it->language = store_col_text(st, 10);
    it->published = store_col_time(st, 11);
    it->updated = store_col_time(st, 12);
    it->first_seen = store_col_time(st, 13);
    if (it->first_seen == FEED_TIME_NONE)
        it->first_seen = STORE_TIME_MIN;
}

static void item_clear(struct store_item *it)
{
    free(it->key);
    free(it->feed_url);
    free(it->feed_name);
    free(it->item_id);
    free(it->title);
    free(it->link);
    free(it->summary);
    free(it->content);
    free(it->author);
    free(it->image);
    free(it->language);
}

void store_item_list_free(struct store_item_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        item_clear(&l->v[i]);
    free(l->v);
    *l = (struct store_item_list){0};
}

static bool url_listed(const char *url, const char *const *urls, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(urls[i], url))
            return true;
    return false;
}

/*
 * Every item newest first through fn: all of them (since == INT64_MIN), or those the age
 * limit keeps (younger than since, or among their feed's newest STORE_KEEP_NEWEST).
 */
static bool each_item(struct store *s, int64_t since, bool content, store_item_fn fn, void *arg,
                      struct error *err)
{
    sqlite3_stmt *st;
    const char *sql = since != INT64_MIN ? item_query_kept
                      : content          ? item_query
                                         : item_query_no_content;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "reading items");
    if (since != INT64_MIN) {
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":since"), since);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":keep"), STORE_KEEP_NEWEST);
    }
    int rc;
    bool more = true;
    while (more && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct store_item it = {0};
        read_item(st, &it);
        more = fn(&it, arg);
        item_clear(&it);
    }
    bool ok = !more || rc == SQLITE_DONE || store_fail(s, err, "reading items");
    sqlite3_finalize(st);
    return ok;
}

bool store_each_item(struct store *s, store_item_fn fn, void *arg, struct error *err)
{
    return each_item(s, INT64_MIN, true, fn, arg, err);
}

/* ---- the snapshot -------------------------------------------------------------------- */

struct snap_arg {
    const struct store_snapshot_options *opt;
    struct story_snapshot *snap;
    size_t alloc;
};

static bool snap_item(struct store_item *it, void *arg)
{
    struct snap_arg *a = arg;
    const struct store_snapshot_options *o = a->opt;
    if (o->feed_urls && !url_listed(it->feed_url, o->feed_urls, o->n_feed_urls))
        return true;
    if (config_filter_excludes(o->filters, o->n_filters, it->title, it->summary))
        return true;
    bool has_title = it->title && it->title[0];
    bool has_summary = it->summary && it->summary[0];
    if (!has_title && !has_summary)
        return true;
    struct story_snapshot *sn = a->snap;
    if (sn->n_stories == a->alloc) {
        a->alloc = a->alloc ? a->alloc * 2 : 64;
        sn->stories = xreallocarray(sn->stories, a->alloc, sizeof *sn->stories);
    }
    struct story *s = &sn->stories[sn->n_stories++];
    *s = (struct story){0};
    s->id = it->key;
    it->key = NULL;
    s->source = it->feed_name ? it->feed_name : xstrdup(it->feed_url);
    it->feed_name = NULL;
    /* A title-less item (microblog feeds) shows the start of its text as the headline. */
    if (has_title) {
        s->title = it->title;
        it->title = NULL;
        s->summary = it->summary;
        it->summary = NULL;
    } else {
        char *one = xstrdup(it->summary);
        for (char *p = one; *p; p++)
            if (*p == '\n')
                *p = ' ';
        s->title = store_cap_text(one, 160);
        free(one);
    }
    s->link = it->link;
    it->link = NULL;
    s->language = it->language;
    it->language = NULL;
    s->published = store_item_time(it->published, it->updated, it->first_seen);
    return o->max_stories == 0 || sn->n_stories < o->max_stories;
}

struct story_snapshot *
store_load_snapshot(struct store *s, const struct store_snapshot_options *opt, struct error *err)
{
    int64_t since = INT64_MIN;
    if (opt->max_age > 0) {
        int64_t anchor;
        if (!store_age_anchor(s, opt->now, &anchor, err))
            return NULL;
        /* INT64_MIN means "no limit" to each_item: a limit reaching that far is none. */
        since = store_time_sub(anchor, opt->max_age);
        if (since == INT64_MIN)
            since++;
    }
    struct story_snapshot *sn = xcalloc(1, sizeof *sn);
    struct snap_arg a = {.opt = opt, .snap = sn};
    if (!each_item(s, since, false, snap_item, &a, err)) {
        story_snapshot_free(sn);
        return NULL;
    }
    if (!sn->stories)
        sn->stories = xcalloc(1, sizeof *sn->stories);

    /* Status: the newest success; offline when feeds were tried and none was reached. */
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT url, last_attempt, last_success, last_http_code, gone"
                           " FROM feeds",
                           -1, &st, NULL) != SQLITE_OK) {
        store_fail(s, err, "reading feeds");
        story_snapshot_free(sn);
        return NULL;
    }
    bool tried = false, reached = false;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *url = (const char *)sqlite3_column_text(st, 0);
        if (opt->feed_urls && !url_listed(url ? url : "", opt->feed_urls, opt->n_feed_urls))
            continue;
        int64_t attempt = store_clamp(sqlite3_column_int64(st, 1));
        int64_t success = store_clamp(sqlite3_column_int64(st, 2));
        long code = (long)sqlite3_column_int64(st, 3);
        if (success > sn->last_success)
            sn->last_success = success;
        if (sqlite3_column_int(st, 4) || attempt == 0)
            continue; /* gone feeds and untried ones say nothing about the network */
        tried = true;
        if (success >= attempt || code != 0)
            reached = true;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_fail(s, err, "reading feeds");
        story_snapshot_free(sn);
        return NULL;
    }
    sn->offline = tried && !reached;
    return sn;
}

/* ---- list ---------------------------------------------------------------------------- */

struct list_arg {
    const char *feed;
    size_t limit;
    struct store_item_list *out;
    size_t alloc;
};

static bool list_item(struct store_item *it, void *arg)
{
    struct list_arg *a = arg;
    if (a->feed && strcmp(a->feed, it->feed_url) &&
        (!it->feed_name || ascii_strcasecmp(a->feed, it->feed_name)))
        return true;
    if (a->out->n == a->alloc) {
        a->alloc = a->alloc ? a->alloc * 2 : 64;
        a->out->v = xreallocarray(a->out->v, a->alloc, sizeof *a->out->v);
    }
    a->out->v[a->out->n++] = *it;
    *it = (struct store_item){0};
    return a->limit == 0 || a->out->n < a->limit;
}

bool store_list(struct store *s, const char *feed, size_t limit, struct store_item_list *out,
                struct error *err)
{
    *out = (struct store_item_list){0};
    struct list_arg a = {.feed = feed, .limit = limit, .out = out};
    if (!each_item(s, INT64_MIN, true, list_item, &a, err)) {
        store_item_list_free(out);
        return false;
    }
    return true;
}

/* ---- stats --------------------------------------------------------------------------- */

static int64_t pragma_int(struct store *s, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = 0;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int64_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (int64_t)st.st_size : 0;
}

bool store_stats(struct store *s, struct store_stats *out, struct error *err)
{
    *out = (struct store_stats){0};
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT " STORE_FEED_COLUMNS ","
                           " (SELECT count(*) FROM items i WHERE i.feed_id = f.id),"
                           " (SELECT max(sort_time) FROM items i WHERE i.feed_id = f.id)"
                           " FROM feeds f ORDER BY f.id",
                           -1, &st, NULL) != SQLITE_OK)
        return store_fail(s, err, "reading statistics");
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out->feeds = xreallocarray(out->feeds, out->n_feeds + 1, sizeof *out->feeds);
        struct store_feed_stats *f = &out->feeds[out->n_feeds++];
        *f = (struct store_feed_stats){0};
        store_read_feed_row(st, 0, &f->state);
        f->n_items = sqlite3_column_int64(st, STORE_FEED_NCOLUMNS);
        f->newest = store_clamp(sqlite3_column_int64(st, STORE_FEED_NCOLUMNS + 1));
        out->n_items += f->n_items;
    }
    if (rc != SQLITE_DONE) {
        store_fail(s, err, "reading statistics");
        sqlite3_finalize(st);
        store_stats_free(out);
        return false;
    }
    sqlite3_finalize(st);
    char *wal = xasprintf("%s-wal", s->path);
    out->file_bytes = file_size(s->path) + file_size(wal);
    free(wal);
    out->page_count = pragma_int(s, "PRAGMA page_count");
    out->freelist_count = pragma_int(s, "PRAGMA freelist_count");
    out->schema_version = s->schema_version;
    return true;
}

void store_stats_free(struct store_stats *st)
{
    for (size_t i = 0; i < st->n_feeds; i++)
        store_feed_state_clear(&st->feeds[i].state);
    free(st->feeds);
    *st = (struct store_stats){0};
}
