/*
 * feed_parse: the entry point, and the rules every format shares.
 *
 * Order of work: size cap, then "is it JSON" (first non-blank byte is '{'), then the bytes
 * to UTF-8 (charset.h: BOM, HTTP charset, declaration, valid UTF-8, windows-1252), then the
 * XML reader (feed_xml.c) or the JSON Feed reader (feed_json.c). Both fill struct feed
 * through the helpers below, so cleaning, caps, the id fallback and language inheritance are
 * the same for every format.
 */
#include "core/feed.h"

#include "core/charset.h"
#include "core/date.h"
#include "core/feed_internal.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *feed_format_name(enum feed_format f)
{
    switch (f) {
    case FEED_FORMAT_RSS20:
        return "rss20";
    case FEED_FORMAT_RSS10:
        return "rss10";
    case FEED_FORMAT_RSS09X:
        return "rss09x";
    case FEED_FORMAT_ATOM10:
        return "atom10";
    case FEED_FORMAT_ATOM03:
        return "atom03";
    case FEED_FORMAT_JSONFEED:
        return "jsonfeed";
    }
    return "unknown";
}

/* libxml2 reports errors that have no parser context (encoding set-up and the like) through
 * its generic handler, which prints to stderr; ours are collected per parse instead. */
static void silent_generic_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

void feed_init(void)
{
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(NULL, silent_generic_error);
    xmlSetGenericErrorFunc(NULL, silent_generic_error);
}

static void item_free_fields(struct feed_item *it)
{
    free(it->id);
    free(it->title);
    free(it->link);
    free(it->summary);
    free(it->content);
    free(it->author);
    for (size_t i = 0; i < it->n_categories; i++)
        free(it->categories[i]);
    free(it->categories);
    free(it->image);
    free(it->language);
}

void feed_free(struct feed *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n_items; i++)
        item_free_fields(&f->items[i]);
    free(f->items);
    free(f->title);
    free(f->link);
    free(f->language);
    free(f);
}

struct feed_item *feed_build_add_item(struct feed_build *b)
{
    struct feed *f = b->feed;
    if (f->n_items >= b->max_items)
        return NULL;
    if (f->n_items == b->items_alloc) {
        b->items_alloc = b->items_alloc ? b->items_alloc * 2 : 16;
        if (b->items_alloc > b->max_items)
            b->items_alloc = b->max_items;
        f->items = xreallocarray(f->items, b->items_alloc, sizeof *f->items);
    }
    struct feed_item *it = &f->items[f->n_items++];
    memset(it, 0, sizeof *it);
    it->published = FEED_TIME_NONE;
    it->updated = FEED_TIME_NONE;
    return it;
}

void feed_build_drop_last(struct feed_build *b)
{
    struct feed *f = b->feed;
    if (f->n_items) {
        item_free_fields(&f->items[f->n_items - 1]);
        f->n_items--;
    }
}

void feed_item_finish(struct feed_item *it)
{
    if (it->id)
        return;
    if (it->link) {
        it->id = xstrdup(it->link);
        return;
    }
    /* No id and no link: a stable hash of what identifies the story for a reader. */
    uint64_t h = HASH_FNV1A64_INIT;
    if (it->title)
        h = hash_fnv1a64(it->title, strlen(it->title), h);
    h = hash_fnv1a64("\n", 1, h);
    int64_t t = it->published != FEED_TIME_NONE ? it->published : it->updated;
    if (t != FEED_TIME_NONE)
        h = hash_fnv1a64(&t, sizeof t, h);
    else if (it->summary)
        h = hash_fnv1a64(it->summary, strlen(it->summary), h);
    it->id = xasprintf("urn:ticker:hash:%016llx", (unsigned long long)h);
}

void feed_build_finish(struct feed_build *b)
{
    struct feed *f = b->feed;
    for (size_t i = 0; i < f->n_items; i++) {
        if (!f->items[i].language && f->language)
            f->items[i].language = xstrdup(f->language);
        /* RFC 4287 4.1.2 and JSON Feed 1.1: an entry without an author has the feed's. */
        if (!f->items[i].author && b->author)
            f->items[i].author = xstrdup(b->author);
    }
    free(b->author);
    b->author = NULL;
}

char *feed_clean_text(const char *s, size_t len, enum feed_conv conv, bool block, size_t cap)
{
    enum text_mode mode = block ? TEXT_BLOCK : TEXT_INLINE;
    char *out;
    /* Before cleaning, which would drop the C1 controls some mojibake holds ("â€\u009D"). */
    size_t fixed_len;
    char *fixed = conv == FEED_CONV_SKIP ? NULL : charset_fix_mojibake(s, len, &fixed_len);
    if (fixed) {
        s = fixed;
        len = fixed_len;
    }
    switch (conv) {
    case FEED_CONV_HTML:
    case FEED_CONV_XHTML:
        out = text_from_html(s, len, mode, cap);
        break;
    case FEED_CONV_TEXT:
        out = text_from_plain(s, len, mode, cap);
        break;
    default:
        return NULL;
    }
    free(fixed);
    if (!out[0]) {
        free(out);
        return NULL;
    }
    return out;
}

char *feed_clean_short(const char *s, size_t len)
{
    return feed_clean_text(s, len, FEED_CONV_TEXT, false, FEED_CAP_OTHER);
}

