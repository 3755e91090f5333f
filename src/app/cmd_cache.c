/*
 * `ticker cache list|stats|export|import`: looking into the cache file, and filling it.
 *
 *   list [--feed NAME|URL] [--limit N]   one item per line, tab-separated, newest first
 *   stats                                per feed state and counts, file size
 *   export --json-feed FILE|-            JSON Feed 1.1 of the items (filters applied)
 *   import --json-feed FILE|-            puts a JSON Feed's items into the cache (one cycle;
 *                                        creates the cache; reads back what export wrote, so a
 *                                        cache can be moved or a display seeded)
 *
 * list, stats and export only look: they open the file read-only (store_open_readonly), so
 * they work beside a running kiosk, on read-only and full storage, and never create, migrate
 * or move the file. import writes, as the kiosk does. Everything from the file is printed
 * through str_printable: feed titles and errors come from the network.
 *
 * Exit status (docs/cache.md, "Commands"): 0 done; 1 the cache could not be read or written
 * (missing, damaged, not Ticker's, from a newer Ticker, read-only, disk full) or the output
 * could not be written; 2 the command line, the configuration or the document to import is
 * wrong (unreadable, not JSON, not a JSON Feed).
 *
 * All take --config FILE and --cache FILE.
 */
#include "app/commands.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/file.h"
#include "io/store.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void usage(FILE *out)
{
    fprintf(out,
            "usage: ticker cache list [--feed NAME] [--limit N] [--config FILE] [--cache FILE]\n"
            "       ticker cache stats [--config FILE] [--cache FILE]\n"
            "       ticker cache export --json-feed FILE|- [--config FILE] [--cache FILE]\n"
            "       ticker cache import --json-feed FILE|- [--config FILE] [--cache FILE]\n");
}

