/*
 * A caller's limit on the work one document may cost (docs/feeds.md, "Limits").
 *
 * The parsers of untrusted documents (feeds, HTML pages) are linear in their input as far as
 * we know, but the libraries under them have had quadratic corners (libxml2 2.9 is quadratic
 * in the attributes of one element). A budget bounds the next such corner too: the parser
 * asks `over` now and then (every few thousand elements or 64 KiB of input) and stops with an
 * error once it says yes. The core reads no clock, so the caller decides what "too much"
 * means; src/io/cpu_budget.h gives one measured in the thread's CPU time.
 *
 * Pure; a struct budget is used by one thread (the one parsing).
 */
#ifndef TICKER_CORE_BUDGET_H
#define TICKER_CORE_BUDGET_H

#include <stdbool.h>
#include <stddef.h>

struct budget {
    /* True once the document has used up its share; called from the parsing thread, a few
     * hundred times per document at most. NULL: no limit. */
    bool (*over)(void *ctx);
    void *ctx;
};

/* True when b (which may be NULL) says the work must stop. */
static inline bool budget_over(const struct budget *b)
{
    return b && b->over && b->over(b->ctx);
}

#endif
