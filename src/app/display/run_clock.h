/*
 * The wall display's clock: the system clock, or (test hook, TICKER_TEST_HOOKS=1) a wall clock
 * that starts at TICKER_TEST_CLOCK_START (Unix seconds) and runs TICKER_TEST_CLOCK_SCALE times
 * faster than real time, so a test sees days of night schedule in seconds. The monotonic
 * reading stays real in both: frames are paced by the display, not by the clock.
 *
 * Thread: any (read-only after runclock_init).
 */
#ifndef TICKER_APP_DISPLAY_RUN_CLOCK_H
#define TICKER_APP_DISPLAY_RUN_CLOCK_H

#include "io/clock.h"

struct runclock {
    struct clock clock;
    int64_t start_wall_ms, start_mono_ms;
    double scale;
};

/* The clock to use: &clock_system, or rc->clock when the test hook asks for a fast one. */
const struct clock *runclock_init(struct runclock *rc);

/* Real milliseconds until `wall_ms` more of the clock's wall time have passed (the same
 * number for the system clock): how long to sleep until a night-schedule change. */
int64_t runclock_real_ms(const struct runclock *rc, const struct clock *clk, int64_t wall_ms);

#endif
