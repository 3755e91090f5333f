/*
 * `ticker status`: the wall display's status file (written by `ticker run` every 10 seconds)
 * for people, and `--check` for monitoring: exit status 0 healthy, 1 unhealthy, 2 no readable
 * status file (which is unhealthy too: nothing is running or it cannot write).
 */
#include "app/commands.h"
#include "app/statefile.h"

#include "core/health.h"
#include "core/util.h"
#include "io/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage_text[] =
    "usage: ticker status [--file FILE] [--check] [--json] [--max-fetch-age SECONDS]\n"
    "  prints the wall display's status (from $STATE_DIRECTORY, $XDG_STATE_HOME/ticker or\n"
    "  ~/.local/state/ticker); --check exits 1 when the display is unhealthy, 2 when no\n"
    "  status can be read\n";

int cmd_status(int argc, char **argv)
{
    const char *file = NULL;
    bool check = false, json = false;
    long long max_fetch_age = -1;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--check")) {
            check = true;
        } else if (!strcmp(o, "--json")) {
            json = true;
        } else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(o, "--file") && i + 1 < argc) {
            file = argv[++i];
        } else if (!strcmp(o, "--max-fetch-age") && i + 1 < argc) {
            char *end;
            max_fetch_age = strtoll(argv[++i], &end, 10);
            if (*end || end == argv[i] || max_fetch_age < 0) {
                fprintf(stderr, "ticker status: --max-fetch-age %s: expected seconds >= 0\n%s",
                        argv[i], usage_text);
                return 2;
            }
        } else {
            fprintf(stderr, "ticker status: %s: unknown option or missing value\n%s", o,
                    usage_text);
            return 2;
        }
    }
    struct error err = {0};
    char *path = statefile_path(file, &err);
    if (!path) {
        fprintf(stderr, "ticker status: %s\n", err.msg);
        return 2;
    }
    char msg[512];
    size_t len;
    char *data = file_read_all(path, 1024 * 1024, &len, msg, sizeof msg);
    if (!data) {
        fprintf(stderr, "ticker status: %s (is `ticker run` running, with this state directory?)\n",
                msg);
        free(path);
        return 2;
    }
    struct health h;
    if (!health_parse(data, len, &h, &err)) {
        if (err.line)
            fprintf(stderr, "ticker status: %s: line %d, column %d: %s\n", path, err.line,
                    err.column, err.msg);
        else
            fprintf(stderr, "ticker status: %s: %s\n", path, err.msg);
        free(data);
        free(path);
        return 2;
    }
    if (max_fetch_age >= 0)
        h.max_fetch_age = max_fetch_age;
    int64_t now = (int64_t)time(NULL);
    int rc = 0;
    if (json) {
        fwrite(data, 1, len, stdout);
    } else if (!check) {
        char *r = health_report(&h, now);
        fputs(r, stdout);
        free(r);
    }
    if (check) {
        struct health_problems p;
        if (!health_check(&h, now, &p))
            rc = 1;
        if (!json && rc == 0)
            printf("ok: %s, %lld stories\n", health_display_str(h.display), (long long)h.items);
        for (size_t i = 0; !json && i < p.n; i++)
            printf("unhealthy: %s\n", p.msg[i]);
    }
    health_clear(&h);
    free(data);
    free(path);
    return rc;
}
