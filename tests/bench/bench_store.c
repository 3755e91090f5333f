/*
 * Cache size and write cost: stores N realistic items (default 10,000) through the store API in
 * fetch cycles of 50, as the worker would, then repeats every cycle unchanged (the idle case).
 * Prints the file size and timings. Built and run by bench_cache.sh; not a test.
 *
 * Items: 20 feeds; a ~70-byte title, a ~400-byte summary (the display's budget), ~1.5 KB of
 * feed text, an 80-byte link, an author, a date. Words are drawn from a fixed list with a
 * fixed seed, so runs are comparable.
 */
#include "io/store.h"
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const words[] = {
    "government", "parliament", "minister", "election", "budget",    "energy",  "climate",
    "market",     "inflation",  "report",   "police",   "court",     "strike",  "railway",
    "school",     "hospital",   "weather",  "storm",    "football",  "league",  "Bundestag",
    "Regierung",  "Haushalt",   "Wahl",     "Bahn",     "Streik",    "Klima",   "Wirtschaft",
    "Gericht",    "Polizei",    "city",     "council",  "agreement", "talks",   "record",
    "prices",     "company",    "workers",  "union",    "summit",    "border",  "security",
    "research",   "university", "festival", "museum",   "bridge",    "airport",
};

static unsigned seed = 12345;

static unsigned rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

static void sentence_text(struct buf *b, size_t target)
{
    while (b->len < target) {
        int n = 6 + (int)(rnd() % 12);
        for (int i = 0; i < n; i++) {
            const char *w = words[rnd() % ARRAY_LEN(words)];
            if (i == 0) {
                buf_append_char(b, (char)(w[0] & ~0x20));
                buf_append_str(b, w + 1);
            } else {
                buf_append_char(b, ' ');
                buf_append_str(b, w);
            }
        }
        buf_append_str(b, ". ");
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long long)st.st_size : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_store CACHE.db [N]\n");
        return 2;
    }
    const char *path = argv[1];
    int n = argc > 2 ? atoi(argv[2]) : 10000;
    const int per_cycle = 50, feeds = 20;
    struct error err = {0};
    struct store *s = store_open(path, NULL, &err);
    if (!s) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    int64_t t0 = 1764000000;
    struct store_retention ret = {0}; /* keep everything: we measure N items */
    double write_time = 0, idle_time = 0;
    for (int pass = 0; pass < 2; pass++) {
        seed = 12345;
        for (int c = 0; c * per_cycle < n; c++) {
            /* generate first, then time only the store work */
            struct feed_item items[50];
            char *feed_urls[50];
            struct buf bufs[50][3];
            memset(bufs, 0, sizeof bufs);
            int m = 0;
            for (; m < per_cycle && c * per_cycle + m < n; m++) {
                int k = c * per_cycle + m;
                sentence_text(&bufs[m][0], 60);
                /* ~70 bytes, numbered: random headlines could repeat, and the store would
                 * (rightly) keep a repeated one once, leaving fewer than N items */
                bufs[m][0].len = bufs[m][0].len > 63 ? 63 : bufs[m][0].len;
                bufs[m][0].data[bufs[m][0].len] = '\0';
                buf_printf(&bufs[m][0], " #%d", k);
                sentence_text(&bufs[m][1], 380);
                sentence_text(&bufs[m][2], 1500);
                feed_urls[m] = xasprintf("https://news%d.example.org/feeds/all.xml", k % feeds);
                items[m] = (struct feed_item){
                    .id = xasprintf("https://news%d.example.org/2025/11/24/story-%06d-%u",
                                    k % feeds, k, rnd()),
                    .title = bufs[m][0].data,
                    .link = NULL,
                    .published = t0 - (n - k) * 30,
                    .updated = FEED_TIME_NONE,
                    .summary = bufs[m][1].data,
                    .content = bufs[m][2].data,
                    .author = "Newsdesk",
                };
                items[m].link = xstrdup(items[m].id);
            }
            double a = now_s();
            if (!store_begin_cycle(s, &ret, t0 + c * 600, &err))
                return 1;
            for (int i = 0; i < m; i++)
                store_put_item(s, feed_urls[i], &items[i], (size_t)i, NULL, &err);
            if (!store_commit_cycle(s, &err))
                return 1;
            double dt = now_s() - a;
            if (pass == 0)
                write_time += dt;
            else
                idle_time += dt;
            for (int i = 0; i < m; i++) {
                free(items[i].id);
                free(items[i].link);
                free(feed_urls[i]);
                for (int j = 0; j < 3; j++)
                    buf_free(&bufs[i][j]);
            }
        }
        if (pass == 0) {
            long long wal = 0;
            char *w = xasprintf("%s-wal", path);
            wal = file_size(w);
            free(w);
            printf("after storing %d items: main file %lld bytes, -wal %lld bytes\n", n,
                   file_size(path), wal);
        }
    }
    double b = now_s();
    struct story_snapshot *snap =
        store_load_snapshot(s, &(struct store_snapshot_options){.now = t0 + 200 * 600}, &err);
    double snap_s = now_s() - b;
    printf("snapshot of %zu stories: %.1f ms\n", snap ? snap->n_stories : 0, snap_s * 1000);
    story_snapshot_free(snap);
    /* With an age limit the snapshot ranks each feed's items (the keep rule of retention). */
    b = now_s();
    snap = store_load_snapshot(
        s, &(struct store_snapshot_options){.now = t0 + 200 * 600, .max_age = 24 * 3600}, &err);
    snap_s = now_s() - b;
    printf("snapshot with a 24 h age limit: %zu stories, %.1f ms\n", snap ? snap->n_stories : 0,
           snap_s * 1000);
    story_snapshot_free(snap);
    struct store_stats st;
    store_stats(s, &st, &err);
    printf("items in cache: %lld in %zu feeds, %lld pages, %lld free\n", (long long)st.n_items,
           st.n_feeds, (long long)st.page_count, (long long)st.freelist_count);
    store_stats_free(&st);
    store_close(s);
    /* Reopening runs PRAGMA quick_check over the whole file: the start-up cost of a cache. */
    double a = now_s();
    s = store_open(path, NULL, &err);
    double open_s = now_s() - a;
    if (!s)
        return 1;
    store_close(s);
    /* A reader (`ticker cache list`, `render --cache`) runs the same check, read-only. */
    a = now_s();
    s = store_open_readonly(path, &err);
    double ro_open_s = now_s() - a;
    if (!s)
        return 1;
    store_close(s);
    long long size = file_size(path);
    printf("cache file after close (checkpointed): %lld bytes = %.2f MiB = %.0f bytes/item\n", size,
           size / 1048576.0, (double)size / n);
    printf("store time: %.3f s for %d cycles of %d new items (%.2f ms/cycle, synchronous=FULL)\n",
           write_time, (n + per_cycle - 1) / per_cycle, per_cycle,
           1000 * write_time / ((n + per_cycle - 1) / per_cycle));
    printf("reopen with quick_check: %.1f ms\n", open_s * 1000);
    printf("reader open (read-only, with quick_check): %.1f ms\n", ro_open_s * 1000);
    printf("idle cycles (same items again, nothing written): %.3f s, %.2f ms/cycle\n", idle_time,
           1000 * idle_time / ((n + per_cycle - 1) / per_cycle));
    return 0;
}
