/*
 * Body cleaning for the summariser (docs/extraction.md), separate so it can be tested and
 * explained on its own: from blocks of text (lines, each maybe tagged with its HTML kind) to
 * the body the summariser reads. The body keeps the article's structure, one block per line,
 * each line with its kind: paragraphs, headings (from HTML, or in plain text a short line
 * without final punctuation), list items and table rows; the summariser only picks sentences
 * from paragraphs. Removed: the headline, captions and image credits, bylines and dates,
 * advertising, share templates, calls to action, disclaimers and "Der Beitrag wurde am ...
 * veröffentlicht" lines; the tail of the page is cut at tag lists, "read more" blocks, "The
 * post ... appeared first on ..." and at a run of short lines.
 *
 * Pure and thread-safe.
 */
#ifndef TICKER_CORE_SUMMARY_CLEAN_H
#define TICKER_CORE_SUMMARY_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

enum summary_line_kind {
    SUMMARY_LINE_UNKNOWN,   /* plain text: decided by the line's look (input only) */
    SUMMARY_LINE_PARAGRAPH, /* running text: the only lines summaries are made of */
    SUMMARY_LINE_HEADING,
    SUMMARY_LINE_LIST_ITEM,
    SUMMARY_LINE_TABLE_ROW,
    SUMMARY_LINE_CAPTION, /* captions and image credits: never kept (input only) */
};

struct summary_line {
    const char *s; /* not NUL-terminated */
    size_t len;
    enum summary_line_kind kind;
};

/* A cleaned body: the kept lines and the kind of each. */
struct summary_body {
    char *text; /* the lines joined by '\n', whitespace collapsed; "" when nothing is left */
    size_t len;
    enum summary_line_kind *kinds; /* n_lines entries: PARAGRAPH, HEADING, LIST_ITEM or
                                      TABLE_ROW */
    size_t n_lines;
};

/*
 * Cleans `n` lines into `out` (which it overwrites; free with summary_clean_body_free).
 * `title` (the headline) may be NULL. Never fails.
 */
void summary_clean_body(const struct summary_line *lines, size_t n, const char *title,
                        struct summary_body *out);

/* Frees everything in b and zeroes it. NULL is fine. */
void summary_clean_body_free(struct summary_body *b);

/* Does this sentence or line advertise (webinar, jetzt kaufen, subscribe, ...)? */
bool summary_clean_is_advert(const char *s, size_t len);

/* Does the text end like a sentence (. ! ? … 。 ！ ？), once closing quotes and brackets are set
 * aside? A heading in quotes ("Eine Nation ohne Grenzen") does not. */
bool summary_clean_ends_sentence(const char *s, size_t len);

/* Does a line (or sentence) that starts like this begin the tail of a page (Themen:, Tags:,
 * Mehr zum Thema, Lesen Sie auch, Read more, Related, The post ... appeared first on)? */
bool summary_clean_is_tail_marker(const char *s, size_t len);

#endif
