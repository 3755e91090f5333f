/*
 * The wall display's clock: the system clock, or (test hook, TICKER_TEST_HOOKS=1) a wall clock
 * that shows TICKER_TEST_CLOCK_START (Unix seconds) until the first frame is on screen (or the
 * night schedule has the screen off from the start) and from then on runs TICKER_TEST_CLOCK_SCALE times faster than real time, so a test sees days of
 * night schedule in seconds whatever the start-up cost on a busy machine. The monotonic
 * reading stays real in both: frames are paced by the display, not by the clock.
 *
 * Thread: any (read-only after runclock_init).
 */
#ifndef TICKER_APP_DISPLAY_RUN_CLOCK_H
#define TICKER_APP_DISPLAY_RUN_CLOCK_H

#include "io/clock.h"

struct runclock {
    struct clock clock;
    int64_t start_wall_ms;
    _Atomic int64_t start_mono_ms; /* 0 until runclock_start: the clock stands still */
    double scale;
};

/* The clock to use: &clock_system, or rc->clock when the test hook asks for a fast one. */
const struct clock *runclock_init(struct runclock *rc);

/* Lets the test clock run (at the first frame, or when the screen starts off for the night).
 * Render thread; a no-op for the system clock and when it runs already. */
void runclock_start(struct runclock *rc);

/* Real milliseconds until `wall_ms` more of the clock's wall time have passed (the same
 * number for the system clock): how long to sleep until a night-schedule change. */
int64_t runclock_real_ms(const struct runclock *rc, const struct clock *clk, int64_t wall_ms);

#endif
