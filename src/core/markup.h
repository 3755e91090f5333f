/*
 * Guards in front of libxml2 for untrusted markup (feeds and HTML pages; docs/feeds.md,
 * "Limits").
 *
 * libxml2 2.9 checks every attribute of a start tag against all the earlier ones, so one
 * element with n attributes costs n^2: a 1.9 MB feed whose item carries 200,000 attributes
 * took 26 s, an HTML page with 40,000 on one <div> 11 s. No real document needs more than a
 * few dozen, so the markup is scanned (linearly, as libxml2 reads it) for start tags with more
 * than a cap, before the parser sees them: a feed with one is refused, an HTML page has the
 * surplus cut off (a browser would show the page, and so do we).
 *
 * The scanner follows the markup only as far as needed to count attributes the way the parser
 * will see them: comments, CDATA sections (XML), processing instructions, declarations and
 * quoted attribute values are skipped; attributes are counted where a name starts, so
 * "a='1'b='2'" counts two (libxml2's HTML parser reads it so). It errs on the side of counting
 * too many, never too few.
 *
 * Pure and thread-safe: all state lives in the caller's struct markup_scan.
 */
#ifndef TICKER_CORE_MARKUP_H
#define TICKER_CORE_MARKUP_H

#include "core/budget.h"

#include <stdbool.h>
#include <stddef.h>

/* Attributes one start tag may have: a feed element past this makes the feed an error; an
 * HTML tag is cut after this many. */
#define MARKUP_XML_MAX_ATTRS  256u
#define MARKUP_HTML_MAX_ATTRS 64u

enum markup_lang { MARKUP_XML, MARKUP_HTML };

enum markup_event {
    MARKUP_NONE,      /* the bytes given were scanned to their end */
    MARKUP_FLOOD,     /* at the returned index starts the attribute past the cap */
    MARKUP_FLOOD_END, /* at the returned index is the '>' ending the tag that flooded */
};

/* The scanner's state between calls; fill with markup_scan_init. */
struct markup_scan {
    unsigned char lang, state, sub, quote, match, nbang;
    char bang[8];
    bool flooded;
    size_t attrs, max_attrs;
};

void markup_scan_init(struct markup_scan *s, enum markup_lang lang, size_t max_attrs);

/*
 * Scans the next n bytes of a document (in order, in pieces of any size). Returns n with
 * *ev = MARKUP_NONE, or stops at an event and returns the index in p of the byte it is about
 * (that byte counts as scanned: call again with p + index + 1 to go on).
 */
size_t markup_scan(struct markup_scan *s, const char *p, size_t n, enum markup_event *ev);

/*
 * An HTML document with every start tag cut after max_attrs attributes (the rest of the tag
 * up to its '>' removed). Returns NULL when no tag needs cutting (use the input as it is),
 * else a new buffer of *out_len bytes, NUL-terminated, that the caller frees.
 */
char *markup_html_trim(const char *s, size_t len, size_t max_attrs, size_t *out_len);

/*
 * libxml2's HTML parser on UTF-8 text (htmlReadMemory with `options`; "UTF-8" forced), behind
 * the two guards: attribute floods cut (markup_html_trim, MARKUP_HTML_MAX_ATTRS) and the
 * budget `b` (may be NULL) asked every few thousand elements. Returns the tree (free with
 * xmlFreeDoc), or NULL when libxml2 gives none or the budget ran out; *over_budget (may be
 * NULL) tells the second case. Thread-safe after xmlInitParser().
 */
struct _xmlDoc; /* libxml2's xmlDoc (libxml/tree.h) */
struct _xmlDoc *markup_html_parse(const char *utf8, size_t len, int options, const struct budget *b,
                                  bool *over_budget);

/*
 * Is this a whole HTML document rather than text (that may mention tags) or a fragment? Yes
 * when, after a byte order mark, whitespace, an XML declaration and comments, the first markup
 * is <!DOCTYPE html>, <html>, <head> or <body> (any case), as `file` decides for such files.
 */
bool markup_is_html_document(const char *s, size_t len);

#endif
