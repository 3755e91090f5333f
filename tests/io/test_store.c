/*
 * The cache on real SQLite files in a scratch directory: identity and duplicates, one
 * transaction per cycle, no write when nothing changed, recovery from garbage and truncated
 * files, retention and a bounded file, migrations, feed state, snapshot, list, stats and the
 * JSON Feed export. (Crash safety under SIGKILL is test_store_crash.c.)
 */
#include "check.h"
#include "io/store.h"
#include "io/store_schema.h"
#include "store_testutil.h"

#include <cjson/cJSON.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>

#define T0   1764000000 /* 2025-11-24T16:00:00Z, the tests' "now" */
#define HOUR 3600

static char *dir;

static char *path_in(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static struct store *open_ok(const char *path, struct store_open_info *info)
{
    struct error err = {0};
    struct store *s = store_open(path, info, &err);
    CHECK_MSG(s != NULL, "store_open(%s): %s", path, err.msg);
    return s;
}

static const struct store_retention no_retention = {0};

static enum store_put_result put1(struct store *s, const char *feed, struct feed_item it,
                                  int64_t now)
{
    struct error err = {0};
    CHECK_MSG(store_begin_cycle(s, &no_retention, now, &err), "%s", err.msg);
    enum store_put_result r = store_put_item(s, feed, &it, 0, NULL, &err);
    CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
    return r;
}

/* n items of feed `feed` dated `newest`, `newest` - 1, ... (one cycle at `now`): newer
 * news that replaces what is older. */
static void put_fillers(struct store *s, const char *feed, int n, int64_t newest, int64_t now)
{
    struct error err = {0};
    CHECK_MSG(store_begin_cycle(s, &no_retention, now, &err), "%s", err.msg);
    for (int i = 0; i < n; i++) {
        char id[48], title[96];
        snprintf(id, sizeof id, "filler-%lld-%d", (long long)newest, i);
        snprintf(title, sizeof title, "Filler story %d of %lld for the feed", i, (long long)newest);
        struct feed_item it = test_item(id, title, NULL, newest - i, NULL);
        CHECK_INT(store_put_item(s, feed, &it, (size_t)i, NULL, &err), STORE_PUT_NEW);
    }
    CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
}

static int64_t count_items(struct store *s)
{
    struct store_stats st;
    CHECK(store_stats(s, &st, NULL));
    int64_t n = st.n_items;
    store_stats_free(&st);
    return n;
}

static void test_normalise(void)
{
    /* (links: url_normalise_link, tests/core/test_url.c) */
    char *n = store_normalise_title("  Storm hits the COAST: 3 dead! ");
    CHECK_STR(n, "storm hits the coast 3 dead");
    free(n);
}

static void test_put_and_snapshot(void)
{
    char *p = path_in("basic.db");
    struct store_open_info info;
    struct store *s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, 0);
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha", NULL));
    CHECK(store_feed_ensure(s, "https://b.example/feed", "Beta", NULL));

    CHECK(store_begin_cycle(s, &no_retention, T0, NULL));
    struct feed_item a1 = test_item("a1", "Parliament passes the budget", "https://a.example/1",
                                    T0 - 2 * HOUR, "The budget passed with a wide margin.");
    struct feed_item a2 =
        test_item("a2", "Floods in the valley", "https://a.example/2", FEED_TIME_NONE, NULL);
    a2.content = "Rivers rose overnight. Roads are closed.";
    a2.language = "en";
    struct feed_item b1 = test_item("b1", "Neue Brücke eröffnet", "https://b.example/1", T0 - HOUR,
                                    "Die Brücke ist fertig.");
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a1, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a2, 1, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://b.example/feed", &b1, 0, "Kurz: die Brücke steht.", NULL),
              STORE_PUT_NEW);
    CHECK((store_has_item(s, "https://a.example/feed", "a1", NULL, NULL) == STORE_FOUND));
    CHECK(!(store_has_item(s, "https://b.example/feed", "a1", NULL, NULL) == STORE_FOUND));
    CHECK(store_commit_cycle(s, NULL));

    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o, NULL);
    CHECK(sn != NULL);
    CHECK_INT(sn->n_stories, 3);
    if (sn && sn->n_stories == 3) {
        /* newest first: a2 (first seen now), b1 (an hour ago), a1 (two hours ago) */
        CHECK_STR(sn->stories[0].title, "Floods in the valley");
        CHECK_INT(sn->stories[0].published, T0);
        CHECK_STR(sn->stories[0].summary, "Rivers rose overnight. Roads are closed.");
        CHECK_STR(sn->stories[0].source, "Alpha");
        CHECK_STR(sn->stories[0].language, "en");
        CHECK_STR(sn->stories[1].source, "Beta");
        CHECK_STR(sn->stories[1].summary, "Kurz: die Brücke steht.");
        CHECK_STR(sn->stories[2].link, "https://a.example/1");
        CHECK_INT(sn->stories[2].published, T0 - 2 * HOUR);
        CHECK(sn->stories[0].id && strlen(sn->stories[0].id) == 16);
        CHECK(strcmp(sn->stories[0].id, sn->stories[2].id) != 0);
        CHECK_INT(sn->last_success, 0);
        CHECK(!sn->offline);
    }
    story_snapshot_free(sn);

    /* filters and feed selection */
    static const char *const filters[] = {"brücke"};
    static const char *const only_a[] = {"https://a.example/feed"};
    o = (struct store_snapshot_options){.now = T0, .filters = filters, .n_filters = 1};
    sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 2);
    story_snapshot_free(sn);
    o = (struct store_snapshot_options){
        .now = T0, .feed_urls = only_a, .n_feed_urls = 1, .max_stories = 1};
    sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 1);
    CHECK_STR(sn->stories[0].source, "Alpha");
    story_snapshot_free(sn);
    /* an age limit leaves out nothing here: each feed keeps its newest STORE_KEEP_NEWEST */
    o = (struct store_snapshot_options){.now = T0, .max_age = 90 * 60};
    sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 3);
    story_snapshot_free(sn);

    /* a later put of a known item: unchanged, then a new headline, a correction (first_seen
     * kept), then only a new image */
    CHECK_INT(put1(s, "https://a.example/feed", a2, T0 + HOUR), STORE_PUT_UNCHANGED);
    a2.title = "Floods in the valley: roads closed";
    CHECK_INT(put1(s, "https://a.example/feed", a2, T0 + HOUR), STORE_PUT_CHANGED);
    a2.image = "https://a.example/floods.jpg";
    CHECK_INT(put1(s, "https://a.example/feed", a2, T0 + HOUR), STORE_PUT_UPDATED);
    /* no summary given keeps the stored (summariser's) one */
    CHECK_INT(put1(s, "https://b.example/feed", b1, T0 + HOUR), STORE_PUT_UNCHANGED);
    bool has_sum = false;
    CHECK((store_has_item(s, "https://b.example/feed", "b1", &has_sum, NULL) == STORE_FOUND) &&
          has_sum);
    struct store_item_list l;
    CHECK(store_list(s, "Alpha", 0, &l, NULL));
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].title, "Floods in the valley: roads closed");
        CHECK_INT(l.v[0].first_seen, T0);
        CHECK_INT(l.v[0].published, FEED_TIME_NONE);
        CHECK_STR(l.v[0].feed_url, "https://a.example/feed");
    }
    store_item_list_free(&l);
    CHECK(store_list(s, "https://b.example/feed", 0, &l, NULL));
    CHECK_INT(l.n, 1);
    if (l.n == 1)
        CHECK_STR(l.v[0].summary, "Kurz: die Brücke steht.");
    store_item_list_free(&l);
    CHECK(store_list(s, NULL, 2, &l, NULL));
    CHECK_INT(l.n, 2);
    store_item_list_free(&l);

    /* an item without id is refused; a put outside a cycle too */
    struct feed_item bad = test_item("", "x", NULL, FEED_TIME_NONE, NULL);
    CHECK(store_begin_cycle(s, NULL, T0, NULL));
    CHECK(!store_begin_cycle(s, NULL, T0, NULL)); /* one cycle at a time */
    CHECK_INT(store_put_item(s, "https://a.example/feed", &bad, 0, NULL, NULL), STORE_PUT_ERROR);
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a1, 0, NULL, NULL), STORE_PUT_ERROR);
    store_close(s);

    /* and everything is still there after reopening */
    s = open_ok(p, &info);
    CHECK_INT(info.migrated_from, STORE_SCHEMA_VERSION);
    CHECK_INT(count_items(s), 3);
    store_close(s);
    struct error err = {0};
    s = store_open_readonly(p, &err);
    CHECK_MSG(s != NULL, "%s", err.msg);
    if (s) {
        CHECK_INT(count_items(s), 3);
        store_close(s);
    }

    /* a new file got its creation-time settings before WAL mode fixed them */
    sqlite3 *db;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db,
                             "SELECT (SELECT auto_vacuum FROM pragma_auto_vacuum),"
                             " (SELECT page_size FROM pragma_page_size),"
                             " (SELECT journal_mode FROM pragma_journal_mode)",
                             -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 2); /* incremental */
    CHECK_INT(sqlite3_column_int(st, 1), 8192);
    CHECK_STR((const char *)sqlite3_column_text(st, 2), "wal");
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(p);
}

static void test_duplicates(void)
{
    char *p = path_in("dups.db");
    struct store *s = open_ok(p, NULL);
    const char *fa = "https://a.example/feed", *fb = "https://b.example/feed";
    CHECK(store_begin_cycle(s, &no_retention, T0, NULL));
    struct feed_item a = test_item("a-1", "Storm hits the north coast",
                                   "https://news.example/story/42", T0 - HOUR, NULL);
    CHECK_INT(store_put_item(s, fa, &a, 0, NULL, NULL), STORE_PUT_NEW);
    /* same link, written differently, in another feed */
    struct feed_item b =
        test_item("b-9", "A storm on the coast",
                  "HTTPS://NEWS.example/story/42/?utm_source=rss#comments", T0 - HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &b, 0, NULL, NULL), STORE_PUT_DUPLICATE);
    /* same title (case and punctuation aside) within 24 hours, different link */
    struct feed_item c = test_item("b-10", "STORM hits the north coast!",
                                   "https://other.example/storm", T0 - 20 * HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &c, 1, NULL, NULL), STORE_PUT_DUPLICATE);
    /* same title 3 days apart: another story */
    struct feed_item d = test_item("b-11", "Storm hits the north coast",
                                   "https://other.example/storm-2", T0 - 72 * HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &d, 2, NULL, NULL), STORE_PUT_NEW);
    /* short titles are not compared ("Live", "Weather") */
    struct feed_item e1 = test_item("a-2", "Weather", "https://a.example/w1", T0, NULL);
    struct feed_item e2 = test_item("b-12", "Weather", "https://b.example/w1", T0, NULL);
    CHECK_INT(store_put_item(s, fa, &e1, 1, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, fb, &e2, 3, NULL, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s, NULL));
    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 4);
    story_snapshot_free(sn);
    store_close(s);
    free(p);
}

struct file_state {
    int64_t db_size, wal_size;
    int64_t db_mtime_ns, wal_mtime_ns;
};

