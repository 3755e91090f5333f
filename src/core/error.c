/*
 * struct error: a fixed-size message and a position. Fixed size so that failing never
 * allocates and an error can live on the stack of any thread.
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(struct error *e)
{
    if (e) {
        e->msg[0] = '\0';
        e->line = e->column = 0;
    }
}

static void error_vset(struct error *e, int line, int column, const char *fmt, va_list ap)
{
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    e->line = line;
    e->column = column;
}

bool error_set(struct error *e, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(e, 0, 0, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool error_set_at(struct error *e, int line, int column, const char *fmt, ...)
{
    if (e) {
        va_list ap;
        va_start(ap, fmt);
        error_vset(e, line, column, fmt, ap);
        va_end(ap);
    }
    return false;
}

bool error_prefix(struct error *e, const char *fmt, ...)
{
    if (!e)
        return false;
    char head[sizeof e->msg];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    /* head + ": " + the old message, cut to fit. */
    char joined[sizeof e->msg];
    size_t cap = sizeof joined - 1, hl = strlen(head), ml = strlen(e->msg), at = 0;
    if (hl > cap)
        hl = cap;
    memcpy(joined, head, hl);
    at = hl;
    for (const char *sep = ": "; *sep && at < cap; sep++)
        joined[at++] = *sep;
    if (ml > cap - at)
        ml = cap - at;
    memcpy(joined + at, e->msg, ml);
    joined[at + ml] = '\0';
    memcpy(e->msg, joined, sizeof e->msg);
    return false;
}
