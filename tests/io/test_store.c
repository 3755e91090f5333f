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
    char err[512] = "";
    struct store *s = store_open(path, info, err, sizeof err);
    CHECK_MSG(s != NULL, "store_open(%s): %s", path, err);
    return s;
}

static const struct store_retention no_retention = {0};

static enum store_put_result put1(struct store *s, const char *feed, struct feed_item it,
                                  int64_t now)
{
    CHECK(store_begin_cycle(s, &no_retention, now));
    enum store_put_result r = store_put_item(s, feed, &it, 0, NULL);
    CHECK(store_commit_cycle(s));
    return r;
}

static int64_t count_items(struct store *s)
{
    struct store_stats st;
    CHECK(store_stats(s, &st));
    int64_t n = st.n_items;
    store_stats_free(&st);
    return n;
}

static void test_normalize(void)
{
    /* (links: url_normalize_link, tests/core/test_url.c) */
    char *n = store_normalize_title("  Storm hits the COAST: 3 dead! ");
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
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha"));
    CHECK(store_feed_ensure(s, "https://b.example/feed", "Beta"));

    CHECK(store_begin_cycle(s, &no_retention, T0));
    struct feed_item a1 = test_item("a1", "Parliament passes the budget", "https://a.example/1",
                                    T0 - 2 * HOUR, "The budget passed with a wide margin.");
    struct feed_item a2 =
        test_item("a2", "Floods in the valley", "https://a.example/2", FEED_TIME_NONE, NULL);
    a2.content = "Rivers rose overnight. Roads are closed.";
    a2.language = "en";
    struct feed_item b1 = test_item("b1", "Neue Brücke eröffnet", "https://b.example/1", T0 - HOUR,
                                    "Die Brücke ist fertig.");
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a1, 0, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a2, 1, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://b.example/feed", &b1, 0, "Kurz: die Brücke steht."),
              STORE_PUT_NEW);
    CHECK(store_has_item(s, "https://a.example/feed", "a1", NULL));
    CHECK(!store_has_item(s, "https://b.example/feed", "a1", NULL));
    CHECK(store_commit_cycle(s));

    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o);
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
    sn = store_load_snapshot(s, &o);
    CHECK_INT(sn->n_stories, 2);
    story_snapshot_free(sn);
    o = (struct store_snapshot_options){
        .now = T0, .feed_urls = only_a, .n_feed_urls = 1, .max_stories = 1};
    sn = store_load_snapshot(s, &o);
    CHECK_INT(sn->n_stories, 1);
    CHECK_STR(sn->stories[0].source, "Alpha");
    story_snapshot_free(sn);
    o = (struct store_snapshot_options){.now = T0, .max_age = 90 * 60};
    sn = store_load_snapshot(s, &o);
    CHECK_INT(sn->n_stories, 2);
    story_snapshot_free(sn);

    /* a later put of a known item: unchanged, then updated (first_seen kept) */
    CHECK_INT(put1(s, "https://a.example/feed", a2, T0 + HOUR), STORE_PUT_UNCHANGED);
    a2.title = "Floods in the valley: roads closed";
    CHECK_INT(put1(s, "https://a.example/feed", a2, T0 + HOUR), STORE_PUT_UPDATED);
    /* no summary given keeps the stored (summariser's) one */
    CHECK_INT(put1(s, "https://b.example/feed", b1, T0 + HOUR), STORE_PUT_UNCHANGED);
    bool has_sum = false;
    CHECK(store_has_item(s, "https://b.example/feed", "b1", &has_sum) && has_sum);
    struct store_item_list l;
    CHECK(store_list(s, "Alpha", 0, &l));
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].title, "Floods in the valley: roads closed");
        CHECK_INT(l.v[0].first_seen, T0);
        CHECK_INT(l.v[0].published, FEED_TIME_NONE);
        CHECK_STR(l.v[0].feed_url, "https://a.example/feed");
    }
    store_item_list_free(&l);
    CHECK(store_list(s, "https://b.example/feed", 0, &l));
    CHECK_INT(l.n, 1);
    if (l.n == 1)
        CHECK_STR(l.v[0].summary, "Kurz: die Brücke steht.");
    store_item_list_free(&l);
    CHECK(store_list(s, NULL, 2, &l));
    CHECK_INT(l.n, 2);
    store_item_list_free(&l);

    /* an item without id is refused; a put outside a cycle too */
    struct feed_item bad = test_item("", "x", NULL, FEED_TIME_NONE, NULL);
    CHECK(store_begin_cycle(s, NULL, T0));
    CHECK(!store_begin_cycle(s, NULL, T0)); /* one cycle at a time */
    CHECK_INT(store_put_item(s, "https://a.example/feed", &bad, 0, NULL), STORE_PUT_ERROR);
    CHECK(store_commit_cycle(s));
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a1, 0, NULL), STORE_PUT_ERROR);
    store_close(s);

    /* and everything is still there after reopening */
    s = open_ok(p, &info);
    CHECK_INT(info.migrated_from, STORE_SCHEMA_VERSION);
    CHECK_INT(count_items(s), 3);
    store_close(s);
    char err[256];
    s = store_open_existing(p, err, sizeof err);
    CHECK_MSG(s != NULL, "%s", err);
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
    CHECK(store_begin_cycle(s, &no_retention, T0));
    struct feed_item a = test_item("a-1", "Storm hits the north coast",
                                   "https://news.example/story/42", T0 - HOUR, NULL);
    CHECK_INT(store_put_item(s, fa, &a, 0, NULL), STORE_PUT_NEW);
    /* same link, written differently, in another feed */
    struct feed_item b =
        test_item("b-9", "A storm on the coast",
                  "HTTPS://NEWS.example/story/42/?utm_source=rss#comments", T0 - HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &b, 0, NULL), STORE_PUT_DUPLICATE);
    /* same title (case and punctuation aside) within 24 hours, different link */
    struct feed_item c = test_item("b-10", "STORM hits the north coast!",
                                   "https://other.example/storm", T0 - 20 * HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &c, 1, NULL), STORE_PUT_DUPLICATE);
    /* same title 3 days apart: another story */
    struct feed_item d = test_item("b-11", "Storm hits the north coast",
                                   "https://other.example/storm-2", T0 - 72 * HOUR, NULL);
    CHECK_INT(store_put_item(s, fb, &d, 2, NULL), STORE_PUT_NEW);
    /* short titles are not compared ("Live", "Weather") */
    struct feed_item e1 = test_item("a-2", "Weather", "https://a.example/w1", T0, NULL);
    struct feed_item e2 = test_item("b-12", "Weather", "https://b.example/w1", T0, NULL);
    CHECK_INT(store_put_item(s, fa, &e1, 1, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, fb, &e2, 3, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s));
    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o);
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
    CHECK(store_begin_cycle(s, &no_retention, T0));
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, feed, &pb, 1, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, feed, &n, 2, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s));
    struct store_snapshot_options o = {.now = T0};
    struct story_snapshot *sn = store_load_snapshot(s, &o);
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
    /* the snapshot's age limit counts from the updated date too */
    o.max_age = 150 * 60;
    sn = store_load_snapshot(s, &o);
    CHECK_INT(sn->n_stories, 2);
    story_snapshot_free(sn);
    /* a new updated date moves the story (an update is the only date it has) */
    u.updated = T0 - HOUR / 2;
    CHECK_INT(put1(s, feed, u, T0 + 60), STORE_PUT_UPDATED);
    o.max_age = 0;
    sn = store_load_snapshot(s, &o);
    CHECK(sn->n_stories == 3 && !strcmp(sn->stories[1].title, "Council votes on the new budget"));
    story_snapshot_free(sn);
    /* retention by age drops it by that date, and leaves no tombstone: it is dated */
    struct store_retention ret = {.max_age = 10 * HOUR};
    u.updated = T0 - 20 * HOUR;
    CHECK_INT(put1(s, feed, u, T0 + 120), STORE_PUT_UPDATED);
    CHECK(store_begin_cycle(s, &ret, T0 + 180));
    CHECK(store_commit_cycle(s));
    CHECK(!store_has_item(s, feed, "u", NULL));
    CHECK(store_begin_cycle(s, &ret, T0 + 240));
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL), STORE_PUT_EXPIRED); /* too old, by date */
    u.updated = T0; /* updated again: a live story, not a tombstone */
    CHECK_INT(store_put_item(s, feed, &u, 0, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s));
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
        CHECK(store_begin_cycle(s, &ret, now));
        for (int i = 0; i < 8; i++) {
            enum store_put_result r =
                store_put_item(s, "https://a.example/feed", &items[i], (size_t)i, NULL);
            CHECK(r == (round == 0 && i < 3 ? STORE_PUT_NEW
                        : i < 3             ? STORE_PUT_UNCHANGED
                                            : STORE_PUT_EXPIRED));
            r = store_put_item(s, "https://b.example/feed", &bitems[i], (size_t)i, NULL);
            CHECK(r == (round == 0 ? STORE_PUT_NEW : STORE_PUT_UNCHANGED));
        }
        store_feed_get(s, "https://a.example/feed", &fs);
        fs.name = fs.name ? fs.name : xstrdup("Alpha");
        if (!fs.etag)
            fs.etag = xstrdup("\"v1\"");
        fs.last_status = STORE_FETCH_NOT_MODIFIED;
        fs.last_http_code = 304;
        fs.last_success = T0;
        fs.last_attempt = T0;
        CHECK(store_feed_put(s, &fs));
        CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha"));
        CHECK(store_commit_cycle(s));
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
    CHECK(store_begin_cycle(s, &ret, T0 + 2 * 600));
    for (int i = 0; i < 8; i++)
        CHECK_INT(store_put_item(s, "https://b.example/feed", &bitems[i], (size_t)i, NULL),
                  STORE_PUT_UNCHANGED);
    CHECK(store_commit_cycle(s));
    if (sqlite3_step(st) == SQLITE_ROW)
        dv1 = sqlite3_column_int64(st, 0);
    CHECK_INT(dv1, dv0); /* no other connection committed anything */
    sqlite3_finalize(st);
    sqlite3_close(db);

    /* rollback: none of the cycle's puts stay */
    struct feed_item n = test_item("new", "A brand new story today", NULL, T0, NULL);
    CHECK(store_begin_cycle(s, &ret, T0));
    CHECK_INT(store_put_item(s, "https://c.example/feed", &n, 0, NULL), STORE_PUT_NEW);
    store_rollback_cycle(s);
    CHECK(!store_has_item(s, "https://c.example/feed", "new", NULL));
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
    CHECK(!store_feed_get(s, "https://x.example/rss", &st));
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
    CHECK(store_feed_put(s, &st));
    struct store_feed_state got = {0};
    CHECK(store_feed_get(s, "https://x.example/rss", &got));
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
    struct story_snapshot *sn = store_load_snapshot(s, &(struct store_snapshot_options){.now = T0});
    CHECK(!sn->offline); /* 503 came from the server: it was reached */
    CHECK_INT(sn->last_success, T0 - 600);
    story_snapshot_free(sn);
    got.last_http_code = 0;
    got.last_error = (free(got.last_error), xstrdup("Could not resolve host"));
    CHECK(store_feed_put(s, &got));
    sn = store_load_snapshot(s, &(struct store_snapshot_options){.now = T0});
    CHECK(sn->offline);
    story_snapshot_free(sn);
    got.gone = true;
    got.last_status = STORE_FETCH_GONE;
    CHECK(store_feed_put(s, &got));
    struct store_feed_state g2 = {0};
    CHECK(store_feed_get(s, "https://x.example/rss", &g2));
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

