/*
 * jsonw: a small streaming JSON writer. Values are appended as text to a struct buf (util.h),
 * which the caller drains to wherever the output goes (the core does no I/O), so a large
 * document never exists as a tree plus a printed copy. The output matches cJSON's unformatted
 * printer byte for byte: '"' and '\\' and the control characters below 0x20 are escaped
 * (\b \f \n \r \t, else \u00xx with lower-case hex), every other byte - UTF-8 included, U+2028
 * too - is copied as it is. cJSON stays the JSON reader; this is only for writing.
 *
 * Commas are the caller's: the writer has no state beyond the buffer.
 */
#ifndef TICKER_CORE_JSONW_H
#define TICKER_CORE_JSONW_H

#include "core/util.h"

#include <stddef.h>
#include <stdint.h>

/* Appends s (len bytes) as a JSON string literal. Returns false when b's cap refused it. */
bool jsonw_string_n(struct buf *b, const char *s, size_t len);
/* Appends the NUL-terminated s as a string literal, or null when s is NULL. */
bool jsonw_string(struct buf *b, const char *s);
/* Appends "key": (the key escaped like any string). */
bool jsonw_key(struct buf *b, const char *key);
/* Appends ,"key":value / "key":value (comma when `comma`) with value as jsonw_string. */
bool jsonw_member_str(struct buf *b, bool comma, const char *key, const char *value);
/* Appends an integer in decimal. */
bool jsonw_int(struct buf *b, int64_t v);

#endif
