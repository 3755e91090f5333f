/*
 * Words in UTF-8 text, for the summariser's modules (sentence, lang, summary, summary_clean)
 * and the extraction benchmark: what is a word character, where the next word is, letter case
 * for the scripts news in our languages is written in, and lower-casing into a caller's buffer.
 * Deliberately small tables, not full Unicode: Latin (with Latin-1 and Latin Extended-A), Greek
 * and Cyrillic. Everything else is "other". Decoding and encoding are text.h's
 * (text_utf8_decode_bytewise, text_utf8_encode).
 *
 * Pure and thread-safe. Works on bytes; does not care whether char is signed.
 */
#ifndef TICKER_CORE_WORDS_H
#define TICKER_CORE_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum words_case {
    WORDS_CASE_OTHER, /* not a letter we know the case of (digits count as other) */
    WORDS_CASE_UPPER,
    WORDS_CASE_LOWER,
};

enum words_case words_case_of(uint32_t cp);

/* Is cp a letter or digit (a word character) as far as the tables above know? Any code point
 * above U+024F that is not punctuation or a space counts as a word character. */
bool words_is_word_cp(uint32_t cp);

uint32_t words_to_lower(uint32_t cp);

/* Finds the next word of s[*pos..len): a run of word characters (words_is_word_cp), so hyphens
 * and apostrophes split words. Returns false when there is none; else sets *start to the
 * word's first byte and *pos just past its last. */
bool words_next(const char *s, size_t len, size_t *pos, size_t *start);

/* Lower-cases s[0..n) into out (at most outcap - 1 bytes, always NUL-terminated); returns the
 * bytes written. A code point that would not fit is dropped with everything after it. */
size_t words_lower(const char *s, size_t n, char *out, size_t outcap);

/* Number of code points in s[0..n). */
size_t words_cp_count(const char *s, size_t n);

#endif