static struct file_state file_state(const char *p)
{
    struct file_state f = {0};
    struct stat st;
    if (stat(p, &st) == 0) {
        f.db_size = st.st_size;
        f.db_mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
    char *w = xasprintf("%s-wal", p);
    if (stat(w, &st) == 0) {
        f.wal_size = st.st_size;
        f.wal_mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    }
    free(w);
    return f;
}

/* A second identical cycle writes nothing; a rolled-back cycle leaves nothing. */
/*
 * Atom entries often carry only <updated>: such an item is ordered, shown and aged by that
 * date, not by when it was first seen (published, else updated, else first seen).
 */
static void test_updated_only(void)
{
    char *p = path_in("updated.db");
    struct store *s = open_ok(p, NULL);
    const char *feed = "https://atom.example/feed";
    /* first seen now, but updated three hours ago */
    struct feed_item u = test_item("u", "Council votes on the new budget", "https://atom.example/u",
                                   FEED_TIME_NONE, "The vote was close.");
    u.updated = T0 - 3 * HOUR;
    /* published two hours ago (and updated later: published wins) */
    struct feed_item pb = test_item("p", "Bridge reopens after repairs", "https://atom.example/p",
                                    T0 - 2 * HOUR, "Traffic flows again.");
    pb.updated = T0 - HOUR;
    /* no date at all: first seen now */
    struct feed_item n = test_item("n", "Library extends its opening hours",
                                   "https://atom.example/n", FEED_TIME_NONE, "From Monday on.");
    CHECK(store_begin_cycle(s, &no_retention, T0, NULL));
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, feed, &pb, 1, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, feed, &n, 2, NULL, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s, NULL));
    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 3);
    if (sn->n_stories == 3) {
        CHECK_STR(sn->stories[0].title, "Library extends its opening hours");
        CHECK_INT(sn->stories[0].published, T0);
        CHECK_STR(sn->stories[1].title, "Bridge reopens after repairs");
        CHECK_INT(sn->stories[1].published, T0 - 2 * HOUR);
        CHECK_STR(sn->stories[2].title, "Council votes on the new budget");
        CHECK_INT(sn->stories[2].published, T0 - 3 * HOUR);
    }
    story_snapshot_free(sn);
    /* the snapshot's age limit counts from the updated date too (once newer items of the
     * feed are there to replace it: STORE_KEEP_NEWEST of them, a minute old) */
    put_fillers(s, feed, STORE_KEEP_NEWEST, T0 - 60, T0);
    o.max_age = 150 * 60;
    sn = store_load_snapshot(s, &o, NULL);
    CHECK_INT(sn->n_stories, 2 + STORE_KEEP_NEWEST);
    story_snapshot_free(sn);
    /* a new updated date moves the story (an update is the only date it has) */
    u.updated = T0 - HOUR / 2;
    CHECK_INT(put1(s, feed, u, T0 + 60), STORE_PUT_UPDATED);
    o.max_age = 0;
    sn = store_load_snapshot(s, &o, NULL);
    CHECK_MSG(
        sn->n_stories == 3 + STORE_KEEP_NEWEST &&
            !strcmp(sn->stories[STORE_KEEP_NEWEST + 1].title, "Council votes on the new budget"),
        "%zu stories", sn->n_stories);
    story_snapshot_free(sn);
    /* retention by age drops it by that date, and leaves no tombstone: it is dated */
    struct store_retention ret = {.max_age = 10 * HOUR};
    u.updated = T0 - 20 * HOUR;
    CHECK_INT(put1(s, feed, u, T0 + 120), STORE_PUT_UPDATED);
    CHECK(store_begin_cycle(s, &ret, T0 + 180, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK(!(store_has_item(s, feed, "u", NULL, NULL) == STORE_FOUND));
    CHECK(store_begin_cycle(s, &ret, T0 + 240, NULL));
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL, NULL), STORE_PUT_EXPIRED); /* too old, by date */
    u.updated = T0; /* updated again: a live story, not a tombstone */
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s, NULL));
    store_close(s);
    free(p);
}

static void test_no_write_when_unchanged(void)
{
    char *p = path_in("idle.db");
    struct store *s = open_ok(p, NULL);
    static const struct store_feed_limit lim[] = {{"https://a.example/feed", 3}};
    struct store_retention ret = {
        .max_age = 48 * HOUR, .max_items = 10, .feeds = lim, .n_feeds = 1};
    char ids[8][16], titles[8][64], btitles[8][64];
    struct feed_item items[8], bitems[8];
    for (int i = 0; i < 8; i++) {
        snprintf(ids[i], sizeof ids[i], "i%d", i);
        snprintf(titles[i], sizeof titles[i], "Headline number %d of the day", i);
        snprintf(btitles[i], sizeof btitles[i], "Another feed's story number %d", i);
        items[i] = test_item(ids[i], titles[i], NULL, T0 - i * 60, "Text.");
        bitems[i] = test_item(ids[i], btitles[i], NULL, T0 - i * 60, "Text.");
    }
    struct store_feed_state fs = {0};
    for (int round = 0; round < 3; round++) {
        /* "a" keeps 3 of its 8 items; "b" keeps all; its feed state is saved each time */
        int64_t now = T0 + round * 600;
        CHECK(store_begin_cycle(s, &ret, now, NULL));
        for (int i = 0; i < 8; i++) {
            enum store_put_result r =
                store_put_item(s, "https://a.example/feed", &items[i], (size_t)i, NULL, NULL);
            CHECK(r == (round == 0 && i < 3 ? STORE_PUT_NEW
                        : i < 3             ? STORE_PUT_UNCHANGED
                                            : STORE_PUT_EXPIRED));
            r = store_put_item(s, "https://b.example/feed", &bitems[i], (size_t)i, NULL, NULL);
            CHECK(r == (round == 0 ? STORE_PUT_NEW : STORE_PUT_UNCHANGED));
        }
        store_feed_get(s, "https://a.example/feed", &fs, NULL);
        fs.name = fs.name ? fs.name : xstrdup("Alpha");
        if (!fs.etag)
            fs.etag = xstrdup("\"v1\"");
        fs.last_status = STORE_FETCH_NOT_MODIFIED;
        fs.last_http_code = 304;
        fs.last_success = T0;
        fs.last_attempt = T0;
        CHECK(store_feed_put(s, &fs, NULL));
        CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha", NULL));
        CHECK(store_commit_cycle(s, NULL));
        if (round == 0) {
            /* make the file settle: a checkpoint happens at close, reopen */
            store_close(s);
            s = open_ok(p, NULL);
        }
        static struct file_state before;
        if (round == 1)
            before = file_state(p);
        if (round == 2) {
            struct file_state after = file_state(p);
            CHECK_INT(after.db_size, before.db_size);
            CHECK_INT(after.wal_size, before.wal_size);
            CHECK_INT(after.db_mtime_ns, before.db_mtime_ns);
            CHECK_INT(after.wal_mtime_ns, before.wal_mtime_ns);
        }
    }
    store_feed_state_clear(&fs);
    CHECK_INT(count_items(s), 3 + 8);

    /* total_changes of the connection too (an independent count from SQLite) */
    sqlite3 *db;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    int64_t dv0 = 0, dv1 = 0;
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL);
    if (sqlite3_step(st) == SQLITE_ROW)
        dv0 = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    CHECK(store_begin_cycle(s, &ret, T0 + 2 * 600, NULL));
    for (int i = 0; i < 8; i++)
        CHECK_INT(store_put_item(s, "https://b.example/feed", &bitems[i], (size_t)i, NULL, NULL),
                  STORE_PUT_UNCHANGED);
    CHECK(store_commit_cycle(s, NULL));
    if (sqlite3_step(st) == SQLITE_ROW)
        dv1 = sqlite3_column_int64(st, 0);
    CHECK_INT(dv1, dv0); /* no other connection committed anything */
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* rollback: none of the cycle's puts stay */
    struct feed_item n = test_item("new", "A brand new story today", NULL, T0, NULL);
    CHECK(store_begin_cycle(s, &ret, T0, NULL));
    CHECK_INT(store_put_item(s, "https://c.example/feed", &n, 0, NULL, NULL), STORE_PUT_NEW);
    store_rollback_cycle(s);
    CHECK(!(store_has_item(s, "https://c.example/feed", "new", NULL, NULL) == STORE_FOUND));
    CHECK_INT(count_items(s), 11);
    /* and the store keeps working after a rollback (feed id cache cleared) */
    CHECK_INT(put1(s, "https://c.example/feed", n, T0), STORE_PUT_NEW);
    store_close(s);
    free(p);
}

static void test_feed_state(void)
{
    char *p = path_in("state.db");
    struct store *s = open_ok(p, NULL);
    struct store_feed_state st = {0};
    CHECK(!store_feed_get(s, "https://x.example/rss", &st, NULL));
    CHECK_STR(st.url, "https://x.example/rss");
    CHECK_INT(st.last_status, STORE_FETCH_NEVER);
    st.name = xstrdup("X");
    st.etag = xstrdup("W/\"abc\"");
    st.last_modified = xstrdup("Mon, 24 Nov 2025 10:00:00 GMT");
    st.next_poll = T0 + 600;
    st.last_attempt = T0;
    st.last_success = T0 - 600;
    st.error_count = 2;
    st.last_status = STORE_FETCH_ERROR;
    st.last_http_code = 503;
    st.last_error = xstrdup("HTTP 503 Service Unavailable");
    st.moved_to = xstrdup("https://y.example/rss");
    st.moved_count = 1;
    st.bytes_total = 123456;
    st.fetch_count = 9;
    CHECK(store_feed_put(s, &st, NULL));
    struct store_feed_state got = {0};
    CHECK(store_feed_get(s, "https://x.example/rss", &got, NULL));
    CHECK_STR(got.name, "X");
    CHECK_STR(got.etag, "W/\"abc\"");
    CHECK_STR(got.last_modified, "Mon, 24 Nov 2025 10:00:00 GMT");
    CHECK_INT(got.next_poll, T0 + 600);
    CHECK_INT(got.error_count, 2);
    CHECK_INT(got.last_status, STORE_FETCH_ERROR);
    CHECK_INT(got.last_http_code, 503);
    CHECK_STR(got.last_error, "HTTP 503 Service Unavailable");
    CHECK_STR(got.moved_to, "https://y.example/rss");
    CHECK_INT(got.moved_count, 1);
    CHECK_INT(got.bytes_total, 123456);
    CHECK_INT(got.fetch_count, 9);
    CHECK(!got.gone);
    CHECK(got.fetch_url == NULL);
    CHECK_STR(store_fetch_status_str(got.last_status), "error");

    /* gone, and the snapshot's offline flag */
    struct story_snapshot *sn =
        store_load_snapshot(s, &(struct store_snapshot_options){.now = T0}, NULL);
    CHECK(!sn->offline); /* 503 came from the server: it was reached */
    CHECK_INT(sn->last_success, T0 - 600);
    story_snapshot_free(sn);
    got.last_http_code = 0;
    got.last_error = (free(got.last_error), xstrdup("Could not resolve host"));
    CHECK(store_feed_put(s, &got, NULL));
    sn = store_load_snapshot(s, &(struct store_snapshot_options){.now = T0}, NULL);
    CHECK(sn->offline);
    story_snapshot_free(sn);
    got.gone = true;
    got.last_status = STORE_FETCH_GONE;
    CHECK(store_feed_put(s, &got, NULL));
    struct store_feed_state g2 = {0};
    CHECK(store_feed_get(s, "https://x.example/rss", &g2, NULL));
    CHECK(g2.gone);
    CHECK_INT(g2.last_status, STORE_FETCH_GONE);
    store_feed_state_clear(&g2);
    store_feed_state_clear(&got);
    store_feed_state_clear(&st);
    store_close(s);
    free(p);
}

