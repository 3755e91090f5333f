/* Whole-file reads with a cap: feeds and articles are untrusted and may be huge. */
#include "io/file.h"
#include "core/util.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

char *file_read_all(const char *path, size_t cap, size_t *len_out, char *err, size_t errlen)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct buf b = {.cap_limit = cap};
    char chunk[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!buf_append(&b, chunk, n)) {
            snprintf(err, errlen, "%s: larger than the limit of %zu bytes", path, cap);
            ok = false;
            break;
        }
    }
    if (ok && ferror(f)) {
        snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
        ok = false;
    }
    if (!is_stdin)
        fclose(f);
    if (!ok) {
        buf_free(&b);
        return NULL;
    }
    *len_out = b.len;
    return buf_steal(&b);
}
