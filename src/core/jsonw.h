/*
 * jsonw: a small streaming JSON writer. Values are appended as text to a struct buf (util.h),
 * which the caller drains to wherever the output goes (the core does no I/O), so a large
 * document never exists as a tree plus a printed copy. The output matches cJSON's unformatted
 * printer byte for byte: '"' and '\\' and the control characters below 0x20 are escaped
 * (\b \f \n \r \t, else \u00xx with lower-case hex), every other byte - UTF-8 included, U+2028
 * too - is copied as it is. cJSON stays the JSON reader; this is only for writing.
 *
 * Commas are the caller's: the writer has no state beyond the buffer.
 *
 * Whatever the strings hold, the output is valid UTF-8: an invalid sequence in a string is
 * written as U+FFFD (a JSON document in invalid UTF-8 is no JSON document). jsonw_print does
 * the same for documents built with cJSON, which copies string bytes as they are.
 */
#ifndef TICKER_CORE_JSONW_H
#define TICKER_CORE_JSONW_H

#include "core/util.h"

#include <cjson/cJSON.h>
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
/* jsonw_string and jsonw_member_str for text known to be valid UTF-8 (what the text module
 * and the feed parser give, as their contracts say and fuzz_feed checks): the same output
 * without checking it again. Invalid UTF-8 given here comes out invalid. */
bool jsonw_string_utf8(struct buf *b, const char *s);
bool jsonw_member_utf8(struct buf *b, bool comma, const char *key, const char *value);

/* Appends an integer in decimal. */
bool jsonw_int(struct buf *b, int64_t v);

/* cJSON_Print (formatted) or cJSON_PrintUnformatted of item, made valid UTF-8 (invalid
 * sequences in its strings become U+FFFD). Returns a string to free with free(); aborts when
 * out of memory, as xmalloc does. */
char *jsonw_print(const cJSON *item, bool formatted);

#endif
