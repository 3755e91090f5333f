/*
 * cpu_budget: the thread's CPU clock behind a struct budget. Reading CLOCK_THREAD_CPUTIME_ID
 * is a system call (about a microsecond), which is why the parsers ask only every few
 * thousand elements.
 */
#include "io/cpu_budget.h"

static double cpu_now(void)
{
    struct timespec t;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0; /* no CPU clock: the budget never runs out */
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool over(void *ctx)
{
    struct cpu_budget *cb = ctx;
    if (!cb->spent && cpu_budget_used(cb) > cb->seconds)
        cb->spent = true;
    return cb->spent;
}

const struct budget *cpu_budget_start(struct cpu_budget *cb, double seconds)
{
    cb->hook.over = over;
    cb->hook.ctx = cb;
    cb->seconds = seconds;
    cb->spent = false;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cb->start) != 0)
        cb->start = (struct timespec){0};
    return &cb->hook;
}

double cpu_budget_used(const struct cpu_budget *cb)
{
    double start = (double)cb->start.tv_sec + (double)cb->start.tv_nsec / 1e9;
    double used = cpu_now() - start;
    return used > 0 ? used : 0;
}

double cpu_budget_for(size_t bytes)
{
    const double per_second = 4.0 * 1024 * 1024;
    double s = (double)bytes / per_second;
    return s > 1.0 ? s : 1.0;
}