static void test_recovery(void)
{
    /* a file of garbage */
    char *p = path_in("garbage.db");
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)(i * 37 + 11);
    write_file(p, junk, sizeof junk);
    struct store_open_info info;
    struct store *s = open_ok(p, &info);
    CHECK(info.recovered);
    CHECK(strstr(info.moved_to, "garbage.db.corrupt-") != NULL);
    CHECK(exists(info.moved_to));
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

    /* looking without changing: a corrupt file is reported and stays */
    p = path_in("garbage2.db");
    write_file(p, junk, sizeof junk);
    char err2[512] = "";
    CHECK(store_open_existing(p, err2, sizeof err2) == NULL);
    CHECK(strstr(err2, "garbage2.db: fails its integrity check") != NULL);
    struct stat st2;
    CHECK(stat(p, &st2) == 0 && st2.st_size == (off_t)sizeof junk);
    char *missing = path_in("missing.db");
    err2[0] = '\0';
    CHECK(store_open_existing(missing, err2, sizeof err2) == NULL);
    CHECK_MSG(strstr(err2, "missing.db") != NULL, "missing file: \"%s\"", err2); /* names it */
    CHECK(!exists(missing));
    free(missing);
    free(p);

    /* a real cache cut short */
    p = path_in("truncated.db");
    s = open_ok(p, NULL);
    CHECK(store_begin_cycle(s, NULL, T0));
    char id[16], title[200];
    for (int i = 0; i < 400; i++) {
        snprintf(id, sizeof id, "%d", i);
        snprintf(title, sizeof title, "Item %d with a long enough title to fill pages %0100d", i,
                 i);
        struct feed_item it = test_item(id, title, NULL, T0 - i, title);
        store_put_item(s, "https://a.example/feed", &it, 0, NULL);
    }
    CHECK(store_commit_cycle(s));
    store_close(s); /* checkpoints: everything is in the main file */
    struct stat stt;
    CHECK(stat(p, &stt) == 0 && stt.st_size > 40000);
    CHECK(truncate(p, stt.st_size / 2) == 0);
    s = open_ok(p, &info);
    CHECK(info.recovered);
    CHECK(exists(info.moved_to));
    CHECK_INT(count_items(s), 0);
    store_close(s);
    free(p);

    /* an empty file becomes a cache; a file from a newer version is set aside */
    p = path_in("empty.db");
    write_file(p, "", 0);
    s = open_ok(p, &info);
    CHECK(!info.recovered);
    store_close(s);
    sqlite3 *db;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    CHECK(store_open_existing(p, err2, sizeof err2) == NULL);
    CHECK(strstr(err2, "schema version 99; this program reads version 3") != NULL);
    s = open_ok(p, &info);
    CHECK(info.recovered);
    store_close(s);
    free(p);

    /* somebody else's SQLite database */
    p = path_in("foreign.db");
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "CREATE TABLE items (x)", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    s = open_ok(p, &info);
    CHECK(info.recovered);
    store_close(s);
    free(p);

    /* an impossible place fails cleanly */
    char err[256] = "";
    CHECK(store_open("/proc/ticker-no/such/dir/cache.db", NULL, err, sizeof err) == NULL);
    CHECK(strstr(err, "/proc/ticker-no") != NULL);
}

