/* The fast test clock (run_clock.h). */
#include "app/display/run_clock.h"

#include "core/log.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static int64_t fast_wall(const struct clock *c)
{
    const struct runclock *rc = (const struct runclock *)c;
    int64_t t0 = atomic_load(&rc->start_mono_ms);
    if (!t0)
        return rc->start_wall_ms;
    int64_t real = clock_monotonic_ms(&clock_system) - t0;
    return rc->start_wall_ms + (int64_t)((double)real * rc->scale);
}

static int64_t real_mono(const struct clock *c)
{
    (void)c;
    return clock_monotonic_ms(&clock_system);
}

const struct clock *runclock_init(struct runclock *rc)
{
    const char *hooks = getenv("TICKER_TEST_HOOKS");
    const char *start = getenv("TICKER_TEST_CLOCK_START");
    const char *scale = getenv("TICKER_TEST_CLOCK_SCALE");
    if (!hooks || strcmp(hooks, "1") || (!start && !scale))
        return &clock_system;
    rc->clock.wall_ms = fast_wall;
    rc->clock.monotonic_ms = real_mono;
    atomic_store(&rc->start_mono_ms, 0);
    rc->start_wall_ms = start ? strtoll(start, NULL, 10) * 1000 : clock_wall_ms(&clock_system);
    rc->scale = scale ? strtod(scale, NULL) : 1.0;
    if (!(rc->scale > 0))
        rc->scale = 1.0;
    log_info("run", "test clock: starts at %lld, %.0f times real time",
             (long long)(rc->start_wall_ms / 1000), rc->scale);
    return &rc->clock;
}

void runclock_start(struct runclock *rc)
{
    if (rc->clock.wall_ms && !atomic_load(&rc->start_mono_ms)) {
        int64_t now = clock_monotonic_ms(&clock_system);
        atomic_store(&rc->start_mono_ms, now > 0 ? now : 1);
    }
}

int64_t runclock_real_ms(const struct runclock *rc, const struct clock *clk, int64_t wall_ms)
{
    if (clk != &rc->clock || !(rc->scale > 0))
        return wall_ms;
    return (int64_t)((double)wall_ms / rc->scale);
}
