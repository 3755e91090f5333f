/*
 * Fuzz target for charset conversion. The first byte picks the document kind and an HTTP
 * charset label from a fixed list; the rest is the document. Asserts: conversion succeeds for
 * every supported label; the result is valid UTF-8 of the stated length, NUL-terminated,
 * without a leading BOM; the encoding name is set.
 */
#include "core/charset.h"
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT(c)                                                                                  \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "fuzz_charset: %s:%d: %s\n", __FILE__, __LINE__, #c);                  \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const http[] = {
        NULL,     "utf-8",     "iso-8859-1", "windows-1252", "koi8-r",   "shift_jis",
        "euc-jp", "gb2312",    "big5",       "utf-16",       "utf-16be", "iso-2022-jp",
        "euc-kr", "x-unknown", "UTF-32",     "windows-1251",
    };
    if (size < 1 || size > 256 * 1024)
        return 0;
    enum charset_doc doc = (enum charset_doc)((data[0] >> 4) % 3);
    const char *label = http[data[0] & 15];
    struct charset_result r;
    struct error err = {0};
    bool ok = charset_to_utf8((const char *)data + 1, size - 1, label, doc, &r, &err);
    ASSERT(ok);
    ASSERT(r.text != NULL);
    ASSERT(r.text[r.len] == '\0');
    ASSERT(text_is_valid_utf8(r.text, r.len));
    ASSERT(r.encoding[0] != '\0');
    ASSERT(r.len < 3 || memcmp(r.text, "\xEF\xBB\xBF", 3) != 0);
    free(r.text);

    /* Mojibake repair: valid UTF-8 out, never longer than what went in (each character
     * becomes one byte of the result), and idempotent on its own output only by accident, so
     * that is not asserted. */
    size_t fixed_len = 0;
    char *fixed = charset_fix_mojibake((const char *)data + 1, size - 1, &fixed_len);
    if (fixed) {
        ASSERT(text_is_valid_utf8(fixed, fixed_len));
        ASSERT(fixed_len < size - 1);
        ASSERT(fixed[fixed_len] == '\0');
        free(fixed);
    }

    char ct[64];
    char hdr[80];
    size_t n = size - 1 < 60 ? size - 1 : 60;
    memcpy(hdr, data + 1, n);
    hdr[n] = '\0';
    if (charset_from_content_type(hdr, ct, sizeof ct))
        ASSERT(strlen(ct) > 0 && strlen(ct) < sizeof ct);
    return 0;
}
