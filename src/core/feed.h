/*
 * Feeds to items: RSS 0.90-2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1, from a
 * buffer, into plain structs of clean UTF-8 text (docs/feeds.md).
 *
 * Pure: no I/O and no clock. Thread-safe (no shared state); call feed_init() once at start-up
 * before threads are started.
 */
#ifndef TICKER_CORE_FEED_H
#define TICKER_CORE_FEED_H

#include "core/budget.h"
#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* "No date": published/updated values when the feed gave none or an unparseable one. */
#define FEED_TIME_NONE INT64_MIN

enum feed_format {
    FEED_FORMAT_RSS20,    /* RSS 2.0 (and 0.93/0.94; a bare <channel> root) */
    FEED_FORMAT_RSS10,    /* RSS 1.0, RDF */
    FEED_FORMAT_RSS09X,   /* RSS 0.90, 0.91, 0.92 */
    FEED_FORMAT_ATOM10,   /* Atom 1.0 (also a <feed> root without its namespace) */
    FEED_FORMAT_ATOM03,   /* Atom 0.3 (the same with version="0.3") */
    FEED_FORMAT_JSONFEED, /* JSON Feed 1.0 / 1.1 */
};

/* The name used in `ticker parse` output: "rss20", "rss10", ... */
const char *feed_format_name(enum feed_format f);

/* One story. Every string is clean UTF-8 plain text or NULL when absent. */
struct feed_item {
    /* guid / Atom id; else link; else a hash of title and date; never NULL */
    char *id;
    char *title;
    char *link;        /* absolute URL, resolved against xml:base and the feed URL */
    int64_t published; /* Unix seconds UTC, or FEED_TIME_NONE */
    int64_t updated;   /* Unix seconds UTC, or FEED_TIME_NONE */
    char *summary;     /* plain text of description / summary; lines separated by '\n' */
    char *content;     /* plain text of content:encoded / Atom content / content_html|text */
    char *author;
    char **categories;
    size_t n_categories;
    /* absolute URL of an image (enclosure, media:content, media:thumbnail) */
    char *image;
    char *language;
    /* The summary is final: the item comes from a Ticker hub's JSON Feed export (it carries
     * the "_ticker" extension), whose summary was made from the article already; a display
     * keeps it as it is (docs/hub.md). */
    bool summary_final;
};

struct feed {
    enum feed_format format;
    bool wellformed; /* false: recovered from an ill-formed document */
    /* When !wellformed: the first thing a strict reading stumbled on, with its position
     * ("Entity 'nbsp' not defined", line 3, column 20); empty otherwise. */
    struct error malformed;
    char *title;
    char *link;
    char *language;
    int ttl; /* RSS <ttl> in minutes, or -1 */
    struct feed_item *items;
    size_t n_items;
};

struct feed_options {
    const char *url;          /* where the document came from (for relative links); may be NULL */
    const char *content_type; /* HTTP Content-Type header (for its charset); may be NULL */
    size_t max_bytes;         /* document size cap; 0 = FEED_DEFAULT_MAX_BYTES */
    size_t max_items;         /* 0 = FEED_DEFAULT_MAX_ITEMS */
    /* The CPU time (or other work) one document may cost, asked now and then while parsing
     * XML; past it the parse fails ("used up its CPU time budget"). NULL: no limit. */
    const struct budget *budget;
};

#define FEED_DEFAULT_MAX_BYTES (8u * 1024 * 1024)
#define FEED_DEFAULT_MAX_ITEMS 1000u

/* Field caps in bytes of clean UTF-8 (longer text is cut at a word boundary with "…"; a URL
 * longer than FEED_CAP_OTHER is dropped, since a cut URL is a wrong URL). */
#define FEED_CAP_TITLE      1024u  /* item and feed titles */
#define FEED_CAP_SUMMARY    8192u  /* item summary */
#define FEED_CAP_CONTENT    65536u /* item content */
#define FEED_CAP_OTHER      2048u  /* id, link, author, category, image, language */
#define FEED_MAX_CATEGORIES 32u    /* categories kept per item */

/* Process-wide set-up of the XML library; call once from main before any thread starts. */
void feed_init(void);

/*
 * Parses a feed document. On success returns a new feed (free with feed_free) and leaves
 * `err` untouched; an ill-formed document that still yields a feed succeeds with
 * wellformed = false. On failure (not a feed, too large, an attack - an external entity, an
 * entity defined through others, nesting past 256 levels - or nothing recoverable) returns
 * NULL and fills `err` (may be NULL): the reason, and its line and column in the document
 * where one is known (0 otherwise).
 */
struct feed *feed_parse(const char *buf, size_t len, const struct feed_options *opt,
                        struct error *err);

void feed_free(struct feed *f);

#endif
