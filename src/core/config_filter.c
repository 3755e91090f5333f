/*
 * Exclude filters: a word or phrase from the configuration hides every story whose title or
 * summary contains it as whole words, ignoring case.
 *
 * Both sides are folded first: letters to lower case (ASCII, Latin-1, Latin Extended-A, Greek,
 * Cyrillic: what European news uses; no full Unicode case table) and every run of whitespace
 * to one space. A match counts only where it does not continue a word on either side, so the
 * filter "war" hides "War in ..." but not "Warsaw" or "award". Letters outside ASCII count as
 * word characters, so "Bär" does not match inside "Bärenmarkt".
 */
#include "core/config.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* A small UTF-8 decoder of our own: invalid bytes decode as themselves, one at a time. */
static size_t utf8_next(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || len < 2) {
        *cp = u[0];
        return 1;
    }
    size_t n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || n > len) {
        *cp = u[0];
        return 1;
    }
    uint32_t c = u[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = u[0];
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    *cp = c;
    return n;
}

static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c < 0xC0)
        return c;
    if (c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x137)
        return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return (c & 1) ? c + 1 : c;
    if (c >= 0x14A && c <= 0x177)
        return c | 1;
    if (c == 0x178)
        return 0xFF;
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    return c;
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x3000;
}

static bool is_word(uint32_t c)
{
    if (c < 0x80)
        return ascii_isalpha((int)c) || ascii_isdigit((int)c);
    /* Latin-1 punctuation and symbols, general punctuation, CJK punctuation: not words. */
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return false;
    if ((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFF0F))
        return false;
    return true;
}

static void append_cp(struct buf *b, uint32_t c)
{
    char out[4];
    size_t n;
    if (c < 0x80) {
        out[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        out[0] = (char)(0xF0 | (c >> 18));
        out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    buf_append(b, out, n);
}

/* Folded copy with whitespace runs collapsed and trimmed. Invalid bytes map to U+FFFD (a
 * word character, harmless). */
static char *fold_text_opt(const char *s, bool drop_punct)
{
    struct buf b = {0};
    size_t len = strlen(s);
    bool pending_space = false;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t n = utf8_next(s + i, len - i, &c);
        if (n == 1 && (unsigned char)s[i] >= 0x80)
            c = 0xFFFD;
        i += n;
        if (is_space(c) || (drop_punct && !is_word(c))) {
            pending_space = b.len > 0;
            continue;
        }
        if (pending_space)
            buf_append_char(&b, ' ');
        pending_space = false;
        append_cp(&b, fold(c));
    }
    return buf_steal(&b);
}

static char *fold_text(const char *s)
{
    return fold_text_opt(s, false);
}

char *config_fold(const char *s, bool drop_punct)
{
    return fold_text_opt(s, drop_punct);
}

static uint32_t cp_before(const char *s, size_t pos)
{
    if (pos == 0)
        return ' ';
    size_t start = pos - 1;
    while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80)
        start--;
    uint32_t c;
    utf8_next(s + start, pos - start, &c);
    return c;
}

static uint32_t cp_at(const char *s, size_t pos, size_t len)
{
    if (pos >= len)
        return ' ';
    uint32_t c;
    utf8_next(s + pos, len - pos, &c);
    return c;
}

static bool contains_words(const char *hay, const char *needle)
{
    size_t hl = strlen(hay), nl = strlen(needle);
    if (nl == 0 || nl > hl)
        return false;
    uint32_t first = cp_at(needle, 0, nl), last = cp_before(needle, nl);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) {
        size_t at = (size_t)(p - hay);
        bool left_ok = !is_word(first) || !is_word(cp_before(hay, at));
        bool right_ok = !is_word(last) || !is_word(cp_at(hay, at + nl, hl));
        if (left_ok && right_ok)
            return true;
    }
    return false;
}

bool config_filter_excludes(const char *const *filters, size_t n_filters, const char *title,
                            const char *summary)
{
    if (n_filters == 0 || (!title && !summary))
        return false;
    char *t = title ? fold_text(title) : NULL;
    char *s = summary ? fold_text(summary) : NULL;
    bool hit = false;
    for (size_t i = 0; i < n_filters && !hit; i++) {
        char *f = fold_text(filters[i]);
        hit = (t && contains_words(t, f)) || (s && contains_words(s, f));
        free(f);
    }
    free(t);
    free(s);
    return hit;
}
