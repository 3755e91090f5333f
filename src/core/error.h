/*
 * How a function tells its caller what went wrong (docs/architecture.md, "Errors and logs").
 *
 * A function that can fail returns bool, a pointer (NULL on failure) or, where callers act on
 * the kind of failure, an enum of kinds with a `_str()` function. The sentence for people goes
 * into a caller-provided `struct error`, with the position in the input where one is known.
 * The callee never prints: the caller decides whether to show, log or pass the message up,
 * adding its own context with error_prefix ("feeds.json: line 3, column 7: ...").
 *
 * Pure and thread-safe: a struct error belongs to whoever declared it.
 */
#ifndef TICKER_CORE_ERROR_H
#define TICKER_CORE_ERROR_H

#include <stdbool.h>

struct error {
    char msg[256]; /* for people, no trailing newline; "" when nothing went wrong */
    int line;      /* 1-based position in the input the message is about; 0 when unknown */
    int column;
};

/* Empties e (NULL is fine). */
void error_clear(struct error *e);

/* Sets the message (cut to fit; the position becomes unknown) and returns false, so that
 * `return error_set(err, "...", ...);` ends a failing bool function. e may be NULL. */
bool error_set(struct error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same with a position in the input. */
bool error_set_at(struct error *e, int line, int column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Puts "context: " before the message (the position is kept). Returns false. e may be NULL. */
bool error_prefix(struct error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when e holds a message. */
static inline bool error_is_set(const struct error *e)
{
    return e && e->msg[0] != '\0';
}

#endif
