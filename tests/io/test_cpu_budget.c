/*
 * cpu_budget: the thread's CPU time behind a struct budget. No timing is asserted beyond
 * "spinning long enough runs the budget out, and waiting does not" (CPU time, not wall time).
 */
#include "check.h"
#include "io/cpu_budget.h"

#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Burns CPU until the budget says it is over (or 30 s, a safety net); returns the work done so
 * that the compiler cannot drop the loop. */
static unsigned long spin_until_over(struct cpu_budget *cb, const struct budget *b)
{
    volatile unsigned long x = 0;
    for (;;) {
        for (int i = 0; i < 100000; i++)
            x = x + (unsigned long)i;
        if (budget_over(b) || cpu_budget_used(cb) > 30)
            return x;
    }
}

/* The process limit: a child that spins past one second is stopped with the message and
 * status 2 (and one that stays within it is not). */
static void test_process_limit(void)
{
    for (int spin = 0; spin <= 1; spin++) {
        check_case("process limit, %s", spin ? "spinning" : "idle");
        int fds[2];
        CHECK(pipe(fds) == 0);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            dup2(fds[1], STDERR_FILENO);
            close(fds[0]);
            if (!cpu_budget_limit_process(1, "limit reached: stopped"))
                _exit(3);
            if (spin) {
                struct cpu_budget cb;
                spin_until_over(&cb, cpu_budget_start(&cb, 20));
            }
            _exit(0);
        }
        close(fds[1]);
        char msg[128] = "";
        ssize_t n = read(fds[0], msg, sizeof msg - 1);
        msg[n > 0 ? n : 0] = '\0';
        close(fds[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK_INT(WEXITSTATUS(status), spin ? 2 : 0);
        CHECK_STR(msg, spin ? "limit reached: stopped\n" : "");
    }
    check_case_end();
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
    CHECK(spin_until_over(&cb, b) > 0);
    CHECK(budget_over(b));
    CHECK_MSG(cpu_budget_used(&cb) >= 0.02, "over after %.3f s", cpu_budget_used(&cb));
    CHECK(budget_over(b));

    /* One second per 4 MiB, at least one. */
    CHECK(cpu_budget_for(0) == 1.0);
    CHECK(cpu_budget_for(4u * 1024 * 1024) == 1.0);
    CHECK(cpu_budget_for(8u * 1024 * 1024) == 2.0);
    test_process_limit();
    return check_done();
}