static void write_file(const char *p, const void *data, size_t len)
{
    FILE *f = fopen(p, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* FNV-1a of a file's bytes, and its size and modification time: "not changed at all". */
struct file_print {
    uint64_t hash;
    int64_t size, mtime_ns;
    bool exists;
};

static struct file_print file_print(const char *p)
{
    struct file_print fp = {0};
    struct stat st;
    if (stat(p, &st) != 0)
        return fp;
    fp.exists = true;
    fp.size = st.st_size;
    fp.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    FILE *f = fopen(p, "rb");
    fp.hash = HASH_FNV1A64_INIT;
    unsigned char buf[8192];
    size_t n;
    while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
        fp.hash = hash_fnv1a64(buf, n, fp.hash);
    if (f)
        fclose(f);
    return fp;
}

static bool same_print(struct file_print a, struct file_print b)
{
    return a.exists == b.exists && a.hash == b.hash && a.size == b.size && a.mtime_ns == b.mtime_ns;
}

/* Runs SQL on a file with a plain connection (building test files as other programs and
 * older versions wrote them). */
static void sql_on(const char *p, const char *sql)
{
    sqlite3 *db;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    char *msg = NULL;
    CHECK_MSG(sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(db);
}

/* The names in dir, sorted and joined (what a test expects to find there and nothing more). */
static char *dir_listing(const char *d)
{
    DIR *dh = opendir(d);
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh)) != NULL && n < 64)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = xstrdup(e->d_name);
    if (dh)
        closedir(dh);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(names[j], names[i]) < 0) {
                char *t = names[i];
                names[i] = names[j];
                names[j] = t;
            }
    struct buf b = {0};
    for (size_t i = 0; i < n; i++) {
        buf_printf(&b, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
    return b.data ? buf_steal(&b) : xstrdup("");
}

/* A directory of its own for a case that checks which files appear. */
static char *case_dir(const char *name)
{
    char *d = path_in(name);
    CHECK(mkdir(d, 0700) == 0);
    return d;
}

static void rm_case_dir(char *d)
{
    rm_tree(d);
    free(d);
}

/* A writer repairs what is damaged: a file that is not a database, or one cut short, is moved
 * aside with its -wal and -shm and a new cache started; an empty file becomes a cache. */
static void test_recovery(void)
{
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 37 + 11);
    char *p = path_in("garbage.db");
    write_file(p, junk, sizeof junk);
    struct store_open_info info;
    struct store *s = open_ok(p, &info);
    CHECK(info.recovered);
    CHECK_MSG(strstr(info.moved_to, "garbage.db.corrupt-") != NULL, "%s", info.moved_to);
    CHECK(exists(info.moved_to));
    CHECK_INT(file_print(info.moved_to).size, sizeof junk);
    CHECK_INT(count_items(s), 0);
    CHECK_INT(
        put1(s, "https://a.example/feed", test_item("1", "After the recovery", NULL, T0, NULL), T0),
        STORE_PUT_NEW);
    store_close(s);
    s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(count_items(s), 1);
    store_close(s);
    free(p);

    /* a reader reports a damaged file and leaves it where it is */
    p = path_in("garbage2.db");
    write_file(p, junk, sizeof junk);
    struct file_print before = file_print(p);
    struct error err = {0};
    CHECK(store_open_readonly(p, &err) == NULL);
    CHECK_MSG(strstr(err.msg, "garbage2.db: not a database file") != NULL, "%s", err.msg);
    CHECK(same_print(file_print(p), before));
    char *missing = path_in("missing.db");
    error_clear(&err);
    CHECK(store_open_readonly(missing, &err) == NULL);
    CHECK_MSG(strstr(err.msg, "missing.db: does not exist") != NULL, "missing file: \"%s\"",
              err.msg);
    CHECK(!exists(missing));
    free(missing);
    free(p);

    /* a real cache cut short */
    p = path_in("truncated.db");
    s = open_ok(p, NULL);
    CHECK(store_begin_cycle(s, NULL, T0, NULL));
    char id[16], title[200];
    for (int i = 0; i < 400; i++) {
        snprintf(id, sizeof id, "%d", i);
        snprintf(title, sizeof title, "Item %d with a long enough title to fill pages %0100d", i,
                 i);
        struct feed_item it = test_item(id, title, NULL, T0 - i, title);
        store_put_item(s, "https://a.example/feed", &it, 0, NULL, NULL);
    }
    CHECK(store_commit_cycle(s, NULL));
    store_close(s); /* checkpoints: everything is in the main file */
    struct stat stt;
    CHECK(stat(p, &stt) == 0 && stt.st_size > 40000);
    CHECK(truncate(p, stt.st_size / 2) == 0);
    error_clear(&err);
    CHECK(store_open_readonly(p, &err) == NULL);
    CHECK_MSG(strstr(err.msg, "fails its integrity check") || strstr(err.msg, "damaged"), "%s",
              err.msg);
    s = open_ok(p, &info);
    CHECK(info.recovered);
    CHECK(exists(info.moved_to));
    CHECK_INT(count_items(s), 0);
    store_close(s);
    free(p);

    /* an empty file becomes a cache */
    p = path_in("empty.db");
    write_file(p, "", 0);
    s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, 0);
    store_close(s);
    free(p);

    /* an impossible place fails cleanly, naming it */
    error_clear(&err);
    CHECK(store_open("/proc/ticker-no/such/dir/cache.db", NULL, &err) == NULL);
    CHECK_MSG(strstr(err.msg, "/proc/ticker-no") != NULL, "%s", err.msg);
}

/*
 * Files nobody may touch, writer or reader: a cache from a newer Ticker (a downgrade), and
 * other programs' SQLite databases (with their own application_id, with tables of their own,
 * or with tables that happen to share our names). Each is refused with its reason and stays
 * byte for byte as it was, with nothing created beside it.
 */
static void test_refusals(void)
{
    static const struct {
        const char *name, *sql, *want;
    } cases[] = {
        {.name = "newer",
         .sql = NULL, /* a real cache, then user_version 6 (one newer than ours) */
         .want = "made by a newer Ticker (schema 6)"},
        {.name = "newer-unmarked",
         .sql = "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT, next_poll INTEGER,"
                " last_status TEXT);"
                "CREATE TABLE items (id INTEGER PRIMARY KEY, feed_id INTEGER, item_id TEXT,"
                " key TEXT, sort_time INTEGER); PRAGMA user_version=9;",
         .want = "made by a newer Ticker (schema 9)"},
        {.name = "app-id",
         .sql = "CREATE TABLE notes (x); PRAGMA application_id=1234;",
         .want = "not a Ticker cache (another program's SQLite database: application_id "
                 "0x000004d2)"},
        {.name = "their-tables",
         .sql = "CREATE TABLE notes (x); CREATE TABLE tags (y);",
         .want = "not a Ticker cache (another program's SQLite database with the tables notes, "
                 "tags)"},
        {.name = "our-names",
         .sql = "CREATE TABLE items (x); PRAGMA user_version=2;",
         .want = "not a Ticker cache"},
        {.name = "versioned-empty", .sql = "PRAGMA user_version=7;", .want = "not a Ticker cache"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].name);
        char *d = case_dir(cases[i].name);
        char *p = xasprintf("%s/cache.db", d);
        if (cases[i].sql) {
            sql_on(p, cases[i].sql);
        } else {
            struct store *s = open_ok(p, NULL);
            CHECK_INT(put1(s, "https://a.example/feed",
                           test_item("n1", "Kept by a newer version", NULL, T0, NULL), T0),
                      STORE_PUT_NEW);
            store_close(s);
            sql_on(p, "PRAGMA user_version=6");
        }
        struct file_print before = file_print(p);
        char *files_before = dir_listing(d);
        struct error err = {0};
        struct store_open_info info;
        struct store *s = store_open(p, &info, &err);
        CHECK_MSG(s == NULL, "case %s: the writer opened it", cases[i].name);
        store_close(s);
        CHECK_MSG(strstr(err.msg, cases[i].want) != NULL, "case %s: writer said \"%s\"",
                  cases[i].name, err.msg);
        CHECK_MSG(strstr(err.msg, "integrity") == NULL, "case %s: \"%s\"", cases[i].name, err.msg);
        CHECK_MSG(!info.recovered, "case %s: moved aside", cases[i].name);
        error_clear(&err);
        s = store_open_readonly(p, &err);
        CHECK_MSG(s == NULL, "case %s: the reader opened it", cases[i].name);
        store_close(s);
        CHECK_MSG(strstr(err.msg, cases[i].want) != NULL, "case %s: reader said \"%s\"",
                  cases[i].name, err.msg);
        CHECK_MSG(same_print(file_print(p), before), "case %s: the file changed", cases[i].name);
        char *files_after = dir_listing(d);
        CHECK_MSG(!strcmp(files_after, files_before), "case %s: files %s became %s", cases[i].name,
                  files_before, files_after);
        free(files_before);
        free(files_after);
        free(p);
        rm_case_dir(d);
    }
    check_case_end();
}

/*
 * Readers never write. A cache nobody has open is read without creating a -wal or -shm and
 * without changing a byte; a cache a writer has open is read beside it (its commits seen);
 * a cache from the previous schema (3) is read without being migrated; one older than that
 * is refused ("older Ticker"); a reader cannot start a cycle or save anything.
 */
