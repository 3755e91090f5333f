/*
 * `ticker status`: the wall display's status file (written by `ticker run` every 10 seconds)
 * for people, and `--check` for monitoring: exit status 0 healthy, 1 unhealthy, 2 no readable
 * status file (which is unhealthy too: nothing is running or it cannot write).
 */
#include "app/commands.h"
#include "app/options.h"
#include "app/statefile.h"

#include "core/health.h"
#include "core/util.h"
#include "io/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int cmd_status(int argc, char **argv)
{
    const char *file = NULL;
    bool check = false, json = false;
    long long max_fetch_age = -1;
    const struct options_opt opts[] = {
        OPTIONS_STRING("file", "FILE", &file,
                       "The status file, instead of status.json in $STATE_DIRECTORY, "
                       "$XDG_STATE_HOME/ticker or ~/.local/state/ticker."),
        OPTIONS_FLAG("check", &check,
                     "For monitoring: prints ok or the problems, exits 1 when the display is "
                     "unhealthy (no frame for 30 s, no successful fetch for too long)."),
        OPTIONS_FLAG("json", &json, "Prints the status file as it is."),
        OPTIONS_INT("max-fetch-age", "SECONDS", &max_fetch_age, 0, 30LL * 24 * 3600,
                    "Unhealthy after this long without a successful fetch, instead of the "
                    "running display's \"status\": {\"max_fetch_age\"} (0: never)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "status",
        .about = "Prints the wall display's status, which `ticker run` writes every 10 s; "
                 "exits 2 when there is none to read.",
        .opts = opts,
    };
    int n_args, rc = options_parse(&spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    struct error err = {0};
    char *path = statefile_path(file, &err);
    if (!path) {
        fprintf(stderr, "ticker status: %s\n", err.msg);
        return 2;
    }
    struct error msg = {0};
    size_t len;
    char *data = file_read_all(path, 1024 * 1024, &len, &msg);
    if (!data) {
        fprintf(stderr, "ticker status: %s (is `ticker run` running, with this state directory?)\n",
                msg.msg);
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
    rc = 0;
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
