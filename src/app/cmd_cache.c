/*
 * `ticker cache list|stats|export`: looking into the cache file. Each opens its own
 * connection (WAL: safe beside a running kiosk), never creates a cache that is not there and
 * never changes the file: a corrupt one is reported (exit 1), not moved aside.
 *
 *   list [--feed NAME|URL] [--limit N]   one item per line, tab-separated, newest first
 *   stats                                per feed state and counts, file size
 *   export --json-feed FILE|-            JSON Feed 1.1 of the items (filters applied)
 *   import --json-feed FILE|-            puts a JSON Feed's items into the cache (one cycle;
 *                                        creates the cache; reads back what export wrote, so a
 *                                        cache can be moved or a display seeded)
 *
 * All take --config FILE and --cache FILE.
 */
#include "app/commands.h"
#include "app/datadir.h"
#include "app/options.h"
#include "core/config_locate.h"
#include "core/url.h"
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

/* Tabs and newlines would break the one-line-per-item format. */
static void print_field(const char *s)
{
    for (; s && *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static int do_list(struct store *s, const char *feed, size_t limit)
{
    struct store_item_list l;
    if (!store_list(s, feed, limit, &l))
        return 1;
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
    if (feed && l.n == 0)
        fprintf(stderr, "ticker: no cached items for feed \"%s\"\n", feed);
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
    if (!store_stats(s, &st))
        return 1;
    printf("cache %s: %.1f KiB (%lld pages, %lld free), schema %d, %lld items, %zu feeds\n", path,
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
    FILE *out = strcmp(out_path, "-") ? fopen(out_path, "w") : stdout;
    if (!out) {
        fprintf(stderr, "ticker: %s: cannot write: %s\n", out_path, strerror(errno));
        return 1;
    }
    bool ok =
        store_export_jsonfeed(s, out, "Ticker", (const char *const *)cfg->filters, cfg->n_filters);
    if (out != stdout) {
        if (fclose(out) != 0)
            ok = false;
    } else if (fflush(out) != 0) {
        ok = false;
    }
    if (!ok)
        fprintf(stderr, "ticker: writing %s failed\n", out_path);
    return ok ? 0 : 1;
}

/* RFC 3339 as JSON Feed writes it: 2025-11-24T15:50:00Z or with a +hh:mm offset. */
static int64_t parse_rfc3339(const char *s)
{
    int y, mo, d, h, mi, sec, n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
        return FEED_TIME_NONE;
    const char *p = s + n;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            ;
    int off = 0;
    if (*p == '+' || *p == '-') {
        int oh, om;
        if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2)
            return FEED_TIME_NONE;
        off = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
    } else if (*p != 'Z' && *p != 'z') {
        return FEED_TIME_NONE;
    }
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = sec};
    return (int64_t)timegm(&tm) - off;
}

static const char *jstr(const cJSON *o, const char *key)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static int do_import(struct store *s, const char *in_path)
{
    char err[512];
    size_t len;
    char *text = file_read_all(in_path, 64u * 1024 * 1024, &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "ticker: %s\n", err);
        return 1;
    }
    const char *end = NULL;
    cJSON *feed = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!feed) {
        /* Not JSON at all: say where, as `ticker parse` does. */
        int line = 0, col = 0;
        if (end && end >= text && end <= text + len)
            config_offset_to_line_col(text, len, (size_t)(end - text), &line, &col);
        fprintf(stderr, "ticker: %s: line %d, column %d: invalid JSON\n", in_path, line, col);
        free(text);
        return 2;
    }
    free(text);
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(feed, "items");
    const char *version = jstr(feed, "version");
    if (!cJSON_IsArray(items) || !version ||
        strncmp(version, "https://jsonfeed.org/version/", 29)) {
        fprintf(stderr, "ticker: %s: not a JSON Feed (no \"version\" or \"items\")\n", in_path);
        cJSON_Delete(feed);
        return 2;
    }
    char *default_url = xasprintf("import:%s", in_path);
    int64_t now = (int64_t)time(NULL);
    int counts[STORE_PUT_ERROR + 1] = {0};
    bool ok = store_begin_cycle(s, NULL, now);
    size_t pos = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, items)
    {
        if (!ok)
            break;
        const cJSON *ext = cJSON_GetObjectItemCaseSensitive(it, "_ticker");
        const char *feed_url = jstr(ext, "feed_url") ? jstr(ext, "feed_url") : default_url;
        const char *source = jstr(ext, "source");
        const cJSON *authors = cJSON_GetObjectItemCaseSensitive(it, "authors");
        struct feed_item fi = {
            .id = (char *)(jstr(ext, "item_id") ? jstr(ext, "item_id") : jstr(it, "id")),
            .title = (char *)jstr(it, "title"),
            .link = (char *)jstr(it, "url"),
            .published = parse_rfc3339(jstr(it, "date_published")),
            .updated = parse_rfc3339(jstr(it, "date_modified")),
            .summary = (char *)jstr(it, "summary"),
            .content = (char *)jstr(it, "content_text"),
            .author = (char *)jstr(cJSON_GetArrayItem(authors, 0), "name"),
            .image = (char *)jstr(it, "image"),
            .language = (char *)jstr(it, "language"),
        };
        if (!fi.id) {
            counts[STORE_PUT_ERROR]++;
            continue;
        }
        /* the exporter writes content_text = summary when it had nothing fuller */
        if (fi.content && fi.summary && !strcmp(fi.content, fi.summary))
            fi.content = NULL;
        if (fi.content && fi.title && !fi.summary && !strcmp(fi.content, fi.title))
            fi.content = NULL;
        if (source && !store_feed_ensure(s, feed_url, source))
            ok = false;
        enum store_put_result r = store_put_item(s, feed_url, &fi, pos++, fi.summary);
        counts[r]++;
    }
    ok = ok && store_commit_cycle(s);
    if (!ok)
        store_rollback_cycle(s);
    cJSON_Delete(feed);
    free(default_url);
    fprintf(stderr, "ticker: imported %d new, %d updated, %d unchanged, %d duplicate, %d bad\n",
            counts[STORE_PUT_NEW], counts[STORE_PUT_UPDATED], counts[STORE_PUT_UNCHANGED],
            counts[STORE_PUT_DUPLICATE], counts[STORE_PUT_ERROR]);
    return ok ? 0 : 1;
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
                                   "creating the cache; reads back what export wrote.",
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
    char *data_dir = datadir_find(DATADIR_EXE_TICKER);
    struct config *cfg = config_file_load(config_path, data_dir, stderr, NULL);
    free(data_dir);
    if (!cfg)
        return 2;
    char *path = config_file_cache_path(cfg, cache_path);
    struct stat st;
    int rc = 1;
    if (!is_import && stat(path, &st) != 0) {
        fprintf(stderr, "ticker: cache %s does not exist (yet)\n", path);
        goto out;
    }
    char err[1024];
    /* Looking never changes the file (a kiosk may be using it); import writes. */
    struct store *s = is_import ? store_open(path, NULL, err, sizeof err)
                                : store_open_existing(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "ticker: cache %s\n", err);
        goto out;
    }
    if (!strcmp(sub, "list"))
        rc = do_list(s, feed, (size_t)limit);
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
