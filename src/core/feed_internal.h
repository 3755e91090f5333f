/*
 * Private to the feed module (feed.c, feed_xml.c, feed_json.c): the helpers the XML and JSON
 * readers share so that every format fills struct feed_item by the same rules (cleaning, caps,
 * id fallback, language inheritance). Not for use outside src/core/feed*.c.
 */
#ifndef TICKER_CORE_FEED_INTERNAL_H
#define TICKER_CORE_FEED_INTERNAL_H

#include "core/error.h"
#include "core/feed.h"

#include <stdarg.h>

/* How a field's raw text becomes clean text. */
enum feed_conv {
    FEED_CONV_TEXT,  /* plain text: text_from_plain */
    FEED_CONV_HTML,  /* an HTML fragment: text_from_html */
    FEED_CONV_XHTML, /* serialised XHTML markup (Atom type="xhtml"): text_from_html */
    FEED_CONV_SKIP,  /* not text we can show (Atom base64 content, content with src=) */
};

/* One parse in progress: the feed being filled and its limits. */
struct feed_build {
    struct feed *feed;
    size_t max_items;
    size_t items_alloc;
    const char *url; /* the feed's own URL, base of relative links; may be NULL */
    char *author;    /* the feed's author (Atom feed <author>, JSON Feed top-level authors),
                        given to the items without their own; owned, freed by finish */
};

/* Adds an empty item (dates FEED_TIME_NONE); NULL when max_items is reached. */
struct feed_item *feed_build_add_item(struct feed_build *b);
/* Drops the last item again (it turned out empty). */
void feed_build_drop_last(struct feed_build *b);
/* Fills the id fallback of an item that is complete. */
void feed_item_finish(struct feed_item *it);
/* Whole-feed fix-ups once parsing is over (item language and author from the feed's); frees
 * b->author. */
void feed_build_finish(struct feed_build *b);

/* Raw text to a clean, capped field value; NULL when the result is empty. */
char *feed_clean_text(const char *s, size_t len, enum feed_conv conv, bool block, size_t cap);
/* A short single-line value (id, language, category): sanitised, collapsed, capped. */
char *feed_clean_short(const char *s, size_t len);
/* "jdoe@example.com (Jane Doe)" -> "Jane Doe"; other forms cleaned as they are. */
char *feed_clean_author(const char *s, size_t len, bool html);
/* A link resolved against base; NULL when unusable. */
char *feed_clean_url(const char *base, const char *s, size_t len);
/* Unix time of a date string, or FEED_TIME_NONE. */
int64_t feed_date(const char *s, size_t len);

/* Sets *slot to v when it is empty or prio beats *slot_prio; otherwise frees v. */
void feed_set(char **slot, int *slot_prio, char *v, int prio);
void feed_set_time(int64_t *slot, int *slot_prio, int64_t v, int prio);
/* Appends a category (takes ownership; NULL ignored; duplicates and past the cap dropped). */
void feed_item_add_category(struct feed_item *it, char *cat);

/* Expands the entities declared in the document's internal DTD subset (feed_dtd.c). Returns
 * false with err when the document is refused (an external entity, a cycle, nesting or
 * expansion past the limits); otherwise true, with *out a new expanded copy of *out_len bytes
 * (the caller frees it), or NULL when there was nothing to expand. */
bool feed_dtd_expand(const char *text, size_t len, char **out, size_t *out_len, struct error *err);

/* The two readers. `text` is UTF-8 (text[len] need not be a NUL). */
struct feed *feed_xml_parse(const char *text, size_t len, const struct feed_options *opt,
                            struct error *err);
/* feed_xml_parse without the CDATA side table (every section left to libxml2): the same
 * result, slower; for tests that check exactly that. */
struct feed *feed_xml_parse_plain(const char *text, size_t len, const struct feed_options *opt,
                                  struct error *err);
/* True when two parse results (either may be NULL) hold the same values, field by field. */
bool feed_equal(const struct feed *a, const struct feed *b);
struct feed *feed_json_parse(const char *text, size_t len, const struct feed_options *opt,
                             struct error *err);

#endif
