/*
 * Small shared helpers: allocation that aborts on out-of-memory (the one place the program
 * gives up), and a growable byte buffer with a hard cap.
 *
 * Every x* function either succeeds or aborts; callers never check for NULL.
 */
#ifndef TICKER_CORE_UTIL_H
#define TICKER_CORE_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation. The caller owns the result and frees it with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of count elements of size each; aborts on overflow. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A growable byte buffer, always NUL-terminated after len bytes. `cap_limit` (0: none) is the
 * most bytes it may hold: appends past it fail and set `overflow`, which is an ordinary error
 * for the caller to report, never a crash.
 */
struct buf {
    char *data; /* NULL until the first append */
    size_t len;
    size_t alloc;
    size_t cap_limit; /* 0 = unlimited */
    bool overflow;    /* an append was refused by cap_limit */
};

/* Returns false (and sets b->overflow) when the cap would be exceeded. */
bool buf_append(struct buf *b, const void *data, size_t len);
bool buf_append_str(struct buf *b, const char *s);
bool buf_append_char(struct buf *b, char c);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (free() it; never NULL) and resets the buffer. */
char *buf_steal(struct buf *b);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* ASCII-only helpers: locale-independent, safe on signed or unsigned char. */
static inline bool ascii_isspace(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
static inline bool ascii_isdigit(int c)
{
    return c >= '0' && c <= '9';
}
static inline bool ascii_isalpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int ascii_tolower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}
/* The value of a hexadecimal digit (either case), -1 for anything else. */
static inline int ascii_hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
int ascii_strcasecmp(const char *a, const char *b);
int ascii_strncasecmp(const char *a, const char *b, size_t n);

/*
 * Text from outside (feeds, HTTP headers, files) made safe to show on a terminal or in a log:
 * copies s into dst (cap bytes, always NUL-terminated; cut at a character boundary) with every
 * C0 control (tab and newline included), DEL and byte that is not part of valid UTF-8 written
 * as \xNN, C1 controls (U+0080..U+009F) as \u00NN and a backslash as \\. Everything else,
 * all printable UTF-8, is kept. Returns dst.
 */
char *str_printable(char *dst, size_t cap, const char *s);
/* The same into a new string; the caller frees it. */
char *xstrprintable(const char *s);

/* FNV-1a 64-bit hash, used for stable ids where a feed gives none. */
uint64_t hash_fnv1a64(const void *data, size_t len, uint64_t seed);
#define HASH_FNV1A64_INIT 0xcbf29ce484222325ULL

#endif
