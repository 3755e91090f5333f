/*
 * `ticker fetch [--config FILE] [--cache FILE]`: one fetch cycle over every enabled feed into
 * the cache, then exit. Unlike the display's worker it ignores each feed's next poll time (a
 * person asked for it now), but it still sends conditional GETs, honours 410 Gone and never
 * drops cached items on failure.
 *
 * One line per feed on stdout:
 *     STATUS        CODE  NEW  BYTES  MS  NAME  [URL: reason]
 * Exit status: 0 when at least one feed succeeded (200 or 304), 1 when all failed (or the
 * cache could not be opened or written), 2 for bad usage or a bad configuration.
 */
#include "app/commands.h"
#include "app/datadir.h"
#include "app/options.h"

#include "core/config.h"
#include "core/feed.h"
#include "core/schedule.h"
#include "io/config_file.h"
#include "io/fetch.h"
#include "io/store.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
        .about = "Fetches every enabled feed once into the cache and prints one line per feed; "
                 "exits 0 when at least one feed succeeded, 1 when all failed.",
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
    char *data_dir = datadir_find(DATADIR_EXE_TICKER);
    struct config *cfg = config_file_load(config_path, data_dir, stderr, NULL);
    free(data_dir);
    if (!cfg) {
        status = 2; /* config_file_load printed every problem */
        goto done;
    }
    cache_path = config_file_cache_path(cfg, cache_override);
    char err[512];
    store = store_open(cache_path, NULL, err, sizeof err);
    if (!store) {
        fprintf(stderr, "ticker fetch: %s\n", err);
        goto done;
    }
    f = fetcher_new(cfg, store, err, sizeof err);
    if (!f) {
        fprintf(stderr, "ticker fetch: %s\n", err);
        goto done;
    }

    struct fetch_cycle c;
    bool stored = fetcher_run_cycle(f, (int64_t)time(NULL), true, &c);
    for (size_t i = 0; i < c.n_feeds; i++) {
        const struct fetch_feed_result *r = &c.feeds[i];
        const struct config_feed *cf = &cfg->feeds[i];
        if (!r->polled) {
            const char *why = !cf->enabled                     ? "disabled"
                              : r->next_poll == SCHEDULE_NEVER ? "gone"
                                                               : "skipped";
            printf("%-12s %4s %4s %10s %7s  %s\n", why, "-", "-", "-", "-", r->name);
            continue;
        }
        char code[16] = "-";
        if (r->http_code > 0)
            snprintf(code, sizeof code, "%d", r->http_code);
        printf("%-12s %4s %4d %10lld %7lld  %s", fetch_status_str(r->status), code, r->new_items,
               (long long)r->wire_bytes, (long long)r->elapsed_ms, r->name);
        if (r->error[0])
            printf("  [%s: %s]", r->url, r->error);
        putchar('\n');
    }
    if (!stored)
        fprintf(stderr, "ticker fetch: %s: the cycle could not be saved\n", cache_path);
    status = stored && c.n_ok > 0 ? 0 : 1;
    fetch_cycle_free(&c);

done:
    fetcher_free(f);
    store_close(store);
    free(cache_path);
    config_free(cfg);
    fetch_global_cleanup();
    return status;
}