static void test_readers(void)
{
    char *d = case_dir("reader");
    char *p = xasprintf("%s/cache.db", d);
    struct store *w = open_ok(p, NULL);
    CHECK_INT(put1(w, "https://a.example/feed",
                   test_item("r1", "Read without writing", NULL, T0, "Text."), T0),
              STORE_PUT_NEW);
    store_close(w);
    struct file_print before = file_print(p);
    char *files_before = dir_listing(d);
    CHECK_STR(files_before, "cache.db");
    struct error err = {0};
    struct store *r = store_open_readonly(p, &err);
    CHECK_MSG(r != NULL, "%s", err.msg);
    if (r) {
        const char *why = NULL;
        CHECK(store_is_read_only(r, &why));
        CHECK_STR(why, "opened for reading");
        struct story_snapshot *sn =
            store_load_snapshot(r, &(struct store_snapshot_options){.now = T0}, &err);
        CHECK_MSG(sn && sn->n_stories == 1, "%s", err.msg);
        story_snapshot_free(sn);
        CHECK_INT(count_items(r), 1);
        error_clear(&err);
        CHECK(!store_begin_cycle(r, NULL, T0, &err));
        CHECK_MSG(strstr(err.msg, "read-only") != NULL, "%s", err.msg);
        struct store_feed_state fs = {0};
        CHECK_INT(store_feed_get(r, "https://a.example/feed", &fs, NULL), STORE_FOUND);
        fs.error_count = 3;
        error_clear(&err);
        CHECK(!store_feed_put(r, &fs, &err));
        CHECK_MSG(strstr(err.msg, "read-only") != NULL, "%s", err.msg);
        store_feed_state_clear(&fs);
        store_close(r);
    }
    char *files_after = dir_listing(d);
    CHECK_STR(files_after, "cache.db");
    free(files_after);
    CHECK(same_print(file_print(p), before));

    /* beside a writer: the reader sees what the writer committed, through its -shm */
    w = open_ok(p, NULL);
    CHECK_INT(put1(w, "https://a.example/feed",
                   test_item("r2", "Committed while the reader looks", NULL, T0 + 60, NULL),
                   T0 + 60),
              STORE_PUT_NEW);
    r = store_open_readonly(p, &err);
    CHECK_MSG(r != NULL, "%s", err.msg);
    if (r) {
        CHECK_INT(count_items(r), 2);
        CHECK_INT(put1(w, "https://a.example/feed",
                       test_item("r3", "And one more after it opened", NULL, T0 + 120, NULL),
                       T0 + 120),
                  STORE_PUT_NEW);
        CHECK_INT(count_items(r), 3);
        store_close(r);
    }
    store_close(w);
    free(files_before);

    /* schema 3 (the previous release) is read as it is; schema 2 is refused */
    sql_on(p, "ALTER TABLE items DROP COLUMN text_hash; ALTER TABLE items DROP COLUMN "
              "summary_stale; PRAGMA user_version=3; PRAGMA application_id=0;");
    before = file_print(p);
    r = store_open_readonly(p, &err);
    CHECK_MSG(r != NULL, "schema 3: %s", err.msg);
    if (r) {
        CHECK_INT(count_items(r), 3);
        struct store_item_list l;
        CHECK(store_list(r, NULL, 0, &l, NULL));
        CHECK_INT(l.n, 3);
        store_item_list_free(&l);
        struct story_snapshot *sn = store_load_snapshot(
            r, &(struct store_snapshot_options){.now = T0, .max_age = 3600}, NULL);
        CHECK(sn && sn->n_stories == 3);
        story_snapshot_free(sn);
        store_close(r);
    }
    CHECK(same_print(file_print(p), before));
    sql_on(p, "PRAGMA user_version=2");
    before = file_print(p);
    error_clear(&err);
    CHECK(store_open_readonly(p, &err) == NULL);
    CHECK_MSG(strstr(err.msg, "made by an older Ticker (schema 2)") != NULL, "%s", err.msg);
    CHECK(same_print(file_print(p), before));
    free(p);
    rm_case_dir(d);
}

/* The cache and its -wal and -shm are private: 0600, or 0640 in a folder with the
 * set-group-ID bit (a service's shared folder); an existing cache others could read is made
 * private at the next open. */
static void test_file_modes(void)
{
    mode_t old_umask = umask(022);
    static const struct {
        const char *dir;
        mode_t dir_mode, want;
    } cases[] = {
        {"modes-private", 0700, 0600},
        {"modes-shared", 02770, 0640},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].dir);
        char *d = case_dir(cases[i].dir);
        CHECK(chmod(d, cases[i].dir_mode) == 0);
        char *p = xasprintf("%s/sub/cache.db", d);
        struct store *s = open_ok(p, NULL);
        CHECK_INT(put1(s, "https://a.example/feed",
                       test_item("m1", "A story kept privately", NULL, T0, NULL), T0),
                  STORE_PUT_NEW);
        static const char *const sfx[] = {"", "-wal", "-shm"};
        for (size_t k = 0; k < ARRAY_LEN(sfx); k++) {
            char *f = xasprintf("%s%s", p, sfx[k]);
            struct stat st;
            CHECK_MSG(stat(f, &st) == 0, "case %s: %s missing", cases[i].dir, f);
            CHECK_MSG((st.st_mode & 0777) == cases[i].want, "case %s: %s has mode %03o",
                      cases[i].dir, f, (unsigned)(st.st_mode & 0777));
            free(f);
        }
        store_close(s);
        free(p);
        rm_tree_deep(d);
        free(d);
    }
    check_case_end();
    /* an existing world-readable cache loses "others" at the next writer's open */
    char *p = path_in("was-public.db");
    store_close(open_ok(p, NULL));
    CHECK(chmod(p, 0644) == 0);
    store_close(open_ok(p, NULL));
    struct stat st;
    CHECK(stat(p, &st) == 0 && (st.st_mode & 0777) == 0640);
    free(p);
    umask(old_umask);
}

/* How many items of `feed` are stored, and their ids newest first, joined by spaces. */
static char *feed_ids(struct store *s, const char *feed)
{
    struct store_item_list l;
    struct buf b = {0};
    CHECK(store_list(s, feed, 0, &l, NULL));
    for (size_t i = 0; i < l.n; i++)
        buf_printf(&b, "%s%s", i ? " " : "", l.v[i].item_id);
    store_item_list_free(&l);
    return b.data ? buf_steal(&b) : xstrdup("");
}

/*
 * Retention at one cycle: 20 items of one feed, newest first, one every 6 hours (items 9 and
 * later are older than 48 hours). By count, a feed keeps its newest max_items; by age, an item
 * older than max_age goes only once STORE_KEEP_NEWEST newer items of its feed replace it. A
 * put refuses what retention would remove at once, so nothing churns.
 */
static void test_retention_rules(void)
{
    static const struct {
        const char *name;
        int64_t max_age;
        int max_items;
        int want_new;   /* stored by the first cycle */
        int want_after; /* left after a second cycle 10 days later, with the feed unchanged */
    } cases[] = {
        {.name = "count only", .max_age = 0, .max_items = 5, .want_new = 5, .want_after = 5},
        {.name = "age only",
         .max_age = 48 * HOUR,
         .max_items = 0,
         .want_new = 10,
         .want_after = 10},
        {.name = "both, count smaller",
         .max_age = 48 * HOUR,
         .max_items = 5,
         .want_new = 5,
         .want_after = 5},
        {.name = "both, count larger",
         .max_age = 48 * HOUR,
         .max_items = 15,
         .want_new = 10,
         .want_after = 10},
        {.name = "none", .max_age = 0, .max_items = 0, .want_new = 20, .want_after = 20},
    };
    _Static_assert(STORE_KEEP_NEWEST == 10, "the cases count with 10");
    const char *feed = "https://a.example/feed";
    for (size_t c = 0; c < ARRAY_LEN(cases); c++) {
        check_case("cases[%zu] %s", c, cases[c].name);
        char *p = path_in("rules.db");
        struct store *s = open_ok(p, NULL);
        struct store_retention ret = {.max_age = cases[c].max_age, .max_items = cases[c].max_items};
        char ids[20][16], titles[20][64];
        struct feed_item items[20];
        for (int i = 0; i < 20; i++) {
            snprintf(ids[i], sizeof ids[i], "r%d", i);
            snprintf(titles[i], sizeof titles[i], "Retention test story %d", i);
            items[i] = test_item(ids[i], titles[i], NULL, T0 - i * 6 * HOUR, NULL);
        }
        for (int round = 0; round < 2; round++) {
            int64_t now = T0 + round * 240 * HOUR;
            CHECK(store_begin_cycle(s, &ret, now, NULL));
            int n_new = 0, n_other = 0;
            for (int i = 0; i < 20; i++) {
                enum store_put_result r = store_put_item(s, feed, &items[i], (size_t)i, NULL, NULL);
                n_new += r == STORE_PUT_NEW;
                n_other += r != STORE_PUT_NEW && r != STORE_PUT_EXPIRED && r != STORE_PUT_UNCHANGED;
            }
            /* the feed (still online: it answered) */
            struct store_feed_state fs = {.url = (char *)feed,
                                          .last_success = now,
                                          .last_attempt = now,
                                          .last_status = STORE_FETCH_OK};
            CHECK(store_feed_put(s, &fs, NULL));
            CHECK(store_commit_cycle(s, NULL));
            CHECK_MSG(n_other == 0, "case %s, round %d: %d puts neither new nor refused",
                      cases[c].name, round, n_other);
            if (round == 0)
                CHECK_MSG(n_new == cases[c].want_new, "case %s: %d new, want %d", cases[c].name,
                          n_new, cases[c].want_new);
            else
                CHECK_MSG(n_new == 0, "case %s: %d new in round 2 (churn)", cases[c].name, n_new);
            int want = round ? cases[c].want_after : cases[c].want_new;
            CHECK_MSG(count_items(s) == want, "case %s, round %d: %lld items, want %d",
                      cases[c].name, round, (long long)count_items(s), want);
            /* always the newest ones */
            char *got = feed_ids(s, feed);
            struct buf w = {0};
            for (int i = 0; i < want; i++)
                buf_printf(&w, "%sr%d", i ? " " : "", i);
            CHECK_MSG(!strcmp(got, w.data ? w.data : ""), "case %s, round %d: kept %s",
                      cases[c].name, round, got);
            free(got);
            buf_free(&w);
        }
        store_close(s);
        unlink(p);
        char *wal = xasprintf("%s-wal", p), *shm = xasprintf("%s-shm", p);
        unlink(wal);
        unlink(shm);
        free(wal);
        free(shm);
        free(p);
    }
    check_case_end();
}

