/*
 * The application's log sink (logsink.h). Each message is written with one fprintf call, which
 * glibc performs under the stream's lock, so lines from the render and worker threads never
 * interleave.
 */
#include "app/logsink.h"

#include "core/log.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum logsink_style {
    LOGSINK_PLAIN,    /* "ticker: module: message" */
    LOGSINK_JOURNAL,  /* "<3>module: message" */
    LOGSINK_TERMINAL, /* "14:32:05 warning module: message" */
};

/* Set once by logsink_install before threads start; read-only afterwards. */
static enum logsink_style logsink_style;

/* True when stderr is the stream systemd connected to the journal: JOURNAL_STREAM holds its
 * "device:inode" (systemd.exec(5)), which a child with a redirected stderr does not match. */
static bool stderr_is_journal(void)
{
    const char *js = getenv("JOURNAL_STREAM");
    if (!js)
        return false;
    unsigned long long dev, ino;
    if (sscanf(js, "%llu:%llu", &dev, &ino) != 2)
        return false;
    struct stat st;
    if (fstat(STDERR_FILENO, &st) != 0)
        return false;
    return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

static void logsink_write(void *ctx, enum log_level level, const char *module, const char *msg)
{
    (void)ctx;
    switch (logsink_style) {
    case LOGSINK_JOURNAL: {
        /* sd-daemon(3) priorities: err 3, warning 4, info 6, debug 7. */
        static const int prio[] = {[LOG_LEVEL_ERROR] = 3,
                                   [LOG_LEVEL_WARN] = 4,
                                   [LOG_LEVEL_INFO] = 6,
                                   [LOG_LEVEL_DEBUG] = 7};
        fprintf(stderr, "<%d>%s: %s\n", prio[level], module, msg);
        break;
    }
    case LOGSINK_TERMINAL: {
        time_t now = time(NULL);
        struct tm tm;
        char stamp[16] = "";
        if (localtime_r(&now, &tm))
            strftime(stamp, sizeof stamp, "%H:%M:%S", &tm);
        fprintf(stderr, "%s %s %s: %s\n", stamp, log_level_str(level), module, msg);
        break;
    }
    case LOGSINK_PLAIN:
        fprintf(stderr, "ticker: %s%s: %s\n",
                level == LOG_LEVEL_ERROR  ? "error: "
                : level == LOG_LEVEL_WARN ? "warning: "
                                          : "",
                module, msg);
        break;
    }
}

void logsink_install(void)
{
    if (stderr_is_journal())
        logsink_style = LOGSINK_JOURNAL;
    else if (isatty(STDERR_FILENO))
        logsink_style = LOGSINK_TERMINAL;
    else
        logsink_style = LOGSINK_PLAIN;
    enum log_level max = LOG_LEVEL_INFO;
    const char *want = getenv("TICKER_LOG_LEVEL");
    if (want) {
        if (!strcmp(want, "debug"))
            max = LOG_LEVEL_DEBUG;
        else if (!strcmp(want, "warning"))
            max = LOG_LEVEL_WARN;
        else if (!strcmp(want, "error"))
            max = LOG_LEVEL_ERROR;
    }
    log_set_sink(logsink_write, NULL, max);
}