/* Retention: by age, by count (with position and date checks so long feeds do not churn),
 * and a file that stays bounded as items come and go. */
static void test_retention(void)
{
    char *p = path_in("retention.db");
    struct store *s = open_ok(p, NULL);
    struct store_retention ret = {.max_age = 48 * HOUR, .max_items = 5};
    const char *feed = "https://a.example/feed";
    char ids[20][16], titles[20][64];
    CHECK(store_begin_cycle(s, &ret, T0));
    int n_new = 0, n_exp = 0;
    for (int i = 0; i < 20; i++) {
        snprintf(ids[i], sizeof ids[i], "r%d", i);
        snprintf(titles[i], sizeof titles[i], "Retention test story %d", i);
        /* newest first, one every 6 hours: i >= 8 are older than 48 h */
        struct feed_item it = test_item(ids[i], titles[i], NULL, T0 - i * 6 * HOUR, NULL);
        enum store_put_result r = store_put_item(s, feed, &it, (size_t)i, NULL);
        n_new += r == STORE_PUT_NEW;
        n_exp += r == STORE_PUT_EXPIRED;
    }
    CHECK(store_commit_cycle(s));
    CHECK_INT(n_new, 5);
    CHECK_INT(n_exp, 15);
    CHECK_INT(count_items(s), 5);

    /* a feed out of date order: an old item at the top is refused by date */
    CHECK(store_begin_cycle(s, &ret, T0));
    struct feed_item old = test_item("old", "An old story put first", NULL, T0 - 40 * HOUR, NULL);
    CHECK_INT(store_put_item(s, feed, &old, 0, NULL), STORE_PUT_EXPIRED);
    struct feed_item fresh = test_item("fresh", "A fresh story comes in", NULL, T0 + 60, NULL);
    CHECK_INT(store_put_item(s, feed, &fresh, 0, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s));
    CHECK_INT(count_items(s), 5);
    CHECK(store_has_item(s, feed, "fresh", NULL));
    CHECK(!store_has_item(s, feed, "r4", NULL)); /* the oldest went */

    /* offline for three days: the last success anchors the age, nothing expires and the
     * snapshot still shows the news */
    struct store_feed_state fs = {0};
    store_feed_get(s, feed, &fs);
    fs.last_success = T0;
    fs.last_attempt = T0 + 72 * HOUR;
    fs.last_status = STORE_FETCH_ERROR;
    CHECK(store_feed_put(s, &fs));
    CHECK(store_begin_cycle(s, &ret, T0 + 72 * HOUR));
    CHECK(store_commit_cycle(s));
    CHECK_INT(count_items(s), 5);
    struct story_snapshot *sn = store_load_snapshot(
        s, &(struct store_snapshot_options){.now = T0 + 72 * HOUR, .max_age = 48 * HOUR});
    CHECK_INT(sn->n_stories, 5);
    CHECK(sn->offline);
    CHECK_INT(sn->last_success, T0);
    story_snapshot_free(sn);
    /* back online: a success now, and the old news goes */
    fs.last_success = T0 + 72 * HOUR;
    fs.last_status = STORE_FETCH_NOT_MODIFIED;
    fs.last_http_code = 304;
    CHECK(store_feed_put(s, &fs));
    store_feed_state_clear(&fs);

    /* time passes: everything ages out at the next commit */
    CHECK(store_begin_cycle(s, &ret, T0 + 72 * HOUR));
    CHECK(store_commit_cycle(s));
    CHECK_INT(count_items(s), 0);
    store_close(s);
    free(p);

    /* a dateless item that outlives max_age in its feed does not come back as new */
    p = path_in("tombstones.db");
    s = open_ok(p, NULL);
    struct feed_item dl =
        test_item("dateless-1", "A story without any date", NULL, FEED_TIME_NONE, NULL);
    struct feed_item dl2 =
        test_item("dateless-2", "Another story, also undated", NULL, FEED_TIME_NONE, NULL);
    CHECK(store_begin_cycle(s, &ret, T0));
    CHECK(store_item_is_new(s, feed, &dl, 0));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL), STORE_PUT_NEW);
    CHECK(!store_item_is_new(s, feed, &dl, 0)); /* known now */
    CHECK(store_commit_cycle(s));
    struct store_feed_state ok_state = {.url = (char *)feed,
                                        .last_success = T0 + 49 * HOUR,
                                        .last_attempt = T0 + 49 * HOUR,
                                        .last_status = STORE_FETCH_OK,
                                        .last_http_code = 200};
    CHECK(store_feed_put(s, &ok_state));
    CHECK(store_begin_cycle(s, &ret, T0 + 49 * HOUR));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL), STORE_PUT_UNCHANGED);
    CHECK(store_commit_cycle(s)); /* first seen 49 h ago: expires */
    CHECK_INT(count_items(s), 0);
    CHECK(store_begin_cycle(s, &ret, T0 + 50 * HOUR));
    CHECK(!store_item_is_new(s, feed, &dl, 0));
    CHECK_INT(store_put_item(s, feed, &dl, 0, NULL), STORE_PUT_EXPIRED);
    CHECK(store_item_is_new(s, feed, &dl2, 1));
    CHECK_INT(store_put_item(s, feed, &dl2, 1, NULL), STORE_PUT_NEW);
    /* refused by position or as a duplicate: not new either */
    struct feed_item far = test_item("far", "Far down the feed", NULL, T0 + 50 * HOUR, NULL);
    CHECK(!store_item_is_new(s, feed, &far, 5));
    struct feed_item again =
        test_item("again", "ANOTHER STORY also undated!", NULL, FEED_TIME_NONE, NULL);
    CHECK(!store_item_is_new(s, feed, &again, 2));
    CHECK(store_commit_cycle(s));
    CHECK(!store_item_is_new(s, feed, &dl2, 1)); /* outside a cycle: false */
    /* a month later the tombstone is gone (and the item would be new again) */
    ok_state.last_success = T0 + 33 * 24 * HOUR;
    CHECK(store_feed_put(s, &ok_state));
    CHECK(store_begin_cycle(s, &ret, T0 + 33 * 24 * HOUR));
    CHECK(store_commit_cycle(s));
    CHECK(store_begin_cycle(s, &ret, T0 + 33 * 24 * HOUR));
    CHECK(store_item_is_new(s, feed, &dl, 0));
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
        CHECK(store_begin_cycle(s, &keep, now));
        for (int i = 0; i < 200; i++) {
            char id[32], title[80];
            snprintf(id, sizeof id, "c%d-%d", cycle, i);
            snprintf(title, sizeof title, "Cycle %d story %d about something", cycle, i);
            struct feed_item it = test_item(id, title, NULL, now - i, summary);
            store_put_item(s, feed, &it, (size_t)(i % 100), NULL);
        }
        CHECK(store_commit_cycle(s));
        struct store_stats st;
        CHECK(store_stats(s, &st));
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

