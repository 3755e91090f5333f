/*
 * Sentence splitting for German and English news prose (docs/extraction.md).
 *
 * A sentence ends at '.', '!', '?', '…' or "..." (with any closing quotes and brackets that
 * follow it) when whitespace and a sentence opener (an upper-case letter, a digit, an opening
 * quote or bracket) come next. A full stop does not end a sentence after an abbreviation
 * (Dr., Prof., z.B., ca., Mio., vgl., Mr., U.S. ...), an initial (Donald J. Trump), or a German
 * ordinal (am 3. Oktober, im 20. Jahrhundert), unless what follows is a word that typically
 * opens a sentence ("U.S. The ..."). Numbers with dots (7.500, 3.5) and URLs never split, as
 * no whitespace follows their dots. A line break always ends a sentence: headings are never
 * joined to the next sentence. The CJK marks 。！？ end a sentence with no space after them.
 *
 * Pure and thread-safe; works on bytes of UTF-8 and does not care whether char is signed.
 */
#ifndef TICKER_CORE_SENTENCE_H
#define TICKER_CORE_SENTENCE_H

#include <stddef.h>

/* One sentence: a byte range of the input, trimmed of surrounding whitespace. */
struct sentence_span {
    size_t start;
    size_t len;
    size_t line; /* 0-based line (block) of the input the sentence is on */
};

/*
 * Splits `len` bytes of UTF-8 text into sentences. `lang` ("de", "en", NULL for unknown)
 * selects the abbreviation and ordinal rules (both languages' lists are used when NULL).
 * Stores a new array in *out that the caller frees (NULL when there are none) and returns the
 * number of sentences. Never fails.
 */
size_t sentence_split(const char *text, size_t len, const char *lang, struct sentence_span **out);

#endif