static void test_retention(void)
{
    char *p = path_in("retention.db");
    struct store *s = open_ok(p, NULL);
    struct store_retention ret = {.max_age = 48 * HOUR, .max_items = 12};
    const char *feed = "https://a.example/feed";
    /* twelve fresh items, one an hour */
    put_fillers(s, feed, 12, T0, T0);
    CHECK_INT(count_items(s), 12);

    /* a feed out of date order: an old item at the top is refused (twelve newer items are
     * stored), a fresh one is taken and the oldest goes by count */
    CHECK(store_begin_cycle(s, &ret, T0, NULL));
    struct feed_item old = test_item("old", "An old story put first", NULL, T0 - 60 * HOUR, NULL);
    CHECK_INT(store_put_item(s, feed, &old, 0, NULL, NULL), STORE_PUT_EXPIRED);
    struct feed_item fresh = test_item("fresh", "A fresh story comes in", NULL, T0 + 60, NULL);
    CHECK_INT(store_put_item(s, feed, &fresh, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(count_items(s), 12);
    CHECK(store_has_item(s, feed, "fresh", NULL, NULL) == STORE_FOUND);
    CHECK(store_has_item(s, feed, "filler-1764000000-11", NULL, NULL) == STORE_NOT_FOUND);

    /* offline for three days: the last success anchors the age, nothing expires and the
     * snapshot still shows all the news */
    struct store_feed_state fs = {0};
    store_feed_get(s, feed, &fs, NULL);
    fs.last_success = T0;
    fs.last_attempt = T0 + 72 * HOUR;
    fs.last_status = STORE_FETCH_ERROR;
    CHECK(store_feed_put(s, &fs, NULL));
    CHECK(store_begin_cycle(s, &ret, T0 + 72 * HOUR, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(count_items(s), 12);
    struct story_snapshot *sn = store_load_snapshot(
        s, &(struct store_snapshot_options){.now = T0 + 72 * HOUR, .max_age = 48 * HOUR}, NULL);
    CHECK_INT(sn->n_stories, 12);
    CHECK(sn->offline);
    CHECK_INT(sn->last_success, T0);
    story_snapshot_free(sn);
    /* back online, nothing new: the old news stays (the newest STORE_KEEP_NEWEST of it), with
     * its age, instead of the screen running dry */
    fs.last_success = T0 + 72 * HOUR;
    fs.last_status = STORE_FETCH_NOT_MODIFIED;
    fs.last_http_code = 304;
    CHECK(store_feed_put(s, &fs, NULL));
    store_feed_state_clear(&fs);
    CHECK(store_begin_cycle(s, &ret, T0 + 72 * HOUR, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(count_items(s), STORE_KEEP_NEWEST);
    sn = store_load_snapshot(
        s, &(struct store_snapshot_options){.now = T0 + 72 * HOUR, .max_age = 48 * HOUR}, NULL);
    CHECK_INT(sn->n_stories, STORE_KEEP_NEWEST);
    if (sn->n_stories > 0) {
        CHECK_STR(sn->stories[0].title, "A fresh story comes in");
        CHECK_INT(sn->stories[0].published, T0 + 60);
    }
    story_snapshot_free(sn);
    store_close(s);
    free(p);

    /* a dateless item replaced by newer news does not come back as new */
    p = path_in("tombstones.db");
    s = open_ok(p, NULL);
    struct feed_item dl =
        test_item("dateless-1", "A story without any date", NULL, FEED_TIME_NONE, NULL);
    struct feed_item dl2 =
        test_item("dateless-2", "Another story, also undated", NULL, FEED_TIME_NONE, NULL);
    CHECK(store_begin_cycle(s, &ret, T0, NULL));
    CHECK(store_item_is_new(s, feed, &dl, 0, NULL));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK(!store_item_is_new(s, feed, &dl, 0, NULL)); /* known now */
    CHECK(store_commit_cycle(s, NULL));
    struct store_feed_state ok_state = {.url = (char *)feed,
                                        .last_success = T0 + 49 * HOUR,
                                        .last_attempt = T0 + 49 * HOUR,
                                        .last_status = STORE_FETCH_OK,
                                        .last_http_code = 200};
    CHECK(store_feed_put(s, &ok_state, NULL));
    /* alone it stays, however old (first seen 49 h ago) ... */
    CHECK(store_begin_cycle(s, &ret, T0 + 49 * HOUR, NULL));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL, NULL), STORE_PUT_UNCHANGED);
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(count_items(s), 1);
    /* ... until ten newer items replace it */
    put_fillers(s, feed, STORE_KEEP_NEWEST, T0 + 49 * HOUR, T0 + 49 * HOUR);
    CHECK(store_begin_cycle(s, &ret, T0 + 49 * HOUR, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK_INT(count_items(s), STORE_KEEP_NEWEST);
    CHECK(store_begin_cycle(s, &ret, T0 + 50 * HOUR, NULL));
    CHECK(!store_item_is_new(s, feed, &dl, 0, NULL));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL, NULL), STORE_PUT_EXPIRED);
    CHECK(store_item_is_new(s, feed, &dl2, 1, NULL));
    CHECK_INT(store_put_item(s, feed, &dl2, 1, NULL, NULL), STORE_PUT_NEW);
    /* refused by position or as a duplicate: not new either */
    struct feed_item far = test_item("far", "Far down the feed", NULL, T0 + 50 * HOUR, NULL);
    CHECK(!store_item_is_new(s, feed, &far, 12, NULL));
    struct feed_item again =
        test_item("again", "ANOTHER STORY also undated!", NULL, FEED_TIME_NONE, NULL);
    CHECK(!store_item_is_new(s, feed, &again, 2, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK(!store_item_is_new(s, feed, &dl2, 1, NULL)); /* outside a cycle: false */
    /* a month later the tombstone is gone (and the item would be new again) */
    ok_state.last_success = T0 + 33 * 24 * HOUR;
    CHECK(store_feed_put(s, &ok_state, NULL));
    CHECK(store_begin_cycle(s, &ret, T0 + 33 * 24 * HOUR, NULL));
    CHECK(store_commit_cycle(s, NULL));
    CHECK(store_begin_cycle(s, &ret, T0 + 33 * 24 * HOUR, NULL));
    CHECK(store_item_is_new(s, feed, &dl, 0, NULL));
    store_rollback_cycle(s);
    store_close(s);
    free(p);

    /* bounded: 40 cycles of 200 new items with ~1 KB each, keeping 100 */
    p = path_in("bounded.db");
    s = open_ok(p, NULL);
    struct store_retention keep = {.max_age = 48 * HOUR, .max_items = 100};
    char summary[1100];
    memset(summary, 'x', sizeof summary - 1);
    summary[sizeof summary - 1] = '\0';
    for (size_t k = 100; k < sizeof summary - 1; k += 7)
        summary[k] = ' ';
    int64_t size_after_first = 0, size_max = 0;
    for (int cycle = 0; cycle < 40; cycle++) {
        int64_t now = T0 + cycle * 600;
        CHECK(store_begin_cycle(s, &keep, now, NULL));
        for (int i = 0; i < 200; i++) {
            char id[32], title[80];
            snprintf(id, sizeof id, "c%d-%d", cycle, i);
            snprintf(title, sizeof title, "Cycle %d story %d about something", cycle, i);
            struct feed_item it = test_item(id, title, NULL, now - i, summary);
            store_put_item(s, feed, &it, (size_t)(i % 100), NULL, NULL);
        }
        CHECK(store_commit_cycle(s, NULL));
        struct store_stats st;
        CHECK(store_stats(s, &st, NULL));
        int64_t size = st.page_count * 8192;
        if (cycle == 0)
            size_after_first = size;
        if (size > size_max)
            size_max = size;
        /* free pages go back to the file system once they add up (auto_vacuum=INCREMENTAL) */
        CHECK_MSG(st.freelist_count <= 16 || st.freelist_count * 8 <= st.page_count,
                  "cycle %d: %lld of %lld pages free", cycle, (long long)st.freelist_count,
                  (long long)st.page_count);
        store_stats_free(&st);
    }
    CHECK_INT(count_items(s), 100);
    /* 8,000 items went through; the file holds ~100 and stays near its first size */
    CHECK_MSG(size_max <= 2 * size_after_first + 32 * 8192, "max %lld after first %lld",
              (long long)size_max, (long long)size_after_first);
    store_close(s);
    struct stat stt;
    CHECK(stat(p, &stt) == 0);
    CHECK_MSG(stt.st_size <= 2 * size_after_first + 32 * 8192, "file %lld", (long long)stt.st_size);
    free(p);
}

/* Items of `feed` in a snapshot. */
static size_t stories_of(const struct story_snapshot *sn, const char *source)
{
    size_t n = 0;
    for (size_t i = 0; i < sn->n_stories; i++)
        n += !strcmp(sn->stories[i].source, source);
    return n;
}

/*
 * Old news never runs dry (issue 8), over simulated days: a quiet feed that published twelve
 * items on day 0 and nothing since, a busy feed with twenty items a day, and a feed whose
 * items are already five days old when it is first fetched (the bundled demo feeds). Every day
 * both are polled successfully. The quiet feed keeps its newest STORE_KEEP_NEWEST items, in
 * the cache and in the snapshot, with their own (growing) ages; the busy feed keeps two days;
 * the old feed's items are taken and shown. When the quiet feed publishes again, its new items
 * replace its oldest.
 */
static void test_never_runs_dry(void)
{
    char *p = path_in("dry.db");
    struct store *s = open_ok(p, NULL);
    const char *quiet = "https://quiet.example/rss", *busy = "https://busy.example/rss",
               *old = "https://old.example/rss";
    struct store_retention ret = {.max_age = 48 * HOUR, .max_items = 50};
    CHECK(store_feed_ensure(s, quiet, "Quiet", NULL));
    CHECK(store_feed_ensure(s, busy, "Busy", NULL));
    CHECK(store_feed_ensure(s, old, "Old", NULL));
    for (int day = 0; day <= 22; day++) {
        check_case("day %d", day);
        int64_t now = T0 + (int64_t)day * 24 * HOUR;
        struct error err = {0};
        CHECK_MSG(store_begin_cycle(s, &ret, now, &err), "day %d: %s", day, err.msg);
        /* the quiet feed: twelve items on day 0, three more on day 21, else unchanged */
        int n_quiet = day == 0 ? 12 : day == 21 ? 3 : 0;
        for (int i = 0; i < n_quiet; i++) {
            char id[32], title[80];
            snprintf(id, sizeof id, "q%d-%d", day, i);
            snprintf(title, sizeof title, "Quiet feed story %d of day %d", i, day);
            struct feed_item it = test_item(id, title, NULL, now - i * HOUR, NULL);
            CHECK_MSG(store_put_item(s, quiet, &it, (size_t)i, NULL, &err) == STORE_PUT_NEW,
                      "day %d, quiet %d: %s", day, i, err.msg);
        }
        for (int i = 0; i < 20; i++) {
            char id[32], title[80];
            snprintf(id, sizeof id, "b%d-%d", day, i);
            snprintf(title, sizeof title, "Busy feed story %d of day %d", i, day);
            struct feed_item it = test_item(id, title, NULL, now - 30 * 60 - i * 72 * 60, NULL);
            CHECK_MSG(store_put_item(s, busy, &it, (size_t)i, NULL, &err) == STORE_PUT_NEW,
                      "day %d, busy %d: %s", day, i, err.msg);
        }
        /* first fetched on day 5, with items from day 0 */
        for (int i = 0; day == 5 && i < 8; i++) {
            char id[32], title[80];
            snprintf(id, sizeof id, "o%d", i);
            snprintf(title, sizeof title, "Old feed story number %d", i);
            struct feed_item it = test_item(id, title, NULL, T0 - i * HOUR, NULL);
            CHECK_MSG(store_put_item(s, old, &it, (size_t)i, NULL, &err) == STORE_PUT_NEW,
                      "day %d, old %d: %s", day, i, err.msg);
        }
        const char *urls[] = {quiet, busy, old}, *names[] = {"Quiet", "Busy", "Old"};
        for (size_t k = 0; k < ARRAY_LEN(urls); k++) {
            struct store_feed_state fs = {.url = (char *)urls[k],
                                          .name = (char *)names[k],
                                          .last_success = now,
                                          .last_attempt = now,
                                          .last_status = STORE_FETCH_OK,
                                          .last_http_code = 200};
            CHECK(store_feed_put(s, &fs, &err));
        }
        CHECK_MSG(store_commit_cycle(s, &err), "day %d: %s", day, err.msg);

        /* what stays */
        char *q = feed_ids(s, quiet);
        const char *want_q = day < 2
                                 ? "q0-0 q0-1 q0-2 q0-3 q0-4 q0-5 q0-6 q0-7 q0-8 q0-9 q0-10 q0-11"
                             : day < 21 ? "q0-0 q0-1 q0-2 q0-3 q0-4 q0-5 q0-6 q0-7 q0-8 q0-9"
                                        : "q21-0 q21-1 q21-2 q0-0 q0-1 q0-2 q0-3 q0-4 q0-5 q0-6";
        CHECK_MSG(!strcmp(q, want_q), "day %d: the quiet feed keeps %s", day, q);
        free(q);
        struct store_item_list l;
        CHECK(store_list(s, busy, 0, &l, NULL));
        size_t want_b = day == 0 ? 20 : 40;
        CHECK_MSG(l.n == want_b, "day %d: the busy feed keeps %zu, want %zu", day, l.n, want_b);
        store_item_list_free(&l);
        CHECK(store_list(s, old, 0, &l, NULL));
        size_t want_o = day < 5 ? 0 : 8;
        CHECK_MSG(l.n == want_o, "day %d: the old feed keeps %zu, want %zu", day, l.n, want_o);
        store_item_list_free(&l);

        /* what the display shows: the same, with the quiet feed's own dates */
        struct story_snapshot *sn = store_load_snapshot(
            s, &(struct store_snapshot_options){.now = now, .max_age = 48 * HOUR}, &err);
        CHECK_MSG(sn != NULL, "day %d: %s", day, err.msg);
        if (!sn)
            continue;
        size_t want_quiet = day < 2 ? 12 : 10;
        CHECK_MSG(stories_of(sn, "Quiet") == want_quiet, "day %d: %zu quiet stories shown", day,
                  stories_of(sn, "Quiet"));
        CHECK_MSG(stories_of(sn, "Busy") == want_b, "day %d: %zu busy stories shown", day,
                  stories_of(sn, "Busy"));
        CHECK_MSG(stories_of(sn, "Old") == want_o, "day %d: %zu old stories shown", day,
                  stories_of(sn, "Old"));
        /* the oldest story shown: the busy feed's first day while it is young, then the quiet
         * feed's (from day 21 the old feed's), each at its own time */
        int64_t oldest = sn->n_stories ? sn->stories[sn->n_stories - 1].published : 0;
        int64_t want_oldest = day < 2    ? T0 - 30 * 60 - 19 * 72 * 60
                              : day < 21 ? T0 - 9 * HOUR
                                         : T0 - 7 * HOUR;
        CHECK_MSG(oldest == want_oldest, "day %d: oldest story at %lld, want %lld", day,
                  (long long)oldest, (long long)want_oldest);
        story_snapshot_free(sn);
    }
    check_case_end();
    store_close(s);
    free(p);
}

static int user_version_of(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int64_t app_id_of(sqlite3 *db)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* A file as the release with schema `version` wrote it: the real steps up to there, no
 * application_id (no release before schema 4 wrote one). */
static sqlite3 *old_release_file(const char *p, int version)
{
    sqlite3 *db;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    struct store_migrations m = {store_schema_migrations.sql, version};
    struct error err = {0};
    int from = -1;
    CHECK_INT(store_schema_migrate(db, &m, &from, &err), STORE_MIGRATE_OK);
    CHECK_INT(from, 0);
    CHECK(sqlite3_exec(db, "PRAGMA application_id=0; PRAGMA journal_mode=WAL;", NULL, NULL, NULL) ==
          SQLITE_OK);
    CHECK_INT(user_version_of(db), version);
    return db;
}

static void test_migrations(void)
{
    /* A version 1 file (the first schema, as the first release wrote it) with a story in it */
    char *p = path_in("v1.db");
    sqlite3 *db = old_release_file(p, 1);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO feeds (id, url, name) VALUES (1, 'https://a.example/feed', "
                       "'Alpha');"
                       "INSERT INTO items (feed_id, item_id, key, title, first_seen, sort_time) "
                       "VALUES (1, 'm1', '0123456789abcdef', 'Kept across the migration', "
                       "1764000000, 1764000000);",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    /* ... opened by this program: migrated to the current version, marked ours, nothing lost
     * or moved */
    struct store_open_info info;
    struct store *s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, 1);
    struct store_item_list l;
    CHECK(store_list(s, NULL, 0, &l, NULL));
    CHECK_INT(l.n, 1);
    if (l.n == 1) {
        CHECK_STR(l.v[0].title, "Kept across the migration");
        CHECK_STR(l.v[0].feed_name, "Alpha");
    }
    store_item_list_free(&l);
    store_close(s);
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK_INT(user_version_of(db), STORE_SCHEMA_VERSION);
    CHECK_INT(app_id_of(db), STORE_APPLICATION_ID);
    CHECK(sqlite3_exec(db, "SELECT count(*) FROM expired", NULL, NULL, NULL) == SQLITE_OK);

    /* the machinery with a made-up next version: data kept, version raised */
    _Static_assert(STORE_SCHEMA_VERSION == 5, "the made-up steps below follow version 5");
    static const char *const steps[] = {
        "SELECT 1", "SELECT 1", "SELECT 1", "SELECT 1",
        "SELECT 1", /* never run on this file */
        "ALTER TABLE items ADD COLUMN score REAL; UPDATE items SET score = 1.5;",
    };
    struct store_migrations m5 = {steps, 6};
    struct error err = {0};
    int from = -1;
    CHECK_INT(store_schema_migrate(db, &m5, &from, &err), STORE_MIGRATE_OK);
    CHECK_INT(from, 5);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db, "SELECT title, score FROM items", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "Kept across the migration");
    CHECK(sqlite3_column_double(st, 1) == 1.5);
    sqlite3_finalize(st);
    CHECK_INT(user_version_of(db), 6);
    /* a failing step leaves the file as it was (one transaction) */
    static const char *const bad_steps[] = {"SELECT 1", "SELECT 1", "SELECT 1",
                                            "SELECT 1", "SELECT 1", "SELECT 1",
                                            "CREATE TABLE t (a); THIS IS NOT SQL"};
    struct store_migrations m6 = {bad_steps, 7};
    CHECK_INT(store_schema_migrate(db, &m6, &from, &err), STORE_MIGRATE_FAILED);
    CHECK_MSG(strstr(err.msg, "from version 6") != NULL, "%s", err.msg);
    CHECK_INT(user_version_of(db), 6);
    CHECK(sqlite3_prepare_v2(db, "SELECT * FROM t", -1, &st, NULL) != SQLITE_OK);
    sqlite3_finalize(st);
    /* the real list on a version 6 file: newer than this program, and left alone */
    CHECK_INT(store_schema_migrate(db, &store_schema_migrations, &from, &err), STORE_MIGRATE_NEWER);
    CHECK_INT(user_version_of(db), 6);
    sqlite3_close(db);
    free(p);

    /* A version 2 file (as the second release wrote it): a feed, an Atom entry with only an
     * updated date (stored by version 2 at its first_seen) and a dated one */
    p = path_in("v2.db");
    db = old_release_file(p, 2);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO feeds (id, url, name, etag, next_poll) VALUES"
                       " (1, 'https://b.example/atom', 'Beta', '\"v7\"', 1764003600);"
                       "INSERT INTO items (feed_id, item_id, key, title, published, updated,"
                       " first_seen, sort_time) VALUES"
                       " (1, 'u1', '00000000000000a1', 'Only updated', NULL, 1763990000,"
                       " 1764000000, 1764000000),"
                       " (1, 'p1', '00000000000000a2', 'Published', 1763995000, 1763999000,"
                       " 1764000000, 1763995000);",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, 2);
    struct store_feed_state fs = {0};
    CHECK_INT(store_feed_get(s, "https://b.example/atom", &fs, NULL), STORE_FOUND);
    CHECK_STR(fs.etag, "\"v7\"");
    CHECK_INT(fs.next_poll, 1764003600);
    CHECK_INT(fs.ttl, 0);
    fs.ttl = 3600; /* the new column is written and read back */
    CHECK(store_feed_put(s, &fs, NULL));
    store_feed_state_clear(&fs);
    CHECK_INT(store_feed_get(s, "https://b.example/atom", &fs, NULL), STORE_FOUND);
    CHECK_INT(fs.ttl, 3600);
    store_feed_state_clear(&fs);
    /* the updated-only entry now sorts by its updated date: behind the published one */
    CHECK(store_list(s, NULL, 0, &l, NULL));
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].title, "Published");
        CHECK_STR(l.v[1].title, "Only updated");
    }
    store_item_list_free(&l);
    store_close(s);
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK_INT(user_version_of(db), STORE_SCHEMA_VERSION);
    CHECK(sqlite3_prepare_v2(db, "SELECT sort_time FROM items WHERE item_id = 'u1'", -1, &st,
                             NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 1763990000);
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(p);

    /* A version 3 file (the release before this one): its items get no hash and nothing is
     * stale; the first put of an unchanged item learns the hash and says UNCHANGED, a put
     * with a corrected text says CHANGED */
    p = path_in("v3.db");
    db = old_release_file(p, 3);
    CHECK(sqlite3_exec(db,
                       "INSERT INTO feeds (id, url, name) VALUES (1, 'https://c.example/rss',"
                       " 'Gamma');"
                       "INSERT INTO items (feed_id, item_id, key, title, content, summary,"
                       " published, first_seen, sort_time) VALUES"
                       " (1, 'k1', '00000000000000c1', 'Kept as it was', 'Body one.',"
                       " 'A summary.', 1763990000, 1764000000, 1763990000),"
                       " (1, 'k2', '00000000000000c2', 'About to be corrected', 'Body two.',"
                       " 'Old summary.', 1763990100, 1764000000, 1763990100);",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = open_ok(p, &info);
    CHECK_INT(info.migrated_from, 3);
    struct feed_item k1 = test_item("k1", "Kept as it was", NULL, 1763990000, NULL);
    k1.content = "Body one.";
    struct feed_item k2 = test_item("k2", "Corrected headline", NULL, 1763990100, NULL);
    k2.content = "Body two.";
    CHECK_INT(put1(s, "https://c.example/rss", k1, T0), STORE_PUT_UNCHANGED);
    CHECK_INT(put1(s, "https://c.example/rss", k1, T0), STORE_PUT_UNCHANGED);
    CHECK_INT(put1(s, "https://c.example/rss", k2, T0), STORE_PUT_CHANGED);
    bool has_sum = true;
    CHECK_INT(store_has_item(s, "https://c.example/rss", "k1", &has_sum, NULL), STORE_FOUND);
    CHECK(has_sum); /* its summary stands */
    CHECK_INT(store_has_item(s, "https://c.example/rss", "k2", &has_sum, NULL), STORE_FOUND);
    CHECK(!has_sum); /* made for the old text */
    store_close(s);
    free(p);

    /* version 0: an empty database gets the whole schema, incremental auto-vacuum and our mark */
    p = path_in("v0.db");
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK_INT(store_schema_migrate(db, &store_schema_migrations, &from, &err), STORE_MIGRATE_OK);
    CHECK_INT(from, 0);
    CHECK_INT(app_id_of(db), STORE_APPLICATION_ID);
    CHECK(sqlite3_prepare_v2(db, "PRAGMA auto_vacuum", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 2);
    sqlite3_finalize(st);
    sqlite3_close(db);
    s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, STORE_SCHEMA_VERSION);
    store_close(s);
    free(p);
}

static void test_export(void)
{
    char *p = path_in("export.db");
    struct store *s = open_ok(p, NULL);
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha", NULL));
    CHECK(store_begin_cycle(s, NULL, T0, NULL));
    struct feed_item a = test_item("x1", "Rail strike ends", "https://a.example/rail", T0 - 600,
                                   "Trains run again from Monday.");
    a.author = "Desk";
    a.language = "en";
    a.image = "https://a.example/rail.jpg";
    a.updated = T0 - 300;
    struct feed_item b = test_item("x2", "Zölle: „Neue Runde“", NULL, FEED_TIME_NONE, NULL);
    struct feed_item c = test_item("x3", "Royal wedding planned", NULL, T0 - 900, NULL);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a, 0, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &b, 1, NULL, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &c, 2, NULL, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s, NULL));
    char *out = path_in("export.json");
    FILE *f = fopen(out, "w");
    static const char *const filters[] = {"royal"};
    CHECK(store_export_jsonfeed(s, f, "Lobby", filters, 1, NULL));
    fclose(f);
    store_close(s);

    f = fopen(out, "rb");
    char text[16384];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    cJSON *j = cJSON_Parse(text);
    CHECK(j != NULL);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "version")),
              "https://jsonfeed.org/version/1.1");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(j, "title")), "Lobby");
    cJSON *items = cJSON_GetObjectItem(j, "items");
    CHECK_INT(cJSON_GetArraySize(items), 2);
    cJSON *i0 = cJSON_GetArrayItem(items, 0), *i1 = cJSON_GetArrayItem(items, 1);
    /* b has no date: first seen (now) makes it the newest */
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i0, "title")), "Zölle: „Neue Runde“");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i0, "content_text")), "Zölle: „Neue Runde“");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i0, "date_published")),
              "2025-11-24T16:00:00Z");
    CHECK(cJSON_GetStringValue(cJSON_GetObjectItem(i0, "id")) != NULL);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "url")), "https://a.example/rail");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "summary")),
              "Trains run again from Monday.");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "content_text")),
              "Trains run again from Monday.");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "date_published")),
              "2025-11-24T15:50:00Z");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "date_modified")),
              "2025-11-24T15:55:00Z");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "image")), "https://a.example/rail.jpg");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(i1, "language")), "en");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(
                  cJSON_GetArrayItem(cJSON_GetObjectItem(i1, "authors"), 0), "name")),
              "Desk");
    CHECK_STR(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(i1, "_ticker"), "source")),
        "Alpha");
    cJSON_Delete(j);

    /* and our own feed parser reads it like any other feed */
    struct error ferr = {0};
    struct feed *fd =
        feed_parse(text, n, &(struct feed_options){.url = "file:///tmp/export.json"}, &ferr);
    CHECK_MSG(fd != NULL, "feed_parse: line %d: %s", ferr.line, ferr.msg);
    if (fd) {
        CHECK_INT(fd->format, FEED_FORMAT_JSONFEED);
        CHECK(fd->wellformed);
        CHECK_STR(fd->title, "Lobby");
        CHECK_INT(fd->n_items, 2);
        if (fd->n_items == 2) {
            CHECK_STR(fd->items[1].title, "Rail strike ends");
            CHECK_STR(fd->items[1].link, "https://a.example/rail");
            CHECK_STR(fd->items[1].summary, "Trains run again from Monday.");
            CHECK_INT(fd->items[1].published, T0 - 600);
            CHECK_INT(fd->items[0].published, T0);
            CHECK_STR(fd->items[1].author, "Desk");
        }
        feed_free(fd);
    }
    free(out);
    free(p);
}