static void test_migrations(void)
{
    /* A version 1 file (the first schema, as the first release wrote it) with a story in it */
    char *p = path_in("v1.db");
    sqlite3 *db;
    char err[256];
    int from = -1;
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    struct store_migrations v1 = {store_schema_migrations.sql, 1};
    CHECK_INT(store_schema_migrate(db, &v1, &from, err, sizeof err), STORE_MIGRATE_OK);
    CHECK_INT(from, 0);
    CHECK_INT(user_version_of(db), 1);
    CHECK(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL;"
                       "INSERT INTO feeds (id, url, name) VALUES (1, 'https://a.example/feed', "
                       "'Alpha');"
                       "INSERT INTO items (feed_id, item_id, key, title, first_seen, sort_time) "
                       "VALUES (1, 'm1', '0123456789abcdef', 'Kept across the migration', "
                       "1764000000, 1764000000);",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    /* ... opened by this program: migrated to the current version, nothing lost or moved */
    struct store_open_info info;
    struct store *s = open_ok(p, &info);
    CHECK(!info.recovered);
    CHECK_INT(info.migrated_from, 1);
    struct store_item_list l;
    CHECK(store_list(s, NULL, 0, &l));
    CHECK_INT(l.n, 1);
    if (l.n == 1) {
        CHECK_STR(l.v[0].title, "Kept across the migration");
        CHECK_STR(l.v[0].feed_name, "Alpha");
    }
    store_item_list_free(&l);
    store_close(s);
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK_INT(user_version_of(db), STORE_SCHEMA_VERSION);
    CHECK(sqlite3_exec(db, "SELECT count(*) FROM expired", NULL, NULL, NULL) == SQLITE_OK);

    /* the machinery with a made-up next version: data kept, version raised */
    static const char *const steps[] = {
        "SELECT 1",
        "SELECT 1",
        "SELECT 1", /* never run on this file */
        "ALTER TABLE items ADD COLUMN score REAL; UPDATE items SET score = 1.5;",
    };
    struct store_migrations m4 = {steps, 4};
    CHECK_INT(store_schema_migrate(db, &m4, &from, err, sizeof err), STORE_MIGRATE_OK);
    CHECK_INT(from, 3);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(db, "SELECT title, score FROM items", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(st, 0), "Kept across the migration");
    CHECK(sqlite3_column_double(st, 1) == 1.5);
    sqlite3_finalize(st);
    CHECK_INT(user_version_of(db), 4);
    /* a failing step leaves the file as it was (one transaction) */
    static const char *const bad_steps[] = {"SELECT 1", "SELECT 1", "SELECT 1", "SELECT 1",
                                            "CREATE TABLE t (a); THIS IS NOT SQL"};
    struct store_migrations m5 = {bad_steps, 5};
    CHECK_INT(store_schema_migrate(db, &m5, &from, err, sizeof err), STORE_MIGRATE_FAILED);
    CHECK(strstr(err, "from version 4") != NULL);
    CHECK_INT(user_version_of(db), 4);
    CHECK(sqlite3_prepare_v2(db, "SELECT * FROM t", -1, &st, NULL) != SQLITE_OK);
    sqlite3_finalize(st);
    /* the real list on a version 4 file: newer than this program */
    CHECK_INT(store_schema_migrate(db, &store_schema_migrations, &from, err, sizeof err),
              STORE_MIGRATE_NEWER);
    sqlite3_close(db);
    free(p);

    /* A version 2 file (as the second release wrote it): a feed, an Atom entry with only an
     * updated date (stored by version 2 at its first_seen) and a dated one */
    p = path_in("v2.db");
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    struct store_migrations v2 = {store_schema_migrations.sql, 2};
    CHECK_INT(store_schema_migrate(db, &v2, &from, err, sizeof err), STORE_MIGRATE_OK);
    CHECK_INT(user_version_of(db), 2);
    CHECK(sqlite3_exec(db,
                       "PRAGMA journal_mode=WAL;"
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
    CHECK(store_feed_get(s, "https://b.example/atom", &fs));
    CHECK_STR(fs.etag, "\"v7\"");
    CHECK(fs.next_poll == 1764003600);
    CHECK(fs.ttl == 0);
    fs.ttl = 3600; /* the new column is written and read back */
    CHECK(store_feed_put(s, &fs));
    store_feed_state_clear(&fs);
    CHECK(store_feed_get(s, "https://b.example/atom", &fs));
    CHECK(fs.ttl == 3600);
    store_feed_state_clear(&fs);
    /* the updated-only entry now sorts by its updated date: behind the published one */
    CHECK(store_list(s, NULL, 0, &l));
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

    /* version 0: an empty database gets the whole schema and incremental auto-vacuum */
    p = path_in("v0.db");
    CHECK(sqlite3_open(p, &db) == SQLITE_OK);
    CHECK_INT(store_schema_migrate(db, &store_schema_migrations, &from, err, sizeof err),
              STORE_MIGRATE_OK);
    CHECK_INT(from, 0);
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
    CHECK(store_feed_ensure(s, "https://a.example/feed", "Alpha"));
    CHECK(store_begin_cycle(s, NULL, T0));
    struct feed_item a = test_item("x1", "Rail strike ends", "https://a.example/rail", T0 - 600,
                                   "Trains run again from Monday.");
    a.author = "Desk";
    a.language = "en";
    a.image = "https://a.example/rail.jpg";
    a.updated = T0 - 300;
    struct feed_item b = test_item("x2", "Zölle: „Neue Runde“", NULL, FEED_TIME_NONE, NULL);
    struct feed_item c = test_item("x3", "Royal wedding planned", NULL, T0 - 900, NULL);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &a, 0, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &b, 1, NULL), STORE_PUT_NEW);
    CHECK_INT(store_put_item(s, "https://a.example/feed", &c, 2, NULL), STORE_PUT_NEW);
    CHECK(store_commit_cycle(s));
    char *out = path_in("export.json");
    FILE *f = fopen(out, "w");
    static const char *const filters[] = {"royal"};
    CHECK(store_export_jsonfeed(s, f, "Lobby", filters, 1));
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
    CHECK(store_list(s, NULL, 0, &l));
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
    test_normalize();
    test_put_and_snapshot();
    test_duplicates();
    test_updated_only();
    test_no_write_when_unchanged();
    test_feed_state();
    test_recovery();
    test_retention();
    test_migrations();
    test_export();
    test_caps();
    rm_tree(dir);
    free(dir);
    return check_done();
}
