/*
 * Fuzz target for core/url: links and URLs from feeds, configurations and servers. Beyond
 * memory safety it checks promises: url_redact never lets the userinfo of an http(s) URL
 * through and is the identity on text without secrets' places; url_normalize_link is
 * idempotent (two links are the same story or not, whichever one is normalised first);
 * url_resolve's result respects its length limit.
 */
#include "core/url.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192)
        return 0;
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';

    char *r = url_redact(s);
    /* "scheme://user@host": whatever precedes the authority's last '@' must be gone. */
    const char *sep = strstr(s, "://");
    if (sep && url_has_scheme(s)) {
        const char *auth = sep + 3;
        size_t alen = strcspn(auth, "/?#");
        const char *at = NULL;
        for (const char *q = auth; q < auth + alen; q++)
            if (*q == '@')
                at = q;
        if (at && at > auth && strstr(r, "***@") == NULL) {
            fprintf(stderr, "fuzz_url: userinfo kept in \"%s\"\n", r);
            abort();
        }
    }
    if (!strchr(s, '@') && !strchr(s, '?') && strcmp(r, s) != 0) {
        fprintf(stderr, "fuzz_url: \"%s\" redacted to \"%s\" with nothing to hide\n", s, r);
        abort();
    }
    free(r);

    char *n1 = url_normalize_link(s);
    if (n1) {
        char *n2 = url_normalize_link(n1);
        if (!n2 || strcmp(n1, n2) != 0) {
            fprintf(stderr, "fuzz_url: normalising \"%s\" twice: \"%s\" then \"%s\"\n", s, n1,
                    n2 ? n2 : "NULL");
            abort();
        }
        free(n2);
    }
    free(n1);

    free(url_file_path(s));
    /* The first line is the base, the rest the reference. */
    char *nl = strchr(s, '\n');
    const char *base = nl ? s : NULL;
    const char *ref = nl ? nl + 1 : s;
    if (nl)
        *nl = '\0';
    char *u = url_resolve(base, ref, strlen(ref), 200);
    if (u && strlen(u) > 200) {
        fprintf(stderr, "fuzz_url: resolved past its limit: %zu bytes\n", strlen(u));
        abort();
    }
    free(u);
    free(s);
    return 0;
}
