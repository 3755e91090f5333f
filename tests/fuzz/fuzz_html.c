/*
 * Fuzz target for the text cleaner. The first byte picks the mode and a length cap; the rest is
 * the fragment. Asserts the output contract of text.h: valid UTF-8; no control characters but
 * '\n' (TEXT_BLOCK only) and no tab; no leading, trailing or doubled spaces; at most one blank
 * line; within the cap. And differentially: where the lean tokenizer accepts a fragment, its
 * text must equal libxml2's (compared without whitespace: libxml2 drops some blank text nodes
 * between elements, which only moves spaces).
 */
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "fuzz_html: %s:%d: %s\n", __FILE__, __LINE__, #c);                     \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void check_clean(const char *s, enum text_mode mode, size_t max_bytes)
{
    size_t n = strlen(s);
    ASSERT(text_is_valid_utf8(s, n));
    if (max_bytes)
        ASSERT(n <= max_bytes);
    if (n == 0)
        return;
    ASSERT(s[0] != ' ' && s[0] != '\n');
    ASSERT(s[n - 1] != ' ' && s[n - 1] != '\n');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        ASSERT(c >= 0x20 || (c == '\n' && mode == TEXT_BLOCK));
        ASSERT(c != 0x7F);
        if (c == 0xC2 && i + 1 < n)
            ASSERT((unsigned char)s[i + 1] > 0x9F); /* no C1 controls, no U+00A0 */
        if (c == ' ' && i + 1 < n)
            ASSERT(s[i + 1] != ' ' && s[i + 1] != '\n');
        if (c == '\n' && i + 2 < n)
            ASSERT(!(s[i + 1] == '\n' && s[i + 2] == '\n'));
        if (c == '\n' && i + 1 < n)
            ASSERT(s[i + 1] != ' ');
    }
}

static char *strip_space(const char *s)
{
    char *r = malloc(strlen(s) + 1);
    size_t n = 0;
    for (; *s; s++)
        if (*s != ' ' && *s != '\n')
            r[n++] = *s;
    r[n] = '\0';
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    enum text_mode mode = (data[0] & 1) ? TEXT_BLOCK : TEXT_INLINE;
    static const size_t caps[] = {0, 0, 0, 0, 1, 2, 3, 4, 5, 8, 13, 40, 80, 200, 1000, 0};
    size_t max_bytes = caps[(data[0] >> 1) & 15];
    const char *in = (const char *)data + 1;
    size_t len = size - 1;

    char *r = text_from_html(in, len, mode, max_bytes);
    check_clean(r, mode, max_bytes);
    free(r);
    r = text_from_plain(in, len, mode, max_bytes);
    check_clean(r, mode, max_bytes);
    free(r);

    char *lean = text_html_lean(in, len, mode);
    if (lean) {
        char *full = text_html_full(in, len, mode);
        check_clean(lean, mode, 0);
        check_clean(full, mode, 0);
        char *a = strip_space(lean), *b = strip_space(full);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "lean: \"%s\"\nfull: \"%s\"\n", lean, full);
            ASSERT(!"lean and full parsers disagree");
        }
        free(a);
        free(b);
        free(full);
        free(lean);
    }

    r = text_sanitize_utf8(in, len);
    ASSERT(text_is_valid_utf8(r, strlen(r)));
    char *d = text_decode_entities(in, len);
    ASSERT(text_is_valid_utf8(d, strlen(d)));
    free(d);
    if (max_bytes) {
        char *t = text_truncate(r, max_bytes);
        ASSERT(strlen(t) <= max_bytes);
        ASSERT(text_is_valid_utf8(t, strlen(t)));
        free(t);
    }
    free(r);
    return 0;
}
