/* The system clock and the manual clock of clock.h. */
#include "io/clock.h"

#include <stdint.h>
#include <time.h>

static int64_t read_clock(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t system_wall_ms(const struct clock *c)
{
    (void)c;
    return read_clock(CLOCK_REALTIME);
}

static int64_t system_monotonic_ms(const struct clock *c)
{
    (void)c;
    return read_clock(CLOCK_MONOTONIC);
}

const struct clock clock_system = {system_wall_ms, system_monotonic_ms};

static int64_t manual_wall_ms(const struct clock *c)
{
    return atomic_load(&((struct clock_manual *)(uintptr_t)c)->wall_ms);
}

static int64_t manual_monotonic_ms(const struct clock *c)
{
    return atomic_load(&((struct clock_manual *)(uintptr_t)c)->monotonic_ms);
}

void clock_manual_init(struct clock_manual *m, int64_t wall_ms)
{
    m->clock = (struct clock){manual_wall_ms, manual_monotonic_ms};
    atomic_store(&m->wall_ms, wall_ms);
    atomic_store(&m->monotonic_ms, 0);
}

void clock_manual_advance(struct clock_manual *m, int64_t ms)
{
    atomic_fetch_add(&m->wall_ms, ms);
    atomic_fetch_add(&m->monotonic_ms, ms);
}
