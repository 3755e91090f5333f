/*
 * A struct budget (core/budget.h) measured in the calling thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID): a document being parsed may use so many seconds of the thread's
 * own processor time, whatever else the machine is doing. Used for every untrusted document:
 * the fetch worker's feeds and article pages, `ticker parse` and `ticker summarize`.
 *
 * Thread: a cpu_budget is started and asked on one thread (it measures that thread).
 */
#ifndef TICKER_IO_CPU_BUDGET_H
#define TICKER_IO_CPU_BUDGET_H

#include "core/budget.h"

#include <stddef.h>
#include <time.h>

struct cpu_budget {
    struct budget hook; /* what the parsers are given (hook.ctx is this struct) */
    struct timespec start;
    double seconds;
    bool spent; /* once over, always over */
};

/* Starts the clock for one document that may use `seconds` of this thread's CPU time, and
 * returns the hook for its parse options (valid as long as *cb). */
const struct budget *cpu_budget_start(struct cpu_budget *cb, double seconds);

/* The CPU time a document of `bytes` may use: one second per 4 MiB, at least one second. A
 * quadratic corner of a library must not freeze the news, and a big honest feed must still
 * parse on a Pi Zero 2 W (about ten times slower than a desktop, where 8 MiB take 0.15 s). */
double cpu_budget_for(size_t bytes);

/* The thread's CPU time used since cpu_budget_start, in seconds. */
double cpu_budget_used(const struct cpu_budget *cb);

/*
 * For one-shot commands whose work cannot ask a budget as it goes (`ticker summarize` runs
 * libraries that take no callback): the process may use `seconds` more CPU time (whole
 * seconds, rounded up; RLIMIT_CPU); past that, `message` (copied; a line for standard error)
 * is written and the process exits with status 2. Never for the display or the fetch worker:
 * the limit is the whole process's. Returns false when the limit cannot be set.
 */
bool cpu_budget_limit_process(double seconds, const char *message);

#endif
