/*
 * Fuzz target for date_parse: arbitrary bytes (copied and NUL-terminated, since the parser
 * takes a C string). Beyond memory safety it checks the parser's promise: any accepted date
 * lies in the RFC 3339 range and formats to text that parses back to the same instant.
 */
#include "core/date.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    int64_t t;
    if (date_parse(s, &t)) {
        char text[21], again[21];
        date_format_rfc3339(t, text);
        int64_t back;
        if (!date_parse(text, &back) || back != t) {
            fprintf(stderr, "fuzz_date: \"%s\" -> %lld -> %s does not parse back\n", s,
                    (long long)t, text);
            abort();
        }
        date_format_rfc3339(back, again);
        if (strcmp(text, again) != 0)
            abort();
    }
    free(s);
    return 0;
}