char *feed_clean_author(const char *s, size_t len, bool html)
{
    char *a =
        feed_clean_text(s, len, html ? FEED_CONV_HTML : FEED_CONV_TEXT, false, FEED_CAP_OTHER);
    if (!a)
        return NULL;
    /* RSS 2.0 wants an e-mail address, usually written "addr (Name)"; show the name. */
    char *open = strchr(a, '(');
    size_t n = strlen(a);
    if (open && open > a && n > 2 && a[n - 1] == ')' && memchr(a, '@', (size_t)(open - a))) {
        char *name = feed_clean_short(open + 1, (size_t)(a + n - 1 - (open + 1)));
        if (name) {
            free(a);
            return name;
        }
    }
    return a;
}

char *feed_clean_url(const char *base, const char *s, size_t len)
{
    char *clean = text_sanitize_utf8(s, len);
    char *u = url_resolve(base, clean, strlen(clean), FEED_CAP_OTHER);
    free(clean);
    return u;
}

int64_t feed_date(const char *s, size_t len)
{
    char small[128];
    int64_t t;
    /* Dates are short; a longer "date" is not one. */
    if (len >= sizeof small)
        return FEED_TIME_NONE;
    memcpy(small, s, len);
    small[len] = '\0';
    return date_parse(small, &t) ? t : FEED_TIME_NONE;
}

void feed_set(char **slot, int *slot_prio, char *v, int prio)
{
    if (!v)
        return;
    if (!*slot || prio > *slot_prio) {
        free(*slot);
        *slot = v;
        *slot_prio = prio;
    } else {
        free(v);
    }
}

void feed_set_time(int64_t *slot, int *slot_prio, int64_t v, int prio)
{
    if (v == FEED_TIME_NONE)
        return;
    if (*slot == FEED_TIME_NONE || prio > *slot_prio) {
        *slot = v;
        *slot_prio = prio;
    }
}

void feed_item_add_category(struct feed_item *it, char *cat)
{
    if (!cat)
        return;
    if (it->n_categories >= FEED_MAX_CATEGORIES) {
        free(cat);
        return;
    }
    for (size_t i = 0; i < it->n_categories; i++) {
        if (!strcmp(it->categories[i], cat)) {
            free(cat);
            return;
        }
    }
    it->categories = xreallocarray(it->categories, it->n_categories + 1, sizeof *it->categories);
    it->categories[it->n_categories++] = cat;
}

/* JSON Feed documents start with '{'; XML with '<' (after a BOM, blanks, or the zero bytes of
 * UTF-16/32). A UTF-16 or UTF-32 JSON document is found the same way. */
static bool looks_like_json(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
        i = 3;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '{')
            return true;
        if (!(ascii_isspace(c) || c == 0 || c == 0xFE || c == 0xFF))
            return false;
    }
    return false;
}

struct feed *feed_parse(const char *buf, size_t len, const struct feed_options *opt,
                        struct error *err)
{
    static const struct feed_options defaults = {0};
    if (!opt)
        opt = &defaults;
    size_t max_bytes = opt->max_bytes ? opt->max_bytes : FEED_DEFAULT_MAX_BYTES;
    if (!buf || len == 0) {
        error_set(err, "empty document");
        return NULL;
    }
    if (len > max_bytes) {
        error_set(err, "document too large: %zu bytes (the limit is %zu)", len, max_bytes);
        return NULL;
    }
    bool json = looks_like_json(buf, len);

    char http_charset[64];
    const char *hc = NULL;
    if (opt->content_type &&
        charset_from_content_type(opt->content_type, http_charset, sizeof http_charset))
        hc = http_charset;
    struct charset_result cr;
    /* A view, not a copy, of a document that is UTF-8 already (most are). */
    if (!charset_to_utf8_view(buf, len, hc, json ? CHARSET_DOC_TEXT : CHARSET_DOC_XML, &cr, err))
        return NULL;
    struct feed *f = json ? feed_json_parse(cr.text, cr.len, opt, err)
                          : feed_xml_parse(cr.text, cr.len, opt, err);
    if (!cr.borrowed)
        free(cr.text);
    return f;
}

static bool str_eq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

bool feed_equal(const struct feed *a, const struct feed *b)
{
    if (!a || !b)
        return a == b;
    if (a->format != b->format || a->wellformed != b->wellformed || a->ttl != b->ttl ||
        strcmp(a->malformed.msg, b->malformed.msg) || a->malformed.line != b->malformed.line ||
        a->malformed.column != b->malformed.column || a->n_items != b->n_items ||
        !str_eq(a->title, b->title) || !str_eq(a->link, b->link) ||
        !str_eq(a->language, b->language))
        return false;
    for (size_t i = 0; i < a->n_items; i++) {
        const struct feed_item *x = &a->items[i], *y = &b->items[i];
        if (!str_eq(x->id, y->id) || !str_eq(x->title, y->title) || !str_eq(x->link, y->link) ||
            x->published != y->published || x->updated != y->updated ||
            !str_eq(x->summary, y->summary) || !str_eq(x->content, y->content) ||
            !str_eq(x->author, y->author) || !str_eq(x->image, y->image) ||
            !str_eq(x->language, y->language) || x->n_categories != y->n_categories)
            return false;
        for (size_t c = 0; c < x->n_categories; c++)
            if (!str_eq(x->categories[c], y->categories[c]))
                return false;
    }
    return true;
}
