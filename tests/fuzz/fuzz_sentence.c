/*
 * Fuzz target for sentence splitting. The first byte picks the language rules (de, en,
 * unknown); the rest is the text. Checks: sentences are non-empty, in order, do not overlap,
 * stay inside the text, never contain a line break, and start and end on non-space bytes.
 */
#include "core/sentence.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 64 * 1024)
        return 0;
    static const char *const langs[] = {"de", "en", NULL, "fr"};
    const char *lang = langs[data[0] & 3];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    struct sentence_span *s = NULL;
    size_t n = sentence_split(text, len, lang, &s);
    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        bool bad = s[i].len == 0 || s[i].start < prev_end || s[i].start + s[i].len > len ||
                   memchr(text + s[i].start, '\n', s[i].len) != NULL || text[s[i].start] == ' ' ||
                   text[s[i].start + s[i].len - 1] == ' ' || (i > 0 && s[i].line < s[i - 1].line);
        if (bad) {
            fprintf(stderr, "fuzz_sentence: bad span %zu: start %zu len %zu (text %zu)\n", i,
                    s[i].start, s[i].len, len);
            abort();
        }
        prev_end = s[i].start + s[i].len;
    }
    free(s);
    return 0;
}
