/*
 * What reaches the wall display from outside its window: signals and changes to its
 * configuration file (docs/display.md, "Signals and reloading").
 *
 *   SIGTERM, SIGINT   quit (the loop ends, the worker stops, the cache is closed cleanly)
 *   SIGHUP            reload the configuration
 *   the file changed  reload, once the file has been quiet for RUNSIG_SETTLE_MS (an editor
 *                     writes in several steps; one that replaces the file by renaming a new
 *                     one over it is seen too, because the directory is watched)
 *   SIGUSR1           test hook, only with TICKER_TEST_HOOKS=1: stall the render loop (to
 *                     check that the watchdog stops); otherwise ignored
 *
 * Signals are blocked in every thread and read from a signalfd, so no handler runs at an
 * awkward moment and the night-time sleep wakes at once. runsig_open must run before any other
 * thread exists (SDL's, libcurl's, the worker), which inherit the mask.
 *
 * Thread: the main (render) thread.
 */
#ifndef TICKER_APP_DISPLAY_RUN_SIGNALS_H
#define TICKER_APP_DISPLAY_RUN_SIGNALS_H

#include "core/error.h"
#include "io/clock.h"

#include <stdbool.h>
#include <stdint.h>

#define RUNSIG_SETTLE_MS 300

enum {
    RUNSIG_QUIT = 1,
    RUNSIG_RELOAD = 2,
    RUNSIG_STALL = 4, /* test hook */
};

struct runsig;

/* Blocks the signals and opens their descriptor. NULL with a message in err. */
struct runsig *runsig_open(struct error *err);

/* Watches the configuration file at path (NULL: stop watching). false with a message when
 * inotify refuses; signals still work. */
bool runsig_watch(struct runsig *s, const char *path, struct error *err);

/*
 * Waits up to timeout_ms (0: does not wait) for a signal or a settled change of the
 * configuration file and returns what happened (RUNSIG_* bits, 0 for nothing). The clock's
 * monotonic time measures the settling delay.
 */
unsigned runsig_wait(struct runsig *s, int timeout_ms, const struct clock *clk);

/* The name of the last quit signal ("SIGTERM"), for the log. */
const char *runsig_last(const struct runsig *s);

void runsig_close(struct runsig *s);

#endif
