/*
 * HTML character references. The named table is generated (entities_table.inc, sorted in
 * byte order) so lookup is a binary search over 2,231 entries: about 11 short memcmp calls.
 * The matching rules follow the HTML standard's "named character reference state" for text
 * content (not attribute values, which we never decode): longest match wins, and the 106
 * legacy names match without ';', even as a prefix of a longer word.
 */
#include "core/entities.h"

#include "core/text.h"
#include "core/util.h"

#include <string.h>

#include "core/entities_table.inc"

const struct entity *entities_lookup(const char *name, size_t len)
{
    unsigned char c0 = len ? (unsigned char)name[0] : 0;
    if (c0 == 0 || c0 >= 128)
        return NULL;
    /* Binary search within the names sharing the first character. */
    size_t lo = entities_first[c0], hi = entities_first[c0 + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct entity *e = &entities_table[mid];
        size_t n = len < e->len ? len : e->len, i = 1;
        while (i < n && name[i] == e->name[i])
            i++;
        int c = i < n ? (unsigned char)name[i] - (unsigned char)e->name[i]
                      : (len > e->len) - (len < e->len);
        if (c == 0)
            return e;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t entities_count(void)
{
    return ENTITIES_COUNT;
}

const struct entity *entities_at(size_t i)
{
    return i < ENTITIES_COUNT ? &entities_table[i] : NULL;
}

static bool is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static size_t decode_numeric(const unsigned char *s, size_t len, uint32_t *cp)
{
    size_t i = 2; /* past "&#" */
    bool hex = false;
    if (i < len && (s[i] == 'x' || s[i] == 'X')) {
        hex = true;
        i++;
    }
    size_t start = i;
    uint32_t v = 0;
    for (; i < len; i++) {
        int d = hex ? ascii_hexval(s[i]) : (ascii_isdigit(s[i]) ? s[i] - '0' : -1);
        if (d < 0)
            break;
        /* Saturate: anything past U+10FFFF is replaced anyway, however long the digits. */
        v = v > 0x10FFFF ? v : v * (hex ? 16 : 10) + (uint32_t)d;
    }
    if (i == start)
        return 0; /* "&#" or "&#x" without digits is text */
    if (i < len && s[i] == ';')
        i++;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    else if (v >= 0x80 && v <= 0x9F)
        v = text_cp1252_c1(v);
    *cp = v;
    return i;
}

size_t entities_decode(const char *str, size_t len, uint32_t cp[2], int *ncp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len < 2 || s[0] != '&')
        return 0;
    if (s[1] == '#') {
        size_t n = decode_numeric(s, len, &cp[0]);
        if (n) {
            cp[1] = 0;
            *ncp = 1;
        }
        return n;
    }
    size_t run = 0;
    while (1 + run < len && run < ENTITIES_LONGEST && is_alnum(s[1 + run]))
        run++;
    if (run == 0)
        return 0;
    const struct entity *e = NULL;
    if (1 + run < len && s[1 + run] == ';')
        e = entities_lookup(str + 1, run + 1);
    if (e) {
        run++;
    } else {
        /* Legacy names (at most 6 bytes) also match without ';' and as a prefix. */
        size_t n = run < 6 ? run : 6;
        for (; n >= 2 && !e; n--)
            e = entities_lookup(str + 1, n);
        if (!e)
            return 0;
        run = e->len;
    }
    cp[0] = e->cp[0];
    cp[1] = e->cp[1];
    *ncp = e->cp[1] ? 2 : 1;
    return 1 + run;
}
