/*
 * Body cleaning for the summariser (DESIGN.md section 5), separate so it can be tested and
 * explained on its own: from blocks of text (lines, each maybe tagged with its HTML kind) to
 * the lines that may feed a summary. Removes the headline, headings (short lines without
 * final punctuation), list items, credits and advertising lines, and cuts the tail of the page
 * at tag lists, "read more" blocks, "The post ... appeared first on ..." and at a run of
 * short lines.
 *
 * Pure and thread-safe.
 */
#ifndef TICKER_CORE_SUMMARY_CLEAN_H
#define TICKER_CORE_SUMMARY_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

enum summary_line_kind {
    SUMMARY_LINE_UNKNOWN,   /* plain text: decided by the line's look */
    SUMMARY_LINE_PARAGRAPH, /* from a <p> or the like: still checked for tails and adverts */
    SUMMARY_LINE_HEADING,
    SUMMARY_LINE_LIST_ITEM,
    SUMMARY_LINE_OTHER, /* captions, table cells */
};

struct summary_line {
    const char *s; /* not NUL-terminated */
    size_t len;
    enum summary_line_kind kind;
};

/*
 * Cleans `n` lines. Returns a new string (caller frees) holding the kept lines joined by
 * '\n', whitespace collapsed within each line; "" when nothing is left. `title` may be NULL.
 */
char *summary_clean_body(const struct summary_line *lines, size_t n, const char *title);

/* Does this sentence or line advertise (webinar, jetzt kaufen, subscribe, ...)? */
bool summary_clean_is_advert(const char *s, size_t len);

/* Does the text end like a sentence (. ! ? … 。 ！ ？), once closing quotes and brackets are set
 * aside? A heading in quotes ("Eine Nation ohne Grenzen") does not. */
bool summary_clean_ends_sentence(const char *s, size_t len);

/* Does a line (or sentence) that starts like this begin the tail of a page (Themen:, Tags:,
 * Mehr zum Thema, Lesen Sie auch, Read more, Related, The post ... appeared first on)? */
bool summary_clean_is_tail_marker(const char *s, size_t len);

#endif