/*
 * Corrections (issue 9 item 7): a publisher changes an item's text under the same id. The
 * steps run in order on one item; each says what the put reports, whether the item then has
 * a (fresh) summary for the fetcher, and which summary is stored.
 */
static void test_corrections(void)
{
    char *p = path_in("corrections.db");
    struct store *s = open_ok(p, NULL);
    const char *feed = "https://a.example/feed";
    static const struct {
        const char *what;
        const char *title, *summary, *content, *image; /* the item as the feed gives it */
        const char *give;                              /* the summary passed to the put */
        bool via_put_summary; /* `give` goes through store_put_summary instead */
        enum store_put_result want;
        bool want_fresh;         /* store_has_item's has_summary */
        const char *want_stored; /* the stored summary */
    } steps[] = {
        {.what = "new, summarised",
         .title = "Council approves the harbour plan",
         .summary = "The council voted 7 to 2.",
         .content = "The council voted 7 to 2 on Monday.",
         .give = "Approved, 7 to 2.",
         .want = STORE_PUT_NEW,
         .want_fresh = true,
         .want_stored = "Approved, 7 to 2."},
        {.what = "the same again, no summary",
         .title = "Council approves the harbour plan",
         .summary = "The council voted 7 to 2.",
         .content = "The council voted 7 to 2 on Monday.",
         .want = STORE_PUT_UNCHANGED,
         .want_fresh = true,
         .want_stored = "Approved, 7 to 2."},
        {.what = "a corrected content",
         .title = "Council approves the harbour plan",
         .summary = "The council voted 6 to 3.",
         .content = "The council voted 6 to 3 on Monday.",
         .want = STORE_PUT_CHANGED,
         .want_fresh = false,
         .want_stored = "The council voted 6 to 3."},
        {.what = "the corrected item again: still waiting for its summary",
         .title = "Council approves the harbour plan",
         .summary = "The council voted 6 to 3.",
         .content = "The council voted 6 to 3 on Monday.",
         .want = STORE_PUT_UNCHANGED,
         .want_fresh = false,
         .want_stored = "The council voted 6 to 3."},
        {.what = "its new summary, made later",
         .give = "Approved, 6 to 3.",
         .via_put_summary = true,
         .want_fresh = true,
         .want_stored = "Approved, 6 to 3."},
        {.what = "only a new image",
         .title = "Council approves the harbour plan",
         .summary = "The council voted 6 to 3.",
         .content = "The council voted 6 to 3 on Monday.",
         .image = "https://a.example/council.jpg",
         .want = STORE_PUT_UPDATED,
         .want_fresh = true,
         .want_stored = "Approved, 6 to 3."},
        {.what = "a corrected headline with its new summary",
         .title = "Council approves the harbour plan, with changes",
         .summary = "The council voted 6 to 3.",
         .content = "The council voted 6 to 3 on Monday.",
         .image = "https://a.example/council.jpg",
         .give = "Approved with changes, 6 to 3.",
         .want = STORE_PUT_CHANGED,
         .want_fresh = true,
         .want_stored = "Approved with changes, 6 to 3."},
        {.what = "a corrected summary without content",
         .title = "Council approves the harbour plan, with changes",
         .summary = "The council voted 5 to 4.",
         .image = "https://a.example/council.jpg",
         .want = STORE_PUT_CHANGED,
         .want_fresh = false,
         .want_stored = "The council voted 5 to 4."},
    };
    for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
        check_case("steps[%zu] %s", i, steps[i].what);
        struct error err = {0};
        if (steps[i].via_put_summary) {
            CHECK_INT(store_put_summary(s, feed, "c1", steps[i].give, &err), STORE_FOUND);
        } else {
            struct feed_item it =
                test_item("c1", steps[i].title, "https://a.example/c1", T0 - HOUR, NULL);
            it.summary = (char *)steps[i].summary;
            it.content = (char *)steps[i].content;
            it.image = (char *)steps[i].image;
            CHECK(store_begin_cycle(s, NULL, T0 + (int64_t)i * 60, &err));
            CHECK_INT(store_put_item(s, feed, &it, 0, steps[i].give, &err), steps[i].want);
            CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
        }
        bool fresh = !steps[i].want_fresh;
        CHECK_INT(store_has_item(s, feed, "c1", &fresh, NULL), STORE_FOUND);
        CHECK_INT(fresh, steps[i].want_fresh);
        struct store_item_list l;
        CHECK(store_list(s, NULL, 0, &l, NULL));
        CHECK_INT(l.n, 1);
        if (l.n == 1)
            CHECK_STR(l.v[0].summary, steps[i].want_stored);
        store_item_list_free(&l);
    }
    check_case_end();
    /* the stale mark is in the file, not in the connection */
    store_close(s);
    s = open_ok(p, NULL);
    bool fresh = true;
    CHECK_INT(store_has_item(s, feed, "c1", &fresh, NULL), STORE_FOUND);
    CHECK(!fresh);
    CHECK_INT(store_put_summary(s, feed, "no-such-item", "x", NULL), STORE_NOT_FOUND);
    CHECK_STR(store_put_result_str(STORE_PUT_CHANGED), "changed");
    store_close(s);
    free(p);
}

