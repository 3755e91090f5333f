/*
 * cpu_budget: the thread's CPU time behind a struct budget. No timing is asserted beyond
 * "spinning long enough runs the budget out, and waiting does not" (CPU time, not wall time).
 */
#include "check.h"
#include "io/cpu_budget.h"

#include <time.h>

static void spin_until_over(struct cpu_budget *cb, const struct budget *b)
{
    volatile unsigned long x = 0;
    for (;;) {
        for (int i = 0; i < 100000; i++)
            x += (unsigned long)i;
        if (budget_over(b) || cpu_budget_used(cb) > 30)
            return;
    }
}

int main(void)
{
    /* A generous budget is not over at once. */
    struct cpu_budget cb;
    const struct budget *b = cpu_budget_start(&cb, 60);
    CHECK(b && b->over && b->ctx == &cb);
    CHECK(!budget_over(b));

    /* Sleeping uses no CPU time: a 20 ms budget survives 50 ms of sleep. */
    b = cpu_budget_start(&cb, 0.02);
    struct timespec nap = {0, 50 * 1000 * 1000};
    nanosleep(&nap, NULL);
    CHECK_MSG(!budget_over(b), "used %.3f s while asleep", cpu_budget_used(&cb));

    /* Working does: the budget runs out, after (not before) its time, and stays out. */
    spin_until_over(&cb, b);
    CHECK(budget_over(b));
    CHECK_MSG(cpu_budget_used(&cb) >= 0.02, "over after %.3f s", cpu_budget_used(&cb));
    CHECK(budget_over(b));

    /* One second per 4 MiB, at least one. */
    CHECK(cpu_budget_for(0) == 1.0);
    CHECK(cpu_budget_for(4u * 1024 * 1024) == 1.0);
    CHECK(cpu_budget_for(8u * 1024 * 1024) == 2.0);
    return check_done();
}
