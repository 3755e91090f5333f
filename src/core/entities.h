/*
 * HTML character references (internal to the text module): the HTML standard's 2,231 named
 * references, looked up by binary search in a generated sorted table
 * (src/core/gen_entities.py), and numeric references with the standard's repairs.
 *
 * Pure, no state, thread-safe.
 */
#ifndef TICKER_CORE_ENTITIES_H
#define TICKER_CORE_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

struct entity {
    const char *name; /* with its ';' where the standard has one */
    unsigned char len;
    uint32_t cp[2]; /* one or two code points; cp[1] == 0 when one */
};

/*
 * Exact lookup of a name as written in the table ("amp;", "amp", "NotNestedGreaterGreater;").
 * Returns the entry or NULL.
 */
const struct entity *entities_lookup(const char *name, size_t len);

/* The table itself, for tests: entities_count() entries in byte order of name. */
size_t entities_count(void);
const struct entity *entities_at(size_t i);

/*
 * Decodes the character reference at s (s[0] == '&', len bytes available) the way the HTML
 * standard does in text content: the longest matching name (legacy names such as "&amp" and
 * "&copy" also without ';', and as prefixes: "&notit;" is "¬it;"), or a decimal / hex numeric
 * reference (';' optional; 0, surrogates and values past U+10FFFF become U+FFFD; 0x80-0x9F are
 * read as windows-1252). Returns the bytes consumed and stores 1 or 2 code points in cp and
 * their number in *ncp, or returns 0 when s does not start a reference (the '&' is text).
 */
size_t entities_decode(const char *s, size_t len, uint32_t cp[2], int *ncp);

#endif
