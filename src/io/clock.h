/*
 * The one clock of the running program (docs/architecture.md): everything in io, render and
 * the runtime that needs "now" asks a struct clock, never time() or clock_gettime directly, so
 * a test can replace it and run days of polls, backoff, retention and night schedule in
 * seconds. The pure core never reads a clock at all: it takes times as arguments.
 *
 * Two readings: wall time (Unix milliseconds: schedules, ages, the clock on screen) and
 * monotonic time (milliseconds from an arbitrary start: frame pacing, timeouts), which never
 * jumps when NTP sets the wall clock.
 *
 * Thread: a clock is read from any thread; clock_manual's setters too (atomics).
 */
#ifndef TICKER_IO_CLOCK_H
#define TICKER_IO_CLOCK_H

#include <stdatomic.h>
#include <stdint.h>

struct clock {
    int64_t (*wall_ms)(const struct clock *c);      /* Unix time in milliseconds */
    int64_t (*monotonic_ms)(const struct clock *c); /* never goes back */
};

/* The system's clocks (CLOCK_REALTIME, CLOCK_MONOTONIC). */
extern const struct clock clock_system;

static inline int64_t clock_wall_ms(const struct clock *c)
{
    return c->wall_ms(c);
}
static inline int64_t clock_monotonic_ms(const struct clock *c)
{
    return c->monotonic_ms(c);
}

/* A clock that moves only when told (tests, simulations): both readings advance together.
 * Initialise with clock_manual_init; use &m->clock wherever a struct clock is wanted. */
struct clock_manual {
    struct clock clock;
    _Atomic int64_t wall_ms;
    _Atomic int64_t monotonic_ms;
};

void clock_manual_init(struct clock_manual *m, int64_t wall_ms);
void clock_manual_advance(struct clock_manual *m, int64_t ms);

#endif
