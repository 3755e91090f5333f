/*
 * `ticker fetch [--config FILE] [--cache FILE]`: one fetch cycle over every enabled feed into
 * the cache, then exit. Unlike the display's worker it ignores each feed's next poll time (a
 * person asked for it now), but it still sends conditional GETs, honours 410 Gone and never
 * drops cached items on failure.
 *
 * One line per feed on stdout, printed as soon as that feed is done (its headlines are then
 * in the cache), with a header line when stdout is a terminal:
 *     STATUS        CODE  NEW  BYTES  MS  NAME  (N changed)  [URL: reason]
 * STATUS is the transfer's (fetch_status_str), or "not-saved" when what it brought could not
 * be written to the cache. "(N changed)" follows the name when the feed changed the text of N
 * items the cache already had (corrections, summarised again); NEW counts only new items. Then the
 * summaries are made; when article pages are fetched for them, progress goes to stderr ("fetching
 * 12 article pages ...", how many are left). URLs are shown with credentials redacted, and every
 * string from outside is made printable. Exit status: 0 when at least one feed succeeded (200 or
 * 304) and was saved, 1 when none did (or the cache could not be opened), 2 for bad usage or a bad
 * configuration.
 */
#include "app/commands.h"
#include "app/config_cli.h"
#include "app/options.h"

#include "core/config.h"
#include "core/feed.h"
#include "core/schedule.h"
#include "core/url.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/fetch.h"
#include "io/store.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct printer {
    const struct config *cfg;
    int ok_saved;       /* feeds that succeeded and were saved */
    bool articles_said; /* the first article message is out */
};

static void print_row(const char *status, const char *code, const char *new_items,
                      const char *bytes, const char *ms, const char *name)
{
    char shown[512];
    printf("%-12s %4s %4s %10s %7s  %s", status, code, new_items, bytes, ms,
           str_printable(shown, sizeof shown, name));
}

static void feed_line(void *ctx, size_t index, const struct fetch_feed_result *r)
{
    struct printer *pr = ctx;
    (void)index;
    char code[16] = "-", n[16] = "-", bytes[24], ms[24];
    if (r->http_code > 0)
        snprintf(code, sizeof code, "%d", r->http_code);
    if (r->stored)
        snprintf(n, sizeof n, "%d", r->new_items);
    snprintf(bytes, sizeof bytes, "%lld", (long long)r->wire_bytes);
    snprintf(ms, sizeof ms, "%lld", (long long)r->elapsed_ms);
    print_row(r->stored ? fetch_status_str(r->status) : "not-saved", code, n, bytes, ms, r->name);
    if (r->stored && r->changed_items > 0)
        printf("  (%d changed)", r->changed_items);
    if (error_is_set(&r->err)) {
        char *u = url_redact(r->url);
        char *shown = xstrprintable(u);
        /* The error is printable already (the fetcher makes it so). */
        printf("  [%s: %s]", shown, r->err.msg);
        free(shown);
        free(u);
    }
    putchar('\n');
    fflush(stdout);
    if (r->stored && (r->status == FETCH_OK || r->status == FETCH_NOT_MODIFIED))
        pr->ok_saved++;
}

static void articles_line(void *ctx, int done, int left)
{
    struct printer *pr = ctx;
    if (!pr->articles_said) {
        pr->articles_said = true;
        fprintf(stderr,
                "ticker fetch: fetching %d article page%s for summaries (one request per host "
                "every %d s)\n",
                left, left == 1 ? "" : "s", FETCH_ARTICLE_HOST_GAP_S);
    } else if (left > 0) {
        fprintf(stderr, "ticker fetch: article pages: %d fetched, %d left\n", done, left);
    } else {
        fprintf(stderr, "ticker fetch: article pages: all %d fetched\n", done);
    }
}

int cmd_fetch(int argc, char **argv)
{
    const char *config_path = NULL, *cache_override = NULL;
    const struct options_opt opts[] = {
        OPTIONS_STRING("config", "FILE", &config_path,
                       "The configuration file (the usual lookup otherwise: see "
                       "`ticker check-config --help`)."),
        OPTIONS_STRING("cache", "FILE", &cache_override,
                       "The cache file, instead of the configuration's \"cache\"."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "fetch",
        .about = "Fetches every enabled feed once into the cache, prints one line per feed as "
                 "it finishes, then makes the summaries (saying how many article pages are "
                 "left); exits 0 when at least one feed succeeded, 1 when all failed.",
        .opts = opts,
    };
    int n_args, rc = options_parse(&spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;

    /* A server closing a TLS connection under us must not kill the process. */
    signal(SIGPIPE, SIG_IGN);
    feed_init();
    if (!fetch_global_init()) {
        fprintf(stderr, "ticker fetch: cannot initialise libcurl\n");
        return 1;
    }
    int status = 1;
    struct store *store = NULL;
    struct fetcher *f = NULL;
    char *cache_path = NULL;
    struct config *cfg = config_cli_load(config_path, NULL);
    if (!cfg) {
        status = 2; /* config_cli_load printed every problem */
        goto done;
    }
    cache_path = config_file_cache_path(cfg, cache_override);
    struct error serr = {0};
    store = store_open(cache_path, NULL, &serr);
    if (!store) {
        fprintf(stderr, "ticker fetch: cache %s\n", serr.msg);
        goto done;
    }
    struct error ferr = {0};
    f = fetcher_new(cfg, store, &ferr);
    if (!f) {
        fprintf(stderr, "ticker fetch: %s\n", ferr.msg);
        goto done;
    }

    if (isatty(STDOUT_FILENO)) {
        print_row("STATUS", "CODE", "NEW", "BYTES", "MS", "FEED");
        printf("  [URL: reason]\n");
    }
    struct printer pr = {.cfg = cfg};
    struct fetch_progress progress = {
        .feed_done = feed_line, .articles = articles_line, .ctx = &pr};
    struct fetch_cycle c;
    bool stored = fetcher_run_cycle(f, (int64_t)time(NULL), true, &progress, &c);
    for (size_t i = 0; i < c.n_feeds; i++) {
        const struct fetch_feed_result *r = &c.feeds[i];
        const struct config_feed *cf = &cfg->feeds[i];
        if (r->polled)
            continue;
        const char *why = !cf->enabled                     ? "disabled"
                          : r->next_poll == SCHEDULE_NEVER ? "gone"
                                                           : "skipped";
        print_row(why, "-", "-", "-", "-", r->name);
        putchar('\n');
    }
    if (!stored)
        fprintf(stderr, "ticker fetch: %s: some of what was fetched could not be saved\n",
                cache_path);
    status = pr.ok_saved > 0 ? 0 : 1;
    fetch_cycle_free(&c);

done:
    fetcher_free(f);
    store_close(store);
    free(cache_path);
    config_free(cfg);
    fetch_global_cleanup();
    return status;
}