/* "2025-11-24 15:50Z", or "-" for never. */
static const char *fmt_time(int64_t t, char *out, size_t cap)
{
    if (t <= 0 || t == FEED_TIME_NONE) {
        snprintf(out, cap, "-");
        return out;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    if (!gmtime_r(&tt, &tm) || !strftime(out, cap, "%Y-%m-%d %H:%MZ", &tm))
        snprintf(out, cap, "%lld", (long long)t);
    return out;
}

/* Text from the cache (feeds wrote it) on one line: tabs and newlines would break the
 * one-line-per-item format, escapes would reach the terminal. */
static void print_field(const char *s)
{
    char *line = xstrdup(s ? s : "");
    for (char *p = line; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    char *safe = xstrprintable(line);
    fputs(safe, stdout);
    free(safe);
    free(line);
}

/* printf's %s for text from the cache. */
static const char *printable(const char *s, char *buf, size_t cap)
{
    return str_printable(buf, cap, s ? s : "");
}

static int do_list(struct store *s, const char *path, const char *feed, size_t limit)
{
    struct store_item_list l;
    struct error err = {0};
    if (!store_list(s, feed, limit, &l, &err)) {
        fprintf(stderr, "ticker: cache %s: %s\n", path, err.msg);
        return 1;
    }
    for (size_t i = 0; i < l.n; i++) {
        const struct store_item *it = &l.v[i];
        char t[40];
        fmt_time(it->published != FEED_TIME_NONE ? it->published : it->first_seen, t, sizeof t);
        printf("%s\t", t);
        print_field(it->feed_name ? it->feed_name : it->feed_url);
        putchar('\t');
        print_field(it->title ? it->title : "(no title)");
        putchar('\t');
        print_field(it->link ? it->link : "");
        putchar('\n');
    }
    if (feed && l.n == 0) {
        char f[512];
        fprintf(stderr, "ticker: no cached items for feed \"%s\"\n", printable(feed, f, sizeof f));
    }
    store_item_list_free(&l);
    return 0;
}

static int do_stats(struct store *s, const char *path)
{
    struct store_stats st;
    struct error err = {0};
    if (!store_stats(s, &st, &err)) {
        fprintf(stderr, "ticker: cache %s: %s\n", path, err.msg);
        return 1;
    }
    char p[4096];
    printf("cache %s: %.1f KiB (%lld pages, %lld free), schema %d, %lld items, %zu feeds\n",
           printable(path, p, sizeof p), (double)st.file_bytes / 1024, (long long)st.page_count,
           (long long)st.freelist_count, st.schema_version, (long long)st.n_items, st.n_feeds);
    for (size_t i = 0; i < st.n_feeds; i++) {
        const struct store_feed_stats *f = &st.feeds[i];
        const struct store_feed_state *fs = &f->state;
        char a[40], b[40], c[40], t1[1024], t2[1024];
        printf("\n%s\n", printable(fs->name ? fs->name : fs->url, t1, sizeof t1));
        printf("  url          %s\n", printable(fs->url, t1, sizeof t1));
        if (fs->fetch_url)
            printf("  fetched from %s (permanent redirect)\n",
                   printable(fs->fetch_url, t1, sizeof t1));
        printf("  items        %lld (newest %s)\n", (long long)f->n_items,
               fmt_time(f->newest, a, sizeof a));
        printf("  last success %s\n", fmt_time(fs->last_success, b, sizeof b));
        printf("  last status  %s", store_fetch_status_str(fs->last_status));
        if (fs->last_http_code)
            printf(" (HTTP %ld)", fs->last_http_code);
        if (fs->last_error)
            printf(": %s", printable(fs->last_error, t1, sizeof t1));
        printf("\n  errors       %d in a row\n", fs->error_count);
        printf("  next poll    %s\n",
               fs->gone ? "never (410 Gone)" : fmt_time(fs->next_poll, c, sizeof c));
        if (fs->ttl > 0) /* it raises the interval, so the next poll above is explained */
            printf("  feed ttl     %lld min (RSS <ttl>)\n", (long long)(fs->ttl / 60));
        if (fs->moved_to)
            printf("  moved to     %s (%d times)\n", printable(fs->moved_to, t2, sizeof t2),
                   fs->moved_count);
        printf("  fetched      %lld times, %lld bytes\n", (long long)fs->fetch_count,
               (long long)fs->bytes_total);
    }
    store_stats_free(&st);
    return 0;
}

static int do_export(struct store *s, const char *out_path, const struct config *cfg)
{
    char p[4096];
    FILE *out = strcmp(out_path, "-") ? fopen(out_path, "w") : stdout;
    if (!out) {
        fprintf(stderr, "ticker: %s: cannot write: %s\n", printable(out_path, p, sizeof p),
                strerror(errno));
        return 1;
    }
    struct error err = {0};
    bool ok = store_export_jsonfeed(s, out, "Ticker", (const char *const *)cfg->filters,
                                    cfg->n_filters, &err);
    /* A full disk may only show when the buffered rest is written out. */
    if (out != stdout) {
        if (fclose(out) != 0 && ok)
            ok = error_set(&err, "%s", strerror(errno));
    } else if (fflush(out) != 0 && ok) {
        ok = error_set(&err, "%s", strerror(errno));
    }
    if (!ok)
        fprintf(stderr, "ticker: %s: writing the export failed: %s\n",
                printable(out_path, p, sizeof p), err.msg);
    return ok ? 0 : 1;
}

/* Exit 2: the document is not one to import; 1: the cache could not take it. */
static int do_import(struct store *s, const char *in_path)
{
    char err[512], p[4096];
    size_t len;
    char *text = file_read_all(in_path, 64u * 1024 * 1024, &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "ticker: %s\n", err);
        return 2;
    }
    const char *name = strcmp(in_path, "-") ? in_path : "<stdin>";
    struct store_import_options opt = {.name = name, .now = (int64_t)time(NULL)};
    struct store_import_counts n;
    struct error e = {0};
    enum store_import_result r = store_import_jsonfeed(s, text, len, &opt, &n, &e);
    free(text);
    printable(name, p, sizeof p);
    switch (r) {
    case STORE_IMPORT_OK:
        fprintf(stderr,
                "ticker: %s: imported %zu new, %zu changed, %zu updated, %zu unchanged, %zu "
                "duplicate, %zu expired\n",
                p, n.n[STORE_PUT_NEW], n.n[STORE_PUT_CHANGED], n.n[STORE_PUT_UPDATED],
                n.n[STORE_PUT_UNCHANGED], n.n[STORE_PUT_DUPLICATE], n.n[STORE_PUT_EXPIRED]);
        return 0;
    case STORE_IMPORT_BAD_INPUT:
        if (e.line)
            fprintf(stderr, "ticker: %s: line %d, column %d: %s\n", p, e.line, e.column, e.msg);
        else
            fprintf(stderr, "ticker: %s: %s\n", p, e.msg);
        return 2;
    case STORE_IMPORT_FAILED:
        break;
    }
    fprintf(stderr, "ticker: %s: nothing imported: %s\n", p, e.msg);
    return 1;
}

int cmd_cache(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
        usage(stdout);
        return 0;
    }
    bool is_import = !strcmp(sub, "import");
    if (strcmp(sub, "list") && strcmp(sub, "stats") && strcmp(sub, "export") && !is_import) {
        fprintf(stderr, "ticker cache: unknown subcommand '%s'\n", sub);
        usage(stderr);
        return 2;
    }
    const char *config_path = NULL, *cache_path = NULL, *feed = NULL, *json_feed = NULL;
    long limit = 0;
    for (int i = 2; i < argc; i += 2) { /* every option takes a value */
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--config") && v) {
            config_path = v;
        } else if (!strcmp(a, "--cache") && v) {
            cache_path = v;
        } else if (!strcmp(a, "--feed") && v && !strcmp(sub, "list")) {
            feed = v;
        } else if (!strcmp(a, "--limit") && v && !strcmp(sub, "list")) {
            char *end;
            limit = strtol(v, &end, 10);
            if (*end || limit < 0) {
                fprintf(stderr, "ticker cache list: --limit wants a number, not '%s'\n", v);
                return 2;
            }
        } else if (!strcmp(a, "--json-feed") && v && (!strcmp(sub, "export") || is_import)) {
            json_feed = v;
        } else {
            fprintf(stderr, "ticker cache %s: unexpected argument '%s'%s\n", sub, a,
                    v ? "" : " (or its value is missing)");
            usage(stderr);
            return 2;
        }
    }
    if ((!strcmp(sub, "export") || is_import) && !json_feed) {
        fprintf(stderr, "ticker cache %s: --json-feed FILE is required\n", sub);
        return 2;
    }
    struct config *cfg = config_file_load(config_path, TICKER_ASSETS_DIR, stderr, NULL);
    if (!cfg)
        return 2;
    char *path = config_file_cache_path(cfg, cache_path);
    /* Looking never changes the file (a kiosk may be using it); import writes. */
    struct error err = {0};
    struct store_open_info info;
    struct store *s = is_import ? store_open(path, &info, &err) : store_open_readonly(path, &err);
    int rc = 1;
    if (!s) {
        char p[4096];
        /* The messages name the path; print them as they are, the path made printable. */
        fprintf(stderr, "ticker: cache %s\n", printable(err.msg, p, sizeof p));
        goto out;
    }
    if (!strcmp(sub, "list"))
        rc = do_list(s, path, feed, (size_t)limit);
    else if (!strcmp(sub, "stats"))
        rc = do_stats(s, path);
    else if (is_import)
        rc = do_import(s, json_feed);
    else
        rc = do_export(s, json_feed, cfg);
    store_close(s);
out:
    free(path);
    config_free(cfg);
    return rc;
}
