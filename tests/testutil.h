/*
 * Helpers shared by test executables of every layer (static inline: each test includes what it
 * uses, unused ones cost nothing and raise no warning).
 */
#ifndef TICKER_TESTS_TESTUTIL_H
#define TICKER_TESTS_TESTUTIL_H

#include "core/util.h"

#include <stdio.h>

/* The whole file at path, NUL-terminated, its size in *len; NULL when it cannot be opened
 * (nothing is printed: the caller knows what the file was for). The caller frees. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_steal(&b);
}

#endif
