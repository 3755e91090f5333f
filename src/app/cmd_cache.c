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
 * through str_printable (feed titles and errors come from the network), URLs with their
 * credentials hidden.
 *
 * Exit status (docs/cache.md, "Commands"): 0 done; 1 the cache could not be read or written
 * (missing, damaged, not Ticker's, from a newer Ticker, read-only, disk full) or the output
 * could not be written; 2 the command line, the configuration or the document to import is
 * wrong (unreadable, not JSON, not a JSON Feed).
 *
 * All take --config FILE and --cache FILE.
 */
#include "app/commands.h"
#include "app/config_cli.h"
#include "app/options.h"
#include "core/url.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/file.h"
#include "io/store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* printf's %s for text from the cache or the command line. */
static const char *printable(const char *s, char *buf, size_t cap)
{
    return str_printable(buf, cap, s ? s : "");
}

static int do_list(struct store *s, const char *path, const char *feed, size_t limit)
{
    struct store_item_list l;
    struct error err = {0};
    if (!store_list(s, feed, limit, &l, &err)) {
        char p[4096];
        fprintf(stderr, "ticker: cache %s: %s\n", printable(path, p, sizeof p), err.msg);
        return 1;
    }
    for (size_t i = 0; i < l.n; i++) {
        const struct store_item *it = &l.v[i];
        char t[40];
        fmt_time(it->published != FEED_TIME_NONE ? it->published : it->first_seen, t, sizeof t);
        printf("%s\t", t);
        char *shown = it->feed_name ? NULL : url_redact(it->feed_url);
        print_field(it->feed_name ? it->feed_name : shown);
        free(shown);
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

/* A URL from the cache as people may see it: credentials hidden, made printable. */
static void print_url(const char *url)
{
    char *r = url_redact(url);
    char *shown = xstrprintable(r);
    fputs(shown, stdout);
    free(shown);
    free(r);
}

static void print_printable(const char *s)
{
    char *shown = xstrprintable(s);
    fputs(shown, stdout);
    free(shown);
}

static int do_stats(struct store *s, const char *path)
{
    struct store_stats st;
    struct error err = {0};
    char p[4096];
    printable(path, p, sizeof p);
    if (!store_stats(s, &st, &err)) {
        fprintf(stderr, "ticker: cache %s: %s\n", p, err.msg);
        return 1;
    }
    printf("cache %s: %.1f KiB (%lld pages, %lld free), schema %d, %lld items, %zu feeds\n", p,
           (double)st.file_bytes / 1024, (long long)st.page_count, (long long)st.freelist_count,
           st.schema_version, (long long)st.n_items, st.n_feeds);
    for (size_t i = 0; i < st.n_feeds; i++) {
        const struct store_feed_stats *f = &st.feeds[i];
        const struct store_feed_state *fs = &f->state;
        char a[40], b[40], c[40];
        putchar('\n');
        if (fs->name)
            print_printable(fs->name);
        else
            print_url(fs->url);
        printf("\n  url          ");
        print_url(fs->url);
        putchar('\n');
        if (fs->fetch_url) {
            printf("  fetched from ");
            print_url(fs->fetch_url);
            printf(" (permanent redirect)\n");
        }
        printf("  items        %lld (newest %s)\n", (long long)f->n_items,
               fmt_time(f->newest, a, sizeof a));
        printf("  last success %s\n", fmt_time(fs->last_success, b, sizeof b));
        printf("  last status  %s", store_fetch_status_str(fs->last_status));
        if (fs->last_http_code)
            printf(" (HTTP %ld)", fs->last_http_code);
        if (fs->last_error) {
            printf(": ");
            print_printable(fs->last_error); /* older versions stored it raw */
        }
        printf("\n  errors       %d in a row\n", fs->error_count);
        printf("  next poll    %s\n",
               fs->gone ? "never (410 Gone)" : fmt_time(fs->next_poll, c, sizeof c));
        if (fs->ttl > 0) /* it raises the interval, so the next poll above is explained */
            printf("  feed ttl     %lld min (RSS <ttl>)\n", (long long)(fs->ttl / 60));
        if (fs->moved_to) {
            printf("  moved to     ");
            print_url(fs->moved_to);
            printf(" (%d times)\n", fs->moved_count);
        }
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
    struct error err = {0};
    char p[4096];
    size_t len;
    char *text = file_read_all(in_path, 64u * 1024 * 1024, &len, &err);
    if (!text) {
        fprintf(stderr, "ticker: %s\n", printable(err.msg, p, sizeof p));
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

enum cache_sub { CACHE_LIST, CACHE_STATS, CACHE_EXPORT, CACHE_IMPORT, CACHE_N_SUBS };

int cmd_cache(int argc, char **argv)
{
    const char *config_path = NULL, *cache_path = NULL, *feed = NULL, *json_feed = NULL;
    long limit = 0;
#define CONFIG_OPT                                                                                 \
    OPTIONS_STRING("config", "FILE", &config_path,                                                 \
                   "The configuration file (the usual lookup otherwise: see "                      \
                   "`ticker check-config --help`).")
#define CACHE_OPT                                                                                  \
    OPTIONS_STRING("cache", "FILE", &cache_path,                                                   \
                   "The cache file, instead of the configuration's \"cache\".")
    const struct options_opt list_opts[] = {
        OPTIONS_STRING("feed", "NAME|URL", &feed, "Only the items of this feed."),
        OPTIONS_INT("limit", "N", &limit, 0, 100000000, "At most N items, newest first (0: all)."),
        CONFIG_OPT,
        CACHE_OPT,
        OPTIONS_TABLE_END,
    };
    const struct options_opt stats_opts[] = {CONFIG_OPT, CACHE_OPT, OPTIONS_TABLE_END};
    const struct options_opt export_opts[] = {
        OPTIONS_REQUIRED("json-feed", "FILE|-", &json_feed,
                         "Where the JSON Feed 1.1 goes, - for standard output."),
        CONFIG_OPT,
        CACHE_OPT,
        OPTIONS_TABLE_END,
    };
    const struct options_opt import_opts[] = {
        OPTIONS_REQUIRED("json-feed", "FILE|-", &json_feed,
                         "The JSON Feed to read, - for standard input."),
        CONFIG_OPT,
        CACHE_OPT,
        OPTIONS_TABLE_END,
    };
#undef CONFIG_OPT
#undef CACHE_OPT
    const struct options_spec subs[CACHE_N_SUBS] = {
        [CACHE_LIST] = {.command = "cache list",
                        .about = "Prints the cached items, newest first, one per line: time, "
                                 "feed, title and link, separated by tabs.",
                        .opts = list_opts},
        [CACHE_STATS] = {.command = "cache stats",
                         .about = "Prints the cache file's size and each feed's state: items, "
                                  "last success, last status and error, next poll.",
                         .opts = stats_opts},
        [CACHE_EXPORT] = {.command = "cache export",
                          .about = "Writes the cached items (the configuration's filters "
                                   "applied) as a JSON Feed 1.1 with their summaries.",
                          .opts = export_opts},
        [CACHE_IMPORT] = {.command = "cache import",
                          .about = "Puts a JSON Feed's items into the cache in one cycle, "
                                   "creating the cache; reads back what export wrote. Exit 2: "
                                   "the document is not a JSON Feed; 1: the cache failed.",
                          .opts = import_opts},
    };
    const char *sub = argc >= 2 ? argv[1] : "";
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
        printf("The cache: looking into it, and moving its items in and out. Looking never "
               "changes the file.\n");
        for (size_t i = 0; i < CACHE_N_SUBS; i++) {
            putchar('\n');
            options_print_help(&subs[i], stdout);
        }
        return 0;
    }
    enum cache_sub which = CACHE_N_SUBS;
    static const char *const names[CACHE_N_SUBS] = {"list", "stats", "export", "import"};
    for (size_t i = 0; i < CACHE_N_SUBS; i++)
        if (!strcmp(sub, names[i]))
            which = (enum cache_sub)i;
    if (which == CACHE_N_SUBS) {
        char *shown = xstrprintable(sub);
        if (*sub)
            fprintf(stderr, "ticker cache: unknown subcommand '%s'\n", shown);
        else
            fprintf(stderr, "ticker cache: which one: list, stats, export or import?\n");
        free(shown);
        for (size_t i = 0; i < CACHE_N_SUBS; i++)
            options_print_usage(&subs[i], stderr);
        return 2;
    }
    int n_args, status = options_parse(&subs[which], argc - 1, argv + 1, &n_args);
    if (status != OPTIONS_CONTINUE)
        return status;
    bool is_import = which == CACHE_IMPORT;
    struct config *cfg = config_cli_load(config_path, NULL);
    if (!cfg)
        return 2;
    char *path = config_file_cache_path(cfg, cache_path);
    /* Looking never changes the file (a kiosk may be using it); import writes. */
    struct error err = {0};
    struct store *s = is_import ? store_open(path, NULL, &err) : store_open_readonly(path, &err);
    int rc = 1;
    if (!s) {
        char p[4096];
        /* The messages name the path; print them as they are, made printable. */
        fprintf(stderr, "ticker: cache %s\n", printable(err.msg, p, sizeof p));
        goto out;
    }
    if (which == CACHE_LIST)
        rc = do_list(s, path, feed, (size_t)limit);
    else if (which == CACHE_STATS)
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
