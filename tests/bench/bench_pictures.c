/*
 * Cache growth per picture (issue 14): one feed of N items served by tests/feedserver.py, each
 * naming a photo (/image/file/ID from --images), fetched by the real fetcher into a new cache
 * with pictures and into another without ("images": false), both at the same time of day; the
 * difference in file size per stored picture is what a picture costs the SD card. The
 * politeness gap between two requests to one host is lowered to 0 for the benchmark (the test
 * server is one host); everything else is as in `ticker fetch`.
 *
 *   bench_pictures BASE_URL N DIR
 *
 * Prints the figures; asserts nothing.
 */
#include "core/config.h"
#include "core/feed.h"
#include "core/util.h"
#include "io/fetch.h"
#include "io/store.h"
#include "io/store_pictures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long long file_size(const char *p)
{
    struct stat st;
    char *wal = xasprintf("%s-wal", p);
    long long n = stat(p, &st) == 0 ? (long long)st.st_size : 0;
    if (stat(wal, &st) == 0)
        n += st.st_size;
    free(wal);
    return n;
}

static bool one(const char *base, int n, const char *db, bool images, int *pictures, double *secs)
{
    char *json = xasprintf("{\"interval\": 600, \"fetch_articles\": false, \"retention\": "
                           "{\"max_items\": %d}, \"display\": {\"images\": %s}, \"feeds\": "
                           "[{\"url\": \"%s/feed/pics?img=file&items=%d\", \"name\": \"Pics\", "
                           "\"max_items\": %d}]}",
                           n, images ? "true" : "false", base, n, n);
    struct config *defaults = config_default(NULL, 0);
    struct config_diags d = {0};
    struct config *cfg = config_parse(json, strlen(json), "bench.json", defaults, &d);
    config_diags_free(&d);
    config_free(defaults);
    free(json);
    struct error err = {0};
    struct store *st = cfg ? store_open(db, NULL, &err) : NULL;
    struct fetcher *f = st ? fetcher_new(cfg, st, &err) : NULL;
    if (!f) {
        fprintf(stderr, "bench_pictures: %s\n", err.msg[0] ? err.msg : "bad configuration");
        store_close(st);
        config_free(cfg);
        return false;
    }
    fetcher_set_article_gap_ms(f, 0);
    struct fetch_cycle out = {0};
    double t0 = now_s();
    fetcher_run_cycle(f, (int64_t)time(NULL), true, NULL, &out);
    *secs = now_s() - t0;
    *pictures = out.pictures_stored;
    fetch_cycle_free(&out);
    fetcher_free(f);
    store_close(st);
    config_free(cfg);
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bench_pictures BASE_URL N DIR\n");
        return 2;
    }
    int n = atoi(argv[2]);
    fetch_global_init();
    feed_init();
    char *with = xasprintf("%s/with.db", argv[3]), *without = xasprintf("%s/without.db", argv[3]);
    int pics = 0, none = 0;
    double t_with = 0, t_without = 0;
    if (!one(argv[1], n, with, true, &pics, &t_with) ||
        !one(argv[1], n, without, false, &none, &t_without))
        return 1;
    long long a = file_size(with), b = file_size(without);
    struct error err = {0};
    struct store *st = store_open_readonly(with, &err);
    int64_t count = 0, bytes = 0;
    if (st)
        store_picture_totals(st, &count, &bytes, &err);
    store_close(st);
    printf("  %d stories: %d pictures stored in %.1f s (headlines alone %.1f s); cache %lld bytes "
           "with pictures, %lld without\n",
           n, pics, t_with, t_without, a, b);
    if (count > 0)
        printf("  cache growth per picture: %.1f KB (the JPEG alone %.1f KB, %lld in all)\n",
               (double)(a - b) / (double)count / 1024.0, (double)bytes / (double)count / 1024.0,
               (long long)count);
    free(with);
    free(without);
    fetch_global_cleanup();
    return 0;
}
