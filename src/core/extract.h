/*
 * Main text of an article page (docs/extraction.md): the paragraphs, headings, lists and
 * tables a reader came for, without navigation, cookie banners, share bars, comments, related
 * links, newsletter boxes, galleries and advertising.
 *
 * The page is decoded to UTF-8 first (charset_to_utf8 with CHARSET_DOC_HTML: the HTTP charset,
 * else a <meta charset> prescan, else UTF-8 when the bytes are valid UTF-8, else windows-1252)
 * and parsed into a compact tree (html.h). Elements that are never content are dropped;
 * elements named with boilerplate words in their class or id are judged by what they hold
 * (a wrapper around the article stays, a box of links goes); paragraph containers are scored
 * by text length, commas and link density, and the best one is kept with the siblings that
 * belong to it (the readability idea).
 *
 * Pure and thread-safe. Linear in the input; pages are cut at EXTRACT_MAX_PAGE_BYTES, nesting
 * and node counts are capped (html.h), the text at 1 MiB.
 */
#ifndef TICKER_CORE_EXTRACT_H
#define TICKER_CORE_EXTRACT_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>

/* Pages larger than this are cut before parsing (a main text is never that far in). */
#define EXTRACT_MAX_PAGE_BYTES (4u * 1024 * 1024)

/* Kinds of block in the extracted text. */
enum extract_block_kind {
    EXTRACT_PARAGRAPH, /* running text */
    EXTRACT_HEADING,   /* h1-h6 and the like */
    EXTRACT_LIST_ITEM, /* li, dt, dd */
    EXTRACT_TABLE_ROW, /* a row of a data table, its cells separated by a space */
    EXTRACT_CAPTION,   /* figure captions and image credits (by element or class name) */
};

struct extract_block {
    enum extract_block_kind kind;
    size_t start, len; /* byte range of the block's line in extract_result.text */
};

struct extract_result {
    char *text; /* the main text: one block per line ('\n'), clean UTF-8; never NULL */
    size_t len;
    struct extract_block *blocks; /* every line of text, in order */
    size_t n_blocks;
    char *title;       /* og:title, else <title>, else the first h1; NULL when none */
    char lang[8];      /* primary subtag of <html lang> ("de"), or "" */
    char encoding[32]; /* what the page was decoded as */
};

/*
 * Extracts the main text of a whole page (`len` bytes in any charset; `http_charset` may be
 * NULL). Returns false when there is no main text to be found, with the reason in *err (which
 * may be NULL; the position stays unknown); `out` must then still be freed with
 * extract_result_free. The caller owns `out`.
 */
bool extract_article(const char *html, size_t len, const char *http_charset,
                     struct extract_result *out, struct error *err);

/*
 * Blocks of an HTML fragment (an RSS description or content:encoded, already UTF-8): the same
 * boilerplate removal, but no container scoring (a fragment is all content). Never fails;
 * empty input gives an empty result. The caller owns `out` (extract_result_free).
 */
void extract_fragment(const char *html, size_t len, struct extract_result *out);

/* Frees everything in r and zeroes it. NULL is fine. */
void extract_result_free(struct extract_result *r);

#endif
