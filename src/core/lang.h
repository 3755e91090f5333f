/*
 * Languages for the summariser: detection by stop words, stop-word lookup, and Snowball
 * stemming through libstemmer (docs/extraction.md).
 *
 * Stop lists exist for de, en, fr, es, it, nl and pt (short lists of the most frequent
 * function words, our own selection). Detection counts stop-word hits per language over the
 * first few hundred words and needs a clear winner; without one it answers NULL and the
 * caller treats the text as unknown.
 *
 * Stop-word lookup and detection are pure and thread-safe. A `struct lang_stemmer` wraps a
 * libstemmer handle, which keeps state between calls: one thread at a time.
 */
#ifndef TICKER_CORE_LANG_H
#define TICKER_CORE_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* Words longer than this (bytes) are neither looked up nor stemmed. */
#define LANG_MAX_WORD 64

/*
 * The language of `len` bytes of UTF-8 text: "de", "en", "fr", "es", "it", "nl" or "pt" (a
 * static string), or NULL when the text is too short or no language wins clearly.
 */
const char *lang_detect(const char *text, size_t len);

/* Is `word` (lower-case UTF-8, `len` bytes) a stop word of `lang`? False for languages without
 * a stop list. */
bool lang_is_stopword(const char *lang, const char *word, size_t len);

/* The stop list of `lang` (sorted by byte value) in *words; returns its length, 0 when there is
 * none. The array is static. */
size_t lang_stoplist(const char *lang, const char *const **words);

/* Does `lang` have a stop list (and so detection and ranking support)? */
bool lang_has_stoplist(const char *lang);

/* The Snowball algorithm name for an ISO 639-1 code ("de" -> "german"), or NULL. */
const char *lang_snowball_name(const char *lang);

/* Normalises a language tag ("de-DE", "EN_us", "German") to a two-letter code into out
 * (3 bytes). Returns false when it is empty, "auto" or not a tag. */
bool lang_normalise(const char *tag, char out[3]);

struct lang_stemmer;

/* A stemmer for `lang`, or NULL when Snowball has none for it. Free with lang_stemmer_free. */
struct lang_stemmer *lang_stemmer_new(const char *lang);
void lang_stemmer_free(struct lang_stemmer *st);

/*
 * Stems `word` (lower-case UTF-8, `len` bytes). Returns a pointer valid until the next call on
 * this stemmer and sets *outlen; words longer than LANG_MAX_WORD come back unchanged.
 */
const char *lang_stem(struct lang_stemmer *st, const char *word, size_t len, size_t *outlen);

#endif
