/*
 * Allocation wrappers and the capped buffer. Out of memory is the single fatal condition in
 * the program (docs/architecture.md "Errors and logs"): it is reported once, here, and aborts.
 */
#include "core/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
    fprintf(stderr, "ticker: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        oom(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

void *xreallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    return xrealloc(p, count * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = xmalloc(len + 1);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom(0);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

bool buf_append(struct buf *b, const void *data, size_t len)
{
    if (b->cap_limit && (len > b->cap_limit || b->len > b->cap_limit - len)) {
        b->overflow = true;
        return false;
    }
    if (b->len + len + 1 > b->alloc) {
        size_t want = b->alloc ? b->alloc : 64;
        while (want < b->len + len + 1)
            want *= 2;
        b->data = xrealloc(b->data, want);
        b->alloc = want;
    }
    if (len)
        memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return true;
}

bool buf_append_str(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

bool buf_append_char(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

bool buf_printf(struct buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof small)
        return buf_append(b, small, (size_t)n);
    char *big = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    bool ok = buf_append(b, big, (size_t)n);
    free(big);
    return ok;
}

char *buf_steal(struct buf *b)
{
    char *d = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->alloc = 0;
    b->overflow = false;
    return d;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    b->overflow = false;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->alloc = 0;
    b->overflow = false;
}

int ascii_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = ascii_tolower((unsigned char)*a), cb = ascii_tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int ascii_strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int ca = ascii_tolower((unsigned char)*a), cb = ascii_tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
    return 0;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when the bytes there are not one
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t utf8_valid_len(const unsigned char *s)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned min, cp;
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2, min = 0x80, cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3, min = 0x800, cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

char *str_printable(char *dst, size_t cap, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!cap)
        return dst;
    size_t at = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        char esc[8];
        const void *piece = p;
        size_t plen, adv;
        size_t n = utf8_valid_len(p);
        if (n == 1 && *p >= 0x20 && *p != 0x7f && *p != '\\') {
            plen = adv = 1;
        } else if (n == 1 && *p == '\\') {
            piece = "\\\\", plen = 2, adv = 1;
        } else if (n == 2 && p[0] == 0xc2 && p[1] < 0xa0) { /* C1 control */
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[p[1] >> 4], esc[5] = hex[p[1] & 15];
            piece = esc, plen = 6, adv = 2;
        } else if (n >= 2) {
            plen = adv = n;
        } else { /* a control, DEL or a byte that is not UTF-8 */
            esc[0] = '\\', esc[1] = 'x', esc[2] = hex[*p >> 4], esc[3] = hex[*p & 15];
            piece = esc, plen = 4, adv = 1;
        }
        if (plen > cap - 1 - at)
            break;
        memcpy(dst + at, piece, plen);
        at += plen;
        p += adv;
    }
    dst[at] = '\0';
    return dst;
}

char *xstrprintable(const char *s)
{
    /* One input byte becomes at most four output bytes (\\xNN; a C1 pair becomes six). */
    size_t cap = strlen(s ? s : "") * 4 + 1;
    return str_printable(xmalloc(cap), cap, s);
}

uint64_t hash_fnv1a64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