/*
 * Extreme dates in a cache's rows (issue 9 item 10: year 292 billion, INT64_MIN and MAX, as a
 * damaged or hand-edited file may hold) come out clamped to 0 .. 9999-12-31 wherever they are
 * read (snapshot, list, stats, feed state) and go through retention without overflowing;
 * extreme dates in a feed are clamped when stored.
 */
static void test_extreme_dates(void)
{
    char *p = path_in("dates.db");
    struct store *s = open_ok(p, NULL);
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha", NULL));
    store_close(s);
    static const struct {
        const char *sql_time; /* published, updated, first_seen, sort_time of the row */
        int64_t want;         /* the time the story shows */
    } rows[] = {
        {"9223372036854775807", STORE_TIME_MAX},  {"-9223372036854775808", STORE_TIME_MIN},
        {"9214646400000000000", STORE_TIME_MAX}, /* year 292 billion */
        {"-1000000000000000000", STORE_TIME_MIN}, {"1764000000", 1764000000},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        char *sql = xasprintf("INSERT INTO items (feed_id, item_id, key, title, published, "
                              "updated, first_seen, sort_time) VALUES (1, 'x%zu', 'k%zu', "
                              "'Extreme date number %zu', %s, %s, %s, %s)",
                              i, i, i, rows[i].sql_time, rows[i].sql_time, rows[i].sql_time,
                              rows[i].sql_time);
        sql_on(p, sql);
        free(sql);
    }
    sql_on(p, "UPDATE feeds SET last_success = 9223372036854775807, next_poll ="
              " -9223372036854775808, last_attempt = 9214646400000000000");
    s = open_ok(p, NULL);
    struct error err = {0};
    for (int with_age = 0; with_age < 2; with_age++) {
        struct story_snapshot *sn = store_load_snapshot(
            s, &(struct store_snapshot_options){.now = T0, .max_age = with_age ? 48 * HOUR : 0},
            &err);
        CHECK_MSG(sn != NULL, "%s", err.msg);
        if (!sn)
            continue;
        CHECK_INT(sn->n_stories, ARRAY_LEN(rows));
        for (size_t k = 0; k < sn->n_stories; k++) {
            size_t i = (size_t)(sn->stories[k].title[strlen(sn->stories[k].title) - 1] - '0');
            check_case("rows[%zu] %s, age limit %d", i, rows[i].sql_time, with_age);
            CHECK_INT(sn->stories[k].published, rows[i].want);
        }
        check_case_end();
        CHECK_INT(sn->last_success, STORE_TIME_MAX);
        story_snapshot_free(sn);
    }
    struct store_item_list l;
    CHECK(store_list(s, NULL, 0, &l, NULL));
    CHECK_INT(l.n, ARRAY_LEN(rows));
    for (size_t k = 0; k < l.n; k++) {
        size_t i = (size_t)(l.v[k].item_id[1] - '0');
        check_case("rows[%zu] %s in the list", i, rows[i].sql_time);
        CHECK_INT(l.v[k].published, rows[i].want);
        CHECK_INT(l.v[k].updated, rows[i].want);
        CHECK_INT(l.v[k].first_seen, rows[i].want);
    }
    check_case_end();
    store_item_list_free(&l);
    struct store_stats st;
    CHECK(store_stats(s, &st, NULL));
    CHECK(st.n_feeds == 1 && st.feeds[0].newest == STORE_TIME_MAX);
    store_stats_free(&st);
    struct store_feed_state fs = {0};
    CHECK_INT(store_feed_get(s, "https://a.example/feed", &fs, NULL), STORE_FOUND);
    CHECK_INT(fs.last_success, STORE_TIME_MAX);
    CHECK_INT(fs.next_poll, STORE_TIME_MIN);
    CHECK_INT(fs.last_attempt, STORE_TIME_MAX);
    store_feed_state_clear(&fs);
    FILE *out = fopen("/dev/null", "w");
    CHECK(store_export_jsonfeed(s, out, NULL, NULL, 0, &err));
    fclose(out);
    /* retention over them, with extreme times of its own */
    struct store_retention ret = {.max_age = 48 * HOUR, .max_items = 3};
    CHECK_MSG(store_begin_cycle(s, &ret, INT64_MAX, &err), "%s", err.msg);
    struct feed_item far =
        test_item("far", "A story from the far future", NULL, INT64_MAX - 1, NULL);
    far.updated = INT64_MIN + 1;
    CHECK_INT(store_put_item(s, "https://a.example/feed", &far, 0, NULL, &err), STORE_PUT_NEW);
    CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
    CHECK(store_list(s, NULL, 0, &l, NULL));
    bool found = false;
    for (size_t k = 0; k < l.n; k++) {
        if (strcmp(l.v[k].item_id, "far"))
            continue;
        found = true;
        CHECK_INT(l.v[k].published, STORE_TIME_MAX);
        CHECK_INT(l.v[k].updated, STORE_TIME_MIN);
    }
    CHECK(found);
    store_item_list_free(&l);
    CHECK_MSG(store_begin_cycle(s, &ret, INT64_MIN, &err), "%s", err.msg);
    CHECK_MSG(store_commit_cycle(s, &err), "%s", err.msg);
    CHECK_INT(count_items(s), 3);
    store_close(s);
    free(p);
}

