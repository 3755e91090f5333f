/*
 * Story pictures through the real fetcher against tests/feedserver.py on 127.0.0.1: images
 * named by media:content, by an <img> in the description and by an article page's og:image
 * are downloaded after the headlines, decoded in the sandboxed helper, scaled once to the
 * card's size and stored beside their items; refused images (a decompression bomb, a cut
 * file, an HTML page, a 404) are remembered with their reason and never fetched again; the
 * snapshot says which stories have one; "images": false fetches none; retention takes a
 * picture away with its item.
 */
#include "check.h"
#include "core/card.h"
#include "core/theme.h"
#include "fetch_testutil.h"
#include "io/imgdecode.h"
#include "io/store_pictures.h"

#include <sqlite3.h>

struct row {
    char url[256];
    int w, h, bytes;
    char error[256];
    bool found;
};

/* The pictures row of item `item_id`. */
static struct row picture_row(const char *item_id)
{
    struct row r = {0};
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return r;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(
            db,
            "SELECT p.url, p.width, p.height, length(p.jpeg), p.error FROM pictures p"
            " JOIN items i ON i.key = p.key WHERE i.item_id = ?1",
            -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, item_id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            r.found = true;
            snprintf(r.url, sizeof r.url, "%s",
                     sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
            r.w = sqlite3_column_int(st, 1);
            r.h = sqlite3_column_int(st, 2);
            r.bytes = sqlite3_column_int(st, 3);
            snprintf(r.error, sizeof r.error, "%s",
                     sqlite3_column_text(st, 4) ? (const char *)sqlite3_column_text(st, 4) : "");
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return r;
}

static int count_of(const char *sql)
{
    sqlite3 *db;
    int n = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

static int image_requests(void)
{
    cJSON *log = control("/_log");
    int n = 0;
    cJSON *e;
    cJSON_ArrayForEach(e, log)
    {
        cJSON *p = cJSON_GetObjectItem(e, "path");
        n += cJSON_IsString(p) && !strncmp(p->valuestring, "/image/", 7);
    }
    cJSON_Delete(log);
    return n;
}

static void test_pictures(void)
{
    const char *paths[] = {
        "/feed/p?img=png&items=3",       "/feed/c?img=content&items=2",
        "/feed/o?img=og&items=2",        "/feed/b?img=bomb&items=1",
        "/feed/t?img=truncated&items=1", "/feed/h?img=html&items=1",
        "/feed/n?img=404&items=1",       "/feed/x?items=2",
    };
    struct config *cfg = make_config_ex(paths, ARRAY_LEN(paths), true);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    fetcher_set_article_gap_ms(f, 10);
    struct theme t;
    theme_default(&t);
    int bw = 0, bh = 0;
    CHECK(card_picture_box(&t, 1920, 1080, &bw, &bh));
    struct fetch_cycle out = {0};
    free(control("/_clear"));
    fetcher_run_cycle(f, T, true, NULL, &out);
    /* 3 media:content, 2 <img> in descriptions, 2 og:image of fetched article pages. */
    CHECK_INT(out.pictures_stored, 7);
    CHECK(out.changed);
    static const char *const stored[] = {"p-0", "p-1", "p-2", "c-0", "c-1", "o-0", "o-1"};
    for (size_t i = 0; i < ARRAY_LEN(stored); i++) {
        check_case("stored %s", stored[i]);
        struct row r = picture_row(stored[i]);
        CHECK(r.found);
        CHECK_INT(r.w, bw);
        CHECK_INT(r.h, bh);
        CHECK_MSG(r.bytes > 500 && r.bytes < 60000, "%d bytes", r.bytes);
        CHECK_STR(r.error, "");
        CHECK(strstr(r.url, "/image/png/") != NULL);
    }
    check_case_end();
    static const struct {
        const char *item, *why;
    } failed[] = {
        {"b-0", "too large: 30000x30000"},
        {"t-0", "truncated PNG"},
        {"h-0", "an HTML or XML document, not a JPEG, PNG or WebP image"},
        {"n-0", "HTTP 404"},
    };
    for (size_t i = 0; i < ARRAY_LEN(failed); i++) {
        check_case("refused %s", failed[i].item);
        struct row r = picture_row(failed[i].item);
        CHECK(r.found);
        CHECK_INT(r.bytes, 0);
        CHECK_MSG(strstr(r.error, failed[i].why) != NULL, "error: %s", r.error);
    }
    check_case_end();
    CHECK(!picture_row("x-0").found); /* no picture named: nothing */

    /* The stored picture is the image scaled to fill the box: red left, blue right. */
    struct store_picture_reader *rd = store_picture_reader_open(db_path, NULL);
    CHECK(rd != NULL);
    struct store_snapshot_options o = {.now = T};
    struct error err = {0};
    struct story_snapshot *snap = store_load_snapshot(st, &o, &err);
    CHECK(snap && store_mark_pictures(st, snap, &err));
    size_t with = 0;
    for (size_t i = 0; snap && i < snap->n_stories; i++) {
        const struct story *s = &snap->stories[i];
        if (!s->picture)
            continue;
        with++;
        uint8_t *jpeg = NULL;
        size_t len = 0;
        int w = 0, h = 0;
        CHECK_INT(store_picture_read(rd, s->id, s->picture, &jpeg, &len, &w, &h, &err),
                  STORE_FOUND);
        struct picture *pic = NULL;
        CHECK_INT(imgdecode_run(jpeg, len, bw, bh, NULL, &pic, NULL, &err), IMGDECODE_OK);
        if (pic) {
            uint32_t left = pic->argb[(size_t)(bh / 2) * bw + 10];
            uint32_t right = pic->argb[(size_t)(bh / 2) * bw + bw - 10];
            CHECK_MSG((left >> 16 & 255) > 180 && (left & 255) < 80, "left %08x", left);
            CHECK_MSG((right & 255) > 180 && (right >> 16 & 255) < 80, "right %08x", right);
        }
        picture_free(pic);
        free(jpeg);
    }
    CHECK_INT(with, 7);
    story_snapshot_free(snap);
    store_picture_reader_close(rd);

    /* A second cycle fetches no picture again: stored or refused, the cache knows. */
    int before = image_requests();
    CHECK(before >= 11);
    struct fetch_cycle again = {0};
    fetcher_run_cycle(f, T + 700, true, NULL, &again);
    CHECK_INT(image_requests(), before);
    CHECK_INT(again.pictures_stored, 0);
    fetch_cycle_free(&again);

    /* Retention: a picture goes with its item. */
    int pics = count_of("SELECT count(*) FROM pictures");
    CHECK_INT(pics, 11);
    CHECK_INT(count_of("DELETE FROM items WHERE item_id = 'p-0' RETURNING 1"), 1);
    CHECK_INT(count_of("SELECT count(*) FROM pictures"), pics - 1);

    fetch_cycle_free(&out);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

/* "images": false: not one image is asked for. */
static void test_images_off(void)
{
    const char *paths[] = {"/feed/q?img=png&items=3"};
    struct config *cfg = make_config_top("\"display\": {\"images\": false}, ", paths, 1, false);
    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    fetcher_set_article_gap_ms(f, 10);
    free(control("/_clear"));
    struct fetch_cycle out = {0};
    fetcher_run_cycle(f, T, true, NULL, &out);
    CHECK_INT(items_of(st, NULL), 3);
    CHECK_INT(out.pictures_stored, 0);
    CHECK_INT(image_requests(), 0);
    CHECK_INT(count_of("SELECT count(*) FROM pictures"), 0);
    fetch_cycle_free(&out);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
}

int main(void)
{
    unset_proxies();
    setenv("TICKER_IMGDECODE_BIN", TICKER_IMGDECODE, 1);
    if (!fetch_global_init() || !server_start(&srv)) {
        fprintf(stderr, "cannot start the test server\n");
        return 1;
    }
    feed_init();
    test_pictures();
    test_images_off();
    server_stop(&srv);
    fetch_global_cleanup();
    return check_done();
}
