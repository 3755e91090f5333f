/*
 * cpu_budget: the thread's CPU clock behind a struct budget. Reading CLOCK_THREAD_CPUTIME_ID
 * is a system call (about a microsecond), which is why the parsers ask only every few
 * thousand elements.
 */
#include "io/cpu_budget.h"

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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

/* The message written when the process limit is reached, set before the limit: a signal
 * handler can reach nothing else (the one piece of process-wide state here, written once). */
static char limit_message[512];
static size_t limit_message_len;

static void on_xcpu(int sig)
{
    (void)sig;
    /* async-signal-safe: write and _exit only */
    ssize_t w = write(STDERR_FILENO, limit_message, limit_message_len);
    (void)w;
    _exit(2);
}

bool cpu_budget_limit_process(double seconds, const char *message)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return false;
    double used = (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
                  ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
    struct rlimit old;
    if (getrlimit(RLIMIT_CPU, &old) != 0)
        return false;
    rlim_t soft = (rlim_t)ceil(used + seconds);
    if (old.rlim_max != RLIM_INFINITY && soft >= old.rlim_max)
        return false; /* a stricter limit is already there */
    snprintf(limit_message, sizeof limit_message, "%s\n", message);
    limit_message_len = strlen(limit_message);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_xcpu;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGXCPU, &sa, NULL) != 0)
        return false;
    /* the hard limit a little later: the kernel kills with SIGKILL there */
    struct rlimit lim = {.rlim_cur = soft, .rlim_max = soft + 2};
    if (old.rlim_max != RLIM_INFINITY && lim.rlim_max > old.rlim_max)
        lim.rlim_max = old.rlim_max;
    return setrlimit(RLIMIT_CPU, &lim) == 0;
}