/* store_feed_get and store_has_item tell "not there" from "the database failed". */
static void test_lookups(void)
{
    char *p = path_in("lookups.db");
    struct store *s = open_ok(p, NULL);
    struct store_feed_state fs = {0};
    struct error err = {0};
    CHECK_INT(store_feed_get(s, "https://unknown.example/rss", &fs, &err), STORE_NOT_FOUND);
    CHECK_STR(err.msg, "");
    CHECK_STR(fs.url, "https://unknown.example/rss");
    CHECK_INT(store_has_item(s, "https://unknown.example/rss", "x", NULL, &err), STORE_NOT_FOUND);
    CHECK_STR(err.msg, "");
    /* someone else breaks the file's tables under the open connection */
    sql_on(p, "DROP TABLE feeds");
    CHECK_INT(store_feed_get(s, "https://unknown.example/rss", &fs, &err), STORE_LOOKUP_FAILED);
    CHECK_MSG(strstr(err.msg, "no such table: feeds") != NULL, "%s", err.msg);
    CHECK_STR(fs.url, "https://unknown.example/rss"); /* the defaults all the same */
    error_clear(&err);
    CHECK_INT(store_has_item(s, "https://unknown.example/rss", "x", NULL, &err),
              STORE_LOOKUP_FAILED);
    CHECK_MSG(err.msg[0] != '\0', "no reason given");
    store_feed_state_clear(&fs);
    store_close(s);
    free(p);
}

/* A feed's last error quotes the network: it is stored printable (issue 9 item 3). */
static void test_printable_errors(void)
{
    char *p = path_in("printable.db");
    struct store *s = open_ok(p, NULL);
    struct store_feed_state st = {.url = "https://a.example/rss",
                                  .last_error = "Location: http://x.example/\x1b[31mred\a",
                                  .last_status = STORE_FETCH_ERROR};
    CHECK(store_feed_put(s, &st, NULL));
    CHECK(store_feed_put(s, &st, NULL)); /* the same again: compared as stored, no write */
    struct store_feed_state got = {0};
    CHECK_INT(store_feed_get(s, st.url, &got, NULL), STORE_FOUND);
    CHECK_STR(got.last_error, "Location: http://x.example/\\x1b[31mred\\x07");
    store_feed_state_clear(&got);
    store_close(s);
    free(p);
}

/* Import through the core parser (store_import_jsonfeed), table-driven over documents. */
static void test_import(void)
{
    static const struct {
        const char *name, *doc;
        enum store_import_result want;
        size_t want_new;
        const char *want_source, *want_url, *want_title; /* of the newest item */
        const char *want_err;
        int want_line;
    } cases[] = {
        {.name = "a Ticker export",
         .doc = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Ticker\","
                " \"items\": [{\"id\": \"0123456789abcdef\", \"title\": \"Bridge reopens\","
                " \"content_text\": \"Traffic flows.\", \"date_published\": "
                "\"2025-11-24T12:00:00Z\", \"_ticker\": {\"source\": \"World\", \"feed_url\":"
                " \"https://world.example/rss\", \"item_id\": \"w-1\"}}]}",
         .want = STORE_IMPORT_OK,
         .want_new = 1,
         .want_source = "World",
         .want_url = "https://world.example/rss",
         .want_title = "Bridge reopens"},
        {.name = "a foreign feed, with its own feed_url and a stray non-object item",
         .doc =
             "{\"version\": \"https://jsonfeed.org/version/1\", \"title\": \"Harbour Gazette\","
             " \"feed_url\": \"https://gazette.example/feed.json\", \"items\": [7, {\"id\":"
             " \"g-1\", \"title\": \"Ferry \\u001b[31mtimetable\", \"content_html\":"
             " \"<p>New <b>times</b></p>\", \"date_published\": \"2025-11-24T08:15:00+01:00\"}]}",
         .want = STORE_IMPORT_OK,
         .want_new = 1,
         .want_source = "Harbour Gazette",
         .want_url = "https://gazette.example/feed.json",
         .want_title = "Ferry [31mtimetable"},
        {.name = "a foreign feed without feed_url",
         .doc = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Notes\","
                " \"items\": [{\"id\": 5, \"content_text\": \"Just a note.\"}]}",
         .want = STORE_IMPORT_OK,
         .want_new = 1,
         .want_source = "Notes",
         .want_url = "import:notes.json"},
        {.name = "not JSON",
         .doc = "{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"items\": [",
         .want = STORE_IMPORT_BAD_INPUT,
         .want_err = "invalid JSON",
         .want_line = 2},
        {.name = "JSON, not a feed",
         .doc = "{\"title\": \"x\"}",
         .want = STORE_IMPORT_BAD_INPUT,
         .want_err = "not a JSON Feed",
         .want_line = 1},
        {.name = "an RSS feed",
         .doc = "<rss version=\"2.0\"><channel><title>R</title><item><title>A</title>"
                "</item></channel></rss>",
         .want = STORE_IMPORT_BAD_INPUT,
         .want_err = "not a JSON Feed (it is a feed of the format rss20)"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].name);
        char *p = path_in("import.db");
        struct store *s = open_ok(p, NULL);
        struct store_import_options opt = {.name = "notes.json", .now = T0};
        struct store_import_counts n;
        struct error err = {0};
        CHECK_INT(store_import_jsonfeed(s, cases[i].doc, strlen(cases[i].doc), &opt, &n, &err),
                  cases[i].want);
        if (cases[i].want == STORE_IMPORT_OK) {
            CHECK_STR(err.msg, "");
            CHECK_INT(n.n[STORE_PUT_NEW], cases[i].want_new);
            struct store_item_list l;
            CHECK(store_list(s, NULL, 0, &l, NULL));
            CHECK_INT(l.n, cases[i].want_new);
            if (l.n > 0) {
                CHECK_STR(l.v[0].feed_name, cases[i].want_source);
                CHECK_STR(l.v[0].feed_url, cases[i].want_url);
                if (cases[i].want_title)
                    CHECK_STR(l.v[0].title, cases[i].want_title);
            }
            store_item_list_free(&l);
        } else {
            CHECK_MSG(strstr(err.msg, cases[i].want_err) != NULL, "said \"%s\"", err.msg);
            CHECK_INT(err.line, cases[i].want_line);
            CHECK_INT(count_items(s), 0);
        }
        store_close(s);
        char *w = xasprintf("%s-wal", p), *sh = xasprintf("%s-shm", p);
        unlink(p);
        unlink(w);
        unlink(sh);
        free(w);
        free(sh);
        free(p);
    }
    check_case_end();
    /* the second import of the same document changes nothing; a reader cannot import */
    char *p = path_in("import2.db");
    struct store *s = open_ok(p, NULL);
    struct store_import_options opt = {.name = "x.json", .now = T0};
    struct store_import_counts n;
    struct error err = {0};
    for (int round = 0; round < 2; round++) {
        CHECK_INT(store_import_jsonfeed(s, cases[0].doc, strlen(cases[0].doc), &opt, &n, &err),
                  STORE_IMPORT_OK);
        CHECK_INT(n.n[round ? STORE_PUT_UNCHANGED : STORE_PUT_NEW], 1);
    }
    store_close(s);
    s = store_open_readonly(p, &err);
    CHECK_MSG(s != NULL, "%s", err.msg);
    if (s) {
        CHECK_INT(store_import_jsonfeed(s, cases[0].doc, strlen(cases[0].doc), &opt, &n, &err),
                  STORE_IMPORT_FAILED);
        CHECK_MSG(strstr(err.msg, "read-only") != NULL, "%s", err.msg);
        store_close(s);
    }
    free(p);
}

/* Long texts are capped at a word boundary, never inside a UTF-8 sequence. */
static void test_caps(void)
{
    char *p = path_in("caps.db");
    struct store *s = open_ok(p, NULL);
    struct buf b = {0};
    while (b.len < 3 * STORE_SUMMARY_MAX_BYTES)
        buf_append_str(&b, "Über den Fluß führt eine Brücke. ");
    struct feed_item it = test_item("long", "A very long summary here", NULL, T0, b.data);
    CHECK_INT(put1(s, "https://a.example/feed", it, T0), STORE_PUT_NEW);
    struct store_item_list l;
    CHECK(store_list(s, NULL, 0, &l, NULL));
    CHECK_INT(l.n, 1);
    if (l.n == 1) {
        size_t len = strlen(l.v[0].summary);
        CHECK(len <= STORE_SUMMARY_MAX_BYTES && len > STORE_SUMMARY_MAX_BYTES / 2);
        CHECK(!strcmp(l.v[0].summary + len - 3, "\xE2\x80\xA6"));
        CHECK(l.v[0].summary[len - 4] != ' ');
    }
    store_item_list_free(&l);
    buf_free(&b);
    store_close(s);
    free(p);
}

int main(void)
{
    feed_init();
    dir = scratch_dir("store");
    test_normalise();
    test_put_and_snapshot();
    test_duplicates();
    test_updated_only();
    test_no_write_when_unchanged();
    test_feed_state();
    test_recovery();
    test_refusals();
    test_readers();
    test_file_modes();
    test_retention_rules();
    test_retention();
    test_never_runs_dry();
    test_migrations();
    test_export();
    test_import();
    test_corrections();
    test_extreme_dates();
    test_lookups();
    test_printable_errors();
    test_caps();
    rm_tree_deep(dir);
    free(dir);
    return check_done();
}
