/*
 * jsonw: see jsonw.h. The escaper scans for the bytes that need escaping and copies the runs
 * between them in one append each; feed text rarely has any, so a string costs about one
 * memcpy.
 */
#include "core/jsonw.h"

#include "core/text.h"

#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* Non-zero for the bytes that need an escape: the character after the backslash, or 'u'. */
/* clang-format off */
static const char escape_of[256] = {
    ['\b'] = 'b', ['\f'] = 'f', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u', [0x05] = 'u',
    [0x06] = 'u', [0x07] = 'u', [0x0b] = 'u', [0x0e] = 'u', [0x0f] = 'u', [0x10] = 'u',
    [0x11] = 'u', [0x12] = 'u', [0x13] = 'u', [0x14] = 'u', [0x15] = 'u', [0x16] = 'u',
    [0x17] = 'u', [0x18] = 'u', [0x19] = 'u', [0x1a] = 'u', [0x1b] = 'u', [0x1c] = 'u',
    [0x1d] = 'u', [0x1e] = 'u', [0x1f] = 'u', ['"'] = '"',  ['\\'] = '\\',
};
/* clang-format on */

/* check: verify the UTF-8 on the way (else trust the caller that it is valid). */
static bool write_string(struct buf *b, const char *s, size_t len, bool check)
{
    bool ok = buf_append_char(b, '"');
    size_t run = 0;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (size_t i = 0; i < len; i++) {
        /* Skip eight bytes at a time while none is below 0x20, '"' or '\\'. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t q = w ^ ('"' * ones), bs = w ^ ('\\' * ones);
            uint64_t hit = ((w - 0x20 * ones) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs);
            if (check)
                hit |= w; /* non-ASCII: to the checks below */
            if (hit & highs)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (check && (unsigned char)s[i] >= 0x80) {
            /* Checked on the way: an invalid sequence is written as U+FFFD. */
            uint32_t cp;
            size_t n = text_utf8_decode(s + i, len - i, &cp);
            if (cp == 0xFFFD && !(n == 3 && !memcmp(s + i, "\xEF\xBF\xBD", 3))) {
                ok = buf_append(b, s + run, i - run) && ok;
                ok = buf_append(b, "\xEF\xBF\xBD", 3) && ok;
                run = i + n;
            }
            i += n - 1;
            continue;
        }
        char e = escape_of[(unsigned char)s[i]];
        if (!e)
            continue;
        ok = buf_append(b, s + run, i - run) && ok;
        char esc[7] = {'\\', e};
        size_t n = 2;
        if (e == 'u') {
            static const char hex[] = "0123456789abcdef";
            unsigned char c = (unsigned char)s[i];
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        ok = buf_append(b, esc, n) && ok;
        run = i + 1;
    }
    ok = buf_append(b, s + run, len - run) && ok;
    return buf_append_char(b, '"') && ok;
}

bool jsonw_string_n(struct buf *b, const char *s, size_t len)
{
    return write_string(b, s, len, true);
}

bool jsonw_string_utf8(struct buf *b, const char *s)
{
    if (!s)
        return buf_append(b, "null", 4);
    return write_string(b, s, strlen(s), false);
}

bool jsonw_member_utf8(struct buf *b, bool comma, const char *key, const char *value)
{
    bool ok = !comma || buf_append_char(b, ',');
    ok = jsonw_key(b, key) && ok;
    return jsonw_string_utf8(b, value) && ok;
}

bool jsonw_string(struct buf *b, const char *s)
{
    if (!s)
        return buf_append(b, "null", 4);
    return jsonw_string_n(b, s, strlen(s));
}

bool jsonw_key(struct buf *b, const char *key)
{
    bool ok = jsonw_string(b, key);
    return buf_append_char(b, ':') && ok;
}

bool jsonw_member_str(struct buf *b, bool comma, const char *key, const char *value)
{
    bool ok = !comma || buf_append_char(b, ',');
    ok = jsonw_key(b, key) && ok;
    return jsonw_string(b, value) && ok;
}

bool jsonw_int(struct buf *b, int64_t v)
{
    char s[24];
    int n = snprintf(s, sizeof s, "%" PRId64, v);
    return buf_append(b, s, (size_t)n);
}

char *jsonw_print(const cJSON *item, bool formatted)
{
    char *text = formatted ? cJSON_Print(item) : cJSON_PrintUnformatted(item);
    if (!text)
        abort(); /* cJSON fails only on allocation */
    size_t n = strlen(text), fixed_len;
    char *fixed = text_utf8_repair(text, n, &fixed_len);
    char *out = fixed ? fixed : xstrdup(text);
    cJSON_free(text);
    return out;
}
